// The histogram fold has two loops for distinct counts: a direct one when no key feeds more than
// one bitset of people (or of employers) and no distinct count is broken down by month, and the
// general one otherwise. Both must answer exactly as the event tally, in any chunking.
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Metric } from "@jiritsu/core"
import { arbMetricEvent, arbMetricQueryFor } from "./arbitraries.ts"
import { coverage } from "./coverage.ts"

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
      { numRuns: 600 }
    )
    cov.check()
  })
})
