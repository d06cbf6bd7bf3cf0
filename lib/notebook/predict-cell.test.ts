import { describe, expect, it } from "vitest";
import type { ModelDetail, ModelVersion } from "@/lib/api/models";
import { DatasetName, type DatasetVersion } from "@/lib/data/dataset";
import { defaultOutput, outputAfterTableChange, planOutput, resolveVersion, versionChoices } from "./predict-plan";
import { emptyNotebook, notebookReducer } from "./reducer";
import { exportNotebook, importNotebook } from "./serialize";

describe("the predict cell in the notebook document", () => {
  const added = notebookReducer(emptyNotebook("p"), { type: "add", kind: "predict", id: "p1" });

  it("starts empty: no model, the champion, no table, the default output", () => {
    expect(added.cells).toEqual([{ id: "p1", kind: "predict", model: "", version: null, table: "", output: "" }]);
  });

  it("updates its fields and keeps its id and kind", () => {
    const nb = notebookReducer(added, { type: "update", id: "p1", patch: { model: "penguins", version: 2, table: "penguins", output: "scored", kind: "sql" } as never });
    expect(nb.cells[0]).toEqual({ id: "p1", kind: "predict", model: "penguins", version: 2, table: "penguins", output: "scored" });
  });

  it("exports with sorted keys, and imports back to the same cell", () => {
    const nb = notebookReducer(added, { type: "update", id: "p1", patch: { model: "penguins", table: "penguins" } });
    const text = exportNotebook(nb);
    const keys = [...text.matchAll(/^ {6}"(\w+)":/gm)].map((m) => m[1]);
    expect(keys).toEqual(["id", "kind", "model", "output", "table", "version"]);
    expect(text).toContain('"version": null');
    expect(importNotebook("n.json", text)).toEqual(nb);
    expect(exportNotebook(importNotebook("n.json", text))).toBe(text);
  });

  it("refuses an imported predict cell with a bad version, naming the field", () => {
    const text = exportNotebook(notebookReducer(added, { type: "update", id: "p1", patch: { version: 1 } })).replace('"version": 1', '"version": 0');
    expect(() => importNotebook("n.json", text)).toThrow(/^n\.json: not a Lathe notebook: cells\.0\.version: /);
  });
});

const version = (n: number, blessed = true): ModelVersion => ({
  model: "penguins",
  version: n,
  sha256: `${n}`.repeat(64).slice(0, 64),
  sizeBytes: 1000,
  metadata: {},
  verdict: { blessed, checks: [] },
  runId: null,
  note: "",
  createdBy: "u",
  createdAt: "2024-01-01T00:00:00Z",
});
const detail = (aliases: Record<string, number>): ModelDetail => ({ name: "penguins", versions: [version(1), version(2, false), version(3), version(4)], aliases, history: [] });

describe("versionChoices and resolveVersion", () => {
  it("lists the champion first, then blessed versions newest first with their aliases", () => {
    expect(versionChoices(detail({ champion: 3, challenger: 4, old: 3 }))).toEqual([
      { value: null, label: "champion (v3)" },
      { value: 4, label: "v4 (challenger)" },
      { value: 3, label: "v3 (champion, old)" },
      { value: 1, label: "v1" },
    ]);
    expect(versionChoices(detail({}))[0]).toEqual({ value: null, label: "champion (none set)" });
  });

  it.each([
    ["the champion now", { champion: 3 }, null, { kind: "ok", n: 3 }],
    ["a version named", { champion: 3 }, 1, { kind: "ok", n: 1 }],
    ["no champion", {}, null, { kind: "error", message: "model penguins has no champion: pick a version, or point the champion alias at one on /models/penguins" }],
    ["a vetoed version", { champion: 3 }, 2, { kind: "error", message: "version 2 of penguins was vetoed by the validation gate; pick a blessed version" }],
    ["an unknown version", { champion: 3 }, 9, { kind: "error", message: "model penguins has no version 9: pick another version" }],
  ] as const)("%s", (_, aliases, chosen, want) => {
    const got = resolveVersion(detail(aliases), chosen);
    if (want.kind === "ok") expect(got.kind === "ok" && got.version.version).toBe(want.n);
    else expect(got).toEqual(want);
  });
});

const dataset = (name: string, v: number): DatasetVersion => ({
  name: DatasetName(name),
  version: v,
  physical: `${name}__v${v}`,
  fileName: `${name}.arrow`,
  format: "arrow",
  byteSize: 1,
  rows: 1,
  schema: [],
  fingerprint: "f",
  loadedAt: "2024-01-01T00:00:00Z",
});
const CATALOG = [dataset("penguins", 1), dataset("scored", 1), dataset("scored", 2)];
const RELATIONS = ["penguins", "penguins__v1", "scored", "scored__v1", "scored__v2", "made_by_sql"].map((name) => ({ name }));

describe("planOutput", () => {
  it.each([
    ["a new name", "fresh", false, { kind: "new", name: "fresh" }],
    ["blank: the default <table>_predictions", "", false, { kind: "new", name: "penguins_predictions" }],
    ["a loaded dataset, not confirmed", "scored", false, { kind: "confirm", name: "scored", replaces: 2, message: "Table scored already exists. Replace it with these predictions? It becomes version 3; earlier versions stay in the data panel." }],
    ["a loaded dataset, confirmed", "scored", true, { kind: "new-version", name: "scored", replaces: 2 }],
    ["a table a SQL cell made, even confirmed", "made_by_sql", true, { kind: "error", message: 'output table "made_by_sql": "made_by_sql" already exists and was not loaded as a dataset (a SQL cell made it, or only the case differs); choose another name, or DROP it in a SQL cell first' }],
    ["a dataset's name in other case", "Scored", true, { kind: "error", message: 'output table "Scored": "scored" already exists and was not loaded as a dataset (a SQL cell made it, or only the case differs); choose another name, or DROP it in a SQL cell first' }],
    ["the input table", "PENGUINS", true, { kind: "error", message: 'output table "PENGUINS": the predictions need a table of their own, not the input table; choose another name' }],
    ["a version table's name", "scored__v9", false, { kind: "error", message: 'output table "scored__v9": names ending in __v<number> are reserved for dataset versions' }],
    ["a name that needs quoting", "my predictions", false, { kind: "error", message: 'output table "my predictions": use letters, digits and _ (not starting with a digit), at most 63 characters' }],
  ] as const)("%s", (_, output, replace, want) => {
    expect(planOutput(output, "penguins", RELATIONS, CATALOG, replace)).toEqual(want);
  });

  it("asks for a name when there is neither an output nor a table", () => {
    expect(planOutput("", "", RELATIONS, CATALOG, false)).toEqual({ kind: "error", message: "Name the output table." });
  });
});

describe("the output name follows the input table while it is the default", () => {
  it.each([
    ["", "", "penguins", "penguins_predictions"],
    ["penguins_predictions", "penguins", "cars", "cars_predictions"],
    ["scored", "penguins", "cars", "scored"],
    ["cars_predictions", "cars", "", ""],
  ])("%j after %j → %j", (output, from, to, want) => {
    expect(outputAfterTableChange(output, from, to)).toBe(want);
    expect(defaultOutput(to)).toBe(to ? `${to}_predictions` : "");
  });
});
