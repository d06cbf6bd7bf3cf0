import { test, expect, openApp, sample } from "./fixtures";

const weather = sample("seattle-weather.csv").toString("utf8").trim().split("\n").slice(1).map((l) => l.split(","));

/** Wind values outside Tukey's fences within each weather kind, counted from the raw CSV. */
function tukeyOutliers(): number {
  const r7 = (s: number[], p: number) => {
    const h = (s.length - 1) * p;
    const lo = Math.floor(h);
    return s[lo] + (h - lo) * ((s[lo + 1] ?? s[lo]) - s[lo]);
  };
  const groups = new Map<string, number[]>();
  for (const r of weather) groups.set(r[5], [...(groups.get(r[5]) ?? []), Number(r[4])]);
  let n = 0;
  for (const values of groups.values()) {
    values.sort((a, b) => a - b);
    const [q1, q3] = [r7(values, 0.25), r7(values, 0.75)];
    n += values.filter((v) => v < q1 - 1.5 * (q3 - q1) || v > q3 + 1.5 * (q3 - q1)).length;
  }
  return n;
}

test("chart cells draw the marks the data implies", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "Add Chart cell" }).click();
  const cell = page.getByRole("listitem", { name: /Chart$/ }).last();
  const editor = cell.getByRole("textbox", { name: /^Chart query, cell \d+$/ });
  await editor.click();
  await page.keyboard.insertText("SELECT * FROM seattle_weather");
  await page.keyboard.press("Shift+Enter");
  await cell.getByLabel("Mark").selectOption("bar");
  await cell.getByLabel("X column").selectOption("weather");
  // One bar per distinct weather value, counted here from the raw CSV.
  const kinds = new Set(weather.map((r) => r[5])).size;
  const figure = cell.getByRole("figure");
  await expect(figure.locator("svg rect")).toHaveCount(kinds);

  // One line, then one area, per weather kind (each a series: Plot draws one path per series).
  await cell.getByLabel("Mark").selectOption("line");
  await cell.getByLabel("X column").selectOption("date");
  await cell.getByLabel("Y column").selectOption("temp_max");
  await cell.getByLabel("Color column").selectOption("weather");
  await expect(figure.locator('svg g[aria-label="line"] path')).toHaveCount(kinds);
  await cell.getByLabel("Mark").selectOption("area");
  await cell.getByLabel("Y column").selectOption("precipitation");
  await expect(figure.locator('svg g[aria-label="area"] path')).toHaveCount(kinds);
  await cell.getByLabel("Color column").selectOption("");

  // Most days have no rain (838 of 1,461, counted from the CSV), so the bin holding 0 is the tallest.
  const precipitation = weather.map((r) => Number(r[1]));
  expect(precipitation.filter((v) => v === 0).length * 2).toBeGreaterThan(weather.length);
  await cell.getByLabel("Mark").selectOption("histogram");
  await cell.getByLabel("X column").selectOption("precipitation");
  const bins = figure.locator('svg g[aria-label="rect"] rect');
  await expect.poll(() => bins.count()).toBeGreaterThan(2);
  const boxes = await bins.evaluateAll((rs) => rs.map((r) => ({ x: Number(r.getAttribute("x")), h: Number(r.getAttribute("height")) })));
  const leftmost = boxes.reduce((a, b) => (b.x < a.x ? b : a));
  expect(leftmost.h).toBe(Math.max(...boxes.map((b) => b.h)));

  // Box plot: one box and one median tick per kind, and a dot per outlier (Tukey's fences,
  // 1.5 × IQR past the quartiles, with R-7 quantiles as d3.quantile computes them).
  await cell.getByLabel("Mark").selectOption("box");
  await cell.getByLabel("X column").selectOption("weather");
  await cell.getByLabel("Y column").selectOption("wind");
  await expect(figure.locator('svg g[aria-label="bar"] rect')).toHaveCount(kinds);
  await expect(figure.locator('svg g[aria-label="tick"] line')).toHaveCount(kinds);
  await expect(figure.locator('svg g[aria-label="dot"] circle')).toHaveCount(tukeyOutliers());

  await cell.getByLabel("Mark").selectOption("dot");
  await cell.getByLabel("X column").selectOption("temp_min");
  await cell.getByLabel("Y column").selectOption("temp_max");
  await cell.getByLabel("Facet column").selectOption("weather");
  await expect(figure.locator("svg circle")).toHaveCount(weather.length);
});

test("a profile cell shows each column's statistics", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "Add Profile cell" }).click();
  const cell = page.getByRole("listitem", { name: /Profile$/ }).last();
  await cell.getByLabel("Table to profile").selectOption("seattle_weather");
  await cell.getByRole("button", { name: "Run" }).click();
  const table = cell.getByRole("table", { name: /Profile of seattle_weather/ });
  const wind = weather.map((r) => Number(r[4]));
  const max = Math.max(...wind);
  const min = Math.min(...wind);
  const row = table.getByRole("row", { name: /^wind/ });
  await expect(row).toContainText("DOUBLE");
  await expect(row).toContainText("0.0%");
  await expect(row.getByRole("cell").nth(3)).toHaveText(String(min));
  await expect(row.getByRole("cell").nth(4)).toHaveText(String(max));
  await expect(table.getByRole("row", { name: /^weather/ })).toContainText(`${new Set(weather.map((r) => r[5])).size}`);
});
