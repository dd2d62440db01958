import fc from "fast-check"
import { Metric, Period } from "@jiritsu/core"

/** Dates spanning FY2012 to the start of FY2014, so windows, months and fiscal years all cut through the events. */
const FROM_DAY = Period.toDayNumber(Period.unsafeDate("2012-02-01"))
const UNTIL_DAY = Period.toDayNumber(Period.unsafeDate("2014-06-01"))

const arbAnyMetricDate: fc.Arbitrary<Period.LocalDate> = fc.integer({ min: FROM_DAY, max: UNTIL_DAY - 1 }).map(Period.fromDayNumber)

/**
 * Dates that repeat, on the boundaries reports cut at (fiscal-year end and start, month ends and
 * starts, a leap day), so two events often share a date and windows often start or end on one.
 */
export const metricDatePool = ["2012-02-29", "2012-03-31", "2012-04-01", "2013-03-31", "2013-04-01", "2013-04-30", "2013-05-01", "2014-03-31"].map(Period.unsafeDate)

/** A date: three times in four from the pool, otherwise anywhere in the span. */
export const arbMetricDate: fc.Arbitrary<Period.LocalDate> = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...metricDatePool) }, { weight: 1, arbitrary: arbAnyMetricDate })

/** Small pools so that people, employers, sites and groups repeat across events (distinct counts matter). */
export const metricSites = ["site_a", "site_b", "site_c"] as const
export const metricGroups = ["welfare_recipient", "single_parent", "youth", "homework_seeker", "needy_person"] as const
export const arbPersonRef = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 24 })).map((i) => `p${i}`)
export const arbEmployerRef = fc.integer({ min: 0, max: 9 }).map((i) => `e${i}`)

/**
 * Target-group lists: mostly from a few combinations, sometimes unsorted or with a repeat (the
 * tally normalises them into the same cell), sometimes any subset.
 */
const arbEventGroups: fc.Arbitrary<ReadonlyArray<string>> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<ReadonlyArray<string>>([], ["welfare_recipient"], ["single_parent", "welfare_recipient"], ["youth"]) },
  { weight: 1, arbitrary: fc.constantFrom<ReadonlyArray<string>>(["welfare_recipient", "single_parent"], ["youth", "youth"]) },
  { weight: 2, arbitrary: fc.subarray([...metricGroups], { maxLength: 3 }) }
)

/** Kinds: the contacts and outcomes the built-in rates read more often, every kind possible. */
const arbKind: fc.Arbitrary<Metric.MetricEventKind> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom<Metric.MetricEventKind>("consultation", "placement", "employment_support_started") },
  { weight: 1, arbitrary: fc.constantFrom(...Metric.eventKinds) }
)

/**
 * Cells (kind, date, site, groups) shared by every generated list, so that events of one list and
 * of independently generated lists fall into the same cell — the case the monoid laws are about
 * (combining two cells). Groups are given in the order the tally does not normalise away, and
 * unsorted or repeated forms of the same groups appear too.
 */
const cellPool: ReadonlyArray<Pick<Metric.MetricEvent, "kind" | "date" | "site" | "targetGroups">> = [
  { kind: "consultation", date: Period.unsafeDate("2013-04-01"), site: "site_a", targetGroups: ["welfare_recipient"] },
  { kind: "consultation", date: Period.unsafeDate("2013-03-31"), site: "site_a", targetGroups: ["single_parent", "welfare_recipient"] },
  { kind: "consultation", date: Period.unsafeDate("2013-03-31"), site: "site_a", targetGroups: ["welfare_recipient", "single_parent"] },
  { kind: "placement", date: Period.unsafeDate("2013-05-01"), site: "site_b", targetGroups: ["welfare_recipient"] },
  { kind: "employment_support_started", date: Period.unsafeDate("2013-04-30"), site: "site_b", targetGroups: ["welfare_recipient", "welfare_recipient"] },
  { kind: "employer_contact", date: Period.unsafeDate("2012-02-29"), site: "site_c", targetGroups: [] },
  { kind: "homework_brokering", date: Period.unsafeDate("2014-03-31"), site: "site_c", targetGroups: ["youth"] }
]

const arbCoordinates = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...cellPool) },
  { weight: 2, arbitrary: fc.record({ kind: arbKind, date: arbMetricDate, site: fc.constantFrom(...metricSites), targetGroups: arbEventGroups }) }
)

/** An event: three times in five in a cell of the shared pool (with any person and employer), otherwise anywhere. */
export const arbMetricEvent: fc.Arbitrary<Metric.MetricEvent> = fc
  .tuple(arbCoordinates, arbPersonRef, fc.option(arbEmployerRef, { nil: undefined }))
  .map(([coordinates, personRef, employerRef]) => {
    const ref = coordinates.kind === "employer_contact" ? (employerRef ?? "e0") : employerRef
    const { kind, date, site, targetGroups } = coordinates
    const e = { kind, personRef, date, site, targetGroups }
    return ref === undefined ? e : { ...e, employerRef: ref }
  })

/** Lists of up to 30 events (fast-check's "medium" size: about 15 on average, sometimes none). */
export const arbMetricEvents: fc.Arbitrary<ReadonlyArray<Metric.MetricEvent>> = fc.array(arbMetricEvent, { maxLength: 30, size: "medium" })

export const arbTally: fc.Arbitrary<Metric.Tally> = arbMetricEvents.map(Metric.foldMap)

/** A window inside the event span; half the time cut at pool dates, so events sit on its edges. */
export const arbMetricWindow: fc.Arbitrary<Period.Window> = fc.oneof(
  fc.tuple(fc.integer({ min: FROM_DAY, max: UNTIL_DAY - 1 }), fc.integer({ min: 1, max: 500 })).map(([from, length]) => ({ from: Period.fromDayNumber(from), until: Period.fromDayNumber(from + length) })),
  fc
    .uniqueArray(fc.constantFrom(...metricDatePool), { minLength: 2, maxLength: 2 })
    .map(([a, b]) => (a! < b! ? { from: a!, until: b! } : { from: b!, until: a! }))
)

/**
 * Filters: each part given or not; lists mostly non-empty and naming pool values (so filters pass
 * some events and reject others), sometimes empty (a filter nothing passes) or naming values no
 * event has.
 */
export const arbMetricFilter: fc.Arbitrary<Metric.MetricFilter> = fc.record(
  {
    targetGroups: fc.oneof({ weight: 4, arbitrary: fc.subarray([...metricGroups, "older_worker_60"], { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.subarray([...metricGroups, "older_worker_60"]) }),
    sites: fc.oneof({ weight: 4, arbitrary: fc.subarray([...metricSites, "site_z"], { minLength: 1 }) }, { weight: 1, arbitrary: fc.subarray([...metricSites, "site_z"]) }),
    window: arbMetricWindow
  },
  { requiredKeys: [] }
)

export const arbMetricId: fc.Arbitrary<string> = fc.constantFrom(...Metric.builtinMetrics.map((m) => m.id))

export const arbCountMetricId: fc.Arbitrary<string> = fc.constantFrom(
  ...Metric.builtinMetrics.filter((m) => m._tag === "Count").map((m) => m.id)
)

const queryOf = (metric: string, filter: Metric.MetricFilter, byMonth: boolean, window: Period.Window): Metric.MetricQuery => {
  const isCount = Metric.defaultCatalog.metrics.get(metric)?._tag === "Count"
  return isCount && byMonth ? { metric, filter: { ...filter, window: filter.window ?? window }, byMonth: true } : { metric, filter }
}

/** Any answerable query: monthly breakdowns only for count metrics with a window. */
export const arbMetricQuery: fc.Arbitrary<Metric.MetricQuery> = fc
  .tuple(arbMetricId, arbMetricFilter, fc.boolean(), arbMetricWindow)
  .map(([metric, filter, byMonth, window]) => queryOf(metric, filter, byMonth, window))

/**
 * A filter fitted to some of the events (two times in three; otherwise any filter): their sites,
 * one of their groups each, and a window from one's date to just after another's — sometimes
 * ending exactly on an event's date, which the half-open window excludes. Fitted filters pass some
 * events and reject others, so counts, distinct counts and edges are exercised.
 */
export const arbMetricFilterFor = (events: ReadonlyArray<Metric.MetricEvent>): fc.Arbitrary<Metric.MetricFilter> =>
  events.length === 0
    ? arbMetricFilter
    : fc.oneof(
        { weight: 1, arbitrary: arbMetricFilter },
        {
          weight: 2,
          arbitrary: fc
            .tuple(fc.subarray([...events], { minLength: 1, maxLength: Math.min(3, events.length) }), fc.nat(), fc.integer({ min: 0, max: 40 }), fc.boolean())
            .chain(([picked, g, extra, endOnDate]) => {
              const dates = picked.map((e) => e.date).sort()
              const from = dates[0]!
              const last = dates[dates.length - 1]!
              const until = endOnDate && last > from ? last : Period.addDays(last, 1 + extra)
              const groups = picked.flatMap((e) => (e.targetGroups.length === 0 ? [] : [e.targetGroups[g % e.targetGroups.length]!]))
              return fc.record(
                {
                  sites: fc.constant([...new Set(picked.map((e) => e.site))]),
                  targetGroups: fc.constant([...new Set(groups)]),
                  window: fc.constant({ from, until })
                },
                { requiredKeys: [] }
              )
            })
        }
      )

/** A metric: any, or one counting a kind some event has, or a ratio (whose denominator the events may fill). */
const arbMetricIdFor = (events: ReadonlyArray<Metric.MetricEvent>): fc.Arbitrary<string> => {
  const kinds = new Set(events.map((e) => e.kind))
  const counting = Metric.builtinMetrics.filter((m) => m._tag === "Count" && m.kinds.some((k) => kinds.has(k))).map((m) => m.id)
  const ratios = Metric.builtinMetrics.filter((m) => m._tag === "Ratio").map((m) => m.id)
  return fc.oneof(
    { weight: 2, arbitrary: arbMetricId },
    ...(counting.length > 0 ? [{ weight: 2, arbitrary: fc.constantFrom(...counting) }] : []),
    { weight: 1, arbitrary: fc.constantFrom(...ratios) }
  )
}

/**
 * A query fitted to the events (see {@link arbMetricFilterFor}); a monthly breakdown without a
 * window in its filter covers the events' span.
 */
export const arbMetricQueryFor = (events: ReadonlyArray<Metric.MetricEvent>): fc.Arbitrary<Metric.MetricQuery> => {
  const dates = events.map((e) => e.date).sort()
  const span = dates.length === 0 ? arbMetricWindow : fc.constant({ from: dates[0]!, until: Period.addDays(dates[dates.length - 1]!, 1) })
  return fc.tuple(arbMetricIdFor(events), arbMetricFilterFor(events), fc.constantFrom(true, true, false), span).map(([metric, filter, byMonth, window]) => queryOf(metric, filter, byMonth, window))
}

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
