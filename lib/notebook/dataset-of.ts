/**
 * The dataset a query reads, for lineage: the newest loaded version of the
 * first table after FROM, with its fingerprint; the query's own text when no
 * loaded table is named.
 */
export function datasetOf(source: string, catalog: { name: string; version: number; fingerprint: string }[], rows: number) {
  const m = /\bfrom\s+"?([A-Za-z_][A-Za-z0-9_]*)"?/i.exec(source);
  const versions = m ? catalog.filter((v) => v.name === m[1]) : [];
  const newest = versions.sort((a, b) => b.version - a.version)[0];
  return { name: newest?.name ?? source.slice(0, 200), version: newest?.version ?? null, fingerprint: newest?.fingerprint ?? null, rows };
}
