import { expect, openApp, test } from "./fixtures";

/**
 * Error analysis of a trained run: the Evaluate cell scores the run's test
 * split again in its worker, shows every metric with its interval next to
 * the baseline, evaluates the notebook's named slices (a broken one says
 * why, the others are unaffected), opens the rows behind a slice sorted by
 * loss, sends chosen rows to a labeling project's review queue with a
 * reason, and stores the evaluation with the run, where its page shows it.
 */
test("evaluate a run by slice, drill into a slice's rows, send them to review", async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  await page.getByRole("button", { name: "Add Train cell" }).last().click();
  const train = page.getByRole("listitem", { name: /^Cell \d+: Train$/ }).last();
  await train.getByRole("button", { name: "Load columns" }).click();
  await expect(train.getByLabel("Target", { exact: true })).toHaveValue("Species");
  await train.getByLabel("Model", { exact: true }).selectOption("linear");
  await train.getByLabel("Epochs", { exact: true }).fill("15");
  await train.getByLabel("Backend", { exact: true }).selectOption("wasm");
  await train.getByRole("button", { name: "Train", exact: true }).click();
  await expect(train.getByRole("table", { name: "Training results" })).toBeVisible({ timeout: 120_000 });
  const runLink = train.getByRole("link", { name: /^Run [0-9a-f]{8}$/ });
  const runId = (await runLink.getAttribute("href"))!.split("/").pop()!;
  // A second, shorter-trained run on the same split, to compare with by slice.
  await train.getByLabel("Epochs", { exact: true }).fill("2");
  await train.getByRole("button", { name: "Train", exact: true }).click();
  await expect(train.getByRole("link", { name: /^Run [0-9a-f]{8}$/ })).not.toHaveAttribute("href", `/runs/${runId}`, { timeout: 120_000 });
  await expect(train.getByRole("button", { name: "Cancel training" })).toBeDisabled({ timeout: 120_000 });
  await expect(train.getByRole("table", { name: "Training results" })).toBeVisible();
  const secondId = (await train.getByRole("link", { name: /^Run [0-9a-f]{8}$/ }).getAttribute("href"))!.split("/").pop()!;

  const project = await page.request.post("/api/projects", {
    data: { name: "Penguin review", labels: ["Adelie", "Chinstrap", "Gentoo"], annotatorsPerItem: 1, overlapShare: 0, idColumn: "id", displayColumns: [{ name: "Island", kind: "text" }], source: { kind: "query", text: "penguins" } },
  });
  expect(project.status()).toBe(201);
  const { id: projectId } = (await project.json()) as { id: string };

  await page.getByRole("button", { name: "Add Evaluate cell" }).last().click();
  const cell = page.getByRole("listitem", { name: /^Cell \d+: Evaluate$/ }).last();
  const runSelect = cell.getByRole("combobox", { name: "Run", exact: true });
  await expect(runSelect).toContainText(runId.slice(0, 8));
  await runSelect.selectOption(runId);
  await cell.getByRole("button", { name: "Add slice" }).click();
  await cell.getByLabel("Slice 1 name").fill("Biscoe");
  await cell.getByLabel("Slice 1 definition").fill("Island = 'Biscoe'");
  await cell.getByLabel("Pin slice 1 to the dashboard").check();
  await cell.getByLabel("Slice 1 threshold metric").selectOption("accuracy");
  await cell.getByLabel("Slice 1 threshold value").fill("0.5");
  await cell.getByRole("button", { name: "Add slice" }).click();
  await cell.getByLabel("Slice 2 name").fill("heavy");
  await cell.getByLabel("Slice 2 definition").fill('q("Body Mass (g)", 4) = 4');
  await cell.getByRole("button", { name: "Add slice" }).click();
  await cell.getByLabel("Slice 3 name").fill("typo");
  await cell.getByLabel("Slice 3 definition").fill("Colour = 'blue'");
  await cell.getByRole("button", { name: "Evaluate", exact: true }).click();

  const metrics = cell.getByRole("table", { name: /^Metrics, cell \d+$/ });
  await expect(metrics).toBeVisible({ timeout: 90_000 });
  const accuracy = metrics.getByRole("row", { name: /^Accuracy / }).getByRole("cell");
  const [value, interval, baseline] = (await accuracy.allTextContents()).map((t) => t.trim());
  const [lo, hi] = interval.split(" – ").map(Number);
  expect(Number(value)).toBeGreaterThan(Number(baseline));
  expect(lo).toBeLessThanOrEqual(Number(value));
  expect(hi).toBeGreaterThanOrEqual(Number(value));
  await expect(cell.getByRole("table", { name: /^Confusion matrix/ })).toBeVisible();
  await expect(cell.getByRole("img", { name: /^Reliability diagram/ }).locator("svg")).toHaveCount(1);
  await expect(cell.getByRole("status").filter({ hasText: "Stored with the run." })).toBeVisible();

  const slices = cell.getByRole("table", { name: /^Slices, cell \d+$/ });
  await expect(slices.getByRole("row", { name: /^Biscoe/ })).toContainText(/(Pass|Fail) \(Accuracy ≥ 0\.5\)/);
  await expect(slices.getByRole("row", { name: /^typo/ })).toContainText(/slice "typo":.*Colour/);
  const heavyRows = Number((await slices.getByRole("row", { name: /^heavy/ }).getByRole("cell").first().textContent())!.replaceAll(",", ""));
  expect(heavyRows).toBeGreaterThan(5);

  // The rows behind the slice, worst first; two of them go to review.
  // A confusion-matrix count opens its rows: all labelled and predicted as that pair.
  await cell.getByRole("button", { name: /^Rows labelled Adelie predicted Adelie$/ }).click();
  await expect(cell.getByRole("region", { name: "Rows of labelled Adelie, predicted Adelie" })).toBeVisible();
  await slices.getByRole("button", { name: "Show the rows of slice Biscoe" }).click();
  const rows = cell.getByRole("region", { name: "Rows of Biscoe" });
  const grid = rows.getByRole("table", { name: "Rows of Biscoe, by loss" });
  await expect(grid).toBeVisible();
  const header = (await grid.getByRole("columnheader").allTextContents()).map((t) => t.trim());
  const islandAt = header.indexOf("Island");
  const lossAt = header.indexOf("loss");
  expect(islandAt).toBeGreaterThan(0);
  const body = grid.locator("tbody tr");
  const n = await body.count();
  expect(n).toBeGreaterThan(3);
  const losses: number[] = [];
  for (let i = 0; i < n; i++) {
    const cells = body.nth(i).getByRole("cell");
    await expect(cells.nth(islandAt)).toHaveText("Biscoe");
    losses.push(Number(await cells.nth(lossAt).textContent()));
  }
  expect(losses).toEqual([...losses].sort((a, b) => b - a));
  // Active learning's order: least confident first.
  await rows.getByLabel("Order").selectOption("uncertain");
  const confidenceAt = header.indexOf("confidence");
  await expect(async () => {
    const confidences = await Promise.all(Array.from({ length: Math.min(n, 6) }, (_, i) => body.nth(i).getByRole("cell").nth(confidenceAt).textContent().then(Number)));
    expect(confidences).toEqual([...confidences].sort((a, b) => a - b));
    expect(confidences[0]).toBeLessThan(Math.max(...confidences) + 1e-9);
  }).toPass();
  await body.nth(0).getByRole("checkbox").check();
  await body.nth(1).getByRole("checkbox").check();
  await rows.getByLabel("Project").selectOption(projectId);
  await rows.getByRole("button", { name: "Send 2 rows to review" }).click();
  await expect(rows.getByRole("status")).toHaveText("2 rows sent to review (2 new items, 0 already in the project).");
  const queue = (await (await page.request.get(`/api/projects/${projectId}/review`)).json()) as { items: { flag: { reason: string } | null }[] };
  expect(queue.items).toHaveLength(2);
  for (const item of queue.items) expect(item.flag?.reason).toMatch(/^error analysis of run .*, slice Biscoe \(label \w+, predicted \w+, confidence [\d.]+, loss [\d.]+\)$/);

  // The same held-out rows under the second run: paired differences per slice.
  await cell.getByRole("combobox", { name: "Run B" }).selectOption(secondId);
  await cell.getByRole("button", { name: "Compare by slice" }).click();
  const compared = cell.getByRole("table", { name: "Runs compared by slice" });
  await expect(compared.getByRole("row", { name: /^All held-out rows/ })).toBeVisible({ timeout: 60_000 });
  await expect(compared.getByRole("row", { name: /^Biscoe/ })).toBeVisible();
  await expect(cell.getByRole("status").filter({ hasText: /^(Overall, [AB] \(.*\) wins\.|The two runs tie overall\.)/ })).toBeVisible();
  const disagree = cell.getByRole("group", { name: "Where A and B disagree most (SliceLine)" });
  await disagree.getByRole("spinbutton", { name: "Minimum rows" }).fill("5");
  await disagree.getByRole("button", { name: "Find slices" }).click();
  await expect(disagree.getByRole("status").filter({ hasText: /^Done in \d+ ms/ })).toBeVisible({ timeout: 60_000 });

  // Label issues open as rows; fairness by island for one species.
  await cell.getByRole("button", { name: "Find label issues" }).click();
  await expect(cell.getByRole("status").filter({ hasText: /look mislabelled|No held-out row looks mislabelled/ })).toBeVisible();
  await cell.getByLabel("Sensitive column").selectOption("Island");
  await cell.getByLabel("Positive outcome").selectOption("Adelie");
  await cell.getByRole("button", { name: "Compare groups" }).click();
  await expect(cell.getByRole("table", { name: "Rates by Island" }).getByRole("row")).toHaveCount(4);
  await expect(cell.getByRole("status").filter({ hasText: /^Demographic parity difference 0\.\d{3}/ })).toBeVisible();

  // SliceLine over the held-out rows; a found slice becomes a named one.
  const search = cell.getByRole("group", { name: "Find problem slices (SliceLine)" });
  await search.getByRole("spinbutton", { name: "Minimum rows" }).fill("5");
  await search.getByRole("button", { name: "Find slices" }).click();
  await expect(search.getByRole("status").filter({ hasText: /^Done in \d+ ms: [\d,]+ slices evaluated over \d levels/ })).toBeVisible({ timeout: 60_000 });
  const found = search.getByRole("table", { name: "Slices found" });
  if ((await found.count()) > 0) {
    await found.getByRole("button", { name: "Add found slice 1 as a named slice" }).click();
    await expect(cell.getByLabel("Slice 4 name")).toHaveValue("found 1");
  }

  // A learning curve: two shares, one repeat each, stored with the evaluation.
  await cell.getByLabel("Training shares (%)").fill("50, 100");
  await cell.getByRole("spinbutton", { name: "Repeats" }).fill("1");
  await cell.getByRole("button", { name: "Draw learning curve" }).click();
  // The chart and its legend swatches are SVGs; the curve is drawn once the points are in.
  await expect(cell.getByRole("img", { name: /^Learning curve of run/ }).locator("svg").first()).toBeVisible({ timeout: 120_000 });

  // Stored with the run: its page shows the metrics and the slices without recomputing.
  await page.goto(`/runs/${runId}`);
  await expect(page.getByRole("table", { name: /^Held-out metrics of run/ }).getByRole("row", { name: /^Accuracy / }).getByRole("cell").first()).toHaveText(value);
  await expect(page.getByRole("table", { name: /^Slices of run/ }).getByRole("row", { name: /^Biscoe/ })).toContainText(/Pass|Fail/);
  await expect(page.getByRole("table", { name: /^Learning curve of run/ }).getByRole("row")).toHaveCount(3);
});
