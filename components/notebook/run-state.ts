/** The lifecycle of one cell run: idle until run, then running, then ready or error. */
export type RunState<T> = { kind: "idle" } | { kind: "running"; startedAt: number } | { kind: "ready"; value: T } | { kind: "error"; message: string };

export function assertNever(x: never): never {
  throw new Error(`unexpected state: ${JSON.stringify(x)}`);
}

/** Cells register their run function so "Run all" can run them in order. */
export type RegisterRun = (id: string, run: (() => Promise<void>) | null) => void;
