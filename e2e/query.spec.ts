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

test("a result taller than the browser's element height limit still scrolls to its last row", async ({ page }) => {
  await openApp(page);
  // 5M rows × 28 px = 140M px, four times what Chromium lets an element be.
  const cell = await runSqlCell(page, "SELECT range AS i FROM range(5000000)");
  await expect(cell.getByRole("status")).toContainText(/5,000,000 rows/);
  const grid = cell.getByRole("grid");
  const body = grid.locator(".grid-body");
  const scrollTo = (fraction: number) =>
    body.evaluate((el, f) => {
      el.scrollTop = (el.scrollHeight - el.clientHeight) * f;
      el.dispatchEvent(new Event("scroll"));
    }, fraction);
  /** The row is drawn inside the scrolled viewport, not merely present in the DOM. */
  const expectInView = async (rowNumber: number, value: string) => {
    const row = grid.getByRole("row", { name: new RegExp(`^${rowNumber}\\b`) });
    await expect(row).toContainText(value);
    const [r, b] = [await row.boundingBox(), await body.boundingBox()];
    expect(r!.y).toBeGreaterThanOrEqual(b!.y - 1);
    expect(r!.y + r!.height).toBeLessThanOrEqual(b!.y + b!.height + 1);
  };
  await scrollTo(1);
  await expectInView(5000000, "4999999");
  await scrollTo(0.5);
  const mid = await grid.getByRole("row").nth(15).getAttribute("aria-rowindex");
  expect(Number(mid)).toBeGreaterThan(2_400_000);
  expect(Number(mid)).toBeLessThan(2_600_000);
  await scrollTo(0);
  await expectInView(1, "0");
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
