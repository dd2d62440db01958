import { createHash } from "node:crypto"
import fc from "fast-check"
import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Period } from "@jiritsu/core"
import { canonicalJson, contentHash, sha256Hex } from "../src/internal/hash.ts"
import { decodeWith } from "../src/internal/decode.ts"
import { arbAnyLocalDate, arbEdgeDate, arbFiscalYear, arbLocalDate, arbMalformedDate, arbWindow } from "./arbitraries.ts"

const d = Period.unsafeDate

describe("Period: dates", () => {
  it("parses real dates and refuses impossible ones", () => {
    expect(Result.isSuccess(Period.parseDate("2024-02-29"))).toBe(true)
    for (const bad of ["2023-02-29", "2013-04-31", "2013-13-01", "2013-4-1", "", "1872-12-31"]) {
      expect(Result.isFailure(Period.parseDate(bad)), bad).toBe(true)
    }
  })

  it("adds months with month-end clamping (follow-ups at 1/3/6/12 months)", () => {
    expect(Period.addMonths(d("2024-01-31"), 1)).toBe("2024-02-29")
    expect(Period.addMonths(d("2023-01-31"), 1)).toBe("2023-02-28")
    expect(Period.addMonths(d("2019-03-01"), 12)).toBe("2020-03-01")
    expect(Period.addMonths(d("2013-11-15"), -8)).toBe("2013-03-15")
  })

  it("counts age as Japanese law does", () => {
    expect(Period.ageAt(d("1995-04-02"), d("2013-04-01"))).toBe(17)
    expect(Period.ageAt(d("1995-04-02"), d("2013-04-02"))).toBe(18)
    // 29 February births age on 1 March in common years (民法143条)
    expect(Period.ageAt(d("2004-02-29"), d("2022-02-28"))).toBe(17)
    expect(Period.ageAt(d("2004-02-29"), d("2022-03-01"))).toBe(18)
    expect(Period.ageAt(d("2004-02-29"), d("2024-02-29"))).toBe(20)
  })

  it("decodes LocalDate at the boundary with a path-named error", () => {
    const decode = decodeWith(Schema.Struct({ birthDate: Period.LocalDate }))
    const r = decode({ birthDate: "2013-02-30" })
    expect(Result.isFailure(r)).toBe(true)
    if (Result.isFailure(r)) expect(r.failure[0]!.path).toEqual(["birthDate"])
  })

  it("decodes windows and names `until` when it is not after `from`", () => {
    const decode = decodeWith(Period.Window)
    const r = decode({ from: "2013-04-01", until: "2013-04-01" })
    expect(Result.isFailure(r)).toBe(true)
    if (Result.isFailure(r)) expect(r.failure[0]!.path).toEqual(["until"])
    expect(Result.isSuccess(decode({ from: "2013-04-01", until: "2013-04-02" }))).toBe(true)
  })
})

describe("Period: building windows", () => {
  it("window is total: a PeriodError naming from or until, never a throw", () => {
    expect(Period.window("2013-04-01", "2013-05-01")).toEqual(Result.succeed({ from: "2013-04-01", until: "2013-05-01" }))
    expect(Period.window("2013-02-30", "2013-05-01")).toMatchObject({ _tag: "Failure", failure: { _tag: "PeriodError", input: "2013-02-30", reason: expect.stringMatching(/^from: /) } })
    expect(Period.window("2013-04-01", "2013-04-31")).toMatchObject({ _tag: "Failure", failure: { input: "2013-04-31", reason: expect.stringMatching(/^until: /) } })
    expect(Period.window("2013-04-01", "2013-04-01")).toMatchObject({ _tag: "Failure", failure: { input: "[2013-04-01, 2013-04-01)", reason: "until must be after from" } })
  })

  it("unsafeWindow throws on the same inputs (for literals in data and tests)", () => {
    expect(Period.unsafeWindow("2013-04-01", "2013-05-01")).toEqual({ from: "2013-04-01", until: "2013-05-01" })
    expect(() => Period.unsafeWindow("2013-04-01", "2013-04-01")).toThrow(RangeError)
    expect(() => Period.unsafeWindow("2013-13-01", "2014-01-01")).toThrow(RangeError)
  })
})

describe("Period: fiscal years and quarters", () => {
  it("FY2013 is 2013-04-01 … 2014-03-31", () => {
    expect(Period.fiscalYearOf(d("2013-04-01"))).toBe(2013)
    expect(Period.fiscalYearOf(d("2014-03-31"))).toBe(2013)
    expect(Period.fiscalYearOf(d("2013-03-31"))).toBe(2012)
    expect(Period.fiscalYearWindow(Period.unsafeFiscalYear(2013))).toEqual({ from: "2013-04-01", until: "2014-04-01" })
    expect(Period.monthsOfFiscalYear(Period.unsafeFiscalYear(2013))[6]).toBe("2013-10")
  })

  it("quarters start in April", () => {
    expect(Period.quarterOf(d("2013-06-30"))).toEqual({ fiscalYear: 2013, quarter: 1 })
    expect(Period.quarterOf(d("2014-01-01"))).toEqual({ fiscalYear: 2013, quarter: 4 })
    expect(Period.quarterWindow(Period.unsafeFiscalYear(2013), 4)).toEqual({ from: "2014-01-01", until: "2014-04-01" })
  })
})

describe("Period: eras", () => {
  it("crosses the 平成 / 令和 boundary", () => {
    expect(Period.formatEra(d("2019-04-30"))).toBe("平成31年4月30日")
    expect(Period.formatEra(d("2019-05-01"))).toBe("令和元年5月1日")
    expect(Period.formatEra(d("1989-01-07"))).toBe("昭和64年1月7日")
    expect(Period.formatEra(d("1989-01-08"))).toBe("平成元年1月8日")
  })

  it("parses the source documents' era dates", () => {
    expect(Period.parseEra("平成31年3月1日")).toEqual(Result.succeed("2019-03-01"))
    expect(Period.parseEra("令和４年３月１日")).toEqual(Result.succeed("2022-03-01"))
    expect(Result.isFailure(Period.parseEra("平成31年5月1日"))).toBe(true)
    expect(Result.isFailure(Period.parseEra("令和元年4月30日"))).toBe(true)
  })

  it("labels fiscal years as the government does", () => {
    const fy = Period.unsafeFiscalYear
    expect(Period.fiscalYearLabel(fy(2013))).toBe("平成25年度")
    expect(Period.fiscalYearLabel(fy(2012))).toBe("平成24年度")
    expect(Period.fiscalYearLabel(fy(2019))).toBe("令和元年度")
    expect(Period.fiscalYearLabel(fy(2021))).toBe("令和3年度")
    expect(Period.fiscalYearLabel(fy(1988))).toBe("昭和63年度")
    expect(Period.fiscalYearLabel(fy(1989))).toBe("平成元年度")
    expect(Period.parseFiscalYearLabel("平成25年度")).toEqual(Result.succeed(2013))
    expect(Period.parseFiscalYearLabel("平成31年度")).toEqual(Result.succeed(2019))
    expect(Period.parseFiscalYearLabel("令和元年度")).toEqual(Result.succeed(2019))
    expect(Result.isFailure(Period.parseFiscalYearLabel("令和0年度"))).toBe(true)
    expect(Result.isFailure(Period.parseFiscalYearLabel("平成40年度"))).toBe(true)
  })
})

describe("internal hash", () => {
  it("matches node:crypto's SHA-256 on known vectors", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  })
})

describe("properties", () => {
  it("every date lies in exactly one fiscal year, and inside its window", () => {
    fc.assert(
      fc.property(arbAnyLocalDate, (date) => {
        const fy = Period.fiscalYearOf(date)
        const containing = [fy - 1, fy, fy + 1].filter(
          (y) => y >= 1873 && y <= 9998 && Period.contains(Period.fiscalYearWindow(y as Period.FiscalYear), date)
        )
        return containing.length === 1 && containing[0] === fy
      })
    )
  })

  it("the months of a fiscal year partition it (April first, no gap, no overlap)", () => {
    fc.assert(
      fc.property(arbFiscalYear, (fy) => {
        const windows = Period.monthsOfFiscalYear(fy).map(Period.monthWindow)
        const fyWindow = Period.fiscalYearWindow(fy)
        const contiguous = windows.every((w, i) => i === 0 || windows[i - 1]!.until === w.from)
        const total = windows.reduce((n, w) => n + Period.lengthInDays(w), 0)
        return (
          windows[0]!.from === fyWindow.from &&
          windows[11]!.until === fyWindow.until &&
          contiguous &&
          total === Period.lengthInDays(fyWindow)
        )
      })
    )
  })

  it("every date lies in exactly one month and one quarter of its fiscal year", () => {
    fc.assert(
      fc.property(arbLocalDate, (date) => {
        const fy = Period.fiscalYearOf(date)
        const months = Period.monthsOfFiscalYear(fy).filter((m) => Period.contains(Period.monthWindow(m), date))
        const quarters = ([1, 2, 3, 4] as const).filter((q) => Period.contains(Period.quarterWindow(fy, q), date))
        return months.length === 1 && quarters.length === 1 && quarters[0] === Period.quarterOf(date).quarter
      })
    )
  })

  it("era label ↔ date round-trips", () => {
    fc.assert(
      fc.property(fc.oneof(arbAnyLocalDate, arbEdgeDate), (date) => {
        expect(Period.parseEra(Period.formatEra(date))).toEqual(Result.succeed(date))
        expect(Period.fromEra(Period.toEra(date))).toEqual(Result.succeed(date))
      })
    )
  })

  it("fiscal-year labels round-trip", () => {
    fc.assert(
      fc.property(arbFiscalYear, (fy) => {
        expect(Period.parseFiscalYearLabel(Period.fiscalYearLabel(fy))).toEqual(Result.succeed(fy))
      })
    )
  })

  it("day numbers are a bijection and addDays is a group action", () => {
    fc.assert(
      fc.property(arbLocalDate, fc.integer({ min: -5000, max: 5000 }), fc.integer({ min: -5000, max: 5000 }), (date, a, b) => {
        expect(Period.fromDayNumber(Period.toDayNumber(date))).toBe(date)
        expect(Period.addDays(Period.addDays(date, a), b)).toBe(Period.addDays(date, a + b))
        expect(Period.diffDays(date, Period.addDays(date, a))).toBe(a)
        expect(Period.compareDates(date, Period.addDays(date, a))).toBe(a === 0 ? 0 : a > 0 ? -1 : 1)
      })
    )
  })

  it("age grows by exactly one per completed year and never decreases", () => {
    fc.assert(
      fc.property(arbLocalDate, arbLocalDate, fc.integer({ min: 1, max: 400 }), (birth, asOf, step) => {
        const later = Period.addDays(asOf, step)
        const a = Period.ageAt(birth, asOf), b = Period.ageAt(birth, later)
        expect(b).toBeGreaterThanOrEqual(a)
        expect(b - a).toBeLessThanOrEqual(Math.ceil(step / 365) + 1)
        expect(Period.ageAt(birth, Period.addMonths(birth, 12 * 18))).toBe(birth.endsWith("02-29") ? 17 : 18)
      })
    )
  })

  it("window intersection is commutative and inside both", () => {
    fc.assert(
      fc.property(arbWindow, arbWindow, arbLocalDate, (a, b, date) => {
        const i = Period.intersect(a, b)
        expect(i).toEqual(Period.intersect(b, a))
        expect(i !== undefined).toBe(Period.overlaps(a, b))
        expect(i !== undefined && Period.contains(i, date)).toBe(Period.contains(a, date) && Period.contains(b, date))
      })
    )
  })

  it("malformed dates never decode and never throw", () => {
    fc.assert(
      fc.property(arbMalformedDate, (s) => {
        const r = decodeWith(Schema.Struct({ at: Period.LocalDate }))({ at: s })
        return Result.isFailure(r) && r.failure[0]!.path[0] === "at"
      })
    )
  })

  it("window succeeds exactly when both ends are dates and from < until, and then equals unsafeWindow (≥ 20 % of runs each way, ≥ 5 % with equal ends)", () => {
    const end = fc.oneof({ weight: 3, arbitrary: arbLocalDate as fc.Arbitrary<string> }, { weight: 1, arbitrary: arbMalformedDate })
    // Half the pairs share or nearly share a date, so the equal-ends boundary is reached.
    const pair = fc.oneof(fc.tuple(end, end), end.chain((a) => fc.tuple(fc.constant(a), Result.isSuccess(Period.parseDate(a)) ? fc.integer({ min: -1, max: 1 }).map((n) => Period.addDays(a as Period.LocalDate, n) as string) : end)))
    let ok = 0
    let failed = 0
    let equalEnds = 0
    fc.assert(
      fc.property(pair, ([from, until]) => {
        const r = Period.window(from, until)
        const valid = Result.isSuccess(Period.parseDate(from)) && Result.isSuccess(Period.parseDate(until)) && from < until
        if (from === until) equalEnds++
        expect(Result.isSuccess(r)).toBe(valid)
        if (Result.isSuccess(r)) {
          ok++
          expect(r.success).toEqual(Period.unsafeWindow(from, until))
          expect(Period.lengthInDays(r.success)).toBeGreaterThan(0)
        } else {
          failed++
          expect(() => Period.unsafeWindow(from, until)).toThrow(RangeError)
          expect(r.failure._tag).toBe("PeriodError")
        }
      })
    )
    const runs = ok + failed
    expect(ok / runs).toBeGreaterThanOrEqual(0.2)
    expect(failed / runs).toBeGreaterThanOrEqual(0.2)
    expect(equalEnds / runs).toBeGreaterThanOrEqual(0.05)
  })

  it("SHA-256 agrees with node:crypto on any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (s) => {
        expect(sha256Hex(s)).toBe(createHash("sha256").update(s).digest("hex"))
      })
    )
  })

  it("content hashes are stable under key reordering and JSON round-trip", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reparsed = JSON.parse(JSON.stringify(value)) as unknown
        const reordered = JSON.parse(canonicalJson(value)) as unknown
        expect(contentHash(reparsed)).toBe(contentHash(value))
        expect(contentHash(reordered)).toBe(contentHash(value))
      })
    )
  })
})
