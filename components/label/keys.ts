/** Keyboard helpers shared by the labeler and reviewer views. */

/** Number keys 1–9 then 0 pick labels 1–10, in the label set's order. */
export function labelIndexForKey(key: string): number | null {
  if (!/^[0-9]$/.test(key)) return null;
  return key === "0" ? 9 : Number(key) - 1;
}

export function keyForLabelIndex(i: number): string {
  return i === 9 ? "0" : String(i + 1);
}

/** Shortcuts must not fire while the person types into a field. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}
