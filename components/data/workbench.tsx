"use client";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { DatasetVersion } from "@/lib/data/dataset";
import { queryRows } from "@/lib/data/db";
import { quoteLiteral } from "@/lib/data/sql";
import { RESULT_TABLE_PREFIX } from "@/lib/notebook/run-sql";
import { openBrowserDb, type BrowserDb } from "./duckdb-client";
import { errorMessage } from "@/lib/data/errors";
import { dropVersion, ingest, restoreVersions, type LoadRequest, type LoadStage } from "@/lib/data/ingest";
import { DEFAULT_LOAD_FORM, loadOptions, type LoadForm } from "@/lib/data/load-form";
import { readPickedFile } from "@/lib/data/read-file";
import * as persist from "./persist";
import { decodeInWorker } from "./decode-client";
import { FIRST_VISIT_SAMPLES, SAMPLES } from "./samples";
import { useDerived, type DerivedStatus } from "./use-derived";

/** The page's data engine and datasets, shared by the data panel and every cell. */
export type DbState = { kind: "loading"; message: string } | { kind: "ready"; db: BrowserDb } | { kind: "error"; message: string };
export type Notice = { kind: "error" | "info"; text: string } | null;
export interface Relation {
  name: string;
  type: "table" | "view";
}

export interface Workbench {
  state: DbState;
  catalog: DatasetVersion[];
  relations: Relation[];
  /** The load in progress, for the progress line and its Cancel button. */
  loading: { fileName: string; stage: LoadStage | "queued"; cancel(): void } | null;
  notice: Notice;
  setNotice(n: Notice): void;
  /** The "Load options" form, applied to every file however it arrives. */
  loadForm: LoadForm;
  setLoadForm(f: LoadForm): void;
  /** Loads a user's file with the load options. */
  loadFile(file: File): Promise<DatasetVersion | null>;
  load(req: LoadRequest): Promise<DatasetVersion | null>;
  /**
   * Registers bytes as a new dataset version the way a load does (listed,
   * kept for reload, queryable by SQL), but throws instead of setting the
   * notice: for cells that report in place (the predict cell's output table).
   */
  addTable(req: LoadRequest): Promise<DatasetVersion>;
  loadSample(file: string, options?: { quiet?: boolean }): Promise<DatasetVersion | null>;
  deleteVersion(v: DatasetVersion): Promise<void>;
  refreshRelations(): Promise<void>;
  /** After a SQL cell ran: keeps the tables and views it made or changed for reloads. */
  keepDerived(source: string): Promise<void>;
  derived: DerivedStatus;
}

const Ctx = createContext<Workbench | null>(null);

export function useWorkbench(): Workbench {
  const wb = useContext(Ctx);
  if (!wb) throw new Error("useWorkbench outside WorkbenchProvider");
  return wb;
}

export function WorkbenchProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<DbState>({ kind: "loading", message: "Starting DuckDB…" });
  const [catalog, setCatalog] = useState<DatasetVersion[]>([]);
  const [relations, setRelations] = useState<Relation[]>([]);
  const [loading, setLoading] = useState<Workbench["loading"]>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [firstVisit, setFirstVisit] = useState(false);
  const [loadForm, setLoadForm] = useState<LoadForm>(DEFAULT_LOAD_FORM);
  const catalogRef = useRef<DatasetVersion[]>([]);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const derived = useDerived(useCallback((text: string) => setNotice({ kind: "error", text }), []));

  const refreshRelationsOf = useCallback(async (db: BrowserDb) => {
    // Cell results live in temp tables of their own; users never pick them.
    const rows = await queryRows(
      db,
      `SELECT table_name AS name, table_type AS type FROM information_schema.tables WHERE table_schema = 'main' AND NOT starts_with(table_name, ${quoteLiteral(RESULT_TABLE_PREFIX)}) ORDER BY table_name`,
    );
    setRelations(rows.map((r) => ({ name: String(r.name), type: String(r.type).toUpperCase().includes("VIEW") ? "view" : "table" })));
  }, []);

  const setCat = useCallback((c: DatasetVersion[]) => {
    catalogRef.current = c;
    setCatalog(c);
    // The run pages read which versions are loaded without starting DuckDB.
    void persist.setValue(persist.CATALOG_KEY, c.map(({ name, version, fingerprint }) => ({ name, version, fingerprint }))).catch(() => undefined);
  }, []);

  const refreshRelations = useCallback(() => (state.kind === "ready" ? refreshRelationsOf(state.db) : Promise.resolve()), [state, refreshRelationsOf]);

  // Loads run one at a time: a second drop waits for the first, so version numbers never race.
  const serial = useCallback(<T,>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.current.then(fn, fn);
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  /**
   * Ingests into DuckDB, adds the version to the catalog and saves it for
   * reloads; a failed save leaves the table loaded and says it will not
   * survive a reload. Throws what ingest throws. Runs inside serial().
   */
  const ingestAndKeep = useCallback(
    async (db: Extract<typeof state, { kind: "ready" }>["db"], req: LoadRequest): Promise<{ v: DatasetVersion; saved: boolean }> => {
      try {
        const v = await ingest(db, catalogRef.current, req, decodeInWorker);
        setCat([...catalogRef.current, v]);
        try {
          await persist.saveDataset({ physical: v.physical, record: v, bytes: req.bytes });
        } catch (err) {
          setNotice({ kind: "error", text: `${v.name} is loaded but will not survive a reload: ${errorMessage(err)}` });
          return { v, saved: false };
        }
        return { v, saved: true };
      } finally {
        await refreshRelationsOf(db).catch(() => undefined);
      }
    },
    [refreshRelationsOf, setCat],
  );

  /** `quiet`: a load nobody asked for (the first visit's samples) says nothing, so it cannot replace a notice the person is reading. */
  const load = useCallback(
    (req: LoadRequest, { quiet = false }: { quiet?: boolean } = {}) =>
      serial(async () => {
        if (state.kind !== "ready") {
          setNotice({ kind: "error", text: `${req.fileName}: the data engine is not ready yet; wait a moment and try again` });
          return null;
        }
        const controller = new AbortController();
        const progress = (stage: LoadStage | "queued") => setLoading({ fileName: req.fileName, stage, cancel: () => controller.abort() });
        progress("queued");
        if (!quiet) setNotice(null);
        try {
          const { v, saved } = await ingestAndKeep(state.db, { ...req, signal: controller.signal, onStage: progress });
          if (saved && !quiet) setNotice({ kind: "info", text: `Loaded ${req.fileName} as ${v.name}${v.version > 1 ? ` (version ${v.version})` : ""}: ${v.rows.toLocaleString("en-US")} rows` });
          return v;
        } catch (err) {
          setNotice({ kind: "error", text: errorMessage(err) });
          return null;
        } finally {
          setLoading(null);
        }
      }),
    [state, serial, ingestAndKeep],
  );

  const addTable = useCallback(
    (req: LoadRequest) =>
      serial(async () => {
        if (state.kind !== "ready") throw new Error(`${req.fileName}: the data engine is not ready yet; wait a moment and try again`);
        return (await ingestAndKeep(state.db, req)).v;
      }),
    [state, serial, ingestAndKeep],
  );

  const keepDerived = useCallback(
    (source: string) => serial(async () => (state.kind === "ready" ? derived.keep(state.db, catalogRef.current, source) : undefined)),
    [state, serial, derived.keep],
  );

  const loadFile = useCallback(
    async (file: File) => {
      let options;
      try {
        options = loadOptions(loadForm);
      } catch (err) {
        setNotice({ kind: "error", text: `${file.name}: ${errorMessage(err)}` });
        return null;
      }
      let bytes;
      try {
        bytes = await readPickedFile(file, options.maxBytes);
      } catch (err) {
        setNotice({ kind: "error", text: errorMessage(err) });
        return null;
      }
      return load({ fileName: file.name, bytes, ...options });
    },
    [load, loadForm],
  );

  const loadSample = useCallback(
    async (file: string, options: { quiet?: boolean } = {}) => {
      const sample = SAMPLES.find((s) => s.file === file);
      try {
        const res = await fetch(`/samples/${file}`);
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const bytes = new Uint8Array(await res.arrayBuffer());
        return await load({ fileName: file, bytes, tableName: sample?.table }, options);
      } catch (err) {
        setNotice({ kind: "error", text: `${file}: could not fetch the sample (${errorMessage(err)}); run npm start again to restore public/samples` });
        return null;
      }
    },
    [load],
  );

  const deleteVersion = useCallback(
    (v: DatasetVersion) =>
      serial(async () => {
        if (state.kind !== "ready") return;
        try {
          await dropVersion(state.db, catalogRef.current, v);
          await persist.deleteDataset(v.physical);
          setCat(catalogRef.current.filter((x) => x.physical !== v.physical));
          setNotice({ kind: "info", text: `Deleted ${v.name} version ${v.version}` });
        } catch (err) {
          setNotice({ kind: "error", text: `could not delete ${v.physical}: ${errorMessage(err)}` });
        } finally {
          await refreshRelationsOf(state.db).catch(() => undefined);
        }
      }),
    [state, serial, refreshRelationsOf, setCat],
  );

  useEffect(() => {
    let cancelled = false;
    (async () => {
      let db: BrowserDb;
      try {
        db = await openBrowserDb();
      } catch (err) {
        setState({ kind: "error", message: `DuckDB could not start: ${errorMessage(err)}. Reload the page; if it persists, run npm start again to restore public/vendor.` });
        return;
      }
      if (cancelled) return;
      setState({ kind: "loading", message: "Restoring your tables…" });
      let restored: DatasetVersion[] = [];
      let problems: string[] = [];
      try {
        ({ restored, problems } = await restoreVersions(db, await persist.loadDatasets(), decodeInWorker));
        if (!(await persist.getValue<boolean>("visited"))) setFirstVisit(true);
      } catch (err) {
        problems.push(errorMessage(err));
      }
      if (cancelled) return;
      setCat(restored);
      problems.push(...(await derived.restore(db, restored)));
      await refreshRelationsOf(db).catch(() => undefined);
      if (problems.length) setNotice({ kind: "error", text: `Some stored tables could not be restored (they are still in browser storage): ${problems.join("; ")}` });
      setState({ kind: "ready", db });
    })();
    return () => {
      cancelled = true;
    };
  }, [refreshRelationsOf, setCat, derived.restore]);

  // First visit: load the starter samples once, then remember the visit.
  useEffect(() => {
    if (!firstVisit || state.kind !== "ready") return;
    setFirstVisit(false);
    (async () => {
      for (const f of FIRST_VISIT_SAMPLES) if (!catalogRef.current.some((v) => v.fileName === f)) await loadSample(f, { quiet: true });
      await persist.setValue("visited", true).catch(() => undefined);
    })();
  }, [firstVisit, state, loadSample]);

  useEffect(() => {
    // The benchmark hook pulls in the training, export and slice clients: fetched after the page is up, never on its first paint.
    if (state.kind === "ready") void import("./bench-hook").then((m) => m.installBenchHook(state.db, () => catalogRef.current, (v) => setCat([...catalogRef.current, v])));
  }, [state, setCat]);

  const value = useMemo<Workbench>(
    () => ({ state, catalog, relations, loading, notice, setNotice, loadForm, setLoadForm, loadFile, load, addTable, loadSample, deleteVersion, refreshRelations, keepDerived, derived: derived.status }),
    [state, catalog, relations, loading, notice, loadForm, loadFile, load, addTable, loadSample, deleteVersion, refreshRelations, keepDerived, derived.status],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
