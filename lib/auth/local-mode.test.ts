import { describe, expect, it } from "vitest";
import { isLocalMode, isLoopbackHost, listenHost } from "./local-mode";

describe("local mode", () => {
  it.each([
    [undefined, true],
    ["127.0.0.1", true],
    ["127.1.2.3", true],
    ["127.0.0.1:3000", true],
    ["::1", true],
    ["[::1]", true],
    ["[::1]:3000", true],
    ["::ffff:127.0.0.1", true],
    ["localhost", true],
    ["LOCALHOST:3000", true],
    ["app.localhost", true],
    ["0.0.0.0", false],
    ["::", false],
    ["192.168.1.10", false],
    ["128.0.0.1", false],
    ["127.0.0.256", false],
    ["localhost.evil.example", false],
    ["lathe.example.org", false],
  ])("listen host %s is loopback: %s", (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  it("reads LATHE_HOST; blank counts as unset", () => {
    expect(listenHost({})).toBeUndefined();
    expect(listenHost({ LATHE_HOST: "  " })).toBeUndefined();
    expect(listenHost({ LATHE_HOST: "0.0.0.0" })).toBe("0.0.0.0");
  });

  // The decision table: on only when all three hold.
  it.each([
    // listenHost, userCount, requestHost, local mode
    [undefined, 0, "localhost:3000", true],
    ["127.0.0.1", 0, "127.0.0.1:3000", true],
    ["::1", 0, "[::1]:3000", true],
    ["127.0.0.1", 1, "localhost:3000", false],
    [undefined, 5, "localhost:3000", false],
    ["0.0.0.0", 0, "localhost:3000", false],
    ["192.168.1.10", 0, "192.168.1.10:3000", false],
    // DNS rebinding: a loopback server reached under a foreign name.
    ["127.0.0.1", 0, "evil.example:3000", false],
  ])("listen %s, %i users, Host %s → %s", (listen, userCount, requestHost, expected) => {
    expect(isLocalMode({ listenHost: listen, userCount, requestHost })).toBe(expected);
  });
});
