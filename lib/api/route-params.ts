import { RequestError } from "./http";
import { NAME_PATTERN } from "./models";

/** Route segments and query parameters shared by several handlers. */

export type ProjectContext = { params: Promise<{ id: string }> };
export type ModelContext = { params: Promise<{ name: string }> };
export type AliasContext = { params: Promise<{ name: string; alias: string }> };
export type ItemContext = { params: Promise<{ id: string; seq: string }> };

/** An item's position in its project: a positive integer, else the item cannot exist. */
export function parseSeq(s: string): number {
  const n = /^[1-9][0-9]{0,9}$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n) || n > 2_147_483_647) throw new RequestError("invalid", `item: not an item number: ${s}`, "seq");
  return n;
}

/** A model or alias name from the path: never path characters (see NAME_PATTERN). */
export function parseName(s: string, what: "model" | "alias"): string {
  const name = decodeURIComponent(s);
  if (!NAME_PATTERN.test(name)) throw new RequestError("invalid", `${what}: not a valid name: ${JSON.stringify(name.slice(0, 80))} (1–64 letters, digits, '-', '_' or '.')`, what);
  return name;
}

/** An integer query parameter within [min, max], or `fallback` when absent. */
export function intParam(url: URL, name: string, fallback: number, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new RequestError("invalid", `${name}: must be an integer from ${min} to ${max} (got ${raw})`, name);
  return n;
}
