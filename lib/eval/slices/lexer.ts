import { SliceError } from "./errors";

/*
 * Tokens of the slice language. Bare words (column names, keywords, `q`)
 * are one kind: the parser decides from context, case-insensitively for
 * keywords, so `and`, `And` and `AND` are the same word.
 */

export type TokenKind =
  /** A bare word: [A-Za-z_][A-Za-z0-9_]*. */
  | "word"
  /** A double-quoted name, `"Flipper Length (mm)"`; `value` has "" undone. */
  | "name"
  /** A single-quoted string; `value` has '' undone. */
  | "string"
  /** An unsigned number as written: 12, 1.5, .5, 2e-3. */
  | "number"
  /** = != <> < <= > >= ( ) , - */
  | "symbol"
  | "end";

export interface Token {
  kind: TokenKind;
  /** The decoded value: the name or string without quotes, the number's text, the symbol. */
  value: string;
  /** The source text of the token, as the user typed it (for messages). */
  text: string;
  /** 0-based offset of the token's first character. */
  start: number;
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const SYMBOLS = ["!=", "<>", "<=", ">=", "=", "<", ">", "(", ")", ",", "-"];

function column(offset: number): number {
  return offset + 1;
}

/** Reads a quoted run starting at `start` (the opening quote); doubled quotes stand for one. */
function quoted(text: string, start: number, quote: string, what: string): { value: string; end: number } {
  let value = "";
  let i = start + 1;
  for (;;) {
    const next = text.indexOf(quote, i);
    if (next === -1) throw new SliceError("syntax", `slice: unterminated ${what} starting at column ${column(start)}`, start);
    value += text.slice(i, next);
    if (text[next + 1] === quote) {
      value += quote;
      i = next + 2;
    } else {
      return { value, end: next + 1 };
    }
  }
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === "'" || c === '"') {
      const { value, end } = quoted(text, start, c, c === "'" ? "string" : "quoted name");
      if (c === '"' && value.length === 0) throw new SliceError("syntax", `slice: empty quoted name at column ${column(start)}`, start);
      tokens.push({ kind: c === "'" ? "string" : "name", value, text: text.slice(start, end), start });
      i = end;
      continue;
    }
    WORD.lastIndex = i;
    NUMBER.lastIndex = i;
    const word = WORD.exec(text);
    const number = word ? null : NUMBER.exec(text);
    const match = word ?? number;
    if (match) {
      i += match[0].length;
      // "12abc" or "1.5.2" is a typo, not a number followed by a word.
      if (number && i < text.length && /[A-Za-z0-9_.]/.test(text[i])) {
        throw new SliceError("syntax", `slice: unexpected character '${text[i]}' after the number ${match[0]} at column ${column(i)}`, i);
      }
      tokens.push({ kind: word ? "word" : "number", value: match[0], text: match[0], start });
      continue;
    }
    const symbol = SYMBOLS.find((s) => text.startsWith(s, i));
    if (!symbol) {
      const ch = String.fromCodePoint(text.codePointAt(i)!);
      throw new SliceError("syntax", `slice: unexpected character '${ch}' at column ${column(i)}`, i);
    }
    tokens.push({ kind: "symbol", value: symbol, text: symbol, start });
    i += symbol.length;
  }
  tokens.push({ kind: "end", value: "", text: "", start: text.length });
  return tokens;
}
