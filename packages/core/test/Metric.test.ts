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
