import * as arrow from "apache-arrow";
import * as pq from "parquet-wasm/node";
import { test, expect, openApp, sample, loadFile, datasetItem, runSqlCell } from "./fixtures";


/** A small Parquet file written here by parquet-wasm from the flights-200k Arrow sample (first 5,000 rows). */
function smallParquet(): Buffer {
  const t = arrow.tableFromIPC(sample("flights-200k.arrow")).slice(0, 5000);
  return Buffer.from(pq.writeParquet(pq.Table.fromIPCStream(arrow.tableToIPC(t, "stream"))));
}

test("loads TSV, Arrow, Parquet, JSON and NDJSON by file picker, and a CSV by drag and drop", async ({ page }) => {
  await openApp(page);
  const tsv = sample("unemployment.tsv");
  const tsvRows = tsv.toString("utf8").trim().split("\n").length - 1;
  await loadFile(page, "unemployment.tsv", tsv);
  await expect(datasetItem(page, "unemployment")).toContainText(`${tsvRows.toLocaleString("en-US")} rows`);

  await loadFile(page, "flights-200k.arrow", sample("flights-200k.arrow"));
  await expect(datasetItem(page, "flights_200k")).toContainText("200,000 rows");

  await loadFile(page, "flights-5k.parquet", smallParquet());
  await expect(datasetItem(page, "flights_5k")).toContainText("5,000 rows");

  const cars = sample("cars.json");
  const carRows = (JSON.parse(cars.toString("utf8")) as unknown[]).length;
  await loadFile(page, "cars.json", cars);
  await expect(datasetItem(page, "cars")).toContainText(`${carRows.toLocaleString("en-US")} rows`);

  const ndjson = Buffer.from((JSON.parse(sample("penguins.json").toString("utf8")) as unknown[]).map((r) => JSON.stringify(r)).join("\n"));
  await loadFile(page, "penguins-lines.ndjson", ndjson);
  await expect(datasetItem(page, "penguins_lines")).toContainText("344 rows");

  // Drag and drop: a real DataTransfer carrying a File, dropped on the page.
  const csv = sample("stocks.csv").toString("utf8");
  const dt = await page.evaluateHandle((text) => {
    const d = new DataTransfer();
    d.items.add(new File([text], "stocks.csv", { type: "text/csv" }));
    return d;
  }, csv);
  await page.dispatchEvent(".shell", "dragover", { dataTransfer: dt });
  await page.dispatchEvent(".shell", "drop", { dataTransfer: dt });
  const stockRows = csv.trim().split("\n").length - 1;
  await expect(datasetItem(page, "stocks")).toContainText(`${stockRows} rows`);

  // The loaded Parquet answers SQL with the same values as the Arrow it came from.
  const cell = await runSqlCell(page, "SELECT (SELECT sum(delay) FROM flights_5k) = (SELECT sum(delay) FROM (SELECT * FROM flights_200k LIMIT 5000)) AS same");
  await expect(cell.getByRole("grid")).toContainText("true");
});

test("CSV options override detection, and a changed file becomes a new version", async ({ page }) => {
  await openApp(page);
  await page.getByText("Load options").click();
  await page.getByLabel("Table name").fill("codes");
  await page.getByLabel("Delimiter").fill(";");
  await page.getByLabel("Column types").fill("zip: VARCHAR");
  await loadFile(page, "codes.csv", Buffer.from("zip;city\n02139;Cambridge\n10001;New York\n"));
  await expect(datasetItem(page, "codes")).toContainText("v1: 2 rows");
  let cell = await runSqlCell(page, "SELECT zip FROM codes ORDER BY zip");
  await expect(cell.getByRole("grid")).toContainText("02139");

  await loadFile(page, "codes.csv", Buffer.from("zip;city\n02139;Cambridge\n10001;New York\n94103;San Francisco\n"));
  await expect(datasetItem(page, "codes")).toContainText("v2: 3 rows");
  cell = await runSqlCell(page, "SELECT (SELECT count(*) FROM codes) AS latest, (SELECT count(*) FROM codes__v1) AS first");
  await expect(cell.getByRole("grid").getByRole("row").nth(1)).toContainText(/3\s*2/);

  // A dropped file goes through the same load options as the picker.
  await page.getByLabel("Table name").fill("dropped");
  await page.getByLabel("Column types").fill("");
  const dt = await page.evaluateHandle(() => {
    const d = new DataTransfer();
    d.items.add(new File(["a;b\n1;2\n"], "semi.csv", { type: "text/csv" }));
    return d;
  });
  await page.dispatchEvent(".shell", "drop", { dataTransfer: dt });
  await expect(datasetItem(page, "dropped")).toContainText("v1: 1 rows · 2 cols");

  await page.getByRole("button", { name: "Delete codes version 2" }).click();
  await expect(datasetItem(page, "codes")).not.toContainText("v2");
});
