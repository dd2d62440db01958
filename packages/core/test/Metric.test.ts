import { describe, expect, it } from "vitest"
import fc from "fast-check"
import { Result } from "effect"
import { Metric, Period } from "@jiritsu/core"
import { arbBadEvent, arbMetricEvent, arbMetricEvents, arbMetricFilter, arbMetricQuery, arbTally } from "./arbitraries.ts"

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

/** A direct, obviously correct count over the raw events: the oracle. */
const oracle = (events: ReadonlyArray<Metric.MetricEvent>, metric: Metric.CountMetric, filter: Metric.MetricFilter | undefined): number => {
  const hits = events.filter((e) => metric.kinds.includes(e.kind) && Metric.matchesFilter(filter, e.date, e.site, e.targetGroups))
  if (metric.counting === "events") return hits.length
  if (metric.counting === "people") return new Set(hits.map((e) => e.personRef)).size
  return new Set(hits.flatMap((e) => (e.employerRef === undefined ? [] : [e.employerRef]))).size
}

/** Splits events into up to five parts by a generated assignment. */
const arbPartition = arbMetricEvents.chain((events) =>
  fc.array(fc.integer({ min: 0, max: 4 }), { minLength: events.length, maxLength: events.length }).map((assign) => ({
    events,
    parts: [0, 1, 2, 3, 4].map((k) => events.filter((_, i) => assign[i] === k))
  }))
)

/** Both fold strategies: the histogram (chosen automatically for usual queries) and row by row. */
const arbStrategy = fc.constantFrom<"auto" | "rows">("auto", "rows")

const finite = (v: Metric.MetricValue): boolean =>
  v._tag === "NotDefined" || (Number.isFinite(v.value) && (v._tag !== "Rate" || (Number.isFinite(v.numerator) && Number.isFinite(v.denominator) && v.denominator > 0)))

describe("properties", () => {
  it("identity: combine(empty, t) = t = combine(t, empty)", () => {
    fc.assert(fc.property(arbTally, (t) => Metric.equals(Metric.combine(Metric.empty, t), t) && Metric.equals(Metric.combine(t, Metric.empty), t)))
  })

  it("associativity", () => {
    fc.assert(
      fc.property(arbTally, arbTally, arbTally, (a, b, c) =>
        Metric.equals(Metric.combine(a, Metric.combine(b, c)), Metric.combine(Metric.combine(a, b), c))
      )
    )
  })

  it("commutativity", () => {
    fc.assert(fc.property(arbTally, arbTally, (a, b) => Metric.equals(Metric.combine(a, b), Metric.combine(b, a))))
  })

  it("combine never changes its arguments", () => {
    fc.assert(
      fc.property(arbTally, arbTally, (a, b) => {
        const before = [JSON.stringify(Metric.toCanonical(a)), JSON.stringify(Metric.toCanonical(b))]
        Metric.combine(a, b)
        return JSON.stringify(Metric.toCanonical(a)) === before[0] && JSON.stringify(Metric.toCanonical(b)) === before[1]
      })
    )
  })

  it("report(events) = combine of the reports of any partition", () => {
    fc.assert(
      fc.property(arbPartition, arbMetricQuery, ({ events, parts }, query) => {
        const whole = Metric.foldMap(events)
        const merged = Metric.combineAll(parts.map(Metric.foldMap))
        expect(Metric.equals(merged, whole)).toBe(true)
        expect(ok(Metric.evaluate(merged, query))).toEqual(ok(Metric.evaluate(whole, query)))
      })
    )
  })

  it("the order of events does not matter", () => {
    fc.assert(
      fc.property(arbMetricEvents.chain((es) => fc.shuffledSubarray([...es], { minLength: es.length, maxLength: es.length }).map((s) => [es, s] as const)), ([es, shuffled]) =>
        Metric.equals(Metric.foldMap(es), Metric.foldMap(shuffled))
      )
    )
  })

  it("incremental add = foldMap", () => {
    fc.assert(fc.property(arbMetricEvents, (es) => Metric.equals(es.reduce(Metric.add, Metric.empty), Metric.foldMap(es))))
  })

  it("every count equals a direct count over the events (distinct counts exact, never double counted across parts)", () => {
    fc.assert(
      fc.property(arbPartition, arbMetricFilter, ({ events, parts }, filter) => {
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
  })

  it("monthly breakdowns of event counts add up to the total", () => {
    fc.assert(
      fc.property(arbTally, arbMetricQuery, (t, q) => {
        const r = ok(Metric.evaluate(t, q))
        if (r.months === undefined) return
        const metric = Metric.defaultCatalog.metrics.get(q.metric) as Metric.CountMetric
        const sum = r.months.reduce((s, m) => s + m.value, 0)
        if (metric.counting === "events") expect(sum).toBe(Metric.numberOf(r.value))
        else expect(sum).toBeGreaterThanOrEqual(Metric.numberOf(r.value)!)
      })
    )
  })

  it("the columnar fold, in any chunking, answers exactly as the tally", () => {
    fc.assert(
      fc.property(arbMetricEvents, fc.array(arbMetricQuery, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 6 }), arbStrategy, (events, queries, chunks, strategy) => {
        const cols = ok(Metric.columnsFromEvents(events))
        const plan = ok(Metric.compileColumns(queries, cols, Metric.defaultCatalog, { strategy }))
        if (strategy === "rows") expect(plan.strategy).toBe("rows")
        const size = Math.max(1, Math.ceil(events.length / chunks))
        let acc = Metric.emptyColumnTally(plan)
        for (let s = 0; s < events.length; s += size) acc = Metric.combineColumnTallies(acc, Metric.foldColumns(plan, cols, s, s + size))
        const t = Metric.foldMap(events)
        expect(Metric.columnResults(plan, acc)).toEqual(queries.map((q) => ok(Metric.evaluate(t, q))))
      })
    )
  })

  it("column tallies form a commutative monoid", () => {
    fc.assert(
      fc.property(arbMetricEvents, arbMetricQuery, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), arbStrategy, (events, query, i, j, strategy) => {
        const cols = ok(Metric.columnsFromEvents(events))
        const plan = ok(Metric.compileColumns([query], cols, Metric.defaultCatalog, { strategy }))
        const [x, y] = [Math.min(i, j), Math.max(i, j)]
        const a = Metric.foldColumns(plan, cols, 0, x), b = Metric.foldColumns(plan, cols, x, y), c = Metric.foldColumns(plan, cols, y)
        const e = Metric.emptyColumnTally(plan)
        const combine = Metric.combineColumnTallies
        expect(Metric.columnTalliesEqual(combine(e, a), a)).toBe(true)
        expect(Metric.columnTalliesEqual(combine(a, b), combine(b, a))).toBe(true)
        expect(Metric.columnTalliesEqual(combine(a, combine(b, c)), combine(combine(a, b), c))).toBe(true)
        expect(Metric.columnTalliesEqual(combine(combine(a, b), c), Metric.foldColumns(plan, cols))).toBe(true)
      })
    )
  })

  it("figures are never NaN or Infinity: a zero denominator is NotDefined", () => {
    fc.assert(
      fc.property(arbTally, arbMetricQuery, (t, q) => {
        const r = ok(Metric.evaluate(t, q))
        expect(finite(r.value)).toBe(true)
        for (const m of r.months ?? []) expect(Number.isFinite(m.value)).toBe(true)
      })
    )
    fc.assert(
      fc.property(fc.double(), fc.double(), (n, den) => {
        const v = Metric.ratio(n, den)
        return finite(v) && (den > 0 && n >= 0 || v._tag === "NotDefined") && (v._tag !== "Rate" || v.value >= 0)
      })
    )
  })

  it("generated bad events are typed errors with a path, never exceptions", () => {
    fc.assert(
      fc.property(arbBadEvent, (bad) => {
        const r = Metric.decodeEvent(bad)
        return Result.isFailure(r) && r.failure._tag === "MetricError" && r.failure.code === "invalid_event"
      })
    )
  })

  it("generated good events decode to themselves", () => {
    fc.assert(fc.property(arbMetricEvent, (e) => Result.isSuccess(Metric.decodeEvent(e)) && JSON.stringify(ok(Metric.decodeEvent(e))) === JSON.stringify(e)))
  })

  it("unknown metric ids are typed errors", () => {
    const known = new Set(Metric.builtinMetrics.map((m) => m.id))
    fc.assert(
      fc.property(arbTally, fc.string().filter((s) => !known.has(s)), (t, id) => {
        const r = Metric.evaluate(t, { metric: id })
        return Result.isFailure(r) && r.failure.code === "unknown_metric"
      })
    )
  })

  it("columns from events pass the check; generated corruptions of them are typed errors", () => {
    fc.assert(
      fc.property(
        arbMetricEvents.filter((es) => es.length > 0),
        fc.nat(),
        fc.constantFrom("kind", "site", "groups", "person", "employer", "day", "length"),
        (events, at, field) => {
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
        }
      )
    )
  })

  it("canonical data round-trips", () => {
    fc.assert(fc.property(arbTally, (t) => Metric.equals(ok(Metric.fromCanonical(JSON.parse(JSON.stringify(Metric.toCanonical(t))))), t)))
  })
})
