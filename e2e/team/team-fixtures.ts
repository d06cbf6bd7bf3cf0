import { request, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { TEAM_ADMIN } from "../../playwright.config";
import { expect, guardContext, type Guard } from "../fixtures";

/** Helpers for journeys on the team server (sign-in required). */

export const PASSWORD = "e2e-password-123";

/** An API client signed in as `username`, sending the CSRF token on mutations, as the app's own pages do. */
export async function apiAs(baseURL: string, username: string, password = PASSWORD): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await request.newContext({ baseURL });
  const res = await api.post("/api/auth/signin", { data: { username, password } });
  expect(res.status(), `sign in as ${username}`).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { api, csrf: csrfToken };
}

export async function adminApi(baseURL: string) {
  return apiAs(baseURL, TEAM_ADMIN.username, TEAM_ADMIN.password);
}

/** Creates users (once per server: a second run of the same names is a 409 and is fine). */
export async function ensureUsers(baseURL: string, users: { username: string; displayName: string; role: string }[]) {
  const { api, csrf } = await adminApi(baseURL);
  for (const u of users) {
    const res = await api.post("/api/users", { data: { ...u, password: PASSWORD }, headers: { "x-lathe-csrf": csrf } });
    expect([201, 409], `create ${u.username}: ${await res.text()}`).toContain(res.status());
  }
  await api.dispose();
}

/** A fresh browser context (its own cookies) signed in through the sign-in page. */
export async function signedIn(
  browser: Browser,
  baseURL: string,
  guard: Guard,
  username: string,
  next = "/projects",
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL });
  await guardContext(context, guard);
  const page = await context.newPage();
  await page.goto(`/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => u.pathname === next.split("?")[0]);
  return { context, page };
}
