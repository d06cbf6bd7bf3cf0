import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Every journey runs guard: any request that leaves localhost is aborted and
 * fails the test, and so does any uncaught page error.
 */
export interface Guard {
  external: string[];
  errors: string[];
}

/** Aborts and records requests that leave localhost, and records uncaught page errors, for every page of `context`. */
export async function guardContext(context: BrowserContext, guard: Guard): Promise<void> {
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.protocol === "data:" || url.protocol === "blob:") return route.continue();
    guard.external.push(route.request().url());
    return route.abort();
  });
  // A persistent context opens with a page already in it: watch that one too.
  const watch = (p: Page) => p.on("pageerror", (e) => guard.errors.push(e.message));
  context.pages().forEach(watch);
  context.on("page", watch);
}

export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ context }, use) => {
      const guard: Guard = { external: [], errors: [] };
      await guardContext(context, guard);
      await use(guard);
      expect(guard.external, "requests that left localhost").toEqual([]);
      expect(guard.errors, "uncaught errors in the page").toEqual([]);
    },
    { auto: true },
  ],
  page: async ({ page, guard }, use) => {
    page.on("pageerror", (e) => guard.errors.push(e.message));
    await use(page);
  },
});
export { expect };

export function sample(file: string): Buffer {
  return readFileSync(join(process.cwd(), "node_modules/vega-datasets/data", file));
}

/** Opens the app and waits until DuckDB is up and the first-visit samples are loaded. */
export async function openApp(page: Page) {
  await page.goto("/");
  await expect(page.locator("[data-engine=ready]")).toBeVisible({ timeout: 60_000 });
  const datasets = page.getByRole("list", { name: "Datasets" });
  await expect(datasets.getByRole("listitem", { name: "Dataset penguins" })).toBeVisible();
  await expect(datasets.getByRole("listitem", { name: "Dataset seattle_weather" })).toBeVisible();
}

export async function loadFile(page: Page, name: string, buffer: Buffer, mimeType = "application/octet-stream") {
  await page.getByLabel("Load data file").setInputFiles({ name, mimeType, buffer });
}

export function datasetItem(page: Page, name: string) {
  return page.getByRole("list", { name: "Datasets" }).getByRole("listitem", { name: `Dataset ${name}` });
}

/** Adds a SQL cell at the end, types the query and runs it with Shift+Enter. */
export async function runSqlCell(page: Page, sql: string) {
  await page.getByRole("button", { name: "Add SQL cell" }).last().click();
  const editors = page.getByRole("textbox", { name: /^SQL, cell \d+$/ });
  const editor = editors.last();
  await editor.click();
  await page.keyboard.insertText(sql);
  await page.keyboard.press("Shift+Enter");
  return page.getByRole("listitem", { name: /^Cell \d+: SQL$/ }).last();
}
