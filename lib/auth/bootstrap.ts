import "server-only";
import { MIN_PASSWORD } from "@/lib/api/auth-requests";
import type { Store } from "@/lib/store/store";
import { StoreError } from "@/lib/store/store-error";
import { AuthError } from "./auth-error";
import type { Env } from "./local-mode";

/** Per store: a user count once it was above zero (a lower bound afterwards). */
const usersExist = new WeakMap<Store, number>();

/**
 * The first admin of an install that must not run in local mode (it listens
 * beyond loopback): when no user exists yet and LATHE_ADMIN_USERNAME and
 * LATHE_ADMIN_PASSWORD are set, that admin is created at the first request
 * that asks who is there. Returns the number of users afterwards. On
 * loopback too, since setting the variables says accounts are wanted.
 */
export async function countUsersAfterBootstrap(store: Store, env: Env = process.env): Promise<number> {
  // Users are disabled, never deleted: once a store has one, it always has,
  // so every later request skips the count (it ran on each request before).
  const known = usersExist.get(store);
  if (known !== undefined) return known;
  const n = await store.users.countUsers();
  if (n > 0) {
    usersExist.set(store, n);
    return n;
  }
  const username = env.LATHE_ADMIN_USERNAME?.trim();
  const password = env.LATHE_ADMIN_PASSWORD;
  if (!username || !password) return 0;
  if (password.length < MIN_PASSWORD) {
    throw new AuthError("unauthenticated", `LATHE_ADMIN_PASSWORD: must be at least ${MIN_PASSWORD} characters; the first admin was not created`);
  }
  try {
    await store.users.createUser({ username, displayName: username, role: "admin" }, password);
  } catch (e) {
    // Another request (or process) created it first: that is the same outcome.
    if (!(e instanceof StoreError && e.code === "conflict")) throw e;
  }
  return store.users.countUsers();
}
