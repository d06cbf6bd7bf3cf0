import type { Page } from "@playwright/test";
import { test, expect, openApp, sample, loadFile, datasetItem, runSqlCell } from "./fixtures";

/** What must not change when a load fails: the dataset list and the notebook's cells. */
async function snapshot(page: Page) {
  return {
    datasets: await page.getByRole("list", { name: "Datasets" }).innerText(),
    cells: await page.locator(".cells > li").count(),
  };
}

async function expectRefused(page: Page, fileName: string, buffer: Buffer, message: RegExp) {
  const before = await snapshot(page);
  await loadFile(page, fileName, buffer);
  const alert = page.getByRole("alert").filter({ hasText: fileName });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(message);
  expect(await snapshot(page)).toEqual(before);
  await page.getByRole("button", { name: "Dismiss message" }).click();
}

test("every bad file is refused with its name and the reason, and nothing loaded before changes", async ({ page }) => {
  await openApp(page);
  await expectRefused(page, "ragged.csv", Buffer.from("a,b,c\n1,2,3\n4,5,6\n7,8,9,10\n"), /ragged\.csv: line 4: expected 3 fields/);
  await expectRefused(page, "quotes.csv", Buffer.from('a,b\n1,"never closed\n2,3\n'), /quotes\.csv: line 2: a quoted field opened on this line never closes/);
  await expectRefused(page, "garbage.csv", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /garbage\.csv: binary content/);
  await expectRefused(page, "empty.parquet", Buffer.alloc(0), /empty\.parquet: the file is empty/);
  await expectRefused(page, "cut.parquet", sample("flights-3m.parquet").subarray(0, 4096), /cut\.parquet: the Parquet file is truncated/);
  await expectRefused(page, "broken.json", Buffer.from('[\n{"a": 1},\n{"a": }\n]'), /broken\.json: line 3: invalid JSON/);
  await expectRefused(page, "report.xlsx", Buffer.from("PK"), /report\.xlsx: unsupported file type "\.xlsx"/);

  // Over the configured size limit.
  await page.getByText("Load options").click();
  await page.getByLabel("Size limit (MiB)").fill("0.001");
  await expectRefused(page, "big.csv", Buffer.from("a\n" + "1\n".repeat(2000)), /big\.csv: .* over the 1\.0 KiB limit/);
  await page.getByLabel("Size limit (MiB)").fill("1024");

  // A name taken by a table made in SQL.
  await runSqlCell(page, "CREATE TABLE mine AS SELECT 42 AS answer");
  await expect(page.getByText("Done: 1 statement")).toBeVisible();
  await expect(page.getByRole("listitem", { name: "Table mine" })).toContainText("kept across reloads");
  await expectRefused(page, "mine.csv", Buffer.from("x\n1\n"), /mine\.csv: table name "mine": a table or view with this name already exists/);

  // The same file again is not a new version.
  await expectRefused(page, "seattle-weather.csv", sample("seattle-weather.csv"), /identical to seattle_weather version 1/);
  await expect(datasetItem(page, "penguins")).toContainText("344 rows");
});

test("a SQL error shows DuckDB's message in the cell and the notebook carries on", async ({ page }) => {
  await openApp(page);
  const cell = await runSqlCell(page, "SELECT no_such_column FROM penguins");
  await expect(cell.getByRole("alert")).toContainText(/Binder Error.*no_such_column/s);
  // The context line is the cell's own query, with the caret under the unknown column.
  const context = (await cell.getByRole("alert").innerText()).split("\n").slice(-2);
  expect(context[0]).toBe("LINE 1: SELECT no_such_column FROM penguins");
  expect(context[0].indexOf("no_such_column")).toBe(context[1].indexOf("^"));
  const ok = await runSqlCell(page, "SELECT count(*) AS n FROM penguins");
  await expect(ok.getByRole("grid")).toContainText("344");
});

test("a long load can be cancelled and leaves nothing behind", async ({ page }) => {
  await openApp(page);
  const before = await page.getByRole("list", { name: "Datasets" }).innerText();
  await page.getByRole("button", { name: "Load sample flights_3m" }).click();
  await page.getByRole("button", { name: "Cancel loading" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "flights-3m.parquet" })).toContainText("loading cancelled; nothing was loaded");
  await expect(page.getByRole("button", { name: "Cancel loading" })).toHaveCount(0);
  expect(await page.getByRole("list", { name: "Datasets" }).innerText()).toBe(before);
  // The decoder comes back for the next load.
  await page.getByRole("button", { name: "Load sample flights_200k" }).click();
  await expect(page.getByRole("list", { name: "Datasets" }).getByRole("listitem", { name: "Dataset flights_200k" })).toContainText("200,000 rows");
});
