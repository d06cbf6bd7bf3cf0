import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { request, type APIRequestContext, type APIResponse } from "@playwright/test";
import type { ReferenceBatch } from "@/lib/api/models";
import { decodeModel, encodeModel } from "@/lib/onnx/proto";
import { exportedPenguinModel } from "../../test/serve/exported-model";
import { expect } from "../fixtures";

/**
 * Helpers for the serving fault journeys (serve-faults.spec.ts): app servers
 * of their own, started and killed at will, and model files to push.
 */

/** The first admin every fault server bootstraps, so requests need a session as on a team install. */
export const FAULT_ADMIN = { username: "faultadmin", password: "fault-admin-password" };

/** The model's gate checks, all of which a good push passes. */
export const GATE_CHECKS = ["size", "parses", "operators", "interface", "loads", "reference", "champion"];

export interface AppServer {
  base: string;
  proc: ChildProcess;
  /** The server's stdout and stderr so far, for failure messages. */
  output(): string;
  /** Still running: no exit, no signal. */
  alive(): boolean;
  /** SIGKILL, then waits for the exit; idempotent. */
  kill(): Promise<void>;
}

/** The Next.js server itself (not an npx wrapper), so SIGKILL hits the process that holds the store. */
export function startApp(port: number, env: Record<string, string>): AppServer {
  const proc = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      LATHE_HOST: "127.0.0.1",
      LATHE_ADMIN_USERNAME: FAULT_ADMIN.username,
      LATHE_ADMIN_PASSWORD: FAULT_ADMIN.password,
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
  });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  proc.stdout?.on("data", keep);
  proc.stderr?.on("data", keep);
  const alive = () => proc.exitCode === null && proc.signalCode === null;
  return {
    base: `http://localhost:${port}`,
    proc,
    output: () => log,
    alive,
    async kill() {
      if (!alive()) return;
      const exited = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGKILL");
      await exited;
    },
  };
}

export async function waitHealthy(app: AppServer): Promise<void> {
  const api = await request.newContext({ baseURL: app.base });
  try {
    await expect
      .poll(async () => (app.alive() ? ((await api.get("/api/health").catch(() => null))?.status() ?? 0) : -1), { timeout: 90_000, intervals: [250], message: `server ${app.base} healthy:\n${app.output()}` })
      .toBe(200);
  } finally {
    await api.dispose();
  }
}

export interface Client {
  /** An admin session: registry reads and mutations. */
  api: APIRequestContext;
  /** The session's CSRF header, which every mutation by session carries. */
  headers: Record<string, string>;
  /** A program holding a token with the inference scope only, as a model's callers do. */
  infer: APIRequestContext;
  dispose(): Promise<void>;
}

/** Signs in as the admin on `app` and makes an inference token there. */
export async function signIn(app: AppServer): Promise<Client> {
  const api = await request.newContext({ baseURL: app.base });
  const res = await api.post("/api/auth/signin", { data: FAULT_ADMIN });
  expect(res.status(), `sign in on ${app.base}: ${await res.text()}`).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const headers = { "x-lathe-csrf": csrfToken };
  const made = await api.post("/api/tokens", { headers, data: { name: "fault-inference", scopes: ["inference"] } });
  expect(made.status(), `inference token on ${app.base}: ${await made.text()}`).toBe(201);
  const { token } = (await made.json()) as { token: string };
  const infer = await request.newContext({ baseURL: app.base, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  return { api, headers, infer, dispose: async () => void (await Promise.all([api.dispose(), infer.dispose()])) };
}

/** The penguins softmax model as the export check writes it (fp32) with its reference batch. */
export async function penguinFile(): Promise<{ bytes: Uint8Array; reference: ReferenceBatch }> {
  const e = await exportedPenguinModel();
  return { bytes: e.files.fp32, reference: e.references.fp32 };
}

/**
 * The same model with one more metadata entry: other bytes (another SHA-256,
 * another version) with the same graph and answers, so the gate blesses it
 * and its champion check compares equal metrics.
 */
export function variant(bytes: Uint8Array, i: number): Uint8Array {
  const m = decodeModel(bytes);
  m.metadata_props.push({ key: "lathe.e2e_variant", value: String(i) });
  return encodeModel(m);
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function pushBody(bytes: Uint8Array, reference: ReferenceBatch, note: string) {
  return { onnx: Buffer.from(bytes).toString("base64"), reference, note };
}

/** The v2 infer request for the reference batch's inputs. */
export function inferBody(reference: ReferenceBatch) {
  return { id: "fault", inputs: reference.inputs.map((t) => ({ name: t.name, shape: t.shape, datatype: t.datatype, data: t.data })) };
}

/** Asserts a v2 infer reply: 200, answered by `version`, with the reference's probabilities (|Δ| < 1e-5). */
export async function expectInferAnswer(res: APIResponse, reference: ReferenceBatch, version: number, what: string): Promise<void> {
  const text = await res.text();
  expect(res.status(), `${what}: ${text}`).toBe(200);
  const body = JSON.parse(text) as { model_version: string; outputs: { name: string; data: number[] }[] };
  expect(body.model_version, what).toBe(String(version));
  const got = body.outputs.find((o) => o.name === "probabilities")?.data ?? [];
  const want = reference.outputs.find((o) => o.name === "probabilities")!.data as number[];
  expect(got, what).toHaveLength(want.length);
  got.forEach((v, i) => expect(Math.abs(v - want[i]), `${what}: probability ${i}`).toBeLessThan(1e-5));
}
