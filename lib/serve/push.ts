import "server-only";
import { createHash } from "node:crypto";
import type { ModelVersion, PushRequest } from "@/lib/api/models";
import { RequestError } from "@/lib/api/http";
import type { Store } from "@/lib/store/store";
import { runGate } from "./gate";
import { nodeGateRuntime } from "./onnx-node";

/**
 * A push: the file is decoded, hashed (SHA-256: the version's content
 * address), judged by the gate against the model's current champion, and
 * stored with its verdict. A vetoed version is kept, so its reasons can be
 * read, but can never receive traffic. The same bytes pushed again return
 * the version already stored.
 */
export async function pushVersion(store: Store, model: string, req: PushRequest, userId: string): Promise<{ version: ModelVersion; created: boolean }> {
  const bytes = decodeBase64(req.onnx);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  // No champion is null; a store that cannot say is an error: judged without
  // the champion, a worse version would pass the metric check.
  const championVersion = await store.models.aliasVersion(model, "champion");
  const champion = championVersion === null ? null : (await store.models.modelFile(model, championVersion)).metadata;
  const { verdict, metadata } = await runGate(nodeGateRuntime, { bytes, reference: req.reference, champion });
  const runId = metadata["lathe.run_id"] || null;
  return store.models.pushVersion({ model, bytes, sha256, metadata, reference: req.reference, verdict, runId, note: req.note }, userId);
}

function decodeBase64(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new RequestError("invalid", "onnx: not base64", "onnx");
  return new Uint8Array(Buffer.from(text, "base64"));
}
