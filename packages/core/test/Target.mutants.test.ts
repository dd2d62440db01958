// Examples that pin down Target's behaviour where mutation testing (StrykerJS) showed the other
// tests would not notice a change: breakdowns, filters, rendering of figures not defined, national figures.
import { describe, expect, it } from "vitest"
import { Result } from "effect"
import { Metric, Period, Target } from "@jiritsu/core"
import { FY2013, placementsTarget } from "./fixtures/plan.ts"

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(JSON.stringify(r.failure))
  return r.success
}
const d = Period.unsafeDate

const ev = (kind: Metric.MetricEventKind, personRef: string, date: string, site = "desk", targetGroups: ReadonlyArray<string> = []): Metric.MetricEvent => ({
  kind,
  personRef,
  date: d(date),
  site,
  targetGroups
})

// 内職相談・あっ旋 (延べ) with the brokered ones reported beside it: "5（うち、あっ旋2）".
const homework: Target.Target = Target.fiscalYearTarget({
  id: "homework",
  label: { ja: "内職相談", en: "home-work" },
  metric: "homework_contacts",
  comparator: ">=",
  value: 100,
  basis: "annual-total",
  fiscalYear: FY2013,
  breakdown: { metric: "homework_brokerings", label: { ja: "あっ旋", en: "brokered" } }
})
const homeworkEvents: ReadonlyArray<Metric.MetricEvent> = [
  ev("homework_consultation", "a", "2013-05-10"),
  ev("homework_consultation", "b", "2013-05-11"),
  ev("homework_consultation", "c", "2013-06-12"),
  ev("homework_brokering", "a", "2013-06-20"),
  ev("homework_brokering", "b", "2013-07-20")
]
const plan = (targets: ReadonlyArray<Target.Target>): Target.Plan => ({ id: "p", label: { ja: "計画", en: "plan" }, fiscalYear: FY2013, targets })

describe("a target's breakdown (うち…) is read, reported and rendered beside the actual", () => {
  it("progress reads the breakdown's metric over the same window and filter", () => {
    const p = ok(Target.progress(homework, Metric.foldMap(homeworkEvents), d("2013-09-30")))
    expect(p.actual).toEqual({ _tag: "Count", value: 5 })
    expect(p.breakdown).toEqual({ _tag: "Count", value: 2 })
    expect(Target.targetQueries(homework, d("2013-09-30")).breakdown).toEqual({ metric: "homework_brokerings", filter: { window: { from: "2013-04-01", until: "2013-10-01" } } })
  })

  it("a report from the tally and one from columns (default and several chunks) carry the breakdown", () => {
    const asOf = d("2013-09-30")
    const targets = [placementsTarget, homework]
    const fromTally = ok(Target.report(plan(targets), Metric.foldMap(homeworkEvents), asOf))
    expect(fromTally.rows.map((r) => r.breakdown)).toEqual([undefined, { _tag: "Count", value: 2 }])
    expect(fromTally.rows.map((r) => "breakdown" in r)).toEqual([false, true])
    const cols = ok(Metric.columnsFromEvents(homeworkEvents))
    for (const options of [{}, { chunks: 2 }, { chunks: 3 }]) {
      const fromColumns = ok(Target.reportColumns(plan(targets), cols, asOf, options))
      expect(fromColumns.rows.map((r) => [Metric.numberOf(r.actual), r.breakdown])).toEqual([
        [0, undefined],
        [5, { _tag: "Count", value: 2 }]
      ])
      expect(fromColumns).toEqual(fromTally)
    }
  })

  it("renders the breakdown after the actual in both languages", () => {
    const r = ok(Target.report(plan([homework]), Metric.foldMap(homeworkEvents), d("2013-09-30")))
    expect(Target.reportRows(r)[0]!.actual).toEqual({ ja: "5（うち、あっ旋2）", en: "5 (of which brokered 2)" })
    expect(Target.renderText(r).split("\n")[5]).toBe("  実績 Actual:   5（うち、あっ旋2）（4~9月累計） / 5 (of which brokered 2) (Apr–Sep total)")
  })

  it("before the window there is neither an actual nor a breakdown: a dash, and no 'of which'", () => {
    const r = ok(Target.report(plan([homework]), Metric.foldMap(homeworkEvents), d("2013-03-31")))
    expect(r.rows[0]!.coverage).toEqual({ months: [], partial: true, label: { ja: "未開始", en: "not started" } })
    expect(Target.reportRows(r)[0]).toEqual({
      programme: { ja: "", en: "" },
      indicator: { ja: "内職相談", en: "home-work" },
      target: { ja: "年間延べ100人以上", en: "≥ 100 contacts (延べ) per year" },
      actual: { ja: "—", en: "—" },
      coverage: { ja: "未開始", en: "not started" },
      achievement: "—",
      expected: "0",
      forecast: "—",
      verdict: { ja: "判定不能", en: "not defined" }
    })
    expect(Target.renderText(r).split("\n")[5]).toBe("  実績 Actual:   —（未開始） / — (not started)")
  })

  it("a breakdown answer for a target that names none is not rendered", () => {
    const asOf = d("2013-09-30")
    const q = Target.targetQueries(placementsTarget, asOf)
    const main: Metric.QueryResult = { query: q.main!, value: { _tag: "Count", value: 3 } }
    const extra: Metric.QueryResult = { query: q.main!, value: { _tag: "Count", value: 1 } }
    const p = Target.progressFromResults(placementsTarget, asOf, q, main, extra)
    expect(p.breakdown).toEqual({ _tag: "Count", value: 1 })
    const rows = Target.reportRows({ plan: plan([placementsTarget]), asOf, heading: { ja: "h", en: "h" }, rows: [p] })
    expect(rows[0]!.actual).toEqual({ ja: "3", en: "3" })
  })
})

describe("a target's filter (target groups, sites) narrows what it counts", () => {
  const filtered: Target.Target = { ...placementsTarget, filter: { targetGroups: ["welfare_recipient"], sites: ["shinagawa"] } }
  const events = [
    ev("placement", "a", "2013-05-01", "shinagawa", ["welfare_recipient"]),
    ev("placement", "b", "2013-05-02", "shinagawa", ["needy_person"]),
    ev("placement", "c", "2013-05-03", "meguro", ["welfare_recipient"])
  ]

  it("only events of a listed group at a listed site count", () => {
    expect(Metric.numberOf(ok(Target.progress(filtered, Metric.foldMap(events), d("2014-03-31"))).actual)).toBe(1)
    expect(Target.targetQueries(filtered, d("2014-03-31")).main?.filter).toEqual({
      targetGroups: ["welfare_recipient"],
      sites: ["shinagawa"],
      window: { from: "2013-04-01", until: "2014-04-01" }
    })
  })
})

describe("the queries behind a target", () => {
  const asOf = d("2013-09-30")
  const window = { from: "2013-04-01", until: "2013-10-01" }

  it("totals of distinct people are read without a monthly series; event counts and averages with one", () => {
    const people: Target.Target = { ...placementsTarget, metric: "placed_people" }
    expect(Target.targetQueries(people, asOf).main).toEqual({ metric: "placed_people", filter: { window } })
    expect(Target.targetQueries(placementsTarget, asOf).main).toEqual({ metric: "placements", filter: { window }, byMonth: true })
    const p = ok(Target.progress(people, Metric.foldMap([ev("placement", "a", "2013-05-01"), ev("placement", "a", "2013-06-01")]), asOf))
    expect([p.actual, p.monthly]).toEqual([{ _tag: "Count", value: 1 }, []])
  })

  it("a target naming a metric the catalogue lacks still gets a plain query (evaluation refuses it later)", () => {
    const unknown: Target.Target = { ...placementsTarget, metric: "nope" }
    const q = Target.targetQueries(unknown, asOf)
    expect(q.main).toEqual({ metric: "nope", filter: { window } })
    const p = Target.progressFromResults(unknown, asOf, q, undefined, undefined)
    expect([p.actual, p.expected]).toEqual([{ _tag: "NotDefined", reason: "no_complete_month" }, 250])
  })
})

describe("progress in full", () => {
  it("a total half-way through the year: pro-rated target, forecast = actual ÷ elapsed share", () => {
    const events = [ev("placement", "a", "2013-05-01"), ev("placement", "b", "2013-06-01"), ev("placement", "c", "2013-09-30")]
    const p = ok(Target.progress(placementsTarget, Metric.foldMap(events), d("2013-09-30")))
    expect(p).toEqual({
      target: placementsTarget,
      asOf: "2013-09-30",
      status: "in_progress",
      coverage: { window: { from: "2013-04-01", until: "2013-10-01" }, months: ["2013-04", "2013-05", "2013-06", "2013-07", "2013-08", "2013-09"], partial: true, label: { ja: "4~9月累計", en: "Apr–Sep total" } },
      elapsed: 0.5,
      actual: { _tag: "Count", value: 3 },
      monthly: [
        { month: "2013-04", value: 0 },
        { month: "2013-05", value: 1 },
        { month: "2013-06", value: 1 },
        { month: "2013-07", value: 0 },
        { month: "2013-08", value: 0 },
        { month: "2013-09", value: 1 }
      ],
      expected: 250,
      verdict: "off_track",
      forecast: { _tag: "Count", value: 6 },
      forecastMeetsTarget: false,
      achievement: { _tag: "Rate", value: 3 / 500, numerator: 3, denominator: 500 },
      pace: { _tag: "Rate", value: 3 / 250, numerator: 3, denominator: 250 }
    })
  })

  it("a monthly average is the total of the complete months divided by their number", () => {
    const consult: Target.Target = { ...placementsTarget, id: "c", metric: "consultations", basis: "monthly-average", value: 4 }
    const events = [...["a", "b", "c"].map((p) => ev("consultation", p, "2013-04-10")), ...["a", "b", "c", "d", "e"].map((p) => ev("consultation", p, "2013-05-10")), ev("consultation", "z", "2013-06-10")]
    const p = ok(Target.progress(consult, Metric.foldMap(events), d("2013-06-15")))
    expect(p.actual).toEqual({ _tag: "Average", value: 4, total: 8, months: 2 })
    expect([p.verdict, p.forecast, p.expected]).toEqual(["on_track", { _tag: "Average", value: 4, total: 8, months: 2 }, 4])
  })

  it("a monthly average before its first complete month is not defined for want of a complete month", () => {
    const consult: Target.Target = { ...placementsTarget, id: "c", metric: "consultations", basis: "monthly-average", value: 4 }
    const p = ok(Target.progress(consult, Metric.empty, d("2013-04-20")))
    expect([p.actual, p.achievement, p.pace, p.forecast]).toEqual(Array(4).fill({ _tag: "NotDefined", reason: "no_complete_month" }))
  })

  it("an answer to a monthly average that carries no months is not defined for want of a complete month", () => {
    const consult: Target.Target = { ...placementsTarget, id: "c", metric: "consultations", basis: "monthly-average", value: 4 }
    const asOf = d("2013-06-15")
    const q = Target.targetQueries(consult, asOf)
    const p = Target.progressFromResults(consult, asOf, q, { query: q.main!, value: { _tag: "Count", value: 8 } }, undefined)
    expect([p.actual, p.verdict]).toEqual([{ _tag: "NotDefined", reason: "no_complete_month" }, "not_defined"])
  })

  it("an answer handed in before the window starts forecasts nothing: no time has elapsed", () => {
    const asOf = d("2013-03-31")
    const q = Target.targetQueries(placementsTarget, asOf)
    const p = Target.progressFromResults(placementsTarget, asOf, q, { query: { metric: "placements" }, value: { _tag: "Count", value: 5 } }, undefined)
    expect([p.elapsed, p.actual, p.forecast, "forecastMeetsTarget" in p]).toEqual([0, { _tag: "Count", value: 5 }, { _tag: "NotDefined", reason: "no_elapsed_time" }, false])
  })

  it("a forecast too large for a number is not defined (invalid operand), never Infinity", () => {
    const asOf = d("2013-04-01")
    const q = Target.targetQueries(placementsTarget, asOf)
    const p = Target.progressFromResults(placementsTarget, asOf, q, { query: q.main!, value: { _tag: "Count", value: 1.7e308 } }, undefined)
    expect(p.forecast).toEqual({ _tag: "NotDefined", reason: "invalid_operand" })
  })
})

describe("calendar months", () => {
  it("a month the window covers only from its middle to its end counts by its days", () => {
    expect(Target.monthMeasure(Period.unsafeWindow("2013-04-16", "2013-05-01"))).toBe(0.5)
    expect(Target.monthMeasure(Period.unsafeWindow("2013-04-16", "2013-06-01"))).toBe(1.5)
  })
})

describe("reports", () => {
  it("the heading names the fiscal year, the plan and the date, in both languages", () => {
    const r = ok(Target.report(plan([placementsTarget]), Metric.empty, d("2013-09-30")))
    expect(r.heading).toEqual({ ja: "平成25年度 計画（平成25年9月30日現在）", en: "FY2013 plan (as of 2013-09-30)" })
    const c = ok(Target.reportColumns(plan([placementsTarget]), ok(Metric.columnsFromEvents([])), d("2013-09-30")))
    expect(c.heading).toEqual(r.heading)
  })

  it("reports from columns use the catalogue given, and read all rows by default or with odd chunk counts", { timeout: 20_000 }, () => {
    const visits = { _tag: "Count", id: "employer_visits", label: { ja: "事業所訪問", en: "employer visits" }, unit: { ja: "件", en: "visits" }, kinds: ["employer_contact"], counting: "events" }
    const catalog = ok(Metric.makeCatalog([...Metric.builtinMetrics, visits]))
    const t: Target.Target = { ...placementsTarget, id: "v", metric: "employer_visits" }
    const events = [ev("employer_contact", "a", "2013-05-01"), ev("employer_contact", "b", "2013-06-01"), ev("placement", "a", "2013-06-02")]
    const cols = ok(Metric.columnsFromEvents(events))
    const asOf = d("2013-09-30")
    const expected = ok(Target.report(plan([t, placementsTarget]), Metric.foldMap(events), asOf, catalog))
    expect(expected.rows.map((r) => Metric.numberOf(r.actual))).toEqual([2, 1])
    // Counts that are not finite numbers read every row once, too (NaN once read none; Infinity hung).
    for (const chunks of [undefined, 1, 0.5, -1, 7, NaN, Infinity, -Infinity]) {
      const r = Target.reportColumns(plan([t, placementsTarget]), cols, asOf, { catalog, ...(chunks === undefined ? {} : { chunks }) })
      expect(ok(r)).toEqual(expected)
    }
  })
})

describe("the national placement-rate indicator as a target", () => {
  it("is an annual ≥ 67 % target named after its year, with a filter only when one is given", () => {
    const fy = Period.unsafeFiscalYear(2017)
    const base = {
      id: "placement_rate_2017",
      label: { ja: "就職率（就労自立促進事業）", en: "placement rate (employment self-reliance programme)" },
      metric: "placement_rate",
      comparator: ">=",
      value: 0.67,
      basis: "annual-total",
      fiscalYear: 2017,
      citation: "P2",
      window: { from: "2017-04-01", until: "2018-04-01" }
    }
    expect(Target.placementRateTarget(fy)).toStrictEqual(base)
    expect(Target.placementRateTarget(fy, { targetGroups: ["needy_person"] })).toStrictEqual({ ...base, filter: { targetGroups: ["needy_person"] } })
  })
})

describe("national figures", () => {
  const ym = Period.unsafeMonth("2016-06")
  const tally = Metric.foldMap([
    ...Array.from({ length: 22 }, (_, i) => ev("intake", `n${i}`, "2016-06-15", "s", ["needy_person"])),
    ...Array.from({ length: 10 }, (_, i) => ev("plan_made", `n${i}`, "2016-06-15", "s", ["needy_person"])),
    ev("consultation", "x", "2016-06-15", "s", ["welfare_recipient"]),
    ev("intake", "w", "2016-06-15", "s", ["welfare_recipient"])
  ])

  it("every item with its count, rate, and the benchmark only where FY2016 has one; a rate equal to the benchmark meets it", () => {
    const rows = ok(Target.nationalMonthlyFigures(tally, ym, { population: 100_000, filter: { targetGroups: ["needy_person"] } }))
    const rate = (n: number) => ({ _tag: "Rate", value: n, numerator: n, denominator: 1 })
    expect(rows).toStrictEqual([
      { item: "new_consultations", label: { ja: "新規相談受付件数", en: "new consultations" }, count: 22, per100kPerMonth: rate(22), benchmark: 22, meetsBenchmark: true },
      { item: "plans_made", label: { ja: "プラン作成件数", en: "plans made" }, count: 10, per100kPerMonth: rate(10), benchmark: 11, meetsBenchmark: false },
      { item: "employment_support_clients", label: { ja: "就労支援対象者数", en: "employment-support clients" }, count: 0, per100kPerMonth: rate(0), benchmark: 7, meetsBenchmark: false },
      { item: "placed", label: { ja: "就労者数", en: "people placed" }, count: 0, per100kPerMonth: rate(0) },
      { item: "earning_more", label: { ja: "増収者数", en: "people earning more" }, count: 0, per100kPerMonth: rate(0) },
      { item: "placed_or_earning_more", label: { ja: "就労・増収者数", en: "people placed or earning more" }, count: 0, per100kPerMonth: rate(0) }
    ])
  })

  it("without a population the rates are not defined for want of one, and nothing is judged against a benchmark", () => {
    const rows = ok(Target.nationalMonthlyFigures(tally, ym))
    expect(rows.map((r) => [r.per100kPerMonth, "meetsBenchmark" in r])).toEqual(Array(6).fill([{ _tag: "NotDefined", reason: "zero_population" }, false]))
  })

  it("reads the items with the catalogue given, and refuses a catalogue that lacks them", () => {
    const catalog = ok(Metric.makeCatalog(Metric.builtinMetrics.map((m) => (m.id === "new_consultations" && m._tag === "Count" ? { ...m, kinds: ["consultation"] } : m))))
    const rows = ok(Target.nationalMonthlyFigures(tally, ym, { catalog }))
    expect(rows[0]!.count).toBe(1)
    const bare = ok(Metric.makeCatalog(Metric.builtinMetrics.filter((m) => m.id === "placements")))
    const r = Target.nationalMonthlyFigures(tally, ym, { catalog: bare })
    expect(Result.isFailure(r) && r.failure).toEqual({ _tag: "MetricError", code: "unknown_metric", path: ["metric"], message: 'unknown metric "new_consultations"', messageJa: "未定義の指標です: new_consultations" })
  })

  it("a population so small that the per-100k denominator underflows to 0 gives no rate (invalid operand)", () => {
    expect(Target.per100kPerMonth(0, 5e-324, 1)).toEqual({ _tag: "NotDefined", reason: "invalid_operand" })
  })
})
