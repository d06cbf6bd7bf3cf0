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

/**
 * Enter and Space belong to a focused button, link or other control: the
 * shortcut handlers leave them alone there, so keyboard users get the
 * control they tabbed to.
 */
export function isOnControl(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest("button, a, summary, select, [role=radio], [role=button], [role=checkbox]") !== null;
}

/**
 * An idempotency key for one submission. crypto.randomUUID exists only on
 * secure origins (https, localhost); a team reaching the app over plain
 * http on a network address still has getRandomValues.
 */
export function newClientId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}
