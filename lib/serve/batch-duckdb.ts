import "server-only";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { sqlString } from "./batch-format";

/**
 * One native DuckDB per batch job, in memory, closed when the job ends: jobs
 * share nothing, and a job's tables go with it. It reads and writes only the
 * job's own folder, so a file's content can never make it touch another
 * path, and it never downloads an extension (CSV and Parquet are built in).
 */

/**
 * One thread: the server has few cores and answers other requests while a
 * batch runs. 256 MB of memory, spilling past that into the job's folder (at
 * most 4 GB), so a large file slows down instead of exhausting the process.
 */
const CONFIG: Record<string, string> = {
  threads: "1",
  memory_limit: "256MB",
  max_temp_directory_size: "4GB",
  autoinstall_known_extensions: "false",
  autoload_known_extensions: "false",
};

export async function openJobDb(dir: string): Promise<DuckDBInstance> {
  const db = await DuckDBInstance.create(":memory:", { ...CONFIG, temp_directory: path.join(dir, "spill") });
  try {
    const conn = await db.connect();
    try {
      // The trailing separator limits access to the folder's contents, not siblings sharing its prefix.
      await conn.run(`SET allowed_directories = [${sqlString(dir + path.sep)}]`);
      await conn.run("SET enable_external_access = false");
      await conn.run("SET lock_configuration = true");
    } finally {
      conn.closeSync();
    }
    return db;
  } catch (e) {
    db.closeSync();
    throw e;
  }
}

/**
 * DuckDB's error as a reason a user can act on: its first statement,
 * without the SQL excerpt, the sniffer's list of options this route does
 * not expose, or the server's temp path (the file is named by its base
 * name), and cut to 400 characters.
 */
export function duckdbReason(e: unknown, file: string): string {
  let text = e instanceof Error ? e.message : String(e);
  text = text.replaceAll(file, path.basename(file)).replaceAll(path.dirname(file) + path.sep, "");
  const kept: string[] = [];
  for (const line of text.split("\n")) {
    const l = line.trim();
    if (l === "" || /^(LINE \d+:|Possible fixes|The search space)/.test(l)) break;
    kept.push(l);
  }
  const reason = kept.join(" ").replace(/^[A-Z][A-Za-z ]* Error: /, "");
  return reason.length > 400 ? `${reason.slice(0, 399)}…` : reason;
}
