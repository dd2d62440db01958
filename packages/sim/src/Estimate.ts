/**
 * Estimation (推定) of monthly transition probabilities from a panel.
 *
 * - {@link statetable}: how often each state was followed by each state at the next observation,
 *   like `msm::statetable.msm` (rows: from, columns: to);
 * - {@link transitions}: the maximum-likelihood estimate of the monthly probabilities of the
 *   discrete-time model — for each state, the share of one-month steps from it that ended in each
 *   state (`count ÷ at risk`) — overall or by a covariate (対象者区分, 拠点 …), with intervals:
 *   Wilson score intervals, or a **seeded bootstrap** that resamples subjects (so the dependence
 *   of one person's months is kept) with replicate `b` drawing from random stream `(seed, 2, b)`;
 * - {@link toModel}: the estimate as a simulation model (states without data keep the base
 *   model's rows), so "estimate, then simulate" is two calls.
 *
 * Pairs of observations more than one month apart (a missed visit in a CSV panel) are counted by
 * the state table but not by the estimate, which is about one-month steps; `gaps` says how many.
 *
 * @since 0.1.0
 * @module
 */
import { Result, Schema } from "effect"
import * as Kernel from "./internal/kernel.ts"
import { quantileSorted, wilson } from "./internal/stats.ts"
import * as Model from "./Model.ts"
import * as Panel from "./Panel.ts"
import * as Random from "./Random.ts"

/**
 * A state table: `counts[i][j]` = observations in state i followed by state j (msm's statetable). @category tables @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const panel = Result.getOrThrow(Panel.fromCsv(Model.kushiro, "subject,time,state,group\np1,0,2,needy_person\np1,1,2,needy_person\np1,2,5,needy_person\n"))
 * const table: Estimate.StateTable = Estimate.statetable(panel)
 * table.counts[1]?.[1] // 1: social_life followed by social_life once
 * ```
 */
export interface StateTable {
  readonly states: ReadonlyArray<string>
  readonly counts: ReadonlyArray<ReadonlyArray<number>>
}

/**
 * The state table of a panel (every consecutive pair of a subject's observations), optionally for
 * the observations whose covariate `by.name` equals `by.level`.
 * @category tables
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(1000))
 * const run = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 24, seed: 1, record: true }))
 * const panel = Result.getOrThrow(Panel.fromSimulation(run, cohort))
 * const recipients = Estimate.statetable(panel, { name: "group", level: "welfare_recipient" })
 * ```
 */
export const statetable = (panel: Panel.Panel, by?: { readonly name: string; readonly level: string }): StateTable => {
  const S = panel.states.length
  const counts = Array.from({ length: S }, () => new Array<number>(S).fill(0))
  const column = by === undefined ? undefined : panel.covariates[by.name]
  for (let i = 1; i < panel.state.length; i++) {
    if (panel.subject[i] !== panel.subject[i - 1]) continue
    if (column !== undefined && column[i - 1] !== by!.level) continue
    counts[panel.state[i - 1]!]![panel.state[i]!]!++
  }
  return { states: panel.states.map((s) => s.id), counts }
}

/**
 * One estimated probability. @category estimates @since 0.1.0
 * @example
 * ```ts
 * const show = (o: Estimate.OutcomeEstimate): string => `${o.to}: ${o.p.toFixed(3)} (${o.count})${o.lower === undefined ? "" : ` [${o.lower.toFixed(3)}, ${o.upper?.toFixed(3)}]`}`
 * ```
 */
export interface OutcomeEstimate {
  readonly to: string
  readonly count: number
  /** `count ÷ atRisk` (0 when nobody was at risk). */
  readonly p: number
  /** Interval at the estimate's level; absent when it cannot be computed (nobody at risk). */
  readonly lower?: number
  readonly upper?: number
}

/**
 * The estimated row of one state: one-month steps from it (`atRisk`) and their outcomes, staying first. @category estimates @since 0.1.0
 * @example
 * ```ts
 * const stayShare = (row: Estimate.RowEstimate): number | undefined => row.outcomes[0]?.p // staying is listed first
 * ```
 */
export interface RowEstimate {
  readonly from: string
  readonly atRisk: number
  readonly outcomes: ReadonlyArray<OutcomeEstimate>
}

/**
 * The estimate for one group of subjects (all of them, or one level of the `by` covariate). @category estimates @since 0.1.0
 * @example
 * ```ts
 * const sizes = (e: Estimate.Estimate) => e.groups.map((g: Estimate.GroupEstimate) => `${g.level ?? "all"}: ${g.subjects} subjects`)
 * ```
 */
export interface GroupEstimate {
  readonly level?: string
  readonly subjects: number
  readonly rows: ReadonlyArray<RowEstimate>
}

/**
 * An estimate of monthly transition probabilities. @category estimates @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(2000))
 * const run = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 36, seed: 1, record: true }))
 * const estimate: Estimate.Estimate = Result.getOrThrow(Estimate.transitions(Result.getOrThrow(Panel.fromSimulation(run, cohort))))
 * estimate.method // "wilson"
 * ```
 */
export interface Estimate {
  readonly by?: string
  readonly level: number
  readonly method: "wilson" | "bootstrap"
  readonly replicates: number
  readonly seed?: number
  /** One-month steps left out because consecutive observations were further apart. */
  readonly gaps: number
  readonly groups: ReadonlyArray<GroupEstimate>
}

/**
 * Options of {@link transitions}. @category estimates @since 0.1.0
 * @example
 * ```ts
 * const options: Estimate.Options = { by: "group", level: 0.9, bootstrap: { replicates: 200, seed: 1 } }
 * ```
 */
export interface Options {
  /** A covariate to estimate by (each level separately). */
  readonly by?: string
  /** Interval level (default 0.95). */
  readonly level?: number
  /** Bootstrap: `replicates` resamples of subjects, drawn from `seed` (default: Wilson intervals). */
  readonly bootstrap?: { readonly replicates: number; readonly seed: number }
  /** Called after each bootstrap replicate. */
  readonly onProgress?: (done: number, total: number) => void
}

/**
 * Invalid options, naming the option. @category errors @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const panel = Result.getOrThrow(Panel.fromCsv(Model.kushiro, "subject,time,state\np1,0,2\np1,1,2\n"))
 * const r = Estimate.transitions(panel, { level: 1.5 })
 * if (Result.isFailure(r)) {
 *   const e: Estimate.EstimateError = r.failure
 *   console.log(e.option) // "level"
 * }
 * ```
 */
export const EstimateError = Schema.TaggedStruct("EstimateError", { option: Schema.String, message: Schema.String, messageJa: Schema.String })
/** @category errors */
export type EstimateError = typeof EstimateError.Type

const estimateError = (option: string, message: string, messageJa: string): EstimateError => ({ _tag: "EstimateError", option, message: `${option}: ${message}`, messageJa: `${option}: ${messageJa}` })

/** Per subject, the one-month steps it contributes: `pairs[k]` = from × S + to. */
interface SubjectSteps {
  readonly offset: Int32Array
  readonly pairs: Int32Array
}

const stepsOf = (panel: Panel.Panel, include: (i: number) => boolean): { readonly steps: SubjectSteps; readonly subjects: ReadonlyArray<number>; readonly gaps: number } => {
  const S = panel.states.length
  const pairs: Array<number> = []
  const offset: Array<number> = [0]
  const subjects: Array<number> = []
  let gaps = 0
  let i = 0
  while (i < panel.state.length) {
    const s = panel.subject[i]!
    let j = i
    let any = false
    for (; j < panel.state.length && panel.subject[j] === s; j++) {
      if (j === i || !include(j - 1)) continue
      any = true
      if (panel.time[j]! - panel.time[j - 1]! !== 1) {
        gaps++
        continue
      }
      pairs.push(panel.state[j - 1]! * S + panel.state[j]!)
    }
    if (any || include(i)) {
      subjects.push(s)
      offset.push(pairs.length)
    }
    i = j
  }
  return { steps: { offset: Int32Array.from(offset), pairs: Int32Array.from(pairs) }, subjects, gaps }
}

/** The outcomes the panel's model gives a positive probability from `from` somewhere, staying included. */
const allowedOutcomes = (panel: Panel.Panel, from: number): ReadonlyArray<number> => {
  const id = panel.states[from]!.id
  const index = new Map(panel.states.map((s) => [s.id, s.index]))
  return [from, ...Model.transitions(panel.model).flatMap((t) => (t.from === id ? [index.get(t.to)!] : []))]
}

const groupEstimate = (panel: Panel.Panel, steps: SubjectSteps, subjects: number, level: number, bootstrap: Options["bootstrap"], onReplicate: () => void, label: string | undefined): GroupEstimate => {
  const S = panel.states.length
  const counts = new Float64Array(S * S)
  for (const pair of steps.pairs) counts[pair]!++
  const atRisk = (c: Float64Array, from: number): number => {
    let n = 0
    for (let to = 0; to < S; to++) n += c[from * S + to]!
    return n
  }
  // Bootstrap: resample subjects with replacement; per replicate, the probability of every pair.
  let replicateP: Array<Float64Array> | undefined
  if (bootstrap !== undefined && subjects > 0) {
    const B = bootstrap.replicates
    replicateP = Array.from({ length: S * S }, () => new Float64Array(B).fill(-1))
    const c = new Float64Array(S * S)
    const state = new Uint32Array(4)
    for (let b = 0; b < B; b++) {
      c.fill(0)
      Kernel.seedStream(bootstrap.seed, Random.domains.bootstrap, b, state)
      for (let k = 0; k < subjects; k++) {
        const s = Math.floor((Kernel.nextUint32(state) / 4294967296) * subjects)
        for (let q = steps.offset[s]!; q < steps.offset[s + 1]!; q++) c[steps.pairs[q]!]!++
      }
      for (let from = 0; from < S; from++) {
        const n = atRisk(c, from)
        if (n === 0) continue
        for (let to = 0; to < S; to++) replicateP[from * S + to]![b] = c[from * S + to]! / n
      }
      onReplicate()
    }
  }
  const rows: Array<RowEstimate> = []
  for (let from = 0; from < S; from++) {
    if (panel.states[from]!.kind === "exit") continue
    const n = atRisk(counts, from)
    const observed = new Set<number>(allowedOutcomes(panel, from))
    for (let to = 0; to < S; to++) if (counts[from * S + to]! > 0) observed.add(to)
    const order = [from, ...[...observed].filter((to) => to !== from).sort((a, b) => a - b)]
    const outcomes = order.map((to): OutcomeEstimate => {
      const x = counts[from * S + to]!
      const base = { to: panel.states[to]!.id, count: x, p: n > 0 ? x / n : 0 }
      if (replicateP !== undefined) {
        const valid = Array.from(replicateP[from * S + to]!).filter((v) => v >= 0).sort((a, b) => a - b)
        const lower = quantileSorted(valid, (1 - level) / 2), upper = quantileSorted(valid, 1 - (1 - level) / 2)
        return lower === undefined || upper === undefined ? base : { ...base, lower, upper }
      }
      const ci = wilson(x, n, level)
      return ci === undefined ? base : { ...base, ...ci }
    })
    rows.push({ from: panel.states[from]!.id, atRisk: n, outcomes })
  }
  return { ...(label === undefined ? {} : { level: label }), subjects, rows }
}

/**
 * Estimates the monthly transition probabilities of a panel (maximum likelihood for the
 * discrete-time model), overall or by a covariate, with Wilson or seeded bootstrap intervals.
 * @category estimates
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(2000))
 * const run = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 36, seed: 1, record: true }))
 * const panel = Result.getOrThrow(Panel.fromSimulation(run, cohort))
 * const byGroup = Estimate.transitions(panel, { by: "group", bootstrap: { replicates: 100, seed: 7 } })
 * ```
 */
export const transitions = (panel: Panel.Panel, options: Options = {}): Result.Result<Estimate, EstimateError> => {
  const level = options.level ?? 0.95
  if (!(level > 0 && level < 1)) return Result.fail(estimateError("level", `must lie in (0, 1), got ${level}`, "信頼水準は0〜1で指定してください"))
  const bootstrap = options.bootstrap
  if (bootstrap !== undefined) {
    if (!(Number.isInteger(bootstrap.replicates) && bootstrap.replicates >= 1 && bootstrap.replicates <= 100_000)) return Result.fail(estimateError("bootstrap.replicates", `must be an integer in 1 … 100000, got ${bootstrap.replicates}`, "反復回数は1〜100000の整数で指定してください"))
    if (!(Number.isInteger(bootstrap.seed) && bootstrap.seed >= 0 && bootstrap.seed <= 0xffffffff)) return Result.fail(estimateError("bootstrap.seed", `must be an integer in 0 … 2^32 − 1, got ${bootstrap.seed}`, "シードは0〜2^32−1の整数で指定してください"))
  }
  const column = options.by === undefined ? undefined : panel.covariates[options.by]
  if (options.by !== undefined && column === undefined) return Result.fail(estimateError("by", `the panel has no covariate "${options.by}" (it has ${Object.keys(panel.covariates).join(", ") || "none"})`, `共変量「${options.by}」がパネルにありません`))
  const levels = column === undefined ? [undefined] : [...new Set(column)].sort()
  let done = 0
  const total = (bootstrap?.replicates ?? 0) * levels.length
  let gaps = 0
  const groups = levels.map((label) => {
    const { steps, subjects, gaps: g } = stepsOf(panel, (i) => column === undefined || column[i] === label)
    gaps += g
    return groupEstimate(panel, steps, subjects.length, level, bootstrap, () => options.onProgress?.(++done, total), label)
  })
  return Result.succeed({
    ...(options.by === undefined ? {} : { by: options.by }),
    level,
    method: bootstrap === undefined ? "wilson" : "bootstrap",
    replicates: bootstrap?.replicates ?? 0,
    ...(bootstrap === undefined ? {} : { seed: bootstrap.seed }),
    gaps,
    groups
  })
}

/**
 * The estimate as a simulation model over `base`'s states and covariates: every row of `base`'s
 * expansion whose state (and, with `by`, covariate level) has at least `minAtRisk` one-month
 * steps (default 1) takes the estimated probabilities; the others keep `base`'s. With `by`, the
 * covariate must be one of `base`'s.
 * @category estimates
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(2000))
 * const run = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 36, seed: 1, record: true }))
 * const estimate = Result.getOrThrow(Estimate.transitions(Result.getOrThrow(Panel.fromSimulation(run, cohort)), { by: "group" }))
 * const estimated = Estimate.toModel(estimate, Model.kushiro, { minAtRisk: 30 }) // estimate, then simulate
 * ```
 */
export const toModel = (estimate: Estimate, base: Model.Model, options: { readonly minAtRisk?: number } = {}): Result.Result<Model.Model, Model.ModelError> => {
  const minAtRisk = options.minAtRisk ?? 1
  if (estimate.by !== undefined && !(base.covariates ?? []).some((c) => c.name === estimate.by)) {
    return Result.fail(Model.modelError([{ code: "unknown_covariate", path: ["covariates"], message: `the estimate is by "${estimate.by}", which is not a covariate of model "${base.id}"`, messageJa: `共変量「${estimate.by}」はモデルにありません` }]))
  }
  const byGroup = new Map(estimate.groups.map((g) => [g.level, new Map(g.rows.map((r) => [r.from, r]))]))
  const expanded = Model.expand(base)
  const rows = expanded.rows.map((row): Model.Row => {
    const group = byGroup.get(estimate.by === undefined ? undefined : row.when?.[estimate.by])
    const r = group?.get(row.from)
    if (r === undefined || r.atRisk < minAtRisk) return row
    return { ...row, p: Object.fromEntries(r.outcomes.filter((o) => o.p > 0 || o.to === row.from).map((o) => [o.to, o.p])) }
  })
  return Model.withRows(expanded, rows)
}

/**
 * The estimated probability of `from → to` (for a group level), or undefined. @category estimates @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(2000))
 * const run = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 36, seed: 1, record: true }))
 * const estimate = Result.getOrThrow(Estimate.transitions(Result.getOrThrow(Panel.fromSimulation(run, cohort))))
 * Estimate.probability(estimate, "employment", "employed")?.p // near the model's 0.22
 * ```
 */
export const probability = (estimate: Estimate, from: string, to: string, level?: string): OutcomeEstimate | undefined =>
  estimate.groups.find((g) => g.level === level)?.rows.find((r) => r.from === from)?.outcomes.find((o) => o.to === to)
