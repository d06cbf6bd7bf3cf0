import "server-only";
import type { FeedbackRequest, FeedbackResult } from "@/lib/api/monitoring";
import { modelTask } from "./model-task";
import type { Store } from "@/lib/store/store";
import { requestLog } from "./request-log";

/** Stores ground truth for logged requests of a model (POST /api/models/{name}/feedback). */
export async function recordFeedback(store: Store, model: string, req: FeedbackRequest): Promise<FeedbackResult> {
  const detail = await store.models.getModel(model);
  // A request answered here a moment ago may still be in this instance's buffer.
  await requestLog(store).flush();
  return store.requests.recordFeedback(model, modelTask(detail), req);
}
