import "server-only";
import type { CreateTokenRequest, CreatedTokenReply, TokenInfo } from "@/lib/api/token-requests";
import type { Store } from "@/lib/store/store";
import { AuthError } from "./auth-error";
import type { Principal } from "./principal";

/** What /api/tokens does for the signed-in user (tokens.own is checked by the route first): only one's own tokens. */

export function listMyTokens(store: Store, who: Principal): Promise<TokenInfo[]> {
  return store.users.listTokens(who.userId);
}

/**
 * Only from a session: a token minting tokens could outlive its own
 * revocation, and local mode has no account that could own one (its tokens
 * would keep admin rights after local mode ends).
 */
export function createMyToken(store: Store, who: Principal, req: CreateTokenRequest): Promise<CreatedTokenReply> {
  if (who.via === "token") throw new AuthError("forbidden", "forbidden: tokens are created from a signed-in session, not with another token");
  if (who.via === "local") throw new AuthError("forbidden", "forbidden: local mode has no account to own a token; create a user and sign in");
  return store.users.createToken(who.userId, req.name, req.scopes);
}

export function revokeMyToken(store: Store, who: Principal, tokenId: string): Promise<TokenInfo> {
  return store.users.revokeToken(who.userId, tokenId);
}
