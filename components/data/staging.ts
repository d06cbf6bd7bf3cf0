import { StagingPool } from "@/lib/data/staging-pool";

/**
 * The page's one pool of shared staging buffers (decode worker and DuckDB
 * read from and write into them); null where SharedArrayBuffer is missing,
 * i.e. on a page that is not cross-origin isolated.
 */
export const staging: StagingPool | null = typeof SharedArrayBuffer !== "undefined" && globalThis.crossOriginIsolated ? new StagingPool() : null;
