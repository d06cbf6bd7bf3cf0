import { RequestError } from "./http";

/** `?what=raw|gold&format=csv|jsonl`, as the label export and import routes read it. */
export function labelFileParams(url: URL): { what: "raw" | "gold"; format: "csv" | "jsonl" } {
  const what = url.searchParams.get("what") ?? "raw";
  const format = url.searchParams.get("format") ?? "csv";
  if (what !== "raw" && what !== "gold") throw new RequestError("invalid", `what: must be raw or gold (got ${what})`, "what");
  if (format !== "csv" && format !== "jsonl") throw new RequestError("invalid", `format: must be csv or jsonl (got ${format})`, "format");
  return { what, format };
}
