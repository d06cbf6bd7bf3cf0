"use client";
import { useState, type DragEvent } from "react";
import { WorkbenchProvider, useWorkbench } from "@/components/data/workbench";
import { DataPanel } from "@/components/data/DataPanel";
import { Notebook } from "@/components/notebook/Notebook";
import { AccountMenu } from "@/components/auth/AccountMenu";

/** The main page: data panel, status line, notebook; files can be dropped anywhere. */
export function Shell() {
  return (
    <WorkbenchProvider>
      <Frame />
    </WorkbenchProvider>
  );
}

function Frame() {
  const wb = useWorkbench();
  const [dragging, setDragging] = useState(false);

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    for (const file of Array.from(e.dataTransfer.files)) await wb.loadFile(file);
  };

  return (
    <div
      className={`shell${dragging ? " dragging" : ""}`}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes("Files")) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => void onDrop(e)}
    >
      <header className="top">
        <h1>Lathe</h1>
        <EngineStatus />
        <AccountMenu />
      </header>
      <div className="notices">
        {wb.loading && (
          <p role="status" className="loading">
            Loading {wb.loading.fileName}: {STAGE_TEXT[wb.loading.stage]}…{" "}
            <button type="button" onClick={wb.loading.cancel}>
              Cancel loading
            </button>
          </p>
        )}
        {wb.notice && (
          <p role={wb.notice.kind === "error" ? "alert" : "status"} className={`notice ${wb.notice.kind}`}>
            {wb.notice.text}{" "}
            <button type="button" aria-label="Dismiss message" onClick={() => wb.setNotice(null)}>
              ×
            </button>
          </p>
        )}
      </div>
      <main className="main">
        <DataPanel />
        <Notebook />
      </main>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop to load
        </div>
      )}
    </div>
  );
}

const STAGE_TEXT = {
  queued: "starting",
  decode: "decoding",
  insert: "reading into DuckDB",
  describe: "counting rows",
} as const;

function EngineStatus() {
  const { state } = useWorkbench();
  switch (state.kind) {
    case "loading":
      return <span className="engine">{state.message}</span>;
    case "ready":
      return <span className="engine" data-engine="ready">DuckDB {state.db.version} ready</span>;
    case "error":
      return (
        <span className="engine" role="alert">
          {state.message}
        </span>
      );
  }
}
