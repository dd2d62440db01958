import fc from "fast-check"
import { Result } from "effect"
import { Period } from "@jiritsu/core"

const DAY_1990 = Period.toDayNumber(Period.unsafeDate("1990-01-01"))
const DAY_2040 = Period.toDayNumber(Period.unsafeDate("2040-12-31"))

/** Calendar dates between 1990 and 2040 (both era boundaries of interest lie inside). */
export const arbLocalDate: fc.Arbitrary<Period.LocalDate> = fc
  .integer({ min: DAY_1990, max: DAY_2040 })
  .map(Period.fromDayNumber)

/** Any date whose fiscal year the library names (FY1873–FY9998), for round-trip laws. */
export const arbAnyLocalDate: fc.Arbitrary<Period.LocalDate> = fc
  .integer({ min: Period.toDayNumber(Period.unsafeDate("1873-04-01")), max: Period.toDayNumber(Period.unsafeDate("9999-03-31")) })
  .map(Period.fromDayNumber)

/** Dates near era boundaries and month ends, where off-by-one errors live. */
export const arbEdgeDate: fc.Arbitrary<Period.LocalDate> = fc
  .constantFrom("1989-01-07", "1989-01-08", "2019-04-30", "2019-05-01", "2019-03-31", "2019-04-01", "2020-02-29", "2024-02-29", "2023-02-28", "2013-04-01", "2014-03-31")
  .chain((s) => fc.integer({ min: -3, max: 3 }).map((n) => Period.addDays(Period.unsafeDate(s), n)))

/** Non-empty half-open windows of up to about six years. */
export const arbWindow: fc.Arbitrary<Period.Window> = fc
  .tuple(arbLocalDate, fc.integer({ min: 1, max: 2200 }))
  .map(([from, length]) => ({ from, until: Period.addDays(from, length) }))

export const arbFiscalYear: fc.Arbitrary<Period.FiscalYear> = fc
  .integer({ min: 1990, max: 2040 })
  .map(Period.unsafeFiscalYear)

/** Strings that look almost like dates: the bad input the decoders must name. */
export const arbMalformedDate: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.constantFrom("2013-02-29", "2013-13-01", "2013-00-10", "2013-04-31", "13-04-01", "2013/04/01", "2013-4-1", " 2013-04-01", "1872-12-31", "２０１３-04-01"),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .map(([y, m, d]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`)
    .filter((s) => Result.isFailure(Period.parseDate(s)))
)
