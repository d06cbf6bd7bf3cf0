import { z } from "zod";
import type { Store } from "@/lib/store/store";

/** GET /api/health. */
export const healthSchema = z.object({
  status: z.literal("ok"),
  /** The app's build version (git SHA), or "unknown". */
  version: z.string(),
  store: z.object({
    kind: z.enum(["pglite", "postgres"]),
    migrationsCurrent: z.boolean(),
    applied: z.number().int(),
    latest: z.number().int(),
  }),
});
export type Health = z.infer<typeof healthSchema>;

export async function readHealth(store: Pick<Store, "kind" | "migrationStatus">, version: string): Promise<Health> {
  const m = await store.migrationStatus();
  return { status: "ok", version, store: { kind: store.kind, migrationsCurrent: m.current, applied: m.applied, latest: m.latest } };
}
