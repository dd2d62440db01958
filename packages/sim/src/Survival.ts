/**
 * Time in stage (段階の滞在期間): Kaplan–Meier estimates of how long people stay in a state when
 * some stays are still going on (censored) at the end of observation.
 *
 * {@link kaplanMeier} takes stays `{ duration, ended }`; at each time where stays end it
 * multiplies the survival by `1 − ended ÷ at risk`, with Greenwood's variance and a log(−log)
 * interval, and reads the median (the first time survival falls to one half or below) with the
 * interval of the times where the interval's bounds cross one half. {@link timeInStage} applies it
 * to a panel's stays, per state or per autonomy stage (the two modes of intermediate work joined:
 * a move between them does not end the stay).
 *
 * @since 0.1.0
 * @module
 */
import { zOf } from "./internal/stats.ts"
import type * as Model from "./Model.ts"
import * as Panel from "./Panel.ts"

/**
 * One stay: how long, and whether it ended (otherwise censored). @category kaplan-meier @since 0.1.0
 * @example
 * ```ts
 * const stays: ReadonlyArray<Survival.Sample> = [{ duration: 3, ended: true }, { duration: 5, ended: false }] // the second is still going on
 * ```
 */
export interface Sample {
  readonly duration: number
  readonly ended: boolean
}

/**
 * One step of a Kaplan–Meier curve. @category kaplan-meier @since 0.1.0
 * @example
 * ```ts
 * const firstDrop: Survival.Step | undefined = Survival.kaplanMeier([{ duration: 2, ended: true }, { duration: 4, ended: true }]).steps[0]
 * firstDrop?.survival // 0.5
 * ```
 */
export interface Step {
  readonly time: number
  readonly atRisk: number
  readonly ended: number
  readonly censored: number
  readonly survival: number
  readonly lower: number
  readonly upper: number
}

/**
 * A Kaplan–Meier curve (生存曲線) with its median. @category kaplan-meier @since 0.1.0
 * @example
 * ```ts
 * const curve: Survival.Curve = Survival.kaplanMeier([{ duration: 2, ended: true }, { duration: 4, ended: true }, { duration: 6, ended: false }])
 * curve.median // 4
 * ```
 */
export interface Curve {
  readonly n: number
  readonly ended: number
  readonly steps: ReadonlyArray<Step>
  /** Absent when the survival never falls to one half. */
  readonly median?: number
  readonly medianLower?: number
  readonly medianUpper?: number
}

/**
 * The Kaplan–Meier estimate of the time-to-end distribution of stays (negative or non-finite
 * durations are left out). Intervals at `level` (default 0.95).
 * @category kaplan-meier
 * @since 0.1.0
 * @example
 * ```ts
 * const curve = Survival.kaplanMeier([
 *   { duration: 1, ended: true }, { duration: 3, ended: true }, { duration: 3, ended: false }, { duration: 8, ended: true }
 * ], 0.9)
 * curve.steps.map((s) => [s.time, s.survival, s.lower, s.upper])
 * ```
 */
export const kaplanMeier = (samples: ReadonlyArray<Sample>, level = 0.95): Curve => {
  const valid = samples.filter((s) => Number.isFinite(s.duration) && s.duration >= 0)
  const sorted = [...valid].sort((a, b) => a.duration - b.duration)
  const z = zOf(level)
  const steps: Array<Step> = []
  let atRisk = sorted.length
  let survival = 1
  let greenwood = 0
  let i = 0
  while (i < sorted.length) {
    const t = sorted[i]!.duration
    let ended = 0, censored = 0
    while (i < sorted.length && sorted[i]!.duration === t) {
      if (sorted[i]!.ended) ended++
      else censored++
      i++
    }
    if (ended > 0) {
      survival *= 1 - ended / atRisk
      if (atRisk > ended) greenwood += ended / (atRisk * (atRisk - ended))
    }
    let lower = survival, upper = survival
    if (survival > 0 && survival < 1 && greenwood > 0) {
      // log(−log S) interval (Kalbfleisch–Prentice): stays inside [0, 1].
      const se = Math.sqrt(greenwood) / Math.abs(Math.log(survival))
      lower = survival ** Math.exp(z * se)
      upper = survival ** Math.exp(-z * se)
    } else if (survival === 0) (lower = 0, upper = 0)
    steps.push({ time: t, atRisk, ended, censored, survival, lower, upper })
    atRisk -= ended + censored
  }
  const firstAtOrBelowHalf = (pick: (s: Step) => number): number | undefined => steps.find((s) => s.ended > 0 && pick(s) <= 0.5)?.time
  const median = firstAtOrBelowHalf((s) => s.survival)
  const medianLower = firstAtOrBelowHalf((s) => s.lower)
  const medianUpper = firstAtOrBelowHalf((s) => s.upper)
  return {
    n: sorted.length,
    ended: sorted.filter((s) => s.ended).length,
    steps,
    ...(median === undefined ? {} : { median }),
    ...(medianLower === undefined ? {} : { medianLower }),
    ...(medianUpper === undefined ? {} : { medianUpper })
  }
}

/**
 * The survival at time t of a curve (1 before the first step). @category kaplan-meier @since 0.1.0
 * @example
 * ```ts
 * const curve = Survival.kaplanMeier([{ duration: 2, ended: true }, { duration: 4, ended: true }])
 * Survival.survivalAt(curve, 1) // 1
 * Survival.survivalAt(curve, 3) // 0.5
 * ```
 */
export const survivalAt = (curve: Curve, t: number): number => {
  let s = 1
  for (const step of curve.steps) {
    if (step.time > t) break
    s = step.survival
  }
  return s
}

/**
 * Time in one state or autonomy stage. @category time in stage @since 0.1.0
 * @example
 * ```ts
 * const medians = (curves: ReadonlyArray<Survival.StageCurve>) => curves.map((c) => `${c.labelJa}: ${c.curve.median ?? "—"} ${c.unit}`)
 * ```
 */
export interface StageCurve {
  readonly id: string
  readonly labelJa: string
  readonly unit: "days" | "months"
  readonly curve: Curve
}

/** The label of an autonomy stage: its node's, or the common start of its nodes' labels (中間的就労（非雇用型）, 中間的就労（雇用型） → 中間的就労). */
const stageLabel = (labels: ReadonlyArray<string>): string | undefined => {
  if (labels.length <= 1) return labels[0]
  let prefix = labels[0]!
  for (const l of labels) while (!l.startsWith(prefix)) prefix = prefix.slice(0, -1)
  const trimmed = prefix.replace(/[\s,、（(・:：-]+$/u, "")
  return trimmed === "" ? labels[0] : trimmed
}

const joinByStage = (panel: Panel.Panel): ReadonlyArray<{ readonly key: string; readonly labelJa: string; readonly samples: ReadonlyArray<Sample> }> => {
  // Consecutive stays of one subject in states of the same autonomy stage are one stay.
  const groups = new Map<string, { labelJa: string; samples: Array<Sample> }>()
  const stageOf = (s: Model.StateInfo): string => s.stage ?? s.id
  const label = (s: Model.StateInfo): string => stageLabel(panel.model.graph.nodes.filter((n) => n.stage === stageOf(s)).map((n) => n.labelJa)) ?? s.labelJa
  let i = 0
  const stays = panel.stays
  while (i < stays.length) {
    const first = stays[i]!
    const state = panel.states[first.state]!
    const key = stageOf(state)
    let duration = first.duration
    let ended = first.ended
    let j = i + 1
    while (j < stays.length && stays[j]!.subject === first.subject && stageOf(panel.states[stays[j]!.state]!) === key && ended) {
      duration += stays[j]!.duration
      ended = stays[j]!.ended
      j++
    }
    let g = groups.get(key)
    if (g === undefined) groups.set(key, (g = { labelJa: key === state.id ? state.labelJa : label(state), samples: [] }))
    g.samples.push({ duration, ended })
    i = j
  }
  return [...groups.entries()].map(([key, g]) => ({ key, labelJa: g.labelJa, samples: g.samples }))
}

/**
 * Kaplan–Meier curves of the time spent in each state (`per: "state"`, default) or autonomy stage
 * (`per: "stage"`) of a panel, in the panel's stay unit (days from event logs, months otherwise).
 * @category time in stage
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(1000))
 * const run = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 36, seed: 1, record: true }))
 * const panel = Result.getOrThrow(Panel.fromSimulation(run, cohort))
 * const curves = Survival.timeInStage(panel, { per: "stage" }) // intermediate work's two modes joined
 * ```
 */
export const timeInStage = (panel: Panel.Panel, options: { readonly per?: "state" | "stage"; readonly level?: number } = {}): ReadonlyArray<StageCurve> => {
  if ((options.per ?? "state") === "stage") {
    return joinByStage(panel).map((g) => ({ id: g.key, labelJa: g.labelJa, unit: panel.stayUnit, curve: kaplanMeier(g.samples, options.level) }))
  }
  return panel.states
    .filter((s) => s.kind !== "exit")
    .map((s) => ({ id: s.id, labelJa: s.labelJa, unit: panel.stayUnit, curve: kaplanMeier(panel.stays.filter((x) => x.state === s.index), options.level) }))
    .filter((c) => c.curve.n > 0)
}
