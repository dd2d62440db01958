/**
 * Period — calendar dates, months, fiscal years (年度), quarters, half-open windows and Japanese
 * era labels (和暦: 明治・大正・昭和・平成・令和).
 *
 * Laws (test/Period.test.ts, "properties"):
 * - every date lies in exactly one fiscal year, and in that year's window;
 * - the twelve months of a fiscal year partition it (no gap, no overlap, April first);
 * - era label ↔ date round-trips, including the 2019-04-30 平成 / 2019-05-01 令和 boundary;
 * - day numbers are a bijection with dates; `addDays` is a group action.
 *
 * Dates are ISO strings (`"2013-04-15"`): they sort as text, serialise as themselves and need no
 * time zone — welfare and employment decisions are taken per calendar day in Japan.
 *
 * @since 0.1.0
 * @module
 */
import { Result, Schema } from "effect"
import { DATE_TEXT } from "./internal/dateText.ts"

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/**
 * A date, month, window or era label that does not denote a real period.
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * const r = Period.parseDate("2013-02-30")
 * if (r._tag === "Failure") r.failure satisfies Period.PeriodError // { _tag: "PeriodError", input: "2013-02-30", reason: … }
 * ```
 */
export const PeriodError = Schema.TaggedStruct("PeriodError", {
  input: Schema.String,
  reason: Schema.String
})
/** @category errors */
export type PeriodError = typeof PeriodError.Type

const periodError = (input: string, reason: string): PeriodError => ({ _tag: "PeriodError", input, reason })

// ---------------------------------------------------------------------------------------------
// Day numbers (days since 1970-01-01, proleptic Gregorian) — the arithmetic underneath
// ---------------------------------------------------------------------------------------------

const MIN_YEAR = 1873 // Japan adopted the Gregorian calendar on 明治6年 (1873-01-01)
const MAX_YEAR = 9999

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0

/**
 * Number of days in month `m` (1–12) of year `y`. @since 0.1.0
 * @example
 * ```ts
 * Period.daysInMonth(2024, 2) // 29
 * Period.daysInMonth(2023, 2) // 28
 * ```
 */
export const daysInMonth = (y: number, m: number): number =>
  m === 2 ? (isLeapYear(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31

const daysFromCivil = (y: number, m: number, d: number): number => {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

const civilFromDays = (n: number): readonly [number, number, number] => {
  const z = n + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp + (mp < 10 ? 3 : -9)
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d]
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`)
const pad4 = (n: number): string => `${n}`.padStart(4, "0")

const validCalendarDate = (s: string): boolean => {
  const m = DATE_TEXT.exec(s)
  if (m === null) return false
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3])
  return y >= MIN_YEAR && y <= MAX_YEAR && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)
}

// ---------------------------------------------------------------------------------------------
// LocalDate, Instant
// ---------------------------------------------------------------------------------------------

/**
 * A calendar date `YYYY-MM-DD` (years 1873–9999, the Gregorian calendar in Japan).
 * @category dates
 * @since 0.1.0
 * @example
 * ```ts
 * import { Schema } from "effect"
 *
 * Schema.is(Period.LocalDate)("2013-04-15") // true
 * Schema.is(Period.LocalDate)("2013-02-30") // false: not a calendar date
 * ```
 */
export const LocalDate = Schema.String.check(
  Schema.makeFilter((s: string) => validCalendarDate(s) || `expected a calendar date YYYY-MM-DD (1873–9999), got ${JSON.stringify(s)}`)
).pipe(Schema.brand("LocalDate"))
/** @category dates */
export type LocalDate = typeof LocalDate.Type

const INSTANT_PATTERN = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?Z$/

/**
 * An instant in UTC, ISO 8601 with `Z` (`2013-04-15T09:30:00Z`). Used where the order of facts
 * within a day matters (e.g. when a consent event was recorded).
 * @category dates
 * @since 0.1.0
 * @example
 * ```ts
 * import { Schema } from "effect"
 *
 * Schema.is(Period.Instant)("2014-03-31T15:00:00Z") // true
 * ```
 */
export const Instant = Schema.String.check(
  Schema.makeFilter((s: string) => {
    const m = INSTANT_PATTERN.exec(s)
    return (m !== null && validCalendarDate(m[1]!)) || `expected an ISO instant YYYY-MM-DDTHH:MM:SS(.fff)Z, got ${JSON.stringify(s)}`
  })
).pipe(Schema.brand("Instant"))
/** @category dates */
export type Instant = typeof Instant.Type

/**
 * Parses a date, totally. @category dates @since 0.1.0
 * @example
 * ```ts
 * const r = Period.parseDate("2013-04-15")
 * if (r._tag === "Success") console.log(Period.fiscalYearOf(r.success)) // 2013
 * ```
 */
export const parseDate = (s: string): Result.Result<LocalDate, PeriodError> =>
  validCalendarDate(s) ? Result.succeed(s as LocalDate) : Result.fail(periodError(s, "not a calendar date YYYY-MM-DD (1873–9999)"))

/**
 * Parses an instant, totally. @category dates @since 0.1.0
 * @example
 * ```ts
 * const r = Period.parseInstant("2013-04-15T09:30:00Z")
 * console.log(r._tag) // "Success"
 * ```
 */
export const parseInstant = (s: string): Result.Result<Instant, PeriodError> => {
  const m = INSTANT_PATTERN.exec(s)
  return m !== null && validCalendarDate(m[1]!)
    ? Result.succeed(s as Instant)
    : Result.fail(periodError(s, "not an ISO instant YYYY-MM-DDTHH:MM:SS(.fff)Z"))
}

/**
 * A date from a literal; throws on an invalid date. For data and tests. @category dates @since 0.1.0
 * @example
 * ```ts
 * const d: Period.LocalDate = Period.unsafeDate("2013-04-15") // throws RangeError on "2013-13-01"
 * ```
 */
export const unsafeDate = (s: string): LocalDate => {
  if (!validCalendarDate(s)) throw new RangeError(`Period.unsafeDate: ${JSON.stringify(s)} is not a calendar date YYYY-MM-DD`)
  return s as LocalDate
}

/**
 * An instant from a literal; throws on invalid input. For data and tests. @category dates @since 0.1.0
 * @example
 * ```ts
 * const at: Period.Instant = Period.unsafeInstant("2013-04-15T09:30:00Z")
 * ```
 */
export const unsafeInstant = (s: string): Instant => {
  const r = parseInstant(s)
  if (Result.isFailure(r)) throw new RangeError(`Period.unsafeInstant: ${r.failure.reason}: ${JSON.stringify(s)}`)
  return r.success
}

/**
 * The date part of an instant (UTC). @category dates @since 0.1.0
 * @example
 * ```ts
 * Period.dateOfInstant(Period.unsafeInstant("2013-04-15T09:30:00Z")) // "2013-04-15"
 * ```
 */
export const dateOfInstant = (i: Instant): LocalDate => i.slice(0, 10) as LocalDate

/**
 * Midnight UTC at the start of a date. @category dates @since 0.1.0
 * @example
 * ```ts
 * Period.startOfDay(Period.unsafeDate("2013-04-15")) // "2013-04-15T00:00:00Z"
 * ```
 */
export const startOfDay = (d: LocalDate): Instant => `${d}T00:00:00Z` as Instant

/**
 * Builds a date from numbers; `undefined` when they name no day. @category dates @since 0.1.0
 * @example
 * ```ts
 * Period.fromParts(2013, 4, 15) // "2013-04-15"
 * Period.fromParts(2013, 2, 30) // undefined
 * ```
 */
export const fromParts = (year: number, month: number, day: number): LocalDate | undefined => {
  const s = `${pad4(year)}-${pad2(month)}-${pad2(day)}`
  return Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) && validCalendarDate(s)
    ? (s as LocalDate)
    : undefined
}

/**
 * Year, month (1–12) and day of a date. @category dates @since 0.1.0
 * @example
 * ```ts
 * Period.parts(Period.unsafeDate("2013-04-15")) // { year: 2013, month: 4, day: 15 }
 * ```
 */
export const parts = (d: LocalDate): { readonly year: number; readonly month: number; readonly day: number } => ({
  year: Number(d.slice(0, 4)),
  month: Number(d.slice(5, 7)),
  day: Number(d.slice(8, 10))
})

/**
 * Days since 1970-01-01 (negative before). @category arithmetic @since 0.1.0
 * @example
 * ```ts
 * Period.toDayNumber(Period.unsafeDate("1970-01-02")) // 1
 * ```
 */
export const toDayNumber = (d: LocalDate): number => {
  const { year, month, day } = parts(d)
  return daysFromCivil(year, month, day)
}

/**
 * The date of a day number. Clamped to 1873-01-01 … 9999-12-31. @category arithmetic @since 0.1.0
 * @example
 * ```ts
 * Period.fromDayNumber(1) // "1970-01-02"
 * ```
 */
export const fromDayNumber = (n: number): LocalDate => {
  const clamped = Math.min(Math.max(Math.trunc(n), MIN_DAY), MAX_DAY)
  const [y, m, d] = civilFromDays(clamped)
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}` as LocalDate
}

const MIN_DAY = daysFromCivil(MIN_YEAR, 1, 1)
const MAX_DAY = daysFromCivil(MAX_YEAR, 12, 31)

/**
 * `d` plus `n` days. @category arithmetic @since 0.1.0
 * @example
 * ```ts
 * Period.addDays(Period.unsafeDate("2014-03-31"), 1) // "2014-04-01"
 * ```
 */
export const addDays = (d: LocalDate, n: number): LocalDate => fromDayNumber(toDayNumber(d) + n)

/**
 * `d` plus `n` calendar months; a day past the target month's end clamps to its last day
 * (2024-01-31 + 1 month = 2024-02-29). Follow-up due dates (1/3/6/12 months) use this.
 * @category arithmetic
 * @since 0.1.0
 * @example
 * ```ts
 * Period.addMonths(Period.unsafeDate("2013-01-31"), 1) // "2013-02-28" (clamped to the month's last day)
 * ```
 */
export const addMonths = (d: LocalDate, n: number): LocalDate => {
  const { year, month, day } = parts(d)
  const index = year * 12 + (month - 1) + Math.trunc(n)
  const y = Math.floor(index / 12)
  const m = index - y * 12 + 1
  if (y < MIN_YEAR) return fromDayNumber(MIN_DAY)
  if (y > MAX_YEAR) return fromDayNumber(MAX_DAY)
  return `${pad4(y)}-${pad2(m)}-${pad2(Math.min(day, daysInMonth(y, m)))}` as LocalDate
}

/**
 * Days from `a` to `b` (`b − a`). @category arithmetic @since 0.1.0
 * @example
 * ```ts
 * Period.diffDays(Period.unsafeDate("2013-04-01"), Period.unsafeDate("2013-05-01")) // 30
 * ```
 */
export const diffDays = (a: LocalDate, b: LocalDate): number => toDayNumber(b) - toDayNumber(a)

/**
 * Total order on dates. @category ordering @since 0.1.0
 * @example
 * ```ts
 * [Period.unsafeDate("2014-01-01"), Period.unsafeDate("2013-04-01")].sort(Period.compareDates) // ["2013-04-01", "2014-01-01"]
 * ```
 */
export const compareDates = (a: LocalDate, b: LocalDate): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The earlier of two dates. @category ordering @since 0.1.0
 * @example
 * ```ts
 * Period.minDate(Period.unsafeDate("2013-04-01"), Period.unsafeDate("2012-04-01")) // "2012-04-01"
 * ```
 */
export const minDate = (a: LocalDate, b: LocalDate): LocalDate => (a <= b ? a : b)

/**
 * The later of two dates. @category ordering @since 0.1.0
 * @example
 * ```ts
 * Period.maxDate(Period.unsafeDate("2013-04-01"), Period.unsafeDate("2012-04-01")) // "2013-04-01"
 * ```
 */
export const maxDate = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b)

/**
 * Age in whole years at `asOf`, as Japanese law counts it (年齢計算ニ関スル法律 with 民法143条):
 * a year is completed at the end of the day before the birthday's anniversary. For every birthday
 * but 29 February this equals the usual "birthday reached" count; a person born on 29 February
 * turns a year older on 1 March in common years (not on 28 February).
 * Returns a negative number when `asOf` precedes birth.
 * @category age
 * @since 0.1.0
 * @example
 * ```ts
 * Period.ageAt(Period.unsafeDate("2008-01-20"), Period.unsafeDate("2025-06-01")) // 17
 * Period.ageAt(Period.unsafeDate("2000-02-29"), Period.unsafeDate("2001-03-01")) // 1 (not on 28 February)
 * ```
 */
export const ageAt = (birth: LocalDate, asOf: LocalDate): number => {
  const b = parts(birth)
  const a = parts(asOf)
  const years = a.year - b.year
  const reached = a.month > b.month || (a.month === b.month && a.day >= b.day)
  // 29 Feb births in a common year: the anniversary does not exist; 28 Feb is not yet "reached".
  return reached ? years : years - 1
}

// ---------------------------------------------------------------------------------------------
// Months
// ---------------------------------------------------------------------------------------------

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/

/**
 * A calendar month `YYYY-MM` (月).
 * @category months
 * @since 0.1.0
 * @example
 * ```ts
 * import { Schema } from "effect"
 *
 * Schema.is(Period.YearMonth)("2013-04") // true
 * ```
 */
export const YearMonth = Schema.String.check(
  Schema.makeFilter((s: string) => {
    const m = MONTH_PATTERN.exec(s)
    return (m !== null && Number(m[1]) >= MIN_YEAR) || `expected a month YYYY-MM, got ${JSON.stringify(s)}`
  })
).pipe(Schema.brand("YearMonth"))
/** @category months */
export type YearMonth = typeof YearMonth.Type

/**
 * A month from a literal; throws when invalid. @category months @since 0.1.0
 * @example
 * ```ts
 * const april: Period.YearMonth = Period.unsafeMonth("2013-04")
 * ```
 */
export const unsafeMonth = (s: string): YearMonth => {
  const m = MONTH_PATTERN.exec(s)
  if (m === null || Number(m[1]) < MIN_YEAR) throw new RangeError(`Period.unsafeMonth: ${JSON.stringify(s)} is not YYYY-MM`)
  return s as YearMonth
}

/**
 * The month a date falls in. @category months @since 0.1.0
 * @example
 * ```ts
 * Period.monthOf(Period.unsafeDate("2013-04-15")) // "2013-04"
 * ```
 */
export const monthOf = (d: LocalDate): YearMonth => d.slice(0, 7) as YearMonth

/**
 * First day of a month. @category months @since 0.1.0
 * @example
 * ```ts
 * Period.firstDayOf(Period.unsafeMonth("2013-04")) // "2013-04-01"
 * ```
 */
export const firstDayOf = (ym: YearMonth): LocalDate => `${ym}-01` as LocalDate

/**
 * `ym` plus `n` months. @category months @since 0.1.0
 * @example
 * ```ts
 * Period.addMonthsToMonth(Period.unsafeMonth("2013-12"), 4) // "2014-04"
 * ```
 */
export const addMonthsToMonth = (ym: YearMonth, n: number): YearMonth => monthOf(addMonths(firstDayOf(ym), n))

/**
 * The month as a half-open window `[first day, first day of next month)`. @category months @since 0.1.0
 * @example
 * ```ts
 * Period.monthWindow(Period.unsafeMonth("2013-04")) // { from: "2013-04-01", until: "2013-05-01" }
 * ```
 */
export const monthWindow = (ym: YearMonth): Window => ({ from: firstDayOf(ym), until: firstDayOf(addMonthsToMonth(ym, 1)) })

/**
 * Months from `a` to `b` (`b − a`), e.g. 2013-04 → 2013-10 is 6. @category months @since 0.1.0
 * @example
 * ```ts
 * Period.monthsBetween(Period.unsafeMonth("2013-04"), Period.unsafeMonth("2013-10")) // 6
 * ```
 */
export const monthsBetween = (a: YearMonth, b: YearMonth): number => {
  const ya = Number(a.slice(0, 4)), ma = Number(a.slice(5, 7))
  const yb = Number(b.slice(0, 4)), mb = Number(b.slice(5, 7))
  return (yb - ya) * 12 + (mb - ma)
}

// ---------------------------------------------------------------------------------------------
// Windows
// ---------------------------------------------------------------------------------------------

/**
 * A half-open window of days `[from, until)`: `from` is in it, `until` is not. Non-empty.
 * @category windows
 * @since 0.1.0
 * @example
 * ```ts
 * import { Schema } from "effect"
 *
 * Schema.is(Period.Window)({ from: "2013-04-01", until: "2014-04-01" }) // true
 * Schema.is(Period.Window)({ from: "2014-04-01", until: "2013-04-01" }) // false: until must be after from
 * ```
 */
export const Window = Schema.Struct({ from: LocalDate, until: LocalDate }).check(
  Schema.makeFilter((w: { readonly from: string; readonly until: string }) =>
    w.from < w.until || { path: ["until"], issue: `until (${w.until}) must be after from (${w.from})` }
  )
)
/** @category windows */
export type Window = typeof Window.Type

/**
 * Builds a window `[from, until)` from two date strings, totally: a `PeriodError` when either is
 * not a calendar date (the reason names `from` or `until`) or when `until` is not after `from`.
 * @category windows
 * @since 0.1.0
 * @example
 * ```ts
 * const r = Period.window("2013-04-01", "2013-02-30")
 * if (r._tag === "Failure") console.log(r.failure.reason) // "until: not a calendar date …"
 * ```
 */
export const window = (from: string, until: string): Result.Result<Window, PeriodError> => {
  const f = parseDate(from)
  if (Result.isFailure(f)) return Result.fail(periodError(from, `from: ${f.failure.reason}`))
  const u = parseDate(until)
  if (Result.isFailure(u)) return Result.fail(periodError(until, `until: ${u.failure.reason}`))
  return makeWindow(f.success, u.success)
}

/**
 * Builds a window `[from, until)` from literals; throws unless both are dates and `from < until`. For data and tests. @category windows @since 0.1.0
 * @example
 * ```ts
 * const fy2013: Period.Window = Period.unsafeWindow("2013-04-01", "2014-04-01") // throws RangeError when until <= from
 * ```
 */
export const unsafeWindow = (from: string, until: string): Window => {
  const f = unsafeDate(from), u = unsafeDate(until)
  if (!(f < u)) throw new RangeError(`Period.unsafeWindow: until (${u}) must be after from (${f})`)
  return { from: f, until: u }
}

/**
 * Builds a window from two dates, totally (`until` must be after `from`). @category windows @since 0.1.0
 * @example
 * ```ts
 * const r = Period.makeWindow(Period.unsafeDate("2014-04-01"), Period.unsafeDate("2013-04-01"))
 * console.log(r._tag) // "Failure": until must be after from
 * ```
 */
export const makeWindow = (from: LocalDate, until: LocalDate): Result.Result<Window, PeriodError> =>
  from < until ? Result.succeed({ from, until }) : Result.fail(periodError(`[${from}, ${until})`, "until must be after from"))

/**
 * Whether `d` lies in `[from, until)`. @category windows @since 0.1.0
 * @example
 * ```ts
 * const fy = Period.unsafeWindow("2013-04-01", "2014-04-01")
 * Period.contains(fy, Period.unsafeDate("2014-03-31")) // true
 * Period.contains(fy, Period.unsafeDate("2014-04-01")) // false (half-open)
 * ```
 */
export const contains = (w: Window, d: LocalDate): boolean => w.from <= d && d < w.until

/**
 * Whether two windows share at least one day. @category windows @since 0.1.0
 * @example
 * ```ts
 * Period.overlaps(Period.unsafeWindow("2013-04-01", "2013-10-01"), Period.unsafeWindow("2013-09-01", "2014-04-01")) // true
 * ```
 */
export const overlaps = (a: Window, b: Window): boolean => a.from < b.until && b.from < a.until

/**
 * The days two windows share, if any. @category windows @since 0.1.0
 * @example
 * ```ts
 * Period.intersect(Period.unsafeWindow("2013-04-01", "2013-10-01"), Period.unsafeWindow("2013-09-01", "2014-04-01")) // { from: "2013-09-01", until: "2013-10-01" }
 * ```
 */
export const intersect = (a: Window, b: Window): Window | undefined => {
  const from = maxDate(a.from, b.from)
  const until = minDate(a.until, b.until)
  return from < until ? { from, until } : undefined
}

/**
 * Whether `inner` lies wholly inside `outer`. @category windows @since 0.1.0
 * @example
 * ```ts
 * Period.within(Period.unsafeWindow("2013-05-01", "2013-06-01"), Period.unsafeWindow("2013-04-01", "2014-04-01")) // true
 * ```
 */
export const within = (inner: Window, outer: Window): boolean => outer.from <= inner.from && inner.until <= outer.until

/**
 * Number of days in a window. @category windows @since 0.1.0
 * @example
 * ```ts
 * Period.lengthInDays(Period.unsafeWindow("2013-04-01", "2014-04-01")) // 365
 * ```
 */
export const lengthInDays = (w: Window): number => diffDays(w.from, w.until)

/**
 * The last day inside a window (`until − 1`). @category windows @since 0.1.0
 * @example
 * ```ts
 * Period.lastDay(Period.unsafeWindow("2013-04-01", "2014-04-01")) // "2014-03-31"
 * ```
 */
export const lastDay = (w: Window): LocalDate => addDays(w.until, -1)

// ---------------------------------------------------------------------------------------------
// Fiscal years (年度: 1 April – 31 March, 地方自治法208条) and quarters
// ---------------------------------------------------------------------------------------------

/**
 * A fiscal year (年度), named by the calendar year it starts in: FY2013 (平成25年度) is
 * 2013-04-01 … 2014-03-31. Defined for FY1873 … FY9998 (dates 1873-04-01 … 9999-03-31).
 * @category fiscal years
 * @since 0.1.0
 * @example
 * ```ts
 * import { Schema } from "effect"
 *
 * Schema.is(Period.FiscalYear)(2013) // true
 * ```
 */
export const FiscalYear = Schema.Int.check(Schema.isBetween({ minimum: MIN_YEAR, maximum: MAX_YEAR - 1 })).pipe(
  Schema.brand("FiscalYear")
)
/** @category fiscal years */
export type FiscalYear = typeof FiscalYear.Type

/**
 * A fiscal year from a number; throws when out of range. @category fiscal years @since 0.1.0
 * @example
 * ```ts
 * const fy: Period.FiscalYear = Period.unsafeFiscalYear(2013)
 * ```
 */
export const unsafeFiscalYear = (n: number): FiscalYear => {
  if (!Number.isInteger(n) || n < MIN_YEAR || n > MAX_YEAR - 1) throw new RangeError(`Period.unsafeFiscalYear: ${n}`)
  return n as FiscalYear
}

/**
 * The fiscal year a date lies in. @category fiscal years @since 0.1.0
 * @example
 * ```ts
 * Period.fiscalYearOf(Period.unsafeDate("2014-03-31")) // 2013
 * Period.fiscalYearOf(Period.unsafeDate("2014-04-01")) // 2014
 * ```
 */
export const fiscalYearOf = (d: LocalDate): FiscalYear => {
  const { year, month } = parts(d)
  return (month >= 4 ? year : year - 1) as FiscalYear
}

/**
 * `[fy-04-01, (fy+1)-04-01)`. @category fiscal years @since 0.1.0
 * @example
 * ```ts
 * Period.fiscalYearWindow(Period.unsafeFiscalYear(2013)) // { from: "2013-04-01", until: "2014-04-01" }
 * ```
 */
export const fiscalYearWindow = (fy: FiscalYear): Window => ({
  from: `${pad4(fy)}-04-01` as LocalDate,
  until: `${pad4(fy + 1)}-04-01` as LocalDate
})

/**
 * The twelve months of a fiscal year, April first. @category fiscal years @since 0.1.0
 * @example
 * ```ts
 * Period.monthsOfFiscalYear(Period.unsafeFiscalYear(2013)) // ["2013-04", "2013-05", …, "2014-03"]
 * ```
 */
export const monthsOfFiscalYear = (fy: FiscalYear): ReadonlyArray<YearMonth> =>
  Array.from({ length: 12 }, (_, i) => addMonthsToMonth(`${pad4(fy)}-04` as YearMonth, i))

/**
 * The fiscal year a month lies in. @category fiscal years @since 0.1.0
 * @example
 * ```ts
 * Period.fiscalYearOfMonth(Period.unsafeMonth("2014-02")) // 2013
 * ```
 */
export const fiscalYearOfMonth = (ym: YearMonth): FiscalYear => fiscalYearOf(firstDayOf(ym))

/**
 * Position of a month in its fiscal year: April = 1 … March = 12. @category fiscal years @since 0.1.0
 * @example
 * ```ts
 * Period.fiscalMonthIndex(Period.unsafeMonth("2013-04")) // 1
 * Period.fiscalMonthIndex(Period.unsafeMonth("2014-03")) // 12
 * ```
 */
export const fiscalMonthIndex = (ym: YearMonth): number => {
  const m = Number(ym.slice(5, 7))
  return m >= 4 ? m - 3 : m + 9
}

/**
 * A fiscal quarter (四半期): Q1 = Apr–Jun … Q4 = Jan–Mar. @category fiscal years @since 0.1.0
 * @example
 * ```ts
 * const q: Period.FiscalQuarter = Period.quarterOf(Period.unsafeDate("2013-12-01")) // { fiscalYear: 2013, quarter: 3 }
 * ```
 */
export const FiscalQuarter = Schema.Struct({ fiscalYear: FiscalYear, quarter: Schema.Literals([1, 2, 3, 4]) })
/** @category fiscal years */
export type FiscalQuarter = typeof FiscalQuarter.Type

/**
 * The fiscal quarter of a date. @category fiscal years @since 0.1.0
 * @example
 * ```ts
 * Period.quarterOf(Period.unsafeDate("2014-01-15")) // { fiscalYear: 2013, quarter: 4 }
 * ```
 */
export const quarterOf = (d: LocalDate): FiscalQuarter => ({
  fiscalYear: fiscalYearOf(d),
  quarter: Math.ceil(fiscalMonthIndex(monthOf(d)) / 3) as 1 | 2 | 3 | 4
})

/**
 * The window of a fiscal quarter. @category fiscal years @since 0.1.0
 * @example
 * ```ts
 * Period.quarterWindow(Period.unsafeFiscalYear(2013), 4) // { from: "2014-01-01", until: "2014-04-01" }
 * ```
 */
export const quarterWindow = (fy: FiscalYear, quarter: 1 | 2 | 3 | 4): Window => {
  const first = addMonthsToMonth(`${pad4(fy)}-04` as YearMonth, (quarter - 1) * 3)
  return { from: firstDayOf(first), until: firstDayOf(addMonthsToMonth(first, 3)) }
}

// ---------------------------------------------------------------------------------------------
// Japanese eras (元号)
// ---------------------------------------------------------------------------------------------

/**
 * Era names, oldest first. @category eras @since 0.1.0
 * @example
 * ```ts
 * const era: Period.EraName = "令和"
 * ```
 */
export const EraName = Schema.Literals(["明治", "大正", "昭和", "平成", "令和"])
/** @category eras */
export type EraName = typeof EraName.Type

interface EraSpec {
  readonly name: EraName
  readonly romaji: string
  readonly start: LocalDate
}

/**
 * Era start dates. 平成 ran 1989-01-08 – 2019-04-30; 令和 from 2019-05-01. Meiji is counted from
 * the Gregorian adoption (1873-01-01 = 明治6年1月1日).
 * @category eras
 * @since 0.1.0
 * @example
 * ```ts
 * Period.eras.map((e) => `${e.name} ${e.romaji} ${e.start}`) // ["明治 Meiji 1868-10-23", …, "令和 Reiwa 2019-05-01"]
 * ```
 */
export const eras: ReadonlyArray<EraSpec> = [
  { name: "明治", romaji: "Meiji", start: "1868-10-23" as LocalDate },
  { name: "大正", romaji: "Taisho", start: "1912-07-30" as LocalDate },
  { name: "昭和", romaji: "Showa", start: "1926-12-25" as LocalDate },
  { name: "平成", romaji: "Heisei", start: "1989-01-08" as LocalDate },
  { name: "令和", romaji: "Reiwa", start: "2019-05-01" as LocalDate }
]

const eraSpec = (name: EraName): EraSpec => eras.find((e) => e.name === name)!

/**
 * A date as an era date. @category eras @since 0.1.0
 * @example
 * ```ts
 * const date: Period.EraDate = Period.toEra(Period.unsafeDate("2013-04-15")) // { era: "平成", year: 25, month: 4, day: 15 }
 * ```
 */
export const EraDate = Schema.Struct({
  era: EraName,
  year: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  month: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 12 })),
  day: Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 31 }))
})
/** @category eras */
export type EraDate = typeof EraDate.Type

/**
 * The era in force on a date. @category eras @since 0.1.0
 * @example
 * ```ts
 * Period.eraOf(Period.unsafeDate("2019-04-30")).name // "平成"
 * Period.eraOf(Period.unsafeDate("2019-05-01")).name // "令和"
 * ```
 */
export const eraOf = (d: LocalDate): EraSpec => {
  for (let i = eras.length - 1; i >= 0; i--) if (d >= eras[i]!.start) return eras[i]!
  return eras[0]!
}

const eraStartYear = (e: EraSpec): number => Number(e.start.slice(0, 4))

/**
 * A date in era notation: 2019-05-01 → 令和1年5月1日. @category eras @since 0.1.0
 * @example
 * ```ts
 * Period.toEra(Period.unsafeDate("2019-05-01")) // { era: "令和", year: 1, month: 5, day: 1 }
 * ```
 */
export const toEra = (d: LocalDate): EraDate => {
  const e = eraOf(d)
  const { year, month, day } = parts(d)
  return { era: e.name, year: year - eraStartYear(e) + 1, month, day }
}

const eraYearText = (year: number): string => (year === 1 ? "元" : `${year}`)

/**
 * 2022-03-01 → "令和4年3月1日" (year 1 written 元年). @category eras @since 0.1.0
 * @example
 * ```ts
 * Period.formatEra(Period.unsafeDate("2019-05-01")) // "令和元年5月1日"
 * ```
 */
export const formatEra = (d: LocalDate): string => {
  const e = toEra(d)
  return `${e.era}${eraYearText(e.year)}年${e.month}月${e.day}日`
}

/**
 * An era date back to a calendar date, if it exists in that era. @category eras @since 0.1.0
 * @example
 * ```ts
 * Period.fromEra({ era: "平成", year: 25, month: 4, day: 15 }) // Success "2013-04-15"
 * Period.fromEra({ era: "平成", year: 32, month: 1, day: 1 }) // Failure: 平成 ended on 2019-04-30
 * ```
 */
export const fromEra = (e: EraDate): Result.Result<LocalDate, PeriodError> => {
  const spec = eraSpec(e.era)
  const label = `${e.era}${eraYearText(e.year)}年${e.month}月${e.day}日`
  const d = fromParts(eraStartYear(spec) + e.year - 1, e.month, e.day)
  if (d === undefined) return Result.fail(periodError(label, "no such calendar day"))
  if (d < spec.start) return Result.fail(periodError(label, `before ${e.era} began (${spec.start})`))
  const next = eras[eras.indexOf(spec) + 1]
  if (next !== undefined && d >= next.start) return Result.fail(periodError(label, `after ${e.era} ended (${next.name} began ${next.start})`))
  return Result.succeed(d)
}

const toHalfWidth = (s: string): string =>
  s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\s+/g, "")

const ERA_DATE_PATTERN = /^(明治|大正|昭和|平成|令和)(元|\d{1,4})年(\d{1,2})月(\d{1,2})日$/

/**
 * Parses "令和4年3月1日", "平成31年3月1日", "令和元年5月1日" (full-width digits accepted).
 * A label outside its era's span (平成31年5月1日) is an error, not silently shifted.
 * @category eras
 * @since 0.1.0
 * @example
 * ```ts
 * Period.parseEra("平成２５年４月１５日") // Success "2013-04-15" (full-width digits accepted)
 * ```
 */
export const parseEra = (input: string): Result.Result<LocalDate, PeriodError> => {
  const m = ERA_DATE_PATTERN.exec(toHalfWidth(input))
  if (m === null || m[2] === "0") return Result.fail(periodError(input, "expected an era date such as 令和4年3月1日"))
  return fromEra({ era: m[1] as EraName, year: m[2] === "元" ? 1 : Number(m[2]), month: Number(m[3]), day: Number(m[4]) })
}

/**
 * The era label of a fiscal year: FY2013 → "平成25年度". FY2019 is "令和元年度", as the government
 * labelled it (令和 began a month into that year); FY1988 stays "昭和63年度".
 * @category eras
 * @since 0.1.0
 * @example
 * ```ts
 * Period.fiscalYearLabel(Period.unsafeFiscalYear(2013)) // "平成25年度"
 * ```
 */
export const fiscalYearLabel = (fy: FiscalYear): string => {
  const start = fiscalYearWindow(fy).from
  const endOfApril = `${pad4(fy)}-05-01` as LocalDate
  // An era beginning within the year's first month names the whole year (令和元年度).
  const e = eraOf(endOfApril) !== eraOf(start) ? eraOf(endOfApril) : eraOf(start)
  return `${e.name}${eraYearText(fy - eraStartYear(e) + 1)}年度`
}

const FY_LABEL_PATTERN = /^(明治|大正|昭和|平成|令和)(元|\d{1,4})年度$/

/**
 * Parses "平成25年度" → 2013, "令和元年度" → 2019. The aliases in use for FY2019 ("平成31年度")
 * and FY1988/89 boundaries are accepted as long as the era was in force during that fiscal year.
 * @category eras
 * @since 0.1.0
 * @example
 * ```ts
 * Period.parseFiscalYearLabel("平成25年度") // Success 2013
 * ```
 */
export const parseFiscalYearLabel = (input: string): Result.Result<FiscalYear, PeriodError> => {
  const m = FY_LABEL_PATTERN.exec(toHalfWidth(input))
  if (m === null || m[2] === "0") return Result.fail(periodError(input, "expected a fiscal-year label such as 平成25年度"))
  const spec = eraSpec(m[1] as EraName)
  const fy = eraStartYear(spec) + (m[2] === "元" ? 1 : Number(m[2])) - 1
  if (fy < MIN_YEAR || fy > MAX_YEAR - 1) return Result.fail(periodError(input, "fiscal year out of range"))
  const w = fiscalYearWindow(fy as FiscalYear)
  const next = eras[eras.indexOf(spec) + 1]
  const eraWindow: Window = { from: spec.start, until: next?.start ?? ("9999-12-31" as LocalDate) }
  if (!overlaps(w, eraWindow)) return Result.fail(periodError(input, `${spec.name} was not in force during that fiscal year`))
  return Result.succeed(fy as FiscalYear)
}
