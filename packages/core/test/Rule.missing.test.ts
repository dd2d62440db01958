// Missing facts are exactly the facts that can still decide.
//
// Sufficiency (Rule.test.ts): filling every listed fact decides the outcome.
// Minimality, in two laws:
// - structural, on every generated rule: a listed fact is read by an unknown clause that is reached
//   from the root through undecided clauses only — never under a decided all / any / not, never
//   past an overlay exception that applies (and a member fact only for a member whose inclusion or
//   value is still open);
// - relevance, on rules that read each fact once: every listed fact can change the outcome — some
//   filling of the other listed facts and two values of it give different outcomes. (When a rule
//   reads one fact twice, relevance is a property of the whole formula — all(x, not x) fails
//   whatever x is — which no clause-by-clause evaluator can see; the list stays sufficient and
//   structurally minimal.)
import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Period, Rule, type Verdict } from "@jiritsu/core"
import { arbAsOf, arbFacts, arbLocalDate, arbRule } from "./arbitraries.ts"
import { atLeast, runs } from "./coverage.ts"

type R = Rule.Rule
const m = (id: string): Rule.Meta => ({ id, ja: id, en: id })

const evaluate = (rule: R, facts: Record<string, unknown>, asOf: Period.LocalDate): Verdict.Verdict =>
  Result.getOrThrow(Rule.evaluate(rule, { asOf, facts }))

describe("Rule: missing facts, worked examples", () => {
  const asOf = Period.unsafeDate("2025-06-01")

  it("any(exists a, all(b = false, exists c)) with b = false asks for a and c: each can decide", () => {
    const rule = Rule.any(m("r"), [Rule.exists(m("has_a"), "a"), Rule.all(m("inner"), [Rule.isFalse(m("b_false"), "b"), Rule.exists(m("has_c"), "c")])])
    const v = evaluate(rule, { b: false }, asOf)
    expect(v.missingFacts).toEqual(["a", "c"])
    // c decides on its own: present → eligible whatever a is; a alone does not (a absent leaves c open).
    expect(evaluate(rule, { b: false, c: 1 }, asOf).outcome).toBe("eligible")
    expect(evaluate(rule, { b: false, a: null }, asOf).outcome).toBe("undetermined")
    // With b = true the inner clause is decided (failed): c can no longer matter and is not asked for.
    expect(evaluate(rule, { b: true }, asOf).missingFacts).toEqual(["a"])
  })

  it("an undetermined verdict says, per clause in order, which facts it needs, and asks for the first, with the declared labels when there are any", () => {
    const rule = Rule.all({ id: "r", ja: "要件", en: "requirement" }, [
      Rule.exists({ id: "c", ja: "同意", en: "consent" }, "consent_id"),
      Rule.age({ id: "a", ja: "年齢", en: "age" }, "birth_date", { min: 18 }),
      Rule.count({ id: "k", ja: "子", en: "kids" }, "household", { where: Rule.eq(m("child"), "relation", "child"), op: "gte", value: 1 })
    ])
    const v = evaluate(rule, { household: [{}] }, asOf)
    expect(v.outcome).toBe("undetermined")
    expect(v.missingFacts).toEqual(["consent_id", "birth_date", "household[0].relation"])
    expect(v.reasons).toEqual([
      { ja: "同意を判定するには「consent_id」の確認が必要です", en: "To decide consent, ask for: consent_id" },
      { ja: "年齢を判定するには「birth_date」の確認が必要です", en: "To decide age, ask for: birth_date" },
      { ja: "子を判定するには「household[0].relation」の確認が必要です", en: "To decide kids, ask for: household[0].relation" }
    ])
    expect(v.nextQuestion).toEqual({ fact: "consent_id", clauseId: "c", labels: { ja: "consent_idを確認してください", en: "Ask for consent_id" } })
    const specs = {
      consent_id: { type: "string", labels: { ja: "同意書番号", en: "consent form number" } },
      household: { type: "members", labels: { ja: "世帯員", en: "household member" }, fields: { relation: { type: "string", labels: { ja: "続柄", en: "relation" } } } }
    } as const
    const declared = Result.getOrThrow(Rule.evaluate(rule, { asOf, facts: { household: [{}] } }, { specs: specs as never }))
    expect(declared.reasons[0]).toEqual({ ja: "同意を判定するには「同意書番号」の確認が必要です", en: "To decide consent, ask for: consent form number" })
    expect(declared.reasons[2]).toEqual({ ja: "子を判定するには「世帯員[0].relation」の確認が必要です", en: "To decide kids, ask for: household member[0].relation" })
    expect(declared.nextQuestion?.labels).toEqual({ ja: "同意書番号を確認してください", en: "Ask for consent form number" })
  })

  it("a clause that cannot pass whatever the value (no values listed, an empty range) is decided without its fact", () => {
    const none = Rule.isIn(m("none"), "x", [])
    const empty = Rule.between(m("empty"), "n", 5, 3)
    const rule = Rule.any(m("r"), [Rule.all(m("a"), [none, Rule.exists(m("c"), "c")]), Rule.all(m("b"), [empty, Rule.exists(m("d"), "d")]), Rule.exists(m("e"), "e")])
    const v = evaluate(rule, {}, asOf)
    expect(v.missingFacts).toEqual(["e"])
    expect(v.clauses.find((c) => c.id === "none")!.status).toBe("failed")
    expect(evaluate(none, {}, asOf).outcome).toBe("ineligible")
    expect(evaluate(Rule.intersects(m("i"), "g", []), {}, asOf).outcome).toBe("ineligible")
    expect(evaluate(Rule.age(m("g"), "birth", { min: 40, max: 30 }), {}, asOf).outcome).toBe("ineligible")
    expect(evaluate(Rule.dateIn(m("w"), "d", { from: Period.unsafeDate("2020-01-01"), until: Period.unsafeDate("2020-01-01") }), {}, asOf).outcome).toBe("ineligible")
  })
})

// ---------------------------------------------------------------------------------------------
// Structural minimality, on every generated rule
// ---------------------------------------------------------------------------------------------

/** Exceptions of an overlay in the order they are consulted (higher priority first, exclusions first at equal priority). */
const precedence = (overlay: R & { readonly kind: "overlay" }): ReadonlyArray<string> =>
  overlay.exceptions
    .map((e, index) => ({ e, index }))
    .sort((a, b) => b.e.priority - a.e.priority || (a.e.effect === b.e.effect ? 0 : a.e.effect === "exclude" ? -1 : 1) || a.index - b.index)
    .map(({ e }) => e.id)

type Status = Verdict.ClauseStatus

/** How an overlay resolves from the given exceptions (in precedence order) and its base, read from the trace. */
const resolve = (order: ReadonlyArray<string>, overlay: R & { readonly kind: "overlay" }, byId: ReadonlyMap<string, Verdict.ClauseTrace>): Status => {
  let result: Status = byId.get(overlay.base.id)!.status === "overridden" ? "passed" : byId.get(overlay.base.id)!.status
  for (const id of [...order].reverse()) {
    const effect: Status = overlay.exceptions.find((e) => e.id === id)!.effect === "include" ? "passed" : "failed"
    const when = byId.get(id)!.status
    result = when === "passed" ? effect : when === "failed" ? result : result === effect ? effect : "unknown"
  }
  return result
}

describe("Rule: missing facts are structurally minimal", () => {
  it("every listed fact is read by an unknown clause reached through undecided clauses only, never past an applying exception", () => {
    let undetermined = 0
    let nested = 0
    let decidedSiblings = 0
    let restChecked = 0
    fc.assert(
      fc.property(arbRule, arbFacts, arbAsOf, (rule, facts, asOf) => {
        const v = evaluate(rule, facts, asOf)
        const byId = new Map(v.clauses.map((c) => [c.id, c] as const))
        const nodes = new Map(Rule.clauses(rule).map((c) => [c.id, c] as const))
        if (v.outcome === "undetermined") undetermined++
        for (const c of v.clauses) {
          if (c.missing === undefined) continue
          expect(c.status).toBe("unknown")
          // Walk up to the root: every ancestor undecided; overlays not decided by an exception above the path.
          let child = c
          let depth = 0
          while (child.parent !== undefined) {
            const parent = byId.get(child.parent)!
            expect(parent.status, `ancestor ${parent.id} of ${c.id}`).toBe("unknown")
            const node = nodes.get(parent.id)!
            if (node.kind === "all" || node.kind === "any") {
              const siblings = v.clauses.filter((s) => s.parent === parent.id && s.id !== child.id)
              if (siblings.some((s) => s.status !== "unknown")) decidedSiblings++
            }
            if (node.kind === "overlay") {
              const order = precedence(node)
              const applying = order.filter((id) => byId.get(id)!.status === "passed")
              const through = order.indexOf(child.id) // -1: the path goes through the base
              const above = through < 0 ? order : order.slice(0, through)
              expect(applying.filter((id) => above.includes(id)), `exception applying above ${child.id} in ${parent.id}`).toEqual([])
              if (through >= 0) {
                // Through an unknown exception: the rest of the overlay must still be able to differ from its effect.
                const effect = node.exceptions.find((e) => e.id === child.id)!.effect === "include" ? "passed" : "failed"
                expect(resolve(order.slice(through + 1), node, byId), `rest of ${parent.id} after ${child.id}`).not.toBe(effect)
                restChecked++
              }
            }
            child = parent
            depth++
          }
          if (depth >= 2) nested++
        }
        // Facts are listed once, in the order asked, and exactly those of the clauses.
        expect(new Set(v.missingFacts).size).toBe(v.missingFacts.length)
        expect(new Set(v.missingFacts)).toEqual(new Set(v.clauses.flatMap((c) => c.missing ?? [])))
      }),
      { numRuns: runs(2000) }
    )
    // The generator reaches the interesting cases: undetermined verdicts, listed facts two or
    // more levels down, and undecided parents with decided siblings (where a wrong walk would list too much).
    // Observed over 2,000 runs: ≈ 430 undetermined, ≈ 420 listed facts two or more levels down,
    // ≈ 225 with a decided sibling, ≈ 160 paths through an unknown overlay exception.
    expect(undetermined).toBeGreaterThan(atLeast(300, 2000))
    expect(nested).toBeGreaterThan(atLeast(250, 2000))
    expect(decidedSiblings).toBeGreaterThan(atLeast(150, 2000))
    expect(restChecked).toBeGreaterThan(atLeast(90, 2000))
  })
})

// ---------------------------------------------------------------------------------------------
// Relevance, on read-once rules
// ---------------------------------------------------------------------------------------------

const NUMS = [0, 1, 2, 3, 4, 5, 6]
const STRS = ["x", "y", "z"]
const GROUPS = ["p", "q", "r"]

/** A leaf over a fact to be named later, and the values worth trying for that fact. */
interface LeafSpec {
  readonly build: (id: string, fact: string) => R
  readonly prefix: string
}

const arbOp = fc.constantFrom<Rule.CompareOp>("eq", "neq", "gt", "gte", "lt", "lte")
const arbDateBound = fc.option(arbLocalDate, { nil: undefined })

/** Member predicates for household aggregates: over the member fields w0, w1 (never the aggregated field). */
const arbMemberLeaf: fc.Arbitrary<(id: string, field: string) => R> = fc.oneof(
  fc.tuple(arbOp, fc.constantFrom(...NUMS)).map(([op, value]) => (id: string, field: string): R => ({ kind: "compare", id, labels: { ja: id, en: id }, fact: field, op, value })),
  fc.constant((id: string, field: string) => Rule.isTrue(m(id), field)),
  fc.constant((id: string, field: string) => Rule.exists(m(id), field))
)
const arbWhere: fc.Arbitrary<((id: string) => R) | undefined> = fc.oneof(
  fc.constant(undefined),
  arbMemberLeaf.map((leaf) => (id: string) => leaf(`${id}w`, "w0")),
  fc.tuple(arbMemberLeaf, arbMemberLeaf, fc.boolean()).map(([a, b, both]) => (id: string) => (both ? Rule.all : Rule.any)(m(`${id}w`), [a(`${id}w0`, "w0"), b(`${id}w1`, "w1")]))
)

const arbLeafSpec: fc.Arbitrary<LeafSpec> = fc.oneof(
  fc.tuple(arbOp, fc.constantFrom(...NUMS)).map(([op, value]): LeafSpec => ({ prefix: "n", build: (id, fact) => ({ kind: "compare", id, labels: { ja: id, en: id }, fact, op, value }) as R })),
  fc.tuple(fc.constantFrom<Rule.CompareOp>("eq", "neq"), fc.boolean()).map(([op, value]): LeafSpec => ({ prefix: "b", build: (id, fact) => ({ kind: "compare", id, labels: { ja: id, en: id }, fact, op, value }) as R })),
  fc.tuple(arbOp, fc.constantFrom(...STRS)).map(([op, value]): LeafSpec => ({ prefix: "s", build: (id, fact) => ({ kind: "compare", id, labels: { ja: id, en: id }, fact, op, value }) as R })),
  fc.tuple(arbOp, arbLocalDate).map(([op, value]): LeafSpec => ({ prefix: "d", build: (id, fact) => ({ kind: "compare", id, labels: { ja: id, en: id }, fact, op, value }) as R })),
  fc.uniqueArray(fc.constantFrom(...NUMS), { minLength: 1, maxLength: 3 }).map((vs): LeafSpec => ({ prefix: "n", build: (id, fact) => Rule.isIn(m(id), fact, vs) })),
  fc.tuple(fc.constantFrom(...NUMS), fc.constantFrom(...NUMS)).map(([a, b]): LeafSpec => ({ prefix: "n", build: (id, fact) => Rule.between(m(id), fact, Math.min(a, b), Math.max(a, b)) })),
  fc.constant({ prefix: "e", build: (id, fact) => Rule.exists(m(id), fact) } as LeafSpec),
  fc
    .tuple(fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }), fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }))
    .map(([a, b]) => {
      const [min, max] = a !== undefined && b !== undefined ? [Math.min(a, b), Math.max(a, b)] : [a, b]
      return { prefix: "d", build: (id, fact) => Rule.age(m(id), fact, { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) }) } as LeafSpec
    }),
  fc.tuple(arbDateBound, arbDateBound).map(([a, b]) => {
    const [from, until] = a !== undefined && b !== undefined ? (a < b ? [a, b] : b < a ? [b, a] : [a, undefined]) : [a, b]
    return { prefix: "d", build: (id, fact) => Rule.dateIn(m(id), fact, { ...(from !== undefined ? { from } : {}), ...(until !== undefined ? { until } : {}) }) } as LeafSpec
  }),
  fc.integer({ min: 1, max: 48 }).map((months): LeafSpec => ({ prefix: "d", build: (id, fact) => Rule.withinLast(m(id), fact, months) })),
  fc.subarray(GROUPS, { minLength: 1 }).map((vs): LeafSpec => ({ prefix: "g", build: (id, fact) => Rule.intersects(m(id), fact, vs) })),
  fc.subarray(GROUPS).map((vs): LeafSpec => ({ prefix: "g", build: (id, fact) => Rule.containsAll(m(id), fact, vs) })),
  fc.tuple(arbWhere, arbOp, fc.integer({ min: 0, max: 3 })).map(([where, op, value]): LeafSpec => ({
    prefix: "h",
    build: (id, fact) => Rule.count(m(id), fact, { ...(where !== undefined ? { where: where(id) } : {}), op, value })
  })),
  fc.tuple(fc.constantFrom<Rule.AggregateFn>("sum", "min", "max"), arbWhere, arbOp, fc.integer({ min: 0, max: 8 })).map(([fn, where, op, value]): LeafSpec => ({
    prefix: "h",
    build: (id, fact) => Rule.aggregate(m(id), fact, { fn, field: "inc", ...(where !== undefined ? { where: where(id) } : {}), op, value })
  }))
)

type Shape = { readonly leaf: LeafSpec } | { readonly all: ReadonlyArray<Shape> } | { readonly any: ReadonlyArray<Shape> } | { readonly not: Shape } | {
  readonly base: Shape
  readonly exceptions: ReadonlyArray<{ readonly when: Shape; readonly priority: number; readonly effect: "include" | "exclude" }>
}

const arbShape: fc.Arbitrary<Shape> = fc.letrec<{ shape: Shape }>((tie) => ({
  shape: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    arbLeafSpec.map((leaf) => ({ leaf })),
    fc.array(tie("shape"), { maxLength: 3 }).map((cs) => ({ all: cs })),
    fc.array(tie("shape"), { maxLength: 3 }).map((cs) => ({ any: cs })),
    tie("shape").map((c) => ({ not: c })),
    fc
      .tuple(tie("shape"), fc.array(fc.record({ when: tie("shape"), priority: fc.integer({ min: 0, max: 2 }), effect: fc.constantFrom<"include" | "exclude">("include", "exclude") }), { maxLength: 2 }))
      .map(([base, exceptions]) => ({ base, exceptions }))
  )
})).shape

/** A rule in which every leaf reads its own fact (n0, b1, h2, …); the leaves by fact. */
const readOnce = (shape: Shape): { readonly rule: R; readonly leaves: ReadonlyMap<string, R> } => {
  let next = 0
  const leaves = new Map<string, R>()
  const go = (s: Shape): R => {
    const id = `c${next++}`
    if ("leaf" in s) {
      const fact = `${s.leaf.prefix}${next}`
      const leaf = s.leaf.build(id, fact)
      leaves.set(fact, leaf)
      return leaf
    }
    if ("all" in s) return Rule.all(m(id), s.all.map(go))
    if ("any" in s) return Rule.any(m(id), s.any.map(go))
    if ("not" in s) return Rule.not(m(id), go(s.not))
    const base = go(s.base)
    return Rule.overlay(
      m(id),
      base,
      s.exceptions.map((e) => Rule.exception({ id: `c${next++}`, ja: "例外", en: "exception" }, { priority: e.priority, effect: e.effect, when: go(e.when) }))
    )
  }
  const rule = go(shape)
  return { rule, leaves }
}

const addDays = (d: string, n: number): string => Period.addDays(Period.unsafeDate(d), n)
const yearsBefore = (asOf: string, years: number): string => `${String(Number(asOf.slice(0, 4)) - years).padStart(4, "0")}${asOf.slice(4)}`

/**
 * The total, minimum or maximum a member fact feeds, when some member's aggregated value is
 * unknown: then the fact answers to the aggregated value, not the outcome (an unknown value can be
 * anything, so the evaluator does not go through the choices of the other members).
 */
const byValue = (path: string, leaves: ReadonlyMap<string, R>, facts: Record<string, unknown>): (R & { readonly kind: "aggregate" }) | undefined => {
  const member = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(path)
  const leaf = member === null ? undefined : leaves.get(member[1]!)
  if (leaf?.kind !== "aggregate") return undefined
  const household = facts[member![1]!] as ReadonlyArray<Record<string, unknown>>
  return household.some((m) => m[leaf.field] === undefined) ? leaf : undefined
}

/** Values worth trying for a member field read by a member predicate or aggregated. */
const memberValues = (field: string): ReadonlyArray<unknown> =>
  field === "inc" ? [null, ...Array.from({ length: 33 }, (_, i) => i - 16)] : [null, true, false, -1, ...NUMS, 7]

/** Values worth trying for the fact of a leaf: both sides of every constant it compares with, null, a wrong type. */
const candidates = (leaf: R, asOf: Period.LocalDate): ReadonlyArray<unknown> => {
  switch (leaf.kind) {
    case "compare":
      if (typeof leaf.value === "number") return [null, "x", leaf.value - 1, leaf.value, leaf.value + 1]
      if (typeof leaf.value === "boolean") return [null, true, false]
      if (/^\d{4}-\d{2}-\d{2}$/.test(leaf.value)) return [null, 3, addDays(leaf.value, -1), leaf.value, addDays(leaf.value, 1)]
      return [null, 3, "", "x", "y", "z", "zz"]
    case "in":
    case "between":
      return [null, "x", -1, ...NUMS, 7]
    case "exists":
      return [null, 1]
    case "age": {
      const out: Array<unknown> = [null, 3, "not a date"]
      for (const years of [leaf.min, leaf.max === undefined ? undefined : leaf.max + 1]) {
        if (years === undefined) continue
        // On 29 February the same day n years before may not exist: the 28th stands for it.
        const exact = yearsBefore(asOf, years)
        const bound = Result.isSuccess(Period.parseDate(exact)) ? exact : exact.replace(/-29$/, "-28")
        if (Result.isSuccess(Period.parseDate(bound))) out.push(addDays(bound, -1), bound, addDays(bound, 1))
      }
      out.push(asOf)
      return out
    }
    case "dateIn":
      return [null, 3, ...[leaf.from, leaf.until].flatMap((d) => (d === undefined ? [] : [addDays(d, -1), d])), "2000-01-01", "2060-01-01"]
    case "withinLast": {
      const lower = Period.addMonths(asOf, -leaf.months)
      return [null, 3, addDays(lower, -1), lower, asOf, addDays(asOf, 1)]
    }
    case "intersects":
    case "containsAll":
      return [null, 3, [], ["p"], ["q"], ["r"], ["p", "q"], ["p", "q", "r"], ["zz"]]
    case "count":
    case "aggregate":
      return householdCandidates(leaf, asOf)
    default:
      return [null]
  }
}

/**
 * Households for an aggregate: no list, an empty one, and lists of one to three members, each
 * included or excluded by the member predicate, with values around the compared constant.
 */
const householdCandidates = (leaf: R & { readonly kind: "count" | "aggregate" }, asOf: Period.LocalDate): ReadonlyArray<unknown> => {
  const fields = memberValues("w0")
  const tries = fields.flatMap((w0) => fields.map((w1) => ({ w0, w1 })))
  const included = leaf.where === undefined ? tries[0] : tries.find((t) => evaluate(leaf.where!, t, asOf).outcome === "eligible")
  const excluded = leaf.where === undefined ? undefined : tries.find((t) => evaluate(leaf.where!, t, asOf).outcome === "ineligible")
  const v = leaf.value
  const incs = [...new Set([0, 1, v - 1, v, v + 1, 2 * v, -2])]
  const members = [included, excluded].filter((x) => x !== undefined).flatMap((w) => incs.map((inc) => ({ ...w, inc })))
  const lists: Array<unknown> = [null, 3, []]
  for (const a of members) {
    lists.push([a])
    for (const b of members) lists.push([a, b])
  }
  // Enough included members to pass any count threshold generated (≤ 3) and sums above it.
  if (included !== undefined) for (const inc of incs) for (const n of [3, 4]) lists.push(Array.from({ length: n }, () => ({ ...included, inc })))
  return lists
}

/** Sets `path` (a fact, or a member field hh[i].field) to `value`. */
const setPath = (facts: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> => {
  const member = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(path)
  if (member === null) return { ...facts, [path]: value }
  const [, fact, index, field] = member
  const list = [...(facts[fact!] as Array<Record<string, unknown>>)]
  list[Number(index)] = { ...list[Number(index)], [field!]: value }
  return { ...facts, [fact!]: list }
}

/** The values to try for a listed fact (top-level facts: one value per distinct result of their leaf). */
const tryValues = (path: string, leaves: ReadonlyMap<string, R>, asOf: Period.LocalDate, facts: Record<string, unknown>): ReadonlyArray<unknown> => {
  const member = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(path)
  if (member !== null) {
    const leaf = leaves.get(member[1]!)
    if (member[3] !== "inc" || leaf?.kind !== "aggregate") return memberValues(member[3]!)
    // A total meets its threshold only at exact values: the threshold less every sum of the other known values, ±1.
    const known = (facts[member[1]!] as ReadonlyArray<Record<string, unknown>>).flatMap((m, i) => (i !== Number(member[2]) && typeof m["inc"] === "number" ? [m["inc"] as number] : []))
    const sums = known.reduce<ReadonlyArray<number>>((acc, x) => [...acc, ...acc.map((a) => a + x)], [0])
    return [...new Set([...memberValues("inc"), ...sums.flatMap((sum) => [leaf.value - sum - 1, leaf.value - sum, leaf.value - sum + 1])])]
  }
  const leaf = leaves.get(path)!
  return candidates(leaf, asOf)
}

/** One value per outcome of the fact's own leaf: what a read-once rule can tell apart. */
const distinctByLeaf = (path: string, values: ReadonlyArray<unknown>, leaves: ReadonlyMap<string, R>, asOf: Period.LocalDate): ReadonlyArray<unknown> => {
  const leaf = leaves.get(path)
  if (leaf === undefined) return values
  const seen = new Map<string, unknown>()
  for (const v of values) {
    const o = evaluate(leaf, { [path]: v }, asOf).outcome
    if (!seen.has(o)) seen.set(o, v)
  }
  return [...seen.values()]
}

const sometimes = <A>(arb: fc.Arbitrary<A>, freq: number) => fc.option(arb, { nil: undefined, freq })

/**
 * Households whose members miss some fields (the member facts a verdict asks for): inclusion
 * often unknown (w0, w1 missing), values mostly known — the exact case, where a member whose
 * inclusion cannot change the outcome must not be asked about. Zeros, ties and small values are
 * common (a zero in a total, a value below the surely-included maximum are the edge cases).
 */
const arbPartialHousehold = fc
  .array(
    fc.tuple(sometimes(fc.constantFrom(...memberValues("w0")), 1), sometimes(fc.constantFrom(...memberValues("w1")), 1), sometimes(fc.constantFrom(null, 0, 0, 1, 2, 3, 3, 5, 8, -2), 6)),
    { minLength: 1, maxLength: 4 }
  )
  .map((members) =>
    members.map(([w0, w1, inc]) => ({ ...(w0 !== undefined ? { w0 } : {}), ...(w1 !== undefined ? { w1 } : {}), ...(inc !== undefined ? { inc } : {}) }))
  )

const arbReadOnceCase = fc
  .tuple(arbShape, arbAsOf)
  .map(([shape, asOf]) => ({ ...readOnce(shape), asOf }))
  .chain(({ rule, leaves, asOf }) =>
    fc
      .tuple(
        ...[...leaves.keys()].map((fact) =>
          fc.option(fact.startsWith("h") ? fc.oneof(fc.constantFrom(...candidates(leaves.get(fact)!, asOf)), arbPartialHousehold) : fc.constantFrom(...candidates(leaves.get(fact)!, asOf)), {
            nil: undefined,
            freq: 2
          })
        )
      )
      .map((values) => {
        const facts: Record<string, unknown> = {}
        ;[...leaves.keys()].forEach((fact, i) => {
          if (values[i] !== undefined) facts[fact] = values[i]
        })
        return { rule, leaves, asOf, facts }
      })
  )

interface Coverage {
  checked: number
  memberFacts: number
  several: number
}

/** Every listed fact of the case has a witness: a filling of the other listed facts and two of its values that differ. */
const checkRelevance = ({ rule, leaves, asOf, facts }: { readonly rule: R; readonly leaves: ReadonlyMap<string, R>; readonly asOf: Period.LocalDate; readonly facts: Record<string, unknown> }, coverage: Coverage): void => {
  const v = evaluate(rule, facts, asOf)
  const listed = v.missingFacts
  // Sufficiency here too: undetermined always names a fact, and every filling below decides.
  if (v.outcome === "undetermined") expect(listed.length).toBeGreaterThan(0)
  if (listed.length === 0 || listed.length > 6) return
  const values = new Map(listed.map((f) => [f, distinctByLeaf(f, tryValues(f, leaves, asOf, facts), leaves, asOf)] as const))
  if (listed.reduce((n, f) => n * values.get(f)!.length, 1) > 50_000) return
  if (listed.length >= 2) coverage.several++
  const outcome = Rule.compile(rule, asOf)
  for (const f of listed) {
    coverage.checked++
    if (f.includes("[")) coverage.memberFacts++
    const others = listed.filter((o) => o !== f)
    const aggregate = byValue(f, leaves, facts)
    const result =
      aggregate === undefined
        ? (filled: Record<string, unknown>) => outcome(filled)
        : (filled: Record<string, unknown>) => JSON.stringify(evaluate(rule, filled, asOf).clauses.find((c) => c.id === aggregate.id)!.observed ?? "none")
    let witness = false
    const search = (i: number, filled: Record<string, unknown>): void => {
      if (witness) return
      if (i === others.length) {
        const fillings = values.get(f)!.map((x) => setPath(filled, f, x))
        for (const x of fillings) expect(outcome(x)).not.toBe("undetermined")
        const seen = new Set(fillings.map(result))
        if (seen.size > 1) witness = true
        return
      }
      for (const x of values.get(others[i]!)!) search(i + 1, setPath(filled, others[i]!, x))
    }
    search(0, facts)
    expect(witness, `listed fact ${f} cannot change the ${aggregate === undefined ? "outcome" : "aggregated value"} (listed: ${listed.join(", ")})`).toBe(true)
  }
}

/** A household clause (beside another clause, sometimes) over a household whose members miss some fields. */
const arbHouseholdCase = fc
  .tuple(
    arbLeafSpec.filter((l) => l.prefix === "h"),
    fc.option(fc.tuple(arbLeafSpec, fc.boolean()), { nil: undefined }),
    arbAsOf,
    arbPartialHousehold,
    fc.boolean()
  )
  .map(([household, other, asOf, members, otherKnown]) => {
    const shape: Shape = other === undefined ? { leaf: household } : other[1] ? { all: [{ leaf: household }, { leaf: other[0] }] } : { any: [{ leaf: household }, { leaf: other[0] }] }
    const { rule, leaves } = readOnce(shape)
    const facts: Record<string, unknown> = {}
    for (const [fact, leaf] of leaves) {
      if (fact.startsWith("h")) facts[fact] = members
      else if (otherKnown) facts[fact] = candidates(leaf, asOf)[1]
    }
    return { rule, leaves, asOf, facts }
  })

describe("Rule: missing facts are relevant (rules that read each fact once)", () => {
  it("every listed fact can change the outcome (a member fact beside an unknown member value: the aggregated value)", () => {
    const coverage: Coverage = { checked: 0, memberFacts: 0, several: 0 }
    fc.assert(
      fc.property(arbReadOnceCase, (c) => checkRelevance(c, coverage)),
      { numRuns: runs(1500) }
    )
    // Observed over 1,500 runs: ≈ 900 listed facts checked, ≈ 190 verdicts listing two or more.
    expect(coverage.checked).toBeGreaterThan(atLeast(600, 1500))
    expect(coverage.several).toBeGreaterThan(atLeast(120, 1500))
  })

  it("household clauses: every listed member fact can change the outcome (or, while some member's value is unknown, the aggregated value)", () => {
    const coverage: Coverage = { checked: 0, memberFacts: 0, several: 0 }
    fc.assert(
      fc.property(arbHouseholdCase, (c) => checkRelevance(c, coverage)),
      { numRuns: runs(2500) }
    )
    // Observed over 2,500 runs: ≈ 1,550 member facts checked, ≈ 550 verdicts listing two or more.
    expect(coverage.memberFacts).toBeGreaterThan(atLeast(900, 2500))
    expect(coverage.several).toBeGreaterThan(atLeast(300, 2500))
  })
})
