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
  // Tables and views made in SQL come back too, with their types and every value.
  await runSqlCell(
    page,
    `CREATE TABLE late AS SELECT distance // 500 AS band, count(*) AS flights, sum(delay)::HUGEINT * 1000000000000 AS delay_ps FROM flights_200k WHERE delay > 60 GROUP BY band;
     CREATE VIEW worst AS SELECT band FROM late ORDER BY flights DESC, band LIMIT 3`,
  );
  await expect(page.getByRole("listitem", { name: "Table late" })).toContainText("kept across reloads");
  await expect(page.getByRole("listitem", { name: "View worst" })).toContainText("kept across reloads");
  const check = "SELECT count(*) AS n, sum(flights) AS f, max(delay_ps)::VARCHAR AS d, (SELECT string_agg(band::VARCHAR, ' ') FROM worst) AS w FROM late";
  const before = await runSqlCell(page, check);
  await expect(before.getByRole("grid")).toContainText(/\d{15,}/); // rows fetched; the HUGEINT column as digits
  const expected = (await before.getByRole("grid").textContent()) ?? "";
  const cells = await page.locator(".cells > li").count();
  await page.waitForTimeout(500); // the notebook is written to IndexedDB 150 ms after an edit

  await page.reload();
  await expect(page.locator("[data-engine=ready]")).toBeVisible({ timeout: 60_000 });
  await expect(datasetItem(page, "flights_200k")).toContainText("200,000 rows");
  await expect(page.getByRole("textbox", { name: "Notebook title" })).toHaveValue("Delay study");
  await expect(page.locator(".cells > li")).toHaveCount(cells);
  const again = await runSqlCell(page, "SELECT count(*) AS n FROM flights_200k");
  await expect(again.getByRole("grid")).toContainText("200000");
  await expect(page.getByRole("listitem", { name: "Table late" })).toContainText("kept across reloads");
  const after = await runSqlCell(page, check);
  await expect(after.getByRole("grid")).toHaveText(expected);
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
