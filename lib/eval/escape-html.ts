/**
 * Text and attribute values for HTML and inline SVG written as strings
 * (the dashboard's HTML export): the five characters that could end a text
 * node or a quoted attribute, so slice names and definitions — typed by
 * users — can never become markup or script.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
