import { describe, expect, it } from "vitest";
import { hashPassword, parsePasswordHash, SCRYPT_PARAMS, verifyNothing, verifyPassword } from "./passwords";

// RFC 7914 §12, fourth vector: scrypt("pleaseletmein", "SodiumChloride", N=16384, r=8, p=1, dkLen=64).
const RFC_KEY =
  "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887";
const b64url = (b: Buffer) => b.toString("base64url");
const RFC_HASH = `scrypt$16384$8$1$${b64url(Buffer.from("SodiumChloride"))}$${b64url(Buffer.from(RFC_KEY, "hex"))}`;

describe("password hashing", () => {
  it("agrees with the RFC 7914 test vector", async () => {
    expect(await verifyPassword("pleaseletmein", RFC_HASH)).toBe(true);
    expect(await verifyPassword("pleaseletmeout", RFC_HASH)).toBe(false);
  });

  it("writes scrypt$N$r$p$salt$hash with a 16-byte salt, a 32-byte key and N of at least 2^14", async () => {
    const h = await hashPassword("correct horse battery staple");
    expect(h).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    const parsed = parsePasswordHash(h);
    expect(parsed).toMatchObject({ N: SCRYPT_PARAMS.N, r: SCRYPT_PARAMS.r, p: SCRYPT_PARAMS.p });
    expect(parsed?.salt.length).toBe(16);
    expect(parsed?.key.length).toBe(32);
    expect(SCRYPT_PARAMS.N).toBeGreaterThanOrEqual(16384);
  });

  it("verifies the right password and refuses wrong ones", async () => {
    const h = await hashPassword("s3cret pass");
    expect(await verifyPassword("s3cret pass", h)).toBe(true);
    for (const wrong of ["s3cret pas", "s3cret pass ", "S3cret pass", ""]) expect(await verifyPassword(wrong, h)).toBe(false);
  });

  it("salts: the same password hashes differently each time, and both verify", async () => {
    const [a, b] = await Promise.all([hashPassword("same"), hashPassword("same")]);
    expect(a).not.toBe(b);
    expect(parsePasswordHash(a)?.salt.equals(parsePasswordHash(b)!.salt)).toBe(false);
    expect(await verifyPassword("same", a)).toBe(true);
    expect(await verifyPassword("same", b)).toBe(true);
  });

  it("treats composed and decomposed Unicode as the same password", async () => {
    const h = await hashPassword("caf\u00e9");
    expect(await verifyPassword("cafe\u0301", h)).toBe(true);
  });

  it("refuses hash strings that are not well-formed, and absurd costs", async () => {
    for (const bad of ["", "plain", "bcrypt$2$x$y$z$w", "scrypt$1000$8$1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5", `scrypt$${2 ** 24}$8$1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5`]) {
      expect(parsePasswordHash(bad)).toBeNull();
      expect(await verifyPassword("x", bad)).toBe(false);
    }
  });

  it("spends a real verification on unknown users and always says no", async () => {
    expect(await verifyNothing("anything")).toBe(false);
  });
});
