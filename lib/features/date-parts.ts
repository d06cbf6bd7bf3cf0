/**
 * The one definition of what a date feature's parts are. Fitting, the
 * TensorFlow.js compiler and (at serving time, ahead of the ONNX session) the
 * ONNX path all call this, so no second copy of the calendar arithmetic exists.
 *
 * Every part is computed in UTC on the proleptic Gregorian calendar (what
 * JavaScript's Date does), never in the browser's time zone, so a run gives
 * the same matrix on every machine.
 */

export const DATE_PARTS = ["year", "month", "day", "dayofweek", "hour", "epoch_days"] as const;
export type DatePart = (typeof DATE_PARTS)[number];

const MS_PER_DAY = 86_400_000;

/**
 * The part of a timestamp in milliseconds since the Unix epoch, UTC:
 * - year: calendar year, e.g. 2024
 * - month: 1–12 (January = 1, as pandas `dt.month`)
 * - day: day of the month, 1–31
 * - dayofweek: Monday = 0 … Sunday = 6 (pandas `dt.dayofweek`)
 * - hour: 0–23
 * - epoch_days: whole days since 1970-01-01, floored, so a time before the
 *   epoch falls on the earlier day, the same day the other parts describe
 * A missing (NaN) or out-of-range timestamp gives NaN, which imputation fills.
 */
export function datePart(part: DatePart, epochMs: number): number {
  const d = new Date(epochMs);
  // An invalid Date (NaN or beyond ±8.64e15 ms) returns NaN from every getter.
  switch (part) {
    case "year":
      return d.getUTCFullYear();
    case "month":
      return d.getUTCMonth() + 1;
    case "day":
      return d.getUTCDate();
    case "dayofweek":
      // getUTCDay counts Sunday = 0; shift so Monday = 0.
      return (d.getUTCDay() + 6) % 7;
    case "hour":
      return d.getUTCHours();
    case "epoch_days":
      return Number.isNaN(d.getTime()) ? NaN : Math.floor(epochMs / MS_PER_DAY);
  }
}

/** One part for each timestamp; NaN stays NaN (missing). */
export function datePartColumn(part: DatePart, epochMs: ArrayLike<number>): Float64Array {
  const out = new Float64Array(epochMs.length);
  for (let i = 0; i < epochMs.length; i++) out[i] = datePart(part, epochMs[i]);
  return out;
}
