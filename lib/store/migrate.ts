import { LATEST_MIGRATION, MIGRATIONS, type Migration } from "./migrations";
import type { SqlDatabase, SqlExecutor } from "./sql";
import type { MigrationStatus } from "./store";

// Arbitrary constant shared by every Lathe process: holders of this
// transaction-scoped advisory lock migrate one at a time.
const MIGRATION_LOCK_KEY = 7_260_853_141;

const CREATE_MIGRATIONS_TABLE = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
  )`;

/**
 * Applies the migrations the database lacks, all in one transaction, and
 * returns the versions applied now (empty when already current). Safe when
 * several processes open the same PostgreSQL database at once: the advisory
 * lock is taken before schema_migrations is even created, so the second
 * process waits and then finds nothing to do.
 */
export async function migrate(db: SqlDatabase, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    await tx.exec(CREATE_MIGRATIONS_TABLE);
    const done = await appliedVersions(tx);
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}

export async function readMigrationStatus(db: SqlExecutor): Promise<MigrationStatus> {
  const done = await appliedVersions(db);
  return {
    current: MIGRATIONS.every((m) => done.has(m.version)),
    applied: done.size,
    latest: LATEST_MIGRATION,
  };
}

async function appliedVersions(db: SqlExecutor): Promise<Set<number>> {
  const { rows } = await db.query<{ version: number }>("SELECT version FROM schema_migrations");
  return new Set(rows.map((r) => Number(r.version)));
}
