import type { Principal, UserId } from "@/lib/auth/principal";
import type { Role, Scope } from "@/lib/auth/roles";

/** A user as the store hands it out: never the password or invite hash. */
export interface UserRecord {
  id: UserId;
  /** Lowercase; unique regardless of case. */
  username: string;
  displayName: string;
  role: Role;
  /** The built-in local admin of local mode: cannot sign in, not counted as a user. */
  isLocal: boolean;
  disabled: boolean;
  /** Invited and not yet accepted (no password set). */
  invitePending: boolean;
  createdAt: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
}

export interface Invitation {
  user: UserRecord;
  /** The one-time invite code; only its hash is stored, so this is the only copy. */
  code: string;
  expiresAt: string;
}

export interface NewSession {
  /** The session id for the cookie; only its hash is stored. */
  token: string;
  tokenHash: string;
  csrfToken: string;
  expiresAt: string;
}

export interface SessionRecord {
  user: UserRecord;
  csrfToken: string;
  expiresAt: string;
}

export interface TokenSummary {
  id: string;
  name: string;
  scopes: Scope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedToken {
  /** `lathe_…`: shown once; only its hash is stored. */
  token: string;
  summary: TokenSummary;
}

/**
 * The users, sessions and API tokens part of the Store (implemented in
 * users-sql.ts). Expected failures are StoreErrors: "conflict" for a taken
 * username or the last admin, "not_found" for unknown ids and spent invites,
 * "invalid" for values the database cannot hold.
 */
export interface UserStore {
  /** A user who can sign in at once. Username unique case-insensitively ("conflict"); "local" is reserved. */
  createUser(user: NewUser, password: string): Promise<UserRecord>;
  /** A user without a password, and a code valid for 7 days with which they set one. */
  invite(user: NewUser): Promise<Invitation>;
  /** Sets the password and spends the code; "not_found" when unknown, spent or expired. */
  acceptInvite(code: string, password: string): Promise<UserRecord>;
  /** "conflict" when it would leave no enabled admin. */
  setRole(id: string, role: Role): Promise<UserRecord>;
  /** Disabling also ends the user's sessions; "conflict" when it would leave no enabled admin. */
  setDisabled(id: string, disabled: boolean): Promise<UserRecord>;
  /** Every user but the local admin, by username. */
  listUsers(): Promise<UserRecord[]>;
  getUser(id: string): Promise<UserRecord>;
  /** Users other than the local admin, disabled ones included. */
  countUsers(): Promise<number>;
  /** The local admin, created on first call. */
  ensureLocalAdmin(): Promise<UserRecord>;
  /**
   * The user when the password is theirs and they may sign in (enabled, not
   * local, invite accepted), else null. Takes as long either way.
   */
  verifyPassword(username: string, password: string): Promise<UserRecord | null>;

  createSession(userId: UserId): Promise<NewSession>;
  /** Null when unknown, expired, or the user is disabled. */
  getSessionByTokenHash(tokenHash: string): Promise<SessionRecord | null>;
  deleteSession(tokenHash: string): Promise<void>;

  createToken(userId: UserId, name: string, scopes: readonly Scope[]): Promise<CreatedToken>;
  /** The user's tokens, revoked ones too, newest first. */
  listTokens(userId: UserId): Promise<TokenSummary[]>;
  /** "not_found" unless the token is the user's; revoking twice is a no-op. */
  revokeToken(userId: UserId, tokenId: string): Promise<TokenSummary>;
  /**
   * The token's owner limited to its scopes, recording the use; null when the
   * token is unknown or revoked, or its owner disabled or the local admin.
   */
  getPrincipalByToken(token: string): Promise<Principal | null>;
}
