/**
 * Cohorts (コホート): the people a simulation follows, in columns — start state, covariate profile
 * and entry month per person, as typed arrays (no object per person).
 *
 * A {@link CohortSpec} lists groups of people: `{ stage, covariates, count, entry }`, where `entry`
 * is one month or a range of months over which the group's intake is spread evenly (a fiscal year's
 * intake: `{ from: 0, until: 12 }`). The composition is exact — nothing is sampled — so a cohort
 * of 2,334 people is exactly those 2,334. Persons are numbered in spec order; person `i` draws from
 * random stream `i` ({@link Random}).
 *
 * @since 0.1.0
 * @module
 */
import { Result, Schema } from "effect"
import { decodeStrict, formatPath } from "./internal/decode.ts"
import type * as Kernel from "./internal/kernel.ts"
import * as Model from "./Model.ts"

const NonNegativeInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))
const PositiveInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))

/**
 * Entry months: one month, or `[from, until)` with the intake spread evenly. @category spec @since 0.1.0
 * @example
 * ```ts
 * const fiscalYear: Cohort.Entry = { from: 0, until: 12 } // intake spread evenly over 12 months
 * const atStart: Cohort.Entry = 0
 * ```
 */
export const Entry = Schema.Union([NonNegativeInt, Schema.Struct({ from: NonNegativeInt, until: PositiveInt })])
/** @category spec */
export type Entry = typeof Entry.Type

/**
 * A group of people starting in one state with one covariate profile (`covariates` must name a
 * level for every covariate of the model).
 * @category spec
 * @since 0.1.0
 * @example
 * ```ts
 * const group: Cohort.CohortGroup = { stage: "social_life", covariates: { group: "welfare_recipient" }, count: 120, entry: { from: 0, until: 12 } }
 * ```
 */
export const CohortGroup = Schema.Struct({
  stage: Schema.String,
  covariates: Schema.optionalKey(Schema.Record(Schema.String, Schema.String)),
  count: NonNegativeInt,
  entry: Schema.optionalKey(Entry)
})
/** @category spec */
export type CohortGroup = typeof CohortGroup.Type

/**
 * A cohort as data (JSON files for the CLI). @category spec @since 0.1.0
 * @example
 * ```ts
 * const spec: Cohort.CohortSpec = {
 *   groups: [
 *     { stage: "daily_living", covariates: { group: "welfare_recipient" }, count: 40 },
 *     { stage: "employment", covariates: { group: "needy_person" }, count: 10, entry: 6 }
 *   ]
 * }
 * ```
 */
export const CohortSpec = Schema.Struct({ groups: Schema.Array(CohortGroup) })
/** @category spec */
export type CohortSpec = typeof CohortSpec.Type

/**
 * A cohort in columns, bound to the model it was built for. @category cohort @since 0.1.0
 * @example
 * ```ts
 * const cohort: Cohort.Cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(2334))
 * cohort.size // 2334
 * ```
 */
export interface Cohort extends Kernel.CohortColumns {
  readonly _tag: "Cohort"
  readonly model: Model.Model
}

/**
 * A problem with a cohort, naming the field (`groups[2].covariates.group`). @category errors @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const r = Cohort.make(Model.kushiro, { groups: [{ stage: "social_life", covariates: { group: "student" }, count: 5 }] })
 * if (Result.isFailure(r)) {
 *   const e: Cohort.CohortError = r.failure
 *   console.log(e.path) // ["groups", 0, "covariates", "group"]
 * }
 * ```
 */
export const CohortError = Schema.TaggedStruct("CohortError", {
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  message: Schema.String,
  messageJa: Schema.String
})
/** @category errors */
export type CohortError = typeof CohortError.Type

type Path = ReadonlyArray<string | number>

const cohortError = (path: Path, message: string, messageJa: string): CohortError => ({
  _tag: "CohortError",
  path,
  message: `${formatPath(path)}: ${message}`,
  messageJa: `${formatPath(path)}: ${messageJa}`
})

const MAX_PERSONS = 0xffffffff
const MAX_ENTRY = 0xffff

const decodeSpec = decodeStrict(CohortSpec)

const entryRange = (entry: Entry | undefined): readonly [number, number] =>
  entry === undefined ? [0, 1] : typeof entry === "number" ? [entry, entry + 1] : [entry.from, entry.until]

/**
 * Builds a cohort from a spec (decoded strictly: unknown keys are errors). Start states must be
 * states of the model other than exits; covariates must name a level of every covariate.
 * @category constructors
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const r = Cohort.make(Model.kushiro, { groups: [{ stage: "social_life", covariates: { group: "welfare_recipient" }, count: 100, entry: { from: 0, until: 12 } }] })
 * Result.isSuccess(r) // true: exactly 100 people, entering over the year
 * ```
 */
export const make = (model: Model.Model, input: unknown): Result.Result<Cohort, CohortError> => {
  const decoded = decodeSpec(input)
  if (Result.isFailure(decoded)) {
    const first = decoded.failure[0]!
    return Result.fail(cohortError(first.path, decoded.failure.map((i) => `${formatPath(i.path)}: ${i.message}`).join("; "), "コホートの形式が不正です"))
  }
  const spec = decoded.success
  const states = Model.states(model)
  const byId = new Map(states.map((s) => [s.id, s]))
  const covariates = model.covariates ?? []
  const profileOf: Array<number> = []
  let size = 0
  for (let i = 0; i < spec.groups.length; i++) {
    const g = spec.groups[i]!
    const state = byId.get(g.stage)
    if (state === undefined) return Result.fail(cohortError(["groups", i, "stage"], `"${g.stage}" is not a state of model "${model.id}"`, `「${g.stage}」はモデルの状態ではありません`))
    if (state.kind === "exit") return Result.fail(cohortError(["groups", i, "stage"], `"${g.stage}" is an exit; a cohort starts in a stage`, `「${g.stage}」は退出状態です`))
    const given = g.covariates ?? {}
    for (const name of Object.keys(given)) {
      if (!covariates.some((c) => c.name === name)) return Result.fail(cohortError(["groups", i, "covariates", name], `"${name}" is not a covariate of the model`, `「${name}」はモデルの共変量ではありません`))
    }
    for (const c of covariates) {
      const level = given[c.name]
      if (level === undefined) return Result.fail(cohortError(["groups", i, "covariates", c.name], `missing a level of "${c.name}" (${c.levels.map((l) => l.id).join(", ")})`, `共変量「${c.name}」の水準がありません`))
      if (!c.levels.some((l) => l.id === level)) return Result.fail(cohortError(["groups", i, "covariates", c.name], `"${level}" is not a level of "${c.name}"`, `「${level}」は共変量「${c.name}」の水準ではありません`))
    }
    const [from, until] = entryRange(g.entry)
    if (until <= from) return Result.fail(cohortError(["groups", i, "entry"], `entry months [${from}, ${until}) are empty`, `受付月の範囲が空です`))
    if (until - 1 > MAX_ENTRY) return Result.fail(cohortError(["groups", i, "entry"], `entry month ${until - 1} is beyond ${MAX_ENTRY}`, `受付月が上限を超えています`))
    profileOf.push(Model.profileIndex(model, given)!)
    size += g.count
    if (size > MAX_PERSONS) return Result.fail(cohortError(["groups", i, "count"], `more than ${MAX_PERSONS} persons`, `人数が上限を超えています`))
  }
  const stage = new Uint8Array(size), profile = new Uint16Array(size), entry = new Uint16Array(size)
  let at = 0
  spec.groups.forEach((g, i) => {
    const s = byId.get(g.stage)!.index
    const [from, until] = entryRange(g.entry)
    const span = until - from
    stage.fill(s, at, at + g.count)
    profile.fill(profileOf[i]!, at, at + g.count)
    for (let j = 0; j < g.count; j++) entry[at + j] = from + Math.floor((j * span) / g.count)
    at += g.count
  })
  return Result.succeed({ _tag: "Cohort", model, size, offset: 0, stage, profile, entry })
}

/**
 * Like {@link make}, throwing the error's message: for cohorts written in code. @category constructors @since 0.1.0
 * @example
 * ```ts
 * const cohort = Cohort.unsafeMake(Model.kushiro, { groups: [{ stage: "employment", covariates: { group: "needy_person" }, count: 50 }] })
 * ```
 */
export const unsafeMake = (model: Model.Model, input: unknown): Cohort => {
  const r = make(model, input)
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}

/**
 * A cohort from columns you already hold: state ids (or state indexes) per person, optional
 * profile indexes ({@link Model.profiles} order) and entry months. Checked: lengths, codes, exits.
 * @category constructors
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const r = Cohort.fromColumns(Model.kushiro, { stage: ["social_life", "employment", "daily_living"], profile: [0, 1, 0], entry: [0, 0, 3] })
 * Result.isSuccess(r) // true: three people
 * ```
 */
export const fromColumns = (
  model: Model.Model,
  columns: { readonly stage: ArrayLike<number | string>; readonly profile?: ArrayLike<number>; readonly entry?: ArrayLike<number> }
): Result.Result<Cohort, CohortError> => {
  const states = Model.states(model)
  const index = new Map(states.map((s) => [s.id, s.index]))
  const size = columns.stage.length
  const profiles = Model.profiles(model).length
  const stage = new Uint8Array(size), profile = new Uint16Array(size), entry = new Uint16Array(size)
  for (const [name, column] of [["profile", columns.profile], ["entry", columns.entry]] as const) {
    if (column !== undefined && column.length !== size) return Result.fail(cohortError([name], `has ${column.length} rows, stage has ${size}`, `列の長さが一致しません`))
  }
  for (let i = 0; i < size; i++) {
    const raw = columns.stage[i]!
    const s = typeof raw === "string" ? index.get(raw) : raw
    if (s === undefined || !Number.isInteger(s) || s < 0 || s >= states.length) return Result.fail(cohortError(["stage", i], `${JSON.stringify(raw)} is not a state of model "${model.id}"`, `状態が不正です`))
    if (states[s]!.kind === "exit") return Result.fail(cohortError(["stage", i], `"${states[s]!.id}" is an exit`, `退出状態からは始められません`))
    stage[i] = s
    const q = columns.profile?.[i] ?? 0
    if (!Number.isInteger(q) || q < 0 || q >= profiles) return Result.fail(cohortError(["profile", i], `profile ${q} outside 0 … ${profiles - 1}`, `共変量の組合せ番号が不正です`))
    profile[i] = q
    const e = columns.entry?.[i] ?? 0
    if (!Number.isInteger(e) || e < 0 || e > MAX_ENTRY) return Result.fail(cohortError(["entry", i], `entry month ${e} outside 0 … ${MAX_ENTRY}`, `受付月が不正です`))
    entry[i] = e
  }
  return Result.succeed({ _tag: "Cohort", model, size, offset: 0, stage, profile, entry })
}

/**
 * Persons `[start, end)` of a cohort, keeping their global numbers (and so their random streams):
 * simulating the slices and combining the results equals simulating the whole.
 * @category cohort
 * @since 0.1.0
 * @example
 * ```ts
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(1000))
 * const secondHalf = Cohort.slice(cohort, 500, 1000) // persons 500…999, drawing from their own streams
 * ```
 */
export const slice = (cohort: Cohort, start: number, end: number): Cohort => {
  const from = Math.max(0, Math.min(start, cohort.size))
  const to = Math.max(from, Math.min(end, cohort.size))
  return {
    ...cohort,
    size: to - from,
    offset: cohort.offset + from,
    stage: cohort.stage.subarray(from, to),
    profile: cohort.profile.subarray(from, to),
    entry: cohort.entry.subarray(from, to)
  }
}

/**
 * One cell of a cohort's composition: how many persons share a start state, profile and entry month. @category cohort @since 0.1.0
 * @example
 * ```ts
 * const cells: ReadonlyArray<Cohort.Cell> = Cohort.composition(Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(100)))
 * cells.reduce((n, c) => n + c.count, 0) // 100
 * ```
 */
export interface Cell {
  readonly stage: number
  readonly profile: number
  readonly entry: number
  readonly count: number
}

/**
 * The composition of a cohort (cells in first-appearance order). @category cohort @since 0.1.0
 * @example
 * ```ts
 * const cohort = Cohort.unsafeMake(Model.kushiro, { groups: [{ stage: "social_life", covariates: { group: "welfare_recipient" }, count: 3 }] })
 * Cohort.composition(cohort) // [{ stage: 1, profile: 0, entry: 0, count: 3 }]
 * ```
 */
export const composition = (cohort: Cohort): ReadonlyArray<Cell> => {
  const cells = new Map<number, { stage: number; profile: number; entry: number; count: number }>()
  for (let i = 0; i < cohort.size; i++) {
    const key = (cohort.entry[i]! * 65536 + cohort.profile[i]!) * 256 + cohort.stage[i]!
    const cell = cells.get(key)
    if (cell === undefined) cells.set(key, { stage: cohort.stage[i]!, profile: cohort.profile[i]!, entry: cohort.entry[i]!, count: 1 })
    else cell.count++
  }
  return [...cells.values()]
}

/**
 * A Kushiro caseload for {@link Model.kushiro}: `size` persons, 20 % starting in daily-living
 * support, 40 % in social life, 25 % in unpaid intermediate work, 15 % in job search; 80 % welfare
 * recipients (an illustrative mix, not data). Optionally the intake spread over `entry` months.
 * @category examples
 * @since 0.1.0
 * @example
 * ```ts
 * const spec = Cohort.kushiroSpec(2334, { from: 0, until: 12 }) // a fiscal year's intake
 * spec.groups.reduce((n, g) => n + g.count, 0) // 2334
 * ```
 */
export const kushiroSpec = (size: number, entry?: Entry): CohortSpec => {
  const shares: ReadonlyArray<readonly [string, number]> = [["daily_living", 0.2], ["social_life", 0.4], ["intermediate_work_unpaid", 0.25], ["employment", 0.15]]
  const groups: ReadonlyArray<readonly [string, number]> = [["welfare_recipient", 0.8], ["needy_person", 0.2]]
  const cells = shares.flatMap(([stage, a]) => groups.map(([group, b]) => ({ stage, group, share: a * b })))
  const counts = largestRemainder(cells.map((c) => c.share), size)
  return {
    groups: cells.map((c, i) => ({ stage: c.stage, covariates: { group: c.group }, count: counts[i]!, ...(entry === undefined ? {} : { entry }) }))
  }
}

/**
 * Apportions `total` by `shares` (largest remainder): integer counts summing to `total`. @category examples @since 0.1.0
 * @example
 * ```ts
 * Cohort.largestRemainder([0.5, 0.3, 0.2], 7) // [4, 2, 1]: integers summing to 7
 * ```
 */
export const largestRemainder = (shares: ReadonlyArray<number>, total: number): ReadonlyArray<number> => {
  const sum = shares.reduce((a, b) => a + b, 0)
  if (!(sum > 0) || total <= 0) return shares.map(() => 0)
  const exact = shares.map((s) => (s / sum) * total)
  const counts = exact.map(Math.floor)
  let left = total - counts.reduce((a, b) => a + b, 0)
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k]![1]]!++
  return counts
}
