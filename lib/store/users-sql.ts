import type { Principal, UserId } from "@/lib/auth/principal";
import { hashPassword, verifyNothing, verifyPassword } from "@/lib/auth/passwords";
import type { Role, Scope } from "@/lib/auth/roles";
import { hashSecret, newSecret } from "@/lib/auth/secrets";
import type { Guard } from "./guard";
import * as sessions from "./sessions-sql";
import type { SqlDatabase, SqlExecutor } from "./sql";
import { StoreError } from "./store-error";
import * as tokens from "./tokens-sql";
import {
  isoString,
  isUniqueViolation,
  LOCAL_USERNAME,
  normalizeUsername,
  parseUuid,
  requireNewUsername,
  toUser,
  userColumns,
  type UserRow,
} from "./user-rows";
import type { CreatedToken, Invitation, NewSession, NewUser, SessionRecord, TokenSummary, UserRecord, UserStore } from "./users";

/** How long an invite code stays valid: 7 days. */
const INVITE_TTL = "7 days";
const MAX_DISPLAY_NAME = 100;

export class SqlUserStore implements UserStore {
  /** countUsers' answer while no user was added by this store; only kept when this process is the store's only writer. */
  #userCount: number | null = null;
  /** User inserts begun: a count read while one ran may be stale and is not kept. */
  #writes = 0;

  constructor(
    private readonly db: SqlDatabase,
    private readonly guard: Guard,
    /** The database has no other writer (PGlite): a count read here stays true until this store adds a user. */
    private readonly singleProcess = false,
  ) {}

  createUser(user: NewUser, password: string): Promise<UserRecord> {
    return this.guard(async () => {
      const { username, displayName } = checkNewUser(user);
      const hash = await hashPassword(password);
      const row = await this.#insert<UserRow>(
        `INSERT INTO users (id, username, display_name, role, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING ${userColumns()}`,
        [crypto.randomUUID(), username, displayName, user.role, hash],
        username,
      );
      return toUser(row);
    });
  }

  invite(user: NewUser): Promise<Invitation> {
    return this.guard(async () => {
      const { username, displayName } = checkNewUser(user);
      const code = newSecret();
      const row = await this.#insert<UserRow & { invite_expires_at: Date | string }>(
        `INSERT INTO users (id, username, display_name, role, invite_hash, invite_expires_at)
         VALUES ($1, $2, $3, $4, $5, clock_timestamp() + interval '${INVITE_TTL}') RETURNING ${userColumns()}, invite_expires_at`,
        [crypto.randomUUID(), username, displayName, user.role, hashSecret(code)],
        username,
      );
      return { user: toUser(row), code, expiresAt: isoString(row.invite_expires_at) };
    });
  }

  acceptInvite(code: string, password: string): Promise<UserRecord> {
    return this.guard(async () => {
      const hash = await hashPassword(password);
      const { rows } = await this.db.query<UserRow>(
        `UPDATE users SET password_hash = $2, invite_hash = NULL, invite_expires_at = NULL
         WHERE invite_hash = $1 AND invite_expires_at > clock_timestamp() AND disabled_at IS NULL AND NOT is_local
         RETURNING ${userColumns()}`,
        [hashSecret(code), hash],
      );
      if (rows.length === 0) throw new StoreError("not_found", "invite: unknown, already used or expired; ask an admin for a new one", "code");
      return toUser(rows[0]);
    });
  }

  setRole(id: string, role: Role): Promise<UserRecord> {
    return this.guard(() =>
      this.db.transaction(async (tx) => {
        const target = await lockAdminsAndTarget(tx, id);
        if (role !== "admin") refuseLastAdmin(target, "demote");
        const { rows } = await tx.query<UserRow>(`UPDATE users SET role = $2 WHERE id = $1 RETURNING ${userColumns()}`, [target.user.id, role]);
        return toUser(rows[0]);
      }),
    );
  }

  setDisabled(id: string, disabled: boolean): Promise<UserRecord> {
    return this.guard(() =>
      this.db.transaction(async (tx) => {
        const target = await lockAdminsAndTarget(tx, id);
        if (disabled) refuseLastAdmin(target, "disable");
        const { rows } = await tx.query<UserRow>(
          `UPDATE users SET disabled_at = CASE WHEN $2 THEN COALESCE(disabled_at, clock_timestamp()) END WHERE id = $1 RETURNING ${userColumns()}`,
          [target.user.id, disabled],
        );
        if (disabled) await tx.query("DELETE FROM sessions WHERE user_id = $1", [target.user.id]);
        return toUser(rows[0]);
      }),
    );
  }

  listUsers(): Promise<UserRecord[]> {
    return this.guard(async () => {
      const { rows } = await this.db.query<UserRow>(`SELECT ${userColumns()} FROM users WHERE NOT is_local ORDER BY username`);
      return rows.map(toUser);
    });
  }

  getUser(id: string): Promise<UserRecord> {
    return this.guard(async () => {
      const uid = parseUuid(id);
      const { rows } = uid === null ? { rows: [] } : await this.db.query<UserRow>(`SELECT ${userColumns()} FROM users WHERE id = $1`, [uid]);
      if (rows.length === 0) throw new StoreError("not_found", `user not found: ${id}`);
      return toUser(rows[0]);
    });
  }

  countUsers(): Promise<number> {
    // Local mode asks on every request while the count is 0.
    if (this.#userCount !== null) return Promise.resolve(this.#userCount);
    const writes = this.#writes;
    return this.guard(async () => {
      const { rows } = await this.db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE NOT is_local");
      const n = Number(rows[0].n);
      if (this.singleProcess && writes === this.#writes) this.#userCount = n;
      return n;
    });
  }

  ensureLocalAdmin(): Promise<UserRecord> {
    return this.guard(async () => {
      // ON CONFLICT: two first requests at once both try; one row results.
      await this.db.query(
        `INSERT INTO users (id, username, display_name, role, is_local) VALUES ($1, $2, 'Local admin', 'admin', true)
         ON CONFLICT (username) DO NOTHING`,
        [crypto.randomUUID(), LOCAL_USERNAME],
      );
      const { rows } = await this.db.query<UserRow>(`SELECT ${userColumns()} FROM users WHERE username = $1 AND is_local`, [LOCAL_USERNAME]);
      if (rows.length === 0) throw new StoreError("conflict", `username taken: ${LOCAL_USERNAME} (by an ordinary user; the local admin cannot be created)`);
      return toUser(rows[0]);
    });
  }

  verifyPassword(username: string, password: string): Promise<UserRecord | null> {
    return this.guard(async () => {
      let name: string;
      try {
        name = normalizeUsername(username);
      } catch {
        return verifyNothing(password).then(() => null);
      }
      const { rows } = await this.db.query<UserRow & { password_hash: string | null }>(
        `SELECT password_hash, ${userColumns()} FROM users WHERE username = $1`,
        [name],
      );
      const row = rows[0];
      // Unknown users, invitees without a password and the local admin cost one scrypt too.
      if (row === undefined || row.password_hash === null || row.is_local) return verifyNothing(password).then(() => null);
      const ok = await verifyPassword(password, row.password_hash);
      return ok && row.disabled_at === null ? toUser(row) : null;
    });
  }

  createSession(userId: UserId): Promise<NewSession> {
    return this.guard(() => sessions.createSession(this.db, userId));
  }

  getSessionByTokenHash(tokenHash: string): Promise<SessionRecord | null> {
    return this.guard(() => sessions.getSessionByTokenHash(this.db, tokenHash));
  }

  deleteSession(tokenHash: string): Promise<void> {
    return this.guard(() => sessions.deleteSession(this.db, tokenHash));
  }

  createToken(userId: UserId, name: string, scopes: readonly Scope[]): Promise<CreatedToken> {
    return this.guard(() => tokens.createToken(this.db, userId, name, scopes));
  }

  listTokens(userId: UserId): Promise<TokenSummary[]> {
    return this.guard(() => tokens.listTokens(this.db, userId));
  }

  revokeToken(userId: UserId, tokenId: string): Promise<TokenSummary> {
    return this.guard(() => tokens.revokeToken(this.db, userId, tokenId));
  }

  getPrincipalByToken(token: string): Promise<Principal | null> {
    return this.guard(() => tokens.getPrincipalByToken(this.db, token));
  }

  async #insert<R>(sql: string, params: unknown[], username: string): Promise<R> {
    this.#userCount = null;
    this.#writes++;
    try {
      const { rows } = await this.db.query<R>(sql, params);
      return rows[0];
    } catch (e) {
      if (isUniqueViolation(e)) throw new StoreError("conflict", `username taken: ${username}`, "username", { cause: e });
      throw e;
    } finally {
      // Again once the row is in: a count that ran alongside the insert is not kept either.
      this.#writes++;
      this.#userCount = null;
    }
  }
}

function checkNewUser(user: NewUser): { username: string; displayName: string } {
  const username = requireNewUsername(user.username);
  const displayName = user.displayName.trim() || username;
  if (displayName.length > MAX_DISPLAY_NAME) {
    throw new StoreError("invalid", `displayName: at most ${MAX_DISPLAY_NAME} characters (got ${displayName.length})`, "displayName");
  }
  return { username, displayName };
}

interface LockedTarget {
  user: UserRecord;
  /** Enabled admins other than the local one, the target included if it is one. */
  enabledAdmins: number;
}

/**
 * Locks every enabled admin row, then the target, in that order in every
 * caller, so two admins demoting each other at once are serialised and the
 * second sees the first's change (PostgreSQL re-checks the WHERE of a
 * FOR UPDATE row it waited for) instead of both passing the count.
 */
async function lockAdminsAndTarget(tx: SqlExecutor, id: string): Promise<LockedTarget> {
  const admins = await tx.query<{ id: string }>(
    "SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL AND NOT is_local ORDER BY id FOR UPDATE",
  );
  const uid = parseUuid(id);
  const { rows } =
    uid === null ? { rows: [] } : await tx.query<UserRow>(`SELECT ${userColumns()} FROM users WHERE id = $1 AND NOT is_local FOR UPDATE`, [uid]);
  if (rows.length === 0) throw new StoreError("not_found", `user not found: ${id}`);
  return { user: toUser(rows[0]), enabledAdmins: admins.rows.length };
}

function refuseLastAdmin(t: LockedTarget, action: "demote" | "disable"): void {
  if (t.user.role === "admin" && !t.user.disabled && t.enabledAdmins <= 1) {
    throw new StoreError("conflict", `last admin: cannot ${action} ${t.user.username}; make another user admin first`);
  }
}
