import { expect, openApp, test } from "./fixtures";

/**
 * Training in the real worker on the penguins sample: curves grow epoch by
 * epoch, the result beats the baseline, a long run is cancelled within a
 * batch, and both runs are recorded on the server with their endings.
 */
test("train a model on penguins in the worker, watch the curves, cancel a second run", async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  // Other journeys share this server's store: count only the runs made here.
  const before = ((await (await page.request.get("/api/runs")).json()) as { total: number }).total;
  await page.getByRole("button", { name: "Add Train cell" }).last().click();
  const cell = page.getByRole("listitem", { name: /^Cell \d+: Train$/ }).last();
  await cell.getByRole("button", { name: "Load columns" }).click();
  await expect(cell.getByLabel("Target", { exact: true })).toHaveValue("Species");
  await expect(cell.getByRole("checkbox", { name: "Island" })).toBeChecked();
  await cell.getByLabel("Epochs", { exact: true }).fill("12");
  await cell.getByLabel("Backend", { exact: true }).selectOption("wasm");
  await cell.getByRole("button", { name: "Train", exact: true }).click();

  const progress = cell.getByRole("progressbar", { name: "Training progress" });
  await expect(progress).toBeVisible({ timeout: 60_000 });
  await expect(cell.getByText(/^Epoch [1-9]\d* of 12/)).toBeVisible();
  await expect(cell.getByText(/Backend: wasm/)).toBeVisible();
  const results = cell.getByRole("table", { name: "Training results" });
  await expect(results).toBeVisible({ timeout: 90_000 });
  const testRow = results.getByRole("row", { name: /^test/ });
  const [accuracy, baseline] = (await testRow.getByRole("cell").allTextContents()).slice(1, 3).map(Number);
  expect(accuracy).toBeGreaterThan(0.9);
  expect(accuracy).toBeGreaterThan(baseline + 0.3);
  // The chart holds a line per split, drawn from the 12 epochs.
  await expect(cell.getByRole("img", { name: /^Loss curves of cell/ }).locator("svg path")).not.toHaveCount(0);
  await expect(cell.getByRole("img", { name: /^Accuracy curves of cell/ }).locator("svg path")).not.toHaveCount(0);

  // A long run, cancelled while it trains.
  await cell.getByLabel("Epochs", { exact: true }).fill("2000");
  await cell.getByLabel(/^Early stopping patience/).fill("0");
  await cell.getByRole("button", { name: "Train", exact: true }).click();
  await expect(cell.getByText(/^Epoch ([3-9]|\d\d+) of 2000/)).toBeVisible({ timeout: 60_000 });
  await cell.getByRole("button", { name: "Cancel training" }).click();
  await expect(cell.getByText(/^Training cancelled after \d+ epochs?; the run is recorded as cancelled/)).toBeVisible({ timeout: 20_000 });

  const runs = (await (await page.request.get("/api/runs?sort=created&dir=asc")).json()) as { runs: { status: string; primaryMetric: number | null }[] };
  const mine = runs.runs.slice(before);
  expect(mine.map((r) => r.status)).toEqual(["finished", "cancelled"]);
  expect(mine[0].primaryMetric).toBeGreaterThan(0.9);

  // The runs page lists both, and filters by status on the server.
  await page.getByRole("link", { name: "Runs" }).click();
  const table = page.getByRole("table", { name: "Runs" });
  await expect(table.getByRole("row")).toHaveCount(before + 3);
  await page.getByLabel("Status").selectOption("cancelled");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^1 run$/ })).toBeVisible();
  await expect(table.getByRole("row").nth(1)).toContainText("cancelled");
});
