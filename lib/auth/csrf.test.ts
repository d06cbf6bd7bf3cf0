import { describe, expect, it } from "vitest";
import { AuthError } from "./auth-error";
import { checkCsrf, checkOrigin, CSRF_HEADER, isMutating, requestHost } from "./csrf";

function req(headers: Record<string, string>, url = "http://localhost:3000/api/x", method = "POST") {
  return new Request(url, { method, headers });
}

function refusal(fn: () => void): AuthError | null {
  try {
    fn();
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(AuthError);
    return e as AuthError;
  }
}

describe("CSRF and Origin checks", () => {
  it.each([
    ["GET", false],
    ["HEAD", false],
    ["OPTIONS", false],
    ["get", false],
    ["POST", true],
    ["PUT", true],
    ["PATCH", true],
    ["DELETE", true],
  ])("%s mutating: %s", (method, expected) => {
    expect(isMutating(method)).toBe(expected);
  });

  it("reads the host from the Host header, else from the URL", () => {
    expect(requestHost(req({ host: "Example.org:8080" }))).toBe("example.org:8080");
    expect(requestHost(req({}))).toBe("localhost:3000");
  });

  it.each([
    // [Origin, Host, allowed]
    [null, "localhost:3000", true],
    ["http://localhost:3000", "localhost:3000", true],
    ["https://lathe.example.org", "lathe.example.org", true],
    ["http://LOCALHOST:3000", "localhost:3000", true],
    ["http://localhost:3001", "localhost:3000", false],
    ["http://evil.example", "localhost:3000", false],
    ["http://localhost:3000.evil.example", "localhost:3000", false],
    ["null", "localhost:3000", false],
    ["not a url", "localhost:3000", false],
  ])("Origin %s with Host %s → allowed %s", (origin, host, allowed) => {
    const headers: Record<string, string> = { host };
    if (origin !== null) headers.origin = origin;
    const err = refusal(() => checkOrigin(req(headers)));
    expect(err === null).toBe(allowed);
    if (err) expect(err.code).toBe("forbidden");
  });

  it("accepts the public host a reverse proxy names in X-Forwarded-Host", () => {
    const proxied = req({ host: "127.0.0.1:3000", origin: "https://lathe.example.org", "x-forwarded-host": "lathe.example.org" });
    expect(refusal(() => checkOrigin(proxied))).toBeNull();
    const other = req({ host: "127.0.0.1:3000", origin: "https://evil.example", "x-forwarded-host": "lathe.example.org" });
    expect(refusal(() => checkOrigin(other))?.code).toBe("forbidden");
  });

  it("needs the session's token in x-lathe-csrf", () => {
    const token = "tok-123";
    expect(refusal(() => checkCsrf(req({ [CSRF_HEADER]: token }), token))).toBeNull();
    const missing = refusal(() => checkCsrf(req({}), token));
    expect(missing?.code).toBe("forbidden");
    expect(missing?.message).toMatch(/^csrf: missing x-lathe-csrf/);
    expect(refusal(() => checkCsrf(req({ [CSRF_HEADER]: "" }), token))?.code).toBe("forbidden");
    expect(refusal(() => checkCsrf(req({ [CSRF_HEADER]: "tok-124" }), token))?.message).toMatch(/^csrf: .* does not match/);
    expect(refusal(() => checkCsrf(req({ [CSRF_HEADER]: "tok-1234" }), token))?.code).toBe("forbidden");
  });
});
