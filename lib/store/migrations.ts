/**
 * The schema's history, in order. Never edit an applied migration: append a new
 * one. Plain SQL that both PGlite and PostgreSQL run. Each is applied once, in
 * a transaction, and recorded in schema_migrations (see migrate.ts).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "notebooks",
    // `json`, not `jsonb`: it keeps the document's text (key order included)
    // exactly as saved, so export → import round-trips byte for byte.
    // `title` duplicates document.title so listing does not read documents.
    sql: `
      CREATE TABLE notebooks (
        id uuid PRIMARY KEY,
        title text NOT NULL,
        revision integer NOT NULL CHECK (revision > 0),
        document json NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX notebooks_updated_at_idx ON notebooks (updated_at DESC);
    `,
  },
];

export const LATEST_MIGRATION = MIGRATIONS.length === 0 ? 0 : MIGRATIONS[MIGRATIONS.length - 1].version;
