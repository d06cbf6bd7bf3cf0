import { describe, expect, it } from "vitest";
import { hashSecret, isApiTokenFormat, newApiToken, newSecret } from "./secrets";

describe("secrets", () => {
  it("are 256 bits of base64url, different each time", () => {
    const a = newSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, "base64url").length).toBe(32);
    expect(new Set(Array.from({ length: 100 }, newSecret)).size).toBe(100);
  });

  it("API tokens are lathe_ plus a secret, and are recognised by shape", () => {
    const t = newApiToken();
    expect(t).toMatch(/^lathe_[A-Za-z0-9_-]{43}$/);
    expect(isApiTokenFormat(t)).toBe(true);
    for (const bad of ["", "lathe_", t.slice(0, -1), `${t}x`, t.replace("lathe_", "lath_"), `lathe_${"!".repeat(43)}`]) {
      expect(isApiTokenFormat(bad)).toBe(false);
    }
  });

  it("are stored as lowercase hex SHA-256 (FIPS 180-2 reference values)", () => {
    expect(hashSecret("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashSecret("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});
