// A throwaway PostgreSQL server for tests, from Debian's binaries: a fresh
// cluster in a temp dir, trust auth, listening only on 127.0.0.1 and a socket
// inside that dir. stop() kills it and removes the dir; an exit hook stops any
// server a crashed test forgot. halt() and resume() stop and start the same
// cluster on the same port, for tests of a database that restarts.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const PG_ROOT = "/usr/lib/postgresql";
// PostgreSQL refuses to run as root; as root, every pg binary runs as this
// user (created by Debian's postgresql package).
const PG_USER = "postgres";

/** Newest /usr/lib/postgresql/<major>/bin holding initdb and pg_ctl, or null. */
export function findPgBin() {
  if (!existsSync(PG_ROOT)) return null;
  const majors = readdirSync(PG_ROOT)
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of majors) {
    const bin = path.join(PG_ROOT, v, "bin");
    if (existsSync(path.join(bin, "initdb")) && existsSync(path.join(bin, "pg_ctl"))) return bin;
  }
  return null;
}

const running = new Set();
let exitHookInstalled = false;

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const stopAll = () => {
    for (const s of running) s.stopSync();
  };
  process.on("exit", stopAll);
  // Signals skip "exit" handlers: stop the servers, then die of the same signal.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.once(signal, () => {
      stopAll();
      process.kill(process.pid, signal);
    });
  }
}

/**
 * Starts a server; resolves to { url, stop } where url is
 * postgres://postgres@127.0.0.1:<port>/postgres. Rejects with the reason
 * (and the server log's tail) when it cannot start.
 */
export async function startPostgres() {
  const bin = findPgBin();
  if (bin === null) throw new Error(`postgres binaries: none under ${PG_ROOT}/*/bin (apt-get install postgresql)`);
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(path.join(tmpdir(), "lathe-pg-"));
  const data = path.join(dir, "data");
  const log = path.join(dir, "server.log");
  const argv = (cmd, args) => (asRoot ? ["runuser", ["-u", PG_USER, "--", path.join(bin, cmd), ...args]] : [path.join(bin, cmd), args]);
  const pg = (cmd, args) => {
    const [file, fileArgs] = argv(cmd, args);
    return run(file, fileArgs, { cwd: dir, env: { ...process.env, LC_ALL: "C" } });
  };
  const server = {
    stopSync() {
      running.delete(server);
      try {
        const [file, fileArgs] = argv("pg_ctl", ["stop", "-D", data, "-m", "immediate", "-w"]);
        execFileSync(file, fileArgs, { cwd: dir, stdio: "ignore" });
      } catch {
        // not running
      }
      execFileSync("rm", ["-rf", dir]);
    },
  };
  try {
    if (asRoot) {
      await run("chown", ["-R", `${PG_USER}:`, dir]);
      await chmod(dir, 0o700);
    }
    await pg("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
    const port = await startOnFreePort(pg, data, dir, log);
    running.add(server);
    installExitHook();
    let stopped = false;
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      async halt(mode = "fast") {
        await pg("pg_ctl", ["stop", "-D", data, "-m", mode, "-w"]);
      },
      async resume() {
        await pg("pg_ctl", ["start", "-D", data, "-w", "-t", "60", "-l", log, "-o", serverOptions(port, dir)]);
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        running.delete(server);
        await pg("pg_ctl", ["stop", "-D", data, "-m", "immediate", "-w"]).catch(() => {});
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    const tail = existsSync(log) ? readFileSync(log, "utf8").split("\n").slice(-15).join("\n") : "";
    server.stopSync();
    const reason = e instanceof Error ? e.message : String(e);
    throw new Error(`postgres did not start: ${reason}${tail ? `\n--- server log ---\n${tail}` : ""}`);
  }
}

// The port is picked by binding :0 and releasing it, so another process can
// take it in between; a failed start retries on a new port.
async function startOnFreePort(pg, data, dir, log, attempts = 3) {
  for (let i = 1; ; i++) {
    const port = await freePort();
    try {
      await pg("pg_ctl", ["start", "-D", data, "-w", "-t", "60", "-l", log, "-o", serverOptions(port, dir)]);
      return port;
    } catch (e) {
      if (i >= attempts) throw e;
    }
  }
}

// fsync off: a throwaway cluster need not survive the machine crashing, only
// its own server stopping. synchronous_commit stays on: with it off, a commit
// is acknowledged while its WAL is still in shared memory, and halt("immediate")
// lost about one in three of them (measured); with fsync off it costs only a
// write() to the page cache.
function serverOptions(port, dir) {
  return `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories='${dir}' -c fsync=off -c full_page_writes=off`;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
