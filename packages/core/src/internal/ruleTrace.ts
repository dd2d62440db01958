// Trace-mode evaluation and the materialisation of a Verdict (statuses → clause trace, missing
// facts, why-not sentences).
import { Schema } from "effect"
import type { FactSpecs, Labels } from "../Fact.ts"
import { ageAt, LocalDate } from "../Period.ts"
import type { ClauseTrace, Outcome, Override, Verdict, VerdictWarning, VersionRef } from "../Verdict.ts"
import { contentHash } from "./hash.ts"
import { compile, F, type Fn, orderedExceptions, recordAccess, slotsOf, T, type TraceSink, type TV, U } from "./ruleCompile.ts"
import type { Exception, Rule } from "./ruleSchema.ts"
import { expectedLabels, observedRenderer, pendingText, whyNotRenderer, whyNotText } from "./ruleText.ts"

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

/** Evaluates every clause of `rule` on one fact record; returns the natural statuses and observed values. */
export const runTrace = (rule: Rule, asOf: LocalDate, facts: Ctx, overridden: ReadonlySet<string>): TraceRun => {
  const c = traceCompiled(rule, asOf, overridden)
  const statuses = new Uint8Array(c.size)
  const observed: Array<unknown> = new Array(c.size)
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

const isDate = Schema.is(LocalDate)

const own = (ctx: Ctx, key: string): unknown => (Object.hasOwn(ctx, key) ? ctx[key] : undefined)

const isMember = (m: unknown): m is Ctx => typeof m === "object" && m !== null && !Array.isArray(m)

/** The effective status: a soft clause with an override counts as passed. */
const effective = (node: Rule | Exception, natural: TV, overrides: ReadonlyMap<string, Override>): TV =>
  natural !== T && node.kind !== "exception" && node.soft === true && overrides.has(node.id) ? T : natural

/** Facts a leaf still needs (the leaf is unknown). */
const leafMissing = (node: Rule, asOf: LocalDate, facts: Ctx): ReadonlyArray<string> => {
  if (!("fact" in node)) return []
  const value = own(facts, node.fact)
  if (value === undefined) return [node.fact]
  if ((node.kind !== "count" && node.kind !== "aggregate") || !Array.isArray(value)) return []
  const out: Array<string> = []
  value.forEach((member, i) => {
    if (!isMember(member)) return
    const prefix = `${node.fact}[${i}].`
    let inc: TV = T
    if (node.where !== undefined) {
      const run = runTrace(node.where, asOf, member, new Set())
      inc = run.statuses[0] as TV
      if (inc === U) for (const m of missingOf(node.where, run, asOf, member, new Map())) out.push(prefix + m)
    }
    if (node.kind === "aggregate" && inc !== F && own(member, node.field) === undefined) out.push(prefix + node.field)
  })
  return out
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

interface MissingMap {
  readonly all: ReadonlyArray<string>
  readonly bySlot: ReadonlyMap<number, ReadonlyArray<string>>
}

const perClauseMissing = (
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
        for (const { exception } of orderedExceptions(node)) {
          const w = status(exception)
          if (w === T) return
          if (w === U) visit(exception)
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

/** The why-not sentences of a failed rule: descend into the clauses that made it fail. */
const reasonsOf = (
  rule: Rule,
  run: TraceRun,
  asOf: LocalDate,
  overrides: ReadonlyMap<string, Override>,
  specs: FactSpecs | undefined
): ReadonlyArray<Labels> => {
  const indexOf = indexOfNodes(rule)
  const out: Array<Labels> = []
  const status = (node: Rule | Exception): TV => effective(node, run.statuses[indexOf.get(node)!] as TV, overrides)
  const visit = (node: Rule | Exception): void => {
    switch (node.kind) {
      case "all":
      case "any": {
        const failed = node.children.filter((c) => status(c) === F)
        if (failed.length === 0) out.push(whyNotText(node, undefined, specs))
        for (const child of failed) visit(child)
        return
      }
      case "not":
        out.push(whyNotText(node, undefined, specs))
        return
      case "overlay": {
        for (const { exception } of orderedExceptions(node)) {
          if (status(exception) === T) {
            if (exception.effect === "exclude") out.push(whyNotText(exception, undefined, specs))
            else out.push(whyNotText(node, undefined, specs))
            return
          }
        }
        visit(node.base)
        return
      }
      case "exception":
        return
      default:
        out.push(whyNotText(node, observedFor(node, run.observed[indexOf.get(node)!], asOf), specs))
    }
  }
  visit(rule)
  return out
}

/** What the trace shows as observed: the age for `age` clauses, the raw value otherwise. */
const observedFor = (node: Rule | Exception, raw: unknown, asOf: LocalDate): unknown =>
  node.kind === "age" && isDate(raw) ? ageAt(raw, asOf) : raw

const toOutcome = (tv: TV): Outcome => (tv === T ? "eligible" : tv === F ? "ineligible" : "undetermined")

type Mutable<A> = { -readonly [K in keyof A]: A[K] }

interface ClauseStatic {
  readonly node: Rule | Exception
  readonly depth: number
  readonly parent: string | undefined
  readonly soft: boolean
  readonly fact: string | undefined
  readonly age: boolean
}

const staticCache = new WeakMap<Rule, ReadonlyArray<ClauseStatic>>()

/** The per-clause facts of the trace that do not depend on the person, computed once per rule. */
const staticsOf = (rule: Rule): ReadonlyArray<ClauseStatic> => {
  const cached = staticCache.get(rule)
  if (cached !== undefined) return cached
  const slots = slotsOf(rule)
  const statics = slots.map((slot) => ({
    node: slot.node,
    depth: slot.depth,
    parent: slot.parent >= 0 ? slots[slot.parent]!.node.id : undefined,
    soft: slot.node.kind !== "exception" && slot.node.soft === true,
    fact: "fact" in slot.node ? slot.node.fact : undefined,
    age: slot.node.kind === "age"
  }))
  staticCache.set(rule, statics)
  return statics
}

type ObservedRenderer = (observed: unknown) => Labels
const NO_SPECS: FactSpecs = {}
const showCache = new WeakMap<Rule, WeakMap<FactSpecs, ReadonlyArray<ObservedRenderer | undefined>>>()

/** Per clause slot, how its observed value reads (none for clauses that read no value), once per rule and declarations. */
const observedRenderersOf = (rule: Rule, specs: FactSpecs | undefined): ReadonlyArray<ObservedRenderer | undefined> => {
  let perRule = showCache.get(rule)
  if (perRule === undefined) {
    perRule = new WeakMap()
    showCache.set(rule, perRule)
  }
  const key = specs ?? NO_SPECS
  let shows = perRule.get(key)
  if (shows === undefined) {
    shows = slotsOf(rule).map(({ node }) => ("fact" in node || node.kind === "asOfIn" ? observedRenderer(node, specs) : undefined))
    perRule.set(key, shows)
  }
  return shows
}

const indexCache = new WeakMap<Rule, ReadonlyMap<Rule | Exception, number>>()

/** Slot index of every clause node, computed once per rule. */
const indexOfNodes = (rule: Rule): ReadonlyMap<Rule | Exception, number> => {
  let index = indexCache.get(rule)
  if (index === undefined) {
    const map = new Map<Rule | Exception, number>()
    slotsOf(rule).forEach((s, i) => map.set(s.node, i))
    index = map
    indexCache.set(rule, index)
  }
  return index
}

export interface VerdictContext {
  readonly asOf: LocalDate
  readonly facts: Ctx
  readonly overrides: ReadonlyMap<string, Override>
  readonly specs?: FactSpecs | undefined
  readonly ruleSet?: VersionRef | undefined
  readonly warnings?: ReadonlyArray<VerdictWarning>
}

/** Builds the verdict of `rule` from a trace run. */
export const verdictOf = (rule: Rule, run: TraceRun, ctx: VerdictContext): Verdict => {
  const slots = slotsOf(rule)
  const { asOf, overrides, specs } = ctx
  const rootStatus = effective(rule, run.statuses[0] as TV, overrides)
  const missing = rootStatus === U ? perClauseMissing(rule, run, asOf, ctx.facts, overrides) : { all: [], bySlot: new Map() }
  const statics = staticsOf(rule)
  const shows = observedRenderersOf(rule, specs)
  const clauses: Array<ClauseTrace> = new Array(slots.length)
  for (let i = 0; i < slots.length; i++) {
    const st = statics[i]!
    const node = st.node
    const natural = run.statuses[i] as TV
    const over = natural !== T && st.soft ? overrides.get(node.id) : undefined
    const trace: Mutable<ClauseTrace> = {
      id: node.id,
      kind: node.kind,
      depth: st.depth,
      status: over !== undefined ? "overridden" : natural === T ? "passed" : natural === F ? "failed" : "unknown",
      labels: node.labels,
      expected: expectedLabels(node, specs)
    }
    if (st.parent !== undefined) trace.parent = st.parent
    if (node.citation !== undefined) trace.citation = node.citation
    if (st.soft) trace.soft = true
    if (st.fact !== undefined) trace.fact = st.fact
    const raw = run.observed[i]
    const observed = raw === undefined ? undefined : st.age ? observedFor(node, raw, asOf) : raw
    if (observed !== undefined) {
      trace.observed = observed as Schema.Json
      const show = shows[i]
      if (show !== undefined) trace.observedText = show(observed)
    }
    if (natural === F && node.kind !== "exception") trace.whyNot = whyNotRenderer(node, specs)(observed)
    const clauseMissing = missing.bySlot.get(i)
    if (clauseMissing !== undefined && clauseMissing.length > 0) trace.missing = clauseMissing
    if (over !== undefined) trace.override = { reason: over.reason, actor: over.actor }
    clauses[i] = trace
  }
  const reasons: ReadonlyArray<Labels> =
    rootStatus === F
      ? reasonsOf(rule, run, asOf, overrides, specs)
      : rootStatus === U
        ? [...missing.bySlot.entries()]
            .sort(([a], [b]) => a - b)
            .filter(([, m]) => m.length > 0)
            .map(([i, m]) => pendingText(slots[i]!.node, m, specs))
        : []
  const first = missing.all[0]
  const firstSlot = [...missing.bySlot.entries()].sort(([a], [b]) => a - b).find(([, m]) => m.length > 0)
  return {
    format: "jiritsu.trace/1",
    outcome: toOutcome(rootStatus),
    asOf,
    ruleId: rule.id,
    hash: ruleHash(rule),
    ...(ctx.ruleSet !== undefined ? { ruleSet: ctx.ruleSet } : {}),
    missingFacts: missing.all,
    ...(first !== undefined && firstSlot !== undefined
      ? { nextQuestion: { fact: first, clauseId: slots[firstSlot[0]]!.node.id, labels: questionLabels(first, specs) } }
      : {}),
    reasons,
    clauses,
    warnings: ctx.warnings ?? []
  }
}

const questionLabels = (fact: string, specs: FactSpecs | undefined): Labels => {
  const root = fact.split("[")[0]!
  const spec = specs !== undefined && Object.hasOwn(specs, root) ? specs[root] : undefined
  const suffix = fact.slice(root.length)
  return spec === undefined
    ? { ja: `${fact}を確認してください`, en: `Ask for ${fact}` }
    : { ja: `${spec.labels.ja}${suffix}を確認してください`, en: `Ask for ${spec.labels.en}${suffix}` }
}
