// Trace-mode evaluation of one fact record, and the machine-readable results derived from it: the
// effective status of every clause, the outcome and the facts still missing.
import type { LocalDate } from "../Period.ts"
import type { Override } from "../Verdict.ts"
import { contentHash } from "./hash.ts"
import { codegenSupported, recordsTrace, type TraceFn } from "./ruleCodegen.ts"
import { compareLeaf, compile, EXACT_MEMBERS, F, type Fn, orderedExceptions, recordAccess, slotsOf, T, type TraceSink, type TV, U } from "./ruleCompile.ts"
import type { Exception, Rule } from "./ruleSchema.ts"

type Ctx = Record<string, unknown>

export interface TraceRun {
  readonly statuses: Uint8Array
  readonly observed: ReadonlyArray<unknown>
}

interface TraceCompiled {
  readonly fn: Fn<Ctx>
  readonly sink: TraceSink
  readonly size: number
}

const traceCache = new WeakMap<Rule, Map<string, TraceCompiled>>()
const CACHE_LIMIT = 256

// Overridden soft clauses are forced to pass inside the tree, so each set of overrides has its own closures.
const traceCompiled = (rule: Rule, asOf: LocalDate, overridden: ReadonlySet<string>): TraceCompiled => {
  const key = overridden.size === 0 ? asOf : `${asOf}|${[...overridden].sort().join(",")}`
  let perRule = traceCache.get(rule)
  if (perRule === undefined) {
    perRule = new Map()
    traceCache.set(rule, perRule)
  }
  const hit = perRule.get(key)
  if (hit !== undefined) return hit
  const size = slotsOf(rule).length
  const sink: TraceSink = { statuses: new Uint8Array(size), observed: [], base: 0 }
  const fn = compile(rule, asOf, recordAccess, { overridden, sink })
  const compiled = { fn, sink, size }
  if (perRule.size >= CACHE_LIMIT) perRule.clear()
  perRule.set(key, compiled)
  return compiled
}

interface Tier {
  persons: number
  closures: TraceFn<Ctx> | undefined
  generated: TraceFn<Ctx> | undefined
}

const tierCache = new WeakMap<Rule, Map<string, Tier>>()

/**
 * Persons traced through closures before a rule gets generated code: generating and compiling the
 * source costs about as much as a few dozen closure runs, and a rule evaluated once (a rule being
 * edited, a generated test rule) never repays it; a rule in use runs ≈ 5× faster generated.
 */
export const GENERATE_AFTER = 32

/** The trace function of a rule over fact records, for a batch of `persons`: closures first, generated code once the rule is in use. */
export const recordsTracer = (rule: Rule, asOf: LocalDate, persons: number): TraceFn<Ctx> => {
  let perRule = tierCache.get(rule)
  if (perRule === undefined) {
    perRule = new Map()
    tierCache.set(rule, perRule)
  }
  let tier = perRule.get(asOf)
  if (tier === undefined) {
    tier = { persons: 0, closures: undefined, generated: undefined }
    if (perRule.size >= CACHE_LIMIT) perRule.clear()
    perRule.set(asOf, tier)
  }
  tier.persons += persons
  if (tier.persons > GENERATE_AFTER && codegenSupported()) return (tier.generated ??= recordsTrace(rule, asOf))
  return (tier.closures ??= closureTracer(rule, asOf))
}

const closureTracer = (rule: Rule, asOf: LocalDate): TraceFn<Ctx> => {
  const sink: TraceSink = { statuses: new Uint8Array(0), observed: [], base: 0 }
  const fn = compile(rule, asOf, recordAccess, { overridden: NOTHING_OVERRIDDEN, sink })
  return {
    fn: (ctx, base, statuses, observed) => {
      sink.statuses = statuses
      sink.observed = observed
      sink.base = base
      return fn(ctx)
    },
    bind: (statuses, observed) => {
      sink.statuses = statuses
      sink.observed = observed
    }
  }
}

/** Evaluates every clause of `rule` on one fact record; returns the natural statuses and observed values. */
export const runTrace = (rule: Rule, asOf: LocalDate, facts: Ctx, overridden: ReadonlySet<string>): TraceRun => {
  const size = slotsOf(rule).length
  const statuses = new Uint8Array(size)
  const observed: Array<unknown> = new Array(size)
  if (overridden.size === 0) {
    const traced = recordsTracer(rule, asOf, 1)
    traced.bind(statuses, observed)
    traced.fn(facts, 0, statuses, observed)
    return { statuses, observed }
  }
  const c = traceCompiled(rule, asOf, overridden)
  c.sink.statuses = statuses
  c.sink.observed = observed
  c.sink.base = 0
  c.fn(facts)
  return { statuses, observed }
}

const hashCache = new WeakMap<Rule, string>()

/** Content hash of a rule: `sha256:` + hex of its canonical JSON. */
export const ruleHash = (rule: Rule): string => {
  const cached = hashCache.get(rule)
  if (cached !== undefined) return cached
  const h = contentHash(rule)
  hashCache.set(rule, h)
  return h
}

const own = (ctx: Ctx, key: string): unknown => (Object.hasOwn(ctx, key) ? ctx[key] : undefined)

const isMember = (m: unknown): m is Ctx => typeof m === "object" && m !== null && !Array.isArray(m)

/** The effective status: a soft clause with an override counts as passed. */
export const effective = (node: Rule | Exception, natural: TV, overrides: ReadonlyMap<string, Override>): TV =>
  natural !== T && node.kind !== "exception" && node.soft === true && overrides.has(node.id) ? T : natural

const indexCache = new WeakMap<Rule, ReadonlyMap<Rule | Exception, number>>()

/** Slot index of every clause node, computed once per rule. */
export const indexOfNodes = (rule: Rule): ReadonlyMap<Rule | Exception, number> => {
  let index = indexCache.get(rule)
  if (index === undefined) {
    const map = new Map<Rule | Exception, number>()
    slotsOf(rule).forEach((s, i) => map.set(s.node, i))
    index = map
    indexCache.set(rule, index)
  }
  return index
}

/** Facts a leaf still needs (the leaf is unknown). */
const leafMissing = (node: Rule, asOf: LocalDate, facts: Ctx): ReadonlyArray<string> => {
  if (!("fact" in node)) return []
  const value = own(facts, node.fact)
  if (value === undefined) return [node.fact]
  if ((node.kind !== "count" && node.kind !== "aggregate") || !Array.isArray(value)) return []
  return memberMissing(node, value, asOf)
}

/**
 * The member facts an unknown household clause needs: for a member whose inclusion is unknown,
 * the facts its inclusion reads, when including it can change the clause — checked over every
 * choice of the other undecided members while every included value is known (and there are at
 * most EXACT_MEMBERS of them), else when it can change the aggregated value (not a zero in a
 * total, not below a surely-included member's value in a maximum, not above it in a minimum); for
 * a member that is or may be included, the aggregated field when it is unknown.
 */
const memberMissing = (node: Rule & { readonly kind: "count" | "aggregate" }, members: ReadonlyArray<unknown>, asOf: LocalDate): ReadonlyArray<string> => {
  const states = members.map((member) => {
    if (!isMember(member)) return undefined
    const run = node.where === undefined ? undefined : runTrace(node.where, asOf, member, NOTHING_OVERRIDDEN)
    const inc = run === undefined ? T : (run.statuses[0] as TV)
    const field = node.kind === "aggregate" ? own(member, node.field) : undefined
    return { member, run, inc, field }
  })
  const open = states.filter((s) => s !== undefined && s.inc !== F)
  const maybes = open.filter((s) => s!.inc === U)
  const exact = (node.kind === "count" || open.every((s) => s!.field !== undefined)) && maybes.length <= EXACT_MEMBERS
  const matters = exact ? inclusionMatters(node, open.filter((s) => s!.inc === T).map((s) => s!.field), maybes.map((s) => s!.field)) : valueMatters(node, states)
  const out: Array<string> = []
  states.forEach((s, i) => {
    if (s === undefined) return
    const prefix = `${node.fact}[${i}].`
    if (s.inc === U && matters(exact ? maybes.indexOf(s) : i)) for (const m of missingOf(node.where!, s.run!, asOf, s.member, NO_OVERRIDES)) out.push(prefix + m)
    if (node.kind === "aggregate" && s.inc !== F && s.field === undefined) out.push(prefix + node.field)
  })
  return out
}

/**
 * Whether including possibly-included member `j` can change the clause, over every choice of the
 * other possibly-included members (every included value known: numbers, or something else, which
 * fails the clause).
 */
const inclusionMatters = (node: Rule & { readonly kind: "count" | "aggregate" }, sure: ReadonlyArray<unknown>, maybe: ReadonlyArray<unknown>) => (j: number): boolean => {
  const outcome = (included: ReadonlyArray<unknown>): TV => {
    if (node.kind === "count") return compareLeaf(node.op, included.length, node.value)
    if (included.some((v) => typeof v !== "number")) return F
    const values = included as ReadonlyArray<number>
    if (node.fn === "sum") return compareLeaf(node.op, values.reduce((a, b) => a + b, 0), node.value)
    if (values.length === 0) return F
    return compareLeaf(node.op, node.fn === "max" ? Math.max(...values) : Math.min(...values), node.value)
  }
  const others = maybe.filter((_, k) => k !== j)
  for (let mask = 0; mask < 1 << others.length; mask++) {
    const chosen = [...sure, ...others.filter((_, k) => mask & (1 << k))]
    if (outcome(chosen) !== outcome([...chosen, maybe[j]])) return true
  }
  return false
}

/** Whether including member `i` can change the aggregated value (some included value is unknown, or the household is too large to go through). */
const valueMatters = (node: Rule & { readonly kind: "count" | "aggregate" }, states: ReadonlyArray<{ readonly inc: TV; readonly field: unknown } | undefined>) => {
  let sureExtreme: number | undefined
  if (node.kind === "aggregate" && node.fn !== "sum") {
    for (const s of states) {
      if (s === undefined || s.inc !== T || typeof s.field !== "number") continue
      sureExtreme = sureExtreme === undefined ? s.field : node.fn === "max" ? Math.max(sureExtreme, s.field) : Math.min(sureExtreme, s.field)
    }
  }
  return (i: number): boolean => {
    const v = states[i]!.field
    if (node.kind !== "aggregate" || typeof v !== "number") return true
    if (node.fn === "sum") return v !== 0
    return sureExtreme === undefined || (node.fn === "max" ? v > sureExtreme : v < sureExtreme)
  }
}

/**
 * The status of an overlay resolved from exception `k` on, for every `k` (index `n`: the base):
 * the first exception that applies decides; one that does not is skipped; an unknown one leaves
 * the result unknown unless the rest resolves to its effect anyway (as the evaluator resolves).
 */
export const restOfOverlay = (exceptions: ReadonlyArray<{ readonly when: TV; readonly effect: TV }>, base: TV): ReadonlyArray<TV> => {
  const rest: Array<TV> = new Array(exceptions.length + 1)
  rest[exceptions.length] = base
  for (let k = exceptions.length - 1; k >= 0; k--) {
    const { when, effect } = exceptions[k]!
    const after = rest[k + 1]!
    rest[k] = when === T ? effect : when === F ? after : after === effect ? effect : U
  }
  return rest
}

const NOTHING_OVERRIDDEN: ReadonlySet<string> = new Set()
const NO_OVERRIDES: ReadonlyMap<string, Override> = new Map()

/** The facts still missing: all of them in the order asked, and those of each unknown leaf by slot. */
export interface MissingMap {
  readonly all: ReadonlyArray<string>
  readonly bySlot: ReadonlyMap<number, ReadonlyArray<string>>
}

/**
 * The facts that can still decide an unknown rule: from the root, descend only into unknown
 * clauses (a decided clause needs nothing), and into an overlay's exceptions only as far as the
 * first one that applies. Filling every listed fact decides every clause visited, hence the root.
 */
export const missingOf = (
  rule: Rule,
  run: TraceRun,
  asOf: LocalDate,
  facts: Ctx,
  overrides: ReadonlyMap<string, Override>
): ReadonlyArray<string> => perClauseMissing(rule, run, asOf, facts, overrides).all

export const perClauseMissing = (
  rule: Rule,
  run: TraceRun,
  asOf: LocalDate,
  facts: Ctx,
  overrides: ReadonlyMap<string, Override>
): MissingMap => {
  const indexOf = indexOfNodes(rule)
  const all: Array<string> = []
  const seen = new Set<string>()
  const bySlot = new Map<number, ReadonlyArray<string>>()
  const status = (node: Rule | Exception): TV => effective(node, run.statuses[indexOf.get(node)!] as TV, overrides)
  const visit = (node: Rule | Exception): void => {
    if (status(node) !== U) return
    switch (node.kind) {
      case "all":
      case "any":
        for (const child of node.children) visit(child)
        return
      case "not":
        visit(node.child)
        return
      case "exception":
        visit(node.when)
        return
      case "overlay": {
        // An unknown exception matters only while the rest of the overlay (the exceptions after
        // it, then the base) could come out other than its effect; one that applies ends the walk.
        const ordered = orderedExceptions(node)
        const rest = restOfOverlay(ordered.map(({ exception }) => ({ when: status(exception), effect: exception.effect === "include" ? T : F })), status(node.base))
        for (let k = 0; k < ordered.length; k++) {
          const exception = ordered[k]!.exception
          const w = status(exception)
          if (w === T) return
          if (w === U && rest[k + 1] !== (exception.effect === "include" ? T : F)) visit(exception)
        }
        visit(node.base)
        return
      }
      default: {
        const missing = leafMissing(node, asOf, facts)
        bySlot.set(indexOf.get(node)!, missing)
        for (const m of missing) {
          if (!seen.has(m)) {
            seen.add(m)
            all.push(m)
          }
        }
      }
    }
  }
  visit(rule)
  return { all, bySlot }
}
