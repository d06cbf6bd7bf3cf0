import { z } from "zod";
import { notebookSchema, saveNotebookRequestSchema } from "./notebook";

/**
 * Bodies and replies of /api/notebooks, beyond the document schemas in
 * notebook.ts. Shared by the page (to parse replies) and the route handlers.
 */

/** POST /api/notebooks: a first save, so there is no revision to start from. */
export const createNotebookRequestSchema = z.object({
  notebook: notebookSchema,
  baseRevision: z.never({ error: "not allowed when creating; PUT /api/notebooks/{id} updates" }).optional(),
});

/** PUT /api/notebooks/{id}: must name the revision the edit started from. */
export const updateNotebookRequestSchema = saveNotebookRequestSchema.required({ baseRevision: true });
export type UpdateNotebookRequest = z.infer<typeof updateNotebookRequestSchema>;

export const notebookSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  revision: z.number().int().positive(),
  /** ISO 8601, UTC. */
  updatedAt: z.string(),
});
export type NotebookSummary = z.infer<typeof notebookSummarySchema>;

/** GET /api/notebooks, newest first. */
export const notebookListSchema = z.object({ notebooks: z.array(notebookSummarySchema) });
export type NotebookList = z.infer<typeof notebookListSchema>;
