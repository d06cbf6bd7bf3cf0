// A signed-in HTTP client for the benchmark: session cookie plus CSRF header, as the pages send them.
import { ORIGIN } from "../data/config.mjs";

export async function signIn(username, password) {
  const r = await fetch(`${ORIGIN}/api/auth/signin`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`sign in as ${username}: HTTP ${r.status} ${await r.text()}`);
  const cookie = r.headers.get("set-cookie").split(";")[0];
  const { csrfToken } = await r.json();
  const call = async (method, path, body, contentType = "application/json") => {
    const headers = { cookie, "x-lathe-csrf": csrfToken };
    if (body !== undefined) headers["content-type"] = contentType;
    const res = await fetch(`${ORIGIN}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return { status: res.status, headers: res.headers, json: () => JSON.parse(text), text };
  };
  return { cookie, csrfToken, call };
}

/** Nearest-rank percentile of `xs` (p in 0..100). */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
