import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.LATHE_E2E_PORT ?? 3100);
/** A second server with users: sign-in required, as on a team install. */
const TEAM_PORT = PORT + 1;
export const TEAM_ADMIN = { username: "admin", password: "e2e-admin-password" };

const server = (port: number, env: Record<string, string> = {}) => ({
  command: `node scripts/serve-e2e.mjs ${port}`,
  url: `http://localhost:${port}/api/health`,
  timeout: 120_000,
  reuseExistingServer: false,
  stdout: "ignore" as const,
  stderr: "pipe" as const,
  env,
});

export default defineConfig({
  testDir: "e2e",
  // Two cores: the app servers, DuckDB's worker and Chromium already share them.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [["list"], ["json", { outputFile: ".lathe-test/playwright.json" }]],
  use: {
    acceptDownloads: true,
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    // Local mode: loopback and no users, so the workbench opens without sign-in.
    { name: "workbench", testIgnore: /team\//, use: { baseURL: `http://localhost:${PORT}` } },
    { name: "team", testMatch: /team\/.*\.spec\.ts/, use: { baseURL: `http://localhost:${TEAM_PORT}` } },
  ],
  webServer: [
    server(PORT),
    server(TEAM_PORT, { LATHE_ADMIN_USERNAME: TEAM_ADMIN.username, LATHE_ADMIN_PASSWORD: TEAM_ADMIN.password }),
  ],
});
