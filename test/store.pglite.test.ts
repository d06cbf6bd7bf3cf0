import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { openStore } from "@/lib/store";
import { describeStoreContract } from "./store.contract";
import { describeLabelStoreContract } from "./store.labels.contract";
import { describeLabelFlagContract } from "./store.labels-flag.contract";
import { describeRunExchangeContract } from "./store.runs-exchange.contract";
import { describeModelStoreContract } from "./store.models.contract";
import { describeRequestStoreContract } from "./store.requests.contract";
import { describeRunGroupsContract } from "./store.runs-groups.contract";
import { describeRunStoreContract } from "./store.runs.contract";
import { describeUserStoreContract } from "./store.users.contract";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function newFolder() {
  const dir = await mkdtemp(path.join(tmpdir(), "lathe-store-"));
  dirs.push(dir);
  return () => openStore({ dataDir: dir });
}

describeStoreContract("pglite", "pglite", newFolder);
describeUserStoreContract("pglite", newFolder);
describeLabelStoreContract("pglite", newFolder);
describeLabelFlagContract("pglite", newFolder);
describeRunStoreContract("pglite", newFolder);
describeRunExchangeContract("pglite", newFolder);
describeRunGroupsContract("pglite", newFolder);
describeModelStoreContract("pglite", newFolder);
describeRequestStoreContract("pglite", newFolder);
