import "server-only";
import { createHash, randomBytes } from "node:crypto";

/**
 * Bearer secrets: session ids, invite codes, API tokens. All are 256 bits from
 * the CSPRNG, so the database keeps only their SHA-256 (a slow hash adds
 * nothing against guessing 2^256); a leaked table reveals no usable secret.
 */

const SECRET_BYTES = 32;
/** API tokens start with this, so secret scanners and people can recognise them. */
export const API_TOKEN_PREFIX = "lathe_";
// 32 bytes in base64url without padding are 43 characters.
const API_TOKEN = /^lathe_[A-Za-z0-9_-]{43}$/;

export function newSecret(): string {
  return randomBytes(SECRET_BYTES).toString("base64url");
}

export function newApiToken(): string {
  return API_TOKEN_PREFIX + newSecret();
}

export function isApiTokenFormat(s: string): boolean {
  return API_TOKEN.test(s);
}

/** Lowercase hex SHA-256 of the secret's UTF-8 text: what the database stores and looks up. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
