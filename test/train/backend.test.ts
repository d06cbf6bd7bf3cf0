import { describe, expect, it } from "vitest";
import { chooseBackend, type BackendProbe } from "@/lib/train/backend";

const probe = (name: BackendProbe["name"], ok: boolean, extra: Partial<BackendProbe> = {}): BackendProbe => ({ name, ok, adapter: null, fallback: false, error: ok ? null : "failed", ...extra });

describe("backend choice", () => {
  it("takes the first that works, WebGPU first", () => {
    expect(chooseBackend([probe("webgpu", true, { adapter: "NVIDIA" }), probe("webgl", true), probe("wasm", true), probe("cpu", true)], "auto")).toMatchObject({ name: "webgpu", adapter: "NVIDIA" });
    expect(chooseBackend([probe("webgpu", false), probe("webgl", false), probe("wasm", true), probe("cpu", true)], "auto").name).toBe("wasm");
    expect(chooseBackend([probe("webgpu", false), probe("webgl", false), probe("wasm", false), probe("cpu", true)], "auto").name).toBe("cpu");
  });

  it("prefers WASM over a software-fallback WebGPU adapter, and says so", () => {
    const c = chooseBackend([probe("webgpu", true, { fallback: true, adapter: "SwiftShader" }), probe("webgl", false), probe("wasm", true), probe("cpu", true)], "auto");
    expect(c).toEqual({ name: "wasm", adapter: null, note: "WebGPU's adapter is a software fallback (SwiftShader); WASM is faster here" });
  });

  it("prefers WASM over a software WebGL renderer too, naming both software adapters", () => {
    const c = chooseBackend([probe("webgpu", true, { fallback: true, adapter: "SwiftShader" }), probe("webgl", true, { fallback: true, adapter: "ANGLE (SwiftShader)" }), probe("wasm", true), probe("cpu", true)], "auto");
    expect(c).toEqual({ name: "wasm", adapter: null, note: "WebGPU's adapter is a software fallback (SwiftShader); WebGL's renderer is a software fallback (ANGLE (SwiftShader)); WASM is faster here" });
    // A hardware WebGL renderer is still taken over WASM.
    expect(chooseBackend([probe("webgpu", false), probe("webgl", true, { adapter: "ANGLE (NVIDIA)" }), probe("wasm", true), probe("cpu", true)], "auto")).toMatchObject({ name: "webgl" });
    // Only software GPUs and nothing else: the software GPU rather than nothing.
    expect(chooseBackend([probe("webgpu", false), probe("webgl", true, { fallback: true, adapter: "llvmpipe" }), probe("wasm", false), probe("cpu", false)], "auto")).toMatchObject({ name: "webgl" });
  });

  it("honours the user's choice when it works, and explains the substitute when it does not", () => {
    const probes = [probe("webgpu", true, { fallback: true, adapter: "SwiftShader" }), probe("webgl", false, { error: "no OffscreenCanvas" }), probe("wasm", true), probe("cpu", true)];
    expect(chooseBackend(probes, "cpu")).toMatchObject({ name: "cpu", note: "chosen by the user" });
    expect(chooseBackend(probes, "webgpu")).toMatchObject({ name: "webgpu" });
    expect(chooseBackend(probes, "webgl")).toMatchObject({ name: "wasm", note: expect.stringMatching(/^webgl did not start \(no OffscreenCanvas\); wasm instead/) });
  });

  it("fails with every backend's reason when none works", () => {
    expect(() => chooseBackend([probe("webgpu", false), probe("cpu", false, { error: "broken" })], "auto")).toThrow(/cpu: broken/);
  });
});
