/** Sample datasets copied from the vega-datasets package into public/samples at install. */
export interface Sample {
  file: string;
  table: string;
  label: string;
}

export const SAMPLES: Sample[] = [
  { file: "penguins.json", table: "penguins", label: "Penguins (JSON, 344 rows)" },
  { file: "seattle-weather.csv", table: "seattle_weather", label: "Seattle weather (CSV, 1,461 rows)" },
  { file: "unemployment.tsv", table: "unemployment", label: "US unemployment (TSV, 3,218 rows)" },
  { file: "flights-200k.arrow", table: "flights_200k", label: "Flights 200k (Arrow, 200,000 rows)" },
  { file: "flights-3m.parquet", table: "flights_3m", label: "Flights 3M (Parquet, 3,000,000 rows)" },
];

/** Loaded on a first visit, so a newcomer's starter notebook has data to run on. */
export const FIRST_VISIT_SAMPLES = ["penguins.json", "seattle-weather.csv"];
