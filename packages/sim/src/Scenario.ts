/**
 * Scenarios (政策シナリオ): a scenario is a transformation of a model — "raise social life →
 * work by 20 % for welfare recipients", "open a referral route from daily living to unpaid
 * intermediate work", "from month 12 every ward has a Hello Work desk" — written as data (so it can
 * live in a JSON file next to the model) and applied with {@link apply}, which returns a checked
 * model.
 *
 * Steps apply to the model's expansion ({@link Model.expand}: one explicit row per state, profile
 * and month piece), so a change restricted by `when` or `months` touches exactly those rows. A
 * probability raised or set takes its mass from staying (`takeFrom: "stay"`, the default) or from
 * all other outcomes in proportion (`"others"`); a change the row cannot absorb is an error, never
 * a negative probability.
 *
 * {@link compare} runs a baseline and a scenario on **common random numbers** — the same seed,
 * so each person draws the same numbers in both — and reports every difference with a paired
 * interval, next to the interval independent runs would give (the variance CRN removes).
 *
 * @since 0.1.0
 * @module
 */
import { Case, Metric, Stage } from "@jiritsu/core"
import { Result, Schema } from "effect"
import { decodeStrict, formatPath } from "./internal/decode.ts"
import { zOf } from "./internal/stats.ts"
import * as Cohort from "./Cohort.ts"
import * as Model from "./Model.ts"
import * as Simulation from "./Simulation.ts"

const Probability = Schema.Finite.check(Schema.isBetween({ minimum: 0, maximum: 1 }))
const Factor = Schema.Finite.check(Schema.isGreaterThanOrEqualTo(0))
const Scope = {
  when: Schema.optionalKey(Schema.Record(Schema.String, Schema.String)),
  months: Schema.optionalKey(Model.MonthRange),
  takeFrom: Schema.optionalKey(Schema.Literals(["stay", "others"]))
}

/**
 * One step of a scenario:
 * - `Scale`: multiply the probability of `from → to` by `factor` (e.g. 1.2 for +20 %);
 * - `Set`: set it to `p`;
 * - `AddRoute`: allow a move the graph lacks (adds the edge, with new reason codes if needed) and
 *   give it probability `p`, optionally as a referral route to `referral`.
 * `when` limits a step to matching covariate profiles, `months` to a month range.
 * @category scenarios
 * @since 0.1.0
 * @example
 * ```ts
 * const steps: ReadonlyArray<Scenario.Step> = [
 *   { _tag: "Scale", from: "social_life", to: "employment", factor: 1.2, when: { group: "welfare_recipient" } },
 *   { _tag: "Set", from: "employment", to: "employed", p: 0.3, months: { from: 12 } },
 *   { _tag: "AddRoute", from: "daily_living", to: "intermediate_work_unpaid", p: 0.02, referral: "workplace_experience" }
 * ]
 * ```
 */
export const Step = Schema.TaggedUnion({
  Scale: { from: Schema.String, to: Schema.String, factor: Factor, ...Scope },
  Set: { from: Schema.String, to: Schema.String, p: Probability, ...Scope },
  AddRoute: {
    from: Schema.String,
    to: Schema.String,
    p: Probability,
    edge: Schema.optionalKey(Schema.Struct({ kind: Stage.EdgeKind, reasons: Schema.Array(Stage.Code) })),
    reasons: Schema.optionalKey(Schema.Array(Stage.ReasonCode)),
    referral: Schema.optionalKey(Case.Destination),
    ...Scope
  }
})
/** @category scenarios */
export type Step = typeof Step.Type

/**
 * A scenario: named steps applied in order. @category scenarios @since 0.1.0
 * @example
 * ```ts
 * const desk: Scenario.Scenario = {
 *   id: "hello_work_desk", label: "A Hello Work desk in every ward", labelJa: "全区にハローワーク窓口",
 *   steps: [{ _tag: "Scale", from: "employment", to: "employed", factor: 1.3, months: { from: 12 } }]
 * }
 * ```
 */
export const Scenario = Schema.Struct({ id: Stage.Code, label: Schema.String, labelJa: Schema.String, steps: Schema.Array(Step) })
/** @category scenarios */
export type Scenario = typeof Scenario.Type

/**
 * Why a scenario cannot apply: `invalid` (does not decode), `unknown_stage`, `infeasible` (the
 * row cannot absorb the change), `no_rows` (`when` / `months` match nothing), or the resulting
 * model's problems (`model`).
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const r = Scenario.apply(Model.kushiro, { id: "x", label: "x", labelJa: "x", steps: [{ _tag: "Scale", from: "nowhere", to: "employment", factor: 2 }] })
 * if (Result.isFailure(r)) {
 *   const e: Scenario.ScenarioError = r.failure
 *   console.log(e.code, e.path) // "unknown_stage" ["steps", 0, "from"]
 * }
 * ```
 */
export const ScenarioError = Schema.TaggedStruct("ScenarioError", {
  code: Schema.Literals(["invalid", "unknown_stage", "infeasible", "no_rows", "model", "incompatible"]),
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  message: Schema.String,
  messageJa: Schema.String
})
/** @category errors */
export type ScenarioError = typeof ScenarioError.Type

const scenarioError = (code: ScenarioError["code"], path: ReadonlyArray<string | number>, message: string, messageJa: string): ScenarioError => ({
  _tag: "ScenarioError",
  code,
  path,
  message: `${formatPath(path)}: ${message}`,
  messageJa: `${formatPath(path)}: ${messageJa}`
})

const decodeScenario = decodeStrict(Scenario)

/**
 * Decodes a scenario (strict: unknown keys are errors). @category scenarios @since 0.1.0
 * @example
 * ```ts
 * import { readFileSync } from "node:fs"
 * const scenario = Scenario.decode(JSON.parse(readFileSync("scenario.json", "utf8"))) // unknown keys are errors
 * ```
 */
export const decode = (input: unknown): Result.Result<Scenario, ScenarioError> =>
  Result.mapError(decodeScenario(input), (issues) => scenarioError("invalid", issues[0]!.path, issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join("; "), "シナリオの形式が不正です"))

// ---------------------------------------------------------------------------------------------
// Applying
// ---------------------------------------------------------------------------------------------

const EPSILON = 1e-12

/** Splits rows at the step's month boundaries, so the step covers whole rows. */
const splitRows = (rows: ReadonlyArray<Model.Row>, months: Model.MonthRange | undefined): ReadonlyArray<Model.Row> => {
  if (months === undefined) return rows
  const cuts = [months.from, ...(months.until === undefined ? [] : [months.until])].filter((x) => x > 0)
  return rows.flatMap((row) => {
    const from = row.months?.from ?? 0
    const until = row.months?.until
    const inside = cuts.filter((x) => x > from && (until === undefined || x < until))
    if (inside.length === 0) return [row]
    const starts = [from, ...inside]
    return starts.map((b, i) => {
      const end = i + 1 < starts.length ? starts[i + 1] : until
      return { ...row, months: end === undefined ? { from: b } : { from: b, until: end } }
    })
  })
}

const inScope = (row: Model.Row, step: { readonly when?: Readonly<Record<string, string>>; readonly months?: Model.MonthRange }): boolean => {
  for (const [k, v] of Object.entries(step.when ?? {})) if (row.when?.[k] !== v) return false
  if (step.months === undefined) return true
  const from = row.months?.from ?? 0
  const until = row.months?.until
  if (from < step.months.from) return false
  if (step.months.until === undefined) return true
  return until !== undefined && until <= step.months.until
}

/** The row with `p[to]` changed to `target`, the difference taken from staying or the others. */
const reweigh = (row: Model.Row, to: string, wanted: number, takeFrom: "stay" | "others"): Model.Row | undefined => {
  if (wanted > 1 + EPSILON) return undefined
  const target = Math.min(1, wanted)
  const p = { ...row.p }
  const current = p[to] ?? 0
  if (takeFrom === "stay") {
    const stay = (p[row.from] ?? 0) - (target - current)
    if (stay < -EPSILON) return undefined
    p[row.from] = Math.max(0, stay)
    p[to] = target
    return { ...row, p }
  }
  const rest = 1 - current
  if (rest <= EPSILON) return target <= current + EPSILON ? row : undefined
  const scale = (1 - target) / rest
  if (scale < -EPSILON) return undefined
  for (const k of Object.keys(p)) if (k !== to) p[k] = p[k]! * Math.max(0, scale)
  p[to] = target
  return { ...row, p }
}

const withRoute = (model: Model.Model, step: Extract<Step, { _tag: "AddRoute" }>, index: number): Result.Result<Model.Model, ScenarioError> => {
  const states = Model.states(model)
  const from = states.find((s) => s.id === step.from), to = states.find((s) => s.id === step.to)
  if (from === undefined) return Result.fail(scenarioError("unknown_stage", ["steps", index, "from"], `"${step.from}" is not a state of the model`, `「${step.from}」はモデルの状態ではありません`))
  if (to === undefined) return Result.fail(scenarioError("unknown_stage", ["steps", index, "to"], `"${step.to}" is not a state of the model`, `「${step.to}」はモデルの状態ではありません`))
  let graph = model.graph
  if (from.node !== undefined && to.node !== undefined && from.node !== to.node && Stage.edge(graph, from.node, to.node) === undefined) {
    const edge = step.edge ?? { kind: (Stage.node(graph, to.node)?.rank ?? 0) > (Stage.node(graph, from.node)?.rank ?? 0) ? "forward" as const : "regression" as const, reasons: [`scenario_${step.from}_to_${step.to}`.slice(0, 64)] }
    const known = new Set(graph.reasons.map((r) => r.code))
    const extra: Array<Stage.ReasonCode> = [...(step.reasons ?? [])].filter((r) => !known.has(r.code))
    for (const code of edge.reasons) {
      if (!known.has(code) && !extra.some((r) => r.code === code)) extra.push({ code, label: `Scenario route ${step.from} → ${step.to}`, labelJa: `シナリオによる経路 ${step.from} → ${step.to}` })
    }
    graph = { ...graph, edges: [...graph.edges, { from: from.node, to: to.node, kind: edge.kind, reasons: edge.reasons }], reasons: [...graph.reasons, ...extra] }
  }
  const referrals = step.referral === undefined ? model.referrals : [...(model.referrals ?? []).filter((r) => !(r.from === step.from && r.to === step.to)), { from: step.from, to: step.to, destination: step.referral }]
  const next = Model.make({ ...model, graph, ...(referrals === undefined ? {} : { referrals }) })
  return Result.isFailure(next) ? Result.fail(scenarioError("model", ["steps", index], next.failure.message, "シナリオ適用後のモデルが不正です")) : Result.succeed(next.success)
}

/** Applies a Scale or Set step (or the probability of an AddRoute) to explicit rows. */
const reweighRows = (rows: ReadonlyArray<Model.Row>, states: ReadonlyArray<Model.StateInfo>, step: Step, index: number): Result.Result<ReadonlyArray<Model.Row>, ScenarioError> => {
  for (const field of ["from", "to"] as const) {
    if (!states.some((s) => s.id === step[field])) return Result.fail(scenarioError("unknown_stage", ["steps", index, field], `"${step[field]}" is not a state of the model`, `「${step[field]}」はモデルの状態ではありません`))
  }
  let touched = 0
  const changed: Array<Model.Row> = []
  for (const row of splitRows(rows, step.months)) {
    if (row.from !== step.from || !inScope(row, step)) {
      changed.push(row)
      continue
    }
    touched++
    const current = row.p[step.to] ?? 0
    const target = step._tag === "Scale" ? current * step.factor : step.p
    const next = reweigh(row, step.to, target, step.takeFrom ?? "stay")
    if (next === undefined) {
      const where = `${JSON.stringify(row.when ?? {})}${row.months === undefined ? "" : ` months [${row.months.from}, ${row.months.until ?? "∞"})`}`
      return Result.fail(scenarioError("infeasible", ["steps", index], `${step.from} → ${step.to} cannot become ${target} for ${where}: ${step.takeFrom === "others" ? "the other outcomes" : `staying (${row.p[row.from] ?? 0})`} cannot give ${target - current}`, `${step.from} → ${step.to} の確率を ${target} にできません（${where}）`))
    }
    changed.push(next)
  }
  if (touched === 0) return Result.fail(scenarioError("no_rows", ["steps", index], `no row from "${step.from}" matches ${JSON.stringify(step.when ?? {})}${step.months === undefined ? "" : " and the months"}`, `条件に合う「${step.from}」の行がありません`))
  return Result.succeed(changed)
}

const remake = (model: Model.Model, rows: ReadonlyArray<Model.Row>, index: number): Result.Result<Model.Model, ScenarioError> => {
  const next = Model.withRows(model, rows)
  return Result.isFailure(next) ? Result.fail(scenarioError("model", ["steps", index], next.failure.message, "シナリオ適用後のモデルが不正です")) : Result.succeed(next.success)
}

/**
 * Applies a scenario (decoded first when it is untrusted input) to a model: the transformed,
 * checked model, or the first step that cannot apply.
 * @category scenarios
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const raised = Scenario.apply(Model.kushiro, {
 *   id: "plus20", label: "+20 % social life → work", labelJa: "社会生活自立→就労自立 2割増",
 *   steps: [{ _tag: "Scale", from: "social_life", to: "employment", factor: 1.2 }]
 * })
 * Result.isSuccess(raised) // true: a checked model, the extra mass taken from staying
 * ```
 */
export const apply = (model: Model.Model, scenario: Scenario | unknown): Result.Result<Model.Model, ScenarioError> => {
  const decoded = decode(scenario)
  if (Result.isFailure(decoded)) return Result.fail(decoded.failure)
  const steps = decoded.success.steps
  let current = model
  let rows = Model.expand(model).rows
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!
    if (step._tag === "AddRoute") {
      const settled = remake(current, rows, i)
      if (Result.isFailure(settled)) return settled
      const routed = withRoute(settled.success, step, i)
      if (Result.isFailure(routed)) return routed
      current = routed.success
      rows = Model.expand(current).rows
    }
    const next = reweighRows(rows, Model.states(current), step, i)
    if (Result.isFailure(next)) return Result.fail(next.failure)
    rows = next.success
  }
  const done = remake(current, rows, steps.length - 1)
  if (Result.isFailure(done)) return done
  return Result.succeed(done.success)
}

// ---------------------------------------------------------------------------------------------
// Comparing on common random numbers
// ---------------------------------------------------------------------------------------------

/**
 * One compared measure: the baseline and scenario values (means over the persons entered by the
 * horizon), the paired difference with its standard error and interval, and the standard error
 * two independent runs of the same size would have had.
 * @category compare
 * @since 0.1.0
 * @example
 * ```ts
 * const lines = (c: Scenario.Comparison) => c.differences.map((d: Scenario.Difference) => `${d.labelJa}: ${d.difference.toFixed(3)} [${d.lower.toFixed(3)}, ${d.upper.toFixed(3)}]`)
 * ```
 */
export interface Difference {
  readonly measure: string
  readonly labelJa: string
  readonly baseline: number
  readonly scenario: number
  readonly difference: number
  readonly standardError: number
  readonly lower: number
  readonly upper: number
  readonly independentStandardError: number
}

/**
 * A comparison of a baseline and a scenario. @category compare @since 0.1.0
 * @example
 * ```ts
 * const placed = (c: Scenario.Comparison) => `${c.persons} persons, placement rate ${Metric.numberOf(Scenario.placementRates(c).baseline)} → ${Metric.numberOf(Scenario.placementRates(c).scenario)}`
 * ```
 */
export interface Comparison {
  readonly level: number
  readonly persons: number
  readonly baseline: Simulation.SimResult
  readonly scenario: Simulation.SimResult
  readonly differences: ReadonlyArray<Difference>
  /** Scenario minus baseline occupancy, per month and state. */
  readonly occupancy: ReadonlyArray<{ readonly month: number; readonly counts: Readonly<Record<string, number>> }>
}

interface Measure {
  readonly measure: string
  readonly labelJa: string
  readonly value: (firstPlacement: number, finalState: number, entry: number) => number
}

const measuresOf = (c: ReadonlyArray<Model.StateInfo>, months: number): ReadonlyArray<Measure> => [
  { measure: "placed", labelJa: "就職した者の割合", value: (fp) => (fp >= 0 ? 1 : 0) },
  { measure: "in_placement_at_end", labelJa: "期間末に就労中の割合", value: (_, s) => (c[s]!.placement ? 1 : 0) },
  { measure: "months_to_placement_restricted", labelJa: "就職までの月数（期間内の制限付き平均）", value: (fp, _, e) => (fp >= 0 ? fp - e : months - e) },
  ...c.filter((s) => s.kind === "exit").map((x) => ({ measure: `exit:${x.id}`, labelJa: `${x.labelJa}の割合`, value: (_: number, s: number) => (s === x.index ? 1 : 0) }))
]

/**
 * Compares two runs of one cohort made with the same seed and `perPerson: true` (so person `i`
 * drew the same numbers in both): paired differences of the share placed, the share in work at the
 * horizon, the restricted mean months to placement and the share reaching each exit, with `level`
 * intervals (normal approximation over persons), and the occupancy difference by month.
 * @category compare
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(1000))
 * const faster = Result.getOrThrow(Scenario.apply(Model.kushiro, { id: "s", label: "s", labelJa: "s", steps: [{ _tag: "Scale", from: "employment", to: "employed", factor: 1.2 }] }))
 * const options = { months: 24, seed: 1, perPerson: true }
 * const comparison = Scenario.compareResults(Result.getOrThrow(Simulation.run(Model.kushiro, cohort, options)), Result.getOrThrow(Simulation.run(faster, cohort, options)), cohort)
 * ```
 */
export const compareResults = (
  baseline: Simulation.SimResult,
  scenario: Simulation.SimResult,
  cohort: Cohort.Cohort,
  level = 0.95
): Result.Result<Comparison, ScenarioError> => {
  const a = Simulation.perPersonOf(baseline), b = Simulation.perPersonOf(scenario)
  if (a === undefined || b === undefined) return Result.fail(scenarioError("incompatible", ["perPerson"], "both runs need per-person outcomes: run with { perPerson: true }", "個人別の結果が必要です（perPerson: true で実行してください）"))
  if (baseline.seed !== scenario.seed || baseline.months !== scenario.months || a.start !== b.start || a.firstPlacement.length !== b.firstPlacement.length || a.start !== cohort.offset || a.firstPlacement.length !== cohort.size) {
    return Result.fail(scenarioError("incompatible", ["scenario"], "the runs must cover the same persons of this cohort with the same seed and horizon", "同じコホート・シード・期間で実行した結果が必要です"))
  }
  const statesA = Model.states(baseline.model), statesB = Model.states(scenario.model)
  if (statesA.map((s) => s.id).join() !== statesB.map((s) => s.id).join()) return Result.fail(scenarioError("incompatible", ["scenario"], "the models have different states", "状態の異なるモデルは比較できません"))
  if (!(level > 0 && level < 1)) return Result.fail(scenarioError("invalid", ["level"], `level must lie in (0, 1), got ${level}`, "信頼水準は0〜1で指定してください"))
  const M = baseline.months
  const z = zOf(level)
  const entered: Array<number> = []
  for (let i = 0; i < cohort.size; i++) if (cohort.entry[i]! <= M) entered.push(i)
  const n = entered.length
  const differences = measuresOf(statesA, M).map((m): Difference => {
    let sx = 0, sy = 0, sxx = 0, syy = 0, sdd = 0
    for (const i of entered) {
      const x = m.value(a.firstPlacement[i]!, a.finalState[i]!, cohort.entry[i]!)
      const y = m.value(b.firstPlacement[i]!, b.finalState[i]!, cohort.entry[i]!)
      sx += x
      sy += y
      sxx += x * x
      syy += y * y
      sdd += (y - x) * (y - x)
    }
    if (n === 0) return { measure: m.measure, labelJa: m.labelJa, baseline: 0, scenario: 0, difference: 0, standardError: 0, lower: 0, upper: 0, independentStandardError: 0 }
    const mx = sx / n, my = sy / n, d = my - mx
    const variance = (sum2: number, mean: number): number => (n > 1 ? Math.max(0, (sum2 - n * mean * mean) / (n - 1)) : 0)
    const se = Math.sqrt(variance(sdd, d) / n)
    const independent = Math.sqrt(variance(sxx, mx) / n + variance(syy, my) / n)
    return { measure: m.measure, labelJa: m.labelJa, baseline: mx, scenario: my, difference: d, standardError: se, lower: d - z * se, upper: d + z * se, independentStandardError: independent }
  })
  const oa = Simulation.occupancy(baseline), ob = Simulation.occupancy(scenario)
  const occupancy = oa.map((x, m) => ({ month: m, counts: Object.fromEntries(Object.entries(x.counts).map(([k, v]) => [k, ob[m]!.counts[k]! - v])) }))
  return Result.succeed({ level, persons: n, baseline, scenario, differences, occupancy })
}

/**
 * Runs a baseline model and a scenario (a {@link Scenario} or an already transformed model) on
 * one cohort with one seed — common random numbers — and compares them ({@link compareResults}).
 * With `pool` (or `workers`) both runs use worker threads; the comparison is the same.
 * @category compare
 * @since 0.1.0
 * @example
 * ```ts
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(2334))
 * const comparison = await Scenario.compare(
 *   Model.kushiro,
 *   { id: "s", label: "s", labelJa: "s", steps: [{ _tag: "Scale", from: "employment", to: "employed", factor: 1.2 }] },
 *   cohort,
 *   { months: 24, seed: 1, workers: 2 }
 * )
 * ```
 */
export const compare = async (
  model: Model.Model,
  scenario: Scenario | Model.Model,
  cohort: Cohort.Cohort,
  options: { readonly months: number; readonly seed: number; readonly level?: number; readonly pool?: Simulation.Pool; readonly workers?: number }
): Promise<Result.Result<Comparison, ScenarioError | Simulation.SimError>> => {
  const transformed = "steps" in scenario ? apply(model, scenario) : Result.succeed(scenario)
  if (Result.isFailure(transformed)) return Result.fail(transformed.failure)
  const runOne = async (m: Model.Model): Promise<Result.Result<Simulation.SimResult, Simulation.SimError>> => {
    const opts = { months: options.months, seed: options.seed, perPerson: true }
    if (options.pool === undefined && (options.workers ?? 1) <= 1) return Simulation.run(m, cohort, opts)
    return Simulation.runParallel(m, cohort, { ...opts, ...(options.pool === undefined ? { workers: options.workers! } : { pool: options.pool }) })
  }
  const base = await runOne(model)
  if (Result.isFailure(base)) return Result.fail(base.failure)
  const scen = await runOne(transformed.success)
  if (Result.isFailure(scen)) return Result.fail(scen.failure)
  return compareResults(base.success, scen.success, cohort, options.level ?? 0.95)
}

/**
 * The placement rates of a comparison as Metric values (never NaN). @category compare @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(500))
 * const c = await Scenario.compare(Model.kushiro, { id: "s", label: "s", labelJa: "s", steps: [] }, cohort, { months: 12, seed: 1 })
 * if (Result.isSuccess(c)) Scenario.placementRates(c.success) // { baseline, scenario }: equal for an empty scenario
 * ```
 */
export const placementRates = (c: Comparison): { readonly baseline: Metric.MetricValue; readonly scenario: Metric.MetricValue } => ({
  baseline: Simulation.placementRate(c.baseline),
  scenario: Simulation.placementRate(c.scenario)
})
