import type { Notebook } from "@/lib/api/notebook";
import { NOTEBOOK_FORMAT, NOTEBOOK_VERSION } from "@/lib/api/notebook-format";

/** The notebook a newcomer sees on first visit, over the penguins sample. */
export const STARTER_NOTEBOOK: Notebook = {
  format: NOTEBOOK_FORMAT,
  version: NOTEBOOK_VERSION,
  title: "Penguins: a first look",
  cells: [
    {
      id: "intro",
      kind: "markdown",
      source:
        "# Welcome to Lathe\n\nThe **penguins** and **seattle_weather** samples are loaded. Run a cell with **Shift+Enter**, add cells below, or load your own CSV, TSV, Parquet, JSON or Arrow file.",
    },
    {
      id: "species",
      kind: "sql",
      source: 'SELECT "Species", count(*) AS penguins, round(avg("Body Mass (g)")) AS mean_mass_g\nFROM penguins\nGROUP BY ALL\nORDER BY penguins DESC',
    },
    {
      id: "scatter",
      kind: "chart",
      source: "SELECT * FROM penguins",
      mark: "dot",
      x: "Flipper Length (mm)",
      y: "Body Mass (g)",
      color: "Species",
      facet: null,
    },
    { id: "profile", kind: "profile", table: "penguins" },
  ],
};
