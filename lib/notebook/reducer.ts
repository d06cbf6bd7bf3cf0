import type { Cell, CellKind, Notebook } from "@/lib/api/notebook";
import { NOTEBOOK_FORMAT, NOTEBOOK_VERSION } from "@/lib/api/notebook-format";

/** Every edit to the notebook document is one of these; the reducer is pure. */
export type NotebookAction =
  | { type: "add"; kind: CellKind; id: string; index?: number }
  | { type: "insert"; cell: Cell; index?: number }
  | { type: "update"; id: string; patch: Partial<Omit<Cell, "id" | "kind">> }
  | { type: "move"; id: string; delta: -1 | 1 }
  | { type: "delete"; id: string }
  | { type: "title"; title: string }
  | { type: "replace"; notebook: Notebook };

export function emptyCell(kind: CellKind, id: string): Cell {
  switch (kind) {
    case "markdown":
      return { id, kind, source: "" };
    case "sql":
      return { id, kind, source: "" };
    case "chart":
      return { id, kind, source: "", mark: "dot", x: null, y: null, color: null, facet: null };
    case "profile":
      return { id, kind, table: "" };
    case "predict":
      return { id, kind, model: "", version: null, table: "", output: "" };
    case "evaluate":
      return { id, kind, run: "", split: "test", minSupport: 20, slices: [] };
    case "train":
      return {
        id,
        kind,
        source: "SELECT * FROM penguins",
        target: null,
        features: [],
        task: "auto",
        model: "mlp",
        hidden: "32,32",
        epochs: 40,
        learningRate: 0.01,
        batchSize: 64,
        patience: 5,
        split: "stratified",
        splitColumn: null,
        seed: 1,
        backend: "auto",
      };
  }
}

export function emptyNotebook(title = "Untitled notebook"): Notebook {
  return { format: NOTEBOOK_FORMAT, version: NOTEBOOK_VERSION, title, cells: [] };
}

export function notebookReducer(state: Notebook, action: NotebookAction): Notebook {
  switch (action.type) {
    case "add": {
      if (state.cells.some((c) => c.id === action.id)) return state;
      const cells = [...state.cells];
      const at = action.index === undefined ? cells.length : Math.max(0, Math.min(action.index, cells.length));
      cells.splice(at, 0, emptyCell(action.kind, action.id));
      return { ...state, cells };
    }
    case "insert": {
      if (state.cells.some((c) => c.id === action.cell.id)) return state;
      const cells = [...state.cells];
      cells.splice(action.index === undefined ? cells.length : Math.max(0, Math.min(action.index, cells.length)), 0, action.cell);
      return { ...state, cells };
    }
    case "update":
      return { ...state, cells: state.cells.map((c) => (c.id === action.id ? ({ ...c, ...action.patch, id: c.id, kind: c.kind } as Cell) : c)) };
    case "move": {
      const i = state.cells.findIndex((c) => c.id === action.id);
      const j = i + action.delta;
      if (i === -1 || j < 0 || j >= state.cells.length) return state;
      const cells = [...state.cells];
      [cells[i], cells[j]] = [cells[j], cells[i]];
      return { ...state, cells };
    }
    case "delete":
      return { ...state, cells: state.cells.filter((c) => c.id !== action.id) };
    case "title":
      return { ...state, title: action.title };
    case "replace":
      return action.notebook;
  }
}

export function newCellId(): string {
  return `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
