import "server-only";
import type { FlagForReviewResult } from "@/lib/api/labels";
import type { SendToReviewRequest } from "@/lib/api/monitoring";
import { modelTask } from "./model-task";
import type { Store } from "@/lib/store/store";
import { requestLog } from "./request-log";
import { wrongPredictions } from "./wrong-predictions";

/** Logged requests read to find wrong rows: enough for a day of feedback on a busy model. */
const SCAN_REQUESTS = 5000;

/** POST /api/models/{name}/review: wrong predictions (by feedback) into a project's review queue. */
export async function sendWrongToReview(store: Store, model: string, req: SendToReviewRequest, userId: string): Promise<FlagForReviewResult & { sent: number }> {
  const detail = await store.models.getModel(model);
  await requestLog(store).flush();
  const logged = await store.requests.withFeedback(model, new Date(Date.now() - req.minutes * 60_000), SCAN_REQUESTS);
  const rows = wrongPredictions(logged, { model, task: modelTask(detail), limit: req.limit, minError: req.minError });
  if (rows.length === 0) return { sent: 0, flagged: 0, added: 0 };
  const result = await store.labels.flagForReview(req.projectId, { items: rows.map(({ id, data, reason }) => ({ id, data, reason })) }, userId);
  return { sent: rows.length, ...result };
}
