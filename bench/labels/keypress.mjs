// Keypress to the next item rendered, in headless Chromium on the production
// build: the labeler view marks the Enter keydown ("lathe:label-key") and
// measures ("lathe:next-item") once the frame showing the next item has been
// painted, so the figure is the page's own latency, without Playwright's
// round trips.
import { ORIGIN } from "../data/config.mjs";
import { newContext, watchConsole } from "../data/browser.mjs";
import { percentile } from "./client.mjs";

export async function keypressTimings(browser, projectId, username, password, rounds) {
  const context = await newContext(browser, "labeler");
  const page = await context.newPage();
  watchConsole(page, "labeler");
  await page.goto(`${ORIGIN}/signin?next=${encodeURIComponent(`/projects/${projectId}/label`)}`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const key = page.getByTestId("item-key");
  await key.waitFor({ timeout: 60_000 });
  for (let i = 0; i < rounds; i++) {
    const before = await key.textContent();
    await page.keyboard.press(String((i % 5) + 1));
    await page.keyboard.press("Enter");
    // The next item must be on screen, and its successor prefetched, before the next keypress.
    await page.waitForFunction((prev) => document.querySelector('[data-testid="item-key"]')?.textContent !== prev, before);
    await page.waitForTimeout(40);
  }
  const ms = await page.evaluate(() => performance.getEntriesByName("lathe:next-item").map((e) => e.duration));
  await context.close();
  const warm = 10;
  const xs = ms.slice(warm);
  return { rounds: xs.length, p50: percentile(xs, 50), p95: percentile(xs, 95), max: Math.max(...xs) };
}
