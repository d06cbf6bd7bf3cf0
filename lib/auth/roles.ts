/**
 * Who may do what. Every route handler names one Permission and asks
 * `authorize` (lib/auth/authorize.ts) for it; this table is the only place
 * that says which roles hold it, and the role-matrix test walks it.
 */
export const ROLES = ["admin", "data_scientist", "reviewer", "labeler", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  admin: "Admin",
  data_scientist: "Data scientist",
  reviewer: "Reviewer",
  labeler: "Labeler",
  viewer: "Viewer",
};

/**
 * What an API token may be limited to. A token acts as its owner, but only
 * for permissions whose scope it carries; sessions carry every scope.
 */
export const SCOPES = ["read", "label", "write", "admin", "inference"] as const;
export type Scope = (typeof SCOPES)[number];

interface PermissionRule {
  roles: readonly Role[];
  scope: Scope;
}

const EVERYONE: readonly Role[] = ROLES;
const BUILDERS: readonly Role[] = ["admin", "data_scientist"];

export const PERMISSIONS = {
  "notebooks.read": { roles: ["admin", "data_scientist", "reviewer", "viewer"], scope: "read" },
  "notebooks.write": { roles: BUILDERS, scope: "write" },
  "users.manage": { roles: ["admin"], scope: "admin" },
  /** Listing, creating and revoking one's own API tokens. */
  "tokens.own": { roles: EVERYONE, scope: "admin" },
  "projects.read": { roles: EVERYONE, scope: "read" },
  /** Create projects, load items, change settings and the label schema, import labels. */
  "projects.manage": { roles: BUILDERS, scope: "write" },
  "labels.submit": { roles: ["admin", "data_scientist", "reviewer", "labeler"], scope: "label" },
  "labels.adjudicate": { roles: ["admin", "reviewer"], scope: "label" },
  /** Raw annotations of everyone, gold labels, agreement details, exports. */
  "labels.export": { roles: ["admin", "data_scientist", "reviewer", "viewer"], scope: "read" },
  /** Training runs: their configs, metrics, curves and weights. */
  "runs.read": { roles: ["admin", "data_scientist", "reviewer", "viewer"], scope: "read" },
  /** Record runs, update their notes and tags, import them. */
  "runs.write": { roles: BUILDERS, scope: "write" },
  /** The model registry: versions, gate verdicts, aliases and their history. */
  "models.read": { roles: ["admin", "data_scientist", "reviewer", "viewer"], scope: "read" },
  /** Push a model version (the gate judges it). */
  "models.push": { roles: BUILDERS, scope: "write" },
  /** Move an alias (champion, challenger, …): what serves traffic. */
  "models.deploy": { roles: BUILDERS, scope: "write" },
  /** Ask a served model for predictions: any role, with a token carrying the inference scope. */
  "models.infer": { roles: EVERYONE, scope: "inference" },
} as const satisfies Record<string, PermissionRule>;
export type Permission = keyof typeof PERMISSIONS;

export function roleAllows(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(role);
}

export function isRole(s: unknown): s is Role {
  return typeof s === "string" && (ROLES as readonly string[]).includes(s);
}
