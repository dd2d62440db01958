import { describe, expect, it } from "vitest"
import fc from "fast-check"
import { Result } from "effect"
import { Metric, Period } from "@jiritsu/core"
import { arbBadEvent, arbMetricEvent, arbMetricEvents, arbMetricFilterFor, arbMetricQueryFor, arbTally } from "./arbitraries.ts"
import { coverage } from "./coverage.ts"

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(JSON.stringify(r.failure))
  return r.success
}
const d = Period.unsafeDate

const ev = (kind: Metric.MetricEventKind, personRef: string, date: string, extra: Partial<Metric.MetricEvent> = {}): Metric.MetricEvent => ({
  kind,
  personRef,
  date: d(date),
  site: "desk",
  targetGroups: [],
  ...extra
})

const value = (t: Metric.Tally, metric: string, filter?: Metric.MetricFilter): number | undefined =>
  Metric.numberOf(ok(Metric.evaluate(t, filter === undefined ? { metric } : { metric, filter })).value)

describe("MetricEvent decoding", () => {
  it("accepts a well-formed event", () => {
    const input = { kind: "placement", personRef: "p1", date: "2013-05-01", site: "desk", targetGroups: ["welfare_recipient"], employerRef: "e1" }
    expect(ok(Metric.decodeEvent(input))).toEqual(input)
  })

  it("names the field of an unknown kind", () => {
    const r = Metric.decodeEvent({ kind: "coffee", personRef: "p1", date: "2013-05-01", site: "desk", targetGroups: [] })
    expect(Result.isFailure(r) && r.failure.code).toBe("invalid_event")
    expect(Result.isFailure(r) && r.failure.path).toEqual(["kind"])
  })

  it("requires an employer for employer contacts", () => {
    const r = Metric.decodeEvent({ kind: "employer_contact", personRef: "staff", date: "2013-05-01", site: "desk", targetGroups: [] })
    expect(Result.isFailure(r) && r.failure.path).toEqual(["employerRef"])
  })

  it("names the index of the first bad event in a list", () => {
    const good = { kind: "intake", personRef: "p1", date: "2013-05-01", site: "desk", targetGroups: [] }
    const r = Metric.decodeEvents([good, good, { ...good, date: "2013-02-30" }])
    expect(Result.isFailure(r) && r.failure.path).toEqual([2, "date"])
    expect(Result.isFailure(r) && r.failure.messageJa).toContain("[2].date")
  })
})

describe("counting", () => {
  const events = [
    ev("consultation", "a", "2013-04-02", { targetGroups: ["welfare_recipient"] }),
    ev("consultation", "a", "2013-04-09", { targetGroups: ["welfare_recipient"] }),
    ev("consultation", "b", "2013-05-10", { targetGroups: ["youth"], site: "branch" }),
    ev("employment_support_started", "a", "2013-04-02"),
    ev("employment_support_started", "b", "2013-04-03"),
    ev("employment_support_started", "c", "2013-04-03"),
    ev("employment_support_started", "d", "2013-04-04"),
    ev("placement", "a", "2013-06-01", { employerRef: "acme" }),
    ev("placement", "a", "2013-09-01", { employerRef: "acme" }),
    ev("placement", "b", "2013-06-02"),
    ev("earnings_increase", "c", "2013-07-01"),
    ev("employer_contact", "staff", "2013-04-05", { employerRef: "acme" }),
    ev("employer_contact", "staff", "2013-05-05", { employerRef: "acme" }),
    ev("employer_contact", "staff", "2013-05-06", { employerRef: "globex" })
  ]
  const t = Metric.foldMap(events)

  it("counts 延べ (every contact) apart from 実人数 (distinct people)", () => {
    expect(value(t, "consultations")).toBe(3)
    expect(value(t, "consultation_people")).toBe(2)
  })

  it("counts placements as cases and hiring companies as distinct employers", () => {
    expect(value(t, "placements")).toBe(3)
    expect(value(t, "placed_people")).toBe(2)
    expect(value(t, "hiring_companies")).toBe(1) // the undisclosed placement names no employer
  })

  it("counts employer contacts 延べ and companies 社 distinct", () => {
    expect(value(t, "employer_contacts")).toBe(3)
    expect(value(t, "companies")).toBe(2)
  })

  it("filters by target group, site and window", () => {
    expect(value(t, "consultations", { targetGroups: ["welfare_recipient"] })).toBe(2)
    expect(value(t, "consultations", { sites: ["branch"] })).toBe(1)
    expect(value(t, "consultations", { window: Period.unsafeWindow("2013-04-01", "2013-05-01") })).toBe(2)
    expect(value(t, "consultations", { targetGroups: ["needy_person"] })).toBe(0)
  })

  it("computes rates as placed ÷ supported, people counted once", () => {
    const r = ok(Metric.evaluate(t, { metric: "placement_rate" })).value
    expect(r).toEqual({ _tag: "Rate", value: 0.5, numerator: 2, denominator: 4 })
    const more = ok(Metric.evaluate(t, { metric: "placed_or_earning_more_rate" })).value
    expect(Metric.numberOf(more)).toBe(0.75)
  })

  it("says a rate with no one supported is not defined", () => {
    const r = ok(Metric.evaluate(t, { metric: "placement_rate", filter: { sites: ["nowhere"] } })).value
    expect(r).toEqual({ _tag: "NotDefined", reason: "zero_denominator" })
  })

  it("breaks a count down by month, empty months included", () => {
    const r = ok(Metric.evaluate(t, { metric: "placements", filter: { window: Period.unsafeWindow("2013-05-15", "2013-08-01") }, byMonth: true }))
    expect(r.months).toEqual([
      { month: "2013-05", value: 0 },
      { month: "2013-06", value: 2 },
      { month: "2013-07", value: 0 }
    ])
  })

  it("refuses unknown metrics and impossible queries with typed errors", () => {
    const unknown = Metric.evaluate(t, { metric: "happiness" })
    expect(Result.isFailure(unknown) && unknown.failure.code).toBe("unknown_metric")
    const ratioByMonth = Metric.evaluate(t, { metric: "placement_rate", filter: { window: Period.unsafeWindow("2013-04-01", "2013-05-01") }, byMonth: true })
    expect(Result.isFailure(ratioByMonth) && ratioByMonth.failure.code).toBe("unsupported_query")
    const noWindow = Metric.evaluate(t, { metric: "placements", byMonth: true })
    expect(Result.isFailure(noWindow) && noWindow.failure.path).toEqual(["filter", "window"])
  })

  it("stores and reloads a tally through plain data", () => {
    const data = JSON.parse(JSON.stringify(Metric.toCanonical(t)))
    expect(Metric.equals(ok(Metric.fromCanonical(data)), t)).toBe(true)
    const bad = Metric.fromCanonical({ cells: [{ ...data.cells[0], events: -1 }] })
    expect(Result.isFailure(bad)).toBe(true)
  })
})

describe("catalogue", () => {
  it("extends the built-ins with a municipal metric", () => {
    const catalog = ok(
      Metric.makeCatalog([
        ...Metric.builtinMetrics,
        { _tag: "Count", id: "welfare_exits_events", label: { ja: "保護廃止件数", en: "welfare exits (cases)" }, unit: { ja: "件", en: "cases" }, kinds: ["welfare_exit"], counting: "events" },
        { _tag: "Ratio", id: "exit_rate", label: { ja: "脱却率", en: "exit rate" }, numerator: "welfare_exits", denominator: "employment_support_clients" }
      ])
    )
    const t = Metric.foldMap([ev("welfare_exit", "a", "2013-04-01"), ev("welfare_exit", "a", "2013-04-02"), ev("employment_support_started", "a", "2013-04-01")])
    expect(Metric.numberOf(ok(Metric.evaluate(t, { metric: "welfare_exits_events" }, catalog)).value)).toBe(2)
    expect(Metric.numberOf(ok(Metric.evaluate(t, { metric: "exit_rate" }, catalog)).value)).toBe(1)
  })

  it("rejects duplicate ids and ratios over undefined metrics", () => {
    const dup = Metric.makeCatalog([...Metric.builtinMetrics, Metric.builtinMetrics[0]])
    expect(Result.isFailure(dup) && dup.failure.code).toBe("invalid_definition")
    const dangling = Metric.makeCatalog([{ _tag: "Ratio", id: "r", label: { ja: "率", en: "r" }, numerator: "x", denominator: "y" }])
    expect(Result.isFailure(dangling) && dangling.failure.path).toEqual([0, "numerator"])
    const badKind = Metric.makeCatalog([{ _tag: "Count", id: "c", label: { ja: "c", en: "c" }, unit: { ja: "件", en: "cases" }, kinds: ["dance"], counting: "events" }])
    expect(Result.isFailure(badKind) && badKind.failure.path).toEqual([0, "kinds", 0])
  })
})

describe("columns", () => {
  it("refuses more than 32 target groups in one column set", () => {
    const events = Array.from({ length: 33 }, (_, i) => ev("consultation", "a", "2013-04-01", { targetGroups: [`group_${i}`] }))
    const r = Metric.columnsFromEvents(events)
    expect(Result.isFailure(r) && r.failure.code).toBe("capacity")
  })

  it("answers like the tally, counting distinct people with bitsets", () => {
    const events = [ev("consultation", "a", "2013-04-02"), ev("consultation", "a", "2013-05-02"), ev("consultation", "b", "2013-05-03")]
    const cols = ok(Metric.columnsFromEvents(events))
    const queries: ReadonlyArray<Metric.MetricQuery> = [
      { metric: "consultation_people", filter: { window: Period.unsafeWindow("2013-04-01", "2013-06-01") }, byMonth: true }
    ]
    const plan = ok(Metric.compileColumns(queries, cols))
    expect(plan.strategy).toBe("histogram")
    const [r] = Metric.columnResults(plan, Metric.foldColumns(plan, cols))
    expect(r).toEqual(ok(Metric.evaluate(Metric.foldMap(events), queries[0]!)))
    expect(r!.months).toEqual([
      { month: "2013-04", value: 1 },
      { month: "2013-05", value: 2 }
    ])
  })
})

// ---------------------------------------------------------------------------------------------

/**
 * The oracle: a direct, obviously correct count over the raw events, written from the
 * specification and independent of src (no Metric.matchesFilter): an event passes a filter when
 * its date lies in the half-open window, its site is listed, and at least one of its groups is
 * listed (each part only when given).
 */
const passes = (filter: Metric.MetricFilter | undefined, e: Metric.MetricEvent): boolean =>
  filter === undefined ||
  ((filter.window === undefined || (filter.window.from <= e.date && e.date < filter.window.until)) &&
    (filter.sites === undefined || filter.sites.includes(e.site)) &&
    (filter.targetGroups === undefined || e.targetGroups.some((g) => filter.targetGroups!.includes(g))))

const oracle = (events: ReadonlyArray<Metric.MetricEvent>, metric: Metric.CountMetric, filter: Metric.MetricFilter | undefined): number => {
  const hits = events.filter((e) => metric.kinds.includes(e.kind) && passes(filter, e))
  if (metric.counting === "events") return hits.length
  if (metric.counting === "people") return new Set(hits.map((e) => e.personRef)).size
  return new Set(hits.flatMap((e) => (e.employerRef === undefined ? [] : [e.employerRef]))).size
}

/** The cell of an event (kind, date, site, its groups without repeats in sorted order), as the oracle sees it. */
const cellOf = (e: Metric.MetricEvent): string => JSON.stringify([e.kind, e.date, e.site, [...new Set(e.targetGroups)].sort()])

/** The canonical tally of raw events, built by the oracle: per cell, events counted, people and employers collected. */
const oracleCanonical = (events: ReadonlyArray<Metric.MetricEvent>): Metric.TallyData => {
  const cells = new Map<string, { e: Metric.MetricEvent; events: number; people: Set<string>; employers: Set<string> }>()
  for (const e of events) {
    const key = cellOf(e)
    const c = cells.get(key) ?? { e, events: 0, people: new Set<string>(), employers: new Set<string>() }
    c.events++
    c.people.add(e.personRef)
    if (e.employerRef !== undefined) c.employers.add(e.employerRef)
    cells.set(key, c)
  }
  return {
    cells: [...cells.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, c]) => ({
        kind: c.e.kind,
        date: c.e.date,
        site: c.e.site,
        targetGroups: [...new Set(c.e.targetGroups)].sort(),
        events: c.events,
        people: [...c.people].sort(),
        employers: [...c.employers].sort()
      }))
  }
}

/** Whether two event lists share a cell, and whether some shared cell has a person on one side only. */
const overlap = (xs: ReadonlyArray<Metric.MetricEvent>, ys: ReadonlyArray<Metric.MetricEvent>): { readonly shared: boolean; readonly peopleDiffer: boolean } => {
  const people = (es: ReadonlyArray<Metric.MetricEvent>) => {
    const m = new Map<string, Set<string>>()
    for (const e of es) m.set(cellOf(e), (m.get(cellOf(e)) ?? new Set()).add(e.personRef))
    return m
  }
  const a = people(xs), b = people(ys)
  let shared = false
  let peopleDiffer = false
  for (const [key, pa] of a) {
    const pb = b.get(key)
    if (pb === undefined) continue
    shared = true
    if ([...pa].some((p) => !pb.has(p)) || [...pb].some((p) => !pa.has(p))) peopleDiffer = true
  }
  return { shared, peopleDiffer }
}

/** Whether two events of one list fall in the same cell. */
const collides = (es: ReadonlyArray<Metric.MetricEvent>): boolean => new Set(es.map(cellOf)).size < es.length

/** Event lists and the tally of each (the tally laws are about the lists' cells meeting). */
const arbEventsAndTally = arbMetricEvents.map((events) => ({ events, tally: Metric.foldMap(events) }))

/** Splits events into up to five parts by a generated assignment. */
const arbPartition = arbMetricEvents.chain((events) =>
  fc.array(fc.integer({ min: 0, max: 4 }), { minLength: events.length, maxLength: events.length }).map((assign) => ({
    events,
    parts: [0, 1, 2, 3, 4].map((k) => events.filter((_, i) => assign[i] === k))
  }))
)

/** Some cell is split across two parts, and some split cell has a person in one part only. */
const splitAcross = (parts: ReadonlyArray<ReadonlyArray<Metric.MetricEvent>>) => {
  let shared = false
  let peopleDiffer = false
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      const o = overlap(parts[i]!, parts[j]!)
      shared ||= o.shared
      peopleDiffer ||= o.peopleDiffer
    }
  }
  return { shared, peopleDiffer }
}

/** A partition and a filter fitted to its events. */
const arbPartitionAndFilter = arbPartition.chain((p) => fc.tuple(fc.constant(p), arbMetricFilterFor(p.events)))

/** A tally and a query fitted to its events. */
const arbTallyAndQuery = arbMetricEvents.chain((es) => fc.tuple(fc.constant(Metric.foldMap(es)), arbMetricQueryFor(es)))

/** Both fold strategies: the histogram (chosen automatically for usual queries) and row by row. */
const arbStrategy = fc.constantFrom<"auto" | "rows">("auto", "rows")

const finite = (v: Metric.MetricValue): boolean =>
  v._tag === "NotDefined" || (Number.isFinite(v.value) && (v._tag !== "Rate" || (Number.isFinite(v.numerator) && Number.isFinite(v.denominator) && v.denominator > 0)))

describe("properties", () => {
  it("identity: combine(empty, t) = t = combine(t, empty) (≥ 80 % of runs with a non-empty tally)", () => {
    const cov = coverage({ nonEmpty: 0.8 })
    fc.assert(
      fc.property(arbEventsAndTally, ({ events, tally: t }) => {
        cov.run()
        cov.hit("nonEmpty", events.length > 0)
        expect(Metric.toCanonical(Metric.combine(Metric.empty, t))).toEqual(oracleCanonical(events))
        return Metric.equals(Metric.combine(Metric.empty, t), t) && Metric.equals(Metric.combine(t, Metric.empty), t)
      })
    )
    cov.check()
  })

  it("combine is cell-wise: events add, people and employers unite — against the oracle (≥ 30 % of runs merge a cell, ≥ 20 % with different people)", () => {
    const cov = coverage({ merges: 0.3, peopleDiffer: 0.2 })
    fc.assert(
      fc.property(arbEventsAndTally, arbEventsAndTally, (a, b) => {
        cov.run()
        const o = overlap(a.events, b.events)
        cov.hit("merges", o.shared)
        cov.hit("peopleDiffer", o.peopleDiffer)
        const expected = oracleCanonical([...a.events, ...b.events])
        expect(Metric.toCanonical(Metric.combine(a.tally, b.tally))).toEqual(expected)
        expect(Metric.toCanonical(Metric.combine(b.tally, a.tally))).toEqual(expected)
      })
    )
    cov.check()
  })

  it("associativity (≥ 30 % of runs merge a cell of two of the three)", () => {
    const cov = coverage({ merges: 0.3, peopleDiffer: 0.2 })
    fc.assert(
      fc.property(arbEventsAndTally, arbEventsAndTally, arbEventsAndTally, (a, b, c) => {
        cov.run()
        const pairs = [overlap(a.events, b.events), overlap(b.events, c.events), overlap(a.events, c.events)]
        cov.hit("merges", pairs.some((p) => p.shared))
        cov.hit("peopleDiffer", pairs.some((p) => p.peopleDiffer))
        return Metric.equals(Metric.combine(a.tally, Metric.combine(b.tally, c.tally)), Metric.combine(Metric.combine(a.tally, b.tally), c.tally))
      })
    )
    cov.check()
  })

  it("commutativity (≥ 30 % of runs merge a cell)", () => {
    const cov = coverage({ merges: 0.3, peopleDiffer: 0.2 })
    fc.assert(
      fc.property(arbEventsAndTally, arbEventsAndTally, (a, b) => {
        cov.run()
        const o = overlap(a.events, b.events)
        cov.hit("merges", o.shared)
        cov.hit("peopleDiffer", o.peopleDiffer)
        return Metric.equals(Metric.combine(a.tally, b.tally), Metric.combine(b.tally, a.tally))
      })
    )
    cov.check()
  })

  it("combine never changes its arguments (≥ 30 % of runs merge a cell)", () => {
    const cov = coverage({ merges: 0.3 })
    fc.assert(
      fc.property(arbEventsAndTally, arbEventsAndTally, ({ events: ea, tally: a }, { events: eb, tally: b }) => {
        cov.run()
        cov.hit("merges", overlap(ea, eb).shared)
        const before = [JSON.stringify(Metric.toCanonical(a)), JSON.stringify(Metric.toCanonical(b))]
        Metric.combine(a, b)
        return JSON.stringify(Metric.toCanonical(a)) === before[0] && JSON.stringify(Metric.toCanonical(b)) === before[1]
      })
    )
    cov.check()
  })

  it("report(events) = combine of the reports of any partition (≥ 30 % of runs split a cell across parts, ≥ 20 % with different people)", () => {
    const cov = coverage({ split: 0.3, peopleDiffer: 0.2 })
    fc.assert(
      fc.property(arbPartition.chain((p) => fc.tuple(fc.constant(p), arbMetricQueryFor(p.events))), ([{ events, parts }, query]) => {
        cov.run()
        const split = splitAcross(parts)
        cov.hit("split", split.shared)
        cov.hit("peopleDiffer", split.peopleDiffer)
        const whole = Metric.foldMap(events)
        const merged = Metric.combineAll(parts.map(Metric.foldMap))
        expect(Metric.toCanonical(merged)).toEqual(oracleCanonical(events))
        expect(Metric.equals(merged, whole)).toBe(true)
        expect(ok(Metric.evaluate(merged, query))).toEqual(ok(Metric.evaluate(whole, query)))
      })
    )
    cov.check()
  })

  it("the order of events does not matter (≥ 30 % of runs have two events in one cell)", () => {
    const cov = coverage({ collision: 0.3 })
    fc.assert(
      fc.property(arbMetricEvents.chain((es) => fc.shuffledSubarray([...es], { minLength: es.length, maxLength: es.length }).map((s) => [es, s] as const)), ([es, shuffled]) => {
        cov.run()
        cov.hit("collision", collides(es))
        return Metric.equals(Metric.foldMap(es), Metric.foldMap(shuffled))
      })
    )
    cov.check()
  })

  it("incremental add = foldMap = the oracle (≥ 30 % of runs have two events in one cell)", () => {
    const cov = coverage({ collision: 0.3 })
    fc.assert(
      fc.property(arbMetricEvents, (es) => {
        cov.run()
        cov.hit("collision", collides(es))
        expect(Metric.toCanonical(es.reduce(Metric.add, Metric.empty))).toEqual(oracleCanonical(es))
        return Metric.equals(es.reduce(Metric.add, Metric.empty), Metric.foldMap(es))
      })
    )
    cov.check()
  })

  it("every count equals the oracle's (distinct counts exact, never double counted across parts; ≥ 20 % of runs count a person twice, ≥ 15 % count one person in two parts, ≥ 10 % match a filter on some but not all of an event's groups, ≥ 10 % have an event on a window edge)", () => {
    const cov = coverage({ personTwice: 0.2, splitPerson: 0.15, partialGroups: 0.1, windowEdge: 0.1, groupFilter: 0.3 })
    fc.assert(
      fc.property(arbPartitionAndFilter, ([{ events, parts }, filter]) => {
        cov.run()
        const hits = events.filter((e) => passes(filter, e))
        cov.hit("personTwice", new Set(hits.map((e) => e.personRef)).size < hits.length)
        cov.hit("splitPerson", parts.some((p, i) => parts.some((q, j) => i < j && p.some((e) => passes(filter, e) && q.some((f) => f.personRef === e.personRef && passes(filter, f))))))
        cov.hit("groupFilter", filter.targetGroups !== undefined)
        const groups = filter.targetGroups
        cov.hit("partialGroups", groups !== undefined && events.some((e) => e.targetGroups.some((g) => groups.includes(g)) && e.targetGroups.some((g) => !groups.includes(g))))
        const w = filter.window
        cov.hit("windowEdge", w !== undefined && events.some((e) => e.date === w.from || e.date === w.until))
        const merged = Metric.combineAll(parts.map(Metric.foldMap))
        for (const m of Metric.builtinMetrics) {
          if (m._tag !== "Count") continue
          const got = value(merged, m.id, filter)!
          expect(got).toBe(oracle(events, m, filter))
          if (m.counting !== "events") {
            const sumOfParts = parts.reduce((s, p) => s + oracle(p, m, filter), 0)
            expect(got).toBeLessThanOrEqual(sumOfParts)
          }
        }
      })
    )
    cov.check()
  })

  it("monthly breakdowns of event counts add up to the total (≥ 30 % of runs break down by month, ≥ 7 % with a non-zero month)", () => {
    const cov = coverage({ byMonth: 0.3, nonZeroMonth: 0.07 })
    fc.assert(
      fc.property(arbTallyAndQuery, ([t, q]) => {
        cov.run()
        const r = ok(Metric.evaluate(t, q))
        if (r.months === undefined) return
        cov.hit("byMonth")
        cov.hit("nonZeroMonth", r.months.some((m) => m.value > 0))
        const metric = Metric.defaultCatalog.metrics.get(q.metric) as Metric.CountMetric
        const sum = r.months.reduce((s, m) => s + m.value, 0)
        if (metric.counting === "events") expect(sum).toBe(Metric.numberOf(r.value))
        else expect(sum).toBeGreaterThanOrEqual(Metric.numberOf(r.value)!)
      })
    )
    cov.check()
  })

  it("the columnar fold, in any chunking, answers exactly as the tally (≥ 30 % histogram plans, ≥ 30 % row plans, ≥ 30 % with a cell split across chunks)", () => {
    const cov = coverage({ histogram: 0.3, rows: 0.3, splitAcrossChunks: 0.3 })
    fc.assert(
      fc.property(arbMetricEvents.chain((es) => fc.tuple(fc.constant(es), fc.array(arbMetricQueryFor(es), { minLength: 1, maxLength: 4 }))), fc.integer({ min: 1, max: 6 }), arbStrategy, ([events, queries], chunks, strategy) => {
        cov.run()
        const cols = ok(Metric.columnsFromEvents(events))
        const plan = ok(Metric.compileColumns(queries, cols, Metric.defaultCatalog, { strategy }))
        if (strategy === "rows") expect(plan.strategy).toBe("rows")
        cov.hit(plan.strategy === "histogram" ? "histogram" : "rows")
        const size = Math.max(1, Math.ceil(events.length / chunks))
        const parts: Array<ReadonlyArray<Metric.MetricEvent>> = []
        let acc = Metric.emptyColumnTally(plan)
        for (let s = 0; s < events.length; s += size) {
          acc = Metric.combineColumnTallies(acc, Metric.foldColumns(plan, cols, s, s + size))
          parts.push(events.slice(s, s + size))
        }
        cov.hit("splitAcrossChunks", splitAcross(parts).shared)
        const t = Metric.foldMap(events)
        expect(Metric.columnResults(plan, acc)).toEqual(queries.map((q) => ok(Metric.evaluate(t, q))))
      })
    )
    cov.check()
  })

  it("column tallies form a commutative monoid (≥ 30 % of runs with all three parts non-empty)", () => {
    const cov = coverage({ threeParts: 0.3 })
    fc.assert(
      fc.property(arbMetricEvents.chain((es) => fc.tuple(fc.constant(es), arbMetricQueryFor(es))), fc.nat(), fc.nat(), arbStrategy, ([events, query], i, j, strategy) => {
        cov.run()
        const cols = ok(Metric.columnsFromEvents(events))
        const plan = ok(Metric.compileColumns([query], cols, Metric.defaultCatalog, { strategy }))
        const cut = (n: number) => n % (events.length + 1)
        const [x, y] = [Math.min(cut(i), cut(j)), Math.max(cut(i), cut(j))]
        cov.hit("threeParts", 0 < x && x < y && y < events.length)
        const a = Metric.foldColumns(plan, cols, 0, x), b = Metric.foldColumns(plan, cols, x, y), c = Metric.foldColumns(plan, cols, y)
        const e = Metric.emptyColumnTally(plan)
        const combine = Metric.combineColumnTallies
        expect(Metric.columnTalliesEqual(combine(e, a), a)).toBe(true)
        expect(Metric.columnTalliesEqual(combine(a, b), combine(b, a))).toBe(true)
        expect(Metric.columnTalliesEqual(combine(a, combine(b, c)), combine(combine(a, b), c))).toBe(true)
        expect(Metric.columnTalliesEqual(combine(combine(a, b), c), Metric.foldColumns(plan, cols))).toBe(true)
      })
    )
    cov.check()
  })

  it("figures are never NaN or Infinity: a zero denominator is NotDefined (≥ 5 % of runs reach NotDefined, ≥ 4 % a rate)", () => {
    const cov = coverage({ notDefined: 0.05, rate: 0.04 })
    fc.assert(
      fc.property(arbTallyAndQuery, ([t, q]) => {
        cov.run()
        const r = ok(Metric.evaluate(t, q))
        cov.hit("notDefined", r.value._tag === "NotDefined")
        cov.hit("rate", r.value._tag === "Rate")
        expect(finite(r.value)).toBe(true)
        for (const m of r.months ?? []) expect(Number.isFinite(m.value)).toBe(true)
      })
    )
    cov.check()
    const ratios = coverage({ zeroDenominator: 0.05, defined: 0.05 })
    fc.assert(
      fc.property(fc.oneof(fc.tuple(fc.double(), fc.double()), fc.tuple(fc.double(), fc.constantFrom(0, -0))), ([n, den]) => {
        ratios.run()
        const v = Metric.ratio(n, den)
        ratios.hit("zeroDenominator", den === 0)
        ratios.hit("defined", v._tag === "Rate")
        return finite(v) && ((den > 0 && n >= 0) || v._tag === "NotDefined") && (v._tag !== "Rate" || v.value >= 0)
      })
    )
    ratios.check()
  })

  it("generated bad events are typed errors with a path, never exceptions (≥ 38 % of runs are objects whose error names a field)", () => {
    const cov = coverage({ namesField: 0.38 })
    fc.assert(
      fc.property(arbBadEvent, (bad) => {
        cov.run()
        const r = Metric.decodeEvent(bad)
        cov.hit("namesField", Result.isFailure(r) && r.failure.path.length > 0)
        return Result.isFailure(r) && r.failure._tag === "MetricError" && r.failure.code === "invalid_event"
      })
    )
    cov.check()
  })

  it("generated good events decode to themselves (≥ 20 % with an employer, ≥ 20 % in several groups)", () => {
    const cov = coverage({ employer: 0.2, groups: 0.2 })
    fc.assert(
      fc.property(arbMetricEvent, (e) => {
        cov.run()
        cov.hit("employer", e.employerRef !== undefined)
        cov.hit("groups", e.targetGroups.length > 1)
        return Result.isSuccess(Metric.decodeEvent(e)) && JSON.stringify(ok(Metric.decodeEvent(e))) === JSON.stringify(e)
      })
    )
    cov.check()
  })

  it("unknown metric ids are typed errors (≥ 50 % of runs against a non-empty tally)", () => {
    const known = new Set(Metric.builtinMetrics.map((m) => m.id))
    const cov = coverage({ nonEmpty: 0.5 })
    fc.assert(
      fc.property(arbTally, fc.string().filter((s) => !known.has(s)), (t, id) => {
        cov.run()
        cov.hit("nonEmpty", t.cells.size > 0)
        const r = Metric.evaluate(t, { metric: id })
        return Result.isFailure(r) && r.failure.code === "unknown_metric"
      })
    )
    cov.check()
  })

  it("columns from events pass the check; generated corruptions of them are typed errors (each field corrupted in ≥ 9 % of runs)", () => {
    const fields = ["kind", "site", "groups", "person", "employer", "day", "length"] as const
    const cov = coverage(Object.fromEntries(fields.map((f) => [f, 0.09])) as Record<(typeof fields)[number], number>)
    fc.assert(
      fc.property(arbMetricEvents.filter((es) => es.length > 0), fc.nat(), fc.constantFrom(...fields), (events, at, field) => {
        cov.run()
        cov.hit(field)
        const cols = ok(Metric.columnsFromEvents(events))
        expect(Result.isSuccess(Metric.checkColumns(cols))).toBe(true)
        const i = at % cols.length
        const copy = <T extends { slice: () => T }>(a: T): T => a.slice()
        const bad: { -readonly [K in keyof Metric.MetricColumns]: Metric.MetricColumns[K] } = {
          ...cols, kind: copy(cols.kind), site: copy(cols.site), groups: copy(cols.groups), person: copy(cols.person), employer: copy(cols.employer), day: copy(cols.day)
        }
        if (field === "kind") bad.kind[i] = Metric.eventKinds.length
        if (field === "site") bad.site[i] = cols.sites.length
        if (field === "groups") bad.groups[i] = cols.targetGroups.length >= 32 ? 0 : (1 << cols.targetGroups.length) >>> 0
        if (field === "person") bad.person[i] = cols.personCount
        if (field === "employer") bad.employer[i] = cols.employerCount
        if (field === "day") bad.day[i] = 5_000_000
        if (field === "length") bad.length = cols.length + 1
        const r = Metric.checkColumns(bad)
        expect(Result.isFailure(r) && r.failure.path[0]).toBe(field === "length" ? "kind" : field)
      })
    )
    cov.check()
  })

  it("canonical data round-trips (≥ 30 % of runs hold a cell with two people)", () => {
    const cov = coverage({ mergedCell: 0.3 })
    fc.assert(
      fc.property(arbTally, (t) => {
        cov.run()
        cov.hit("mergedCell", [...t.cells.values()].some((c) => c.people.size > 1))
        return Metric.equals(ok(Metric.fromCanonical(JSON.parse(JSON.stringify(Metric.toCanonical(t))))), t)
      })
    )
    cov.check()
  })
})

// ---------------------------------------------------------------------------------------------
// Examples at the edges (docs/adr/0005: each states behaviour a mutant of src/Metric.ts broke).

describe("errors name what is wrong, in both languages", () => {
  it("a bad event lists every bad field with its path; the Japanese text names the first", () => {
    const r = Metric.decodeEvent({ kind: "coffee", personRef: "", date: "2013-05-01", site: "desk", targetGroups: [] })
    const e = Result.isFailure(r) ? r.failure : undefined
    expect(e?.path).toEqual(["kind"])
    expect(e?.message).toMatch(/^kind: .*; personRef: /)
    expect(e?.messageJa).toBe("事象データが不正です（kind）")
  })

  it("in a list, every issue of the bad event carries its index", () => {
    const good = { kind: "intake", personRef: "p1", date: "2013-05-01", site: "desk", targetGroups: [] }
    const r = Metric.decodeEvents([good, { ...good, kind: "coffee", site: "" }])
    const e = Result.isFailure(r) ? r.failure : undefined
    expect(e?.path).toEqual([1, "kind"])
    expect(e?.message).toMatch(/^\[1\]\.kind: .*; \[1\]\.site: /)
    expect(ok(Metric.decodeEvents([good, { ...good, personRef: "p2" }])).map((x) => x.personRef)).toEqual(["p1", "p2"])
  })

  it("a bad metric definition names its index and field; the Japanese text gives the path", () => {
    const r = Metric.makeCatalog([Metric.builtinMetrics[0], { _tag: "Count", id: "c", label: { ja: "c", en: "c" }, unit: { ja: "件", en: "cases" }, kinds: ["dance"], counting: "events" }])
    const e = Result.isFailure(r) ? r.failure : undefined
    expect([e?.code, e?.path]).toEqual(["invalid_definition", [1, "kinds", 0]])
    expect(e?.message).toContain("consultation")
    expect(e?.messageJa).toBe("指標定義が不正です（[1].kinds[0]）")
  })

  it("a duplicate id names the later definition and the id", () => {
    const r = Metric.makeCatalog([Metric.builtinMetrics[1], Metric.builtinMetrics[0], Metric.builtinMetrics[1]])
    const e = Result.isFailure(r) ? r.failure : undefined
    expect([e?.code, e?.path]).toEqual(["invalid_definition", [2, "id"]])
    expect(e?.message).toContain("consultation_people")
    expect(e?.messageJa).toContain("consultation_people")
  })

  it("a ratio over something that is not a count metric names the ratio's index and side (分子 / 分母)", () => {
    const counts = Metric.builtinMetrics.filter((m) => m._tag === "Count")
    const label = { ja: "率", en: "r" }
    const badDenominator = Metric.makeCatalog([...counts, { _tag: "Ratio", id: "r", label, numerator: "placements", denominator: "y" }])
    const e = Result.isFailure(badDenominator) ? badDenominator.failure : undefined
    expect([e?.code, e?.path]).toEqual(["invalid_definition", [counts.length, "denominator"]])
    expect(e?.message).toBe("ratio r: denominator y is not a count metric of this catalogue")
    expect(e?.messageJa).toBe("率 r の分母が未定義です")
    const badNumerator = Metric.makeCatalog([...counts, { _tag: "Ratio", id: "r", label, numerator: "y", denominator: "placements" }])
    expect(Result.isFailure(badNumerator) && [badNumerator.failure.path, badNumerator.failure.messageJa]).toEqual([[counts.length, "numerator"], "率 r の分子が未定義です"])
    // A ratio of ratios is refused too: both sides must be counts.
    const ofRatio = Metric.makeCatalog([...Metric.builtinMetrics, { _tag: "Ratio", id: "r", label, numerator: "placement_rate", denominator: "placements" }])
    expect(Result.isFailure(ofRatio) && ofRatio.failure.path).toEqual([Metric.builtinMetrics.length, "numerator"])
  })

  it("an unknown metric is named in both languages, at the path the caller gives", () => {
    const r = Metric.lookup(Metric.defaultCatalog, "happiness", ["targets", 3, "metric"])
    expect(Result.isFailure(r) && r.failure).toMatchObject({ code: "unknown_metric", path: ["targets", 3, "metric"], message: 'unknown metric "happiness"', messageJa: "未定義の指標です: happiness" })
    expect(Result.isFailure(Metric.lookup(Metric.defaultCatalog, "happiness")) && (Metric.lookup(Metric.defaultCatalog, "happiness") as { failure: Metric.MetricError }).failure.path).toEqual(["metric"])
  })

  it("impossible queries say why in both languages", () => {
    const t = Metric.foldMap([ev("placement", "a", "2013-06-01")])
    const byMonthRate = Metric.evaluate(t, { metric: "placement_rate", filter: { window: Period.unsafeWindow("2013-04-01", "2013-05-01") }, byMonth: true })
    expect(Result.isFailure(byMonthRate) && byMonthRate.failure).toMatchObject({ path: ["byMonth"], message: "ratio placement_rate has no monthly breakdown", messageJa: "率 placement_rate は月別に分解できません" })
    const noWindow = Metric.evaluate(t, { metric: "placements", byMonth: true })
    expect(Result.isFailure(noWindow) && noWindow.failure).toMatchObject({ code: "unsupported_query", message: "a monthly breakdown needs a window", messageJa: "月別集計には期間の指定が必要です" })
    // byMonth: false is no breakdown at all: no window needed, no months reported.
    expect(ok(Metric.evaluate(t, { metric: "placements", byMonth: false }))).toEqual({ query: { metric: "placements", byMonth: false }, value: { _tag: "Count", value: 1 } })
  })

  it("bad stored tally data names the first bad field", () => {
    const r = Metric.fromCanonical({ cells: [{ kind: "intake", date: "2013-05-01", site: "desk", targetGroups: [], events: -1, people: [], employers: [] }] })
    expect(Result.isFailure(r) && r.failure).toMatchObject({ code: "invalid_event", path: ["cells", 0, "events"], messageJa: "集計データが不正です" })
    expect(Result.isFailure(r) && r.failure.message.length).toBeGreaterThan(0)
    const two = Metric.fromCanonical({ cells: [{}] })
    expect(Result.isFailure(two) && two.failure.message.split("; ").length).toBe(7)
  })
})

describe("ratios and filters at their edges", () => {
  it("a ratio is defined only for a finite non-negative numerator over a finite positive denominator", () => {
    expect(Metric.ratio(0, 4)).toEqual({ _tag: "Rate", value: 0, numerator: 0, denominator: 4 })
    expect(Metric.ratio(3, 4)).toEqual({ _tag: "Rate", value: 0.75, numerator: 3, denominator: 4 })
    expect(Metric.ratio(1, 0)).toEqual(Metric.notDefined("zero_denominator"))
    for (const [n, den] of [[-1, 2], [1, -2], [Number.NaN, 2], [2, Number.NaN], [Number.POSITIVE_INFINITY, 2], [2, Number.POSITIVE_INFINITY], [1e308, 1e-308]] as const) {
      expect(Metric.ratio(n, den)).toEqual(Metric.notDefined("invalid_operand"))
    }
  })

  it("numberOf reads every defined figure and nothing from an undefined one", () => {
    expect(Metric.numberOf({ _tag: "Count", value: 3 })).toBe(3)
    expect(Metric.numberOf({ _tag: "Average", value: 1.5, total: 3, months: 2 })).toBe(1.5)
    expect(Metric.numberOf(Metric.notDefined("no_complete_month"))).toBeUndefined()
    // It goes by the tag: a stored rate overwritten as not defined still carries its old number.
    const overwritten = { ...Metric.ratio(1, 4), ...Metric.notDefined("zero_denominator") }
    expect(Metric.numberOf(overwritten)).toBeUndefined()
  })

  it("a filter passes an event only when every given part accepts it", () => {
    const day = d("2013-04-30")
    expect(Metric.matchesFilter(undefined, day, "desk", [])).toBe(true)
    expect(Metric.matchesFilter({}, day, "desk", [])).toBe(true)
    expect(Metric.matchesFilter({ window: Period.unsafeWindow("2013-04-01", "2013-04-30") }, day, "desk", [])).toBe(false)
    expect(Metric.matchesFilter({ window: Period.unsafeWindow("2013-04-30", "2013-05-01") }, day, "desk", [])).toBe(true)
    expect(Metric.matchesFilter({ sites: ["branch"] }, day, "desk", [])).toBe(false)
    expect(Metric.matchesFilter({ targetGroups: ["youth"] }, day, "desk", ["welfare_recipient", "youth"])).toBe(true)
    expect(Metric.matchesFilter({ targetGroups: ["youth"] }, day, "desk", ["welfare_recipient"])).toBe(false)
    expect(Metric.matchesFilter({ targetGroups: [] }, day, "desk", ["youth"])).toBe(false)
    expect(Metric.matchesFilter({ sites: ["desk"], targetGroups: ["youth"], window: Period.unsafeWindow("2013-04-01", "2013-05-01") }, day, "desk", ["youth"])).toBe(true)
  })

  it("the months of a window are every month it touches, the last one by its last day", () => {
    expect(Metric.monthsOfWindow(Period.unsafeWindow("2013-04-15", "2013-06-01"))).toEqual(["2013-04", "2013-05"])
    expect(Metric.monthsOfWindow(Period.unsafeWindow("2013-04-30", "2013-05-02"))).toEqual(["2013-04", "2013-05"])
    expect(Metric.monthsOfWindow(Period.unsafeWindow("2012-12-31", "2013-01-01"))).toEqual(["2012-12"])
  })

  it("monthly breakdowns of distinct people and employers count each once per month", () => {
    const t = Metric.foldMap([
      ev("consultation", "a", "2013-04-02"),
      ev("consultation", "a", "2013-04-20", { site: "branch" }),
      ev("consultation", "b", "2013-05-02"),
      ev("consultation", "a", "2013-05-03"),
      ev("employer_contact", "s", "2013-04-05", { employerRef: "acme" }),
      ev("employer_contact", "s", "2013-04-06", { employerRef: "acme", targetGroups: ["youth"] }),
      ev("employer_contact", "s", "2013-05-06", { employerRef: "globex" })
    ])
    const window = Period.unsafeWindow("2013-04-01", "2013-07-01")
    const people = ok(Metric.evaluate(t, { metric: "consultation_people", filter: { window }, byMonth: true }))
    expect([people.value, people.months]).toEqual([{ _tag: "Count", value: 2 }, [{ month: "2013-04", value: 1 }, { month: "2013-05", value: 2 }, { month: "2013-06", value: 0 }]])
    const companies = ok(Metric.evaluate(t, { metric: "companies", filter: { window }, byMonth: true }))
    expect([companies.value, companies.months]).toEqual([{ _tag: "Count", value: 2 }, [{ month: "2013-04", value: 1 }, { month: "2013-05", value: 1 }, { month: "2013-06", value: 0 }]])
    const contacts = ok(Metric.evaluate(t, { metric: "consultations", filter: { window }, byMonth: true }))
    expect(contacts.months).toEqual([{ month: "2013-04", value: 2 }, { month: "2013-05", value: 2 }, { month: "2013-06", value: 0 }])
  })

  it("a ratio reads both counts through the query's filter", () => {
    const t = Metric.foldMap([
      ev("employment_support_started", "a", "2013-04-02"),
      ev("employment_support_started", "b", "2013-04-02", { site: "branch" }),
      ev("placement", "a", "2013-05-02"),
      ev("placement", "b", "2013-05-02", { site: "branch" })
    ])
    expect(ok(Metric.evaluate(t, { metric: "placement_rate", filter: { sites: ["desk"] } })).value).toEqual({ _tag: "Rate", value: 1, numerator: 1, denominator: 1 })
    expect(ok(Metric.evaluate(t, { metric: "placement_rate" })).value).toEqual({ _tag: "Rate", value: 1, numerator: 2, denominator: 2 })
  })
})

describe("columns at their edges", () => {
  const events = [
    ev("intake", "p1", "2013-05-01"),
    ev("placement", "p2", "2013-05-02", { site: "branch", targetGroups: ["youth"] }),
    ev("placement", "p1", "2013-06-02", { employerRef: "acme" }),
    ev("intake", "p3", "2013-06-03")
  ]
  const columns = () => ok(Metric.columnsFromEvents(events))
  const refused = (c: Metric.MetricColumns) => {
    const r = Metric.checkColumns(c)
    return Result.isFailure(r) ? { path: r.failure.path, code: r.failure.code, ja: r.failure.messageJa } : "accepted"
  }

  it("encodes each event's fields into its row, interning strings in order of first use", () => {
    const c = columns()
    expect([c.length, c.sites, c.targetGroups, c.personCount, c.employerCount]).toEqual([4, ["desk", "branch"], ["youth"], 3, 1])
    expect([...c.kind]).toEqual([1, 4, 4, 1])
    expect([...c.site]).toEqual([0, 1, 0, 0])
    expect([...c.groups]).toEqual([0, 1, 0, 0])
    expect([...c.person]).toEqual([0, 1, 0, 2])
    expect([...c.employer]).toEqual([-1, -1, 0, -1])
    expect([...c.day]).toEqual(events.map((e) => Period.toDayNumber(e.date)))
  })

  it("sets one bit per target group, the 32nd group included", () => {
    const groups = Array.from({ length: 32 }, (_, i) => `group_${i}`)
    const c = ok(Metric.columnsFromEvents([ev("consultation", "a", "2013-04-01", { targetGroups: groups })]))
    expect(c.groups[0]).toBe(0xffffffff)
    expect(refused(c)).toBe("accepted")
  })

  it("the check refuses a length that is not a count, and short columns", () => {
    expect(refused({ ...columns(), length: -1 })).toEqual({ path: ["length"], code: "invalid_event", ja: "列データが不正です（length）" })
    expect(refused({ ...columns(), length: 1.5 })).toMatchObject({ path: ["length"] })
    expect(refused({ ...columns(), length: 0 })).toBe("accepted")
    expect(refused({ ...columns(), employer: new Int32Array(3) })).toMatchObject({ path: ["employer"] })
    expect(refused({ ...columns(), length: 3 })).toBe("accepted") // longer arrays than length are fine
  })

  it("the check refuses more than 32 groups and person or employer counts outside 0 … 2^31 − 1", () => {
    const c = columns()
    expect(refused({ ...c, targetGroups: Array.from({ length: 33 }, (_, i) => `g${i}`) })).toMatchObject({ path: ["targetGroups"] })
    expect(refused({ ...c, targetGroups: Array.from({ length: 32 }, (_, i) => `g${i}`) })).toBe("accepted")
    for (const bad of [{ personCount: -1 }, { personCount: 2 ** 31 }, { employerCount: -1 }, { employerCount: 2 ** 31 }, { personCount: Number.NaN }, { employerCount: Number.NaN }]) {
      expect(refused({ ...c, ...bad })).toMatchObject({ path: ["personCount"] })
    }
    expect(refused({ ...c, personCount: 2 ** 31 - 1, employerCount: 2 ** 31 - 1 })).toBe("accepted")
    expect(refused(ok(Metric.columnsFromEvents([])))).toBe("accepted") // no rows, no people, no employers
  })

  it("the check accepts exactly the codes inside their dictionaries and the days inside the calendar", () => {
    const withRow = (field: "groups" | "employer" | "day" | "kind" | "site" | "person", v: number) => {
      const c = columns()
      const copy = { ...c, [field]: c[field].slice() } as Metric.MetricColumns
      ;(copy[field] as Int32Array)[0] = v
      return refused(copy)
    }
    expect(withRow("groups", 1)).toBe("accepted")
    expect(withRow("groups", 2)).toMatchObject({ path: ["groups", 0] })
    expect(withRow("employer", -1)).toBe("accepted")
    expect(withRow("employer", 0)).toBe("accepted")
    expect(withRow("employer", -2)).toMatchObject({ path: ["employer", 0] })
    expect(withRow("employer", 1)).toMatchObject({ path: ["employer", 0] })
    expect(withRow("kind", Metric.eventKinds.length - 1)).toBe("accepted")
    expect(withRow("site", 1)).toBe("accepted")
    expect(withRow("person", 2)).toBe("accepted")
    const first = Period.toDayNumber(d("1873-01-01")), last = Period.toDayNumber(d("9999-12-31"))
    expect(withRow("day", first)).toBe("accepted")
    expect(withRow("day", last)).toBe("accepted")
    expect(withRow("day", first - 1)).toMatchObject({ path: ["day", 0] })
    expect(withRow("day", last + 1)).toMatchObject({ path: ["day", 0] })
  })

  it("a slice is the rows [start, end) with the same dictionaries; folding it equals folding that range", () => {
    const c = columns()
    const plan = ok(Metric.compileColumns([{ metric: "placements" }, { metric: "new_consultations" }, { metric: "placed_people" }], c))
    const middle = Metric.sliceColumns(c, 1, 3)
    expect([middle.length, [...middle.kind], middle.sites, middle.personCount]).toEqual([2, [4, 4], c.sites, c.personCount])
    expect(Metric.columnTalliesEqual(Metric.foldColumns(plan, middle), Metric.foldColumns(plan, c, 1, 3))).toBe(true)
    expect(Metric.sliceColumns(c, 2, 99).length).toBe(2)
    expect(Metric.sliceColumns(c, 5, 9).length).toBe(0)
  })

  it("a column tally holds only what its queries read: a count per event-count slot, a bit per person or employer per distinct slot, no months for a ratio", () => {
    const people = Array.from({ length: 40 }, (_, i) => ev("consultation", `p${i}`, "2013-04-02"))
    const contacts = ["acme", "globex", "initech"].map((e) => ev("employer_contact", "staff", "2013-05-02", { employerRef: e }))
    const c = ok(Metric.columnsFromEvents([...people, ...contacts]))
    expect([c.personCount, c.employerCount]).toEqual([41, 3]) // two 32-bit words per set of people, one per set of employers
    const quarter = Period.unsafeWindow("2013-04-01", "2013-07-01")
    const queries: ReadonlyArray<Metric.MetricQuery> = [
      { metric: "consultations" }, // 1 count
      { metric: "consultations", filter: { window: quarter }, byMonth: true }, // 1 + 3 counts
      { metric: "consultation_people" }, // 2 words
      { metric: "companies" }, // 1 word
      { metric: "placement_rate", filter: { window: quarter } } // 2 + 2 words: a ratio has no months
    ]
    for (const strategy of ["auto", "rows"] as const) {
      const plan = ok(Metric.compileColumns(queries, c, Metric.defaultCatalog, { strategy }))
      const t = Metric.emptyColumnTally(plan)
      expect(t.bits.length).toBe(7)
      if (plan.strategy === "rows") expect(t.counts.length).toBe(5) // the histogram holds one count per key instead
      expect(Metric.columnResults(plan, Metric.foldColumns(plan, c)).map((r) => Metric.numberOf(r.value))).toEqual([40, 40, 40, 3, undefined])
    }
  })

  it("a fold clamps its range to the rows there are", () => {
    const c = columns()
    for (const strategy of ["auto", "rows"] as const) {
      const plan = ok(Metric.compileColumns([{ metric: "placements" }, { metric: "consultation_people" }, { metric: "new_consultations" }], c, Metric.defaultCatalog, { strategy }))
      expect(Metric.columnTalliesEqual(Metric.foldColumns(plan, c, -3, 2), Metric.foldColumns(plan, c, 0, 2))).toBe(true)
      expect(Metric.columnTalliesEqual(Metric.foldColumns(plan, c, 2, 99), Metric.foldColumns(plan, c, 2))).toBe(true)
      expect(Metric.columnResults(plan, Metric.foldColumns(plan, c, 0, 2)).map((r) => Metric.numberOf(r.value))).toEqual([1, 0, 1])
    }
  })
})

describe("equality, tags and plans, as examples", () => {
  const base = [ev("consultation", "a", "2013-04-02"), ev("placement", "b", "2013-05-02", { employerRef: "acme" })]

  it("tallies differ when a cell, a count, a person or an employer differs", () => {
    const t = Metric.foldMap(base)
    expect(Metric.equals(t, Metric.foldMap([...base].reverse()))).toBe(true)
    const differing = [
      [...base, ev("consultation", "a", "2013-04-03")], // one more cell
      [...base, ev("consultation", "a", "2013-04-02")], // same cell, one more event
      [ev("consultation", "z", "2013-04-02"), base[1]!], // same cell and count, another person
      [base[0]!, ev("placement", "b", "2013-05-02", { employerRef: "globex" })], // another employer
      [base[0]!, ev("placement", "b", "2013-05-02")], // no employer
      [base[0]!, ev("placement", "b", "2013-05-03", { employerRef: "acme" })] // same size, another cell
    ]
    for (const events of differing) {
      expect(Metric.equals(t, Metric.foldMap(events))).toBe(false)
      expect(Metric.equals(Metric.foldMap(events), t)).toBe(false)
    }
    const samePeopleOtherCount = Metric.foldMap([base[0]!, base[0]!, base[1]!])
    expect(Metric.equals(samePeopleOtherCount, t)).toBe(false)
  })

  it("column tallies differ when a count, a bit or a size differs", () => {
    const cols = ok(Metric.columnsFromEvents([...base, ev("consultation", "c", "2013-04-05")]))
    const plan = ok(Metric.compileColumns([{ metric: "consultations" }, { metric: "consultation_people" }], cols))
    const whole = Metric.foldColumns(plan, cols)
    expect(Metric.columnTalliesEqual(whole, Metric.foldColumns(plan, cols))).toBe(true)
    expect(Metric.columnTalliesEqual(whole, Metric.foldColumns(plan, cols, 0, 2))).toBe(false) // one consultation and one person fewer
    const bitsOnly: Metric.ColumnTally = { ...whole, bits: whole.bits.map((w, i) => (i === 0 ? w ^ 1 : w)) }
    expect(Metric.columnTalliesEqual(whole, bitsOnly)).toBe(false)
    const countsOnly: Metric.ColumnTally = { ...whole, counts: whole.counts.map((c, i) => (i === whole.counts.findIndex((x) => x > 0) ? c + 1 : c)) }
    expect(Metric.columnTalliesEqual(whole, countsOnly)).toBe(false)
    expect(Metric.columnTalliesEqual(whole, { ...whole, counts: new Float64Array([...whole.counts, 0]) })).toBe(false)
    expect(Metric.columnTalliesEqual(whole, { ...whole, bits: new Uint32Array([...whole.bits, 0]) })).toBe(false)
  })

  it("every value built here carries its tag", () => {
    const t = Metric.foldMap(base)
    expect(t._tag).toBe("Tally")
    expect(Metric.combine(t, Metric.foldMap([ev("intake", "c", "2013-04-02")]))._tag).toBe("Tally")
    expect(ok(Metric.fromCanonical(Metric.toCanonical(t)))._tag).toBe("Tally")
    expect(ok(Metric.fromCanonical(Metric.toCanonical(Metric.singleton(base[0]!))))._tag).toBe("Tally") // a single stored cell
    expect(ok(Metric.makeCatalog(Metric.builtinMetrics))._tag).toBe("MetricCatalog")
    const cols = ok(Metric.columnsFromEvents(base))
    const plan = ok(Metric.compileColumns([{ metric: "consultations" }], cols))
    expect([plan._tag, Metric.emptyColumnTally(plan)._tag, Metric.foldColumns(plan, cols)._tag]).toEqual(["ColumnPlan", "ColumnTally", "ColumnTally"])
    expect(Metric.combineColumnTallies(Metric.foldColumns(plan, cols), Metric.foldColumns(plan, cols))._tag).toBe("ColumnTally")
  })

  it("events without a window, site or group filter fold through the histogram; a bad query is refused naming its index", () => {
    const cols = ok(Metric.columnsFromEvents(base))
    expect(ok(Metric.compileColumns([{ metric: "consultations" }, { metric: "placement_rate" }, { metric: "hiring_companies" }], cols)).strategy).toBe("histogram")
    expect(ok(Metric.compileColumns([{ metric: "consultations", filter: { window: Period.unsafeWindow("2013-04-01", "2014-04-01") } }], cols)).strategy).toBe("histogram")
    const bad = Metric.compileColumns([{ metric: "consultations" }, { metric: "happiness" }], cols)
    expect(Result.isFailure(bad) && [bad.failure.code, bad.failure.path]).toEqual(["unknown_metric", [1, "metric"]])
  })

  it("distinct employers are counted exactly when there are more employers than people", () => {
    const events = Array.from({ length: 40 }, (_, i) => ev("employer_contact", "staff", "2013-04-01", { employerRef: `e${i}` }))
    const cols = ok(Metric.columnsFromEvents([...events, ev("consultation", "a", "2013-04-01")]))
    const queries: ReadonlyArray<Metric.MetricQuery> = [{ metric: "companies" }, { metric: "consultation_people" }, { metric: "hiring_companies" }]
    for (const strategy of ["auto", "rows"] as const) {
      const plan = ok(Metric.compileColumns(queries, cols, Metric.defaultCatalog, { strategy }))
      expect(Metric.columnResults(plan, Metric.foldColumns(plan, cols)).map((r) => Metric.numberOf(r.value))).toEqual([40, 1, 0])
    }
  })

  it("a group filter naming only groups the columns lack matches nothing, with all 32 groups in use", () => {
    const groups = Array.from({ length: 32 }, (_, i) => `group_${i}`)
    const events = groups.map((g, i) => ev("consultation", `p${i}`, "2013-04-01", { targetGroups: [g] }))
    const cols = ok(Metric.columnsFromEvents(events))
    for (const strategy of ["auto", "rows"] as const) {
      const plan = ok(Metric.compileColumns([{ metric: "consultations", filter: { targetGroups: ["absent"] } }, { metric: "consultations", filter: { targetGroups: ["group_31"] } }], cols, Metric.defaultCatalog, { strategy }))
      expect(Metric.columnResults(plan, Metric.foldColumns(plan, cols)).map((r) => Metric.numberOf(r.value))).toEqual([0, 1])
    }
  })

  it("columns hold 65,536 sites; the next one is refused naming its row", () => {
    const events = Array.from({ length: 65_537 }, (_, i) => ev("intake", "a", "2013-04-01", { site: `s${i}` }))
    expect(ok(Metric.columnsFromEvents(events.slice(0, 65_536))).sites.length).toBe(65_536)
    const r = Metric.columnsFromEvents(events)
    expect(Result.isFailure(r) && [r.failure.code, r.failure.path, r.failure.message, r.failure.messageJa]).toEqual(["capacity", [65_536, "site"], "more than 65,536 sites", "拠点数が上限を超えています"])
    const groups = Array.from({ length: 33 }, (_, i) => ev("consultation", "a", "2013-04-01", { targetGroups: [`group_${i}`] }))
    const g = Metric.columnsFromEvents(groups)
    expect(Result.isFailure(g) && [g.failure.path, g.failure.message, g.failure.messageJa]).toEqual([[32, "targetGroups"], "more than 32 target groups in one column set", "対象者区分が32を超えています"])
  })

  it("the check looks only at the rows inside length, and its messages name the bad value", () => {
    const cols = ok(Metric.columnsFromEvents(base))
    const kind = new Uint8Array([...cols.kind, 99])
    expect(Result.isSuccess(Metric.checkColumns({ ...cols, kind }))).toBe(true)
    const message = (c: Metric.MetricColumns) => {
      const r = Metric.checkColumns(c)
      return Result.isFailure(r) ? r.failure.message : ""
    }
    expect(message({ ...cols, kind: new Uint8Array([99, 4]) })).toBe("unknown kind code 99")
    expect(message({ ...cols, site: new Uint16Array([0, 7]) })).toBe("site code 7 outside the dictionary")
    expect(message({ ...cols, person: new Uint32Array([0, 9]) })).toBe("person id 9 ≥ personCount")
    expect(message({ ...cols, employer: new Int32Array([-1, 5]) })).toBe("employer id 5 outside -1 … employerCount − 1")
    expect(message({ ...cols, day: new Int32Array([0, 5_000_000]) })).toBe("day number 5000000 outside the calendar")
    expect(message({ ...cols, length: 7 })).toBe("kind has 2 rows, fewer than length 7")
    expect(message({ ...cols, targetGroups: Array.from({ length: 33 }, (_, i) => `g${i}`) })).toBe("more than 32 target groups")
    expect(message({ ...cols, length: -1 })).toBe("length -1 is not a count")
    expect(message({ ...cols, employerCount: -1 })).toBe("person and employer counts must lie in 0 … 2^31 − 1")
    expect(message({ ...cols, groups: new Uint32Array([0, 1]) })).toBe("group bits outside the dictionary") // these columns have no groups
  })

  it("an event's errors name the index inside a list of groups, and an employer contact without an employer says so", () => {
    const r = Metric.decodeEvent({ kind: "intake", personRef: "p1", date: "2013-05-01", site: "desk", targetGroups: ["youth", "Bad"] })
    expect(Result.isFailure(r) && r.failure.path).toEqual(["targetGroups", 1])
    const e = Metric.decodeEvent({ kind: "employer_contact", personRef: "staff", date: "2013-05-01", site: "desk", targetGroups: [] })
    expect(Result.isFailure(e) && e.failure.message).toBe("employerRef: an employer_contact event needs an employerRef")
  })
})
