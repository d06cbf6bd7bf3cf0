import { describe, expect, it } from "vitest";
import { DATE_PARTS, datePart, datePartColumn } from "@/lib/features/date-parts";

/*
 * Reference values from Python's datetime (an independent implementation):
 *   t = datetime.fromisoformat(s).replace(tzinfo=timezone.utc)
 *   t.year, t.month, t.day, t.weekday(), t.hour, (t.date() - date(1970, 1, 1)).days
 * weekday() counts Monday = 0, the same convention as pandas Series.dt.dayofweek.
 * 2024-02-29 is a Thursday, which is 3 with Monday = 0 (4 would be Sunday = 0
 * counting from Monday = 1, or Friday with Monday = 0).
 */
const CASES: [string, Record<(typeof DATE_PARTS)[number], number>][] = [
  ["2024-02-29T23:30:00Z", { year: 2024, month: 2, day: 29, dayofweek: 3, hour: 23, epoch_days: 19782 }],
  ["2000-01-01T00:00:00Z", { year: 2000, month: 1, day: 1, dayofweek: 5, hour: 0, epoch_days: 10957 }],
  ["2023-12-31T12:00:00Z", { year: 2023, month: 12, day: 31, dayofweek: 6, hour: 12, epoch_days: 19722 }],
  // One second before the epoch: epoch_days floors to −1, the same day as the other parts.
  ["1969-12-31T23:59:59Z", { year: 1969, month: 12, day: 31, dayofweek: 2, hour: 23, epoch_days: -1 }],
];

describe("datePart (UTC, Monday = 0)", () => {
  for (const [iso, expected] of CASES) {
    it(iso, () => {
      const ms = Date.parse(iso);
      for (const part of DATE_PARTS) expect([part, datePart(part, ms)]).toEqual([part, expected[part]]);
    });
  }

  it("does not depend on a time zone: 23:30 UTC on Feb 29 stays Feb 29 even though it is Mar 1 in UTC+1", () => {
    expect(datePart("day", Date.parse("2024-03-01T00:30:00+01:00"))).toBe(29);
  });

  it("gives NaN for a missing or out-of-range timestamp", () => {
    for (const part of DATE_PARTS) {
      expect(datePart(part, NaN)).toBeNaN();
      expect(datePart(part, 9e15)).toBeNaN(); // beyond Date's ±8.64e15 ms
    }
  });

  it("maps a column element by element", () => {
    expect(Array.from(datePartColumn("month", [Date.parse("2024-02-29T23:30:00Z"), NaN]))).toEqual([2, NaN]);
  });
});
