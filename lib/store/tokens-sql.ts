import type { Principal, UserId } from "@/lib/auth/principal";
import { SCOPES, type Scope } from "@/lib/auth/roles";
import { hashSecret, isApiTokenFormat, newApiToken } from "@/lib/auth/secrets";
import type { SqlExecutor } from "./sql";
import { StoreError } from "./store-error";
import { isoOrNull, isoString, parseScopes, parseUuid, toUser, userColumns, type UserRow } from "./user-rows";
import type { CreatedToken, TokenSummary } from "./users";

/** API token queries for SqlUserStore. A token row holds the token's SHA-256, never the token. */

interface TokenRow {
  id: string;
  name: string;
  scopes: unknown;
  created_at: Date | string;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}

const TOKEN_COLUMNS = "id, name, scopes, created_at, last_used_at, revoked_at";
const MAX_NAME = 100;

function toSummary(r: TokenRow): TokenSummary {
  return {
    id: r.id,
    name: r.name,
    scopes: parseScopes(r.scopes),
    createdAt: isoString(r.created_at),
    lastUsedAt: isoOrNull(r.last_used_at),
    revokedAt: isoOrNull(r.revoked_at),
  };
}

export async function createToken(db: SqlExecutor, userId: UserId, name: string, scopes: readonly Scope[]): Promise<CreatedToken> {
  const n = name.trim();
  if (n === "" || n.length > MAX_NAME) throw new StoreError("invalid", `name: must be 1 to ${MAX_NAME} characters (got ${n.length})`, "name");
  const bad = scopes.find((s) => !(SCOPES as readonly string[]).includes(s));
  if (bad !== undefined) throw new StoreError("invalid", `scopes: unknown scope ${bad}`, "scopes");
  if (scopes.length === 0) throw new StoreError("invalid", "scopes: a token needs at least one scope", "scopes");
  const token = newApiToken();
  // Canonical order, no duplicates: what listTokens shows is what was granted.
  const granted = SCOPES.filter((s) => scopes.includes(s));
  const { rows } = await db.query<TokenRow>(
    `INSERT INTO api_tokens (id, user_id, name, token_hash, scopes)
     SELECT $1, id, $3, $4, $5::json FROM users WHERE id = $2 AND disabled_at IS NULL AND NOT is_local
     RETURNING ${TOKEN_COLUMNS}`,
    [crypto.randomUUID(), userId, n, hashSecret(token), JSON.stringify(granted)],
  );
  if (rows.length === 0) throw new StoreError("not_found", `user not found or disabled: ${userId}`);
  return { token, summary: toSummary(rows[0]) };
}

export async function listTokens(db: SqlExecutor, userId: UserId): Promise<TokenSummary[]> {
  const { rows } = await db.query<TokenRow>(
    `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id`,
    [userId],
  );
  return rows.map(toSummary);
}

export async function revokeToken(db: SqlExecutor, userId: UserId, tokenId: string): Promise<TokenSummary> {
  const id = parseUuid(tokenId);
  // Someone else's token answers exactly like an unknown one, so ids cannot be probed.
  const notFound = new StoreError("not_found", `token not found: ${tokenId}`);
  if (id === null) throw notFound;
  const { rows } = await db.query<TokenRow>(
    `UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, clock_timestamp())
     WHERE id = $1 AND user_id = $2 RETURNING ${TOKEN_COLUMNS}`,
    [id, userId],
  );
  if (rows.length === 0) throw notFound;
  return toSummary(rows[0]);
}

export async function getPrincipalByToken(db: SqlExecutor, token: string): Promise<Principal | null> {
  if (!isApiTokenFormat(token)) return null;
  // One statement checks the token and its owner and records the use. The
  // local admin's tokens are refused: they would outlive local mode as admin keys.
  const { rows } = await db.query<UserRow & { token_scopes: unknown }>(
    `UPDATE api_tokens t SET last_used_at = clock_timestamp()
     FROM users u
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.id = t.user_id AND u.disabled_at IS NULL AND NOT u.is_local
     RETURNING t.scopes AS token_scopes, ${userColumns("u")}`,
    [hashSecret(token)],
  );
  if (rows.length === 0) return null;
  const user = toUser(rows[0]);
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    via: "token",
    scopes: parseScopes(rows[0].token_scopes),
  };
}
