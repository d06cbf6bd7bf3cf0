import { expect, test } from "../fixtures";
import { apiAs, ensureUsers, signedIn } from "./team-fixtures";

/**
 * What a labeler sees when the server refuses an answer: the label she
 * picked was renamed under her, or her slot was taken after her lease ran
 * out. The page says which item was not saved and why; nothing is stored
 * twice or lost; the next answer goes through.
 */
test("a refused answer is named in the labeler view and nothing is stored for it", async ({ browser, baseURL, guard }) => {
  test.setTimeout(120_000);
  const base = baseURL as string;
  await ensureUsers(base, [
    { username: "dana", displayName: "Dana", role: "data_scientist" },
    { username: "lena", displayName: "Lena", role: "labeler" },
  ]);
  const dana = await apiAs(base, "dana");
  const h = { "x-lathe-csrf": dana.csrf };
  const created = await dana.api.post("/api/projects", {
    headers: h,
    data: {
      name: "Renamed under her",
      labels: ["cat", "dog"],
      annotatorsPerItem: 1,
      overlapShare: 0,
      idColumn: "id",
      displayColumns: [{ name: "caption", kind: "text" }],
      source: { kind: "query", text: "test" },
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const list = ["k1", "k2", "k3", "k4"].map((k) => ({ id: k, data: { caption: `photo ${k}` } }));
  expect((await dana.api.post(`/api/projects/${id}/items`, { headers: h, data: { items: list } })).status()).toBe(201);

  const { context, page } = await signedIn(browser, base, guard, "lena", `/projects/${id}/label`);
  await expect(page.getByTestId("item-key")).toHaveText("k1");

  // Dana renames "cat" while Lena's page still offers it.
  expect((await dana.api.post(`/api/projects/${id}/labels`, { headers: h, data: { kind: "rename", from: "cat", to: "feline" } })).status()).toBe(200);
  await page.keyboard.press("1");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "not saved" })).toContainText('Item k1 was not saved: label not in the schema: "cat"');

  // Another labeler's answer on Lena's leased slot is refused by the server with a JSON 409.
  const taken = await dana.api.post(`/api/projects/${id}/items/2/annotations`, { headers: h, data: { kind: "label", labels: ["dog"] } });
  expect(taken.status()).toBe(409);
  expect(((await taken.json()) as { error: { message: string } }).error.message).toMatch(/slot taken/);

  // After a reload the new label set is offered and answers are stored, once each.
  await page.reload();
  await expect(page.getByRole("button", { name: /feline/ })).toBeVisible();
  for (let i = 0; i < 2; i++) {
    const key = await page.getByTestId("item-key").textContent();
    await page.keyboard.press("2");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("item-key")).not.toHaveText(key as string);
  }
  // The labeler view moves on before its submit is acknowledged, so the export is read until the last answer is in.
  const exported = async () => {
    const raw = await dana.api.get(`/api/projects/${id}/export?what=raw&format=jsonl`);
    const rows = (await raw.text()).trim().split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as { item_id: string; annotator: string; label: string });
    return rows.map((r) => [r.item_id, r.annotator, r.label]).sort();
  };
  await expect.poll(exported, { timeout: 10_000 }).toEqual([
    ["k1", "lena", "dog"],
    ["k2", "lena", "dog"],
  ]);
  await context.close();
  await dana.api.dispose();
});
