export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust auth). */
  url: string;
  /**
   * Stops the server and keeps its cluster, as a database restart or outage
   * would: "fast" disconnects clients and shuts down cleanly, "immediate"
   * aborts without a checkpoint (crash recovery at the next start).
   */
  halt(mode?: "fast" | "immediate"): Promise<void>;
  /** Starts the halted cluster again on the same port (and URL); resolves once it accepts connections. */
  resume(): Promise<void>;
  /** Stops the server (immediate mode) and removes its directory; idempotent. */
  stop(): Promise<void>;
}
/** Newest Debian PostgreSQL bin dir (/usr/lib/postgresql/<major>/bin), or null when not installed. */
export function findPgBin(): string | null;
export function startPostgres(): Promise<ThrowawayPostgres>;
