import "server-only";
import { notFound } from "next/navigation";
import type { LabelProject } from "@/lib/api/labels";
import { getStore, StoreError } from "@/lib/store";

/** The project a page is about, or Next's 404 page when there is none. */
export async function projectForPage(id: string): Promise<LabelProject> {
  try {
    return await (await getStore()).labels.getProject(id);
  } catch (e) {
    if (e instanceof StoreError && e.code === "not_found") notFound();
    throw e;
  }
}
