import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it.each([
    ["# Title", "<h1>Title</h1>"],
    ["some **bold** and *it* and `code`", "<p>some <strong>bold</strong> and <em>it</em> and <code>code</code></p>"],
    ["- a\n- b", "<ul><li>a</li><li>b</li></ul>"],
    ["1. a\n2. b", "<ol><li>a</li><li>b</li></ol>"],
    ["```\n<b>x</b>\n```", "<pre><code>&lt;b&gt;x&lt;/b&gt;</code></pre>"],
    ["[docs](https://example.org/x)", '<p><a href="https://example.org/x" rel="noreferrer">docs</a></p>'],
  ])("%j", (src, html) => expect(renderMarkdown(src)).toBe(html));

  it("never passes markup or script URLs through", () => {
    const html = renderMarkdown('<img src=x onerror="alert(1)"> [x](javascript:alert(1))');
    expect(html).not.toContain("<img");
    expect(html).not.toContain("javascript:");
  });
});
