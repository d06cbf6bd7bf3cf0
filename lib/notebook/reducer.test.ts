import { describe, expect, it } from "vitest";
import { emptyNotebook, notebookReducer } from "./reducer";
import { exportNotebook, importNotebook, NotebookImportError } from "./serialize";
import { STARTER_NOTEBOOK } from "./starter";

describe("notebookReducer", () => {
  const base = ["a", "b", "c"].reduce((nb, id) => notebookReducer(nb, { type: "add", kind: "sql", id }), emptyNotebook());

  it("adds cells at the end or at an index, ignoring a duplicate id", () => {
    expect(base.cells.map((c) => c.id)).toEqual(["a", "b", "c"]);
    const nb = notebookReducer(base, { type: "add", kind: "markdown", id: "m", index: 1 });
    expect(nb.cells.map((c) => c.id)).toEqual(["a", "m", "b", "c"]);
    expect(notebookReducer(nb, { type: "add", kind: "sql", id: "m" })).toBe(nb);
  });

  it("moves cells and stops at the ends", () => {
    expect(notebookReducer(base, { type: "move", id: "a", delta: 1 }).cells.map((c) => c.id)).toEqual(["b", "a", "c"]);
    expect(notebookReducer(base, { type: "move", id: "a", delta: -1 })).toBe(base);
    expect(notebookReducer(base, { type: "move", id: "c", delta: 1 })).toBe(base);
  });

  it("updates a cell without changing its id or kind", () => {
    const nb = notebookReducer(base, { type: "update", id: "b", patch: { source: "select 1", id: "zz", kind: "markdown" } as never });
    expect(nb.cells[1]).toEqual({ id: "b", kind: "sql", source: "select 1" });
    expect(base.cells[1]).toEqual({ id: "b", kind: "sql", source: "" });
  });

  it("deletes", () => {
    expect(notebookReducer(base, { type: "delete", id: "b" }).cells.map((c) => c.id)).toEqual(["a", "c"]);
  });
});

describe("notebook files", () => {
  it("exports with sorted keys and round-trips", () => {
    const text = exportNotebook(STARTER_NOTEBOOK);
    expect(text.indexOf('"cells"')).toBeLessThan(text.indexOf('"format"'));
    expect(text.indexOf('"id": "scatter"')).toBeLessThan(text.indexOf('"kind": "chart"'));
    expect(importNotebook("n.json", text)).toEqual(STARTER_NOTEBOOK);
    expect(exportNotebook(importNotebook("n.json", text))).toBe(text);
  });

  it("rejects bad files with the file name and the field", () => {
    expect(() => importNotebook("x.json", "{nope")).toThrow(/^x\.json: not valid JSON/);
    expect(() => importNotebook("x.json", JSON.stringify({ ...STARTER_NOTEBOOK, cells: [{ id: "a", kind: "chart", source: "", mark: "pie" }] }))).toThrow(
      /^x\.json: not a Lathe notebook: cells\.0\.mark/,
    );
    const dup = { ...STARTER_NOTEBOOK, cells: [STARTER_NOTEBOOK.cells[0], STARTER_NOTEBOOK.cells[0]] };
    expect(() => importNotebook("x.json", JSON.stringify(dup))).toThrow(NotebookImportError);
  });
});
