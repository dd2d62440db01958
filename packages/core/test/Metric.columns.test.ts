// The histogram fold has two loops for distinct counts: a direct one when no key feeds more than
// one bitset of people (or of employers) and no distinct count is broken down by month, and the
// general one otherwise. Both must answer exactly as the event tally, in any chunking.
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Metric, Period } from "@jiritsu/core"
import { arbMetricEvent, arbMetricQueryFor } from "./arbitraries.ts"
import { coverage, runs } from "./coverage.ts"

const ok = <A>(r: { readonly _tag: "Success"; readonly success: A } | { readonly _tag: "Failure"; readonly failure: unknown }): A => {
  if (r._tag === "Failure") throw new Error(JSON.stringify(r.failure))
  return r.success
}

interface HistogramView {
  readonly keys: number
  readonly personStart: Int32Array
  readonly employerStart: Int32Array
}

/** Which loop a histogram plan takes (read from the plan, as the fold decides). */
const loopOf = (plan: Metric.ColumnPlan): "direct" | "general" | "no-distinct" => {
  const h = plan.histogram as unknown as HistogramView
  const distinct = plan.leaves.some((l) => (l as unknown as { readonly counting: number }).counting !== 0)
  if (!distinct) return "no-distinct"
  const monthlyDistinct = plan.leaves.some((l) => {
    const leaf = l as unknown as { readonly counting: number; readonly months: ReadonlyArray<unknown> }
    return leaf.counting !== 0 && leaf.months.length > 0
  })
  const multi = (start: Int32Array) => {
    for (let k = 0; k < h.keys; k++) if (start[k + 1]! - start[k]! > 1) return true
    return false
  }
  return monthlyDistinct || multi(h.personStart) || multi(h.employerStart) ? "general" : "direct"
}

// Distinct counts of people and employers, alone or together (overlapping kinds make a key feed
// two bitsets), with and without monthly breakdowns.
const DISTINCT = ["consultation_people", "placed_people", "employment_support_clients", "companies"]

// 40–90 events of up to 200 people, so that people's bits spread over several words of a bitset.
const arbManyPeople = fc.array(arbMetricEvent, { minLength: 40, maxLength: 90 }).chain((events) =>
  fc.array(fc.integer({ min: 0, max: 199 }), { minLength: events.length, maxLength: events.length }).map((ids) => events.map((e, i) => ({ ...e, personRef: `p${ids[i]}` })))
)

const arbCase = arbManyPeople.chain((events) =>
  fc.tuple(
    fc.constant(events),
    fc.array(
      fc.oneof(
        arbMetricQueryFor(events),
        // A distinct count without a monthly breakdown (the direct loop's case when its kinds are its own).
        arbMetricQueryFor(events).chain((q) => fc.constantFrom(...DISTINCT).map((metric): Metric.MetricQuery => (q.filter === undefined ? { metric } : { metric, filter: q.filter })))
      ),
      { minLength: 1, maxLength: 3 }
    ),
    fc.integer({ min: 1, max: 5 })
  )
)

describe("Metric: the columnar fold's distinct-count loops", () => {
  it("answer exactly as the tally, in any chunking (≥ 40 % of runs take the direct loop, ≥ 20 % the general loop)", () => {
    // Observed over 600 runs: ≈ 60 % direct, ≈ 30 % general.
    const cov = coverage({ direct: 0.4, general: 0.2 })
    fc.assert(
      fc.property(arbCase, ([events, queries, chunks]) => {
        cov.run()
        const cols = ok(Metric.columnsFromEvents(events))
        const plan = ok(Metric.compileColumns(queries, cols))
        if (plan.strategy !== "histogram") return
        const loop = loopOf(plan)
        if (loop !== "no-distinct") cov.hit(loop)
        const size = Math.max(1, Math.ceil(events.length / chunks))
        let acc = Metric.emptyColumnTally(plan)
        for (let s = 0; s < events.length; s += size) acc = Metric.combineColumnTallies(acc, Metric.foldColumns(plan, cols, s, s + size))
        const t = Metric.foldMap(events)
        expect(Metric.columnResults(plan, acc)).toEqual(queries.map((q) => ok(Metric.evaluate(t, q))))
      }),
      { numRuns: runs(600) }
    )
    cov.check()
  })
})

describe("Metric: when the histogram is used, and that it answers anywhere on the calendar", () => {
  const ev = (kind: Metric.MetricEventKind, personRef: string, date: string, site = "desk", targetGroups: ReadonlyArray<string> = []): Metric.MetricEvent => ({ kind, personRef, date: Period.unsafeDate(date), site, targetGroups })
  const answers = (events: ReadonlyArray<Metric.MetricEvent>, queries: ReadonlyArray<Metric.MetricQuery>) => {
    const cols = ok(Metric.columnsFromEvents(events))
    const plan = ok(Metric.compileColumns(queries, cols))
    const t = Metric.foldMap(events)
    expect(Metric.columnResults(plan, Metric.foldColumns(plan, cols))).toEqual(queries.map((q) => ok(Metric.evaluate(t, q))))
    return plan.strategy
  }
  const groups = Array.from({ length: 13 }, (_, i) => `group_${i}`)
  const sites = Array.from({ length: 8 }, (_, i) => `site_${i}`)
  const events = groups.flatMap((g, i) => [ev("consultation", `p${i}`, "2013-04-10", sites[i % 8], [g]), ev("placement", `p${i}`, "2013-05-10", sites[i % 8], [g, groups[0]!])])
  const window = Period.unsafeWindow("2013-04-01", "2013-06-01")

  it("up to 12 filtered groups fold through the histogram, 13 row by row", () => {
    expect(answers(events, [{ metric: "consultations", filter: { targetGroups: groups.slice(0, 12) } }, { metric: "placed_people", filter: { targetGroups: groups.slice(0, 3) } }])).toBe("histogram")
    expect(answers(events, [{ metric: "consultations", filter: { targetGroups: groups } }])).toBe("rows")
  })

  it("up to 2^20 keys fold through the histogram, more row by row", () => {
    // 10 kinds × 3 day segments × (referenced sites + 1) × 2^12 group signatures
    const q = (n: number): Metric.MetricQuery => ({ metric: "consultations", filter: { targetGroups: groups.slice(0, 12), sites: sites.slice(0, n), window } })
    expect(answers(events, [q(7)])).toBe("histogram")
    expect(answers(events, [q(8)])).toBe("rows")
  })

  it("windows spanning up to 2^20 days fold through the histogram, longer ones row by row", () => {
    const from = Period.unsafeDate("2000-01-01")
    const exactly = { from, until: Period.addDays(from, 2 ** 20) }
    const longer = { from, until: Period.addDays(from, 2 ** 20 + 1) }
    const long = [...events, ev("consultation", "late", Period.addDays(from, 2 ** 20 - 1)), ev("consultation", "later", Period.addDays(from, 2 ** 20))]
    expect(answers(long, [{ metric: "consultation_people", filter: { window: exactly } }])).toBe("histogram")
    expect(answers(long, [{ metric: "consultation_people", filter: { window: longer } }])).toBe("rows")
  })

  it("answers for windows before 1970 and far in the future, month by month", () => {
    const old = [ev("consultation", "a", "1960-01-31"), ev("consultation", "b", "1960-02-01"), ev("consultation", "a", "1960-03-15"), ev("consultation", "c", "1959-12-31")]
    const oldQueries: ReadonlyArray<Metric.MetricQuery> = [
      { metric: "consultations", filter: { window: Period.unsafeWindow("1960-01-01", "1960-04-01") }, byMonth: true },
      { metric: "consultation_people", filter: { window: Period.unsafeWindow("1960-01-15", "1960-03-01") }, byMonth: true }
    ]
    expect(answers(old, oldQueries)).toBe("histogram")
    const future = old.map((e) => ({ ...e, date: Period.unsafeDate(`9${e.date.slice(1)}`) }))
    const futureQueries = oldQueries.map((q) => ({ ...q, filter: { window: { from: Period.unsafeDate(`9${q.filter!.window!.from.slice(1)}`), until: Period.unsafeDate(`9${q.filter!.window!.until.slice(1)}`) } } }))
    expect(answers(future, futureQueries)).toBe("histogram")
  })
})

describe("Metric: the histogram's layout, at its edges", () => {
  const ev = (kind: Metric.MetricEventKind, personRef: string, date: string, extra: Partial<Metric.MetricEvent> = {}): Metric.MetricEvent => ({ kind, personRef, date: Period.unsafeDate(date), site: "desk", targetGroups: [], ...extra })
  const PEOPLE = { ja: "人", en: "people" }
  const COMPANIES = { ja: "社", en: "companies" }
  // A municipality's own distinct counts: of the last event kinds, and of every kind.
  const catalog = ok(
    Metric.makeCatalog([
      ...Metric.builtinMetrics,
      { _tag: "Count", id: "homework_people", label: { ja: "内職相談・あっ旋者数", en: "people in home-work consultation or brokering" }, unit: PEOPLE, kinds: ["homework_consultation", "homework_brokering"], counting: "people" },
      { _tag: "Count", id: "people_seen", label: { ja: "支援を受けた者（実人数）", en: "people seen" }, unit: PEOPLE, kinds: [...Metric.eventKinds], counting: "people" },
      { _tag: "Count", id: "employers_seen", label: { ja: "関わった事業主（実社数）", en: "employers seen" }, unit: COMPANIES, kinds: [...Metric.eventKinds], counting: "employers" }
    ])
  )
  /** Folds the events for the queries, checks the answers against the tally's, and returns the strategy and the figures. */
  const fold = (events: ReadonlyArray<Metric.MetricEvent>, queries: ReadonlyArray<Metric.MetricQuery>, strategy: "auto" | "rows" = "auto") => {
    const cols = ok(Metric.columnsFromEvents(events))
    const plan = ok(Metric.compileColumns(queries, cols, catalog, { strategy }))
    const t = Metric.foldMap(events)
    const results = Metric.columnResults(plan, Metric.foldColumns(plan, cols))
    expect(results).toEqual(queries.map((q) => ok(Metric.evaluate(t, q, catalog))))
    return { strategy: plan.strategy, values: results.map((r) => Metric.numberOf(r.value)), months: results.map((r) => r.months?.map((m) => m.value)) }
  }
  const window = Period.unsafeWindow("2013-04-01", "2013-07-01")

  it("a total over all time beside the same figure in a window folds through the histogram", () => {
    const events = [ev("consultation", "a", "2013-03-10"), ev("consultation", "b", "2013-04-10"), ev("consultation", "a", "2013-05-10"), ev("consultation", "c", "2013-08-10")]
    expect(fold(events, [{ metric: "consultations" }, { metric: "consultations", filter: { window } }])).toMatchObject({ strategy: "histogram", values: [4, 2] })
    expect(fold(events, [{ metric: "consultation_people" }, { metric: "consultations", filter: { window }, byMonth: true }])).toMatchObject({ strategy: "histogram", values: [3, 2], months: [undefined, [1, 1, 0]] })
  })

  it("filters on any of 32 groups, low and high bits together, fold through the histogram", () => {
    const groups = Array.from({ length: 32 }, (_, i) => `group_${i}`)
    const events = groups.map((g, i) => ev("consultation", `p${i}`, "2013-04-01", { targetGroups: [g] }))
    const byGroups = (...picked: ReadonlyArray<number>) => fold(events, [{ metric: "consultations", filter: { targetGroups: picked.map((i) => groups[i]!) } }])
    expect(byGroups(14)).toEqual({ strategy: "histogram", values: [1], months: [undefined] })
    expect(byGroups(16)).toEqual({ strategy: "histogram", values: [1], months: [undefined] })
    expect(byGroups(0, 31)).toEqual({ strategy: "histogram", values: [2], months: [undefined] })
    expect(byGroups(16, 31)).toEqual({ strategy: "histogram", values: [2], months: [undefined] })
    expect(byGroups(3, 15, 16, 30)).toEqual({ strategy: "histogram", values: [4], months: [undefined] })
  })

  it("eight figures over 983,040 keys fold through the histogram, nine row by row (its tables would pass 2^23 entries)", () => {
    const groups = Array.from({ length: 12 }, (_, i) => `group_${i}`)
    const sites = Array.from({ length: 8 }, (_, i) => `site_${i}`)
    const events = groups.flatMap((g, i) => [ev("consultation", `p${i}`, "2013-04-10", { site: sites[i % 8]!, targetGroups: [g] }), ev("placement", `p${i}`, "2013-05-10", { site: sites[i % 8]!, targetGroups: [g] })])
    // 10 kinds × 3 day segments × (7 referenced sites + 1) × 2^12 group signatures = 983,040 keys
    const filter: Metric.MetricFilter = { targetGroups: groups, sites: sites.slice(0, 7), window }
    const metrics = ["consultations", "consultation_people", "new_consultations", "plans_made", "employment_support_clients", "placements", "placed_people", "earning_more_people", "welfare_exits"]
    const queries = metrics.map((metric): Metric.MetricQuery => ({ metric, filter }))
    expect(fold(events, queries.slice(0, 8))).toMatchObject({ strategy: "histogram", values: [11, 11, 0, 0, 0, 11, 11, 0] })
    expect(fold(events, queries)).toMatchObject({ strategy: "rows", values: [11, 11, 0, 0, 0, 11, 11, 0, 0] })
  })

  it("a distinct count of the last event kinds (a catalogue's own) counts every person", () => {
    const events = [ev("homework_brokering", "a", "2013-04-01"), ev("homework_brokering", "b", "2013-04-02"), ev("homework_consultation", "c", "2013-04-03"), ev("homework_consultation", "a", "2013-04-04")]
    for (const strategy of ["auto", "rows"] as const) expect(fold(events, [{ metric: "homework_people" }], strategy).values).toEqual([3])
  })

  it("two distinct counts of employers over one kind (all sites, one site) beside a count of people", () => {
    const events = [
      ev("employer_contact", "staff", "2013-04-01", { employerRef: "acme" }),
      ev("employer_contact", "staff", "2013-04-02", { employerRef: "globex", site: "branch" }),
      ev("employer_contact", "staff", "2013-04-03", { employerRef: "acme", site: "branch" }),
      ev("consultation", "a", "2013-04-04")
    ]
    const queries: ReadonlyArray<Metric.MetricQuery> = [{ metric: "companies" }, { metric: "companies", filter: { sites: ["desk"] } }, { metric: "consultation_people" }]
    expect(fold(events, queries)).toMatchObject({ strategy: "histogram", values: [2, 1, 1] })
  })

  it("a row no distinct count accepts adds no one, even the first row when every later row is collected", () => {
    // The first row (a placement) is no consultation; every row after it is one.
    const events = [ev("placement", "p0", "2013-04-05"), ev("consultation", "p1", "2013-04-06"), ev("consultation", "p2", "2013-05-06")]
    const queries: ReadonlyArray<Metric.MetricQuery> = [{ metric: "consultation_people" }, { metric: "consultation_people", filter: { window }, byMonth: true }]
    expect(fold(events, queries)).toEqual({ strategy: "histogram", values: [2, 2], months: [undefined, [1, 1, 0]] })
  })

  it("every key feeding two people's and two employers' counts (one figure asked twice) still counts them", () => {
    const events = [ev("consultation", "a", "2013-04-01"), ev("placement", "b", "2013-04-02", { employerRef: "acme" }), ev("employer_contact", "staff", "2013-04-03", { employerRef: "globex" })]
    const queries = ["people_seen", "people_seen", "employers_seen", "employers_seen"].map((metric): Metric.MetricQuery => ({ metric }))
    expect(fold(events, queries)).toMatchObject({ strategy: "histogram", values: [3, 3, 2, 2] })
  })

  it("monthly distinct counts of more than 32 people, row by row and through the histogram", () => {
    const april = Array.from({ length: 40 }, (_, i) => ev("consultation", `p${i}`, "2013-04-02"))
    const may = [ev("consultation", "p35", "2013-05-02"), ev("consultation", "p1", "2013-05-03"), ev("consultation", "p40", "2013-05-04")]
    const query: Metric.MetricQuery = { metric: "consultation_people", filter: { window }, byMonth: true }
    for (const strategy of ["auto", "rows"] as const) {
      expect(fold([...april, ...may], [query], strategy)).toMatchObject({ values: [41], months: [[40, 3, 0]] })
    }
  })
})
