/**
 * Local mode: a newcomer runs `npm start` on their own machine and uses
 * everything at once, as a built-in local admin, with no sign-in. It holds
 * only while nobody else can reach the server (it listens on loopback) and no
 * accounts exist; creating the first user, or listening on another address,
 * ends it and every page and route then needs sign-in.
 */

/** The environment variables read here (process.env by default; tests pass plain objects). */
export type Env = Readonly<Record<string, string | undefined>>;

/** Where the server listens: LATHE_HOST, set by scripts/start.mjs from HOST. Unset means the loopback default. */
export function listenHost(env: Env = process.env): string | undefined {
  const h = env.LATHE_HOST?.trim();
  return h ? h : undefined;
}

/** 127.0.0.0/8, ::1 (bracketed or not, with or without a port) and localhost names. Unset counts as loopback. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return true;
  let h = host.trim().toLowerCase();
  if (h.startsWith("[")) h = h.slice(1, h.indexOf("]") < 0 ? undefined : h.indexOf("]"));
  else if (h.split(":").length === 2) h = h.split(":")[0];
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (h === "::1" || h === "0:0:0:0:0:0:0:1") return true;
  if (h.startsWith("::ffff:")) h = h.slice("::ffff:".length);
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && m.slice(1).every((o) => Number(o) <= 255);
}

export interface LocalModeInput {
  /** LATHE_HOST: the address the server listens on. */
  listenHost: string | undefined;
  /** Accounts other than the built-in local admin. */
  userCount: number;
  /**
   * The Host header of this request. A loopback server can still be reached
   * under another name by DNS rebinding (a web page whose domain resolves to
   * 127.0.0.1); refusing non-loopback names keeps such pages out.
   */
  requestHost: string;
}

export function isLocalMode(i: LocalModeInput): boolean {
  return isLoopbackHost(i.listenHost) && i.userCount === 0 && isLoopbackHost(i.requestHost);
}
