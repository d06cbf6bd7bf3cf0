"use client";
import { useCallback, useRef, useState } from "react";
import type { DatasetVersion } from "@/lib/data/dataset";
import type { Db } from "@/lib/data/db";
import type { Known } from "@/lib/data/derived-tables";
import { errorMessage } from "@/lib/data/errors";
import * as persist from "./persist";
import { isHeldOutTableName } from "@/lib/eval/held-out-name";

// Not needed to draw the page: fetched when DuckDB is up (with its snapshot code and Arrow decoding).
const derivedTables = () => import("@/lib/data/derived-tables");

/** Names a dataset owns: its view and every version's table. */
function datasetNames(catalog: readonly DatasetVersion[]): Set<string> {
  return new Set(catalog.flatMap((v) => [v.name, v.physical]));
}

/** Relations that are not the person's SQL work: datasets (replayed from their files) and evaluation tables (rebuilt by evaluating). */
function notSqlWork(catalog: readonly DatasetVersion[]): (name: string) => boolean {
  const datasets = datasetNames(catalog);
  return (name) => datasets.has(name) || isHeldOutTableName(name);
}

/** Per table or view made in SQL: kept across reloads, or why not. */
export type DerivedStatus = Record<string, { kept: true } | { kept: false; reason: string }>;

/**
 * Keeps the tables and views made in SQL cells across reloads (see
 * lib/data/derived-tables.ts) and tracks, per name, whether it is kept.
 */
export function useDerived(report: (problem: string) => void) {
  const [status, setStatus] = useState<DerivedStatus>({});
  const known = useRef<Known>(new Map());

  /** After a SQL cell ran `source`. Runs in the workbench's serial queue, so no load is half-made. */
  const keep = useCallback(
    async (db: Db, catalog: readonly DatasetVersion[], source: string) => {
      try {
        const { syncDerived } = await derivedTables();
        const r = await syncDerived(db, persist.derivedStore, known.current, notSqlWork(catalog), source);
        setStatus((old) => {
          const next = { ...old };
          for (const name of r.removed) delete next[name];
          for (const name of r.kept) next[name] = { kept: true };
          for (const { name, reason } of r.notKept) next[name] = { kept: false, reason };
          return next;
        });
      } catch (err) {
        report(`Tables made in SQL may not survive a reload: ${errorMessage(err)}`);
      }
    },
    [report],
  );

  /** At start, after the datasets: returns problems in words, for the restore notice. */
  const restore = useCallback(async (db: Db, catalog: readonly DatasetVersion[]): Promise<string[]> => {
    try {
      const { knownFrom, restoreDerived } = await derivedTables();
      const kept = await persist.derivedStore.list();
      const { restored, problems } = await restoreDerived(db, kept, datasetNames(catalog));
      known.current = knownFrom(kept, restored);
      setStatus(Object.fromEntries(restored.map((name) => [name, { kept: true } as const])));
      return problems;
    } catch (err) {
      return [`tables made in SQL: ${errorMessage(err)}`];
    }
  }, []);

  return { status, keep, restore };
}
