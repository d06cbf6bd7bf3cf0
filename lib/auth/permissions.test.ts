import { describe, expect, it } from "vitest";
import { AuthError } from "./auth-error";
import { allows, checkPermission, permissionsOf } from "./permissions";
import { SCOPES, type Role, type Scope } from "./roles";

const session = (role: Role) => ({ role, scopes: SCOPES, via: "session" as const });
const token = (role: Role, scopes: Scope[]) => ({ role, scopes, via: "token" as const });

function message(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AuthError);
    expect((e as AuthError).code).toBe("forbidden");
    return (e as AuthError).message;
  }
  throw new Error("expected forbidden");
}

describe("permissions", () => {
  it("name the permission, the roles that hold it and the caller's role", () => {
    expect(message(() => checkPermission(session("labeler"), "labels.adjudicate"))).toBe(
      "forbidden: labels.adjudicate needs role admin or reviewer (you are labeler)",
    );
    expect(message(() => checkPermission(session("viewer"), "notebooks.write"))).toBe(
      "forbidden: notebooks.write needs role admin or data_scientist (you are viewer)",
    );
    expect(message(() => checkPermission(session("reviewer"), "users.manage"))).toBe("forbidden: users.manage needs role admin (you are reviewer)");
  });

  it("need the role AND, for tokens, the scope", () => {
    expect(allows(token("admin", ["read"]), "notebooks.read")).toBe(true);
    expect(allows(token("admin", ["read"]), "notebooks.write")).toBe(false);
    expect(allows(token("labeler", ["read", "write"]), "notebooks.write")).toBe(false);
    expect(message(() => checkPermission(token("data_scientist", ["read", "label"]), "notebooks.write"))).toBe(
      "forbidden: notebooks.write needs a token with scope write (this token has read, label)",
    );
  });

  // Written by hand, not read from the table, so a wrong table fails here.
  it.each([
    ["admin", ["notebooks.read", "notebooks.write", "users.manage", "tokens.own", "projects.read", "projects.manage", "labels.submit", "labels.adjudicate", "labels.export", "runs.read", "runs.write", "models.read", "models.push", "models.deploy", "models.infer"]],
    ["data_scientist", ["notebooks.read", "notebooks.write", "tokens.own", "projects.read", "projects.manage", "labels.submit", "labels.export", "runs.read", "runs.write", "models.read", "models.push", "models.deploy", "models.infer"]],
    ["reviewer", ["notebooks.read", "tokens.own", "projects.read", "labels.submit", "labels.adjudicate", "labels.export", "runs.read", "models.read", "models.infer"]],
    ["labeler", ["tokens.own", "projects.read", "labels.submit", "models.infer"]],
    ["viewer", ["notebooks.read", "tokens.own", "projects.read", "labels.export", "runs.read", "models.read", "models.infer"]],
  ] as const)("a %s session holds exactly these", (role, expected) => {
    expect(permissionsOf(session(role))).toEqual(expected);
  });
});
