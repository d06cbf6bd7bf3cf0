import type { UserId } from "@/lib/auth/principal";
import { isRole, SCOPES, type Scope } from "@/lib/auth/roles";
import { StoreError } from "./store-error";
import type { UserRecord } from "./users";

/** Row shapes and their mapping for users-sql.ts, sessions-sql.ts and tokens-sql.ts. */

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  is_local: boolean;
  disabled_at: Date | string | null;
  invite_pending: boolean;
  created_at: Date | string;
}

/** The columns of a UserRow, from table alias `a` ("" for none). Never the password or invite hash. */
export function userColumns(a = ""): string {
  const p = a ? `${a}.` : "";
  return `${p}id, ${p}username, ${p}display_name, ${p}role, ${p}is_local, ${p}disabled_at,
    (${p}invite_hash IS NOT NULL AND ${p}password_hash IS NULL) AS invite_pending, ${p}created_at`;
}

export function toUser(r: UserRow): UserRecord {
  if (!isRole(r.role)) throw new StoreError("invalid", `user ${r.id}: unknown role ${r.role}`);
  return {
    id: r.id as UserId,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    isLocal: r.is_local,
    disabled: r.disabled_at !== null,
    invitePending: r.invite_pending,
    createdAt: isoString(r.created_at),
  };
}

export function isoString(t: Date | string): string {
  return (t instanceof Date ? t : new Date(t)).toISOString();
}

export function isoOrNull(t: Date | string | null): string | null {
  return t === null ? null : isoString(t);
}

/** The built-in local admin's username; nobody else may take it. */
export const LOCAL_USERNAME = "local";
const MAX_USERNAME = 64;

/** Usernames are stored lowercase (the table checks it), which makes uniqueness case-insensitive. */
export function normalizeUsername(username: string): string {
  const u = username.trim().toLowerCase();
  if (u === "" || u.length > MAX_USERNAME) {
    throw new StoreError("invalid", `username: must be 1 to ${MAX_USERNAME} characters (got ${u.length})`, "username");
  }
  return u;
}

export function requireNewUsername(username: string): string {
  const u = normalizeUsername(username);
  if (u === LOCAL_USERNAME) throw new StoreError("conflict", `username taken: ${u} (reserved for the local admin)`, "username");
  return u;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Lowercase UUID, or null when `s` cannot be one (so callers answer not_found without asking the database). */
export function parseUuid(s: string): string | null {
  const lower = s.toLowerCase();
  return UUID.test(lower) ? lower : null;
}

/** SQLSTATE 23505: a UNIQUE constraint refused the row. Both drivers put the SQLSTATE in `code`. */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && "code" in e && (e as { code: unknown }).code === "23505";
}

export function parseScopes(value: unknown): Scope[] {
  const list: unknown = typeof value === "string" ? JSON.parse(value) : value;
  if (!Array.isArray(list)) return [];
  return SCOPES.filter((s) => list.includes(s));
}
