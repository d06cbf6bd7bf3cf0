import { describe, expect, it } from "vitest";
import { clearedSessionCookie, isHttps, readCookie, SESSION_COOKIE, sessionCookie } from "./session-cookie";

describe("session cookie", () => {
  it("reads one cookie out of a Cookie header", () => {
    expect(readCookie("a=1; lathe_session=abc_-9; b=2", SESSION_COOKIE)).toBe("abc_-9");
    expect(readCookie("lathe_session_old=x; lathe_session=y", SESSION_COOKIE)).toBe("y");
    expect(readCookie('lathe_session="q"', SESSION_COOKIE)).toBe("q");
    expect(readCookie("x=%41", "x")).toBe("A");
    expect(readCookie("a=1", SESSION_COOKIE)).toBeNull();
    expect(readCookie(null, SESSION_COOKIE)).toBeNull();
  });

  it("is HttpOnly, SameSite=Lax, Path=/, 14 days, Secure only over https", () => {
    const http = sessionCookie("tok", new Request("http://localhost:3000/api/auth/signin"));
    expect(http).toBe("lathe_session=tok; Path=/; HttpOnly; SameSite=Lax; Max-Age=1209600");
    const https = sessionCookie("tok", new Request("https://lathe.example.org/api/auth/signin"));
    expect(https).toMatch(/; Secure$/);
    const proxied = new Request("http://10.0.0.2:3000/api/auth/signin", { headers: { "x-forwarded-proto": "https" } });
    expect(isHttps(proxied)).toBe(true);
    expect(clearedSessionCookie(new Request("http://localhost/"))).toBe("lathe_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
  });
});
