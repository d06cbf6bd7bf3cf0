import "server-only";
import { notFound } from "next/navigation";
import type { Run } from "@/lib/api/runs";
import { getStore, StoreError } from "@/lib/store";

/** The runs a page is about, or Next's 404 page when one of them does not exist. */
export async function runsForPage(ids: readonly string[]): Promise<Run[]> {
  const store = await getStore();
  try {
    return await Promise.all(ids.map((id) => store.runs.getRun(id)));
  } catch (e) {
    if (e instanceof StoreError && e.code === "not_found") notFound();
    throw e;
  }
}
