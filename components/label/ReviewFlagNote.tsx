import type { ReviewFlag } from "@/lib/api/labels";

/**
 * Why an item was sent for review (model monitoring, error analysis): each
 * reason the open flag holds, then who sent the latest and when. A note, not
 * an alert: it informs the decision and needs no answer of its own.
 */
export function ReviewFlagNote({ flag }: { flag: ReviewFlag }) {
  const reasons = flag.reason.split("\n").filter((r) => r.trim() !== "");
  const last = `Last flagged${flag.flaggedBy ? ` by ${flag.flaggedBy}` : ""} on ${flag.flaggedAt.replace("T", " ").slice(0, 16)} UTC`;
  return (
    <div role="note" aria-label="Why this item was flagged" className="notice flag">
      {reasons.length === 1 ? (
        <p>
          <strong>Flagged:</strong> {reasons[0]}
        </p>
      ) : (
        <>
          <p>
            <strong>Flagged</strong> for {reasons.length} reasons:
          </p>
          <ul>
            {reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </>
      )}
      <p className="hint">{last}</p>
    </div>
  );
}
