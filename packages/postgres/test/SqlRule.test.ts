// Rule → SQL parity: on generated populations and generated rules, the SQL answers equal
// Rule.evaluateMany (eligible / ineligible / undetermined) on the backend under test.
import { assert, layer } from "@effect/vitest"
import { Rule, RuleSet } from "@jiritsu/core"
import { Effect } from "effect"
import { SqlClient } from "effect/sql"
import fc from "fast-check"
import { SqlRule } from "@jiritsu/postgres"
import { TestDatabase } from "@jiritsu/postgres/testing"

const AS_OF = "2013-04-01"
const dates = ["1950-01-01", "1960-05-05", "1995-03-31", "1995-04-01", "1995-04-02", "2000-02-29", "2011-04-01", "2012-04-01", "2013-03-31", "2013-04-01", "2014-01-01"]
const scalars: ReadonlyArray<string | number | boolean> = ["a", "b", "c", "Ａ", "2013-04-01", -2, 0, 1, 2, 3, 0.5, 2.5, true, false]
const facts = ["birth", "income", "status", "flag", "groups", "household", "since"] as const
const memberFacts = ["income", "age", "role"] as const

const scalar = fc.constantFrom(...scalars)
const date = fc.constantFrom(...dates)
const list = fc.subarray(["a", "b", "c", 1, true] as Array<string | number | boolean>)
const member = fc.oneof(
  { weight: 9, arbitrary: fc.record({ income: fc.oneof(fc.integer({ min: -3, max: 6 }), fc.constant(null), fc.constant("x")), age: fc.integer({ min: 0, max: 90 }), role: fc.constantFrom("head", "child") }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: fc.constantFrom(3, "x", null) }
)
const household = fc.array(member, { maxLength: 4 })
const value = fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: date }, { weight: 3, arbitrary: scalar }, { weight: 2, arbitrary: list }, { weight: 3, arbitrary: household })
const person = fc.dictionary(fc.constantFrom(...facts), value, { maxKeys: facts.length })

let ids = 0
const m = (): Rule.Meta => ({ id: `r${ids++}`, ja: "条件", en: "clause" })
const op = fc.constantFrom<Rule.CompareOp>("eq", "neq", "gt", "gte", "lt", "lte")
const fact = fc.constantFrom(...facts)
const bound = fc.oneof(fc.constantFrom(...dates), fc.integer({ min: -2, max: 4 }))

const memberRule: fc.Arbitrary<Rule.Rule> = fc.oneof(
  fc.tuple(fc.constantFrom(...memberFacts), op, fc.oneof(fc.integer({ min: -2, max: 60 }), fc.constantFrom("head", "child"))).map(([f, o, v]) => ({ kind: "compare", ...metaOf(), fact: f, op: o, value: v }) as Rule.Rule),
  fc.constantFrom(...memberFacts).map((f) => Rule.exists(m(), f)),
  fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 10, max: 90 })).map(([a, b]) => Rule.between(m(), "age", a, b))
)
function metaOf() {
  return { id: `r${ids++}`, labels: { ja: "条件", en: "clause" } }
}

const leafRule: fc.Arbitrary<Rule.Rule> = fc.oneof(
  fc.tuple(fact, op, scalar).map(([f, o, v]) => ({ kind: "compare", ...metaOf(), fact: f, op: o, value: v }) as Rule.Rule),
  fc.tuple(fact, fc.subarray([...scalars])).map(([f, vs]) => Rule.isIn(m(), f, vs)),
  fc.tuple(fact, bound, bound).map(([f, a, b]) => Rule.between(m(), f, a, b)),
  fact.map((f) => Rule.exists(m(), f)),
  fc.tuple(fact, fc.option(fc.integer({ min: 0, max: 70 }), { nil: undefined }), fc.option(fc.integer({ min: 0, max: 70 }), { nil: undefined })).map(([f, min, max]) => Rule.age(m(), f, { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) })),
  fc.tuple(fact, fc.option(date, { nil: undefined }), fc.option(date, { nil: undefined })).map(([f, from, until]) => Rule.dateIn(m(), f, { ...(from !== undefined ? { from: from as never } : {}), ...(until !== undefined ? { until: until as never } : {}) })),
  fc.tuple(fact, fc.integer({ min: 1, max: 36 })).map(([f, n]) => Rule.withinLast(m(), f, n)),
  fc.tuple(fc.option(date, { nil: undefined }), fc.option(date, { nil: undefined })).map(([from, until]) => Rule.asOfIn(m(), { ...(from !== undefined ? { from: from as never } : {}), ...(until !== undefined ? { until: until as never } : {}) })),
  fc.tuple(fact, fc.subarray(["a", "b", "c", 1, true] as Array<string | number | boolean>)).map(([f, vs]) => Rule.intersects(m(), f, vs)),
  fc.tuple(fact, fc.subarray(["a", "b", "c", 1, true] as Array<string | number | boolean>)).map(([f, vs]) => Rule.containsAll(m(), f, vs)),
  fc.tuple(fact, fc.option(memberRule, { nil: undefined }), op, fc.integer({ min: 0, max: 4 })).map(([f, where, o, v]) => Rule.count(m(), f, { ...(where !== undefined ? { where } : {}), op: o, value: v })),
  fc.tuple(fact, fc.constantFrom<Rule.AggregateFn>("sum", "min", "max"), fc.constantFrom("income", "age"), fc.option(memberRule, { nil: undefined }), op, fc.integer({ min: -2, max: 8 })).map(([f, fn, field, where, o, v]) =>
    Rule.aggregate(m(), f, { fn, field, ...(where !== undefined ? { where } : {}), op: o, value: v })
  )
)

const ruleArb: fc.Arbitrary<Rule.Rule> = fc.letrec<{ rule: Rule.Rule }>((tie) => ({
  rule: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 5, arbitrary: leafRule },
    { weight: 1, arbitrary: fc.array(tie("rule"), { maxLength: 3 }).map((cs) => Rule.all(m(), cs)) },
    { weight: 1, arbitrary: fc.array(tie("rule"), { maxLength: 3 }).map((cs) => Rule.any(m(), cs)) },
    { weight: 1, arbitrary: tie("rule").map((c) => Rule.not(m(), c)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(tie("rule"), fc.array(fc.tuple(tie("rule"), fc.constantFrom<"include" | "exclude">("include", "exclude"), fc.integer({ min: 0, max: 2 })), { maxLength: 3 }))
        .map(([base, exs]) => Rule.overlay(m(), base, exs.map(([when, effect, priority]) => Rule.exception({ id: `x${ids++}`, ja: "例外", en: "exception" }, { effect, priority, when }))))
    }
  )
})).rule

const SQL_OUTCOME = (v: unknown) => (v === true ? "eligible" : v === false ? "ineligible" : "undetermined")

layer(TestDatabase.layer(), { timeout: 300_000 })("SqlRule parity with Rule.evaluateMany", (it) => {
  it.effect("generated rules on a generated population: same outcome for every person (undetermined included)", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const population = fc.sample(person, { numRuns: 60, seed: 7 })
      yield* sql`CREATE TABLE jiritsu_parity_population (id int PRIMARY KEY, facts jsonb NOT NULL)`
      for (const [i, facts] of population.entries()) yield* sql`INSERT INTO jiritsu_parity_population VALUES (${i}, ${JSON.stringify(facts)}::jsonb)`
      const rules = fc.sample(ruleArb, { numRuns: 1000, seed: 42 })
      const seen = new Map<string, Set<string>>()
      const note = (rule: Rule.Rule, outcome: string) => {
        let s = seen.get(rule.kind)
        if (s === undefined) seen.set(rule.kind, (s = new Set()))
        s.add(outcome)
      }
      for (const rule of rules) {
        const expected = Rule.evaluateMany(rule, population, { asOf: AS_OF as never })
        const rows = yield* sql<{ readonly id: number; readonly r: unknown }>`SELECT id, ${SqlRule.fragment(sql, SqlRule.compile(rule, { asOf: AS_OF, facts: "facts" }))} AS r FROM jiritsu_parity_population ORDER BY id`
        const actual = rows.map((r) => SQL_OUTCOME(r.r))
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          const i = actual.findIndex((a, k) => a !== expected[k])
          assert.fail(`mismatch for person ${i} ${JSON.stringify(population[i])}: SQL ${actual[i]}, core ${expected[i]}\nrule ${JSON.stringify(rule)}`)
        }
        for (const o of expected) note(rule, o)
      }
      // Every clause kind is reached with each of its possible outcomes (the parity bites).
      for (const kind of ["compare", "in", "between", "exists", "age", "dateIn", "withinLast", "intersects", "containsAll", "count", "aggregate", "all", "any", "not", "overlay"]) {
        assert.deepStrictEqual([...(seen.get(kind) ?? [])].sort(), ["eligible", "ineligible", "undetermined"], kind)
      }
      assert.deepStrictEqual([...(seen.get("asOfIn") ?? [])].sort(), ["eligible", "ineligible"])
      yield* sql`DROP TABLE jiritsu_parity_population`
    })
  )

  it.effect("household totals, minima and maxima over members of unknown inclusion: same outcome as the core", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      // Incomes known, roles sometimes unknown: inclusion by role is then undetermined.
      const hhMember = fc.record({ income: fc.integer({ min: -3, max: 8 }), role: fc.constantFrom("head", "child") }, { requiredKeys: ["income"] })
      const households = fc.sample(fc.record({ household: fc.array(hhMember, { maxLength: 6 }) }), { numRuns: 80, seed: 9 })
      yield* sql`CREATE TABLE jiritsu_parity_households (id int PRIMARY KEY, facts jsonb NOT NULL)`
      for (const [i, facts] of households.entries()) yield* sql`INSERT INTO jiritsu_parity_households VALUES (${i}, ${JSON.stringify(facts)}::jsonb)`
      const aggregateRule = fc
        .tuple(fc.constantFrom<Rule.AggregateFn>("sum", "min", "max"), fc.constantFrom("head", "child"), op, fc.integer({ min: -4, max: 12 }))
        .map(([fn, role, o, v]) => Rule.aggregate(m(), "household", { fn, field: "income", where: Rule.eq(m(), "role", role), op: o, value: v }))
      let mixed = 0
      const outcomes = new Set<string>()
      for (const rule of fc.sample(aggregateRule, { numRuns: 1000, seed: 13 })) {
        const expected = Rule.evaluateMany(rule, households, { asOf: AS_OF as never })
        const rows = yield* sql<{ readonly r: unknown }>`SELECT ${SqlRule.fragment(sql, SqlRule.compile(rule, { asOf: AS_OF, facts: "facts" }))} AS r FROM jiritsu_parity_households ORDER BY id`
        const actual = rows.map((r) => SQL_OUTCOME(r.r))
        const i = actual.findIndex((a, k) => a !== expected[k])
        if (i >= 0) assert.fail(`mismatch for household ${JSON.stringify(households[i])}: SQL ${actual[i]}, core ${expected[i]}\nrule ${JSON.stringify(rule)}`)
        for (const o of expected) outcomes.add(`${rule.kind === "aggregate" ? rule.fn : ""}:${o}`)
      }
      for (const h of households) {
        const sure = h.household.some((x) => x.role !== undefined)
        const maybe = h.household.some((x) => x.role === undefined)
        if (sure && maybe) mixed++
      }
      assert.isAbove(mixed, 20, "households mixing surely and possibly included members")
      for (const fn of ["sum", "min", "max"]) for (const o of ["eligible", "ineligible", "undetermined"]) assert.isTrue(outcomes.has(`${fn}:${o}`), `${fn} reaches ${o}`)
      yield* sql`DROP TABLE jiritsu_parity_households`
    })
  )

  it.effect("rule sets: the version in force compiles; WHERE selects exactly the core's groups; text form binds parameters", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const rule = Rule.all(m(), [Rule.age(m(), "birth", { min: 18, max: 64 }), Rule.isTrue(m(), "flag")])
      const set = RuleSet.make({ id: "demo", ja: "例", en: "demo", versions: [RuleSet.version({ version: "1", from: "2013-04-01" as never, rule })] })
      const population = [{ birth: "1990-01-01", flag: true }, { birth: "1990-01-01" }, { birth: "2010-01-01", flag: true }, { flag: true, birth: "1995-04-01" }]
      yield* sql`CREATE TABLE jiritsu_where_people (id int PRIMARY KEY, municipality text, facts jsonb)`
      for (const [i, f] of population.entries()) yield* sql`INSERT INTO jiritsu_where_people VALUES (${i}, ${"012068"}, ${JSON.stringify(f)}::jsonb)`
      const expected = RuleSet.evaluateMany(set, population, { asOf: AS_OF as never, mode: "strict" })
      assert.isTrue(expected._tag === "Success")
      if (expected._tag !== "Success") return
      for (const outcome of ["eligible", "ineligible", "undetermined"] as const) {
        const rows = yield* sql<{ readonly id: number }>`SELECT id FROM jiritsu_where_people p WHERE p.municipality = ${"012068"} AND ${SqlRule.where(sql, rule, { asOf: AS_OF, facts: "p.facts", outcome })} ORDER BY id`
        assert.deepStrictEqual(rows.map((r) => r.id), expected.success.flatMap((o, i) => (o === outcome ? [i] : [])), outcome)
      }
      const text = SqlRule.toText(SqlRule.compile(rule, { asOf: AS_OF, facts: "p.facts" }), 2)
      assert.notInclude(text.text, "1990")
      assert.match(text.text, /\$2/)
      const viaText = yield* sql.unsafe<{ readonly n: unknown }>(`SELECT count(*) AS n FROM jiritsu_where_people p WHERE p.municipality = $1 AND (${text.text}) IS TRUE`, ["012068", ...text.params])
      assert.strictEqual(Number(viaText[0]!.n), expected.success.filter((o) => o === "eligible").length)
      const outcomes = yield* sql<{ readonly o: string }>`SELECT ${SqlRule.outcome(sql, rule, { asOf: AS_OF, facts: "p.facts" })} AS o FROM jiritsu_where_people p ORDER BY id`
      assert.deepStrictEqual(outcomes.map((r) => r.o), [...expected.success])
      assert.throws(() => SqlRule.compile(rule, { asOf: AS_OF, facts: "p.facts; DROP TABLE x" }), /column reference/)
      assert.throws(() => SqlRule.compile(rule, { asOf: "2013-02-30", facts: "facts" }), /calendar date/)
      yield* sql`DROP TABLE jiritsu_where_people`
    })
  )
})
