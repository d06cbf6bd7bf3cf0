export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust auth). */
  url: string;
  /** Stops the server (immediate mode) and removes its directory; idempotent. */
  stop(): Promise<void>;
}
/** Newest Debian PostgreSQL bin dir (/usr/lib/postgresql/<major>/bin), or null when not installed. */
export function findPgBin(): string | null;
export function startPostgres(): Promise<ThrowawayPostgres>;
