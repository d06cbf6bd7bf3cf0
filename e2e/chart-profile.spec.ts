import { test, expect, openApp, sample } from "./fixtures";

const weather = sample("seattle-weather.csv").toString("utf8").trim().split("\n").slice(1).map((l) => l.split(","));

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

  await cell.getByLabel("Mark").selectOption("line");
  await cell.getByLabel("X column").selectOption("date");
  await cell.getByLabel("Y column").selectOption("temp_max");
  await expect(figure.locator("svg path[d]")).not.toHaveCount(0);

  await cell.getByLabel("Mark").selectOption("histogram");
  await cell.getByLabel("X column").selectOption("precipitation");
  await expect(figure.locator("svg rect").first()).toBeVisible();

  await cell.getByLabel("Mark").selectOption("box");
  await cell.getByLabel("X column").selectOption("weather");
  await cell.getByLabel("Y column").selectOption("wind");
  await expect(figure.locator("svg")).toBeVisible();

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
