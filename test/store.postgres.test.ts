import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "@/lib/store";
import { LATEST_MIGRATION } from "@/lib/store/migrations";
import { startPostgres, type ThrowawayPostgres } from "../scripts/pg-throwaway.mjs";
import { describeStoreContract } from "./store.contract";
import { describeLabelStoreContract } from "./store.labels.contract";
import { describeLabelFlagContract } from "./store.labels-flag.contract";
import { describeRunExchangeContract } from "./store.runs-exchange.contract";
import { describeModelStoreContract } from "./store.models.contract";
import { describeRequestStoreContract } from "./store.requests.contract";
import { describeRunGroupsContract } from "./store.runs-groups.contract";
import { describeRunStoreContract } from "./store.runs.contract";
import { describeUserStoreContract } from "./store.users.contract";

// No skip when PostgreSQL is missing: beforeAll throws the reason and every test fails.
let server: ThrowawayPostgres | undefined;
let databases = 0;

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

/** A fresh, empty database on the throwaway server; returns its URL. */
async function newDatabase(): Promise<string> {
  if (!server) throw new Error("postgres: server not started");
  const name = `lathe_test_${++databases}`;
  const admin = new pg.Client(server.url);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return url.toString();
}

async function newLocation() {
  const url = await newDatabase();
  return () => openStore({ databaseUrl: url });
}

describeStoreContract("postgres", "postgres", newLocation);
describeUserStoreContract("postgres", newLocation);
describeLabelStoreContract("postgres", newLocation);
describeLabelFlagContract("postgres", newLocation);
describeRunStoreContract("postgres", newLocation);
describeRunExchangeContract("postgres", newLocation);
describeRunGroupsContract("postgres", newLocation);
describeModelStoreContract("postgres", newLocation);
describeRequestStoreContract("postgres", newLocation);

describe("PostgreSQL migrations", () => {
  it("apply once when several processes open an empty database at the same time", async () => {
    const url = await newDatabase();
    const stores = await Promise.all([1, 2, 3, 4].map(() => openStore({ databaseUrl: url })));
    try {
      for (const s of stores) {
        expect(await s.migrationStatus()).toEqual({ current: true, applied: LATEST_MIGRATION, latest: LATEST_MIGRATION });
      }
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it("report the store unavailable when the server cannot be reached", async () => {
    await expect(openStore({ databaseUrl: "postgres://postgres@127.0.0.1:1/none" })).rejects.toMatchObject({ code: "unavailable" });
  });
});
