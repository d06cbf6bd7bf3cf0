import { KEYWORDS, type CompareOp, type Literal, type Predicate, type SliceExpr } from "./ast";
import { SliceError } from "./errors";
import { tokenize, type Token } from "./lexer";
import { isCalendarDate, quantileProblem, stringProblem } from "./validate";

/*
 * The slice grammar, lowest precedence first (as in SQL: NOT binds tighter
 * than AND, AND tighter than OR; keywords are case-insensitive):
 *
 *   slice     := or END
 *   or        := and (OR and)*
 *   and       := unary (AND unary)*
 *   unary     := NOT unary | '(' or ')' | predicate
 *   predicate := column test | q '(' column ',' whole ')' binTest
 *   test      := op value | [NOT] IN '(' value {',' value} ')'
 *              | [NOT] BETWEEN value AND value | IS [NOT] NULL
 *   binTest   := ('=' | '!=' | '<>') whole | [NOT] IN '(' whole {',' whole} ')'
 *   op        := '=' | '!=' | '<>' | '<' | '<=' | '>' | '>='
 *   value     := ['-'] number | 'string' | TRUE | FALSE | DATE 'YYYY-MM-DD'
 *   column    := bare word that is not a keyword | "double-quoted name"
 *
 * A chain `a AND b AND c` becomes one n-ary node; parentheses make a node
 * of their own, so `(a AND b) AND c` keeps its shape (see ast.ts).
 */

type Keyword = (typeof KEYWORDS)[number];

const COMPARE: Record<string, CompareOp> = { "=": "=", "!=": "!=", "<>": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">=" };

function isKeyword(word: string): boolean {
  return (KEYWORDS as readonly string[]).includes(word.toUpperCase());
}

class Parser {
  private i = 0;

  constructor(private readonly tokens: Token[]) {}

  private get token(): Token {
    return this.tokens[this.i];
  }

  private advance(): Token {
    return this.tokens[this.i++];
  }

  private isWord(keyword: Keyword, offset = 0): boolean {
    const t = this.tokens[this.i + offset];
    return t.kind === "word" && t.value.toUpperCase() === keyword;
  }

  private isSymbol(symbol: string): boolean {
    return this.token.kind === "symbol" && this.token.value === symbol;
  }

  /** "slice: expected <what> after '<previous token>' at column N[, found '<token>']". */
  private expected(what: string): never {
    const t = this.token;
    const previous = this.i > 0 ? ` after '${this.tokens[this.i - 1].text}'` : "";
    const found = t.kind === "end" ? "" : `, found '${t.text}'`;
    throw new SliceError("syntax", `slice: expected ${what}${previous} at column ${t.start + 1}${found}`, t.start);
  }

  private problem(problem: string, at: Token): never {
    throw new SliceError("syntax", `slice: ${problem} at column ${at.start + 1}`, at.start);
  }

  private expectWord(keyword: Keyword): void {
    if (!this.isWord(keyword)) this.expected(keyword);
    this.i++;
  }

  private expectSymbol(symbol: string, what = `'${symbol}'`): void {
    if (!this.isSymbol(symbol)) this.expected(what);
    this.i++;
  }

  private atEnd(): boolean {
    return this.token.kind === "end";
  }

  slice(): SliceExpr {
    if (this.token.kind === "end") this.expected("a slice expression");
    const expr = this.or();
    if (!this.atEnd()) this.expected(this.isSymbol(")") ? "the end (this ')' closes nothing)" : "AND, OR or the end");
    return expr;
  }

  private chain(kind: "and" | "or", keyword: Keyword, next: () => SliceExpr): SliceExpr {
    const args = [next()];
    while (this.isWord(keyword)) {
      this.i++;
      args.push(next());
    }
    return args.length === 1 ? args[0] : { kind, args };
  }

  private or(): SliceExpr {
    return this.chain("or", "OR", () => this.and());
  }

  private and(): SliceExpr {
    return this.chain("and", "AND", () => this.unary());
  }

  private unary(): SliceExpr {
    if (this.isWord("NOT")) {
      this.i++;
      return { kind: "not", arg: this.unary() };
    }
    if (this.isSymbol("(")) {
      this.i++;
      const inner = this.or();
      this.expectSymbol(")", "')' or AND / OR");
      return inner;
    }
    return this.predicate();
  }

  private column(): string {
    const t = this.token;
    if (t.kind === "name") {
      const problem = stringProblem(t.value);
      if (problem) this.problem(`column names: ${problem}`, t);
      this.i++;
      return t.value;
    }
    if (t.kind === "word" && !isKeyword(t.value)) {
      this.i++;
      return t.value;
    }
    if (t.kind === "word") this.expected(`a column name (write "${t.value}" in double quotes for a column of that name)`);
    return this.expected("a column name");
  }

  private predicate(): Predicate {
    const t = this.token;
    if (t.kind === "word" && t.value.toLowerCase() === "q" && this.tokens[this.i + 1].value === "(" && this.tokens[this.i + 1].kind === "symbol") {
      return this.quantile();
    }
    const column = this.column();
    if (this.token.kind === "symbol" && COMPARE[this.token.value]) {
      const op = COMPARE[this.advance().value];
      return { kind: "compare", column, op, value: this.value() };
    }
    if (this.isWord("IS")) {
      this.i++;
      const negated = this.isWord("NOT");
      if (negated) this.i++;
      this.expectWord("NULL");
      return { kind: "null", column, negated };
    }
    const negated = this.isWord("NOT");
    if (negated) this.i++;
    if (this.isWord("IN")) {
      this.i++;
      return { kind: "in", column, negated, values: this.list(() => this.value()) };
    }
    if (this.isWord("BETWEEN")) {
      this.i++;
      const low = this.value();
      this.expectWord("AND");
      return { kind: "between", column, negated, low, high: this.value() };
    }
    return this.expected(negated ? "IN or BETWEEN" : "an operator (=, !=, <, <=, >, >=, IN, NOT IN, BETWEEN, IS NULL)");
  }

  private list<T>(item: () => T): T[] {
    this.expectSymbol("(");
    const items = [item()];
    while (this.isSymbol(",")) {
      this.i++;
      items.push(item());
    }
    this.expectSymbol(")", "',' or ')'");
    return items;
  }

  private whole(what: string): number {
    const t = this.token;
    if (t.kind !== "number" || !/^\d+$/.test(t.value)) this.expected(what);
    this.i++;
    return Number(t.value);
  }

  private quantile(): Predicate {
    const at = this.advance(); // q
    this.i++; // (
    const column = this.column();
    this.expectSymbol(",");
    const bins = this.whole("a whole number of bins");
    this.expectSymbol(")");
    let negated = false;
    let values: number[];
    if (this.isSymbol("=") || this.isSymbol("!=") || this.isSymbol("<>")) {
      negated = this.advance().value !== "=";
      values = [this.whole("a bin number")];
    } else {
      negated = this.isWord("NOT");
      if (negated) this.i++;
      if (!this.isWord("IN")) this.expected(negated ? "IN" : "=, !=, IN or NOT IN after a quantile bin");
      this.i++;
      values = this.list(() => this.whole("a bin number"));
    }
    const problem = quantileProblem(bins, values);
    if (problem) this.problem(problem, at);
    return { kind: "quantile", column, bins, negated, values };
  }

  private value(): Literal {
    const t = this.token;
    if (t.kind === "string") {
      const problem = stringProblem(t.value);
      if (problem) this.problem(problem, t);
      this.i++;
      return { kind: "string", value: t.value };
    }
    if (t.kind === "number" || (this.isSymbol("-") && this.tokens[this.i + 1].kind === "number")) {
      const negative = t.kind === "symbol";
      if (negative) this.i++;
      const digits = this.advance().value;
      const value = negative ? -Number(digits) : Number(digits);
      if (!Number.isFinite(value)) this.problem(`number out of range: ${negative ? "-" : ""}${digits}`, t);
      return { kind: "number", value };
    }
    if (this.isWord("TRUE") || this.isWord("FALSE")) return { kind: "boolean", value: this.advance().value.toUpperCase() === "TRUE" };
    if (this.isWord("DATE")) {
      this.i++;
      const s = this.token;
      if (s.kind !== "string" || !isCalendarDate(s.value)) this.expected("a date in quotes, 'YYYY-MM-DD'");
      this.i++;
      return { kind: "date", value: s.value };
    }
    if (this.isWord("NULL")) this.problem("NULL is not a value; write IS NULL or IS NOT NULL", t);
    return this.expected("a value");
  }
}

/** The AST of slice text, or a SliceError with code "syntax" whose message and `position` say where and what was expected. */
export function parseSlice(text: string): SliceExpr {
  return new Parser(tokenize(text)).slice();
}
