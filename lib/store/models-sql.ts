import type { AliasMove, GateVerdict, ModelDetail, ModelSummary, ModelVersion, ReferenceBatch } from "@/lib/api/models";
import type { Guard } from "./guard";
import { iso, json, type Json } from "./label-rows";
import type { ModelFile, ModelStore, NewModelVersion } from "./models";
import { DEFAULT_TRAFFIC_POLICY, parseTrafficPolicy, type TrafficPolicy } from "@/lib/serve/traffic-policy";
import type { SqlDatabase, SqlExecutor } from "./sql";
import { StoreError } from "./store-error";

/** The model registry over SQL. */

const VERSION_COLUMNS = "model, version, sha256, size_bytes, metadata, verdict, run_id, note, created_by, created_at";

interface VersionRow {
  model: string;
  version: number;
  sha256: string;
  size_bytes: number;
  metadata: Json<Record<string, string>>;
  verdict: Json<GateVerdict>;
  run_id: string | null;
  note: string;
  created_by: string;
  created_at: Date | string;
}

function toVersion(r: VersionRow): ModelVersion {
  return {
    model: r.model,
    version: Number(r.version),
    sha256: r.sha256,
    sizeBytes: Number(r.size_bytes),
    metadata: json(r.metadata),
    verdict: json(r.verdict),
    runId: r.run_id,
    note: r.note,
    createdBy: r.created_by,
    createdAt: iso(r.created_at),
  };
}

export class SqlModelStore implements ModelStore {
  /**
   * What every unpinned inference reads — the champion and the traffic
   * policy — kept in memory when this process is the database's only writer
   * (PGlite). Alias moves and policy changes clear it before and after they
   * write, and a read that overlapped a write is not kept, so a request never
   * sees an older state than the last write that finished.
   */
  readonly #aliases = new Map<string, number | null>();
  readonly #policies = new Map<string, TrafficPolicy>();
  #writes = 0;

  constructor(
    private readonly db: SqlDatabase,
    private readonly guard: Guard,
    private readonly singleProcess = false,
  ) {}

  /** Reads through the cache when it may be kept; `key` names the entry. */
  async #cached<T>(cache: Map<string, T>, key: string, read: () => Promise<T>): Promise<T> {
    if (cache.has(key)) return cache.get(key) as T;
    const writes = this.#writes;
    const value = await read();
    if (this.singleProcess && writes === this.#writes) cache.set(key, value);
    return value;
  }

  /** Runs a write of aliases or policies, clearing the cache around it. */
  async #writing<T>(write: () => Promise<T>): Promise<T> {
    this.#writes++;
    this.#aliases.clear();
    this.#policies.clear();
    try {
      return await write();
    } finally {
      this.#writes++;
      this.#aliases.clear();
      this.#policies.clear();
    }
  }

  pushVersion(v: NewModelVersion, createdBy: string): Promise<{ version: ModelVersion; created: boolean }> {
    return this.guard(() =>
      this.db.transaction(async (tx) => {
        // One push of a model at a time, across every app instance sharing the database.
        await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`lathe.model:${v.model}`]);
        const same = await tx.query<VersionRow>(`SELECT ${VERSION_COLUMNS} FROM model_versions WHERE model = $1 AND sha256 = $2`, [v.model, v.sha256]);
        if (same.rows.length > 0) return { version: toVersion(same.rows[0]), created: false };
        const next = await tx.query<{ n: number }>("SELECT COALESCE(max(version), 0) + 1 AS n FROM model_versions WHERE model = $1", [v.model]);
        const { rows } = await tx.query<VersionRow>(
          `INSERT INTO model_versions (model, version, sha256, bytes, size_bytes, metadata, reference, verdict, blessed, run_id, note, created_by)
           VALUES ($1, $2, $3, $4, $5, $6::json, $7::json, $8::json, $9, $10, $11, $12) RETURNING ${VERSION_COLUMNS}`,
          [v.model, Number(next.rows[0].n), v.sha256, Buffer.from(v.bytes), v.bytes.byteLength, JSON.stringify(v.metadata), JSON.stringify(v.reference), JSON.stringify(v.verdict), v.verdict.blessed, v.runId, v.note, createdBy],
        );
        return { version: toVersion(rows[0]), created: true };
      }),
    );
  }

  listModels(): Promise<ModelSummary[]> {
    return this.guard(async () => {
      const { rows } = await this.db.query<{ model: string; n: string; latest: number; updated: Date | string }>(
        "SELECT model, count(*) AS n, max(version) AS latest, max(created_at) AS updated FROM model_versions GROUP BY model ORDER BY max(created_at) DESC, model",
      );
      const aliases = await this.db.query<{ model: string; alias: string; version: number }>("SELECT model, alias, version FROM model_aliases ORDER BY alias");
      return rows.map((r) => ({
        name: r.model,
        versions: Number(r.n),
        latest: Number(r.latest),
        aliases: Object.fromEntries(aliases.rows.filter((a) => a.model === r.model).map((a) => [a.alias, Number(a.version)])),
        updatedAt: iso(r.updated),
      }));
    });
  }

  getModel(model: string): Promise<ModelDetail> {
    return this.guard(() => detail(this.db, model));
  }

  aliasVersion(model: string, alias: string): Promise<number | null> {
    return this.#cached(this.#aliases, `${model}\u0000${alias}`, () => this.#readAlias(model, alias));
  }

  #readAlias(model: string, alias: string): Promise<number | null> {
    return this.guard(async () => {
      const { rows } = await this.db.query<{ version: number }>("SELECT version FROM model_aliases WHERE model = $1 AND alias = $2", [model, alias]);
      return rows.length > 0 ? Number(rows[0].version) : null;
    });
  }

  modelFile(model: string, version: number): Promise<ModelFile> {
    return this.guard(async () => {
      const { rows } = await this.db.query<{ sha256: string; bytes: Uint8Array; metadata: Json<Record<string, string>>; reference: Json<ReferenceBatch>; blessed: boolean }>(
        "SELECT sha256, bytes, metadata, reference, blessed FROM model_versions WHERE model = $1 AND version = $2",
        [model, version],
      );
      if (rows.length === 0) throw new StoreError("not_found", `model version not found: ${model} v${version}`);
      const r = rows[0];
      return { model, version, sha256: r.sha256, bytes: new Uint8Array(r.bytes), metadata: json(r.metadata), reference: json(r.reference), blessed: r.blessed };
    });
  }

  moveAlias(model: string, alias: string, version: number, reason: string, movedBy: string): Promise<ModelDetail> {
    return this.#writing(() => this.#moveAlias(model, alias, version, reason, movedBy));
  }

  #moveAlias(model: string, alias: string, version: number, reason: string, movedBy: string): Promise<ModelDetail> {
    return this.guard(() =>
      this.db.transaction(async (tx) => {
        const v = await tx.query<{ blessed: boolean }>("SELECT blessed FROM model_versions WHERE model = $1 AND version = $2", [model, version]);
        if (v.rows.length === 0) throw new StoreError("not_found", `model version not found: ${model} v${version}`, "version");
        if (!v.rows[0].blessed) throw new StoreError("conflict", `version ${version} of ${model} was vetoed by the validation gate; it can never receive traffic`, "version");
        const cur = await tx.query<{ version: number }>("SELECT version FROM model_aliases WHERE model = $1 AND alias = $2 FOR UPDATE", [model, alias]);
        const from = cur.rows.length > 0 ? Number(cur.rows[0].version) : null;
        await tx.query(
          `INSERT INTO model_aliases (model, alias, version, moved_by) VALUES ($1, $2, $3, $4)
           ON CONFLICT (model, alias) DO UPDATE SET version = EXCLUDED.version, moved_by = EXCLUDED.moved_by, moved_at = clock_timestamp()`,
          [model, alias, version, movedBy],
        );
        await tx.query("INSERT INTO model_alias_moves (model, alias, from_version, to_version, moved_by, reason) VALUES ($1, $2, $3, $4, $5, $6)", [model, alias, from, version, movedBy, reason]);
        return detail(tx, model);
      }),
    );
  }

  trafficPolicy(model: string): Promise<TrafficPolicy> {
    return this.#cached(this.#policies, model, () => this.#readPolicy(model));
  }

  #readPolicy(model: string): Promise<TrafficPolicy> {
    return this.guard(async () => {
      const { rows } = await this.db.query<{ policy: Json<unknown> }>("SELECT policy FROM model_traffic WHERE model = $1", [model]);
      return rows.length > 0 ? parseTrafficPolicy(json(rows[0].policy)) : DEFAULT_TRAFFIC_POLICY;
    });
  }

  setTrafficPolicy(model: string, policy: TrafficPolicy, updatedBy: string): Promise<TrafficPolicy> {
    return this.#writing(() => this.#setPolicy(model, policy, updatedBy));
  }

  #setPolicy(model: string, policy: TrafficPolicy, updatedBy: string): Promise<TrafficPolicy> {
    return this.guard(() =>
      this.db.transaction(async (tx) => {
        await detail(tx, model); // "model not found"
        if (policy.mode !== "champion") {
          const v = await tx.query<{ blessed: boolean }>("SELECT blessed FROM model_versions WHERE model = $1 AND version = $2", [model, policy.challenger]);
          if (v.rows.length === 0) throw new StoreError("not_found", `model version not found: ${model} v${policy.challenger}`, "challenger");
          if (!v.rows[0].blessed) throw new StoreError("conflict", `version ${policy.challenger} of ${model} was vetoed by the validation gate; it can never receive traffic`, "challenger");
        }
        await tx.query(
          `INSERT INTO model_traffic (model, policy, updated_by) VALUES ($1, $2::json, $3)
           ON CONFLICT (model) DO UPDATE SET policy = EXCLUDED.policy, updated_by = EXCLUDED.updated_by, updated_at = clock_timestamp()`,
          [model, JSON.stringify(policy), updatedBy],
        );
        return policy;
      }),
    );
  }
}

async function detail(db: SqlExecutor, model: string): Promise<ModelDetail> {
  const versions = await db.query<VersionRow>(`SELECT ${VERSION_COLUMNS} FROM model_versions WHERE model = $1 ORDER BY version`, [model]);
  if (versions.rows.length === 0) throw new StoreError("not_found", `model not found: ${model}`);
  const aliases = await db.query<{ alias: string; version: number }>("SELECT alias, version FROM model_aliases WHERE model = $1 ORDER BY alias", [model]);
  const moves = await db.query<{ alias: string; from_version: number | null; to_version: number; moved_by: string; moved_at: Date | string; reason: string }>(
    "SELECT alias, from_version, to_version, moved_by, moved_at, reason FROM model_alias_moves WHERE model = $1 ORDER BY id DESC LIMIT 200",
    [model],
  );
  return {
    name: model,
    versions: versions.rows.map(toVersion),
    aliases: Object.fromEntries(aliases.rows.map((a) => [a.alias, Number(a.version)])),
    history: moves.rows.map(
      (m): AliasMove => ({ alias: m.alias, fromVersion: m.from_version === null ? null : Number(m.from_version), toVersion: Number(m.to_version), movedBy: m.moved_by, movedAt: iso(m.moved_at), reason: m.reason }),
    ),
  };
}
