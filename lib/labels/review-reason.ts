/**
 * An item's open review flag collects reasons instead of keeping only the
 * last: monitoring and error analysis may both send the same item, and a
 * reviewer should read both rather than have one silently replace the other.
 * Sending a reason the flag already holds changes nothing, so a monitor that
 * re-sends its window is harmless.
 */

/** Longest stored flag text, in characters (5 reasons of the 2,000 a request may carry). */
export const MAX_REVIEW_REASON = 10_000;

/**
 * The flag text after `reason` arrives: `current` unchanged when it already
 * holds `reason` as whole lines, else `reason` appended on a new line. Past
 * MAX_REVIEW_REASON the oldest lines go, so the newest reasons are the ones kept.
 */
export function mergeReviewReason(current: string | null, reason: string): string {
  if (current === null || current === "") return reason;
  if (`\n${current}\n`.includes(`\n${reason}\n`)) return current;
  let merged = `${current}\n${reason}`;
  while (merged.length > MAX_REVIEW_REASON) {
    const cut = merged.indexOf("\n");
    // One reason alone never exceeds the limit (requests cap it lower); guard anyway.
    if (cut < 0) return merged.slice(merged.length - MAX_REVIEW_REASON);
    merged = merged.slice(cut + 1);
  }
  return merged;
}
