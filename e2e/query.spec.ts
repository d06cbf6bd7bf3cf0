import { test, expect, openApp, runSqlCell } from "./fixtures";

test("a million-row result pages through a virtualized grid", async ({ page }) => {
  await openApp(page);
  const cell = await runSqlCell(page, "SELECT range AS i, range * 2 AS twice FROM range(1000000)");
  await expect(cell.getByRole("status")).toContainText(/1,000,000 rows · [\d.]+ ms/);
  const grid = cell.getByRole("grid");
  await expect(grid).toHaveAttribute("aria-rowcount", "1000001");
  // Only a window of rows is in the DOM.
  expect(await grid.getByRole("row").count()).toBeLessThan(60);
  const body = grid.locator(".grid-body");
  await body.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
    el.dispatchEvent(new Event("scroll"));
  });
  await expect(grid.getByRole("row", { name: /^1000000\b/ })).toContainText("999999");
  await expect(grid.getByRole("row", { name: /^1000000\b/ })).toContainText("1999998");
  expect(await grid.getByRole("row").count()).toBeLessThan(60);
});

test("cells are added, edited, reordered and deleted", async ({ page }) => {
  await openApp(page);
  const before = await page.locator(".cells > li").count();
  await page.getByRole("button", { name: "Add Markdown cell" }).click();
  const md = page.getByRole("textbox", { name: `Markdown, cell ${before + 1}` });
  await md.fill("## Notes\n\nSome **bold** words");
  await md.press("Shift+Enter");
  await expect(page.getByRole("heading", { name: "Notes" })).toBeVisible();
  await page.getByRole("button", { name: `Move cell ${before + 1} up` }).click();
  await expect(page.getByRole("listitem", { name: `Cell ${before}: Markdown` })).toContainText("Notes");
  await page.getByRole("button", { name: `Delete cell ${before}` }).click();
  await expect(page.locator(".cells > li")).toHaveCount(before);
  await expect(page.getByRole("heading", { name: "Notes" })).toHaveCount(0);
});
