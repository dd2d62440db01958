import { createHash } from "node:crypto"
import fc from "fast-check"
import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Period } from "@jiritsu/core"
import { canonicalJson, contentHash, sha256Hex } from "../src/internal/hash.ts"
import { decodeWith } from "../src/internal/decode.ts"
import { coverage } from "./coverage.ts"
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

describe("Period: edges found by mutation testing", () => {
  it("leap years follow the Gregorian rule: every 4th year, but not centuries, except every 400th", () => {
    expect([1900, 2000, 2100, 2400, 2024, 2023].map((y) => Period.daysInMonth(y, 2))).toEqual([28, 29, 28, 29, 29, 28])
    expect(Result.isSuccess(Period.parseDate("2000-02-29"))).toBe(true)
    expect(Result.isFailure(Period.parseDate("1900-02-29"))).toBe(true)
    expect(Period.addDays(d("2100-02-28"), 1)).toBe("2100-03-01")
    expect(Period.addDays(d("2000-02-28"), 1)).toBe("2000-02-29")
    expect(Period.fromDayNumber(Period.toDayNumber(d("2000-03-01")))).toBe("2000-03-01")
    expect(Period.fromDayNumber(Period.toDayNumber(d("2100-12-31")))).toBe("2100-12-31")
  })

  it("April, June, September and November have 30 days; the others 31 (February aside)", () => {
    expect(Array.from({ length: 12 }, (_, i) => Period.daysInMonth(2013, i + 1))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    for (const bad of ["2013-04-31", "2013-06-31", "2013-09-31", "2013-11-31", "2013-01-00", "2013-00-10", "2013-13-01", "1872-12-31", "10000-01-01"]) {
      expect(Result.isFailure(Period.parseDate(bad)), bad).toBe(true)
    }
    for (const good of ["2013-01-31", "2013-12-31", "1873-01-01", "9999-12-31", "2013-01-01"]) expect(Result.isSuccess(Period.parseDate(good)), good).toBe(true)
  })

  it("errors say what was wrong with what", () => {
    expect(Period.parseDate("2013-02-30")).toEqual(Result.fail({ _tag: "PeriodError", input: "2013-02-30", reason: "not a calendar date YYYY-MM-DD (1873–9999)" }))
    expect(Period.parseInstant("2013-04-15T25:00:00Z")).toEqual(Result.fail({ _tag: "PeriodError", input: "2013-04-15T25:00:00Z", reason: "not an ISO instant YYYY-MM-DDTHH:MM:SS(.fff)Z" }))
    expect(() => Period.unsafeDate("x")).toThrow('Period.unsafeDate: "x" is not a calendar date YYYY-MM-DD')
    expect(() => Period.unsafeInstant("2013-04-15")).toThrow('Period.unsafeInstant: not an ISO instant YYYY-MM-DDTHH:MM:SS(.fff)Z: "2013-04-15"')
    expect(() => Period.unsafeMonth("2013-13")).toThrow('Period.unsafeMonth: "2013-13" is not YYYY-MM')
    expect(() => Period.unsafeFiscalYear(1872)).toThrow("Period.unsafeFiscalYear: 1872")
    expect(() => Period.unsafeWindow("2013-04-02", "2013-04-01")).toThrow("Period.unsafeWindow: until (2013-04-01) must be after from (2013-04-02)")
    const decodeAt = <S extends Schema.Top>(schema: S, value: unknown) => decodeWith(Schema.Struct({ at: schema }))({ at: value })
    expect(decodeAt(Period.LocalDate, "2013-02-30")).toMatchObject({ _tag: "Failure", failure: [{ path: ["at"], message: 'expected a calendar date YYYY-MM-DD (1873–9999), got "2013-02-30"' }] })
    expect(decodeAt(Period.Instant, "2013-04-15T09:30:00")).toMatchObject({ _tag: "Failure", failure: [{ path: ["at"], message: 'expected an ISO instant YYYY-MM-DDTHH:MM:SS(.fff)Z, got "2013-04-15T09:30:00"' }] })
    expect(decodeAt(Period.YearMonth, "1872-12")).toMatchObject({ _tag: "Failure", failure: [{ path: ["at"], message: 'expected a month YYYY-MM, got "1872-12"' }] })
    expect(decodeAt(Period.Window, { from: "2013-04-02", until: "2013-04-01" })).toMatchObject({ _tag: "Failure", failure: [{ path: ["at", "until"], message: "until (2013-04-01) must be after from (2013-04-02)" }] })
    expect(Period.parseEra("令和0年1月1日")).toEqual(Result.fail({ _tag: "PeriodError", input: "令和0年1月1日", reason: "expected an era date such as 令和4年3月1日" }))
    expect(Period.parseEra("平成31年5月1日")).toEqual(Result.fail({ _tag: "PeriodError", input: "平成31年5月1日", reason: "after 平成 ended (令和 began 2019-05-01)" }))
    expect(Period.parseEra("平成1年1月7日")).toEqual(Result.fail({ _tag: "PeriodError", input: "平成元年1月7日", reason: "before 平成 began (1989-01-08)" }))
    expect(Period.parseEra("令和1年2月30日")).toEqual(Result.fail({ _tag: "PeriodError", input: "令和元年2月30日", reason: "no such calendar day" }))
    expect(Period.parseFiscalYearLabel("令和0年度")).toEqual(Result.fail({ _tag: "PeriodError", input: "令和0年度", reason: "expected a fiscal-year label such as 平成25年度" }))
    expect(Period.parseFiscalYearLabel("令和8000年度")).toEqual(Result.fail({ _tag: "PeriodError", input: "令和8000年度", reason: "fiscal year out of range" }))
    expect(Period.parseFiscalYearLabel("昭和70年度")).toEqual(Result.fail({ _tag: "PeriodError", input: "昭和70年度", reason: "昭和 was not in force during that fiscal year" }))
  })

  it("instants: parsed with or without fractions, refused out of range; their date and the start of a day", () => {
    for (const good of ["2013-04-15T09:30:00Z", "2013-04-15T23:59:59.123Z", "2013-04-15T00:00:00.000000001Z"]) expect(Result.isSuccess(Period.parseInstant(good)), good).toBe(true)
    for (const bad of ["2013-04-15T24:00:00Z", "2013-04-15T09:60:00Z", "2013-02-30T09:00:00Z", "2013-04-15 09:30:00Z", "2013-04-15T09:30:00+09:00"]) expect(Result.isFailure(Period.parseInstant(bad)), bad).toBe(true)
    expect(Period.unsafeInstant("2013-04-15T09:30:00Z")).toBe("2013-04-15T09:30:00Z")
    expect(Period.dateOfInstant(Period.unsafeInstant("2013-04-15T23:30:00Z"))).toBe("2013-04-15")
    expect(Period.startOfDay(d("2013-04-15"))).toBe("2013-04-15T00:00:00Z")
  })

  it("fromParts accepts whole numbers naming a day only", () => {
    expect(Period.fromParts(2013, 4, 15)).toBe("2013-04-15")
    expect(Period.fromParts(2013.5, 4, 15)).toBeUndefined()
    expect(Period.fromParts(2013, 4.5, 15)).toBeUndefined()
    expect(Period.fromParts(2013, 4, 1.5)).toBeUndefined()
    expect(Period.fromParts(2013, 2, 29)).toBeUndefined()
  })

  it("day numbers and months clamp at the calendar's ends (1873-01-01 … 9999-12-31)", () => {
    expect(Period.addDays(d("1873-01-01"), -1)).toBe("1873-01-01")
    expect(Period.addDays(d("9999-12-31"), 1)).toBe("9999-12-31")
    expect(Period.addMonths(d("1873-02-15"), -2)).toBe("1873-01-01")
    expect(Period.addMonths(d("1873-02-15"), -1)).toBe("1873-01-15")
    expect(Period.addMonths(d("9999-11-15"), 2)).toBe("9999-12-31")
    expect(Period.addMonths(d("9999-11-15"), 1)).toBe("9999-12-15")
    expect(Period.toDayNumber(d("1970-01-01"))).toBe(0)
    expect(Period.toDayNumber(d("2000-03-01"))).toBe(11017)
  })

  it("orders dates, and picks the earlier and the later", () => {
    expect(Period.compareDates(d("2013-04-01"), d("2013-04-02"))).toBe(-1)
    expect(Period.compareDates(d("2013-04-02"), d("2013-04-01"))).toBe(1)
    expect(Period.compareDates(d("2013-04-01"), d("2013-04-01"))).toBe(0)
    expect(Period.minDate(d("2013-04-02"), d("2013-04-01"))).toBe("2013-04-01")
    expect(Period.maxDate(d("2013-04-01"), d("2013-04-02"))).toBe("2013-04-02")
  })

  it("months: between, window, fiscal index; windows: within, overlap at an edge, last day", () => {
    const m = Period.unsafeMonth
    expect(Period.monthsBetween(m("2013-04"), m("2013-10"))).toBe(6)
    expect(Period.monthsBetween(m("2013-11"), m("2014-02"))).toBe(3)
    expect(Period.monthsBetween(m("2014-02"), m("2013-11"))).toBe(-3)
    expect(Period.monthWindow(m("2013-12"))).toEqual({ from: "2013-12-01", until: "2014-01-01" })
    expect([m("2013-04"), m("2013-12"), m("2014-01"), m("2014-03")].map(Period.fiscalMonthIndex)).toEqual([1, 9, 10, 12])
    const fy = Period.fiscalYearWindow(Period.unsafeFiscalYear(2013))
    expect(Period.within({ from: d("2013-04-01"), until: d("2014-04-01") }, fy)).toBe(true)
    expect(Period.within({ from: d("2013-03-31"), until: d("2013-05-01") }, fy)).toBe(false)
    expect(Period.within({ from: d("2013-05-01"), until: d("2014-04-02") }, fy)).toBe(false)
    expect(Period.overlaps({ from: d("2013-04-01"), until: d("2013-05-01") }, { from: d("2013-05-01"), until: d("2013-06-01") })).toBe(false)
    expect(Period.overlaps({ from: d("2013-04-01"), until: d("2013-05-02") }, { from: d("2013-05-01"), until: d("2013-06-01") })).toBe(true)
    expect(Period.lastDay(fy)).toBe("2014-03-31")
    expect(Period.fiscalYearOfMonth(m("2014-03"))).toBe(2013)
  })

  it("eras: the era in force, labels with 元年, full-width digits and spaces", () => {
    expect(Period.eraOf(d("1873-01-01")).name).toBe("明治")
    expect(Period.eraOf(d("1912-07-30")).name).toBe("大正")
    expect(Period.eraOf(d("1912-07-29")).name).toBe("明治")
    expect(Period.formatEra(d("2019-05-01"))).toBe("令和元年5月1日")
    expect(Period.formatEra(d("2019-04-30"))).toBe("平成31年4月30日")
    expect(Period.parseEra("令和 ４年 ３月 １日")).toEqual(Result.succeed("2022-03-01"))
    expect(Period.fiscalYearLabel(Period.unsafeFiscalYear(1988))).toBe("昭和63年度")
    expect(Period.fiscalYearLabel(Period.unsafeFiscalYear(2019))).toBe("令和元年度")
    expect(Period.parseFiscalYearLabel("平成31年度")).toEqual(Result.succeed(2019))
    expect(Period.parseFiscalYearLabel("平成元年度")).toEqual(Result.succeed(1989))
  })
})

describe("Period: the bounds of fiscal years, labels and months", () => {
  it("fiscal years run from 1873 (明治6年度) to 9998, the last whose March ends inside the calendar", () => {
    expect(Period.unsafeFiscalYear(1873)).toBe(1873)
    expect(Period.unsafeFiscalYear(9998)).toBe(9998)
    expect(() => Period.unsafeFiscalYear(9999)).toThrow("Period.unsafeFiscalYear: 9999")
    expect(Period.parseFiscalYearLabel("明治6年度")).toEqual(Result.succeed(1873))
    expect(Period.parseFiscalYearLabel("明治5年度")).toEqual(Result.fail({ _tag: "PeriodError", input: "明治5年度", reason: "fiscal year out of range" }))
    expect(Period.parseFiscalYearLabel("令和7980年度")).toEqual(Result.succeed(9998))
    expect(Period.parseFiscalYearLabel("令和7981年度")).toEqual(Result.fail({ _tag: "PeriodError", input: "令和7981年度", reason: "fiscal year out of range" }))
  })

  it("months start at 1873-01, by the schema and by unsafeMonth alike", () => {
    const decodeAt = (value: unknown) => decodeWith(Schema.Struct({ at: Period.YearMonth }))({ at: value })
    expect(decodeAt("1873-01")).toEqual(Result.succeed({ at: "1873-01" }))
    expect(Period.unsafeMonth("1873-01")).toBe("1873-01")
    expect(() => Period.unsafeMonth("1872-12")).toThrow('Period.unsafeMonth: "1872-12" is not YYYY-MM')
  })

  it("text that is no era date or label at all is refused, never thrown on", () => {
    for (const junk of ["", "2013-04-01", "平成", "令和四年度", "H25"]) {
      expect(Period.parseEra(junk), junk).toEqual(Result.fail({ _tag: "PeriodError", input: junk, reason: "expected an era date such as 令和4年3月1日" }))
      expect(Period.parseFiscalYearLabel(junk), junk).toEqual(Result.fail({ _tag: "PeriodError", input: junk, reason: "expected a fiscal-year label such as 平成25年度" }))
    }
  })

  it("two windows that touch do not overlap, whichever comes first", () => {
    const april = { from: d("2013-04-01"), until: d("2013-05-01") }
    const may = { from: d("2013-05-01"), until: d("2013-06-01") }
    expect([Period.overlaps(april, may), Period.overlaps(may, april)]).toEqual([false, false])
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
  it("every date lies in exactly one fiscal year, and inside its window (≥ 10 % of runs on 3/31 or 4/1)", () => {
    const cov = coverage({ fyBoundary: 0.1 })
    fc.assert(
      fc.property(fc.oneof(arbAnyLocalDate, arbEdgeDate, fc.tuple(fc.integer({ min: 1874, max: 9998 }), fc.boolean()).map(([y, end]) => Period.unsafeDate(`${y}-${end ? "03-31" : "04-01"}`))), (date) => {
        cov.run()
        cov.hit("fyBoundary", date.endsWith("-03-31") || date.endsWith("-04-01"))
        const fy = Period.fiscalYearOf(date)
        const containing = [fy - 1, fy, fy + 1].filter(
          (y) => y >= 1873 && y <= 9998 && Period.contains(Period.fiscalYearWindow(y as Period.FiscalYear), date)
        )
        return containing.length === 1 && containing[0] === fy
      })
    )
    cov.check()
  })

  it("the months of a fiscal year partition it (April first, no gap, no overlap; ≥ 15 % of runs hold a 29 February)", () => {
    const cov = coverage({ leap: 0.15 })
    fc.assert(
      fc.property(arbFiscalYear, (fy) => {
        cov.run()
        cov.hit("leap", Period.daysInMonth(fy + 1, 2) === 29)
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
    cov.check()
  })

  it("every date lies in exactly one month and one quarter of its fiscal year (≥ 10 % of runs on a month's first or last day)", () => {
    const cov = coverage({ monthEdge: 0.1 })
    fc.assert(
      fc.property(fc.oneof(arbLocalDate, arbEdgeDate), (date) => {
        cov.run()
        cov.hit("monthEdge", date.endsWith("-01") || Period.addDays(date, 1).endsWith("-01"))
        const fy = Period.fiscalYearOf(date)
        const months = Period.monthsOfFiscalYear(fy).filter((m) => Period.contains(Period.monthWindow(m), date))
        const quarters = ([1, 2, 3, 4] as const).filter((q) => Period.contains(Period.quarterWindow(fy, q), date))
        return months.length === 1 && quarters.length === 1 && quarters[0] === Period.quarterOf(date).quarter
      })
    )
    cov.check()
  })

  it("era label ↔ date round-trips (≥ 10 % of runs within three days of a change of era)", () => {
    const cov = coverage({ eraChange: 0.1 })
    const changes = ["1989-01-08", "2019-05-01"].map((x) => Period.toDayNumber(Period.unsafeDate(x)))
    fc.assert(
      fc.property(fc.oneof(arbAnyLocalDate, arbEdgeDate), (date) => {
        cov.run()
        cov.hit("eraChange", changes.some((c) => Math.abs(Period.toDayNumber(date) - c) <= 3))
        expect(Period.parseEra(Period.formatEra(date))).toEqual(Result.succeed(date))
        expect(Period.fromEra(Period.toEra(date))).toEqual(Result.succeed(date))
      })
    )
    cov.check()
  })

  it("fiscal-year labels round-trip (≥ 10 % of runs in the first year of an era, 元年)", () => {
    const cov = coverage({ gannen: 0.1 })
    fc.assert(
      fc.property(fc.oneof(arbFiscalYear, fc.constantFrom(1988, 1989, 2018, 2019, 2020).map(Period.unsafeFiscalYear)), (fy) => {
        cov.run()
        cov.hit("gannen", Period.fiscalYearLabel(fy).includes("元年"))
        expect(Period.parseFiscalYearLabel(Period.fiscalYearLabel(fy))).toEqual(Result.succeed(fy))
      })
    )
    cov.check()
  })

  it("day numbers are a bijection and addDays is a group action (≥ 20 % of runs step back, ≥ 20 % forward, ≥ 5 % not at all)", () => {
    const cov = coverage({ back: 0.2, forward: 0.2, zero: 0.05 })
    fc.assert(
      fc.property(arbLocalDate, fc.oneof(fc.integer({ min: -5000, max: 5000 }), fc.constant(0), fc.integer({ min: -3, max: 3 })), fc.integer({ min: -5000, max: 5000 }), (date, a, b) => {
        cov.run()
        cov.hit(a < 0 ? "back" : a > 0 ? "forward" : "zero")
        expect(Period.fromDayNumber(Period.toDayNumber(date))).toBe(date)
        expect(Period.addDays(Period.addDays(date, a), b)).toBe(Period.addDays(date, a + b))
        expect(Period.diffDays(date, Period.addDays(date, a))).toBe(a)
        expect(Period.compareDates(date, Period.addDays(date, a))).toBe(a === 0 ? 0 : a > 0 ? -1 : 1)
      })
    )
    cov.check()
  })

  it("age grows by exactly one per completed year and never decreases (≥ 20 % of runs pass a birthday, ≥ 5 % born on 29 February)", () => {
    const cov = coverage({ birthday: 0.2, leapBirth: 0.05 })
    fc.assert(
      fc.property(fc.oneof(arbLocalDate, arbEdgeDate, fc.constantFrom("1992-02-29", "2000-02-29", "2004-02-29", "2012-02-29").map(Period.unsafeDate)), arbLocalDate, fc.integer({ min: 1, max: 400 }), (birth, asOf, step) => {
        cov.run()
        cov.hit("leapBirth", birth.endsWith("02-29"))
        const later = Period.addDays(asOf, step)
        const a = Period.ageAt(birth, asOf), b = Period.ageAt(birth, later)
        cov.hit("birthday", b > a)
        expect(b).toBeGreaterThanOrEqual(a)
        expect(b - a).toBeLessThanOrEqual(Math.ceil(step / 365) + 1)
        expect(Period.ageAt(birth, Period.addMonths(birth, 12 * 18))).toBe(birth.endsWith("02-29") ? 17 : 18)
      })
    )
    cov.check()
  })

  it("window intersection is commutative and inside both (≥ 20 % of runs overlap, ≥ 20 % do not, ≥ 5 % probe a shared day, ≥ 5 % touch at an edge)", () => {
    const cov = coverage({ overlap: 0.2, disjoint: 0.2, sharedDay: 0.05, touching: 0.05 })
    fc.assert(
      fc.property(
        arbWindow.chain((a) => fc.tuple(fc.constant(a), fc.oneof(arbWindow, fc.integer({ min: 1, max: 400 }).map((n) => ({ from: a.until, until: Period.addDays(a.until, n) })), fc.integer({ min: 0, max: 30 }).map((n) => ({ from: Period.addDays(a.from, n), until: Period.addDays(a.until, n) }))))),
        arbLocalDate,
        ([a, b], anyDate) => {
        cov.run()
        const i = Period.intersect(a, b)
        const date = i !== undefined && anyDate < a.from ? i.from : anyDate
        cov.hit(i !== undefined ? "overlap" : "disjoint")
        cov.hit("sharedDay", i !== undefined && Period.contains(i, date))
        cov.hit("touching", a.until === b.from || b.until === a.from)
        expect(i).toEqual(Period.intersect(b, a))
        expect(i !== undefined).toBe(Period.overlaps(a, b))
        expect(i !== undefined && Period.contains(i, date)).toBe(Period.contains(a, date) && Period.contains(b, date))
        }
      )
    )
    cov.check()
  })

  it("malformed dates never decode and never throw (≥ 20 % of runs are shaped YYYY-MM-DD)", () => {
    const cov = coverage({ dateShaped: 0.2 })
    fc.assert(
      fc.property(arbMalformedDate, (s) => {
        cov.run()
        cov.hit("dateShaped", /^\d{4}-\d{2}-\d{2}$/.test(s))
        const r = decodeWith(Schema.Struct({ at: Period.LocalDate }))({ at: s })
        return Result.isFailure(r) && r.failure[0]!.path[0] === "at"
      })
    )
    cov.check()
  })

  it("the Instant and YearMonth schemas accept every instant and month of a calendar date, and refuse malformed text with a message (≥ 20 % of runs date-shaped)", () => {
    const decode = <S extends Schema.Top>(schema: S, value: unknown) => decodeWith(Schema.Struct({ at: schema }))({ at: value })
    const cov = coverage({ dateShaped: 0.2 })
    fc.assert(
      fc.property(arbLocalDate, arbMalformedDate, (date, junk) => {
        cov.run()
        cov.hit("dateShaped", /^\d{4}-\d{2}-\d{2}$/.test(junk))
        expect(decode(Period.Instant, `${date}T09:30:00Z`)).toEqual(Result.succeed({ at: `${date}T09:30:00Z` }))
        expect(decode(Period.YearMonth, date.slice(0, 7))).toEqual(Result.succeed({ at: date.slice(0, 7) }))
        const instant = decode(Period.Instant, `${junk}T09:30:00Z`)
        expect(Result.isFailure(instant) && instant.failure[0]!.path).toEqual(["at"])
        const month = decode(Period.YearMonth, junk)
        expect(Result.isFailure(month) && month.failure[0]!.message).toBe(`expected a month YYYY-MM, got ${JSON.stringify(junk)}`)
      })
    )
    cov.check()
  })

  it("window succeeds exactly when both ends are dates and from < until, and then equals unsafeWindow (≥ 20 % of runs each way, ≥ 5 % with equal ends)", () => {
    const end = fc.oneof({ weight: 3, arbitrary: arbLocalDate as fc.Arbitrary<string> }, { weight: 1, arbitrary: arbMalformedDate })
    // Half the pairs share or nearly share a date, so the equal-ends boundary is reached.
    const pair = fc.oneof(fc.tuple(end, end), end.chain((a) => fc.tuple(fc.constant(a), Result.isSuccess(Period.parseDate(a)) ? fc.integer({ min: -1, max: 1 }).map((n) => Period.addDays(a as Period.LocalDate, n) as string) : end)))
    const cov = coverage({ ok: 0.2, failed: 0.2, equalEnds: 0.05 })
    fc.assert(
      fc.property(pair, ([from, until]) => {
        cov.run()
        const r = Period.window(from, until)
        const valid = Result.isSuccess(Period.parseDate(from)) && Result.isSuccess(Period.parseDate(until)) && from < until
        cov.hit("equalEnds", from === until)
        cov.hit(Result.isSuccess(r) ? "ok" : "failed")
        expect(Result.isSuccess(r)).toBe(valid)
        if (Result.isSuccess(r)) {
          expect(r.success).toEqual(Period.unsafeWindow(from, until))
          expect(Period.lengthInDays(r.success)).toBeGreaterThan(0)
        } else {
          expect(() => Period.unsafeWindow(from, until)).toThrow(RangeError)
          expect(r.failure._tag).toBe("PeriodError")
        }
      })
    )
    cov.check()
  })

  it("SHA-256 agrees with node:crypto on any text (≥ 30 % of runs beyond ASCII, ≥ 20 % longer than one 64-byte block)", () => {
    const cov = coverage({ unicode: 0.3, multiBlock: 0.2 })
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "grapheme", maxLength: 300 }), fc.string({ unit: "grapheme", maxLength: 300, size: "max" })), (s) => {
        cov.run()
        cov.hit("unicode", /[^\x00-\x7f]/.test(s))
        cov.hit("multiBlock", Buffer.byteLength(s, "utf8") > 55)
        expect(sha256Hex(s)).toBe(createHash("sha256").update(s).digest("hex"))
      })
    )
    cov.check()
  })

  it("content hashes are stable under key reordering and JSON round-trip (≥ 20 % of runs hold an object with two keys or more)", () => {
    const cov = coverage({ keys: 0.2 })
    const hasKeys = (v: unknown): boolean => v !== null && typeof v === "object" && (Object.keys(v).length > 1 || Object.values(v).some(hasKeys))
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        cov.run()
        cov.hit("keys", hasKeys(value))
        const reparsed = JSON.parse(JSON.stringify(value)) as unknown
        const reordered = JSON.parse(canonicalJson(value)) as unknown
        expect(contentHash(reparsed)).toBe(contentHash(value))
        expect(contentHash(reordered)).toBe(contentHash(value))
      })
    )
    cov.check()
  })
})
