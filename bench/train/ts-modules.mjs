// Loads the app's TypeScript modules (lib/**, with the `@/` alias) into a
// plain Node script, through Vite's module runner — the transform vitest
// uses, so no extra dependency (tsx, esbuild) is needed for bench scripts.
//
// tfjs-core is transformed too rather than left to Node: lib/train/loop.ts
// imports `@tensorflow/tfjs-core/dist/register_all_gradients`, an ES module
// with extensionless imports inside a CommonJS package, which Node's own
// loader refuses. The transformed copy is a second tfjs-core, but tfjs keeps
// its engine and kernel/gradient registries on globalThis, so gradients it
// registers serve the script's own `@tensorflow/tfjs-core` import.
import { createServer, createServerModuleRunner } from "vite";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** `paths` are root-relative ("/lib/train/loop.ts"); returns their module namespaces in order, and `close()`. */
export async function loadTs(paths) {
  const server = await createServer({
    configFile: false,
    root,
    logLevel: "error",
    appType: "custom",
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    resolve: { alias: { "@": root } },
    ssr: { noExternal: ["@tensorflow/tfjs-core"] },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  const runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
  const modules = [];
  for (const p of paths) modules.push(await runner.import(p));
  return { modules, close: () => server.close() };
}
