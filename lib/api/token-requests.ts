import { z } from "zod";
import { SCOPES } from "@/lib/auth/roles";

/** Bodies and replies of /api/tokens, shared by the route handlers and the tokens page. */

export const createTokenRequestSchema = z.strictObject({
  name: z.string().trim().min(1, "give the token a name").max(100),
  scopes: z.array(z.enum(SCOPES)).min(1, "pick at least one scope"),
});
export type CreateTokenRequest = z.infer<typeof createTokenRequestSchema>;

export const tokenSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(SCOPES)),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TokenInfo = z.infer<typeof tokenSummarySchema>;

export const tokenListSchema = z.object({ tokens: z.array(tokenSummarySchema) });

/** `token` appears in this reply only; the server keeps its hash. */
export const createdTokenSchema = z.object({ token: z.string(), summary: tokenSummarySchema });
export type CreatedTokenReply = z.infer<typeof createdTokenSchema>;
