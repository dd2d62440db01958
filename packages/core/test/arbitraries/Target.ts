import fc from "fast-check"
import { Metric, Period, Target } from "@jiritsu/core"
import { arbMetricEvents, metricGroups, metricSites } from "./Metric.ts"

/** Fiscal years the Metric event generators cover (FY2011 begins before them, FY2014 barely starts). */
export const arbTargetFiscalYear: fc.Arbitrary<Period.FiscalYear> = fc.constantFrom(2011, 2012, 2013, 2014).map(Period.unsafeFiscalYear)

/** Filters: none, non-empty lists of pool values, or (rarely) an empty list that nothing passes. */
const arbTargetFilter: fc.Arbitrary<Target.TargetFilter> = fc.record(
  {
    targetGroups: fc.oneof({ weight: 4, arbitrary: fc.subarray([...metricGroups], { minLength: 1 }) }, { weight: 1, arbitrary: fc.constant([]) }),
    sites: fc.oneof({ weight: 4, arbitrary: fc.subarray([...metricSites], { minLength: 1 }) }, { weight: 1, arbitrary: fc.constant([]) })
  },
  { requiredKeys: [] }
)

const countMetrics = Metric.builtinMetrics.filter((m) => m._tag === "Count").map((m) => m.id)
const ratioMetrics = Metric.builtinMetrics.filter((m) => m._tag === "Ratio").map((m) => m.id)

/** Any valid window for a basis inside (or, for multi-year, starting in) a fiscal year. */
const arbWindowFor = (basis: Target.Basis, fy: Period.FiscalYear): fc.Arbitrary<Period.Window> => {
  const fyw = Period.fiscalYearWindow(fy)
  const fyFrom = Period.toDayNumber(fyw.from)
  const fyDays = Period.lengthInDays(fyw)
  if (basis === "monthly-average") {
    return fc
      .tuple(fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 12 }))
      .map(([start, length]) => {
        const months = Period.monthsOfFiscalYear(fy)
        const first = months[start]!
        const last = months[Math.min(11, start + length - 1)]!
        return { from: Period.monthWindow(first).from, until: Period.monthWindow(last).until }
      })
  }
  if (basis === "annual-total") {
    return fc
      .tuple(fc.integer({ min: 0, max: fyDays - 1 }), fc.integer({ min: 1, max: fyDays }))
      .map(([start, length]) => ({ from: Period.fromDayNumber(fyFrom + start), until: Period.fromDayNumber(Math.min(fyFrom + fyDays, fyFrom + start + length)) }))
  }
  return fc
    .tuple(fc.integer({ min: 0, max: fyDays - 1 }), fc.integer({ min: 1, max: 5 * 366 }))
    .map(([start, length]) => ({ from: Period.fromDayNumber(fyFrom + start), until: Period.fromDayNumber(fyFrom + start + length) }))
}

/** Valid targets of one fiscal year, every basis and comparator, values including 0 and fractions. */
export const arbTargetIn = (fy: Period.FiscalYear): fc.Arbitrary<Target.Target> => fc
  .constantFrom<Target.Basis>("monthly-average", "annual-total", "multi-year")
  .chain((basis) =>
    fc.record({
      id: fc.constantFrom("t1", "t2", "t3"),
      label: fc.constant({ ja: "目標", en: "target" }),
      metric: basis === "monthly-average" ? fc.constantFrom(...countMetrics) : fc.constantFrom(...countMetrics, ...ratioMetrics),
      filter: arbTargetFilter,
      comparator: fc.constantFrom<Target.Comparator>(">=", "<=", "="),
      value: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2000 }), fc.double({ min: 0, max: 5000, noNaN: true, noDefaultInfinity: true })),
      basis: fc.constant(basis),
      fiscalYear: fc.constant(fy),
      window: arbWindowFor(basis, fy),
      tolerance: fc.double({ min: 0, max: 10, noNaN: true, noDefaultInfinity: true })
    })
  )

/** Valid targets of every basis and comparator, values including 0 and fractions. */
export const arbTarget: fc.Arbitrary<Target.Target> = arbTargetFiscalYear.chain(arbTargetIn)

/** An as-of date around a target's window: before, inside, on the last day, after. */
export const arbAsOfFor = (t: Target.Target): fc.Arbitrary<Period.LocalDate> => {
  const from = Period.toDayNumber(t.window.from)
  const last = Period.toDayNumber(Period.lastDay(t.window))
  return fc.oneof(
    fc.integer({ min: from - 40, max: last + 40 }).map(Period.fromDayNumber),
    fc.constant(Period.lastDay(t.window)),
    fc.constant(t.window.from)
  )
}

/** Targets whose window leaves their fiscal year (or, multi-year, starts outside it). */
export const arbTargetOutsideFiscalYear: fc.Arbitrary<Target.Target> = arbTarget.chain((t) => {
  const fyw = Period.fiscalYearWindow(t.fiscalYear)
  return fc.integer({ min: 1, max: 400 }).chain((shift) =>
    fc.constantFrom<Target.Target>(
      t.basis === "multi-year"
        ? { ...t, window: { from: Period.addDays(fyw.from, -shift), until: Period.addDays(fyw.until, shift) } }
        : { ...t, basis: "annual-total", metric: "placements", window: { from: Period.addDays(fyw.from, -shift), until: t.window.until > Period.addDays(fyw.from, -shift) ? t.window.until : fyw.until } },
      { ...t, basis: "annual-total", metric: "placements", window: { from: t.window.from, until: Period.addDays(fyw.until, shift) } }
    ).filter((x) => x.basis !== "multi-year" || !Period.contains(fyw, x.window.from))
  )
})

/** Plans of up to four generated targets of one fiscal year. */
export const arbPlan: fc.Arbitrary<Target.Plan> = arbTargetFiscalYear.chain((fy) =>
  fc.array(arbTargetIn(fy), { minLength: 1, maxLength: 4 }).map((ts) => ({
    id: "plan",
    label: { ja: "計画", en: "plan" },
    fiscalYear: fy,
    targets: ts.map((t, i) => ({ ...t, id: `t${i}` }))
  }))
)

/** The event kinds a metric counts (both sides of a ratio). */
const kindsOf = (metric: string): ReadonlyArray<Metric.MetricEventKind> => {
  const m = Metric.defaultCatalog.metrics.get(metric)
  if (m === undefined) return Metric.eventKinds
  if (m._tag === "Count") return m.kinds
  return [...kindsOf(m.numerator), ...kindsOf(m.denominator)]
}

/**
 * Events for some targets: generated events, about half of them moved into a target's window,
 * given a kind that target counts and, where it filters, one of its sites and groups — so actuals
 * are often non-zero, and sometimes only partly inside the window.
 */
export const arbMetricEventsFor = (targets: ReadonlyArray<Target.Target>): fc.Arbitrary<ReadonlyArray<Metric.MetricEvent>> =>
  arbMetricEvents.chain((events) =>
    fc.array(fc.tuple(fc.boolean(), fc.nat(), fc.nat(), fc.nat()), { minLength: events.length, maxLength: events.length }).map((moves) =>
      events.map((e, i) => {
        const [move, which, day, pick] = moves[i]!
        if (!move || targets.length === 0) return e
        const t = targets[which % targets.length]!
        const kinds = kindsOf(t.metric)
        const kind = kinds[pick % kinds.length]!
        const sites = t.filter?.sites
        const groups = t.filter?.targetGroups
        const moved = {
          ...e,
          kind,
          date: Period.addDays(t.window.from, day % Period.lengthInDays(t.window)),
          site: sites !== undefined && sites.length > 0 ? sites[pick % sites.length]! : e.site,
          targetGroups: groups !== undefined && groups.length > 0 ? [groups[pick % groups.length]!] : e.targetGroups
        }
        return kind === "employer_contact" && moved.employerRef === undefined ? { ...moved, employerRef: "e0" } : moved
      })
    )
  )
