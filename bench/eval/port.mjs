// The first free TCP port on 127.0.0.1 in a range: bench:eval serves on
// 3130–3139, a range kept for it, so it can run beside the other benches.
import { createServer } from "node:net";

function isFree(port) {
  return new Promise((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

export async function freePort(first, last) {
  for (let port = first; port <= last; port++) if (await isFree(port)) return port;
  throw new Error(`no free port in ${first}–${last}`);
}
