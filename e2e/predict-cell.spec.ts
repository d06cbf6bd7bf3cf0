import { exportedPenguinModel, FEATURES, PENGUINS } from "../test/serve/exported-model";
import { expect, openApp, runSqlCell, test } from "./fixtures";

/**
 * Batch prediction in the notebook: a predict cell runs a registry model
 * over a DuckDB table in the browser (onnxruntime-web) and keeps the result
 * as a table. Its predictions are checked against the server's own answers
 * (onnxruntime-node through /predict) for the same penguins.
 */
test("a predict cell runs the champion over a table in the browser and keeps the predictions as a table", async ({ page, request }) => {
  test.setTimeout(180_000);
  const e = await exportedPenguinModel();
  const name = `cell-${Date.now()}`;
  expect((await request.post(`/api/models/${name}/versions`, { data: { onnx: Buffer.from(e.files.fp32).toString("base64"), reference: e.references.fp32 } })).status()).toBe(201);
  expect((await request.put(`/api/models/${name}/aliases/champion`, { data: { version: 1, reason: "serve it" } })).status()).toBe(200);
  // The server's answer for every penguin, counted by predicted class.
  const records = PENGUINS.map((p) => Object.fromEntries(FEATURES.map((f) => [f, p[f] ?? null])));
  const served = (await (await request.post(`/api/models/${name}/predict`, { data: records })).json()) as { predictions: { label: string }[] };
  const counts = new Map<string, number>();
  for (const p of served.predictions) counts.set(p.label, (counts.get(p.label) ?? 0) + 1);
  const expected = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([l, n]) => `${l}:${n}`).join(",");

  await openApp(page);
  await page.getByRole("button", { name: "Add Predict cell" }).last().click();
  const cell = page.getByRole("listitem", { name: /^Cell \d+: Predict$/ }).last();
  await cell.getByRole("combobox", { name: "Model" }).selectOption(name);
  await expect(cell.getByRole("combobox", { name: "Version" })).toContainText("champion (v1)");
  await cell.getByRole("combobox", { name: "Input table" }).selectOption("penguins");
  await expect(cell.getByRole("textbox", { name: "Output table" })).toHaveValue("penguins_predictions");
  await cell.getByRole("button", { name: "Run" }).click();
  await expect(cell.getByText(new RegExp(`^344 rows predicted by ${name} v1 in \\d+ ms → table penguins_predictions`))).toBeVisible({ timeout: 60_000 });
  await expect(cell.getByRole("grid", { name: /^Predictions, cell \d+$/ })).toContainText("predicted_label");

  const sql = await runSqlCell(
    page,
    "SELECT string_agg(predicted_label || ':' || n, ',' ORDER BY predicted_label) AS counts FROM (SELECT predicted_label, count(*) AS n FROM penguins_predictions GROUP BY 1)",
  );
  await expect(sql.getByRole("grid")).toContainText(expected);

  // A table without the model's columns: the cell says which are missing, and no table appears.
  await cell.getByRole("combobox", { name: "Input table" }).selectOption("seattle_weather");
  await cell.getByRole("button", { name: "Run" }).click();
  await expect(cell.getByRole("alert")).toContainText(`${name} v1 on seattle_weather: column "Island": not in the table`);
  await expect(page.getByRole("list", { name: "Datasets" }).getByRole("listitem", { name: "Dataset seattle_weather_predictions" })).toHaveCount(0);
});
