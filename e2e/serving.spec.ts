import type { APIRequestContext } from "@playwright/test";
import { exportedPenguinModel, FEATURES, PENGUINS } from "../test/serve/exported-model";
import { expect, test } from "./fixtures";

/**
 * A served model's life on its pages: make it champion, start a canary and
 * see both versions answer, promote the challenger (blue-green), roll back
 * with one click, then watch the monitoring page fill under generated
 * traffic with feedback. Models are pushed over the API with files made by
 * the real training and export code; the export dialog's own Deploy is
 * covered by export.spec.ts.
 */

const RECORDS = PENGUINS.map((p) => Object.fromEntries(FEATURES.map((f) => [f, p[f] ?? null])));

/** Versions that answered `n` unpinned v2 requests of one row each. */
async function answeredBy(request: APIRequestContext, model: string, n: number): Promise<Set<string>> {
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const r = RECORDS[i % RECORDS.length];
    const res = await request.post(`/v2/models/${model}/infer`, {
      data: {
        inputs: [
          { name: FEATURES[0], shape: [1, 1], datatype: "BYTES", data: [r[FEATURES[0]]] },
          { name: FEATURES[1], shape: [1, 1], datatype: "FP32", data: [r[FEATURES[1]]] },
          { name: FEATURES[2], shape: [1, 1], datatype: "FP32", data: [r[FEATURES[2]]] },
        ],
      },
    });
    expect(res.status()).toBe(200);
    seen.add(((await res.json()) as { model_version: string }).model_version);
  }
  return seen;
}

test("canary, blue-green promotion, one-click rollback, and the monitoring page under traffic", async ({ page, request }) => {
  test.setTimeout(240_000);
  const e = await exportedPenguinModel();
  const name = `served-${Date.now()}`;
  for (const p of ["fp32", "int8"] as const) {
    const res = await request.post(`/api/models/${name}/versions`, { data: { onnx: Buffer.from(e.files[p]).toString("base64"), reference: e.references[p], note: p } });
    expect(res.status()).toBe(201);
  }

  await page.goto(`/models/${name}`);
  const aliases = page.getByRole("group", { name: "Move an alias" });
  await aliases.getByLabel("Version").selectOption("1");
  await aliases.getByLabel("Reason").fill("first champion");
  await aliases.getByRole("button", { name: "Move alias" }).click();
  await expect(page.getByRole("status").filter({ hasText: "champion now points at version 1." })).toBeVisible();

  // Canary: half the requests to version 2.
  const traffic = page.getByRole("group", { name: "Traffic" });
  await traffic.getByLabel("Mode").selectOption("canary");
  await traffic.getByLabel("Challenger").selectOption("2");
  await traffic.getByLabel("Share of requests (%)").fill("50");
  await traffic.getByRole("button", { name: "Apply traffic" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Canary started: version 2 on 50 % of requests." })).toBeVisible();
  await expect(page.getByText("traffic: canary, version 2 on 50 %")).toBeVisible();
  // 40 requests at 50 %: both versions answer unless a 1-in-2^39 coin run happens.
  expect([...(await answeredBy(request, name, 40))].sort()).toEqual(["1", "2"]);

  // Blue-green: every request to the champion, then the champion alias moves to version 2.
  await traffic.getByLabel("Mode").selectOption("champion");
  await traffic.getByRole("button", { name: "Apply traffic" }).click();
  await expect(page.getByText("traffic: champion only")).toBeVisible();
  await aliases.getByLabel("Version").selectOption("2");
  await aliases.getByLabel("Reason").fill("canary looked good");
  await aliases.getByRole("button", { name: "Move alias" }).click();
  await expect(page.getByText("champion: version 2")).toBeVisible();
  expect([...(await answeredBy(request, name, 5))]).toEqual(["2"]);

  // One click back.
  await page.getByRole("button", { name: "Roll back to version 1" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Rolled back: version 1 is the champion again." })).toBeVisible();
  await expect(page.getByText("champion: version 1")).toBeVisible();
  expect([...(await answeredBy(request, name, 5))]).toEqual(["1"]);
  const history = page.getByRole("table", { name: "Alias history" });
  await expect(history.getByRole("row").nth(1)).toContainText("rollback from version 2");

  // Generated traffic with feedback, then the monitoring page.
  for (let i = 0; i < 6; i++) {
    const rows = Array.from({ length: 50 }, (_, j) => (i * 57 + j * 7) % RECORDS.length);
    const res = await request.post(`/api/models/${name}/predict`, { data: rows.map((r) => RECORDS[r]) });
    expect(res.status()).toBe(200);
    const { requestId } = (await res.json()) as { requestId: string };
    const fb = await request.post(`/api/models/${name}/feedback`, { data: { feedback: [{ requestId, truth: rows.map((r) => PENGUINS[r].Species) }] } });
    expect(await fb.json()).toEqual({ recorded: 1, notLogged: [] });
  }
  await page.getByRole("link", { name: "Monitoring" }).click();
  await expect(page.getByRole("heading", { name: `Monitoring: ${name}` })).toBeVisible();
  const summary = page.getByRole("definition").filter({ hasText: /^\d+$/ }).first();
  await expect(summary).toHaveText(/^(5[0-9]|6[0-9])$/);
  await expect(page.getByText(/over 300 rows with feedback/)).toBeVisible();
  for (const chart of ["Latency percentiles over time", "Throughput over time", "Error rate over time", "Predicted classes over time"]) {
    // The chart's own SVG (Plot's class), not a legend swatch.
    await expect(page.getByRole("img", { name: chart }).locator('svg[class^="plot"]')).toBeVisible();
  }
  // The bars of the buckets that had traffic.
  expect(await page.getByRole("img", { name: "Throughput over time" }).locator('svg[class^="plot"] rect').count()).toBeGreaterThan(0);
  const drift = page.getByRole("table", { name: "Input drift" });
  await expect(drift.getByRole("row", { name: /Flipper Length/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Traffic by version" }).getByRole("row", { name: /1 \(champion\)/ })).toBeVisible();

  // The page keeps itself current: new traffic shows without a reload.
  const before = Number(await summary.textContent());
  await answeredBy(request, name, 10);
  await expect.poll(async () => Number(await summary.textContent()), { timeout: 20_000 }).toBe(before + 10);
});
