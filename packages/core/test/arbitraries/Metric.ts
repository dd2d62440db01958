import fc from "fast-check"
import { Metric, Period } from "@jiritsu/core"

/** Dates spanning FY2012 to the start of FY2014, so windows, months and fiscal years all cut through the events. */
const FROM_DAY = Period.toDayNumber(Period.unsafeDate("2012-02-01"))
const UNTIL_DAY = Period.toDayNumber(Period.unsafeDate("2014-06-01"))

export const arbMetricDate: fc.Arbitrary<Period.LocalDate> = fc.integer({ min: FROM_DAY, max: UNTIL_DAY - 1 }).map(Period.fromDayNumber)

/** Small pools so that people, employers, sites and groups repeat across events (distinct counts matter). */
export const metricSites = ["site_a", "site_b", "site_c"] as const
export const metricGroups = ["welfare_recipient", "single_parent", "youth", "homework_seeker", "needy_person"] as const
export const arbPersonRef = fc.integer({ min: 0, max: 24 }).map((i) => `p${i}`)
export const arbEmployerRef = fc.integer({ min: 0, max: 9 }).map((i) => `e${i}`)

export const arbMetricEvent: fc.Arbitrary<Metric.MetricEvent> = fc
  .record({
    kind: fc.constantFrom(...Metric.eventKinds),
    personRef: arbPersonRef,
    date: arbMetricDate,
    site: fc.constantFrom(...metricSites),
    targetGroups: fc.subarray([...metricGroups], { maxLength: 3 }),
    employerRef: fc.option(arbEmployerRef, { nil: undefined })
  })
  .map(({ employerRef, ...rest }) => {
    const needs = rest.kind === "employer_contact"
    const ref = needs ? (employerRef ?? "e0") : employerRef
    return ref === undefined ? rest : { ...rest, employerRef: ref }
  })

export const arbMetricEvents: fc.Arbitrary<ReadonlyArray<Metric.MetricEvent>> = fc.array(arbMetricEvent, { maxLength: 40 })

export const arbTally: fc.Arbitrary<Metric.Tally> = arbMetricEvents.map(Metric.foldMap)

/** A window inside the event span (sometimes none). */
export const arbMetricWindow: fc.Arbitrary<Period.Window> = fc
  .tuple(fc.integer({ min: FROM_DAY, max: UNTIL_DAY - 1 }), fc.integer({ min: 1, max: 500 }))
  .map(([from, length]) => ({ from: Period.fromDayNumber(from), until: Period.fromDayNumber(from + length) }))

export const arbMetricFilter: fc.Arbitrary<Metric.MetricFilter> = fc.record(
  {
    targetGroups: fc.subarray([...metricGroups, "older_worker_60"]),
    sites: fc.subarray([...metricSites, "site_z"]),
    window: arbMetricWindow
  },
  { requiredKeys: [] }
)

export const arbMetricId: fc.Arbitrary<string> = fc.constantFrom(...Metric.builtinMetrics.map((m) => m.id))

export const arbCountMetricId: fc.Arbitrary<string> = fc.constantFrom(
  ...Metric.builtinMetrics.filter((m) => m._tag === "Count").map((m) => m.id)
)

/** Any answerable query: monthly breakdowns only for count metrics with a window. */
export const arbMetricQuery: fc.Arbitrary<Metric.MetricQuery> = fc
  .tuple(arbMetricId, arbMetricFilter, fc.boolean(), arbMetricWindow)
  .map(([metric, filter, byMonth, window]) => {
    const isCount = Metric.defaultCatalog.metrics.get(metric)?._tag === "Count"
    return isCount && byMonth ? { metric, filter: { ...filter, window: filter.window ?? window }, byMonth: true } : { metric, filter }
  })

/** Inputs that are not valid events: wrong kind, dates, refs, groups, shapes — and missing employers. */
export const arbBadEvent: fc.Arbitrary<unknown> = fc.oneof(
  arbMetricEvent.chain((e) =>
    fc.oneof(
      fc.string().filter((s) => !(Metric.eventKinds as ReadonlyArray<string>).includes(s)).map((kind) => ({ ...e, kind })),
      fc.constantFrom("2013-02-30", "2013/04/01", "", "2013-13-01", "yesterday").map((date) => ({ ...e, date })),
      fc.constant({ ...e, personRef: "" }),
      fc.constant({ ...e, site: "" }),
      fc.constantFrom("Welfare", "1group", "", "福祉").map((g) => ({ ...e, targetGroups: [g] })),
      fc.constant({ ...e, targetGroups: "welfare_recipient" }),
      fc.constant((({ employerRef: _omit, ...rest }) => ({ ...rest, kind: "employer_contact" }))(e as Metric.MetricEvent & { employerRef?: string })),
      fc.constant((({ date: _omit, ...rest }) => rest)(e))
    )
  ),
  fc.constantFrom(null, undefined, 42, "consultation", [])
)
