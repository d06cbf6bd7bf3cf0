"use client";
import { useCallback, useEffect, useState } from "react";
import type { BrowserDb } from "@/components/data/duckdb-client";
import { useWorkbench } from "@/components/data/workbench";
import type { RegisterRun, RunState } from "./run-state";

/**
 * The run lifecycle every computing cell shares: refuse while the engine
 * starts, track running / ready / error, and register with "Run all".
 * `work` must be memoised by the caller (useCallback) on what it reads.
 */
export function useCellRun<T>(id: string, register: RegisterRun, work: (db: BrowserDb) => Promise<T>) {
  const wb = useWorkbench();
  const [run, setRun] = useState<RunState<T>>({ kind: "idle" });
  const execute = useCallback(async () => {
    if (wb.state.kind !== "ready") {
      setRun({ kind: "error", message: "The data engine is still starting; run the cell again in a moment." });
      return;
    }
    setRun({ kind: "running", startedAt: performance.now() });
    try {
      setRun({ kind: "ready", value: await work(wb.state.db) });
    } catch (err) {
      setRun({ kind: "error", message: err instanceof Error ? err.message : String(err) });
    }
  }, [wb.state, work]);

  useEffect(() => {
    register(id, execute);
    return () => register(id, null);
  }, [register, id, execute]);

  return [run, execute] as const;
}
