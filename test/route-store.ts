import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { closeStore } from "@/lib/store";

/**
 * Points the route handlers' store at a fresh PGlite folder, as a test
 * file's first statement: getStore() reads the environment when first
 * called. Loopback, no DATABASE_URL and no bootstrap admin, so with no users
 * the app is in local mode. The store closes and the folder goes after the file.
 */
export function useRouteStore(prefix: string): string {
  const dataDir = mkdtempSync(path.join(tmpdir(), `lathe-${prefix}-`));
  process.env.LATHE_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  delete process.env.LATHE_HOST;
  delete process.env.LATHE_ADMIN_USERNAME;
  delete process.env.LATHE_ADMIN_PASSWORD;
  afterAll(async () => {
    await closeStore();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return dataDir;
}
