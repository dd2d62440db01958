/**
 * Exact expectations (期待値) of a model for a cohort: the month-by-month distribution of every
 * person's state, propagated through the transition probabilities (the discrete-time forward
 * equation) instead of sampled.
 *
 * The result has the shape of a simulation result, with expected (fractional) counts in place of
 * counts, so every reader of {@link Simulation} works on it: occupancy, flows, placements, exits,
 * time to placement, placement rate. It uses the probabilities the simulation realises (exact to
 * 2^-32), so the mean of many simulations converges to it — a law the tests check — and it is
 * what {@link Calibration} fits, smooth in the parameters and free of sampling noise.
 *
 * @since 0.1.0
 * @module
 */
import { Result } from "effect"
import * as Kernel from "./internal/kernel.ts"
import * as Cohort from "./Cohort.ts"
import * as Model from "./Model.ts"
import * as Simulation from "./Simulation.ts"

const TWO_POW_32 = 4294967296

/**
 * The expected result of simulating `cohort` under `model` for `months` months (`seed` is 0; the
 * result is the same for every seed).
 * @category expectations
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(2334, { from: 0, until: 12 }))
 * const expected = Result.getOrThrow(Expected.result(Model.kushiro, cohort, 12))
 * Metric.numberOf(Simulation.placementRate(expected)) // the exact expected 就職率: no sampling noise
 * ```
 */
export const result = (model: Model.Model, cohort: Cohort.Cohort, months: number): Result.Result<Simulation.SimResult, Simulation.SimError> => {
  const dry = Simulation.run(model, Cohort.slice(cohort, 0, 0), { months, seed: 0 })
  if (Result.isFailure(dry)) return dry
  const c = Result.getOrThrow(Model.compiled(model))
  const k = c.kernel
  const M = months, S = k.states, T = k.transitions, Q = k.profiles
  const out = Kernel.emptyTallies(k, M)
  const pieceOf = (m: number): number => {
    let piece = 0
    while (piece < k.breaks.length && m >= k.breaks[piece]!) piece++
    return piece
  }
  // Group the cohort by (profile, entry): one distribution per group, over (state, ever placed).
  const groups = new Map<number, { profile: number; entry: number; start: Float64Array }>()
  for (const cell of Cohort.composition(cohort)) {
    const key = cell.entry * Q + cell.profile
    let g = groups.get(key)
    if (g === undefined) groups.set(key, (g = { profile: cell.profile, entry: cell.entry, start: new Float64Array(S) }))
    g.start[cell.stage]! += cell.count
  }
  for (const { profile: q, entry: e, start } of groups.values()) {
    const base = q * (M + 1)
    const firstBase = (base + e) * (M + 1) - e
    let total = 0
    for (let s = 0; s < S; s++) total += start[s]!
    out.persons[q]! += total
    for (let m = 0; m <= M && m < e; m++) out.pending[base + m]! += total
    if (e > M) continue
    // x[s * 2 + f]: expected persons in state s, f = 1 when already placed.
    let x = new Float64Array(S * 2)
    for (let s = 0; s < S; s++) {
      const placed = k.placement[s]!
      x[s * 2 + placed]! += start[s]!
      if (placed === 1) out.firstPlacement[firstBase + e]! += start[s]!
    }
    for (let m = e; m <= M; m++) {
      for (let s = 0; s < S; s++) out.occupancy[(base + m) * S + s]! += x[s * 2]! + x[s * 2 + 1]!
      if (m === M) break
      const next = new Float64Array(S * 2)
      const rowBase = (pieceOf(k.calendar === 1 ? m : m - e) * Q + q) * S
      for (let s = 0; s < S; s++) {
        const never = x[s * 2]!, ever = x[s * 2 + 1]!
        if (never === 0 && ever === 0) continue
        const row = rowBase + s
        if (k.absorbing[s] === 1) {
          next[s * 2]! += never
          next[s * 2 + 1]! += ever
          continue
        }
        let previous = 0
        for (let o = k.rowStart[row]!; o < k.rowStart[row + 1]!; o++) {
          const p = (k.outThreshold[o]! - previous) / TWO_POW_32
          previous = k.outThreshold[o]!
          const to = k.outState[o]!
          out.flows[(q * M + m) * T + k.outTransition[o]!]! += (never + ever) * p
          if (k.placement[to] === 1) {
            out.firstPlacement[firstBase + m + 1]! += never * p
            next[to * 2 + 1]! += (never + ever) * p
          } else {
            next[to * 2]! += never * p
            next[to * 2 + 1]! += ever * p
          }
        }
        const stay = 1 - k.moveThreshold[row]! / TWO_POW_32
        next[s * 2]! += never * stay
        next[s * 2 + 1]! += ever * stay
      }
      x = next
    }
  }
  return Result.succeed({ _tag: "SimResult", model, months: M, seed: 0, tallies: out, segments: [] })
}
