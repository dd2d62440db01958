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
