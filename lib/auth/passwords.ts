import "server-only";
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Password hashing with scrypt. The hash string carries its own parameters,
 * "scrypt$N$r$p$salt$hash" (salt and hash base64url), so raising the cost
 * later leaves existing hashes verifiable.
 */

/**
 * Cost N=2^15, r=8, p=1: 32 MiB and ≈ 0.16 s per hash on these machines (2
 * cores), twice OWASP's minimum (N=2^14). Sign-in pays it once per attempt.
 */
export const SCRYPT_PARAMS = { N: 32768, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Largest N accepted from a stored hash: a corrupted row must not make the server allocate gigabytes. */
const MAX_N = 1 << 20;

function derive(password: string, salt: Buffer, keyLength: number, o: { N: number; r: number; p: number }): Promise<Buffer> {
  // maxmem must exceed 128·N·r, or node refuses the parameters.
  const options: ScryptOptions = { N: o.N, r: o.r, p: o.p, maxmem: 256 * o.N * o.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFC"), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const { N, r, p } = SCRYPT_PARAMS;
  const key = await derive(password, salt, KEY_BYTES, SCRYPT_PARAMS);
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

interface ParsedHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

export function parsePasswordHash(stored: string): ParsedHash | null {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], "base64url");
  const key = Buffer.from(parts[5], "base64url");
  const powerOfTwo = Number.isInteger(N) && N > 1 && (N & (N - 1)) === 0;
  if (!powerOfTwo || N > MAX_N || !(r >= 1 && r <= 32) || !(p >= 1 && p <= 16)) return null;
  if (salt.length < 8 || key.length < 16) return null;
  return { N, r, p, salt, key };
}

/** False for a wrong password and for a hash string that is not ours. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parsePasswordHash(stored);
  if (h === null) return false;
  const key = await derive(password, h.salt, h.key.length, h);
  return timingSafeEqual(key, h.key);
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time of one real verification and returns false: used when the
 * username is unknown, so response time does not tell which usernames exist.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString("hex"));
  await verifyPassword(password, await dummy);
  return false;
}
