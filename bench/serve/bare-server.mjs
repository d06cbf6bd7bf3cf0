// The baseline for bench:serve: a plain node:http server answering the v2
// infer request (POST /v2/models/<name>/infer) for one ONNX file in
// onnxruntime-node, with the session options Lathe serves with. It does the
// same work per request as Lathe's route minus the app: read and parse the
// JSON body, check the input names, build one tensor per input (null is NaN
// for numbers and "<missing>" for categories, as Lathe reads it), run, and
// write the outputs as v2 JSON (NaN as null). No auth, store, routing,
// traffic policy, metrics or per-element validation.
//
//   node bench/serve/bare-server.mjs <model.onnx> <port> [model name]
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import * as ort from "onnxruntime-node";

const [file, portArg, name = "bench-mlp"] = process.argv.slice(2);
const MAX_BODY = 16 * 1024 * 1024;
const MISSING_CATEGORY = "<missing>";

const session = await ort.InferenceSession.create(readFileSync(file), { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: "all" });
const inputNames = new Set(session.inputNames);
const inferPath = `/v2/models/${name}/infer`;

function feeds(body) {
  if (!body || !Array.isArray(body.inputs)) throw new Error("request: inputs must be an array");
  const out = {};
  for (const input of body.inputs) {
    if (!inputNames.has(input.name)) throw new Error(`input "${input.name}": not an input of this model`);
    const data = input.data.flat(Infinity);
    const dims = input.shape.length === 1 ? [input.shape[0], 1] : input.shape;
    out[input.name] =
      input.datatype === "BYTES"
        ? new ort.Tensor("string", data.map((v) => (v === null ? MISSING_CATEGORY : String(v))), dims)
        : new ort.Tensor("float32", Float32Array.from(data, (v) => (v === null ? NaN : v)), dims);
  }
  if (Object.keys(out).length !== inputNames.size) throw new Error("request: inputs missing");
  return out;
}

function encode(data) {
  if (data instanceof BigInt64Array) return { datatype: "INT64", data: Array.from(data, Number) };
  if (data instanceof Int32Array) return { datatype: "INT32", data: Array.from(data) };
  if (Array.isArray(data) && typeof data[0] === "string") return { datatype: "BYTES", data: [...data] };
  return { datatype: data instanceof Float64Array ? "FP64" : "FP32", data: Array.from(data, (v) => (Number.isFinite(v) ? v : null)) };
}

function reply(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

const server = createServer((req, res) => {
  if (req.method === "GET" && req.url === "/health") return reply(res, 200, { ok: true });
  if (req.method !== "POST" || req.url !== inferPath) return reply(res, 404, { error: "not found" });
  const chunks = [];
  let size = 0;
  req.on("data", (c) => {
    size += c.length;
    if (size > MAX_BODY) req.destroy();
    else chunks.push(c);
  });
  req.on("end", async () => {
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const out = await session.run(feeds(body));
      reply(res, 200, {
        model_name: name,
        model_version: "1",
        ...(body.id !== undefined ? { id: body.id } : {}),
        outputs: Object.entries(out).map(([k, t]) => ({ name: k, shape: [...t.dims], ...encode(t.data) })),
      });
    } catch (e) {
      reply(res, 400, { error: e instanceof Error ? e.message : String(e) });
    }
  });
});
// Node's defaults, as next start leaves them (keep-alive 5 s).
server.listen(Number(portArg), "127.0.0.1", () => console.log(`bare: listening on http://127.0.0.1:${portArg}${inferPath}`));
