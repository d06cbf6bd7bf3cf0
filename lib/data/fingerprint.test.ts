import { describe, expect, it } from "vitest";
import { sha256Hex } from "./fingerprint";

// Reference digests: FIPS 180-2, Appendix B (SHA-256 examples) and the empty-string digest.
describe("sha256Hex", () => {
  it.each([
    ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    ["abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"],
  ])("digest of %j", async (text, hex) => {
    expect(await sha256Hex(new TextEncoder().encode(text))).toBe(hex);
  });

  it("changes when one byte changes", async () => {
    const a = new Uint8Array([1, 2, 3]);
    const b = new Uint8Array([1, 2, 4]);
    expect(await sha256Hex(a)).not.toBe(await sha256Hex(b));
  });
});

describe("sha256Hex over many chunks", () => {
  it("equals Node's own SHA-256 (node:crypto) for 9.5 MB of pseudo-random bytes", async () => {
    const { createHash } = await import("node:crypto");
    const bytes = new Uint8Array(9.5 * (1 << 20));
    let x = 2463534242;
    for (let i = 0; i < bytes.length; i++) {
      // xorshift32: reproducible bytes that cross every chunk boundary
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      bytes[i] = x & 0xff;
    }
    expect(await sha256Hex(bytes)).toBe(createHash("sha256").update(bytes).digest("hex"));
  });
});
