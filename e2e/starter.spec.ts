import { test, expect, openApp, sample } from "./fixtures";

// Reference counts come from the raw vega-datasets JSON read here, not from the app.
const penguins = JSON.parse(sample("penguins.json").toString("utf8")) as Record<string, unknown>[];

test("a newcomer sees the starter notebook run on the sample data", async ({ page }) => {
  await openApp(page);
  const sqlCell = page.getByRole("listitem", { name: "Cell 2: SQL" });
  await expect(sqlCell.getByRole("status")).toContainText("3 rows");
  await expect(sqlCell.getByRole("grid")).toContainText("Adelie");

  const chart = page.getByRole("figure", { name: "Chart, cell 3" });
  const withBoth = penguins.filter((r) => typeof r["Flipper Length (mm)"] === "number" && typeof r["Body Mass (g)"] === "number").length;
  await expect(chart.locator("svg circle")).toHaveCount(withBoth);

  const profile = page.getByRole("table", { name: /Profile of penguins/ });
  const mass = penguins.map((r) => r["Body Mass (g)"]).filter((v): v is number => typeof v === "number");
  const mean = mass.reduce((a, b) => a + b, 0) / mass.length;
  const row = profile.getByRole("row", { name: /^Body Mass \(g\)/ });
  await expect(row).toContainText(String(Math.round(mean * 1e6) / 1e6));
  await expect(row).toContainText(`${((100 * (penguins.length - mass.length)) / penguins.length).toFixed(1)}%`);
});
