import { describe, expect, it } from "vitest"
import fc from "fast-check"
import { Result, Schema } from "effect"
import { Metric, Period, Target } from "@jiritsu/core"
import { FY2013, placementsTarget, samplePlan } from "./fixtures/plan.ts"
import { coverage } from "./coverage.ts"
import { arbAsOfFor, arbMetricEventsFor, arbPlan, arbTarget, arbTargetOutsideFiscalYear } from "./arbitraries.ts"

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(JSON.stringify(r.failure))
  return r.success
}
const d = Period.unsafeDate

const placementsOn = (dates: ReadonlyArray<string>): Metric.Tally =>
  Metric.foldMap(dates.map((date, i) => ({ kind: "placement", personRef: `p${i}`, date: d(date), site: "desk", targetGroups: [] })))

describe("rendering a report", () => {
  const plan: Target.Plan = {
    id: "p",
    label: { ja: "計画|A", en: "plan|A" },
    fiscalYear: FY2013,
    citation: "c",
    targets: [
      Target.fiscalYearTarget({ id: "placements", label: { ja: "就職件数", en: "placements" }, metric: "placements", comparator: ">=", value: 1200, basis: "annual-total", fiscalYear: FY2013, programme: { ja: "就労支援", en: "employment support" } }),
      Target.fiscalYearTarget({ id: "consult", label: { ja: "相談|窓口", en: "consultations" }, metric: "consultations", comparator: "<=", value: 40, basis: "monthly-average", fiscalYear: FY2013 })
    ]
  }
  // Two placements and one consultation in the first half of FY2013, reported on 1 October.
  const tally = Metric.foldMap([
    { kind: "placement", personRef: "a", date: d("2013-05-10"), site: "x", targetGroups: [] },
    { kind: "placement", personRef: "b", date: d("2013-06-10"), site: "x", targetGroups: [] },
    { kind: "consultation", personRef: "a", date: d("2013-04-10"), site: "x", targetGroups: [] }
  ])
  const r = ok(Target.report(plan, tally, d("2013-10-01")))

  it("counts with thousands separators and rounding, shares to one decimal", () => {
    expect([1234567, -1234.6, 999, 0.4, 1000].map(Target.formatCount)).toEqual(["1,234,567", "-1,235", "999", "0", "1,000"])
    expect([0.675, 1, 0.0004, 0.0006].map(Target.formatPercent)).toEqual(["67.5%", "100.0%", "0.0%", "0.1%"])
  })

  it("a target in words: per year or month or window, at least, at most or exactly, 延べ before the number, rates as shares", () => {
    const [placements, consult] = plan.targets
    expect(Target.describeTarget(placements!)).toEqual({ ja: "年間1,200件以上", en: "≥ 1,200 cases per year" })
    expect(Target.describeTarget(consult!)).toEqual({ ja: "月間延べ40人以下", en: "≤ 40 contacts (延べ) per month" })
    expect(Target.describeTarget({ ...placements!, basis: "multi-year", comparator: "=" })).toEqual({ ja: "期間計1,200件", en: "= 1,200 cases over the window" })
    expect(Target.describeTarget({ ...placements!, metric: "placement_rate", value: 0.675 })).toEqual({ ja: "67.5%以上", en: "≥ 67.5%" })
    expect(Target.describeTarget({ ...placements!, metric: "no_such_metric" })).toEqual({ ja: "1200以上", en: "≥ 1200" })
  })

  it("as text: the heading in both languages, then one block per target", () => {
    expect(Target.renderText(r).split("\n")).toEqual([
      "平成25年度 計画|A（平成25年10月1日現在）",
      "FY2013 plan|A (as of 2013-10-01)",
      "",
      "■ 就労支援 — 就職件数 / placements",
      "  目標 Target:   年間1,200件以上 / ≥ 1,200 cases per year",
      "  実績 Actual:   2（4月1日~10月1日累計） / 2 (Apr 1–Oct 1 total)",
      "  達成率 0.2% · 按分目標 603 · 見通し 4 · 遅れ / off track",
      "■ 相談|窓口 / consultations",
      "  目標 Target:   月間延べ40人以下 / ≤ 40 contacts (延べ) per month",
      "  実績 Actual:   0（4~9月平均） / 0 (Apr–Sep average)",
      "  達成率 0.4% · 按分目標 40 · 見通し 0 · 順調 / on track",
      ""
    ])
  })

  it("as Markdown: a bilingual header row, cells with both languages (one when they agree), pipes escaped", () => {
    const lines = Target.renderMarkdown(r).split("\n")
    expect(lines.slice(0, 3)).toEqual(["### 平成25年度 計画|A（平成25年10月1日現在）", "### FY2013 plan|A (as of 2013-10-01)", ""])
    expect(lines[3]).toBe("| 事業 / Programme | 指標 / Indicator | 目標 / Target | 実績 / Actual | 集計期間 / Window | 達成率 / Achievement | 按分目標 / Pro-rated target | 年度末見通し / Forecast | 評価 / Verdict |")
    expect(lines[4]).toBe("|---|---|---|---|---|---|---|---|---|")
    expect(lines.slice(5)).toEqual([
      "| 就労支援<br>employment support | 就職件数<br>placements | 年間1,200件以上<br>≥ 1,200 cases per year | 2 | 4月1日~10月1日累計<br>Apr 1–Oct 1 total | 0.2% | 603 | 4 | 遅れ<br>off track |",
      "|  | 相談\\|窓口<br>consultations | 月間延べ40人以下<br>≤ 40 contacts (延べ) per month | 0 | 4~9月平均<br>Apr–Sep average | 0.4% | 40 | 0 | 順調<br>on track |",
      ""
    ])
    const english = ok(Target.report({ ...plan, targets: [{ ...plan.targets[0]!, programme: { ja: "", en: "support" } }] }, tally, d("2013-10-01")))
    expect(Target.renderMarkdown(english).split("\n")[5]!.startsWith("| support | ")).toBe(true)
  })

  it("the verdicts' labels", () => {
    expect(Object.entries(Target.verdictLabels).map(([k, l]) => `${k}:${l.ja}/${l.en}`)).toEqual(["met:達成/met", "not_met:未達成/not met", "on_track:順調/on track", "off_track:遅れ/off track", "not_defined:判定不能/not defined"])
  })
})

describe("coverage labels: which part of the window a figure covers, in words", () => {
  const total = Target.fiscalYearTarget({ id: "p", label: { ja: "就職", en: "placements" }, metric: "placements", comparator: ">=", value: 12, basis: "annual-total", fiscalYear: FY2013 })
  const average: Target.Target = { ...total, id: "c", metric: "consultations", basis: "monthly-average" }
  const multi: Target.Target = { ...total, id: "m", basis: "multi-year", window: { from: d("2013-04-01"), until: d("2016-04-01") } }
  const label = (t: Target.Target, asOf: string) => {
    const p = ok(Target.progress(t, Metric.foldMap([]), d(asOf)))
    return [p.status, p.coverage.partial, p.coverage.label.ja, p.coverage.label.en]
  }

  it("totals so far, a whole year, a multi-year window in progress and complete", () => {
    expect(label(total, "2013-10-01")).toEqual(["in_progress", true, "4月1日~10月1日累計", "Apr 1–Oct 1 total"])
    expect(label(total, "2014-03-31")).toEqual(["complete", false, "年間累計", "annual total"])
    expect(label(multi, "2014-05-01")).toEqual(["in_progress", true, "2013年4月1日~2014年5月1日累計", "2013-04-01 – 2014-05-01 total"])
    expect(label(multi, "2016-03-31")).toEqual(["complete", false, "期間累計", "total over the window"])
  })

  it("averages over the complete months only: none yet, one, several, the whole year", () => {
    expect(label(average, "2013-04-15")).toEqual(["in_progress", true, "完了月なし", "no complete month yet"])
    expect(label(average, "2013-05-02")).toEqual(["in_progress", true, "4月平均", "Apr average"])
    expect(label(average, "2013-06-30")).toEqual(["in_progress", true, "4~6月平均", "Apr–Jun average"])
    expect(label(average, "2014-03-31")).toEqual(["complete", false, "年間平均", "annual average"])
  })
})

describe("verdicts at the boundary of each comparator", () => {
  const two = placementsOn(["2013-05-01", "2013-06-01"])
  const at = (comparator: Target.Comparator, value: number, tolerance?: number) =>
    ok(Target.progress({ ...placementsTarget, comparator, value, ...(tolerance === undefined ? {} : { tolerance }) }, two, d("2014-03-31"))).verdict

  it("at least, at most: the goal itself counts as met; exactly: within the tolerance", () => {
    expect([at(">=", 2), at(">=", 3), at("<=", 2), at("<=", 1)]).toEqual(["met", "not_met", "met", "not_met"])
    expect([at("=", 3, 1), at("=", 4, 1), at("=", 2), at("=", 3)]).toEqual(["met", "not_met", "met", "not_met"])
  })
})

describe("validation: every refusal in full", () => {
  const fail = (r: Result.Result<unknown, Target.TargetError>) => (Result.isFailure(r) ? r.failure : undefined)
  const err = (code: Target.TargetError["code"], path: ReadonlyArray<string | number>, message: string, messageJa: string) => ({ _tag: "TargetError", code, path, message, messageJa })
  const FY2014 = Period.unsafeFiscalYear(2014)

  it("unknown metrics, windows outside the year, a monthly average of a rate or over part months", () => {
    expect(fail(Target.validateTarget({ ...placementsTarget, metric: "nope" }))).toEqual(err("unknown_metric", ["metric"], 'unknown metric "nope"', "未定義の指標です: nope"))
    expect(fail(Target.validateTarget({ ...placementsTarget, breakdown: { metric: "nope", label: { ja: "内訳", en: "of which" } } } as Target.Target))).toEqual(
      err("unknown_metric", ["breakdown", "metric"], 'unknown metric "nope"', "未定義の指標です: nope")
    )
    expect(fail(Target.validateTarget({ ...placementsTarget, basis: "multi-year", window: { from: d("2013-03-01"), until: d("2016-04-01") } }))).toEqual(
      err("window_outside_fiscal_year", ["window", "from"], "a multi-year window must start in FY2013", "複数年度目標の期間は平成25年度中に始まる必要があります")
    )
    expect(fail(Target.validateTarget({ ...placementsTarget, window: { from: d("2013-04-01"), until: d("2014-05-01") } }))).toEqual(
      err("window_outside_fiscal_year", ["window"], "window [2013-04-01, 2014-05-01) is not inside FY2013 [2013-04-01, 2014-04-01)", "目標期間が平成25年度の範囲外です")
    )
    expect(fail(Target.validateTarget({ ...placementsTarget, metric: "placement_rate", basis: "monthly-average" }))).toEqual(
      err("unsupported_basis", ["basis"], "ratio placement_rate cannot have a monthly-average target (an average of monthly ratios is not the ratio)", "率の指標に月間平均の目標は設定できません")
    )
    expect(fail(Target.validateTarget({ ...placementsTarget, basis: "monthly-average", window: { from: d("2013-04-01"), until: d("2013-06-15") } }))).toEqual(
      err("misaligned_window", ["window"], "a monthly-average window must cover whole months", "月間平均の目標期間は月単位である必要があります")
    )
  })

  it("a plan's targets: unique ids, the plan's year, each target's own errors under its index", () => {
    const plan = (targets: ReadonlyArray<Target.Target>): Target.Plan => ({ id: "p", label: { ja: "計画", en: "plan" }, fiscalYear: FY2013, citation: "c", targets })
    expect(fail(Target.validatePlan(plan([placementsTarget, placementsTarget])))).toEqual(err("duplicate_id", ["targets", 1, "id"], "duplicate target id placements", "目標IDが重複しています: placements"))
    expect(fail(Target.validatePlan(plan([Target.fiscalYearTarget({ ...placementsTarget, fiscalYear: FY2014 })])))).toEqual(
      err("window_outside_fiscal_year", ["targets", 0, "fiscalYear"], "target FY2014 in a FY2013 plan", "目標の年度が計画の年度（平成25年度）と異なります")
    )
    expect(fail(Target.validatePlan(plan([placementsTarget, { ...placementsTarget, id: "b", metric: "nope" }])))?.path).toEqual(["targets", 1, "metric"])
  })

  it("malformed input: every issue in the message, the first one's path, and the path in Japanese", () => {
    const e = fail(Target.decodeTarget({ ...JSON.parse(JSON.stringify(placementsTarget)), value: "many", basis: "weekly" }))
    expect([e?.code, e?.path, e?.messageJa]).toEqual(["invalid_input", ["value"], "目標データが不正です（value）"])
    expect(e?.message.split("; ").map((m) => m.split(":")[0]).sort()).toEqual(["basis", "value"])
  })
})

describe("validation", () => {
  it("refuses a window outside its fiscal year", () => {
    const r = Target.validateTarget({ ...placementsTarget, window: Period.unsafeWindow("2013-04-01", "2014-04-02") })
    expect(Result.isFailure(r) && r.failure.code).toBe("window_outside_fiscal_year")
    expect(Result.isFailure(r) && r.failure.path).toEqual(["window"])
    expect(Result.isFailure(r) && r.failure.messageJa).toContain("平成25年度")
  })

  it("labels multi-year coverage with years", () => {
    const five = { ...placementsTarget, basis: "multi-year" as const, value: 1000, window: Period.unsafeWindow("2013-04-01", "2018-04-01") }
    expect(ok(Target.progress(five, Metric.empty, d("2015-10-31"))).coverage.label).toEqual({ ja: "2013年4月~2015年10月累計", en: "Apr 2013–Oct 2015 total" })
    expect(ok(Target.progress(five, Metric.empty, d("2015-10-15"))).coverage.label).toEqual({ ja: "2013年4月1日~2015年10月15日累計", en: "2013-04-01 – 2015-10-15 total" })
    expect(ok(Target.progress(five, Metric.empty, d("2015-10-31"))).expected).toBeCloseTo((1000 * 31) / 60, 9)
  })

  it("lets a multi-year window run past the year it starts in, but not start outside it", () => {
    const five = { ...placementsTarget, basis: "multi-year" as const, value: 1000, window: Period.unsafeWindow("2013-04-01", "2018-04-01") }
    expect(Result.isSuccess(Target.validateTarget(five))).toBe(true)
    const early = Target.validateTarget({ ...five, window: Period.unsafeWindow("2013-03-01", "2018-04-01") })
    expect(Result.isFailure(early) && early.failure.path).toEqual(["window", "from"])
  })

  it("needs whole months for monthly averages and count metrics for them", () => {
    const monthly = { ...placementsTarget, basis: "monthly-average" as const, value: 40 }
    const r = Target.validateTarget({ ...monthly, window: Period.unsafeWindow("2013-04-15", "2013-10-01") })
    expect(Result.isFailure(r) && r.failure.code).toBe("misaligned_window")
    const ratio = Target.validateTarget({ ...monthly, metric: "placement_rate" })
    expect(Result.isFailure(ratio) && ratio.failure.code).toBe("unsupported_basis")
  })

  it("names unknown metrics and the failing target of a plan", () => {
    const plan: Target.Plan = { id: "p", label: { ja: "計画", en: "plan" }, fiscalYear: FY2013, targets: [placementsTarget, { ...placementsTarget, id: "x", metric: "smiles" }] }
    const r = Target.validatePlan(plan)
    expect(Result.isFailure(r) && r.failure).toMatchObject({ code: "unknown_metric", path: ["targets", 1, "metric"] })
    const dup = Target.validatePlan({ ...plan, targets: [placementsTarget, placementsTarget] })
    expect(Result.isFailure(dup) && dup.failure.code).toBe("duplicate_id")
  })

  it("decodes plans from unknown input with field paths", () => {
    const input = JSON.parse(JSON.stringify(samplePlan))
    expect(ok(Target.decodePlan(input))).toEqual(samplePlan)
    input.targets[2].comparator = "≥"
    const r = Target.decodePlan(input)
    expect(Result.isFailure(r) && r.failure.path).toEqual(["targets", 2, "comparator"])
  })
})

describe("progress", () => {
  const tally = placementsOn([...Array.from({ length: 300 }, () => "2013-06-10"), "2013-10-15"])

  it("pro-rates by elapsed months and marks a mid-month cut", () => {
    const p = ok(Target.progress(placementsTarget, tally, d("2013-10-15")))
    expect(p.coverage.label).toEqual({ ja: "4月1日~10月15日累計", en: "Apr 1–Oct 15 total" })
    expect(p.elapsed).toBeCloseTo((6 + 15 / 31) / 12, 12)
    expect(p.actual).toEqual({ _tag: "Count", value: 301 })
    expect(p.verdict).toBe("on_track")
    expect(p.monthly.map((m) => m.value)).toEqual([0, 0, 300, 0, 0, 0, 1])
  })

  it("reports nothing before the window and no average before a month is complete", () => {
    const before = ok(Target.progress(placementsTarget, tally, d("2013-03-31")))
    expect(before).toMatchObject({ status: "not_started", verdict: "not_defined", expected: 0, actual: { _tag: "NotDefined", reason: "not_started" } })
    const monthly = { ...placementsTarget, basis: "monthly-average" as const, value: 40 }
    const early = ok(Target.progress(monthly, tally, d("2013-04-20")))
    expect(early).toMatchObject({ verdict: "not_defined", actual: { _tag: "NotDefined", reason: "no_complete_month" } })
    expect(early.coverage.label.en).toBe("no complete month yet")
  })

  it("judges a cap (<=) and an exact target (=) with tolerance", () => {
    const cap = { ...placementsTarget, comparator: "<=" as const, value: 120 }
    expect(ok(Target.progress(cap, tally, d("2013-06-30"))).verdict).toBe("off_track") // 300 > 120 × 3/12
    expect(ok(Target.progress(cap, tally, d("2014-03-31"))).verdict).toBe("not_met")
    const exact = { ...placementsTarget, comparator: "=" as const, value: 300, tolerance: 1 }
    expect(ok(Target.progress(exact, tally, d("2014-03-31"))).verdict).toBe("met")
  })

  it("reads the national placement-rate indicator (≥ 67 %) as a target", () => {
    const target = Target.placementRateTarget(Period.unsafeFiscalYear(2017))
    const events: ReadonlyArray<Metric.MetricEvent> = [
      ...["a", "b", "c"].map((p) => ({ kind: "employment_support_started" as const, personRef: p, date: d("2017-05-01"), site: "s", targetGroups: [] })),
      ...["a", "b"].map((p) => ({ kind: "placement" as const, personRef: p, date: d("2017-08-01"), site: "s", targetGroups: [] }))
    ]
    const p = ok(Target.progress(target, Metric.foldMap(events), d("2018-03-31")))
    expect(p.actual).toEqual({ _tag: "Rate", value: 2 / 3, numerator: 2, denominator: 3 })
    expect(p.verdict).toBe("not_met") // 66.7 % < 67 %
    expect(Target.describeTarget(target).ja).toBe("67.0%以上")
    const none = ok(Target.progress(target, Metric.empty, d("2018-03-31")))
    expect(none).toMatchObject({ verdict: "not_defined", actual: { _tag: "NotDefined", reason: "zero_denominator" } })
  })
})

describe("national figures (支援状況調査)", () => {
  const ym = Period.unsafeMonth("2016-06")
  const e = (kind: Metric.MetricEventKind, p: string): Metric.MetricEvent => ({ kind, personRef: p, date: d("2016-06-15"), site: "s", targetGroups: ["needy_person"] })
  const tally = Metric.foldMap([
    ...Array.from({ length: 30 }, (_, i) => e("intake", `n${i}`)),
    ...Array.from({ length: 12 }, (_, i) => e("plan_made", `n${i}`)),
    ...Array.from({ length: 8 }, (_, i) => e("employment_support_started", `n${i}`)),
    e("placement", "n0"),
    e("placement", "n1"),
    e("earnings_increase", "n1"),
    e("earnings_increase", "n2")
  ])

  it("counts the survey items and rates them per 100k population per month against the 目安値", () => {
    const rows = ok(Target.nationalMonthlyFigures(tally, ym, { population: 120_000 }))
    expect(rows.map((r) => [r.item, r.count])).toEqual([
      ["new_consultations", 30],
      ["plans_made", 12],
      ["employment_support_clients", 8],
      ["placed", 2],
      ["earning_more", 2],
      ["placed_or_earning_more", 3]
    ])
    const first = rows[0]!
    expect(Metric.numberOf(first.per100kPerMonth)).toBeCloseTo(25, 12)
    expect(first).toMatchObject({ benchmark: 22, meetsBenchmark: true })
    expect(rows[1]).toMatchObject({ benchmark: 11, meetsBenchmark: false }) // 10 < 11
  })

  it("holds the FY2015–FY2017 benchmarks as data", () => {
    const of = (fy: number) => Target.benchmarks.filter((b) => b.fiscalYear === fy).map((b) => [b.item, b.per100kPerMonth])
    expect(of(2015)).toEqual([["new_consultations", 20], ["plans_made", 10], ["employment_support_clients", 6]])
    expect(of(2017)).toEqual([["new_consultations", 24], ["plans_made", 12], ["employment_support_clients", 7]])
  })

  it("says a rate for a population of zero is not defined", () => {
    expect(Target.per100kPerMonth(10, 0, 1)).toEqual({ _tag: "NotDefined", reason: "zero_population" })
    // 30 people in 3 months among 200,000 residents: 5 per 100,000 a month, over 6 "100k-months".
    const rate = Target.per100kPerMonth(30, 200_000, 3)
    expect(rate).toMatchObject({ _tag: "Rate", numerator: 30, denominator: 6 })
    expect(Metric.numberOf(rate)).toBeCloseTo(5, 12)
    expect(Target.per100kPerMonth(0, 200_000, 3)).toEqual({ _tag: "Rate", value: 0, numerator: 0, denominator: 6 })
    expect([Target.per100kPerMonth(30, 200_000, 0), Target.per100kPerMonth(30, 200_000, Infinity)]).toEqual([{ _tag: "NotDefined", reason: "no_elapsed_time" }, { _tag: "NotDefined", reason: "no_elapsed_time" }])
    expect([Target.per100kPerMonth(-1, 200_000, 3), Target.per100kPerMonth(Number.NaN, 200_000, 3)]).toEqual([{ _tag: "NotDefined", reason: "invalid_operand" }, { _tag: "NotDefined", reason: "invalid_operand" }])
    const rows = ok(Target.nationalMonthlyFigures(tally, ym))
    expect(rows.every((r) => r.per100kPerMonth._tag === "NotDefined" && r.meetsBenchmark === undefined)).toBe(true)
  })
})

// ---------------------------------------------------------------------------------------------

const numbersOf = (p: Target.Progress): ReadonlyArray<number> => {
  const values = [p.actual, p.forecast, p.achievement, p.pace, ...(p.breakdown ? [p.breakdown] : [])]
  return [
    p.expected,
    p.elapsed,
    ...p.monthly.map((m) => m.value),
    ...values.flatMap((v) => (v._tag === "NotDefined" ? [] : v._tag === "Rate" ? [v.value, v.numerator, v.denominator] : v._tag === "Average" ? [v.value, v.total] : [v.value]))
  ]
}

const isProgress = Schema.is(Target.Progress)

const arbTargetAndAsOf = arbTarget.chain((t) => arbAsOfFor(t).map((asOf) => [t, asOf] as const))

describe("properties", () => {
  it("the pro-rated expectation at the window's end equals the target exactly (≥ 5 % of runs met, ≥ 20 % not met)", () => {
    const cov = coverage({ met: 0.05, notMet: 0.2 })
    fc.assert(
      fc.property(arbTarget.chain((t) => fc.tuple(fc.constant(t), arbMetricEventsFor([t]))), ([t, events]) => {
        cov.run()
        const p = ok(Target.progress(t, Metric.foldMap(events), Period.lastDay(t.window)))
        cov.hit("met", p.verdict === "met")
        cov.hit("notMet", p.verdict === "not_met")
        expect(p.expected).toBe(t.value)
        expect(p.elapsed).toBe(1)
        expect(p.status).toBe("complete")
        expect(["met", "not_met", "not_defined"]).toContain(p.verdict)
      })
    )
    cov.check()
  })

  it("the expectation never decreases as time passes and stays within [0, value] (≥ 10 % of runs start before the window, ≥ 30 % inside, ≥ 10 % after; ≥ 20 % see it grow)", () => {
    const cov = coverage({ before: 0.1, inside: 0.3, after: 0.1, grows: 0.2 })
    fc.assert(
      fc.property(
        arbTarget.chain((t) => {
          const days = Period.lengthInDays(t.window)
          return fc.tuple(fc.constant(t), fc.oneof(fc.integer({ min: -40, max: -1 }), fc.integer({ min: 0, max: days - 1 }), fc.integer({ min: 0, max: days - 1 }), fc.integer({ min: days, max: days + 400 })))
        }),
        fc.integer({ min: 0, max: 400 }),
        ([t, offset], step) => {
        cov.run()
        const a = Period.addDays(t.window.from, offset)
        const b = Period.addDays(a, step)
        cov.hit(a < t.window.from ? "before" : a < t.window.until ? "inside" : "after")
        const ea = ok(Target.progress(t, Metric.empty, a)).expected
        const eb = ok(Target.progress(t, Metric.empty, b)).expected
        cov.hit("grows", ea < eb)
        expect(ea).toBeLessThanOrEqual(eb)
        expect(ea).toBeGreaterThanOrEqual(0)
        expect(eb).toBeLessThanOrEqual(t.value)
        }
      )
    )
    cov.check()
  })

  it("no figure is ever NaN or Infinity, whatever the target, events and date (≥ 5 % of runs with an actual not defined, ≥ 20 % with a non-zero actual)", () => {
    const cov = coverage({ notDefined: 0.05, nonZero: 0.2 })
    fc.assert(
      fc.property(arbTargetAndAsOf.chain(([t, asOf]) => fc.tuple(fc.constant(t), fc.constant(asOf), arbMetricEventsFor([t]))), ([t, asOf, events]) => {
        cov.run()
        const p = ok(Target.progress(t, Metric.foldMap(events), asOf))
        cov.hit("notDefined", p.actual._tag === "NotDefined")
        cov.hit("nonZero", p.actual._tag !== "NotDefined" && p.actual.value > 0)
        for (const n of numbersOf(p)) expect(Number.isFinite(n)).toBe(true)
        expect(isProgress(p)).toBe(true) // the output satisfies its own Schema (what the REST layer encodes)
        if (p.actual._tag === "NotDefined") expect(p.verdict).toBe("not_defined")
      })
    )
    cov.check()
  })

  it("the derived figures are what their names say: achievement = actual / target, pace = actual / pro-rated target, a total's forecast = actual / elapsed share, an average's or a rate's forecast = actual, and forecastMeetsTarget judges the forecast (≥ 20 % of runs forecast a total, ≥ 10 % an average or rate, ≥ 20 % with a non-zero actual)", () => {
    const cov = coverage({ total: 0.2, flat: 0.1, nonZero: 0.2 })
    const meets = (x: number, t: Target.Target) => (t.comparator === ">=" ? x >= t.value : t.comparator === "<=" ? x <= t.value : Math.abs(x - t.value) <= (t.tolerance ?? 0))
    fc.assert(
      fc.property(arbTargetAndAsOf.chain(([t, asOf]) => fc.tuple(fc.constant(t), fc.constant(asOf), arbMetricEventsFor([t]))), ([t, asOf, events]) => {
        cov.run()
        const p = ok(Target.progress(t, Metric.foldMap(events), asOf))
        const a = Metric.numberOf(p.actual)
        if (a === undefined) {
          // No actual figure: every derived figure says why, as the actual does.
          expect([p.achievement, p.pace, p.forecast]).toEqual([p.actual, p.actual, p.actual])
          expect("forecastMeetsTarget" in p).toBe(false)
          return
        }
        cov.hit("nonZero", a > 0)
        const share = (num: number, den: number) => (den === 0 ? { _tag: "NotDefined", reason: "zero_target" } : Metric.ratio(num, den))
        expect(p.achievement).toEqual(share(a, t.value))
        expect(p.pace).toEqual(share(a, p.expected))
        const flat = p.actual._tag !== "Count" || t.basis === "monthly-average"
        cov.hit(flat ? "flat" : "total")
        if (flat) expect(p.forecast).toEqual(p.actual)
        else if (p.elapsed > 0) expect(Metric.numberOf(p.forecast)).toBeCloseTo(a / p.elapsed, 9)
        else expect(p.forecast).toEqual({ _tag: "NotDefined", reason: "no_elapsed_time" })
        const f = Metric.numberOf(p.forecast)
        expect(p.forecastMeetsTarget).toBe(f === undefined ? undefined : meets(f, t))
      })
    )
    cov.check()
  })

  it("progress from hand-made query results (any values, months or none) is still finite (≥ 20 % of runs not defined, ≥ 30 % with months, ≥ 5 % above 1e200)", () => {
    const cov = coverage({ notDefined: 0.2, months: 0.3, huge: 0.05 })
    const arbValue: fc.Arbitrary<Metric.MetricValue> = fc.oneof(
      fc.double({ min: 0, max: 1e300, noNaN: true }).map((value) => ({ _tag: "Count" as const, value })),
      fc.constant(Metric.notDefined("zero_denominator"))
    )
    fc.assert(
      fc.property(arbTargetAndAsOf, arbValue, fc.option(fc.array(fc.double({ min: 0, max: 1e300, noNaN: true }), { maxLength: 3 })), ([t, asOf], value, months) => {
        cov.run()
        cov.hit("notDefined", value._tag === "NotDefined")
        cov.hit("months", months !== null && months.length > 0)
        cov.hit("huge", value._tag === "Count" && value.value > 1e200)
        const q = Target.targetQueries(t, asOf)
        const main: Metric.QueryResult | undefined =
          q.main === undefined ? undefined : { query: q.main, value, ...(months === null ? {} : { months: months.map((v) => ({ month: Period.unsafeMonth("2013-04"), value: v })) }) }
        const p = Target.progressFromResults(t, asOf, q, main, undefined)
        for (const n of numbersOf(p)) expect(Number.isFinite(n)).toBe(true)
      })
    )
    cov.check()
  })

  it("a monthly average covers exactly the complete months, and says when that is partial (≥ 20 % of runs are monthly averages, ≥ 10 % partial, ≥ 8 % with a complete month)", () => {
    const cov = coverage({ monthly: 0.2, partial: 0.1, someComplete: 0.08 })
    fc.assert(
      fc.property(arbTargetAndAsOf, ([t, asOf]) => {
        cov.run()
        if (t.basis !== "monthly-average") return
        cov.hit("monthly")
        const p = ok(Target.progress(t, Metric.empty, asOf))
        const all = Metric.monthsOfWindow(t.window)
        const complete = all.filter((m) => Period.lastDay(Period.monthWindow(m)) <= asOf)
        expect(p.coverage.months).toEqual(complete)
        expect(p.coverage.partial).toBe(complete.length < all.length)
        cov.hit("partial", complete.length < all.length)
        cov.hit("someComplete", complete.length > 0)
        if (complete.length > 0) expect(p.actual).toMatchObject({ _tag: "Average", months: complete.length })
      })
    )
    cov.check()
  })

  it("the report from columns (any chunking) equals the report from the tally (≥ 20 % of runs with a non-zero actual)", () => {
    const cov = coverage({ nonZero: 0.2 })
    fc.assert(
      fc.property(arbPlan.chain((plan) => fc.tuple(fc.constant(plan), arbMetricEventsFor(plan.targets))), fc.integer({ min: 1, max: 5 }), ([plan, events], chunks) => {
        cov.run()
        const asOf = Period.addDays(Period.fiscalYearWindow(plan.fiscalYear).from, 200)
        const cols = ok(Metric.columnsFromEvents(events))
        const fromTally = ok(Target.report(plan, Metric.foldMap(events), asOf))
        cov.hit("nonZero", fromTally.rows.some((r) => r.actual._tag !== "NotDefined" && r.actual.value > 0))
        expect(ok(Target.reportColumns(plan, cols, asOf, { chunks }))).toEqual(fromTally)
      })
    )
    cov.check()
  })

  it("a generated window outside its fiscal year is a typed error (≥ 20 % of runs start before the year, ≥ 20 % end after it)", () => {
    const cov = coverage({ startsBefore: 0.2, endsAfter: 0.2 })
    fc.assert(
      fc.property(arbTargetOutsideFiscalYear, (t) => {
        cov.run()
        const fy = Period.fiscalYearWindow(t.fiscalYear)
        cov.hit("startsBefore", t.window.from < fy.from)
        cov.hit("endsAfter", t.window.until > fy.until)
        const r = Target.validateTarget(t)
        return Result.isFailure(r) && r.failure.code === "window_outside_fiscal_year"
      })
    )
    cov.check()
  })

  it("generated unknown input is a typed error, never an exception (≥ 30 % of runs are a target with one defect)", () => {
    const cov = coverage({ nearlyTarget: 0.3 })
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          arbTarget.chain((t) =>
            fc.oneof(
              fc.constant({ ...t, value: -1 }),
              fc.constant({ ...t, value: Number.NaN }),
              fc.constant({ ...t, value: Number.POSITIVE_INFINITY }),
              fc.string().map((metric) => ({ ...t, metric })),
              fc.constant({ ...t, basis: "weekly" }),
              fc.constant({ ...t, window: { from: t.window.until, until: t.window.from } })
            )
          )
        ),
        (input) => {
          cov.run()
          cov.hit("nearlyTarget", typeof input === "object" && input !== null && "fiscalYear" in input)
          const r = Target.decodeTarget(input)
          return Result.isFailure(r) && r.failure._tag === "TargetError"
        }
      )
    )
    cov.check()
  })

  it("generated valid targets decode and validate (≥ 10 % of runs for each basis)", () => {
    const cov = coverage({ "annual-total": 0.1, "monthly-average": 0.1, "multi-year": 0.1 })
    fc.assert(
      fc.property(arbTarget, (t) => {
        cov.run()
        cov.hit(t.basis as "annual-total" | "monthly-average" | "multi-year")
        return Result.isSuccess(Target.decodeTarget(JSON.parse(JSON.stringify(t))))
      })
    )
    cov.check()
  })

  it("per-100k rates are finite or not defined for any inputs (≥ 5 % of runs defined, ≥ 20 % not)", () => {
    const cov = coverage({ defined: 0.05, notDefined: 0.2 })
    const positive = fc.double({ min: 1e-3, max: 1e9, noNaN: true })
    fc.assert(
      fc.property(fc.oneof(fc.tuple(fc.double(), fc.double(), fc.double()), fc.tuple(positive, positive, positive)), ([count, population, months]) => {
        cov.run()
        const v = Target.per100kPerMonth(count, population, months)
        cov.hit(v._tag === "NotDefined" ? "notDefined" : "defined")
        return v._tag === "NotDefined" || (Number.isFinite(v.value) && v.value >= 0)
      })
    )
    cov.check()
  })
})
