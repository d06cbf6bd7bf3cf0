import { EditorView, basicSetup } from "codemirror";
import { keymap } from "@codemirror/view";
import { Prec } from "@codemirror/state";
import { sql, PostgreSQL } from "@codemirror/lang-sql";

/** Builds a SQL editor in `parent`; split out so the editor bundle loads lazily. */
export function createSqlEditor(parent: HTMLElement, doc: string, label: string, on: { onChange(v: string): void; onRun(): void }): EditorView {
  return new EditorView({
    doc,
    parent,
    extensions: [
      Prec.highest(
        keymap.of([
          {
            key: "Shift-Enter",
            run: () => {
              on.onRun();
              return true;
            },
          },
        ]),
      ),
      basicSetup,
      sql({ dialect: PostgreSQL }),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-label": label }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) on.onChange(u.state.doc.toString());
      }),
    ],
  });
}
