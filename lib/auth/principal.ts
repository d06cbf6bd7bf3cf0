import type { Role, Scope } from "./roles";

declare const userIdBrand: unique symbol;
/** A user's id: a lowercase UUID, the users table's primary key. */
export type UserId = string & { readonly [userIdBrand]: true };

/**
 * Who is making a request, once authenticated. `via` says how: a session
 * cookie (all scopes; mutations need the CSRF token), an API token (only its
 * scopes), or the built-in local admin of a loopback install with no users.
 */
export interface Principal {
  userId: UserId;
  username: string;
  displayName: string;
  role: Role;
  via: "session" | "token" | "local";
  scopes: readonly Scope[];
}
