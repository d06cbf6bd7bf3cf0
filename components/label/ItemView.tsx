"use client";

import type { DisplayColumn } from "@/lib/api/labels";

type ItemData = Record<string, string | number | boolean | null>;

/** One item's shown columns, as the project lists them: text wraps, numbers align, images load from this app. */
export function ItemView({ itemKey, data, columns }: { itemKey: string; data: ItemData; columns: readonly DisplayColumn[] }) {
  return (
    <article className="item-view" aria-label={`Item ${itemKey}`}>
      <p className="item-key">
        Item <strong data-testid="item-key">{itemKey}</strong>
      </p>
      <dl>
        {columns.map((c) => (
          <div key={c.name} className={`item-field item-${c.kind}`}>
            <dt>{c.name}</dt>
            <dd>
              <FieldValue column={c} value={data[c.name]} />
            </dd>
          </div>
        ))}
      </dl>
    </article>
  );
}

function FieldValue({ column, value }: { column: DisplayColumn; value: ItemData[string] | undefined }) {
  if (value === null || value === undefined) return <span className="hint">(missing)</span>;
  // Only same-origin paths: the app serves images itself and never fetches from elsewhere.
  // (A second "/" or a "\" after the first would make it another host's URL.)
  if (column.kind === "image" && typeof value === "string" && /^\/(?![/\\])/.test(value)) {
    return <img src={value} alt={`${column.name} of the item`} className="item-image" />;
  }
  return <span>{String(value)}</span>;
}
