import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, openApp, loadFile, datasetItem, runSqlCell, sample, guardContext } from "./fixtures";

test("tables and the notebook survive a reload", async ({ page }) => {
  await openApp(page);
  await loadFile(page, "flights-200k.arrow", sample("flights-200k.arrow"));
  await expect(datasetItem(page, "flights_200k")).toContainText("200,000 rows");
  await page.getByRole("textbox", { name: "Notebook title" }).fill("Delay study");
  await runSqlCell(page, "SELECT count(*) AS n FROM flights_200k WHERE delay > 60");
  const cells = await page.locator(".cells > li").count();
  await page.waitForTimeout(500); // the notebook is written to IndexedDB 150 ms after an edit

  await page.reload();
  await expect(page.locator("[data-engine=ready]")).toBeVisible({ timeout: 60_000 });
  await expect(datasetItem(page, "flights_200k")).toContainText("200,000 rows");
  await expect(page.getByRole("textbox", { name: "Notebook title" })).toHaveValue("Delay study");
  await expect(page.locator(".cells > li")).toHaveCount(cells);
  const again = await runSqlCell(page, "SELECT count(*) AS n FROM flights_200k");
  await expect(again.getByRole("grid")).toContainText("200000");
});

test("tables and the notebook survive a browser restart", async ({ playwright, guard }) => {
  const profile = mkdtempSync(join(tmpdir(), "lathe-profile-"));
  // Each browser run gets the suite's offline guard; the guard fixture checks it at the end.
  const launch = async () => {
    const ctx = await playwright.chromium.launchPersistentContext(profile, {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
      baseURL: test.info().project.use.baseURL,
    });
    await guardContext(ctx, guard);
    return ctx;
  };
  try {
    let ctx = await launch();
    let page = ctx.pages()[0] ?? (await ctx.newPage());
    await openApp(page);
    await loadFile(page, "codes.csv", Buffer.from("zip,city\n02139,Cambridge\n"));
    await expect(datasetItem(page, "codes")).toContainText("1 rows");
    await page.getByRole("button", { name: "Add Markdown cell" }).click();
    await page.getByRole("textbox", { name: /^Markdown, cell \d+$/ }).fill("kept across restarts");
    await page.waitForTimeout(500);
    await ctx.close();

    ctx = await launch();
    page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto("/");
    await expect(page.locator("[data-engine=ready]")).toBeVisible({ timeout: 60_000 });
    await expect(datasetItem(page, "codes")).toContainText("1 rows");
    await expect(page.getByText("kept across restarts")).toBeVisible();
    await ctx.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
