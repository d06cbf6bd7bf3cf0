import { describe, expect, it } from "vitest";
import type { InputSchema, OnnxFeed } from "@/lib/onnx/inputs";
import { feedsFromRecords } from "@/lib/serve/records";
import { ServeRequestError, type ServeRequestErrorCode } from "@/lib/serve/serve-error";

/*
 * Expected values are written by hand. Date parts come from Python's datetime
 * (an independent implementation), in UTC, Monday = 0 as pandas dt.dayofweek:
 *   d = datetime.fromisoformat(s).astimezone(timezone.utc)
 *   d.year, d.month, d.day, d.weekday(), d.hour
 * 2024-02-29 is a Thursday (3); 2000-01-01 a Saturday (5); 0050-03-01 a Tuesday (1).
 * 2024-02-29T23:30:00Z is 1_709_249_400_000 ms after the epoch.
 */

const SCHEMA: InputSchema[] = [
  { name: "Beak Length (mm)", kind: "numeric", type: "float", width: 1 },
  { name: "Island", kind: "categorical", type: "string", width: 1 },
  { name: "Adult", kind: "boolean", type: "float", width: 1 },
];
const LIMITS = { maxRows: 4 };
const plain = (f: OnnxFeed) => ({ name: f.name, dims: f.dims, data: Array.from(f.data as ArrayLike<number | string>) });

const RECORDS = [
  { "Beak Length (mm)": 39.1, Island: "Torgersen", Adult: true },
  { "Beak Length (mm)": null, Island: 3, Adult: 0 },
  { Island: null, Adult: null },
  { Island: false },
];
const EXPECTED = [
  { name: "Beak Length (mm)", dims: [4, 1], data: [Math.fround(39.1), NaN, NaN, NaN] },
  // A number or boolean is keyed by the text training gave it (String(3), "false").
  { name: "Island", dims: [4, 1], data: ["Torgersen", "3", "<missing>", "false"] },
  { name: "Adult", dims: [4, 1], data: [1, 0, NaN, NaN] },
];

describe("feedsFromRecords: numeric, categorical and boolean columns", () => {
  const BODIES: [string, unknown][] = [
    ["an array of records", RECORDS],
    ['{ "records": [...] }', { records: RECORDS }],
  ];
  for (const [title, body] of BODIES) {
    it(title, () => {
      const out = feedsFromRecords(body, SCHEMA, LIMITS);
      expect(out.rows).toBe(4);
      expect(out.feeds.map(plain)).toEqual(EXPECTED);
      expect(out.feeds.map((f) => f.type)).toEqual(["float32", "string", "float32"]);
    });
  }

  it("reads only a record's own keys: an absent column named like an Object property is missing", () => {
    const schema: InputSchema[] = [{ name: "constructor", kind: "categorical", type: "string", width: 1 }];
    expect(feedsFromRecords([{}], schema, LIMITS).feeds[0].data).toEqual(["<missing>"]);
  });
});

const DATE_SCHEMA: InputSchema[] = [{ name: "Seen", kind: "date", type: "float", width: 5, parts: ["year", "month", "day", "dayofweek", "hour"] }];
const LEAP_NIGHT = [2024, 2, 29, 3, 23];

const DATES: [string, unknown, number[]][] = [
  ["UTC, Z", "2024-02-29T23:30:00Z", LEAP_NIGHT],
  ["no zone means UTC", "2024-02-29T23:30:00", LEAP_NIGHT],
  ["space separator, no seconds", "2024-02-29 23:30", LEAP_NIGHT],
  ["an offset east of UTC, already March locally", "2024-03-01T00:30:00+01:00", LEAP_NIGHT],
  ["an offset west of UTC with a fraction", "2024-02-29T18:30:00.250-05:00", LEAP_NIGHT],
  ["an offset without a colon", "2024-03-01T05:00+0530", LEAP_NIGHT],
  ["date only: midnight UTC", "2024-02-29", [2024, 2, 29, 3, 0]],
  ["Saturday", "2000-01-01T12:00:00Z", [2000, 1, 1, 5, 12]],
  ["a year below 100 stays itself", "0050-03-01", [50, 3, 1, 1, 0]],
  ["epoch milliseconds", 1_709_249_400_000, LEAP_NIGHT],
  ["null is missing", null, [NaN, NaN, NaN, NaN, NaN]],
];

describe("feedsFromRecords: date columns become their parts", () => {
  for (const [title, value, parts] of DATES) {
    it(`${title}: ${JSON.stringify(value)}`, () => {
      const { feeds } = feedsFromRecords([{ Seen: value }], DATE_SCHEMA, LIMITS);
      expect(plain(feeds[0])).toEqual({ name: "Seen", dims: [1, 5], data: parts });
    });
  }

  it("an absent date column is missing", () => {
    expect(plain(feedsFromRecords([{}], DATE_SCHEMA, LIMITS).feeds[0]).data).toEqual([NaN, NaN, NaN, NaN, NaN]);
  });
});

const ERRORS: [ServeRequestErrorCode, unknown, InputSchema[], string][] = [
  ["invalid_request", "Torgersen", SCHEMA, `body: "Torgersen", expected an array of records or { "records": [...] }`],
  ["invalid_request", { records: RECORDS, model: "penguins" }, SCHEMA, `body: unexpected key "model"`],
  ["invalid_request", { rows: RECORDS }, SCHEMA, "body: an object, expected an array of records"],
  ["invalid_request", [], SCHEMA, "records: none given"],
  ["invalid_request", [RECORDS[0], [39.1]], SCHEMA, "record 1: an array, expected an object of column values"],
  ["unknown_input", [RECORDS[0], { Islnad: "Dream" }], SCHEMA, `record 1: unknown column "Islnad"`],
  ["unknown_input", [{ "Beak Length": 1, Species: "Adelie" }], SCHEMA, `record 0: unknown columns "Beak Length", "Species"`],
  ["bad_value", [RECORDS[0], RECORDS[1], { "Beak Length (mm)": "abc" }], SCHEMA, `record 2, "Beak Length (mm)": expected a number or null, got "abc"`],
  ["bad_value", [{ "Beak Length (mm)": true }], SCHEMA, `record 0, "Beak Length (mm)": expected a number or null, got true`],
  ["bad_value", [RECORDS[0], RECORDS[1], { Island: { name: "Dream" } }], SCHEMA, `record 2, "Island": expected a string or null, got an object`],
  ["bad_value", [{ Adult: "yes" }], SCHEMA, `record 0, "Adult": expected true, false, 1, 0 or null, got "yes"`],
  ["bad_value", [{ Adult: 2 }], SCHEMA, `record 0, "Adult": expected true, false, 1, 0 or null, got 2`],
  ["bad_value", [{ Seen: "29/02/2024" }], DATE_SCHEMA, `record 0, "Seen": expected an ISO 8601 date`],
  ["bad_value", [{ Seen: "2023-02-29" }], DATE_SCHEMA, `record 0, "Seen": expected an ISO 8601 date (e.g. 2024-02-29 or 2024-02-29T23:30:00Z), epoch milliseconds, or null, got "2023-02-29"`],
  ["bad_value", [{ Seen: "2024-02-29T24:00" }], DATE_SCHEMA, `record 0, "Seen": expected an ISO 8601 date`],
  ["bad_value", [{ Seen: "2024-02-29T23:30+25:00" }], DATE_SCHEMA, `record 0, "Seen": expected an ISO 8601 date`],
  ["bad_value", [{ Seen: 9e15 }], DATE_SCHEMA, `record 0, "Seen": expected an ISO 8601 date`],
  ["bad_value", [{ Seen: true }], DATE_SCHEMA, `record 0, "Seen": expected an ISO 8601 date`],
  ["too_many_rows", [...RECORDS, RECORDS[0]], SCHEMA, "records: 5, more than this server's limit of 4"],
];

describe("feedsFromRecords: refused bodies", () => {
  for (const [code, body, schema, message] of ERRORS) {
    it(`${code}: ${message}`, () => {
      const err = (() => {
        try {
          feedsFromRecords(body, schema, LIMITS);
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(ServeRequestError);
      expect((err as ServeRequestError).code).toBe(code);
      expect((err as ServeRequestError).message).toContain(message);
    });
  }
});
