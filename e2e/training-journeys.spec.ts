import { readFileSync, writeFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { expect, openApp, test } from "./fixtures";

interface ListedRun {
  id: string;
  name: string;
  status: string;
  tags: string[];
}
interface FullRun extends ListedRun {
  parentId: string | null;
}

/**
 * Experiment tracking in the browser: two runs compared (settings that
 * differ, metric deltas, overlaid curves, parallel coordinates), a run
 * repeated from its page with Re-run, a small sweep whose trials are each a
 * run, and runs exported to a JSON file and imported back.
 */
test("compare two runs, re-run one, sweep, export and import", async ({ page }, testInfo) => {
  test.setTimeout(300_000);
  await openApp(page);
  await page.getByRole("button", { name: "Add Train cell" }).last().click();
  const cell = page.getByRole("listitem", { name: /^Cell \d+: Train$/ }).last();
  await cell.getByRole("button", { name: "Load columns" }).click();
  await expect(cell.getByLabel("Target", { exact: true })).toHaveValue("Species");
  await cell.getByLabel("Epochs", { exact: true }).fill("8");
  await cell.getByLabel("Backend", { exact: true }).selectOption("wasm");
  const results = cell.getByRole("table", { name: "Training results" });

  await cell.getByRole("button", { name: "Train", exact: true }).click();
  await expect(results).toBeVisible({ timeout: 90_000 });
  await cell.getByLabel("Learning rate", { exact: true }).fill("0.05");
  await cell.getByLabel(/^Hidden layers \(units/).fill("8");
  await cell.getByRole("button", { name: "Train", exact: true }).click();
  await expect(results).toBeHidden();
  await expect(results).toBeVisible({ timeout: 90_000 });
  const [second, first] = ((await (await page.request.get("/api/runs?sort=created&dir=desc&limit=2")).json()) as { runs: ListedRun[] }).runs;
  expect([first.status, second.status]).toEqual(["finished", "finished"]);

  // Compare: select both on the runs page.
  await page.goto("/runs");
  await page.getByRole("checkbox", { name: `Select run ${first.name} (${first.id.slice(0, 8)})` }).check();
  await page.getByRole("checkbox", { name: `Select run ${second.name} (${second.id.slice(0, 8)})` }).check();
  await page.getByRole("link", { name: "Compare selected" }).click();
  await expect(page.getByRole("heading", { name: /^Compare 2 runs$/ })).toBeVisible();
  const diff = page.getByRole("table", { name: "Settings that differ" });
  await expect(diff.getByRole("row", { name: /modelSpec\.optimizer\.learningRate/ })).toContainText("0.05");
  await expect(diff.getByRole("row", { name: /modelSpec\.hidden/ })).toContainText("8");
  await expect(diff.getByRole("row", { name: /modelSpec\.epochs/ })).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Metric deltas" }).getByRole("row", { name: /^validation\s+accuracy/ })).toBeVisible();
  await expect(page.getByRole("img", { name: "Overlaid learning curves" }).locator("svg path")).not.toHaveCount(0);
  await expect(page.getByRole("img", { name: /^Parallel coordinates:/ }).locator("polyline")).toHaveCount(2);

  // Re-run the first run from its page: the notebook gains a cell that trains by itself.
  await page.goto(`/runs/${first.id}`);
  await expect(page.getByRole("table", { name: "Run results" })).toBeVisible();
  await expect(page.getByText(/^Trained on the current data: penguins version \d+\.$/)).toBeVisible();
  await page.getByRole("link", { name: "Re-run in the notebook" }).click();
  const rerunCell = page.getByRole("listitem", { name: /^Cell \d+: Train$/ }).last();
  await expect(rerunCell.getByRole("table", { name: "Training results" })).toBeVisible({ timeout: 120_000 });
  const newest = ((await (await page.request.get("/api/runs?sort=created&dir=desc&limit=1")).json()) as { runs: ListedRun[] }).runs[0];
  const repeated = (await (await page.request.get(`/api/runs/${newest.id}`)).json()) as FullRun;
  expect(repeated.parentId).toBe(first.id);
  expect(repeated.tags).toContain("re-run");
  expect(repeated.status).toBe("finished");

  // A grid sweep over two learning rates: two trials, each a run with the sweep's tag.
  await rerunCell.getByText("Sweep hyperparameters").click();
  await rerunCell.getByLabel("Sweep learning rates").fill("0.01, 0.1");
  await rerunCell.getByRole("button", { name: "Run sweep" }).click();
  const trials = rerunCell.getByRole("table", { name: /^Sweep trials of cell/ });
  await expect(trials.getByRole("row")).toHaveCount(3);
  await expect(rerunCell.getByText(/^Sweep sweep-\d+: 2 of 2 trials finished/)).toBeVisible({ timeout: 120_000 });
  await expect(trials.getByRole("row", { name: /lr=0\.1/ })).toContainText("finished");
  const tag = (await rerunCell.getByText(/^Sweep sweep-\d+/).textContent())!.match(/sweep-\d+/)![0];
  const swept = ((await (await page.request.get(`/api/runs?tag=${tag}`)).json()) as { runs: ListedRun[] }).runs;
  expect(swept.map((r) => r.status)).toEqual(["finished", "finished"]);

  // Export one run to a file; import it back beside a renamed copy under a new id.
  await page.goto("/runs");
  await page.getByRole("checkbox", { name: `Select run ${first.name} (${first.id.slice(0, 8)})` }).check();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export selected as JSON" }).click()]);
  const file = testInfo.outputPath("runs.json");
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, "utf8")) as { format: string; runs: (FullRun & Record<string, unknown>)[] };
  expect(exported.format).toBe("lathe-runs");
  expect(exported.runs.map((r) => r.id)).toEqual([first.id]);
  const copyId = randomUUID();
  exported.runs.push({ ...exported.runs[0], id: copyId, name: "copied from another server" });
  writeFileSync(file, JSON.stringify(exported));
  await page.getByLabel("Import runs from a JSON file").setInputFiles(file);
  await expect(page.getByRole("status").filter({ hasText: /^Imported 1 run from runs\.json; 1 already here, skipped/ })).toBeVisible();
  const copy = (await (await page.request.get(`/api/runs/${copyId}`)).json()) as FullRun;
  expect(copy.name).toBe("copied from another server");
  expect(copy.tags).toContain("imported");

  // A file that is not a runs export imports nothing and says what is wrong.
  writeFileSync(file, JSON.stringify({ format: "lathe-runs", version: 1, exportedAt: new Date().toISOString(), runs: [{ id: "nope" }] }));
  await page.getByLabel("Import runs from a JSON file").setInputFiles(file);
  await expect(page.getByRole("alert").filter({ hasText: /^runs\.json was not imported: .*runs\.0/ })).toBeVisible();
});

/**
 * Feature settings per column reach the worker and the run: a text column
 * treated as numbers fails with a message naming the column, the row and the
 * value, and is recorded as failed; settings that make sense train, and the
 * run keeps them (and the fitted spec shows their effect).
 */
test("feature settings: a text column as numbers fails clearly; a constant fill and min-max scaling train and are recorded", async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  await page.getByRole("button", { name: "Add Train cell" }).last().click();
  const cell = page.getByRole("listitem", { name: /^Cell \d+: Train$/ }).last();
  await cell.getByRole("button", { name: "Load columns" }).click();
  await expect(cell.getByLabel("Target", { exact: true })).toHaveValue("Species");
  await cell.getByLabel("Epochs", { exact: true }).fill("3");
  await cell.getByText(/^Feature settings/).click();
  await cell.getByLabel("Treat Island as").selectOption("numeric");
  await cell.getByRole("button", { name: "Train", exact: true }).click();
  await expect(cell.getByRole("alert")).toContainText('feature "Island" was chosen as numeric, but row 1 holds "Torgersen", which is not a number');
  const failed = ((await (await page.request.get("/api/runs?sort=created&dir=desc&limit=1")).json()) as { runs: { id: string; status: string }[] }).runs[0];
  expect(failed.status).toBe("failed");

  await cell.getByLabel("Treat Island as").selectOption("");
  await cell.getByLabel("Missing values of Sex").selectOption("constant");
  await cell.getByLabel("Fill value of Sex").fill("unknown");
  await cell.getByLabel("Scaling of Body Mass (g)").selectOption("minmax");
  await expect(cell.getByText("Feature settings (2 changed)")).toBeVisible();
  await cell.getByRole("button", { name: "Train", exact: true }).click();
  await expect(cell.getByRole("table", { name: "Training results" })).toBeVisible({ timeout: 90_000 });
  const newest = ((await (await page.request.get("/api/runs?sort=created&dir=desc&limit=1")).json()) as { runs: { id: string }[] }).runs[0];
  const run = (await (await page.request.get(`/api/runs/${newest.id}`)).json()) as {
    config: { featureSpec: { settings: Record<string, unknown> } };
    fittedFeatures: { columns: { name: string; fill?: unknown; scale?: { method: string } }[] };
  };
  expect(run.config.featureSpec.settings).toEqual({ Sex: { impute: "constant", constant: "unknown" }, "Body Mass (g)": { scale: "minmax" } });
  expect(run.fittedFeatures.columns.find((c) => c.name === "Sex")?.fill).toBe("unknown");
  expect(run.fittedFeatures.columns.find((c) => c.name === "Body Mass (g)")?.scale?.method).toBe("minmax");
});
