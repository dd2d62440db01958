/**
 * Seeded simulation (シミュレーション) of a cohort over a model, month by month.
 *
 * {@link run} simulates on the calling thread; {@link runParallel} splits the persons between
 * worker threads (`node:worker_threads`) and combines their results. Both give the **same
 * result** for one seed, whatever the number of threads: person `i` always draws from random
 * stream `i` ({@link Random}), and results are sums.
 *
 * A {@link SimResult} is additive: occupancy by month and state (在籍者数), people not yet entered,
 * moves by month and transition (placements 就職, separations 離職, referrals つなぎ, regressions,
 * exits 保護脱却 …), first placements by entry month and duration. Results of disjoint sub-cohorts
 * form a **monoid** under {@link combine} (identity {@link empty}): combining the parts equals
 * simulating the whole. Optional per-person outcomes (for paired scenario comparisons) and a move
 * log (for panels, Metric events and individual paths) are carried as segments by person range.
 *
 * The hot loop works on typed arrays (no object per person or per month) and counts only the moves
 * (occupancy follows from them at the end), so a month without a move costs one random number and
 * one comparison.
 *
 * Laws (test/Simulation.test.ts): occupancy sums to the number of persons entered every month;
 * same seed → same result for any number of workers; every move is a graph edge, a move within a
 * node or an exit; sub-cohort results combine as a monoid; the mean of many runs matches the
 * exact expectation ({@link Expected}).
 *
 * @since 0.1.0
 * @module
 */
import { Metric, Period } from "@jiritsu/core"
import { Worker } from "node:worker_threads"
import { Result, Schema } from "effect"
import * as Kernel from "./internal/kernel.ts"
import * as Cohort from "./Cohort.ts"
import * as Model from "./Model.ts"

// ---------------------------------------------------------------------------------------------
// Options and errors
// ---------------------------------------------------------------------------------------------

/**
 * Options of a run: the horizon in months (0…1200), the seed, whether to keep per-person outcomes
 * (`perPerson`: first placement month and final state, needed by `Scenario.compare`) and the move
 * log (`record`: needed by panels, Metric events and paths), and a progress callback.
 * @category running
 * @since 0.1.0
 * @example
 * ```ts
 * const options: Simulation.Options = { months: 60, seed: 1, perPerson: true, record: false }
 * ```
 */
export interface Options {
  readonly months: number
  readonly seed: number
  readonly perPerson?: boolean
  readonly record?: boolean
  readonly onProgress?: (done: number, total: number) => void
}

/**
 * What can stop a run: `invalid_options` (months, seed, workers), `incompatible_cohort` (built
 * for a model with other states or profiles), `capacity` (result tables too large),
 * `not_recorded` (a query needs the move log or per-person outcomes the run did not keep),
 * `incompatible_results` (combining results of different models, horizons or seeds), `worker`.
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(10))
 * const r = Simulation.run(Model.kushiro, cohort, { months: 5000, seed: 1 })
 * if (Result.isFailure(r)) {
 *   const e: Simulation.SimError = r.failure
 *   console.log(e.code, e.path) // "invalid_options" ["months"]
 * }
 * ```
 */
export const SimError = Schema.TaggedStruct("SimError", {
  code: Schema.Literals(["invalid_options", "incompatible_cohort", "capacity", "not_recorded", "incompatible_results", "worker"]),
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  message: Schema.String,
  messageJa: Schema.String
})
/** @category errors */
export type SimError = typeof SimError.Type

const simError = (code: SimError["code"], path: ReadonlyArray<string | number>, message: string, messageJa: string): SimError => ({ _tag: "SimError", code, path, message, messageJa })

/**
 * The longest horizon: 100 years. @category running @since 0.1.0
 * @example
 * ```ts
 * const months = Math.min(12 * 150, Simulation.MAX_MONTHS) // 1200: 100 years at most
 * ```
 */
export const MAX_MONTHS = 1200
const MAX_TABLE = 50_000_000

// ---------------------------------------------------------------------------------------------
// Results: a monoid
// ---------------------------------------------------------------------------------------------

/**
 * Per-person outcomes or moves of persons `[start, start + size)`. @category results @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(100))
 * const r = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 24, seed: 1, perPerson: true }))
 * r.segments.map((s: Simulation.Segment) => `${s.start}…${s.start + s.size - 1}`) // ["0…99"]
 * ```
 */
export interface Segment {
  readonly start: number
  readonly size: number
  readonly perPerson?: Kernel.PerPerson
  readonly log?: Kernel.MoveLog
}

/**
 * The result of a run (or of several combined). `tallies` are the kernel's additive tables (see
 * {@link occupancy}, {@link flows}, {@link timeToPlacement} to read them).
 * @category results
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(2334))
 * const r: Simulation.SimResult = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 12, seed: 1 }))
 * Simulation.placements(r).total // placements (就職) in the first year
 * ```
 */
export interface SimResult {
  readonly _tag: "SimResult"
  readonly model: Model.Model
  readonly months: number
  readonly seed: number
  readonly tallies: Kernel.Tallies
  readonly segments: ReadonlyArray<Segment>
}

const compiledOf = (model: Model.Model): Model.Compiled => Result.getOrThrow(Model.compiled(model))

/**
 * The identity of {@link combine}: nobody simulated. @category results @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(100))
 * const r = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 12, seed: 1 }))
 * const same = Result.getOrThrow(Simulation.combine(Simulation.empty(Model.kushiro, 12, 1), r))
 * Simulation.equals(same, r) // true: the identity
 * ```
 */
export const empty = (model: Model.Model, months: number, seed: number): SimResult => ({
  _tag: "SimResult",
  model,
  months,
  seed,
  tallies: Kernel.emptyTallies(compiledOf(model).kernel, months),
  segments: []
})

const sameShape = (a: SimResult, b: SimResult): boolean =>
  a.months === b.months &&
  a.seed === b.seed &&
  (a.model === b.model || compiledOf(a.model) === compiledOf(b.model) || JSON.stringify(a.model) === JSON.stringify(b.model))

const add = (x: Float64Array, y: Float64Array): Float64Array => {
  const out = new Float64Array(x.length)
  for (let i = 0; i < x.length; i++) out[i] = x[i]! + y[i]!
  return out
}

/**
 * The monoid operation: tables add element-wise, segments are merged by person range. Results
 * must come from one model, horizon and seed (`incompatible_results` otherwise).
 * @category results
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(1000))
 * const options = { months: 24, seed: 7 }
 * const whole = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, options))
 * const a = Result.getOrThrow(Simulation.run(Model.kushiro, Cohort.slice(cohort, 0, 400), options))
 * const b = Result.getOrThrow(Simulation.run(Model.kushiro, Cohort.slice(cohort, 400, 1000), options))
 * Simulation.equals(Result.getOrThrow(Simulation.combine(a, b)), whole) // true
 * ```
 */
export const combine = (a: SimResult, b: SimResult): Result.Result<SimResult, SimError> => {
  if (!sameShape(a, b)) return Result.fail(simError("incompatible_results", [], "results of different models, horizons or seeds cannot be combined", "モデル・期間・シードの異なる結果は合算できません"))
  const t = a.tallies, u = b.tallies
  return Result.succeed({
    _tag: "SimResult",
    model: a.model,
    months: a.months,
    seed: a.seed,
    tallies: {
      months: t.months,
      occupancy: add(t.occupancy, u.occupancy),
      pending: add(t.pending, u.pending),
      flows: add(t.flows, u.flows),
      firstPlacement: add(t.firstPlacement, u.firstPlacement),
      persons: add(t.persons, u.persons)
    },
    segments: [...a.segments, ...b.segments].sort((x, y) => x.start - y.start || x.size - y.size)
  })
}

/**
 * Combines any number of results (all of one model, horizon and seed). @category results @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(900))
 * const parts = [0, 300, 600].map((s) => Result.getOrThrow(Simulation.run(Model.kushiro, Cohort.slice(cohort, s, s + 300), { months: 24, seed: 7 })))
 * const all = Simulation.combineAll(Model.kushiro, 24, 7, parts)
 * ```
 */
export const combineAll = (model: Model.Model, months: number, seed: number, results: Iterable<SimResult>): Result.Result<SimResult, SimError> => {
  let acc: SimResult = empty(model, months, seed)
  for (const r of results) {
    const next = combine(acc, r)
    if (Result.isFailure(next)) return next
    acc = next.success
  }
  return Result.succeed(acc)
}

const sameArray = (x: ArrayLike<number>, y: ArrayLike<number>, n = x.length): boolean => {
  if (x.length < n || y.length < n) return false
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return false
  return true
}

/**
 * Whether two results are equal: the same tables, and the same per-person outcomes and moves
 * person by person (however the persons were split into segments).
 * @category results
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(100))
 * const once = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 12, seed: 3 }))
 * const again = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 12, seed: 3 }))
 * Simulation.equals(once, again) // true: one seed, one result
 * ```
 */
export const equals = (a: SimResult, b: SimResult): boolean => {
  if (!sameShape(a, b)) return false
  const t = a.tallies, u = b.tallies
  if (!(sameArray(t.occupancy, u.occupancy) && t.occupancy.length === u.occupancy.length)) return false
  if (!(sameArray(t.pending, u.pending) && sameArray(t.flows, u.flows) && sameArray(t.firstPlacement, u.firstPlacement) && sameArray(t.persons, u.persons))) return false
  const pa = perPersonOf(a), pb = perPersonOf(b)
  if ((pa === undefined) !== (pb === undefined)) return false
  if (pa !== undefined && pb !== undefined && !(pa.start === pb.start && sameArray(pa.firstPlacement, pb.firstPlacement) && sameArray(pa.finalState, pb.finalState) && pa.firstPlacement.length === pb.firstPlacement.length)) return false
  const la = logOf(a), lb = logOf(b)
  if ((la === undefined) !== (lb === undefined)) return false
  return la === undefined || lb === undefined || (la.length === lb.length && sameArray(la.person, lb.person, la.length) && sameArray(la.month, lb.month, la.length) && sameArray(la.transition, lb.transition, la.length))
}

/**
 * The per-person outcomes of a result as one range `[start, start + length)`, when every segment
 * kept them and the segments are contiguous.
 * @category results
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(100))
 * const r = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 24, seed: 1, perPerson: true }))
 * const firstPlacement = Simulation.perPersonOf(r)?.firstPlacement // per person: months to the first placement, or -1
 * ```
 */
export const perPersonOf = (r: SimResult): { readonly start: number; readonly firstPlacement: Int16Array; readonly finalState: Uint8Array } | undefined => {
  if (r.segments.length === 0 || r.segments.some((s) => s.perPerson === undefined)) return undefined
  for (let i = 1; i < r.segments.length; i++) if (r.segments[i]!.start !== r.segments[i - 1]!.start + r.segments[i - 1]!.size) return undefined
  const size = r.segments.reduce((n, s) => n + s.size, 0)
  const firstPlacement = new Int16Array(size), finalState = new Uint8Array(size)
  let at = 0
  for (const s of r.segments) {
    firstPlacement.set(s.perPerson!.firstPlacement, at)
    finalState.set(s.perPerson!.finalState, at)
    at += s.size
  }
  return { start: r.segments[0]!.start, firstPlacement, finalState }
}

/**
 * The move log of a result (persons in order), when every segment recorded it. @category results @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(100))
 * const r = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 24, seed: 1, record: true }))
 * Simulation.logOf(r)?.length // the number of moves made
 * ```
 */
export const logOf = (r: SimResult): Kernel.MoveLog | undefined => {
  if (r.segments.length === 0 || r.segments.some((s) => s.log === undefined)) return undefined
  const length = r.segments.reduce((n, s) => n + s.log!.length, 0)
  const out = Kernel.emptyLog(length)
  for (const s of r.segments) {
    const l = s.log!
    out.person.set(l.person.subarray(0, l.length), out.length)
    out.month.set(l.month.subarray(0, l.length), out.length)
    out.transition.set(l.transition.subarray(0, l.length), out.length)
    out.length += l.length
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------------------------

const checkRun = (model: Model.Model, cohort: Cohort.Cohort, options: Options): Result.Result<Model.Compiled, SimError> => {
  const compiled = Model.compiled(model)
  if (Result.isFailure(compiled)) return Result.fail(simError("invalid_options", ["model"], compiled.failure.message, "モデルが不正です"))
  const c = compiled.success
  if (!Number.isInteger(options.months) || options.months < 0 || options.months > MAX_MONTHS) {
    return Result.fail(simError("invalid_options", ["months"], `months must be an integer in 0 … ${MAX_MONTHS}, got ${options.months}`, `月数は0〜${MAX_MONTHS}の整数で指定してください`))
  }
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) {
    return Result.fail(simError("invalid_options", ["seed"], `seed must be an integer in 0 … 2^32 − 1, got ${options.seed}`, `シードは0〜2^32−1の整数で指定してください`))
  }
  const cohortStates = Model.states(cohort.model).map((s) => s.id).join(",")
  if (cohortStates !== c.states.map((s) => s.id).join(",") || Model.profiles(cohort.model).length !== c.profiles.length) {
    return Result.fail(simError("incompatible_cohort", ["cohort"], `the cohort was built for model "${cohort.model.id}", whose states or covariate profiles differ from "${model.id}"`, `コホートのモデルと状態・共変量が一致しません`))
  }
  const M = options.months
  if (c.profiles.length * (M + 1) * (M + 1) > MAX_TABLE || c.profiles.length * M * Math.max(1, c.transitions.length) > MAX_TABLE) {
    return Result.fail(simError("capacity", ["months"], `${c.profiles.length} profiles × ${M} months make result tables beyond ${MAX_TABLE} cells`, `結果の表が大きすぎます`))
  }
  return Result.succeed(c)
}

const segmentOf = (cohort: { readonly offset: number; readonly size: number }, output: Kernel.RunOutput): ReadonlyArray<Segment> =>
  output.perPerson === undefined && output.log === undefined
    ? []
    : [{ start: cohort.offset, size: cohort.size, ...(output.perPerson === undefined ? {} : { perPerson: output.perPerson }), ...(output.log === undefined ? {} : { log: output.log }) }]

/**
 * Simulates a cohort on the calling thread.
 * @category running
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(2334, { from: 0, until: 12 }))
 * const r = Simulation.run(Model.kushiro, cohort, { months: 60, seed: 1 })
 * if (Result.isSuccess(r)) console.log(Simulation.summary(r.success))
 * ```
 */
export const run = (model: Model.Model, cohort: Cohort.Cohort, options: Options): Result.Result<SimResult, SimError> => {
  const checked = checkRun(model, cohort, options)
  if (Result.isFailure(checked)) return Result.fail(checked.failure)
  const output = Kernel.run(checked.success.kernel, cohort, {
    months: options.months,
    seed: options.seed,
    perPerson: options.perPerson === true,
    log: options.record === true,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress })
  })
  return Result.succeed({ _tag: "SimResult", model, months: options.months, seed: options.seed, tallies: output.tallies, segments: segmentOf(cohort, output) })
}

// ---------------------------------------------------------------------------------------------
// Worker threads
// ---------------------------------------------------------------------------------------------

/**
 * A pool of worker threads for {@link runParallel}: start it once, run many simulations (a
 * calibration, a bootstrap, a benchmark), then `close` it.
 * @category parallel
 * @since 0.1.0
 * @example
 * ```ts
 * const pool: Simulation.Pool = Simulation.makePool(4)
 * console.log(pool.size) // 4
 * await pool.close()
 * ```
 */
export interface Pool {
  readonly size: number
  readonly close: () => Promise<void>
}

interface PoolState extends Pool {
  readonly workers: ReadonlyArray<Worker>
  /** Sends one job to one worker (one message; progress messages only when `onProgress` is given), moving `transfer`'s buffers. */
  readonly submit: (worker: number, job: Record<string, unknown>, transfer: ReadonlyArray<ArrayBuffer>, onProgress: ((n: number) => void) | undefined) => Promise<Kernel.RunOutput>
}

const workerUrl = (): URL => {
  const ext = /\.(ts|cjs|mjs|js)$/.exec(new URL(import.meta.url).pathname)?.[1] ?? "js"
  return new URL(`./internal/worker.${ext}`, import.meta.url)
}

/**
 * Starts `size` worker threads (at least 1).
 * @category parallel
 * @since 0.1.0
 * @example
 * ```ts
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(100_000))
 * const pool = Simulation.makePool(4)
 * try {
 *   for (const seed of [1, 2, 3]) await Simulation.runParallel(Model.kushiro, cohort, { months: 60, seed, pool })
 * } finally {
 *   await pool.close()
 * }
 * ```
 */
export const makePool = (size: number): Pool => {
  const n = Math.max(1, Math.floor(size))
  const url = workerUrl()
  const workers = Array.from({ length: n }, () => new Worker(url))
  const busy = new Array<number>(n).fill(0)
  let nextId = 0
  const pending = new Map<number, { readonly worker: number; readonly resolve: (o: Kernel.RunOutput) => void; readonly reject: (e: Error) => void; readonly onProgress: ((n: number) => void) | undefined }>()
  // An idle worker does not keep the process alive (a pool someone forgot to close is harmless).
  const settle = (id: number): void => {
    const job = pending.get(id)!
    pending.delete(id)
    if (--busy[job.worker]! === 0) workers[job.worker]!.unref()
  }
  workers.forEach((w, i) => {
    w.unref()
    w.on("message", (msg: { readonly id: number; readonly progress?: number; readonly output?: Kernel.RunOutput; readonly error?: string }) => {
      const job = pending.get(msg.id)
      if (job === undefined) return
      if (msg.progress !== undefined) return job.onProgress?.(msg.progress)
      settle(msg.id)
      if (msg.error !== undefined) job.reject(new Error(msg.error))
      else job.resolve(msg.output!)
    })
    w.on("error", (e) => {
      for (const [id, job] of [...pending]) if (job.worker === i) (settle(id), job.reject(e))
    })
  })
  const pool: PoolState = {
    size: n,
    workers,
    submit: (worker, job, transfer, onProgress) =>
      new Promise((resolve, reject) => {
        const id = nextId++
        pending.set(id, { worker, resolve, reject, onProgress })
        if (busy[worker]!++ === 0) workers[worker]!.ref()
        workers[worker]!.postMessage({ id, progress: onProgress !== undefined, ...job }, [...transfer])
      }),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()))
    }
  }
  return pool
}

// A part's columns are copied once into fresh buffers and those buffers are transferred to the
// worker (moved, not cloned a second time); the caller's cohort is left untouched.
const copyColumns = (c: Kernel.CohortColumns): Kernel.CohortColumns => ({
  size: c.size,
  offset: c.offset,
  stage: c.stage.slice(),
  profile: c.profile.slice(),
  entry: c.entry.slice()
})

const transferList = (c: Kernel.CohortColumns): ReadonlyArray<ArrayBuffer> => [c.stage.buffer as ArrayBuffer, c.profile.buffer as ArrayBuffer, c.entry.buffer as ArrayBuffer]

/**
 * Simulates a cohort in worker threads: the persons are split into `pool.size` (or `workers`)
 * contiguous parts, each simulated in its own thread, and the parts combined. The result equals
 * {@link run}'s with the same seed.
 * @category parallel
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(100_000))
 * const parallel = await Simulation.runParallel(Model.kushiro, cohort, { months: 60, seed: 1, workers: 4 })
 * const serial = Simulation.run(Model.kushiro, cohort, { months: 60, seed: 1 })
 * Simulation.equals(Result.getOrThrow(parallel), Result.getOrThrow(serial)) // true, whatever the number of workers
 * ```
 */
export const runParallel = async (
  model: Model.Model,
  cohort: Cohort.Cohort,
  options: Options & { readonly workers?: number; readonly pool?: Pool }
): Promise<Result.Result<SimResult, SimError>> => {
  const checked = checkRun(model, cohort, options)
  if (Result.isFailure(checked)) return Result.fail(checked.failure)
  if (options.workers !== undefined && !(Number.isInteger(options.workers) && options.workers >= 1 && options.workers <= 256)) {
    return Result.fail(simError("invalid_options", ["workers"], `workers must be an integer in 1 … 256, got ${options.workers}`, `ワーカー数は1〜256の整数で指定してください`))
  }
  const own = options.pool === undefined
  const pool = (options.pool ?? makePool(options.workers ?? 2)) as PoolState
  try {
    const parts = Math.min(pool.size, Math.max(1, cohort.size))
    const size = Math.ceil(cohort.size / parts)
    let done = 0
    const report = options.onProgress
    const onProgress =
      report === undefined
        ? undefined
        : (n: number): void => {
            done += n
            report(done, cohort.size)
          }
    const outputs = await Promise.all(
      Array.from({ length: parts }, (_, i) => {
        const part = copyColumns(Cohort.slice(cohort, i * size, (i + 1) * size))
        // The part's buffers move to the worker; only its place in the cohort stays here.
        const place = { size: part.size, offset: part.offset }
        const job = { kernel: checked.success.kernel, cohort: part, months: options.months, seed: options.seed, perPerson: options.perPerson === true, log: options.record === true }
        return pool.submit(i, job, transferList(part), onProgress).then((output) => ({ place, output }))
      })
    )
    const results = outputs.map(({ place, output }): SimResult => ({ _tag: "SimResult", model, months: options.months, seed: options.seed, tallies: output.tallies, segments: segmentOf(place, output) }))
    return combineAll(model, options.months, options.seed, results)
  } catch (e) {
    return Result.fail(simError("worker", ["workers"], e instanceof Error ? e.message : String(e), "ワーカースレッドでエラーが発生しました"))
  } finally {
    if (own) await pool.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Reading results
// ---------------------------------------------------------------------------------------------

/** Which profiles to count: those matching every given covariate level (all when absent). */
const profileMask = (c: Model.Compiled, by: Model.Profile | undefined): ReadonlyArray<number> =>
  c.profiles.flatMap((p, q) => (by === undefined || Object.entries(by).every(([k, v]) => p[k] === v) ? [q] : []))

/**
 * Occupancy of one month. @category reading @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(100))
 * const months: ReadonlyArray<Simulation.MonthOccupancy> = Simulation.occupancy(Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 12, seed: 1 })))
 * months[12]?.counts["employed"] // people in work at the start of month 12
 * ```
 */
export interface MonthOccupancy {
  readonly month: number
  /** Persons in each state at the start of the month (exits: everyone who has left by then). */
  readonly counts: Readonly<Record<string, number>>
  /** Persons not yet entered. */
  readonly pending: number
}

/**
 * Stage occupancy (段階別在籍者数) at the start of every month 0…months, optionally for the
 * profiles matching `by` (e.g. `{ group: "welfare_recipient" }`). In every month, the counts plus
 * `pending` sum to the number of persons.
 * @category reading
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(1000))
 * const r = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 24, seed: 1 }))
 * const recipients = Simulation.occupancy(r, { group: "welfare_recipient" }) // 在籍者数 of one target group, months 0…24
 * ```
 */
export const occupancy = (r: SimResult, by?: Model.Profile): ReadonlyArray<MonthOccupancy> => {
  const c = compiledOf(r.model)
  const S = c.states.length, M = r.months
  const qs = profileMask(c, by)
  return Array.from({ length: M + 1 }, (_, m) => {
    const counts: Record<string, number> = {}
    let pending = 0
    for (const s of c.states) counts[s.id] = 0
    for (const q of qs) {
      const base = (q * (M + 1) + m) * S
      for (const s of c.states) counts[s.id]! += r.tallies.occupancy[base + s.index]!
      pending += r.tallies.pending[q * (M + 1) + m]!
    }
    return { month: m, counts, pending }
  })
}

/**
 * Moves of one transition in one month. @category reading @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(100))
 * const flows: ReadonlyArray<Simulation.Flow> = Simulation.flows(Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 12, seed: 1 })))
 * flows.filter((f) => f.transition.kind === "regression").reduce((n, f) => n + f.count, 0)
 * ```
 */
export interface Flow {
  readonly month: number
  readonly transition: Model.TransitionInfo
  readonly count: number
}

/**
 * Every move that happened, by month (made at the end of `month`, effective at `month + 1`) and
 * transition; zero counts left out.
 * @category reading
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(100))
 * const r = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 12, seed: 1 }))
 * Simulation.flows(r).map((f) => `${f.month}: ${f.transition.from} → ${f.transition.to} × ${f.count}`)
 * ```
 */
export const flows = (r: SimResult, by?: Model.Profile): ReadonlyArray<Flow> => {
  const c = compiledOf(r.model)
  const T = c.transitions.length, M = r.months
  const qs = profileMask(c, by)
  const out: Array<Flow> = []
  for (let m = 0; m < M; m++) {
    for (const t of c.transitions) {
      let count = 0
      for (const q of qs) count += r.tallies.flows[(q * M + m) * T + t.index]!
      if (count > 0) out.push({ month: m, transition: t, count })
    }
  }
  return out
}

/**
 * Monthly counts of one kind of event. @category reading @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(100))
 * const s: Simulation.Series = Simulation.placements(Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 12, seed: 1 })))
 * s.byMonth.length // 12; s.total is their sum
 * ```
 */
export interface Series {
  readonly total: number
  /** `byMonth[m]`: events at the end of month m. */
  readonly byMonth: ReadonlyArray<number>
}

const series = (r: SimResult, pick: (t: Model.TransitionInfo) => boolean, by?: Model.Profile): Series => {
  const byMonth = new Array<number>(r.months).fill(0)
  for (const f of flows(r, by)) if (pick(f.transition)) byMonth[f.month]! += f.count
  return { total: byMonth.reduce((a, b) => a + b, 0), byMonth }
}

/**
 * Placements (就職): moves into a placement state. @category reading @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(1000))
 * const r = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 12, seed: 1 }))
 * Simulation.placements(r, { group: "needy_person" }).total // 就職 of 生活困窮者 in the year
 * ```
 */
export const placements = (r: SimResult, by?: Model.Profile): Series => series(r, (t) => t.placement, by)

/**
 * Separations (離職): moves out of a placement state to a non-exit state. @category reading @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(1000))
 * Simulation.separations(Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 12, seed: 1 }))).total // 離職
 * ```
 */
export const separations = (r: SimResult, by?: Model.Profile): Series => series(r, (t) => t.separation, by)

/**
 * Regressions (後退): moves along regression edges. @category reading @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(1000))
 * Simulation.regressions(Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 12, seed: 1 }))).total // 後退
 * ```
 */
export const regressions = (r: SimResult, by?: Model.Profile): Series => series(r, (t) => t.kind === "regression", by)

/**
 * Exits by exit state (保護脱却, 支援終結 …). @category reading @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(1000))
 * Simulation.exits(Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 12, seed: 1 })))["welfare_exit"]?.total // 保護脱却
 * ```
 */
export const exits = (r: SimResult, by?: Model.Profile): Readonly<Record<string, Series>> => {
  const c = compiledOf(r.model)
  return Object.fromEntries(c.states.filter((s) => s.kind === "exit").map((s) => [s.id, series(r, (t) => t.to === s.id, by)]))
}

/**
 * Referrals (つなぎ) by destination: moves along the model's referral routes. @category reading @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(1000))
 * Simulation.referrals(Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 12, seed: 1 })))["hello_work"]?.total // ハローワークへのつなぎ
 * ```
 */
export const referrals = (r: SimResult, by?: Model.Profile): Readonly<Record<string, Series>> => {
  const c = compiledOf(r.model)
  const destinations = [...new Set(c.transitions.flatMap((t) => (t.referral === undefined ? [] : [t.referral])))]
  return Object.fromEntries(destinations.map((d) => [d, series(r, (t) => t.referral === d, by)]))
}

/**
 * Persons in the result, and those entered by the horizon. @category reading @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(120, { from: 0, until: 12 }))
 * Simulation.persons(Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 6, seed: 1 }))) // { total: 120, entered: 74 }: the others enter after month 6
 * ```
 */
export const persons = (r: SimResult, by?: Model.Profile): { readonly total: number; readonly entered: number } => {
  const c = compiledOf(r.model)
  let total = 0, entered = 0
  for (const q of profileMask(c, by)) {
    total += r.tallies.persons[q]!
    entered += r.tallies.persons[q]! - r.tallies.pending[q * (r.months + 1) + r.months]!
  }
  return { total, entered }
}

/**
 * One point of the time-to-placement curve. @category reading @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(1000))
 * const points: ReadonlyArray<Simulation.PlacementPoint> = Simulation.timeToPlacement(Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 24, seed: 1 }))).points
 * points[12]?.placed // placed within a year of entry
 * ```
 */
export interface PlacementPoint {
  /** Months since entry. */
  readonly duration: number
  /** Persons first placed exactly `duration` months after entry. */
  readonly newlyPlaced: number
  /** Persons followed at least `duration` months (entered at least that long before the horizon). */
  readonly followed: number
  /** Of those, the ones placed within `duration` months. */
  readonly placed: number
  /** `placed ÷ followed` (not defined when nobody was followed that long). */
  readonly share: Metric.MetricValue
}

/**
 * The time-to-placement distribution (就職までの期間). @category reading @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(1000))
 * const ttp: Simulation.TimeToPlacement = Simulation.timeToPlacement(Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 60, seed: 1 })))
 * ttp.median // months until half of those followed were placed
 * ```
 */
export interface TimeToPlacement {
  readonly points: ReadonlyArray<PlacementPoint>
  /** Smallest duration by which at least half of the persons followed that long were placed. */
  readonly median?: number
}

/**
 * Time from entry to the first placement (就職までの期間): for every duration d, the share of the
 * persons followed at least d months who were placed within d months (a cumulative incidence with
 * administrative censoring at the horizon; exits count as not placed). Persons who start in a
 * placement state count as placed at duration 0.
 * @category reading
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(1000))
 * const r = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 60, seed: 1 }))
 * Simulation.timeToPlacement(r, { group: "welfare_recipient" }).points.map((p) => p.share)
 * ```
 */
export const timeToPlacement = (r: SimResult, by?: Model.Profile): TimeToPlacement => {
  const c = compiledOf(r.model)
  const M = r.months
  const qs = profileMask(c, by)
  const entered = new Float64Array(M + 1)
  const first = new Float64Array((M + 1) * (M + 1))
  for (const q of qs) {
    const pending = (m: number): number => (m < 0 ? r.tallies.persons[q]! : r.tallies.pending[q * (M + 1) + m]!)
    for (let e = 0; e <= M; e++) entered[e]! += pending(e - 1) - pending(e)
    for (let i = 0; i < first.length; i++) first[i]! += r.tallies.firstPlacement[q * (M + 1) * (M + 1) + i]!
  }
  const points: Array<PlacementPoint> = []
  let median: number | undefined
  for (let d = 0; d <= M; d++) {
    let followed = 0, placed = 0, newlyPlaced = 0
    for (let e = 0; e <= M; e++) {
      newlyPlaced += first[e * (M + 1) + d]!
      if (e + d > M) continue
      followed += entered[e]!
      for (let k = 0; k <= d; k++) placed += first[e * (M + 1) + k]!
    }
    const share = Metric.ratio(placed, followed)
    if (median === undefined && share._tag === "Rate" && share.value >= 0.5) median = d
    points.push({ duration: d, newlyPlaced, followed, placed, share })
  }
  return median === undefined ? { points } : { points, median }
}

/**
 * The placement rate (就職率): persons placed by the horizon ÷ persons entered by the horizon, as
 * a Metric value (`NotDefined` when nobody entered; never NaN).
 * @category reading
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(2334))
 * const rate = Simulation.placementRate(Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 12, seed: 1 })))
 * Metric.numberOf(rate) // 就職率 by the horizon
 * ```
 */
export const placementRate = (r: SimResult, by?: Model.Profile): Metric.MetricValue => {
  const c = compiledOf(r.model)
  const M = r.months
  let placed = 0
  for (const q of profileMask(c, by)) {
    const base = q * (M + 1) * (M + 1)
    for (let i = 0; i < (M + 1) * (M + 1); i++) placed += r.tallies.firstPlacement[base + i]!
  }
  return Metric.ratio(placed, persons(r, by).entered)
}

/**
 * A JSON-ready summary: persons, placement rate, median months to placement, placements,
 * separations, regressions, exits and referrals (totals), the final month's occupancy.
 * @category reading
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(2334))
 * console.log(JSON.stringify(Simulation.summary(Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 60, seed: 1 }))), null, 2))
 * ```
 */
export const summary = (r: SimResult, by?: Model.Profile) => {
  const ttp = timeToPlacement(r, by)
  const occ = occupancy(r, by)
  const total = (s: Series): number => s.total
  return {
    months: r.months,
    seed: r.seed,
    persons: persons(r, by),
    placementRate: placementRate(r, by),
    ...(ttp.median === undefined ? {} : { medianMonthsToPlacement: ttp.median }),
    placements: placements(r, by).total,
    separations: separations(r, by).total,
    regressions: regressions(r, by).total,
    exits: Object.fromEntries(Object.entries(exits(r, by)).map(([k, s]) => [k, total(s)])),
    referrals: Object.fromEntries(Object.entries(referrals(r, by)).map(([k, s]) => [k, total(s)])),
    finalOccupancy: occ[occ.length - 1]!.counts
  }
}

// ---------------------------------------------------------------------------------------------
// Individuals
// ---------------------------------------------------------------------------------------------

/**
 * The month-by-month states of one person of a cohort (months 0…horizon; before entry, the start
 * state): exactly the path that person takes in {@link run} with the same seed.
 * @category individuals
 * @since 0.1.0
 * @example
 * ```ts
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(100))
 * Simulation.path(Model.kushiro, cohort, 17, { months: 12, seed: 1 }) // person 17's state in months 0…12, as in the run with seed 1
 * ```
 */
export const path = (model: Model.Model, cohort: Cohort.Cohort, person: number, options: { readonly months: number; readonly seed: number }): ReadonlyArray<string> => {
  const c = compiledOf(model)
  const i = person - cohort.offset
  if (!(i >= 0 && i < cohort.size)) return []
  const states = Kernel.path(c.kernel, cohort.stage[i]!, cohort.profile[i]!, cohort.entry[i]!, person, options.months, options.seed)
  return Array.from(states, (s) => c.states[s]!.id)
}

// ---------------------------------------------------------------------------------------------
// Metric events
// ---------------------------------------------------------------------------------------------

/**
 * Where simulated people are counted: the calendar month of month 0 (`start`), the site and the
 * target groups of each covariate profile, and the person reference (default `sim-<index>`).
 * @category metrics
 * @since 0.1.0
 * @example
 * ```ts
 * const context: Simulation.MetricContext = {
 *   start: Period.unsafeMonth("2013-04"),
 *   site: "kushiro-desk",
 *   targetGroups: (profile) => [profile["group"] ?? "unknown"]
 * }
 * ```
 */
export interface MetricContext {
  readonly start: Period.YearMonth
  readonly site: string | ((profile: Model.Profile) => string)
  readonly targetGroups: ReadonlyArray<string> | ((profile: Model.Profile) => ReadonlyArray<string>)
  readonly personRef?: (person: number) => string
}

interface SimEvent {
  readonly kind: Metric.MetricEventKind
  readonly person: number
  /** Entry: the month's first day; a move: the last day of the month it was made in. */
  readonly month: number
  readonly atEnd: boolean
  readonly profile: number
}

/** The date of an event: the first day of month m (entries) or its last day (moves). */
const eventDate = (start: Period.YearMonth, m: number, atEnd: boolean): Period.LocalDate => {
  const first = Period.firstDayOf(Period.addMonthsToMonth(start, atEnd ? m + 1 : m))
  return atEnd ? Period.addDays(first, -1) : first
}

/** The countable events of a recorded run, persons in order, in the Case module's counting terms. */
const simEvents = (r: SimResult, cohort: Cohort.Cohort): Result.Result<ReadonlyArray<SimEvent>, SimError> => {
  const log = logOf(r)
  if (log === undefined) return Result.fail(simError("not_recorded", ["record"], "Metric events need the move log: run with { record: true }", "集計には移行記録が必要です（record: true で実行してください）"))
  const c = compiledOf(r.model)
  const out: Array<SimEvent> = []
  let k = 0
  for (let i = 0; i < cohort.size; i++) {
    const g = cohort.offset + i
    const q = cohort.profile[i]!, e = cohort.entry[i]!
    while (k < log.length && log.person[k]! < g) k++
    if (e > r.months) continue
    out.push({ kind: "intake", person: g, month: e, atEnd: false, profile: q }, { kind: "employment_support_started", person: g, month: e, atEnd: false, profile: q })
    for (; k < log.length && log.person[k] === g; k++) {
      const t = c.transitions[log.transition[k]!]!
      const month = log.month[k]!
      if (t.referral === "hello_work") out.push({ kind: "consultation", person: g, month, atEnd: true, profile: q })
      if (t.placement) out.push({ kind: "placement", person: g, month, atEnd: true, profile: q })
      if (t.kind === "exit" && c.states.find((s) => s.id === t.to)?.recordedAs === "welfare_exit") out.push({ kind: "welfare_exit", person: g, month, atEnd: true, profile: q })
    }
  }
  return Result.succeed(out)
}

/**
 * The Metric events (`Metric.MetricEvent`) of a recorded run, mapped as the Case module counts a
 * case: entry → `intake` and `employment_support_started`; a referral to Hello Work →
 * `consultation`; a placement → `placement`; an exit recorded as a welfare exit → `welfare_exit`.
 * An entry is dated on the first day of its month, a move on the last day of the month it was
 * made in (`context.start` is month 0), so a 12-month run counts inside one fiscal year. Fold them with
 * `Metric.foldMap` and read any metric (`placement_rate`, `welfare_exits` …) with `Metric.evaluate`.
 * @category metrics
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(100))
 * const r = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 12, seed: 1, record: true }))
 * const events = Simulation.metricEvents(r, cohort, { start: Period.unsafeMonth("2013-04"), site: "kushiro-desk", targetGroups: ["welfare_recipient"] })
 * ```
 */
export const metricEvents = (r: SimResult, cohort: Cohort.Cohort, context: MetricContext): Result.Result<ReadonlyArray<Metric.MetricEvent>, SimError> => {
  const events = simEvents(r, cohort)
  if (Result.isFailure(events)) return Result.fail(events.failure)
  const c = compiledOf(r.model)
  const site = (q: number): string => (typeof context.site === "string" ? context.site : context.site(c.profiles[q]!))
  const groups = (q: number): ReadonlyArray<string> => (typeof context.targetGroups === "function" ? context.targetGroups(c.profiles[q]!) : context.targetGroups)
  const ref = context.personRef ?? ((g: number) => `sim-${g}`)
  const dates = new Map<number, Period.LocalDate>()
  const dateOf = (m: number, atEnd: boolean): Period.LocalDate => {
    const key = m * 2 + (atEnd ? 1 : 0)
    let d = dates.get(key)
    if (d === undefined) dates.set(key, (d = eventDate(context.start, m, atEnd)))
    return d
  }
  const decoded = Metric.decodeEvents(events.success.map((e) => ({ kind: e.kind, personRef: ref(e.person), date: dateOf(e.month, e.atEnd), site: site(e.profile), targetGroups: groups(e.profile) })))
  return Result.isFailure(decoded)
    ? Result.fail(simError("invalid_options", ["context", ...decoded.failure.path.slice(1)], decoded.failure.message, decoded.failure.messageJa))
    : Result.succeed(decoded.success)
}

/**
 * The Metric tally (`Metric.Tally`) of a recorded run: {@link metricEvents} folded. Exact distinct
 * counts (実人数) included.
 * @category metrics
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(100))
 * const r = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 12, seed: 1, record: true }))
 * const tally = Result.getOrThrow(Simulation.tally(r, cohort, { start: Period.unsafeMonth("2013-04"), site: "kushiro-desk", targetGroups: [] }))
 * Metric.evaluate(tally, { metric: "placements", filter: { window: { from: Period.unsafeDate("2013-04-01"), until: Period.unsafeDate("2014-04-01") } } })
 * ```
 */
export const tally = (r: SimResult, cohort: Cohort.Cohort, context: MetricContext): Result.Result<Metric.Tally, SimError> =>
  Result.map(metricEvents(r, cohort, context), Metric.foldMap)

/**
 * The same events as Metric columns (`Metric.MetricColumns`), for millions of persons: fold them
 * with `Metric.compileColumns` / `foldColumns` / `columnResults` (person ids are global indexes).
 * @category metrics
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(100_000))
 * const r = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 12, seed: 1, record: true }))
 * const columns = Simulation.metricColumns(r, cohort, { start: Period.unsafeMonth("2013-04"), site: "kushiro-desk", targetGroups: [] })
 * ```
 */
export const metricColumns = (r: SimResult, cohort: Cohort.Cohort, context: Omit<MetricContext, "personRef">): Result.Result<Metric.MetricColumns, SimError> => {
  const events = simEvents(r, cohort)
  if (Result.isFailure(events)) return Result.fail(events.failure)
  const c = compiledOf(r.model)
  const siteNames: Array<string> = [], siteIndex = new Map<string, number>()
  const groupNames: Array<string> = [], groupIndex = new Map<string, number>()
  const profileSite = new Uint16Array(c.profiles.length), profileGroups = new Uint32Array(c.profiles.length)
  for (let q = 0; q < c.profiles.length; q++) {
    const s = typeof context.site === "string" ? context.site : context.site(c.profiles[q]!)
    if (!siteIndex.has(s)) (siteIndex.set(s, siteNames.length), siteNames.push(s))
    profileSite[q] = siteIndex.get(s)!
    let mask = 0
    for (const g of typeof context.targetGroups === "function" ? context.targetGroups(c.profiles[q]!) : context.targetGroups) {
      if (!groupIndex.has(g)) (groupIndex.set(g, groupNames.length), groupNames.push(g))
      const bit = groupIndex.get(g)!
      if (bit >= 32) return Result.fail(simError("capacity", ["context", "targetGroups"], "more than 32 target groups", "対象者区分が32を超えています"))
      mask |= 1 << bit
    }
    profileGroups[q] = mask >>> 0
  }
  const n = events.success.length
  const kind = new Uint8Array(n), day = new Int32Array(n), site = new Uint16Array(n), groups = new Uint32Array(n), person = new Uint32Array(n), employer = new Int32Array(n).fill(-1)
  const days = new Map<number, number>()
  const kinds = new Map(Metric.eventKinds.map((k, i) => [k, i]))
  let maxPerson = 0
  events.success.forEach((e, i) => {
    kind[i] = kinds.get(e.kind)!
    const key = e.month * 2 + (e.atEnd ? 1 : 0)
    let d = days.get(key)
    if (d === undefined) days.set(key, (d = Period.toDayNumber(eventDate(context.start, e.month, e.atEnd))))
    day[i] = d
    site[i] = profileSite[e.profile]!
    groups[i] = profileGroups[e.profile]!
    person[i] = e.person
    maxPerson = Math.max(maxPerson, e.person + 1)
  })
  return Result.succeed({ length: n, kind, day, site, groups, person, employer, sites: siteNames, targetGroups: groupNames, personCount: Math.max(maxPerson, cohort.offset + cohort.size), employerCount: 0 })
}
