import { readFileSync } from "node:fs";
import { test, expect, openApp, runSqlCell } from "./fixtures";

test("export a notebook as stable JSON and import it back", async ({ page }) => {
  await openApp(page);
  await page.getByRole("textbox", { name: "Notebook title" }).fill("Round trip");
  await runSqlCell(page, "SELECT 1 AS one");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export notebook" }).click();
  const file = await (await download).path();
  const text = readFileSync(file, "utf8");
  const doc = JSON.parse(text);
  expect(doc.title).toBe("Round trip");
  expect(Object.keys(doc)).toEqual(["cells", "format", "title", "version"]);
  expect(doc.cells.at(-1)).toMatchObject({ kind: "sql", source: "SELECT 1 AS one" });

  // Change the notebook, then import the file: the exported state comes back.
  await page.getByRole("button", { name: /^Delete cell \d+$/ }).first().click();
  await page.getByRole("textbox", { name: "Notebook title" }).fill("Changed");
  await page.getByLabel("Import notebook").setInputFiles({ name: "round-trip.lathe.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await expect(page.getByRole("textbox", { name: "Notebook title" })).toHaveValue("Round trip");
  await expect(page.locator(".cells > li")).toHaveCount(doc.cells.length);

  // A second export of the imported notebook is byte-identical.
  const again = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export notebook" }).click();
  expect(readFileSync(await (await again).path(), "utf8")).toBe(text);
});

test("a bad notebook file is refused and the open notebook stays", async ({ page }) => {
  await openApp(page);
  const cells = await page.locator(".cells > li").count();
  await page.getByLabel("Import notebook").setInputFiles({ name: "bad.lathe.json", mimeType: "application/json", buffer: Buffer.from('{"format": "lathe-notebook", "version": 1, "title": "x", "cells": [{"id": "a", "kind": "pie"}]}') });
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("bad.lathe.json: not a Lathe notebook: cells.0.kind");
  await expect(page.locator(".cells > li")).toHaveCount(cells);
});

test("save a notebook to the server, then open it from the list", async ({ page }) => {
  await openApp(page);
  const title = `Shared ${Date.now()}`;
  await page.getByRole("textbox", { name: "Notebook title" }).fill(title);
  await page.getByRole("button", { name: "Save to server" }).click();
  await expect(page.getByRole("status").filter({ hasText: "to the server (revision 1)" })).toBeVisible();
  await page.getByRole("textbox", { name: "Notebook title" }).fill(`${title} v2`);
  await page.getByRole("button", { name: "Save to server" }).click();
  await expect(page.getByRole("status").filter({ hasText: "(revision 2)" })).toBeVisible();

  // Another browser saved meanwhile: a save from the stale revision is refused.
  const res = await page.request.get("/api/notebooks");
  const { notebooks } = await res.json();
  const mine = notebooks.find((n: { title: string }) => n.title === `${title} v2`);
  const current = await (await page.request.get(`/api/notebooks/${mine.id}`)).json();
  const put = await page.request.put(`/api/notebooks/${mine.id}`, { data: { notebook: { ...current.notebook, title: `${title} elsewhere` }, baseRevision: 2 } });
  expect(put.status()).toBe(200);
  await page.getByRole("button", { name: "Save to server" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toContainText("Not saved to the server: stale revision");

  await page.getByRole("button", { name: "Saved notebooks" }).click();
  await page.getByRole("dialog", { name: "Saved notebooks" }).getByRole("button", { name: `Open ${title} elsewhere` }).click();
  await expect(page.getByRole("textbox", { name: "Notebook title" })).toHaveValue(`${title} elsewhere`);
});
