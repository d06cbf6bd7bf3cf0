import type { UserId } from "@/lib/auth/principal";
import { hashSecret, newSecret } from "@/lib/auth/secrets";
import { SESSION_TTL_MS } from "@/lib/auth/session-cookie";
import type { SqlExecutor } from "./sql";
import { StoreError } from "./store-error";
import { isoString, toUser, userColumns, type UserRow } from "./user-rows";
import type { NewSession, SessionRecord } from "./users";

/** Session queries for SqlUserStore. A session row holds the id's SHA-256, never the id. */

export async function createSession(db: SqlExecutor, userId: UserId): Promise<NewSession> {
  const token = newSecret();
  const tokenHash = hashSecret(token);
  const csrfToken = newSecret();
  // Expired sessions of this user go now; others' go when they next sign in.
  await db.query("DELETE FROM sessions WHERE user_id = $1 AND expires_at <= clock_timestamp()", [userId]);
  // Inserted only for a user who may sign in, so a disable racing a sign-in leaves no session.
  const { rows } = await db.query<{ expires_at: Date | string }>(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)
     SELECT $1, id, $3, clock_timestamp() + $4 * interval '1 millisecond'
     FROM users WHERE id = $2 AND disabled_at IS NULL AND NOT is_local
     RETURNING expires_at`,
    [tokenHash, userId, csrfToken, SESSION_TTL_MS],
  );
  if (rows.length === 0) throw new StoreError("not_found", `user not found or disabled: ${userId}`);
  return { token, tokenHash, csrfToken, expiresAt: isoString(rows[0].expires_at) };
}

export async function getSessionByTokenHash(db: SqlExecutor, tokenHash: string): Promise<SessionRecord | null> {
  const { rows } = await db.query<UserRow & { csrf_token: string; expires_at: Date | string }>(
    `SELECT s.csrf_token, s.expires_at, ${userColumns("u")}
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > clock_timestamp() AND u.disabled_at IS NULL AND NOT u.is_local`,
    [tokenHash],
  );
  if (rows.length === 0) return null;
  const r = rows[0];
  return { user: toUser(r), csrfToken: r.csrf_token, expiresAt: isoString(r.expires_at) };
}

export async function deleteSession(db: SqlExecutor, tokenHash: string): Promise<void> {
  await db.query("DELETE FROM sessions WHERE token_hash = $1", [tokenHash]);
}
