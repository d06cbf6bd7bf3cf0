import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { authenticate, type Authentication } from "./authorize";
import { AuthError } from "./auth-error";
import { allows, checkPermission } from "./permissions";
import type { Principal } from "./principal";
import type { Permission } from "./roles";
import { SESSION_COOKIE } from "./session-cookie";

/**
 * The same access decision as `authorize`, for server components: pages get
 * no Request, so one is built from next/headers (the Host header and the
 * session cookie). Pages only read, so no CSRF check applies.
 */
export type PageAccess =
  | { kind: "allowed"; principal: Principal; localMode: boolean }
  | { kind: "forbidden"; principal: Principal; message: string; elsewhere: { href: string; label: string }[] };

/** Pages a user may be sent to instead, each with the permission that opens it. */
const PAGES: { href: string; label: string; permission: Permission }[] = [
  { href: "/", label: "Notebook", permission: "notebooks.read" },
  { href: "/projects", label: "Labeling projects", permission: "projects.read" },
  { href: "/runs", label: "Runs", permission: "runs.read" },
  { href: "/admin/users", label: "Users", permission: "users.manage" },
];

/** Who is visiting this page, without redirecting (the sign-in page uses it). */
export async function pageAuthentication(path: string): Promise<Authentication> {
  const h = await headers();
  const session = (await cookies()).get(SESSION_COOKIE)?.value;
  const host = h.get("host") ?? "localhost";
  const forwarded = new Headers({ host });
  if (session) forwarded.set("cookie", `${SESSION_COOKIE}=${encodeURIComponent(session)}`);
  return authenticate(new Request(new URL(path, `http://${host}`), { headers: forwarded }));
}

/**
 * Redirects to /signin?next=<path> when nobody is signed in (and local mode
 * is off); answers "forbidden" with the reason when the role lacks
 * `permission`, for the page to render <NotAllowed>.
 */
export async function requirePageAccess(permission: Permission, path: string): Promise<PageAccess> {
  const auth = await pageAuthentication(path);
  const principal = auth.principal;
  if (principal === null) redirect(`/signin?next=${encodeURIComponent(path)}`);
  try {
    checkPermission(principal, permission);
  } catch (e) {
    if (!(e instanceof AuthError)) throw e;
    const elsewhere = PAGES.filter((p) => p.href !== path && allows(principal, p.permission)).map(({ href, label }) => ({ href, label }));
    return { kind: "forbidden", principal, message: e.message, elsewhere };
  }
  return { kind: "allowed", principal, localMode: auth.localMode };
}
