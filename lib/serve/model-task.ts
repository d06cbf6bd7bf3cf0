import type { ModelDetail, ModelVersion } from "@/lib/api/models";
import { META } from "@/lib/onnx/export";

/** How served predictions are judged: labels (binary and multiclass alike) or values. */
export type ServedTask = "classification" | "regression";

/** A version's task from its file's metadata. */
export function versionTask(v: ModelVersion): ServedTask {
  return v.metadata[META.task] === "regression" ? "regression" : "classification";
}

/** A model's task: its champion's, else its latest version's (versions of one model share a task). */
export function modelTask(detail: ModelDetail): ServedTask {
  const champion = detail.versions.find((v) => v.version === detail.aliases.champion);
  return versionTask(champion ?? detail.versions[detail.versions.length - 1]);
}
