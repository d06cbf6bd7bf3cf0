/**
 * The dataset a query reads, for lineage: the newest loaded version of the
 * first table after FROM, with its fingerprint; the query's own text when no
 * loaded table is named.
 */
/** Table names after FROM or JOIN in a query, in order (a CTE's name is listed like a table's). */
export function tablesIn(source: string): string[] {
  return [...source.matchAll(/\b(?:from|join)\s+"?([A-Za-z_][A-Za-z0-9_]*)"?/gi)].map((m) => m[1]);
}

export function datasetOf(source: string, catalog: { name: string; version: number; fingerprint: string }[], rows: number) {
  const first = tablesIn(source)[0];
  const versions = first ? catalog.filter((v) => v.name === first) : [];
  const newest = versions.sort((a, b) => b.version - a.version)[0];
  return { name: newest?.name ?? source.slice(0, 200), version: newest?.version ?? null, fingerprint: newest?.fingerprint ?? null, rows };
}
