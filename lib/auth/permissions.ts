import { AuthError } from "./auth-error";
import type { Principal } from "./principal";
import { PERMISSIONS, roleAllows, type Permission, type Role } from "./roles";

/**
 * A permission needs both: the principal's role is in PERMISSIONS[p].roles,
 * and (for API tokens) the token carries PERMISSIONS[p].scope. Sessions and
 * local mode carry every scope, so for them the role decides.
 */
export function allows(p: Pick<Principal, "role" | "scopes">, permission: Permission): boolean {
  return roleAllows(p.role, permission) && p.scopes.includes(PERMISSIONS[permission].scope);
}

/** Every permission the principal holds, in the table's order (for GET /api/auth/me). */
export function permissionsOf(p: Pick<Principal, "role" | "scopes">): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((perm) => allows(p, perm));
}

/** Throws "forbidden" naming what is missing: the role first, then the token's scope. */
export function checkPermission(p: Pick<Principal, "role" | "scopes" | "via">, permission: Permission): void {
  const rule = PERMISSIONS[permission];
  if (!roleAllows(p.role, permission)) {
    throw new AuthError("forbidden", `forbidden: ${permission} needs role ${orList(rule.roles)} (you are ${p.role})`);
  }
  if (!p.scopes.includes(rule.scope)) {
    const has = p.scopes.length === 0 ? "none" : p.scopes.join(", ");
    throw new AuthError("forbidden", `forbidden: ${permission} needs a token with scope ${rule.scope} (this ${p.via === "token" ? "token" : "credential"} has ${has})`);
  }
}

function orList(roles: readonly Role[]): string {
  if (roles.length <= 1) return roles.join("");
  return `${roles.slice(0, -1).join(", ")} or ${roles[roles.length - 1]}`;
}
