import type { Page } from "@playwright/test";
import { datasetItem, expect, runSqlCell, test } from "../fixtures";
import { PASSWORD, ensureUsers, signedIn } from "./team-fixtures";

/**
 * The labeling journey on a team install: a data scientist makes a project
 * from a notebook query, three labelers in their own browsers label by
 * keyboard and disagree, a reviewer adjudicates, and the agreement shown
 * matches values computed here by hand from the same answers.
 */

const LABELS = ["neg", "neu", "pos"];
const ITEMS = [
  ["t1", "Works great, would buy again"],
  ["t2", "Broke after a day"],
  ["t3", "It is fine I guess"],
  ["t4", "Not bad, not good"],
];
/** Each labeler's answers to t1..t4. t1 is unanimous; the others split 2 to 1. */
const ANSWERS: Record<string, string[]> = {
  lena: ["pos", "neg", "neu", "pos"],
  omar: ["pos", "neg", "pos", "neu"],
  pia: ["pos", "neu", "pos", "neu"],
};

/** Fleiss (1971): P̄ = mean of Σ n_ij(n_ij−1) / n(n−1); P̄e = Σ p_j²; κ = (P̄ − P̄e) / (1 − P̄e). */
function fleiss(counts: number[][]): { pbar: number; kappa: number } {
  const n = counts[0].reduce((a, b) => a + b, 0);
  const pbar = counts.map((r) => r.reduce((s, c) => s + c * (c - 1), 0) / (n * (n - 1))).reduce((a, b) => a + b, 0) / counts.length;
  const total = counts.length * n;
  const pe = counts[0].map((_, j) => counts.reduce((s, r) => s + r[j], 0) / total).reduce((s, p) => s + p * p, 0);
  return { pbar, kappa: (pbar - pe) / (1 - pe) };
}

/** Krippendorff (2011), nominal, no missing values: α = 1 − (n − 1) · Σ_unit D_u / Σ_{c≠k} n_c n_k, D_u = Σ_{c≠k} n_uc n_uk / (m_u − 1). */
function alpha(counts: number[][]): number {
  const m = counts[0].reduce((a, b) => a + b, 0);
  const n = counts.length * m;
  const within = counts.reduce((s, r) => s + (m * m - r.reduce((t, c) => t + c * c, 0)) / (m - 1), 0);
  const totals = counts[0].map((_, j) => counts.reduce((s, r) => s + r[j], 0));
  const between = n * n - totals.reduce((t, c) => t + c * c, 0);
  return 1 - ((n - 1) * within) / between;
}

/** Cohen (1960) for two annotators' answers to the same items. */
function cohen(a: string[], b: string[]): number {
  const po = a.filter((x, i) => x === b[i]).length / a.length;
  const pe = LABELS.reduce((s, l) => s + (a.filter((x) => x === l).length / a.length) * (b.filter((x) => x === l).length / b.length), 0);
  return (po - pe) / (1 - pe);
}

async function labelAll(page: Page, answers: string[]) {
  for (const [i, answer] of answers.entries()) {
    await expect(page.getByTestId("item-key")).toHaveText(ITEMS[i][0]);
    await page.keyboard.press(String(LABELS.indexOf(answer) + 1));
    await expect(page.getByRole("button", { name: new RegExp(` ${answer}$`) })).toHaveAttribute("aria-pressed", "true");
    await page.keyboard.press("Enter");
  }
  await expect(page.getByText("No more items for you in this project")).toBeVisible();
  await expect(page.getByLabel("Your progress")).toHaveAttribute("value", String(answers.length));
}

test("three labelers disagree, a reviewer adjudicates, and the agreement matches the hand computation", async ({ page, browser, baseURL, guard }) => {
  test.setTimeout(180_000);
  const base = baseURL as string;
  await ensureUsers(base, [
    { username: "dana", displayName: "Dana", role: "data_scientist" },
    { username: "lena", displayName: "Lena", role: "labeler" },
    { username: "omar", displayName: "Omar", role: "labeler" },
    { username: "pia", displayName: "Pia", role: "labeler" },
    { username: "rex", displayName: "Rex", role: "reviewer" },
    { username: "rita", displayName: "Rita", role: "reviewer" },
  ]);

  // Dana makes the project from a SQL result in the notebook.
  await page.goto("/signin?next=/");
  await page.getByLabel("Username").fill("dana");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("[data-engine=ready]")).toBeVisible({ timeout: 60_000 });
  await expect(datasetItem(page, "penguins")).toBeVisible();
  const values = ITEMS.map(([id, text]) => `('${id}', '${text}')`).join(", ");
  const cell = await runSqlCell(page, `SELECT * FROM (VALUES ${values}) t(id, review)`);
  await expect(cell.getByRole("status")).toContainText("4 rows");
  await cell.getByRole("button", { name: "Label these rows…" }).click();
  const dialog = cell.getByRole("dialog", { name: "New labeling project" });
  await dialog.getByLabel("Project name").fill("Tone of reviews");
  await dialog.getByLabel("Item id column").selectOption("id");
  await dialog.getByLabel("Show review as").selectOption("text");
  await dialog.getByLabel(/^Labels/).fill(LABELS.join(", "));
  await dialog.getByLabel("Guidelines (Markdown)").fill("Pick the **tone** of the review.");
  await dialog.getByLabel("Annotators per item").fill("3");
  await dialog.getByLabel("Items with overlap (%)").fill("100");
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(dialog.getByRole("status")).toContainText("Created with 4 items");
  await dialog.getByRole("link", { name: "Open the project" }).click();
  await expect(page.getByRole("heading", { name: "Tone of reviews" })).toBeVisible();
  const projectPath = new URL(page.url()).pathname;

  // Three labelers, each in their own browser context, label every item by keyboard.
  for (const who of ["lena", "omar", "pia"]) {
    const { context, page: p } = await signedIn(browser, base, guard, who, `${projectPath}/label`);
    await labelAll(p, ANSWERS[who]);
    // A labeler may not adjudicate: the review page says why.
    await p.goto(`${projectPath}/review`);
    await expect(p.getByRole("alert").filter({ hasText: "forbidden" })).toContainText("labels.adjudicate needs role admin or reviewer");
    await context.close();
  }

  // Two reviewers open the same disagreement; the second to decide is told, and nothing is overwritten.
  const rex = await signedIn(browser, base, guard, "rex", `${projectPath}/review`);
  const rita = await signedIn(browser, base, guard, "rita", `${projectPath}/review`);
  await expect(rita.page.getByTestId("item-key")).toHaveText("t2");
  const admin = await signedIn(browser, base, guard, "dana", `${projectPath}`);
  const r = rex.page;
  await expect(r.getByTestId("item-key")).toHaveText("t2");
  const votes = r.getByRole("table", { name: "Annotators' labels" });
  await expect(votes.getByRole("row")).toHaveCount(4);
  await expect(votes).toContainText("Lena");
  await expect(r.getByRole("radio", { name: /neg \(2 votes\)/ })).toHaveAttribute("aria-checked", "true");

  // Rex accepts the majority for t2 with one key.
  await r.keyboard.press("Enter");
  await expect(r.getByRole("status").first()).toContainText("Item t2: gold label neg");
  await expect(r.getByTestId("item-key")).toHaveText("t3");
  await rita.page.keyboard.press("1");
  await rita.page.keyboard.press("Enter");
  await expect(rita.page.getByRole("alert").filter({ hasText: "not adjudicated" })).toContainText("already adjudicated: Rex chose neg");
  // Her view reloads the queue: t2 is gone from it.
  await expect(rita.page.getByTestId("item-key")).toHaveText("t3");
  await rita.context.close();
  // t3: Rex overrides the majority (pos) with neu, giving a reason.
  await r.keyboard.press("2");
  await r.getByLabel("Reason (optional)").fill("irony: reads neutral");
  await r.getByLabel("Reason (optional)").press("Enter");
  await expect(r.getByTestId("item-key")).toHaveText("t4");
  // t4: excluded as ambiguous.
  await r.keyboard.press("x");
  await expect(r.getByText("No disagreements to review.")).toBeVisible();

  // The overview's agreement equals the hand computation from ANSWERS.
  const a = admin.page;
  await a.reload();
  const counts = ITEMS.map((_, i) => LABELS.map((l) => Object.values(ANSWERS).filter((ans) => ans[i] === l).length));
  const { pbar, kappa } = fleiss(counts);
  const stats = a.getByRole("table", { name: "Agreement statistics" });
  await expect(stats.getByRole("row", { name: /Percent agreement \(pairwise\)/ })).toContainText(pbar.toFixed(3));
  await expect(stats.getByRole("row", { name: /All annotators agree/ })).toContainText((1 / 4).toFixed(3));
  await expect(stats.getByRole("row", { name: /Fleiss' kappa/ })).toContainText(kappa.toFixed(3));
  await expect(stats.getByRole("row", { name: /Krippendorff's alpha/ })).toContainText(alpha(counts).toFixed(3));
  const pairs = a.getByRole("table", { name: "Cohen's kappa by annotator pair" });
  await expect(pairs.getByRole("row", { name: /^Lena/ })).toContainText(`${cohen(ANSWERS.lena, ANSWERS.omar).toFixed(3)} (4;`);
  // Gold: t1 pos (unanimous, automatic), t2 neg, t3 neu; t4 excluded.
  const gold = ["pos", "neg", "neu"];
  const accuracy = (who: string) => ANSWERS[who].slice(0, 3).filter((x, i) => x === gold[i]).length / 3;
  const goldTable = a.getByRole("table", { name: "Agreement with gold labels" });
  for (const [who, name] of [["lena", "Lena"], ["omar", "Omar"], ["pia", "Pia"]]) {
    await expect(goldTable.getByRole("row", { name: new RegExp(`^${name}`) })).toContainText(accuracy(who).toFixed(3));
  }

  // The audit trail of t3 shows each answer and Rex's decision with his reason.
  await a.goto(`${projectPath}/items/3`);
  const history = a.getByRole("table", { name: "Item history" });
  await expect(history.getByRole("row")).toHaveCount(5);
  await expect(history.getByRole("row", { name: /Rex/ })).toContainText("irony: reads neutral");

  // Gold labels export as CSV with the snapshot id on every row.
  const gold_csv = await a.request.get(`/api/projects/${projectPath.split("/")[2]}/export?what=gold&format=csv`);
  expect(gold_csv.status()).toBe(200);
  const lines = (await gold_csv.text()).trim().split(/\r\n/);
  expect(lines[0]).toBe("item_id,item_seq,label,excluded,reviewer,reason,version,created_at,label_snapshot");
  expect(lines.slice(1).map((l) => l.split(",").slice(0, 4).join(","))).toEqual(["t1,1,pos,false", "t2,2,neg,false", "t3,3,neu,false", "t4,4,,true"]);

  // Dana brings the labels into the notebook as DuckDB tables and queries them.
  await page.goto("/");
  await expect(page.locator("[data-engine=ready]")).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: "Load labels of Tone of reviews" }).click();
  await expect(datasetItem(page, "gold_tone_of_reviews")).toBeVisible();
  await expect(datasetItem(page, "labels_tone_of_reviews")).toBeVisible();
  const q = await runSqlCell(
    page,
    "SELECT count(*) AS answers, count(DISTINCT label_snapshot) AS snapshots, (SELECT count(*) FROM gold_tone_of_reviews WHERE NOT excluded) AS gold FROM labels_tone_of_reviews",
  );
  await expect(q.getByRole("status")).toContainText("1 row");
  await expect(q.getByRole("row").nth(1)).toContainText(/12\s*1\s*3/);

  // She trains on the gold labels as the target. Three gold rows are too few for a split: the
  // run fails with that message and is recorded with the label snapshot it read.
  const snapshot = lines[1].split(",").at(-1);
  await page.getByRole("button", { name: "Add Train cell" }).last().click();
  const train = page.getByRole("listitem", { name: /^Cell \d+: Train$/ }).last();
  await train.getByLabel("Training data (SQL)").fill(`SELECT * FROM (VALUES ${values}) t(id, review)`);
  await train.getByRole("button", { name: "Load columns" }).click();
  await expect(train.getByLabel("Target", { exact: true })).toHaveValue("id");
  await train.getByLabel("Row id column").selectOption("id");
  await train.getByRole("button", { name: "Use gold labels as the target" }).click();
  await expect(train.getByLabel("Training data (SQL)")).toHaveValue(/JOIN "gold_tone_of_reviews" AS g/);
  await expect(train.getByLabel("Target", { exact: true })).toHaveValue("gold_label");
  await expect(train.getByRole("checkbox", { name: "review" })).toBeChecked();
  await expect(train.getByRole("checkbox", { name: "id" })).not.toBeChecked();
  await train.getByRole("button", { name: "Train", exact: true }).click();
  await expect(train.getByRole("alert")).toContainText("too few rows for the split: 3 rows with a target");
  const runs = (await (await page.request.get("/api/runs?sort=created&dir=desc&limit=1")).json()) as { runs: { id: string; status: string }[] };
  expect(runs.runs[0].status).toBe("failed");
  const run = (await (await page.request.get(`/api/runs/${runs.runs[0].id}`)).json()) as { labelSnapshot: string | null; config: { target: string } };
  expect(run.config.target).toBe("gold_label");
  expect(run.labelSnapshot).toBe(snapshot);

  await rex.context.close();
  await admin.context.close();
});
