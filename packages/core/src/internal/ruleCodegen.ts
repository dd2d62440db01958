// Outcome-mode code generation for populations: the rule tree becomes one JavaScript function with
// literal property names and constants (what a hand-written closure would be), so that a batch of a
// million persons runs near the speed of hand-written code. Only constants that went through
// JSON.stringify and fact names reach the generated source (a name that is not a plain identifier
// as a quoted key); a name Object.prototype has is read through `hasOwn`. Household aggregates and overlays call back into the closure
// compiler. Where `new Function` is unavailable (a strict CSP), callers fall back to closures.
// The laws check the generated code against the trace-mode closures (evaluateMany ≡ evaluate).
//
// The source is generated and compiled by `new Function` once per rule, date, mode and trace flag
// (cached); each population then only instantiates it: binding its columns and compiling the
// closure-compiled subtrees for its accessor. Records always use the same accessor, so their
// instances are cached too.
import { addMonths, type LocalDate } from "../Period.ts"
import { DATE_TEXT } from "./dateText.ts"
import { type Access, birthBound, compile, constantLeaf, type Fn, recordAccess, slotsOf, type TraceSink } from "./ruleCompile.ts"
import type { Exception, Rule } from "./ruleSchema.ts"

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/
// JSON.stringify would turn NaN and ±Infinity into null (builders do not forbid them; decoding does).
const lit = (v: unknown): string =>
  typeof v === "number" && !Number.isFinite(v) ? (Number.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity") : v === undefined ? "undefined" : JSON.stringify(v)

let supported: boolean | undefined
export const codegenSupported = (): boolean => {
  if (supported === undefined) {
    try {
      supported = new Function("return 1")() === 1
    } catch {
      supported = false
    }
  }
  return supported
}

type Mode = "records" | "columns"

interface Emitter {
  readonly lines: Array<string>
  /** Subtrees compiled to closures at instantiation (overlays, household aggregates); in trace mode each writes through its own sink. */
  readonly envNodes: Array<Rule>
  readonly columns: Map<string, string>
  next: number
  /** Trace mode: slot of every clause node. */
  readonly slots: ReadonlyMap<Rule | Exception, number> | undefined
}

const readFact = (e: Emitter, mode: Mode, fact: string): string => {
  if (mode === "columns") {
    let name = e.columns.get(fact)
    if (name === undefined) {
      name = `c${e.columns.size}`
      e.columns.set(fact, name)
    }
    return `${name}[i]`
  }
  // Read as the closure compiler reads (ruleCompile's accessor): through the object, except names
  // Object.prototype has, which only an own property may answer.
  if (fact in Object.prototype) return `(hasOwn(o, ${lit(fact)}) ? o[${lit(fact)}] : undefined)`
  return IDENTIFIER.test(fact) ? `o.${fact}` : `o[${lit(fact)}]`
}

const anyEq = (v: string, values: ReadonlyArray<unknown>): string => (values.length === 0 ? "false" : values.map((x) => `${v} === ${lit(x)}`).join(" || "))

const cmp: Record<string, string> = { gt: ">", gte: ">=", lt: "<", lte: "<=" }

/** Emits code that assigns the Kleene value (0 F, 1 T, 2 U) of `node` to variable `out`. */
const emit = (e: Emitter, mode: Mode, node: Rule, out: string, asOf: LocalDate): void => {
  const L = e.lines
  const slot = e.slots?.get(node)
  const record = (value: string) => (slot === undefined ? "" : ` ob[b + ${slot}] = ${value};`)
  const leaf = (fact: string, test: (v: string) => string) => {
    const v = `v${e.next++}`
    L.push(`{ const ${v} = ${readFact(e, mode, fact)};${record(v)} ${out} = ${v} === undefined ? 2 : (${test(v)}) ? 1 : 0 }`)
  }
  emitNode(e, mode, node, out, asOf, leaf, record)
  // A leaf whose result does not depend on its fact (see constantLeaf): its value is still read and observed.
  const constant = constantLeaf(node, asOf)
  if (constant !== undefined) L.push(`${out} = ${constant};`)
  if (slot !== undefined) L.push(`s[b + ${slot}] = ${out};`)
}

const emitNode = (
  e: Emitter,
  mode: Mode,
  node: Rule,
  out: string,
  asOf: LocalDate,
  leaf: (fact: string, test: (v: string) => string) => void,
  record: (value: string) => string
): void => {
  const L = e.lines
  const trace = e.slots !== undefined
  switch (node.kind) {
    case "all":
    case "any": {
      const stop = node.kind === "all" ? 0 : 1
      const rest = 1 - stop
      const label = `L${e.next++}`
      L.push(`${out} = ${rest}; ${label}: {`)
      for (const child of trace || node.kind === "all" ? node.children : mergeIntersects(node.children)) {
        const r = `r${e.next++}`
        L.push(`let ${r};`)
        emit(e, mode, child, r, asOf)
        // Trace mode evaluates every clause (a complete trace); outcome mode stops early.
        L.push(
          trace
            ? `if (${r} === ${stop}) ${out} = ${stop}; else if (${r} === 2 && ${out} !== ${stop}) ${out} = 2;`
            : `if (${r} === ${stop}) { ${out} = ${stop}; break ${label} } if (${r} === 2) ${out} = 2;`
        )
      }
      L.push("}")
      return
    }
    case "not": {
      const r = `r${e.next++}`
      L.push(`let ${r};`)
      emit(e, mode, node.child, r, asOf)
      L.push(`${out} = ${r} === 2 ? 2 : 1 - ${r};`)
      return
    }
    case "compare": {
      const { op, value } = node
      if (op === "eq") return leaf(node.fact, (v) => `${v} === ${lit(value)}`)
      if (op === "neq") return leaf(node.fact, (v) => `${v} !== ${lit(value)}`)
      return leaf(node.fact, (v) => `typeof ${v} === ${lit(typeof value)} && ${v} ${cmp[op]} ${lit(value)}`)
    }
    case "in":
      return leaf(node.fact, (v) => anyEq(v, node.values))
    case "between":
      return leaf(
        node.fact,
        (v) => `typeof ${v} === ${lit(typeof node.min)} && typeof ${v} === ${lit(typeof node.max)} && ${lit(node.min)} <= ${v} && ${v} <= ${lit(node.max)}`
      )
    case "exists":
      return leaf(node.fact, (v) => `${v} !== null`)
    case "age": {
      const atMost = node.min === undefined ? undefined : birthBound(asOf, node.min)
      const above = node.max === undefined ? undefined : birthBound(asOf, node.max + 1)
      return leaf(
        node.fact,
        (v) => [`isDateText(${v})`, ...(atMost !== undefined ? [`${v} <= ${lit(atMost)}`] : []), ...(above !== undefined ? [`${v} > ${lit(above)}`] : [])].join(" && ")
      )
    }
    case "dateIn":
      return leaf(node.fact, (v) =>
        [`isDateText(${v})`, ...(node.from !== undefined ? [`${v} >= ${lit(node.from)}`] : []), ...(node.until !== undefined ? [`${v} < ${lit(node.until)}`] : [])].join(" && ")
      )
    case "withinLast": {
      const lower = addMonths(asOf, -node.months)
      return leaf(node.fact, (v) => `isDateText(${v}) && ${lit(lower)} <= ${v} && ${v} <= ${lit(asOf)}`)
    }
    case "asOfIn": {
      const inside = (node.from === undefined || asOf >= node.from) && (node.until === undefined || asOf < node.until)
      L.push(`${out} = ${inside ? 1 : 0};${record(lit(asOf))}`)
      return
    }
    case "intersects": {
      const v = `v${e.next++}`
      const k = `k${e.next++}`
      L.push(
        `{ const ${v} = ${readFact(e, mode, node.fact)};${record(v)} if (${v} === undefined) ${out} = 2; else if (!Array.isArray(${v})) ${out} = 0; else { ${out} = 0; for (let ${k} = 0; ${k} < ${v}.length; ${k}++) { const x = ${v}[${k}]; if (${anyEq("x", node.values)}) { ${out} = 1; break } } } }`
      )
      return
    }
    case "containsAll": {
      const v = `v${e.next++}`
      L.push(
        `{ const ${v} = ${readFact(e, mode, node.fact)};${record(v)} ${out} = ${v} === undefined ? 2 : Array.isArray(${v}) && ${node.values.length === 0 ? "true" : node.values.map((x) => `${v}.includes(${lit(x)})`).join(" && ")} ? 1 : 0 }`
      )
      return
    }
    default: {
      // Overlays and household aggregates: the closure compiler, called from the generated code.
      // In trace mode the subtree writes through its own sink, placed at the subtree's first slot.
      const index = e.envNodes.length
      e.envNodes.push(node)
      const row = mode === "columns" ? "i" : "o"
      L.push(trace ? `sinks[${index}].base = b + ${e.slots!.get(node)!}; ${out} = env[${index}](${row});` : `${out} = env[${index}](${row});`)
    }
  }
}

/** Generated source, compiled once per rule, date, mode and trace flag. */
interface Compiled {
  readonly factory: (env: ReadonlyArray<unknown>, cols: Readonly<Record<string, ReadonlyArray<unknown>>>, sinks: ReadonlyArray<TraceSink>) => unknown
  readonly envNodes: ReadonlyArray<Rule>
  readonly asOf: LocalDate
  readonly trace: boolean
}

const CACHE_LIMIT = 256
const compiledCache = new WeakMap<Rule, Map<string, Compiled>>()

const perRule = <A>(cache: WeakMap<Rule, Map<string, A>>, rule: Rule, key: string, make: () => A): A => {
  let entries = cache.get(rule)
  if (entries === undefined) {
    entries = new Map()
    cache.set(rule, entries)
  }
  let hit = entries.get(key)
  if (hit === undefined) {
    hit = make()
    if (entries.size >= CACHE_LIMIT) entries.clear()
    entries.set(key, hit)
  }
  return hit
}

const compiled = (rule: Rule, asOf: LocalDate, mode: Mode, trace: boolean): Compiled =>
  perRule(compiledCache, rule, `${mode}|${trace ? "t" : "o"}|${asOf}`, () => {
    const slots = trace ? new Map(slotsOf(rule).map((s, i) => [s.node, i] as const)) : undefined
    const e: Emitter = { lines: [], envNodes: [], columns: new Map(), next: 0, slots }
    emit(e, mode, rule, "r", asOf)
    const prelude = [...e.columns.entries()].map(([fact, name]) => `const ${name} = hasOwn(cols, ${lit(fact)}) ? cols[${lit(fact)}] : [];`)
    const row = mode === "columns" ? "i" : "o"
    const body = [
      "const hasOwn = Object.hasOwn;",
      // The closure path's date test (internal/dateText.ts), written out once per generated function.
      `const DATE_TEXT = ${String(DATE_TEXT)};`,
      'const isDateText = (v) => typeof v === "string" && v.length === 10 && DATE_TEXT.test(v);',
      ...prelude,
      `return function evaluate(${trace ? `${row}, b, s, ob` : row}) {`,
      "let r;",
      ...e.lines,
      "return r;",
      "};"
    ].join("\n")
    return { factory: new Function("env", "cols", "sinks", body) as Compiled["factory"], envNodes: e.envNodes, asOf, trace }
  })

const instantiate = <C>(c: Compiled, access: Access<C>, columns: Readonly<Record<string, ReadonlyArray<unknown>>> | undefined) => {
  const sinks: Array<TraceSink> = c.trace ? c.envNodes.map(() => ({ statuses: new Uint8Array(0), observed: [], base: 0 })) : []
  const env = c.envNodes.map((node, k) => compile(node, c.asOf, access, c.trace ? { overridden: new Set(), sink: sinks[k]! } : { overridden: new Set() }))
  return { fn: c.factory(env, columns ?? {}, sinks), sinks }
}

/**
 * Outcome mode: the `intersects` children of an `any` that read the same fact become one clause
 * over the union of their values — one pass over the list instead of one per clause (target groups
 * listed one clause per group). Equal in Kleene logic: the clauses are unknown together, fail
 * together on a non-list, and one holds exactly when some element is among the union.
 */
const mergeIntersects = (children: ReadonlyArray<Rule>): ReadonlyArray<Rule> => {
  const byFact = new Map<string, Array<Rule & { readonly kind: "intersects" }>>()
  for (const c of children) if (c.kind === "intersects") byFact.set(c.fact, [...(byFact.get(c.fact) ?? []), c])
  if ([...byFact.values()].every((group) => group.length < 2)) return children
  const out: Array<Rule> = []
  for (const c of children) {
    if (c.kind !== "intersects") out.push(c)
    else {
      const group = byFact.get(c.fact)!
      if (group[0] === c) out.push(group.length === 1 ? c : { ...c, values: [...new Set(group.flatMap((g) => g.values))] })
    }
  }
  return out
}

/**
 * Generates the outcome function of a rule. For records, `access` must read a fact from a record;
 * for columns, it must read a fact at a row index of `columns`.
 */
export const generate = <C>(
  rule: Rule,
  asOf: LocalDate,
  mode: Mode,
  access: Access<C>,
  columns?: Readonly<Record<string, ReadonlyArray<unknown>>>
): Fn<C> => instantiate(compiled(rule, asOf, mode, false), access, columns).fn as Fn<C>

/** A generated trace-mode function: `fn(row, base, statuses, observed)` writes every clause's status and observed value. */
export interface TraceFn<C> {
  readonly fn: (ctx: C, base: number, statuses: Uint8Array, observed: Array<unknown>) => number
  /** Point the closure-compiled subtrees at the buffers before running. */
  readonly bind: (statuses: Uint8Array, observed: Array<unknown>) => void
}

export const generateTrace = <C>(
  rule: Rule,
  asOf: LocalDate,
  mode: Mode,
  access: Access<C>,
  columns?: Readonly<Record<string, ReadonlyArray<unknown>>>
): TraceFn<C> => {
  const { fn, sinks } = instantiate(compiled(rule, asOf, mode, true), access, columns)
  return {
    fn: fn as TraceFn<C>["fn"],
    bind: (statuses, observed) => {
      for (const sink of sinks) {
        sink.statuses = statuses
        sink.observed = observed
      }
    }
  }
}

const recordsCache = new WeakMap<Rule, Map<string, TraceFn<Record<string, unknown>>>>()

/** The trace function of a rule over fact records, instantiated once per rule and date. */
export const recordsTrace = (rule: Rule, asOf: LocalDate): TraceFn<Record<string, unknown>> =>
  perRule(recordsCache, rule, asOf, () => generateTrace(rule, asOf, "records", recordAccess))
