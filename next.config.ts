import type { NextConfig } from "next";
import { execSync } from "node:child_process";

// The app version is the git SHA at build time (lineage: runs and models record it).
function gitSha(): string {
  try {
    return execSync("git rev-parse --short HEAD", { stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
  } catch {
    return "unknown";
  }
}

const config: NextConfig = {
  reactStrictMode: true,
  env: { NEXT_PUBLIC_LATHE_VERSION: process.env.LATHE_VERSION ?? gitSha() },
  // Server-side packages with native or wasm parts are loaded by Node, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "onnxruntime-node", "@duckdb/node-api"],
  poweredByHeader: false,
  // Cross-origin isolation lets DuckDB-WASM use its multi-threaded build
  // (SharedArrayBuffer). Everything the app loads is same-origin, so nothing breaks.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Cross-Origin-Embedder-Policy", value: "require-corp" },
        ],
      },
    ];
  },
};
export default config;
