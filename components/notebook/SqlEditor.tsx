"use client";
import { useEffect, useRef, useState } from "react";

/**
 * CodeMirror 6 with SQL highlighting, loaded on first use so the first page
 * carries none of it. Shift+Enter runs the cell (the editor swallows the key).
 */
interface Props {
  value: string;
  label: string;
  onChange(value: string): void;
  onRun(): void;
}

type Cm = typeof import("./codemirror");

let cmModule: Promise<Cm> | null = null;
const loadCm = () => (cmModule ??= import("./codemirror"));

export function SqlEditor({ value, label, onChange, onRun }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<import("@codemirror/view").EditorView | null>(null);
  const handlers = useRef({ onChange, onRun });
  handlers.current = { onChange, onRun };
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let disposed = false;
    loadCm()
      .then((cm) => {
        if (disposed || !host.current) return;
        view.current = cm.createSqlEditor(host.current, value, label, {
          onChange: (v) => handlers.current.onChange(v),
          onRun: () => handlers.current.onRun(),
        });
      })
      .catch((err: unknown) => setFailed(err instanceof Error ? err.message : String(err)));
    return () => {
      disposed = true;
      view.current?.destroy();
      view.current = null;
    };
    // The editor owns its text after mount; outside changes are synced below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [label]);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value } });
  }, [value]);

  if (failed) {
    // Plain fallback: the cell stays usable if the editor bundle cannot load.
    return (
      <textarea
        aria-label={label}
        className="sql-fallback"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && e.shiftKey) {
            e.preventDefault();
            onRun();
          }
        }}
      />
    );
  }
  return <div ref={host} className="sql-editor" data-testid="sql-editor" />;
}
