// A trace run turned into a Verdict (jiritsu.trace/1). Two builders give the same document:
// - eager: every field is plain data, every sentence rendered now;
// - lazy (what `Rule.evaluate` returns): the outcome, missing facts and next question are plain
//   data; `clauses` and `reasons` — where the ja/en sentences live — are enumerable accessors that
//   build their value on first read from the statuses and observed values captured at evaluation,
//   then keep it. JSON, spreading, structured cloning and deep equality read through the accessors,
//   so both builders give the same JSON byte for byte (a tested law).
import type { Schema } from "effect"
import { type FactSpecs, type Labels, labelOf } from "../Fact.ts"
import type { LocalDate } from "../Period.ts"
import type { ClauseTrace, Outcome, Override, Question, Verdict, VerdictWarning, VersionRef } from "../Verdict.ts"
import { F, orderedExceptions, slotsOf, T, type TV, U } from "./ruleCompile.ts"
import type { Exception, Rule } from "./ruleSchema.ts"
import { expectedLabels, observedRenderer, pendingText, whyNotRenderer } from "./ruleText.ts"
import { effective, indexOfNodes, type MissingMap, perClauseMissing, ruleHash, type TraceRun } from "./ruleTrace.ts"

type Ctx = Record<string, unknown>
type Renderer = (observed: unknown) => Labels

export interface VerdictContext {
  readonly asOf: LocalDate
  readonly facts: Ctx
  readonly overrides: ReadonlyMap<string, Override>
  readonly specs?: FactSpecs | undefined
  readonly ruleSet?: VersionRef | undefined
  readonly warnings?: ReadonlyArray<VerdictWarning>
}

// ---------------------------------------------------------------------------------------------
// Ages from pre-parsed dates
// ---------------------------------------------------------------------------------------------

const MIN_YEAR = 1873
const MAX_YEAR = 9999
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

const digits = (s: string, from: number, to: number): number => {
  let n = 0
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48
    if (d < 0 || d > 9) return -1
    n = n * 10 + d
  }
  return n
}

/**
 * A calendar date `YYYY-MM-DD` (the LocalDate rules: years 1873–9999, real days) as the number
 * YYYYMMDD, or -1. Read once per value with character codes (no regular expression, no Schema).
 */
export const dateNumber = (s: unknown): number => {
  if (typeof s !== "string" || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return -1
  const y = digits(s, 0, 4)
  const m = digits(s, 5, 7)
  const d = digits(s, 8, 10)
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return -1
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  if (d > (m === 2 && leap ? 29 : DAYS_IN_MONTH[m]!)) return -1
  return y * 10000 + m * 100 + d
}

let lastAsOf = ""
let lastAsOfNumber = -1

/**
 * Age in whole years as Period.ageAt counts it (a 29 February birth ages on 1 March in common
 * years), from YYYYMMDD numbers: the month-day part is below 10000, so the floor of the difference
 * over 10000 is the year difference less one when the anniversary is not reached. `undefined` when
 * `birth` is not a calendar date.
 */
export const ageFromDate = (birth: unknown, asOf: LocalDate): number | undefined => {
  const b = dateNumber(birth)
  if (b < 0) return undefined
  if (asOf !== lastAsOf) {
    lastAsOf = asOf
    lastAsOfNumber = dateNumber(asOf)
  }
  return Math.floor((lastAsOfNumber - b) / 10000)
}

/** What the trace shows as observed: the age for `age` clauses (when the value is a date), the raw value otherwise. */
const observedOf = (age: boolean, raw: unknown, asOf: LocalDate): unknown => {
  if (raw === undefined || !age) return raw
  const years = ageFromDate(raw, asOf)
  return years === undefined ? raw : years
}

// ---------------------------------------------------------------------------------------------
// What does not depend on the person, once per rule and fact declarations
// ---------------------------------------------------------------------------------------------

interface ClauseStatic {
  readonly node: Rule | Exception
  readonly depth: number
  readonly parent: string | undefined
  readonly soft: boolean
  readonly fact: string | undefined
  readonly age: boolean
  readonly expected: Labels
  /** How the observed value reads (clauses that read a value). */
  readonly show: Renderer | undefined
  /** The why-not sentence (every clause but exceptions). */
  readonly whyNot: Renderer | undefined
}

const NO_SPECS: FactSpecs = {}
const staticCache = new WeakMap<Rule, WeakMap<FactSpecs, ReadonlyArray<ClauseStatic>>>()

const staticsOf = (rule: Rule, specs: FactSpecs | undefined): ReadonlyArray<ClauseStatic> => {
  let perRule = staticCache.get(rule)
  if (perRule === undefined) {
    perRule = new WeakMap()
    staticCache.set(rule, perRule)
  }
  const key = specs ?? NO_SPECS
  let statics = perRule.get(key)
  if (statics === undefined) {
    const slots = slotsOf(rule)
    statics = slots.map(({ node, depth, parent }) => ({
      node,
      depth,
      parent: parent >= 0 ? slots[parent]!.node.id : undefined,
      soft: node.kind !== "exception" && node.soft === true,
      fact: "fact" in node ? node.fact : undefined,
      age: node.kind === "age",
      expected: expectedLabels(node, specs),
      show: "fact" in node || node.kind === "asOfIn" ? observedRenderer(node, specs) : undefined,
      whyNot: node.kind === "exception" ? undefined : whyNotRenderer(node, specs)
    }))
    perRule.set(key, statics)
  }
  return statics
}

// ---------------------------------------------------------------------------------------------
// The parts of a verdict
// ---------------------------------------------------------------------------------------------

type Mutable<A> = { -readonly [K in keyof A]: A[K] }

/** What the verdict's text is rendered from: captured at evaluation, never the facts themselves. */
interface TextSource {
  readonly rule: Rule
  readonly run: TraceRun
  readonly asOf: LocalDate
  readonly overrides: ReadonlyMap<string, Override>
  readonly specs: FactSpecs | undefined
  readonly root: TV
  readonly missing: MissingMap
}

const clausesOf = (src: TextSource): Array<ClauseTrace> => {
  const { run, asOf, overrides, missing } = src
  const statics = staticsOf(src.rule, src.specs)
  const clauses: Array<ClauseTrace> = new Array(statics.length)
  for (let i = 0; i < statics.length; i++) {
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
      expected: st.expected
    }
    if (st.parent !== undefined) trace.parent = st.parent
    if (node.citation !== undefined) trace.citation = node.citation
    if (st.soft) trace.soft = true
    if (st.fact !== undefined) trace.fact = st.fact
    const observed = observedOf(st.age, run.observed[i], asOf)
    if (observed !== undefined) {
      trace.observed = observed as Schema.Json
      if (st.show !== undefined) trace.observedText = st.show(observed)
    }
    if (natural === F && st.whyNot !== undefined) trace.whyNot = st.whyNot(observed)
    const clauseMissing = missing.bySlot.get(i)
    if (clauseMissing !== undefined && clauseMissing.length > 0) trace.missing = clauseMissing
    if (over !== undefined) trace.override = { reason: over.reason, actor: over.actor }
    clauses[i] = trace
  }
  return clauses
}

/** The why-not sentences of a failed rule: descend into the clauses that made it fail. */
const failureReasons = (src: TextSource): Array<Labels> => {
  const { run, asOf, overrides } = src
  const statics = staticsOf(src.rule, src.specs)
  const indexOf = indexOfNodes(src.rule)
  const out: Array<Labels> = []
  const status = (node: Rule | Exception): TV => effective(node, run.statuses[indexOf.get(node)!] as TV, overrides)
  const sentence = (node: Rule | Exception, observed?: unknown): Labels => statics[indexOf.get(node)!]!.whyNot!(observed)
  const visit = (node: Rule | Exception): void => {
    switch (node.kind) {
      case "all":
      case "any": {
        const failed = node.children.filter((c) => status(c) === F)
        if (failed.length === 0) out.push(sentence(node))
        for (const child of failed) visit(child)
        return
      }
      case "not":
        out.push(sentence(node))
        return
      case "overlay": {
        for (const { exception } of orderedExceptions(node)) {
          if (status(exception) === T) {
            // An exception's own sentence is its why-not template (exceptions never fail themselves).
            out.push(exception.effect === "exclude" ? whyNotRenderer(exception, src.specs)(undefined) : sentence(node))
            return
          }
        }
        visit(node.base)
        return
      }
      case "exception":
        return
      default: {
        const i = indexOf.get(node)!
        out.push(statics[i]!.whyNot!(observedOf(statics[i]!.age, run.observed[i], asOf)))
      }
    }
  }
  visit(src.rule)
  return out
}

const reasonsOf = (src: TextSource): Array<Labels> => {
  if (src.root === F) return failureReasons(src)
  if (src.root !== U) return []
  const slots = slotsOf(src.rule)
  return [...src.missing.bySlot.entries()]
    .sort(([a], [b]) => a - b)
    .filter(([, m]) => m.length > 0)
    .map(([i, m]) => pendingText(slots[i]!.node, m, src.specs))
}

const questionCache = new WeakMap<FactSpecs, Map<string, Labels>>()

const questionLabels = (fact: string, specs: FactSpecs | undefined): Labels => {
  const key = specs ?? NO_SPECS
  let perSpecs = questionCache.get(key)
  if (perSpecs === undefined) {
    perSpecs = new Map()
    questionCache.set(key, perSpecs)
  }
  let labels = perSpecs.get(fact)
  if (labels === undefined) {
    const root = fact.split("[")[0]!
    const known = specs !== undefined && Object.hasOwn(specs, root)
    labels = known
      ? { ja: `${labelOf(specs, fact, "ja")}を確認してください`, en: `Ask for ${labelOf(specs, fact, "en")}` }
      : { ja: `${fact}を確認してください`, en: `Ask for ${fact}` }
    if (perSpecs.size >= 1024) perSpecs.clear()
    perSpecs.set(fact, labels)
  }
  return labels
}

/**
 * The first missing fact, asked at the first clause (in rule order) that needs it — not merely the
 * first that needs some fact: an overlay asks its exceptions' facts before its base's.
 */
const nextQuestionOf = (rule: Rule, missing: MissingMap, specs: FactSpecs | undefined): Question | undefined => {
  const first = missing.all[0]
  if (first === undefined) return undefined
  let slot = -1
  for (const [i, m] of missing.bySlot) if (m.includes(first) && (slot < 0 || i < slot)) slot = i
  return slot < 0 ? undefined : { fact: first, clauseId: slotsOf(rule)[slot]!.node.id, labels: questionLabels(first, specs) }
}

const toOutcome = (tv: TV): Outcome => (tv === T ? "eligible" : tv === F ? "ineligible" : "undetermined")

const sourceOf = (rule: Rule, run: TraceRun, ctx: VerdictContext): TextSource => {
  const root = effective(rule, run.statuses[0] as TV, ctx.overrides)
  const missing: MissingMap = root === U ? perClauseMissing(rule, run, ctx.asOf, ctx.facts, ctx.overrides) : { all: [], bySlot: NO_SLOTS }
  return { rule, run, asOf: ctx.asOf, overrides: ctx.overrides, specs: ctx.specs, root, missing }
}

const NO_SLOTS: ReadonlyMap<number, ReadonlyArray<string>> = new Map()

// ---------------------------------------------------------------------------------------------
// Eager
// ---------------------------------------------------------------------------------------------

/** Builds the verdict of `rule` from a trace run, every sentence rendered now. */
export const verdictOf = (rule: Rule, run: TraceRun, ctx: VerdictContext): Verdict => {
  const src = sourceOf(rule, run, ctx)
  const question = nextQuestionOf(rule, src.missing, ctx.specs)
  return {
    format: "jiritsu.trace/1",
    outcome: toOutcome(src.root),
    asOf: ctx.asOf,
    ruleId: rule.id,
    hash: ruleHash(rule),
    ...(ctx.ruleSet !== undefined ? { ruleSet: ctx.ruleSet } : {}),
    missingFacts: src.missing.all,
    ...(question !== undefined ? { nextQuestion: question } : {}),
    reasons: reasonsOf(src),
    clauses: clausesOf(src),
    warnings: ctx.warnings ?? []
  }
}

// ---------------------------------------------------------------------------------------------
// Lazy
// ---------------------------------------------------------------------------------------------

interface Pending {
  readonly src: TextSource
  clauses: ReadonlyArray<ClauseTrace> | undefined
  reasons: ReadonlyArray<Labels> | undefined
}

// The text source rides on the verdict object as a private field (invisible to keys, JSON and
// equality) without changing its prototype: a base constructor that returns its argument lets a
// subclass stamp the field onto any object.
class Stamp {
  constructor(target: object) {
    return target
  }
}

class LazyText extends Stamp {
  #pending: Pending
  constructor(target: object, pending: Pending) {
    super(target)
    this.#pending = pending
  }
  static of(target: object): Pending | undefined {
    return #pending in target ? (target as LazyText).#pending : undefined
  }
}

const frozen = (target: object, key: string): never => {
  throw new TypeError(`Cannot assign to read only property '${key}' of a frozen verdict`)
}

function getClauses(this: object): ReadonlyArray<ClauseTrace> {
  const p = LazyText.of(this)!
  return (p.clauses ??= clausesOf(p.src))
}
function setClauses(this: object, value: ReadonlyArray<ClauseTrace>): void {
  if (Object.isFrozen(this)) frozen(this, "clauses")
  LazyText.of(this)!.clauses = value
}
function getReasons(this: object): ReadonlyArray<Labels> {
  const p = LazyText.of(this)!
  return (p.reasons ??= reasonsOf(p.src))
}
function setReasons(this: object, value: ReadonlyArray<Labels>): void {
  if (Object.isFrozen(this)) frozen(this, "reasons")
  LazyText.of(this)!.reasons = value
}

const CLAUSES: PropertyDescriptor = { get: getClauses, set: setClauses, enumerable: true, configurable: true }
const REASONS: PropertyDescriptor = { get: getReasons, set: setReasons, enumerable: true, configurable: true }

/** Builds the verdict of `rule` from a trace run; clause entries and sentences are built on first read. */
export const lazyVerdictOf = (rule: Rule, run: TraceRun, ctx: VerdictContext): Verdict => {
  const src = sourceOf(rule, run, ctx)
  const v: Record<string, unknown> = { format: "jiritsu.trace/1", outcome: toOutcome(src.root), asOf: ctx.asOf, ruleId: rule.id, hash: ruleHash(rule) }
  if (ctx.ruleSet !== undefined) v["ruleSet"] = ctx.ruleSet
  v["missingFacts"] = src.missing.all
  const question = nextQuestionOf(rule, src.missing, ctx.specs)
  if (question !== undefined) v["nextQuestion"] = question
  new LazyText(v, { src, clauses: undefined, reasons: undefined })
  // An eligible verdict has no reasons: nothing to render.
  if (src.root === T) v["reasons"] = []
  else Object.defineProperty(v, "reasons", REASONS)
  Object.defineProperty(v, "clauses", CLAUSES)
  v["warnings"] = ctx.warnings ?? []
  return v as unknown as Verdict
}

/** True when some of the verdict's text has not been rendered yet. */
export const isLazy = (verdict: Verdict): boolean => {
  const p = LazyText.of(verdict)
  return p !== undefined && (p.clauses === undefined || (p.reasons === undefined && p.src.root !== T))
}

/** The verdict as plain data: every accessor read into a data property of a new object (the same object when there are none). */
export const materialize = (verdict: Verdict): Verdict => {
  if (LazyText.of(verdict) === undefined) return verdict
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(verdict)) out[key] = (verdict as unknown as Record<string, unknown>)[key]
  return out as unknown as Verdict
}
