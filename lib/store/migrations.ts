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
  {
    version: 2,
    name: "users, sessions, api tokens",
    // Secrets are stored only as SHA-256 hashes (session ids, invite codes,
    // API tokens: all 256-bit random, so a fast hash suffices) or as scrypt
    // hashes (passwords). `is_local` marks the built-in local admin of a
    // loopback install with no users: it cannot sign in and does not count
    // as a user, but its labels keep an author.
    sql: `
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        username text NOT NULL UNIQUE CHECK (username = lower(username)),
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'data_scientist', 'reviewer', 'labeler', 'viewer')),
        password_hash text,
        invite_hash text UNIQUE,
        invite_expires_at timestamptz,
        is_local boolean NOT NULL DEFAULT false,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX sessions_user_idx ON sessions (user_id);
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        scopes json NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        last_used_at timestamptz,
        revoked_at timestamptz
      );
      CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);
    `,
  },
  {
    version: 3,
    name: "labeling projects, items, annotations, adjudications",
    // annotations and adjudications are append-only logs: a change is a new
    // row with the next version, never an UPDATE. Their bigserial ids give a
    // total order, so a label snapshot is just (project, last annotation id,
    // last adjudication id). current_annotations and the counters on
    // label_items are derived from the logs inside the same transaction that
    // appends to them, so the queue and the review list read them by index
    // instead of aggregating 300k annotations per request.
    sql: `
      CREATE TABLE label_projects (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        guidelines text NOT NULL DEFAULT '',
        labels json NOT NULL,
        multi_label boolean NOT NULL DEFAULT false,
        annotators_per_item smallint NOT NULL CHECK (annotators_per_item BETWEEN 1 AND 5),
        overlap_share real NOT NULL CHECK (overlap_share BETWEEN 0 AND 1),
        blind boolean NOT NULL DEFAULT true,
        auto_adjudicate boolean NOT NULL DEFAULT false,
        id_column text NOT NULL,
        display_columns json NOT NULL,
        source json NOT NULL,
        item_count integer NOT NULL DEFAULT 0,
        revision integer NOT NULL DEFAULT 1,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE TABLE label_items (
        project_id uuid NOT NULL REFERENCES label_projects (id) ON DELETE CASCADE,
        seq integer NOT NULL,
        item_key text NOT NULL,
        data json NOT NULL,
        target smallint NOT NULL,
        labeled smallint NOT NULL DEFAULT 0,
        votes json NOT NULL DEFAULT '{}',
        top_share real,
        needs_review boolean NOT NULL DEFAULT false,
        gold json,
        gold_excluded boolean NOT NULL DEFAULT false,
        gold_auto boolean NOT NULL DEFAULT false,
        gold_version integer NOT NULL DEFAULT 0,
        PRIMARY KEY (project_id, seq),
        UNIQUE (project_id, item_key)
      );
      CREATE INDEX label_items_queue_idx ON label_items (project_id, labeled, seq)
        WHERE labeled < target AND gold IS NULL AND NOT gold_excluded;
      CREATE INDEX label_items_review_idx ON label_items (project_id, top_share NULLS FIRST, seq) WHERE needs_review;
      CREATE TABLE annotations (
        id bigserial PRIMARY KEY,
        project_id uuid NOT NULL,
        item_seq integer NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id),
        version integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('label', 'ambiguous', 'skip', 'retract')),
        labels json NOT NULL,
        reason text NOT NULL DEFAULT '',
        duration_ms integer NOT NULL DEFAULT 0,
        client_id text,
        schema_change_id bigint,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        FOREIGN KEY (project_id, item_seq) REFERENCES label_items (project_id, seq) ON DELETE CASCADE,
        UNIQUE (project_id, item_seq, user_id, version),
        UNIQUE (project_id, user_id, client_id)
      );
      CREATE INDEX annotations_user_idx ON annotations (project_id, user_id, id);
      CREATE INDEX annotations_project_idx ON annotations (project_id, id);
      CREATE TABLE current_annotations (
        project_id uuid NOT NULL,
        item_seq integer NOT NULL,
        user_id uuid NOT NULL,
        annotation_id bigint NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
        kind text NOT NULL,
        labels json NOT NULL,
        PRIMARY KEY (project_id, item_seq, user_id)
      );
      CREATE INDEX current_annotations_user_idx ON current_annotations (project_id, user_id, annotation_id);
      CREATE TABLE adjudications (
        id bigserial PRIMARY KEY,
        project_id uuid NOT NULL,
        item_seq integer NOT NULL,
        version integer NOT NULL,
        reviewer_id uuid REFERENCES users (id),
        labels json NOT NULL,
        excluded boolean NOT NULL DEFAULT false,
        reason text NOT NULL DEFAULT '',
        schema_change_id bigint,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        FOREIGN KEY (project_id, item_seq) REFERENCES label_items (project_id, seq) ON DELETE CASCADE,
        UNIQUE (project_id, item_seq, version)
      );
      CREATE INDEX adjudications_project_idx ON adjudications (project_id, id);
      CREATE TABLE label_leases (
        project_id uuid NOT NULL,
        item_seq integer NOT NULL,
        user_id uuid NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (project_id, item_seq, user_id),
        FOREIGN KEY (project_id, item_seq) REFERENCES label_items (project_id, seq) ON DELETE CASCADE
      );
      CREATE TABLE item_comments (
        id bigserial PRIMARY KEY,
        project_id uuid NOT NULL,
        item_seq integer NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id),
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        FOREIGN KEY (project_id, item_seq) REFERENCES label_items (project_id, seq) ON DELETE CASCADE
      );
      CREATE INDEX item_comments_item_idx ON item_comments (project_id, item_seq);
      CREATE TABLE label_schema_changes (
        id bigserial PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES label_projects (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('rename', 'merge', 'split', 'add')),
        detail json NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id),
        affected_items integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
    `,
  },
  {
    version: 4,
    name: "training runs",
    // One row per run, whatever its end. The large parts (curves, weights,
    // fitted feature spec) are json columns the run list never reads;
    // primary_metric and the dataset name are columns so 10,000 runs sort
    // and filter by index.
    sql: `
      CREATE TABLE runs (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        status text NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'cancelled')),
        task text NOT NULL,
        dataset_name text NOT NULL,
        dataset json NOT NULL,
        label_snapshot text,
        config json NOT NULL,
        primary_metric double precision,
        metric_name text NOT NULL,
        metrics json,
        curves json NOT NULL DEFAULT '[]',
        weights json,
        fitted_features json,
        environment json NOT NULL,
        timings json,
        error json,
        notes text NOT NULL DEFAULT '',
        tags json NOT NULL DEFAULT '[]',
        parent_id uuid REFERENCES runs (id) ON DELETE SET NULL,
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at timestamptz
      );
      CREATE INDEX runs_created_idx ON runs (created_at DESC, id);
      CREATE INDEX runs_metric_idx ON runs (primary_metric, id);
      CREATE INDEX runs_dataset_idx ON runs (dataset_name, created_at DESC);
      CREATE INDEX runs_status_idx ON runs (status, updated_at);
    `,
  },
  {
    version: 5,
    name: "export parity checks",
    // The last ONNX parity check of a run (lib/api/runs.ts parityRecordSchema):
    // what the export dialog measured, kept so a push can require a pass.
    sql: `ALTER TABLE runs ADD COLUMN parity json;`,
  },
  {
    version: 6,
    name: "model registry",
    // Versions are immutable and content-addressed: (model, sha256) is
    // unique, and pushing the same bytes again returns the version already
    // there. The file's bytes live in the store so every app instance
    // serves the same models. An alias points at a blessed version; every
    // move is a row of model_alias_moves.
    sql: `
      CREATE TABLE model_versions (
        model text NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        sha256 text NOT NULL,
        bytes bytea NOT NULL,
        size_bytes integer NOT NULL,
        metadata json NOT NULL,
        reference json NOT NULL,
        verdict json NOT NULL,
        blessed boolean NOT NULL,
        run_id text,
        note text NOT NULL DEFAULT '',
        created_by uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (model, version),
        UNIQUE (model, sha256)
      );
      CREATE TABLE model_aliases (
        model text NOT NULL,
        alias text NOT NULL,
        version integer NOT NULL,
        moved_by uuid NOT NULL REFERENCES users (id),
        moved_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (model, alias),
        FOREIGN KEY (model, version) REFERENCES model_versions (model, version)
      );
      CREATE TABLE model_alias_moves (
        id bigserial PRIMARY KEY,
        model text NOT NULL,
        alias text NOT NULL,
        from_version integer,
        to_version integer NOT NULL,
        moved_by uuid NOT NULL REFERENCES users (id),
        moved_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        reason text NOT NULL
      );
      CREATE INDEX model_alias_moves_idx ON model_alias_moves (model, id DESC);
    `,
  },
  {
    version: 7,
    name: "model traffic policies",
    // How a model's requests split between its champion and a challenger
    // (lib/serve/traffic-policy.ts); no row means every request goes to the champion.
    sql: `
      CREATE TABLE model_traffic (
        model text PRIMARY KEY,
        policy json NOT NULL,
        updated_by uuid NOT NULL REFERENCES users (id),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
    `,
  },
  {
    version: 8,
    name: "model request log",
    // Sampled inference requests (lib/serve/request-log.ts), written in
    // batches: what the monitoring page, drift and feedback read. version is
    // null for a request refused before a version was chosen. inputs and
    // outputs are columnar ({name: [values]}) over the first logged rows of
    // the request; rows counts them all. shadow_outputs are the shadow
    // version's answer to the same rows. sample_rate is the share of requests
    // logged when this one was, so counts can be scaled back up.
    sql: `
      CREATE TABLE model_requests (
        model text NOT NULL,
        request_id text NOT NULL,
        version integer,
        shadow_version integer,
        at timestamptz NOT NULL,
        route text NOT NULL,
        status integer NOT NULL,
        error text,
        latency_ms real NOT NULL,
        rows integer NOT NULL,
        logged_rows integer NOT NULL,
        sample_rate real NOT NULL,
        inputs json,
        outputs json,
        shadow_outputs json,
        feedback json,
        feedback_at timestamptz,
        PRIMARY KEY (model, request_id)
      );
      CREATE INDEX model_requests_at_idx ON model_requests (model, at);
    `,
  },
  {
    version: 9,
    name: "review flags",
    // Other parts of the app (monitoring, error analysis) send items to the
    // review queue with a reason (label-flag-sql.ts). review_reason is the
    // open flag: non-null until a reviewer's decision (or a gold import)
    // settles the item, and while it is set, answers never take the item out
    // of review (label-refresh-sql.ts). flagged_by/flagged_at are the last
    // flag's, so a reviewer can ask who sent it and when. The decision that
    // settles a flag keeps its reason in adjudications.flag_reason: the
    // item's history says why it was reviewed again. The review index is
    // rebuilt to put flagged items first (someone asked for them; they would
    // otherwise wait behind every disagreement) and then worst agreement first.
    sql: `
      ALTER TABLE label_items ADD COLUMN review_reason text;
      ALTER TABLE label_items ADD COLUMN flagged_by uuid REFERENCES users (id);
      ALTER TABLE label_items ADD COLUMN flagged_at timestamptz;
      ALTER TABLE adjudications ADD COLUMN flag_reason text;
      DROP INDEX label_items_review_idx;
      CREATE INDEX label_items_review_idx ON label_items (project_id, (review_reason IS NULL), top_share NULLS FIRST, seq) WHERE needs_review;
    `,
  },
  {
    version: 10,
    name: "run evaluations",
    // A run's held-out metrics with intervals and its named slices
    // (lib/api/evaluation.ts), written after training by the Evaluate cell
    // and read by the run page and the dashboard. Its own column, like
    // parity: it is added to a finished run, and evaluating again replaces
    // it without touching what training recorded.
    sql: `ALTER TABLE runs ADD COLUMN evaluation json;`,
  },
];

export const LATEST_MIGRATION = MIGRATIONS.length === 0 ? 0 : MIGRATIONS[MIGRATIONS.length - 1].version;
