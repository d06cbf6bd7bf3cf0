import { readFileSync } from "node:fs";
import * as ort from "onnxruntime-node";
import { expect, openApp, test } from "./fixtures";

const kb = (text: string) => Number(/([\d.]+) KB/.exec(text)?.[1]);

/**
 * Export a trained MLP to ONNX from the train cell: the export worker writes
 * fp32 and int8 and runs both in onnxruntime-web against TF.js on the test
 * split; the dialog compares them, the chosen file downloads, and it loads in
 * onnxruntime-node with the raw columns as inputs; pushed to the registry, it
 * is blessed by the gate, becomes champion and answers predictions. A gate set too strict
 * blocks the download and lists the worst rows. The check is kept with the run.
 */
test("export a run to ONNX: fp32 and int8 side by side, parity gate, download", async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page);
  await page.getByRole("button", { name: "Add Train cell" }).last().click();
  const cell = page.getByRole("listitem", { name: /^Cell \d+: Train$/ }).last();
  await cell.getByRole("button", { name: "Load columns" }).click();
  await expect(cell.getByLabel("Target", { exact: true })).toHaveValue("Species");
  await cell.getByLabel("Model", { exact: true }).selectOption("mlp");
  await cell.getByLabel("Epochs", { exact: true }).fill("20");
  await cell.getByLabel("Backend", { exact: true }).selectOption("wasm");
  await cell.getByRole("button", { name: "Train", exact: true }).click();
  await expect(cell.getByRole("table", { name: "Training results" })).toBeVisible({ timeout: 120_000 });

  await cell.getByRole("button", { name: "Export ONNX" }).click();
  const panel = cell.getByRole("region", { name: /^Export ONNX for run/ });
  const table = panel.getByRole("table", { name: "fp32 and int8 compared" });
  await expect(table).toBeVisible({ timeout: 90_000 });
  const gate = table.getByRole("row", { name: /^Parity gate/ });
  await expect(gate.getByRole("cell")).toHaveText(["passed", "passed"]);
  const [fp32Size, int8Size] = (await table.getByRole("row", { name: /^File size/ }).getByRole("cell").allTextContents()).map(kb);
  expect(int8Size).toBeLessThan(fp32Size);
  const agreement = await table.getByRole("row", { name: /^Same class as TF.js/ }).getByRole("cell").allTextContents();
  expect(agreement[0]).toBe("100.00 %");

  await panel.getByRole("radio", { name: /^int8/ }).check();
  const [download] = await Promise.all([page.waitForEvent("download"), panel.getByRole("link", { name: "Download int8 ONNX" }).click()]);
  expect(download.suggestedFilename()).toMatch(/-int8\.onnx$/);
  const bytes = readFileSync((await download.path())!);
  expect(bytes.byteLength).toBeCloseTo(int8Size * 1024, -3);
  const session = await ort.InferenceSession.create(bytes);
  expect(session.inputNames).toEqual(expect.arrayContaining(["Island", "Beak Length (mm)"]));
  expect(session.outputNames).toEqual(["predicted_label", "probabilities"]);
  await session.release();

  // Deploy: the registry's gate judges the pushed file; the champion then answers predictions.
  await expect(panel.getByLabel("Model name")).toHaveValue("penguins-Species");
  await panel.getByRole("button", { name: "Push int8 to the registry" }).click();
  const verdict = panel.getByRole("status", { name: "Gate verdict" });
  await expect(verdict).toContainText(/Version 1 of penguins-Species: blessed/, { timeout: 30_000 });
  await expect(verdict.getByRole("listitem")).toHaveText([/^✓ size/, /^✓ parses/, /^✓ operators/, /^✓ interface/, /^✓ loads/, /^✓ reference: reproduces the \d+ reference rows/, /^✓ champion: no champion yet/]);
  const modelPage = await page.context().newPage();
  await modelPage.goto("/models/penguins-Species");
  await expect(modelPage.getByRole("table", { name: "Versions" }).getByRole("row", { name: /^1 / })).toContainText("blessed");
  await modelPage.getByLabel("Reason").fill("first export");
  await modelPage.getByRole("button", { name: "Move alias" }).click();
  await expect(modelPage.getByRole("table", { name: "Alias history" }).getByRole("row").nth(1)).toContainText("first export");
  const predicted = await modelPage.request.post("/api/models/penguins-Species/predict", { data: [{ Island: "Biscoe", "Beak Length (mm)": 48, "Beak Depth (mm)": 15, "Flipper Length (mm)": 220, "Body Mass (g)": 5400, Sex: "MALE" }] });
  expect(predicted.status()).toBe(200);
  expect(await predicted.json()).toMatchObject({ model: "penguins-Species", version: 1, predictions: [{ label: expect.stringMatching(/^(Adelie|Chinstrap|Gentoo)$/) }] });
  await modelPage.close();

  // A gate stricter than float32 arithmetic can meet: fp32 fails, nothing to download, the worst rows shown.
  await panel.getByText("Gate thresholds").click();
  await panel.getByLabel("fp32: largest probability difference").fill("1e-12");
  await panel.getByRole("button", { name: "Check again" }).click();
  await expect(gate.getByRole("cell").first()).toHaveText(/^failed: largest difference .* is above 1\.00e-12/, { timeout: 90_000 });
  await panel.getByRole("radio", { name: /^fp32/ }).check();
  await expect(panel.getByRole("link", { name: "Download fp32 ONNX" })).toHaveCount(0);
  await expect(panel.getByRole("alert")).toHaveText(/failed the parity gate and cannot be downloaded/);
  await expect(panel.getByRole("table", { name: "Rows where fp32 differs most" }).getByRole("row")).toHaveCount(11);

  // The last check is kept with the run and shown on its page; from there the export opens in the notebook.
  await cell.getByRole("link", { name: /^Run [0-9a-f]{8}$/ }).click();
  const check = page.getByRole("region", { name: "ONNX export check" });
  await expect(check).toContainText(/fp32 \([\d.]+ KB\): failed — largest difference/);
  await expect(check).toContainText(/int8 \([\d.]+ KB\): passed/);
  await page.getByRole("link", { name: "Export ONNX in the notebook" }).click();
  await expect(page.getByRole("region", { name: /^Export ONNX for run/ }).getByRole("table", { name: "fp32 and int8 compared" })).toBeVisible({ timeout: 90_000 });

  // A run that does not exist: the panel says so, and the notebook is untouched.
  const cells = await page.getByRole("listitem", { name: /^Cell \d+:/ }).count();
  await page.goto("/?export=00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("region", { name: /^Export ONNX for run/ }).getByRole("alert")).toHaveText(/^Export failed: run not found/);
  await expect(page.getByRole("listitem", { name: /^Cell \d+:/ })).toHaveCount(cells);
});
