import "server-only";
import type { CreateUserRequest, CreateUserResponse, PatchUserRequest, User } from "@/lib/api/user-requests";
import type { Store } from "@/lib/store/store";
import { StoreError } from "@/lib/store/store-error";
import type { UserRecord } from "@/lib/store/users";
import type { Principal } from "./principal";

/** What /api/users does for an admin (users.manage is checked by the route first). */

export function toUser(u: UserRecord): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    disabled: u.disabled,
    invitePending: u.invitePending,
    createdAt: u.createdAt,
  };
}

export async function listUsers(store: Store): Promise<User[]> {
  return (await store.users.listUsers()).map(toUser);
}

export async function createUser(store: Store, actor: Principal, req: CreateUserRequest): Promise<CreateUserResponse> {
  const user = { username: req.username, displayName: req.displayName, role: req.role };
  // The first user ends local mode at once. If it were not an admin who can
  // sign in, nobody could manage users afterwards: refuse that lockout.
  if (actor.via === "local" && (await store.users.countUsers()) === 0) {
    if (req.role !== "admin") {
      throw new StoreError("invalid", `role: the first user must be an admin (got ${req.role}); creating them ends local mode`, "role");
    }
    if (req.password === undefined) {
      throw new StoreError("invalid", "password: the first user needs one, since creating them ends local mode and someone must sign in", "password");
    }
  }
  if (req.password !== undefined) return { user: toUser(await store.users.createUser(user, req.password)) };
  const inv = await store.users.invite(user);
  return { user: toUser(inv.user), inviteCode: inv.code, inviteUrl: `/invite/${inv.code}`, inviteExpiresAt: inv.expiresAt };
}

/** Role first, then disabled; each refuses to leave no enabled admin (409). */
export async function updateUser(store: Store, id: string, req: PatchUserRequest): Promise<User> {
  let u: UserRecord | undefined;
  if (req.role !== undefined) u = await store.users.setRole(id, req.role);
  if (req.disabled !== undefined) u = await store.users.setDisabled(id, req.disabled);
  return toUser(u ?? (await store.users.getUser(id)));
}
