// Compiles a rule tree into closures over a fact accessor. One compiler serves `evaluate` (trace
// mode: every clause is evaluated and its status and observed value written into a flat buffer)
// and `evaluateMany` (outcome mode: short-circuiting, nothing allocated per clause). Sharing the
// leaf tests is what makes `evaluateMany ≡ evaluate` hold by construction; the property tests
// check it anyway.
import { addMonths, type LocalDate } from "../Period.ts"
import type { Scalar } from "../Fact.ts"
import { isDateText } from "./dateText.ts"
import type { Aggregate, CompareOp, Count, Exception, Overlay, Rule } from "./ruleSchema.ts"

/** Kleene truth values. */
export const F = 0
export const T = 1
export const U = 2
export type TV = 0 | 1 | 2

export type Get<C> = (ctx: C) => unknown
export type Access<C> = (fact: string) => Get<C>
export type Fn<C> = (ctx: C) => TV

/** Where trace mode writes: statuses and observed values per clause slot, at `base`. */
export interface TraceSink {
  statuses: Uint8Array
  observed: Array<unknown>
  base: number
}

// ---------------------------------------------------------------------------------------------
// Slots: the clauses of a rule in pre-order (member predicates of household aggregates excluded)
// ---------------------------------------------------------------------------------------------

export interface Slot {
  readonly node: Rule | Exception
  readonly parent: number
  readonly depth: number
}

const slotCache = new WeakMap<Rule, ReadonlyArray<Slot>>()

export const slotsOf = (rule: Rule): ReadonlyArray<Slot> => {
  const cached = slotCache.get(rule)
  if (cached !== undefined) return cached
  const out: Array<Slot> = []
  const visit = (node: Rule | Exception, parent: number, depth: number): void => {
    const index = out.length
    out.push({ node, parent, depth })
    for (const child of childrenOf(node)) visit(child, index, depth + 1)
  }
  visit(rule, -1, 0)
  slotCache.set(rule, out)
  return out
}

/** The traced children of a node, in slot order. */
export const childrenOf = (node: Rule | Exception): ReadonlyArray<Rule | Exception> => {
  switch (node.kind) {
    case "all":
    case "any":
      return node.children
    case "not":
      return [node.child]
    case "overlay":
      return [node.base, ...node.exceptions]
    case "exception":
      return [node.when]
    default:
      return []
  }
}

/** Exceptions in the order they are consulted: higher priority first; at equal priority, exclusions first (deny-overrides). */
export const orderedExceptions = (overlay: Overlay): ReadonlyArray<{ readonly exception: Exception; readonly index: number }> =>
  overlay.exceptions
    .map((exception, index) => ({ exception, index }))
    .sort(
      (a, b) =>
        b.exception.priority - a.exception.priority ||
        (a.exception.effect === b.exception.effect ? 0 : a.exception.effect === "exclude" ? -1 : 1) ||
        a.index - b.index
    )

// ---------------------------------------------------------------------------------------------
// Leaf tests (shared by both modes)
// ---------------------------------------------------------------------------------------------

const compareScalar = (op: CompareOp, v: unknown, value: Scalar | number): TV => {
  if (v === undefined) return U
  switch (op) {
    case "eq":
      return v === value ? T : F
    case "neq":
      return v === value ? F : T
    case "gt":
      return typeof v === typeof value && (v as number) > (value as number) ? T : F
    case "gte":
      return typeof v === typeof value && (v as number) >= (value as number) ? T : F
    case "lt":
      return typeof v === typeof value && (v as number) < (value as number) ? T : F
    case "lte":
      return typeof v === typeof value && (v as number) <= (value as number) ? T : F
  }
}

/** A comparison of a known value (for household aggregates: a count, total, minimum or maximum). */
export const compareLeaf = (op: CompareOp, v: unknown, value: Scalar | number): TV => compareScalar(op, v, value)

const pad4 = (n: number): string => String(n).padStart(4, "0")

/**
 * The latest birth date at which a person is at least `years` old on `asOf`, as a comparable
 * string: age(b, asOf) ≥ n ⇔ (b.year, b.monthDay) ≤ (asOf.year − n, asOf.monthDay). This is exactly
 * Period.ageAt's rule (29 Feb births age on 1 March in common years), without date arithmetic.
 */
export const birthBound = (asOf: LocalDate, years: number): string => `${pad4(Number(asOf.slice(0, 4)) - years)}${asOf.slice(4)}`

const isMember = (m: unknown): m is Record<string, unknown> => typeof m === "object" && m !== null && !Array.isArray(m)

const ownGet = (fact: string): Get<Record<string, unknown>> =>
  fact in Object.prototype ? (m) => (Object.hasOwn(m, fact) ? m[fact] : undefined) : (m) => m[fact]

/**
 * The result of a leaf that does not depend on its fact's value: a clause no value can pass (no
 * values listed, an empty range, a count below zero, a comparison with NaN) fails even while its
 * fact is unknown, so the fact is never asked for (it could not change anything). `undefined`
 * for every other leaf.
 */
export const constantLeaf = (node: Rule, asOf: LocalDate): TV | undefined => {
  switch (node.kind) {
    case "in":
    case "intersects":
      return node.values.length === 0 ? F : undefined
    case "between":
      return typeof node.min !== typeof node.max || !(node.min <= node.max) ? F : undefined
    case "age":
      return node.min !== undefined && node.max !== undefined && !(node.min <= node.max) ? F : undefined
    case "dateIn":
      return node.from !== undefined && node.until !== undefined && node.from >= node.until ? F : undefined
    case "withinLast":
      return !(node.months >= 0) ? F : undefined
    case "compare": {
      const v = node.value
      // Nothing equals NaN, and everything known differs from it (that depends on the fact being known).
      if (typeof v === "number" && Number.isNaN(v)) return node.op === "neq" ? undefined : F
      if (node.op === "eq" || node.op === "neq") return undefined
      // Nothing is above true or below false (or below the empty string).
      if ((node.op === "gt" && v === true) || (node.op === "lt" && (v === false || v === ""))) return F
      return undefined
    }
    case "count":
      // A count is a whole number ≥ 0 (and a household that is not a list fails anyway).
      if (Number.isNaN(node.value)) return node.op === "neq" ? undefined : F
      if (node.op === "lt" && node.value <= 0) return F
      if (node.op === "lte" && node.value < 0) return F
      if (node.op === "eq" && (node.value < 0 || !Number.isInteger(node.value))) return F
      if ((node.op === "gt" || node.op === "gte") && node.value === Infinity) return F
      return undefined
    case "aggregate":
      return Number.isNaN(node.value) && node.op !== "neq" ? F : undefined
    default:
      return undefined
  }
}

/** Range comparison for aggregates: T/F when every value in [lo, hi] agrees, else U. */
const compareRange = (op: CompareOp, lo: number, hi: number, value: number): TV => {
  const atLo = compareScalar(op, lo, value)
  if (lo === hi) return atLo
  switch (op) {
    case "eq":
      return value < lo || value > hi ? F : U
    case "neq":
      return value < lo || value > hi ? T : U
    default:
      return atLo === compareScalar(op, hi, value) ? atLo : U
  }
}

interface MemberTest {
  readonly where: Fn<Record<string, unknown>> | undefined
  readonly field: Get<Record<string, unknown>> | undefined
}

/**
 * Evaluates a household aggregate; writes the observed aggregate (number or {min,max}) via `observe`.
 * A member whose value cannot be aggregated (not a number) fails the clause when it is surely
 * included; when its inclusion is unknown the clause can only fail or stay unknown.
 */
const aggregateOf = (
  node: Count | Aggregate,
  members: unknown,
  test: MemberTest,
  observe: ((value: unknown) => void) | undefined
): TV => {
  // A trace buffer may be reused across batches: clear the slot first, since some paths observe nothing.
  if (observe !== undefined) observe(undefined)
  let invalidIfIncluded = false
  const result = aggregateOver(node, members, test, observe, () => {
    invalidIfIncluded = true
  })
  return invalidIfIncluded && result !== F ? U : result
}

const aggregateOver = (
  node: Count | Aggregate,
  members: unknown,
  test: MemberTest,
  observe: ((value: unknown) => void) | undefined,
  maybeInvalid: () => void
): TV => {
  if (members === undefined) return U
  if (!Array.isArray(members)) return F
  if (node.kind === "aggregate" && node.fn !== "sum") return extremeOver(node, members, test, observe, maybeInvalid)
  let sureLo = 0
  let sureHi = 0
  let unbounded = false
  let lo = 0
  let hi = 0
  let sure = 0
  let maybeValues: Array<number> | undefined
  for (let i = 0; i < members.length; i++) {
    const m = members[i]
    if (!isMember(m)) return F
    const inc = test.where === undefined ? T : test.where(m)
    if (inc === F) continue
    if (node.kind === "count") {
      if (inc === T) sureLo++
      sureHi++
      continue
    }
    const v = test.field!(m)
    if (v === undefined) {
      unbounded = true
      continue
    }
    if (typeof v !== "number") {
      if (inc === T) return F
      maybeInvalid()
      continue
    }
    if (inc === T) {
      sure += v
      lo += v
      hi += v
    } else {
      lo += Math.min(0, v)
      hi += Math.max(0, v)
      ;(maybeValues ??= []).push(v)
    }
  }
  if (node.kind === "count") {
    if (observe !== undefined) observe(sureLo === sureHi ? sureLo : { min: sureLo, max: sureHi })
    // A count is a whole number: it equals no fraction (nor NaN, nor Infinity) whatever the open members.
    if ((node.op === "eq" || node.op === "neq") && !Number.isInteger(node.value)) return node.op === "eq" ? F : T
    return compareRange(node.op, sureLo, sureHi, node.value)
  }
  // An included member's unknown value makes the total any number (or not a number at all).
  if (unbounded) {
    if (observe !== undefined) observe(undefined)
    return U
  }
  if (observe !== undefined) observe(lo === hi ? lo : { min: lo, max: hi })
  const ranged = compareRange(node.op, lo, hi, node.value)
  // The range is the hull of the totals; the totals themselves are the sums over every choice of
  // the possibly-included members (a total of 0 or 10 is never 5). Exact up to a household size
  // where listing them stops being cheap; beyond it, the hull.
  if (ranged !== U || maybeValues === undefined || maybeValues.length > EXACT_MEMBERS) return ranged
  return overSubsets(maybeValues, sure, (total) => compareScalar(node.op, total, node.value))
}

/**
 * Household members whose inclusion is unknown, up to which aggregates are decided (and their
 * member facts listed) by going through every choice of them — 2^12 = 4,096 at most — rather than
 * by the hull of the possible values.
 */
export const EXACT_MEMBERS = 12

/** The outcome over every subset of `values` added to `base`: T or F when all agree, else U. */
const overSubsets = (values: ReadonlyArray<number>, base: number, test: (total: number) => TV): TV => {
  let sawT = false
  let sawF = false
  const n = values.length
  for (let mask = 0; mask < 1 << n; mask++) {
    let total = base
    for (let j = 0; j < n; j++) if (mask & (1 << j)) total += values[j]!
    if (test(total) === T) sawT = true
    else sawF = true
    if (sawT && sawF) return U
  }
  return sawT ? T : F
}

const MIRRORED: Record<CompareOp, CompareOp> = { eq: "eq", neq: "neq", gt: "lt", gte: "lte", lt: "gt", lte: "gte" }

/**
 * min / max, exactly: the outcomes over every choice of the members whose inclusion is unknown
 * and every value of the members whose value is unknown. The maximum of the included members is
 * the surely-included members' maximum or a larger possibly-included value (any of the
 * possibly-included values when nobody is surely included, or nothing: an empty set satisfies no
 * comparison); an included unknown value can make it anything above that, or not a number (the
 * clause fails). min is max of the negated values.
 */
const extremeOver = (
  node: Aggregate,
  members: ReadonlyArray<unknown>,
  test: MemberTest,
  observe: ((value: unknown) => void) | undefined,
  maybeInvalid: () => void
): TV => {
  const sign = node.fn === "max" ? 1 : -1
  const op = sign === 1 ? node.op : MIRRORED[node.op]
  const value = sign * node.value
  let sureKnown = false
  let sureMax = -Infinity
  let sureFree = false
  let maybeFree = false
  let maybeValues: Array<number> | undefined
  // The hull, for the trace: lowest and highest possible extreme (in the members' own sign).
  let low = Infinity
  let maybeHigh = -Infinity
  for (let i = 0; i < members.length; i++) {
    const m = members[i]
    if (!isMember(m)) return F
    const inc = test.where === undefined ? T : test.where(m)
    if (inc === F) continue
    const raw = test.field!(m)
    if (raw === undefined) {
      if (inc === T) sureFree = true
      else maybeFree = true
      continue
    }
    if (typeof raw !== "number") {
      if (inc === T) return F
      maybeInvalid()
      continue
    }
    const v = sign * raw
    if (v < low) low = v
    if (inc === T) {
      sureKnown = true
      if (v > sureMax) sureMax = v
    } else {
      ;(maybeValues ??= []).push(v)
      if (v > maybeHigh) maybeHigh = v
    }
  }
  if (!sureKnown && !sureFree && maybeValues === undefined && !maybeFree) {
    if (observe !== undefined) observe(null)
    return F
  }
  let sawT = false
  let sawF = false
  const see = (tv: TV): void => {
    if (tv !== F) sawT = true
    if (tv !== T) sawF = true
  }
  // Rays: an included member of unknown value (which may also turn out not to be a number).
  const rayFrom = sureKnown ? sureMax : -Infinity
  if (sureFree || maybeFree) {
    see(compareRange(op, rayFrom, Infinity, value))
    sawF = true
  }
  if (!sureFree) {
    if (sureKnown) {
      see(compareScalar(op, sureMax, value))
      if (maybeValues !== undefined) for (const v of maybeValues) if (v > sureMax) see(compareScalar(op, v, value))
    } else {
      sawF = true // nobody surely included: the empty set
      if (maybeValues !== undefined) for (const v of maybeValues) see(compareScalar(op, v, value))
    }
  }
  if (observe !== undefined) {
    if (sureFree || maybeFree) observe(undefined)
    else {
      const lowest = sureKnown ? sureMax : low
      const highest = Math.max(sureMax, maybeHigh)
      const [a, b] = sign === 1 ? [lowest, highest] : [-highest, -lowest]
      observe(a === b ? a : { min: a, max: b })
    }
  }
  return sawT && sawF ? U : sawT ? T : F
}

// ---------------------------------------------------------------------------------------------
// The compiler
// ---------------------------------------------------------------------------------------------

export interface CompileOptions {
  /** Soft clauses overridden by staff: they pass whatever their natural status. */
  readonly overridden: ReadonlySet<string>
  /** Present in trace mode. */
  readonly sink?: TraceSink
}

export const compile = <C>(rule: Rule, asOf: LocalDate, access: Access<C>, options: CompileOptions): Fn<C> => {
  const slots = slotsOf(rule)
  const slotOf = new Map<Rule | Exception, number>()
  slots.forEach((s, i) => slotOf.set(s.node, i))
  const sink = options.sink
  const memberAccess: Access<Record<string, unknown>> = ownGet

  const wrap = (node: Rule, fn: Fn<C>): Fn<C> => {
    const forced = node.soft === true && options.overridden.has(node.id)
    if (sink === undefined) return forced ? (ctx) => (fn(ctx), T) : fn
    const slot = slotOf.get(node)!
    return forced
      ? (ctx) => {
          sink.statuses[sink.base + slot] = fn(ctx)
          return T
        }
      : (ctx) => {
          const v = fn(ctx)
          sink.statuses[sink.base + slot] = v
          return v
        }
  }

  const observer = (node: Rule): ((value: unknown) => void) | undefined => {
    if (sink === undefined) return undefined
    const slot = slotOf.get(node)!
    return (value) => {
      sink.observed[sink.base + slot] = value
    }
  }

  const leaf = (node: Rule, get: Get<C>, test: (v: unknown) => TV): Fn<C> => {
    const observe = observer(node)
    return observe === undefined
      ? (ctx) => test(get(ctx))
      : (ctx) => {
          const v = get(ctx)
          observe(v)
          return test(v)
        }
  }

  const go = (node: Rule): Fn<C> => wrap(node, decided(node) ?? raw(node))

  // A leaf whose result does not depend on its fact: read (and observe) the value, return the constant.
  const decided = (node: Rule): Fn<C> | undefined => {
    const constant = constantLeaf(node, asOf)
    if (constant === undefined) return undefined
    const inner = raw(node)
    return (ctx) => {
      inner(ctx)
      return constant
    }
  }

  const raw = (node: Rule): Fn<C> => {
    switch (node.kind) {
      case "all":
        return combine(node.children.map(go), F, T)
      case "any":
        return combine(node.children.map(go), T, F)
      case "not": {
        const child = go(node.child)
        return (ctx) => {
          const v = child(ctx)
          return v === U ? U : v === T ? F : T
        }
      }
      case "overlay":
        return overlay(node)
      case "compare": {
        const { op, value } = node
        return leaf(node, access(node.fact), (v) => compareScalar(op, v, value))
      }
      case "in": {
        const values = node.values
        return leaf(node, access(node.fact), (v) => (v === undefined ? U : values.includes(v as Scalar) ? T : F))
      }
      case "between": {
        const { min, max } = node
        return leaf(node, access(node.fact), (v) =>
          v === undefined ? U : typeof v === typeof min && typeof v === typeof max && (min as number) <= (v as number) && (v as number) <= (max as number) ? T : F
        )
      }
      case "exists":
        return leaf(node, access(node.fact), (v) => (v === undefined ? U : v === null ? F : T))
      case "age": {
        const atMost = node.min === undefined ? undefined : birthBound(asOf, node.min)
        const above = node.max === undefined ? undefined : birthBound(asOf, node.max + 1)
        return leaf(node, access(node.fact), (v) =>
          v === undefined
            ? U
            : isDateText(v) && (atMost === undefined || v <= atMost) && (above === undefined || v > above)
              ? T
              : F
        )
      }
      case "dateIn": {
        const { from, until } = node
        return leaf(node, access(node.fact), (v) =>
          v === undefined ? U : isDateText(v) && (from === undefined || v >= from) && (until === undefined || v < until) ? T : F
        )
      }
      case "withinLast": {
        const lower = addMonths(asOf, -node.months)
        return leaf(node, access(node.fact), (v) =>
          v === undefined ? U : isDateText(v) && lower <= v && v <= asOf ? T : F
        )
      }
      case "asOfIn": {
        const result: TV = (node.from === undefined || asOf >= node.from) && (node.until === undefined || asOf < node.until) ? T : F
        const observe = observer(node)
        return observe === undefined
          ? () => result
          : () => {
              observe(asOf)
              return result
            }
      }
      case "intersects": {
        const values = node.values
        return leaf(node, access(node.fact), (v) => {
          if (v === undefined) return U
          if (!Array.isArray(v)) return F
          for (let i = 0; i < v.length; i++) if (values.includes(v[i])) return T
          return F
        })
      }
      case "containsAll": {
        const values = node.values
        return leaf(node, access(node.fact), (v) => {
          if (v === undefined) return U
          if (!Array.isArray(v)) return F
          for (let i = 0; i < values.length; i++) if (!v.includes(values[i])) return F
          return T
        })
      }
      case "count":
      case "aggregate": {
        const get = access(node.fact)
        const test: MemberTest = {
          where: node.where === undefined ? undefined : compile(node.where, asOf, memberAccess, { overridden: new Set() }),
          field: node.kind === "aggregate" ? memberAccess(node.field) : undefined
        }
        const observe = observer(node)
        return (ctx) => aggregateOf(node, get(ctx), test, observe)
      }
    }
  }

  // Kleene all (stop = F, rest = T) / any (stop = T, rest = F).
  const combine = (children: ReadonlyArray<Fn<C>>, stop: TV, rest: TV): Fn<C> => {
    const n = children.length
    if (sink !== undefined) {
      return (ctx) => {
        let r: TV = rest
        for (let i = 0; i < n; i++) {
          const v = children[i]!(ctx)
          if (v === stop) r = stop
          else if (v === U && r !== stop) r = U
        }
        return r
      }
    }
    if (n === 0) return () => rest
    if (n === 1) return children[0]!
    if (n === 2) {
      const [a, b] = children as [Fn<C>, Fn<C>]
      return (ctx) => {
        const x = a(ctx)
        if (x === stop) return stop
        const y = b(ctx)
        return y === stop ? stop : x === U || y === U ? U : rest
      }
    }
    return (ctx) => {
      let r: TV = rest
      for (let i = 0; i < n; i++) {
        const v = children[i]!(ctx)
        if (v === stop) return stop
        if (v === U) r = U
      }
      return r
    }
  }

  const overlay = (node: Overlay): Fn<C> => {
    const base = go(node.base)
    const ordered = orderedExceptions(node).map(({ exception }) => ({
      effect: exception.effect === "include" ? T : F,
      when: exceptionFn(exception)
    }))
    const n = ordered.length
    if (sink !== undefined) {
      // Trace mode evaluates every part, then resolves like the outcome mode.
      const whens: Array<TV> = new Array(n).fill(U)
      return (ctx) => {
        const b = base(ctx)
        for (let k = 0; k < n; k++) whens[k] = ordered[k]!.when(ctx)
        let r: TV = b
        for (let k = n - 1; k >= 0; k--) {
          const w = whens[k]!
          const eff = ordered[k]!.effect as TV
          r = w === T ? eff : w === F ? r : r === eff ? eff : U
        }
        return r
      }
    }
    const resolve = (ctx: C, k: number): TV => {
      if (k === n) return base(ctx)
      const e = ordered[k]!
      const w = e.when(ctx)
      if (w === T) return e.effect as TV
      const rest = resolve(ctx, k + 1)
      return w === F ? rest : rest === e.effect ? rest : U
    }
    return (ctx) => resolve(ctx, 0)
  }

  const exceptionFn = (exception: Exception): Fn<C> => {
    const when = go(exception.when)
    if (sink === undefined) return when
    const slot = slotOf.get(exception)!
    return (ctx) => {
      const v = when(ctx)
      sink.statuses[sink.base + slot] = v
      return v
    }
  }

  return go(rule)
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

let canGenerate: boolean | undefined

/**
 * Accessor over one fact record. Where the platform allows it, each fact gets its own tiny
 * generated getter (`o => o.birth_date`): a property load with a fixed name keeps V8's inline cache
 * monomorphic, where one shared `o[fact]` site would go megamorphic across facts. Only names that
 * are plain identifiers (and not Object.prototype members) are generated; other names are read
 * through the object as `m[fact]`, and Object.prototype members only as own properties.
 */
export const recordAccess: Access<Record<string, unknown>> = (fact) => {
  if (fact in Object.prototype || !IDENTIFIER.test(fact)) return ownGet(fact)
  if (canGenerate === undefined) {
    try {
      canGenerate = new Function("o", "return o.x")({ x: 1 }) === 1
    } catch {
      canGenerate = false
    }
  }
  return canGenerate ? (new Function("o", `return o.${fact}`) as Get<Record<string, unknown>>) : ownGet(fact)
}

/** Member-level missing facts and tests, for the trace of household aggregates. */
export const memberAccessor = ownGet
