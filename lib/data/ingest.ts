import { readCsvSql, describeCsvError, type CsvOptions } from "./csv-options";
import { DatasetName, isVersionTable, latestVersion, physicalName, versionsOf, type DatasetVersion } from "./dataset";
import { queryRows, type Db } from "./db";
import { cancelledError, DataError, errorMessage } from "./errors";
import { sha256Hex } from "./fingerprint";
import { findCsvProblem } from "./csv-check";
import { checkBytes, formatFromName, type FileFormat } from "./formats";
import { isPlainName, quoteIdent, quoteLiteral, tableNameFromFile } from "./sql";

export interface LoadRequest {
  fileName: string;
  bytes: Uint8Array;
  /** Target table; defaults to a name derived from the file name. */
  tableName?: string;
  csv?: CsvOptions;
  maxBytes?: number;
  /** Cancels the load between stages; whatever was created is dropped. */
  signal?: AbortSignal;
  /** Reports the stage being worked on, for the progress line. */
  onStage?: (stage: LoadStage) => void;
}

export type LoadStage = "decode" | "insert" | "describe";

/**
 * A decoded file as an Arrow IPC stream. Its bytes may sit in a buffer lent
 * for this load only: `release` gives it back once DuckDB has taken them.
 */
export interface Decoded {
  bytes: Uint8Array;
  release(): void;
}

/** Turns a non-CSV file into an Arrow IPC stream (off the main thread in the browser). */
export type Decoder = (format: FileFormat, fileName: string, bytes: Uint8Array, signal?: AbortSignal) => Promise<Decoded>;

let uploadCounter = 0;

/**
 * Loads a file as a new dataset version. Nothing existing changes unless the
 * load succeeds: the new physical table is created under a fresh name, and only
 * then is the logical view repointed at it.
 */
export async function ingest(db: Db, catalog: readonly DatasetVersion[], req: LoadRequest, decode: Decoder): Promise<DatasetVersion> {
  const format = formatFromName(req.fileName);
  checkBytes(req.fileName, format, req.bytes, req.maxBytes);
  const name = req.tableName?.trim() || tableNameFromFile(req.fileName);
  if (!isPlainName(name)) {
    throw new DataError("invalid_name", `${req.fileName}: table name "${name}": use letters, digits and _ (not starting with a digit), at most 63 characters`);
  }
  if (isVersionTable(name)) throw new DataError("invalid_name", `${req.fileName}: table name "${name}": names ending in __v<number> are reserved for dataset versions`);
  const byteSize = req.bytes.byteLength;
  const stop = () => {
    if (req.signal?.aborted) throw cancelledError(req.fileName);
  };
  stop();
  const previous = latestVersion(catalog, name);
  const version = (previous?.version ?? 0) + 1;
  const physical = physicalName(name, version);
  const taken = await existingRelations(db, [name, physical]);
  if (!previous && taken.has(name)) {
    throw new DataError("duplicate_name", `${req.fileName}: table name "${name}": a table or view with this name already exists; choose another table name or drop the existing one`);
  }
  if (taken.has(physical)) {
    throw new DataError("duplicate_name", `${req.fileName}: table name "${physical}": already exists; drop it or choose another table name`);
  }
  // The digest runs off the main thread while DuckDB loads; an identical file
  // is then refused and its new table dropped, so the check costs no load time.
  const fingerprinting = sha256Hex(req.bytes);
  fingerprinting.catch(() => undefined);
  const csv = await createPhysical(db, physical, format, req, decode);
  try {
    const fingerprint = await fingerprinting;
    const same = versionsOf(catalog, name).find((v) => v.fingerprint === fingerprint);
    if (same) {
      throw new DataError("identical_version", `${req.fileName}: identical to ${name} version ${same.version} (same content fingerprint); nothing was loaded`);
    }
    stop();
    req.onStage?.("describe");
    const [{ n }] = (await queryRows(db, `SELECT count(*)::DOUBLE AS n FROM ${quoteIdent(physical)}`)) as [{ n: number }];
    const schema = (await queryRows(db, `DESCRIBE ${quoteIdent(physical)}`)).map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
    stop();
    await pointView(db, name, physical);
    return {
      name: DatasetName(name),
      version,
      physical,
      fileName: req.fileName,
      format,
      byteSize,
      rows: n,
      schema,
      fingerprint,
      loadedAt: new Date().toISOString(),
      ...(csv ? { csv } : {}),
    };
  } catch (err) {
    await db.query(`DROP TABLE IF EXISTS ${quoteIdent(physical)}`).catch(() => undefined);
    throw err;
  }
}

/**
 * Re-creates stored versions after a reload, oldest first, each dataset's view
 * on its newest version. One version that fails is reported and skipped; the
 * others still come back.
 */
export async function restoreVersions(
  db: Db,
  stored: readonly { record: DatasetVersion; bytes: Uint8Array }[],
  decode: Decoder,
): Promise<{ restored: DatasetVersion[]; problems: string[] }> {
  const restored: DatasetVersion[] = [];
  const problems: string[] = [];
  const newest = new Map<string, number>();
  for (const { record } of stored) newest.set(record.name, Math.max(newest.get(record.name) ?? 0, record.version));
  for (const { record: v, bytes } of [...stored].sort((a, b) => a.record.loadedAt.localeCompare(b.record.loadedAt))) {
    try {
      await createPhysical(db, v.physical, v.format, { fileName: v.fileName, bytes, csv: v.csv }, decode);
      if (newest.get(v.name) === v.version) await pointView(db, v.name, v.physical);
      restored.push(v);
    } catch (err) {
      problems.push(`${v.physical}: ${errorMessage(err)}`);
    }
  }
  return { restored, problems };
}

/** Drops one version; the logical view moves to the newest remaining version or goes away. */
export async function dropVersion(db: Db, catalog: readonly DatasetVersion[], v: DatasetVersion): Promise<void> {
  const remaining = versionsOf(catalog, v.name).filter((x) => x.version !== v.version);
  const newest = remaining[remaining.length - 1];
  if (newest) await pointView(db, v.name, newest.physical);
  else await db.query(`DROP VIEW IF EXISTS ${quoteIdent(v.name)}`);
  await db.query(`DROP TABLE IF EXISTS ${quoteIdent(v.physical)}`);
}

async function pointView(db: Db, name: string, physical: string): Promise<void> {
  await db.query(`CREATE OR REPLACE VIEW ${quoteIdent(name)} AS SELECT * FROM ${quoteIdent(physical)}`);
}

/** Which of `names` are already tables or views, in one catalog query. */
async function existingRelations(db: Db, names: string[]): Promise<Set<string>> {
  const rows = await queryRows(db, `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' AND table_name IN (${names.map(quoteLiteral).join(", ")})`);
  return new Set(rows.map((r) => String(r.name)));
}

async function createPhysical(db: Db, physical: string, format: FileFormat, req: Pick<LoadRequest, "fileName" | "bytes" | "csv" | "onStage" | "signal">, decode: Decoder): Promise<CsvOptions | undefined> {
  if (format === "csv" || format === "tsv") {
    req.onStage?.("insert");
    return createFromCsv(db, physical, format, req);
  }
  req.onStage?.("decode");
  // Decoder errors (bad file, cancelled) already speak to the user; they pass on as they are.
  const stream = await decode(format, req.fileName, req.bytes, req.signal);
  req.onStage?.("insert");
  try {
    await db.insertArrowStream(stream.bytes, physical);
  } catch (err) {
    await db.query(`DROP TABLE IF EXISTS ${quoteIdent(physical)}`).catch(() => undefined);
    throw new DataError("malformed", `${req.fileName}: DuckDB could not take the decoded columns (${errorMessage(err).split("\n")[0]})`);
  } finally {
    stream.release();
  }
  return undefined;
}

async function createFromCsv(db: Db, physical: string, format: "csv" | "tsv", req: Pick<LoadRequest, "fileName" | "bytes" | "csv">): Promise<CsvOptions> {
  const path = `lathe_upload_${++uploadCounter}.${format}`;
  await db.registerFile(path, req.bytes);
  try {
    const given = req.csv ?? {};
    const opts: CsvOptions = { ...given, ...(await sniffed(db, path, given, format)) };
    let source: string;
    try {
      source = readCsvSql(path, opts, format === "tsv" ? "\t" : undefined, true);
    } catch (err) {
      throw new DataError("malformed", `${req.fileName}: ${errorMessage(err)}`);
    }
    try {
      await db.query(`CREATE TABLE ${quoteIdent(physical)} AS SELECT * FROM ${source}`);
    } catch (err) {
      const text = new TextDecoder("utf-8").decode(req.bytes);
      const problem = findCsvProblem(text, opts.delimiter ?? (format === "tsv" ? "\t" : ","));
      if (problem) {
        throw new DataError("malformed", `${req.fileName}: line ${problem.line}: ${problem.message}; fix the file, or check the delimiter and header options`);
      }
      throw new DataError("malformed", describeCsvError(req.fileName, errorMessage(err)));
    }
    return opts;
  } finally {
    await db.dropFile(path).catch(() => undefined);
  }
}

/** The dialect DuckDB detects, for whatever the user did not set; pinned for the strict read. */
async function sniffed(db: Db, path: string, opts: CsvOptions, format: "csv" | "tsv"): Promise<CsvOptions> {
  if (opts.delimiter !== undefined && opts.header !== undefined) return {};
  const delimArg = opts.delimiter ?? (format === "tsv" ? "\t" : undefined);
  const args = [quoteLiteral(path), ...(delimArg !== undefined ? [`delim = ${quoteLiteral(delimArg)}`] : []), ...(opts.header !== undefined ? [`header = ${opts.header}`] : [])];
  let row: Record<string, unknown> | undefined;
  try {
    [row] = await queryRows(db, `SELECT Delimiter AS d, HasHeader AS h FROM sniff_csv(${args.join(", ")})`);
  } catch {
    return {};
  }
  if (!row) return {};
  return { ...(opts.delimiter === undefined ? { delimiter: String(row.d) } : {}), ...(opts.header === undefined ? { header: Boolean(row.h) } : {}) };
}
