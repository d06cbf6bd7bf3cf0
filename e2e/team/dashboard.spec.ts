import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import type { RunEvaluation, SliceEvaluation } from "@/lib/api/evaluation";
import type { ModelVersion } from "@/lib/api/models";
import type { Run } from "@/lib/api/runs";
import { decodeModel, encodeModel } from "@/lib/onnx/proto";
import { exportedPenguinModel } from "../../test/serve/exported-model";
import { expect, test } from "../fixtures";
import { adminApi, ensureUsers, signedIn } from "./team-fixtures";

/**
 * A product owner (viewer role) reads a model's dashboard: two versions,
 * each pushed from a finished run whose stored evaluation pins two slices;
 * the champion (version 2) is worse on mobile users, below its threshold.
 * They read the table and the sentence, download the page as HTML and a
 * chart as PNG, and find nothing to edit. Runs, evaluations and versions
 * are seeded over the API, as the notebook's cells would store them.
 */

const est = (value: number, lower: number, upper: number) => ({ value, lower, upper, interval: "wilson" as const, baseline: 0.44 });
const THRESHOLD = { metric: "accuracy" as const, min: 0.85 };

function slice(name: string, accuracy: ReturnType<typeof est>, over: Partial<SliceEvaluation> = {}): SliceEvaluation {
  return { name, definition: `device = '${name.split(" ")[0]}'`, rows: 150, lowSupport: false, metrics: { accuracy }, test: null, pinned: true, threshold: THRESHOLD, ...over };
}

function evaluation(mobile: ReturnType<typeof est>): RunEvaluation {
  return {
    evaluatedAt: new Date().toISOString(),
    split: "test",
    rows: 600,
    datasetFingerprint: null,
    classes: ["Adelie", "Chinstrap", "Gentoo"],
    minSupport: 30,
    report: { task: "multiclass", accuracy: est(0.9, 0.88, 0.92), intervals: { level: 0.95, resamples: 1000, seed: 1, method: "rows", cells: 256 } },
    slices: [slice("mobile users", mobile), slice("desktop users", est(0.93, 0.91, 0.95)), slice("tablet users", est(0.7, 0.6, 0.8), { pinned: false, threshold: null })],
  };
}

async function finishedRun(api: APIRequestContext, headers: Record<string, string>, name: string, evaluation: RunEvaluation): Promise<string> {
  const made = await api.post("/api/runs", {
    headers,
    data: {
      name,
      config: { task: "multiclass", target: "Species", features: ["Island"], featureSpec: {}, modelSpec: { kind: "linear", optimizer: { kind: "adam" } }, split: { kind: "random", seed: 1 } },
      dataset: { name: "penguins", version: 1, fingerprint: null, rows: 344 },
      environment: { appVersion: "e2e", browser: "node", backend: "cpu", adapter: null },
    },
  });
  expect(made.status(), `create run ${name}: ${await made.text()}`).toBe(201);
  const run = (await made.json()) as Run;
  const done = await api.patch(`/api/runs/${run.id}`, { headers, data: { status: "finished", primaryMetric: 0.9 } });
  expect(done.status(), `finish run: ${await done.text()}`).toBe(200);
  const evaluated = await api.patch(`/api/runs/${run.id}`, { headers, data: { evaluation } });
  expect(evaluated.status(), `store the evaluation: ${await evaluated.text()}`).toBe(200);
  return run.id;
}

/** The penguin model's file naming `runId` as its run, as an export from that run would. */
function fileOfRun(bytes: Uint8Array, runId: string): string {
  const m = decodeModel(bytes);
  m.metadata_props = [...m.metadata_props.filter((p) => p.key !== "lathe.run_id"), { key: "lathe.run_id", value: runId }];
  return Buffer.from(encodeModel(m)).toString("base64");
}

test("a viewer reads the dashboard: pass and fail, the drop in words, HTML and PNG downloads, nothing to edit", async ({ browser, baseURL, guard }) => {
  test.setTimeout(180_000);
  const base = baseURL as string;
  await ensureUsers(base, [{ username: "paula", displayName: "Paula Product", role: "viewer" }]);
  const { api, csrf } = await adminApi(base);
  const headers = { "x-lathe-csrf": csrf };
  const model = `dash-${Date.now()}`;
  const e = await exportedPenguinModel();
  const runs = [
    await finishedRun(api, headers, "churn v1", evaluation(est(0.91, 0.89, 0.93))),
    await finishedRun(api, headers, "churn v2", evaluation(est(0.82, 0.79, 0.85))),
  ];
  for (const [i, runId] of runs.entries()) {
    const res = await api.post(`/api/models/${model}/versions`, { headers, data: { onnx: fileOfRun(e.files.fp32, runId), reference: e.references.fp32, note: `from run ${i + 1}` } });
    expect(res.status(), `push ${i + 1}: ${await res.text()}`).toBe(201);
    const v = (await res.json()) as ModelVersion;
    expect(v).toMatchObject({ version: i + 1, runId, verdict: { blessed: true } });
  }
  const moved = await api.put(`/api/models/${model}/aliases/champion`, { headers, data: { version: 2, reason: "e2e: second version" } });
  expect(moved.status(), await moved.text()).toBe(200);
  await api.dispose();

  const { context, page } = await signedIn(browser, base, guard, "paula", `/models/${model}`);
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/${model}$`));
  await expect(page.getByRole("heading", { name: `Dashboard: ${model}, version 2 (champion)` })).toBeVisible();

  const table = page.getByRole("table", { name: "Pinned slices" });
  await expect(table.getByRole("columnheader")).toHaveText(["Slice", "Rows", "Metric", "Value (95% interval)", "Threshold", "Result"]);
  await expect(table.getByRole("row")).toHaveCount(4); // header, All data, the two pinned slices; the unpinned one is left out
  const mobile = table.getByRole("row", { name: /mobile users/ });
  await expect(mobile.getByRole("cell")).toHaveText(["150", "Accuracy", "82% (79%–85%)", "Accuracy at least 85%", "Fail"]);
  await expect(table.getByRole("row", { name: /desktop users/ }).getByRole("cell").last()).toHaveText("Pass");
  await expect(table.getByRole("row", { name: /All data/ }).getByRole("cell").last()).toHaveText("No threshold");
  await expect(table).not.toContainText("tablet users");

  const summary = page.getByRole("list", { name: "Summary" });
  await expect(summary.getByRole("listitem")).toHaveText([
    "Accuracy on all data held at 90% in version 2.",
    "Accuracy for mobile users fell from 91% to 82% in version 2, below its threshold of 85%.",
    "Accuracy for desktop users held at 93% in version 2.",
  ]);
  await expect(page.getByRole("img", { name: "Accuracy of mobile users by version" }).locator("svg")).toBeVisible();

  const [html] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download as HTML" }).click()]);
  expect(html.suggestedFilename()).toMatch(new RegExp(`^dashboard-${model}-\\d{4}-\\d{2}-\\d{2}\\.html$`));
  const text = readFileSync(await html.path(), "utf8");
  expect(text).toContain("mobile users");
  expect(text).toContain("fell from 91% to 82% in version 2");
  expect(text).not.toMatch(/<script/i);
  expect(text).not.toMatch(/https?:\/\//);
  expect(text.match(/<svg /g)).toHaveLength(3);

  const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download PNG of Accuracy of mobile users by version" }).click()]);
  expect(png.suggestedFilename()).toBe(`${model}-mobile-users-accuracy.png`);
  expect([...readFileSync(await png.path()).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // Within main: Next.js keeps an empty route announcer with role alert outside it.
  await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);

  // Read-only for a viewer: nothing to type into or choose, and no button but downloads and signing out.
  for (const role of ["textbox", "combobox", "checkbox", "spinbutton"] as const) await expect(page.getByRole(role)).toHaveCount(0);
  const buttons = await page.getByRole("button").allTextContents();
  expect(buttons.filter((b) => !/^(Download as HTML|Download PNG|Sign out)$/.test(b))).toEqual([]);
  await context.close();
});
