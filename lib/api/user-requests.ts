import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { passwordSchema } from "./auth-requests";

/** Bodies and replies of /api/users, shared by the route handlers and the admin page. */

export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "letters, digits, dot, dash or underscore, starting with a letter or digit (at most 64)");

export const createUserRequestSchema = z.strictObject({
  username: usernameSchema,
  displayName: z.string().trim().max(100).default(""),
  role: z.enum(ROLES),
  /** Absent: the user is invited and sets their own password with the invite code. */
  password: passwordSchema.optional(),
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const patchUserRequestSchema = z
  .strictObject({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() })
  .refine((r) => r.role !== undefined || r.disabled !== undefined, { message: "name role or disabled (or both)" });
export type PatchUserRequest = z.infer<typeof patchUserRequestSchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  invitePending: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const userListSchema = z.object({ users: z.array(userSchema) });

/** With an invite, `inviteCode` is shown once; `inviteUrl` is the page where it is used. */
export const createUserResponseSchema = z.object({
  user: userSchema,
  inviteCode: z.string().optional(),
  inviteUrl: z.string().optional(),
  inviteExpiresAt: z.string().optional(),
});
export type CreateUserResponse = z.infer<typeof createUserResponseSchema>;
