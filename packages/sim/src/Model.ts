/**
 * The simulation model (遷移モデル): a discrete-time, monthly multi-state model over a stage graph.
 *
 * **States** are the graph's nodes (支援段階), optional *substates* of a node (e.g. `employed`
 * 就職中 inside the work-autonomy stage, where the rest of the stage is job search) and *exits*
 * (absorbing: 保護脱却, 支援終結). Every month each person either stays or makes one move, with
 * the probabilities of one **row**: `{ from, p: { <state>: probability, … } }`, where `p` lists
 * every outcome *including staying* (`from` itself) and sums to 1 within {@link ROW_SUM_TOLERANCE}.
 * A move between two nodes must be an edge of the graph; a move between states of one node is a
 * placement (就職) or a separation (離職); any non-exit state may move to an exit.
 *
 * **Time-varying** rows carry `months: { from, until? }` (piecewise constant by month, on the
 * calendar clock — months since the simulation start — or on the since-entry clock,
 * {@link Model.timeScale}); **covariate-dependent** rows carry `when: { <covariate>: <level> }`.
 * For each state, covariate profile and month the most specific matching row applies (more `when`
 * keys first, then a `months` range); two equally specific rows for the same case are an error,
 * as is a case no row covers.
 *
 * Placements (就職) are entries into *placement states*: the substates marked `placement: true`,
 * or, when the model marks none, the graph's goal nodes. Separations (離職) leave a placement state
 * for a non-exit state. Referral routes (つなぎ) name the moves made through a referral (e.g. to
 * Hello Work) so simulated referrals can be counted.
 *
 * {@link make} decodes and checks a model (unknown keys, rows, edges, covariates, coverage) and
 * fails with every problem, each naming its row and column (`rows[3].p.employment`).
 *
 * @since 0.1.0
 * @module
 */
import { Case, Stage } from "@jiritsu/core"
import { Result, Schema } from "effect"
import { decodeStrict, formatPath } from "./internal/decode.ts"
import type * as KernelTypes from "./internal/kernel.ts"

// ---------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------

const Code = Stage.Code
const NonNegativeInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0))
const PositiveInt = Schema.Int.check(Schema.isGreaterThanOrEqualTo(1))

/**
 * How a case log records an exit: `welfare_exit` (保護脱却: `WelfareExitRecorded`) or
 * `case_closed` (終結: `CaseClosed`).
 * @category states
 * @since 0.1.0
 * @example
 * ```ts
 * const recorded: Model.RecordedAs = "welfare_exit" // logged as WelfareExitRecorded
 * ```
 */
export const RecordedAs = Schema.Literals(["welfare_exit", "case_closed"])
/** @category states */
export type RecordedAs = typeof RecordedAs.Type

/**
 * An exit (退出): an absorbing state outside the graph, e.g. `welfare_exit` (保護脱却) or
 * `support_ended` (支援終結).
 * @category states
 * @since 0.1.0
 * @example
 * ```ts
 * const exit: Model.ExitState = { id: "welfare_exit", label: "Left public assistance", labelJa: "保護脱却", recordedAs: "welfare_exit" }
 * ```
 */
export const ExitState = Schema.Struct({ id: Code, label: Schema.String, labelJa: Schema.String, recordedAs: RecordedAs })
/** @category states */
export type ExitState = typeof ExitState.Type

/**
 * A substate (細分状態) of a graph node, e.g. `employed` (就職中) inside `employment` (就労自立):
 * moves between states of one node are not graph moves; entering a `placement` substate is a
 * placement (就職).
 * @category states
 * @since 0.1.0
 * @example
 * ```ts
 * const employed: Model.Substate = { id: "employed", node: "employment", label: "In work", labelJa: "就職（就労中）", placement: true }
 * ```
 */
export const Substate = Schema.Struct({
  id: Code,
  node: Code,
  label: Schema.String,
  labelJa: Schema.String,
  placement: Schema.optionalKey(Schema.Boolean)
})
/** @category states */
export type Substate = typeof Substate.Type

/**
 * A level of a covariate, e.g. `welfare_recipient` (生活保護受給者). @category covariates @since 0.1.0
 * @example
 * ```ts
 * const level: Model.Level = { id: "welfare_recipient", label: "Public-assistance recipient", labelJa: "生活保護受給者" }
 * ```
 */
export const Level = Schema.Struct({ id: Code, label: Schema.String, labelJa: Schema.String })
/** @category covariates */
export type Level = typeof Level.Type

/**
 * A categorical covariate (共変量), e.g. `group` (対象者区分) or `site` (拠点), with its levels.
 * @category covariates
 * @since 0.1.0
 * @example
 * ```ts
 * const group: Model.Covariate = {
 *   name: "group", label: "Target group", labelJa: "対象者区分",
 *   levels: [{ id: "welfare_recipient", label: "Public-assistance recipient", labelJa: "生活保護受給者" }, { id: "needy_person", label: "Other person in need", labelJa: "生活困窮者" }]
 * }
 * ```
 */
export const Covariate = Schema.Struct({ name: Code, label: Schema.String, labelJa: Schema.String, levels: Schema.Array(Level) })
/** @category covariates */
export type Covariate = typeof Covariate.Type

/**
 * Months `[from, until)` a row applies to (`until` absent: to the end). @category rows @since 0.1.0
 * @example
 * ```ts
 * const fromYear2: Model.MonthRange = { from: 12 } // month 12 to the end
 * ```
 */
export const MonthRange = Schema.Struct({ from: NonNegativeInt, until: Schema.optionalKey(PositiveInt) })
/** @category rows */
export type MonthRange = typeof MonthRange.Type

/**
 * One row of transition probabilities (遷移確率の行): from a state, for the profiles matching
 * `when` and the months in `months`, the probability of every outcome in one month — staying
 * (`p[from]`) included.
 * @category rows
 * @since 0.1.0
 * @example
 * ```ts
 * const row: Model.Row = { from: "social_life", when: { group: "welfare_recipient" }, months: { from: 12 }, p: { social_life: 0.8, employment: 0.19, support_ended: 0.01 } }
 * ```
 */
export const Row = Schema.Struct({
  from: Schema.String,
  when: Schema.optionalKey(Schema.Record(Schema.String, Schema.String)),
  months: Schema.optionalKey(MonthRange),
  p: Schema.Record(Schema.String, Schema.Finite)
})
/** @category rows */
export type Row = typeof Row.Type

/**
 * A referral route (つなぎの経路): moves `from → to` are made through a referral to `destination`
 * (e.g. Hello Work), counted as referrals in the results.
 * @category referrals
 * @since 0.1.0
 * @example
 * ```ts
 * const route: Model.ReferralRoute = { from: "social_life", to: "employment", destination: "hello_work" } // ハローワークへのつなぎ
 * ```
 */
export const ReferralRoute = Schema.Struct({ from: Schema.String, to: Schema.String, destination: Case.Destination })
/** @category referrals */
export type ReferralRoute = typeof ReferralRoute.Type

/**
 * The clock of time-varying rows: `calendar` (months since the simulation's month 0: a policy
 * change at month 12) or `since-entry` (months since the person entered: support duration).
 * @category rows
 * @since 0.1.0
 * @example
 * ```ts
 * const clock: Model.TimeScale = "since-entry" // months since each person's entry
 * ```
 */
export const TimeScale = Schema.Literals(["calendar", "since-entry"])
/** @category rows */
export type TimeScale = typeof TimeScale.Type

/**
 * A simulation model (遷移モデル).
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * // The Kushiro model without its covariate: one row per state for everyone.
 * const model: Model.Model = Model.unsafeMake({
 *   ...Model.kushiro,
 *   id: "kushiro_one_group",
 *   covariates: [],
 *   rows: Model.kushiro.rows.filter((r) => r.when === undefined)
 * })
 * ```
 */
export const Model = Schema.Struct({
  id: Code,
  label: Schema.String,
  labelJa: Schema.String,
  graph: Stage.StageGraph,
  substates: Schema.optionalKey(Schema.Array(Substate)),
  exits: Schema.optionalKey(Schema.Array(ExitState)),
  covariates: Schema.optionalKey(Schema.Array(Covariate)),
  timeScale: Schema.optionalKey(TimeScale),
  rows: Schema.Array(Row),
  referrals: Schema.optionalKey(Schema.Array(ReferralRoute)),
  note: Schema.optionalKey(Schema.String)
})
/** @category model */
export type Model = typeof Model.Type

/**
 * How far a row's probabilities may sum from 1 (1e-6, so probabilities rounded to six decimals
 * pass). Rows within it are rescaled to sum exactly to 1; nothing is silently given to "stay".
 * @category rows
 * @since 0.1.0
 * @example
 * ```ts
 * const row = Model.kushiro.rows[0]!
 * Math.abs(Object.values(row.p).reduce((a, b) => a + b, 0) - 1) <= Model.ROW_SUM_TOLERANCE // true
 * ```
 */
export const ROW_SUM_TOLERANCE = 1e-6

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/**
 * Kinds of model problem: `invalid` (does not decode: wrong type, unknown key), `invalid_graph`,
 * `duplicate_state`, `unknown_stage`, `absorbing_row` (a row from an exit), `edge_not_in_graph`,
 * `probability_range` (below 0 or above 1), `row_sum`, `unknown_covariate`, `unknown_level`,
 * `duplicate_covariate`, `empty_months`, `missing_row`, `ambiguous_rows`, `capacity`.
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * const code: Model.IssueCode = "invalid"
 * ```
 */
export const IssueCode = Schema.Literals([
  "invalid",
  "invalid_graph",
  "duplicate_state",
  "unknown_stage",
  "absorbing_row",
  "edge_not_in_graph",
  "probability_range",
  "row_sum",
  "unknown_covariate",
  "unknown_level",
  "duplicate_covariate",
  "empty_months",
  "missing_row",
  "ambiguous_rows",
  "capacity"
])
/** @category errors */
export type IssueCode = typeof IssueCode.Type

/**
 * One problem, naming the field (`path`), and for rows the row index (`row`) and the column
 * inside it (`column`, e.g. `p.employment`).
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const r = Model.make({ ...Model.kushiro, rows: [{ from: "daily_living", p: { daily_living: 0.5 } }] })
 * if (Result.isFailure(r)) r.failure.issues.map((i: Model.ModelIssue) => `${i.code} at ${i.path.join(".")}: ${i.message}`)
 * ```
 */
export const ModelIssue = Schema.Struct({
  code: IssueCode,
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  row: Schema.optionalKey(Schema.Int),
  column: Schema.optionalKey(Schema.String),
  message: Schema.String,
  messageJa: Schema.String
})
/** @category errors */
export type ModelIssue = typeof ModelIssue.Type

/**
 * A model that cannot be used, with every problem found. @category errors @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const r = Model.make({ id: "x" })
 * if (Result.isFailure(r)) {
 *   const e: Model.ModelError = r.failure
 *   console.log(e.issues.length, e.message)
 * }
 * ```
 */
export const ModelError = Schema.TaggedStruct("ModelError", { message: Schema.String, issues: Schema.Array(ModelIssue) })
/** @category errors */
export type ModelError = typeof ModelError.Type

type Path = ReadonlyArray<string | number>

const issue = (code: IssueCode, path: Path, message: string, messageJa: string): ModelIssue => {
  const base = { code, path, message: `${formatPath(path)}: ${message}`, messageJa: `${formatPath(path)}: ${messageJa}` }
  if (path[0] === "rows" && typeof path[1] === "number") {
    const column = path.slice(2).join(".")
    return { ...base, row: path[1], ...(column === "" ? {} : { column }) }
  }
  return base
}

/**
 * Builds a ModelError from issues. @category errors @since 0.1.0
 * @example
 * ```ts
 * const e = Model.modelError([{ code: "invalid", path: ["rows", 0, "p"], message: "rows[0].p sums to 0.5", messageJa: "確率の合計が1ではありません" }])
 * e.message // "rows[0].p sums to 0.5"
 * ```
 */
export const modelError = (issues: ReadonlyArray<ModelIssue>): ModelError => ({
  _tag: "ModelError",
  message: issues.length === 1 ? issues[0]!.message : `${issues.length} problems: ${issues.map((i) => i.message).join("; ")}`,
  issues
})

// ---------------------------------------------------------------------------------------------
// States and transitions
// ---------------------------------------------------------------------------------------------

/**
 * A state of a model: `node` (a graph stage), `substate` (part of a node) or `exit`; `node` and
 * `stage` (the autonomy stage) are absent for exits.
 * @category states
 * @since 0.1.0
 * @example
 * ```ts
 * const placed: ReadonlyArray<Model.StateInfo> = Model.states(Model.kushiro).filter((s) => s.placement) // [employed]
 * ```
 */
export interface StateInfo {
  readonly index: number
  readonly id: string
  readonly label: string
  readonly labelJa: string
  readonly kind: "node" | "substate" | "exit"
  readonly node?: string
  readonly stage?: string
  readonly placement: boolean
  readonly recordedAs?: RecordedAs
}

/**
 * A move a model can make (a positive probability in a row that applies): the graph edge kind for moves between nodes, `within` for moves
 * between states of one node, `exit` for exits; whether it is a placement (就職) or a separation
 * (離職); the referral destination when it is a referral route.
 * @category states
 * @since 0.1.0
 * @example
 * ```ts
 * const referrals: ReadonlyArray<Model.TransitionInfo> = Model.transitions(Model.kushiro).filter((t) => t.referral !== undefined)
 * ```
 */
export interface TransitionInfo {
  readonly index: number
  readonly from: string
  readonly to: string
  readonly kind: Stage.EdgeKind | "within" | "exit"
  readonly placement: boolean
  readonly separation: boolean
  readonly referral?: Case.Destination
}

/**
 * The states of a model, in the order results use: graph nodes, substates, exits. @category states @since 0.1.0
 * @example
 * ```ts
 * Model.states(Model.kushiro).map((s) => s.id) // [daily_living, social_life, intermediate_work_unpaid, intermediate_work_paid, employment, employed, welfare_exit, support_ended]
 * ```
 */
export const states = (model: Model): ReadonlyArray<StateInfo> => {
  const substates = model.substates ?? []
  const anyPlacement = substates.some((s) => s.placement === true)
  const goals = new Set(model.graph.goals)
  const out: Array<StateInfo> = []
  for (const n of model.graph.nodes) {
    out.push({ index: out.length, id: n.id, label: n.label, labelJa: n.labelJa, kind: "node", node: n.id, stage: n.stage, placement: !anyPlacement && goals.has(n.id) })
  }
  for (const s of substates) {
    const n = Stage.node(model.graph, s.node)
    out.push({ index: out.length, id: s.id, label: s.label, labelJa: s.labelJa, kind: "substate", node: s.node, stage: n?.stage ?? s.node, placement: s.placement === true })
  }
  for (const x of model.exits ?? []) out.push({ index: out.length, id: x.id, label: x.label, labelJa: x.labelJa, kind: "exit", placement: false, recordedAs: x.recordedAs })
  return out
}

/**
 * Classifies a move between two states, or `undefined` when the model cannot make it (no edge
 * between the nodes, a move out of an exit, a move to the same state).
 * @category states
 * @since 0.1.0
 * @example
 * ```ts
 * const [, social, , , employment] = Model.states(Model.kushiro)
 * Model.classify(Model.kushiro, social!, employment!)?.kind // "skip": the graph's edge social_life → employment
 * ```
 */
export const classify = (model: Model, from: StateInfo, to: StateInfo): Omit<TransitionInfo, "index" | "referral"> | undefined => {
  if (from.kind === "exit" || from.id === to.id) return undefined
  const base = { from: from.id, to: to.id }
  if (to.kind === "exit") return { ...base, kind: "exit", placement: false, separation: false }
  const placement = to.placement && !from.placement
  const separation = from.placement && !to.placement
  if (from.node === to.node) return { ...base, kind: "within", placement, separation }
  const e = Stage.edge(model.graph, from.node!, to.node!)
  return e === undefined ? undefined : { ...base, kind: e.kind, placement, separation }
}

// ---------------------------------------------------------------------------------------------
// Profiles and pieces
// ---------------------------------------------------------------------------------------------

/**
 * A covariate profile: one level per covariate. @category covariates @since 0.1.0
 * @example
 * ```ts
 * const profile: Model.Profile = { group: "needy_person" }
 * ```
 */
export type Profile = Readonly<Record<string, string>>

/**
 * Every covariate profile of a model, in index order (mixed radix, first covariate most
 * significant); one empty profile when the model has no covariates.
 * @category covariates
 * @since 0.1.0
 * @example
 * ```ts
 * Model.profiles(Model.kushiro) // [{ group: "welfare_recipient" }, { group: "needy_person" }]
 * ```
 */
export const profiles = (model: Model): ReadonlyArray<Profile> => {
  let out: Array<Record<string, string>> = [{}]
  for (const c of model.covariates ?? []) out = out.flatMap((p) => c.levels.map((l) => ({ ...p, [c.name]: l.id })))
  return out
}

/**
 * The index of a profile, or `undefined` when a covariate is missing or a level unknown. @category covariates @since 0.1.0
 * @example
 * ```ts
 * Model.profileIndex(Model.kushiro, { group: "needy_person" }) // 1
 * Model.profileIndex(Model.kushiro, { group: "student" }) // undefined: unknown level
 * ```
 */
export const profileIndex = (model: Model, profile: Profile): number | undefined => {
  let index = 0
  for (const c of model.covariates ?? []) {
    const level = c.levels.findIndex((l) => l.id === profile[c.name])
    if (level < 0) return undefined
    index = index * c.levels.length + level
  }
  return index
}

/**
 * A piece of the month line on which every row is constant: `[from, until)` (`until` absent: open). @category rows @since 0.1.0
 * @example
 * ```ts
 * const piece: Model.Piece = { from: 0, until: 12 } // months 0…11
 * ```
 */
export interface Piece {
  readonly from: number
  readonly until?: number
}

/**
 * The pieces of a model's month line (one when no row has `months`). @category rows @since 0.1.0
 * @example
 * ```ts
 * Model.pieces(Model.kushiro) // [{ from: 0 }]: no row has months
 * ```
 */
export const pieces = (model: Model): ReadonlyArray<Piece> => {
  const breaks = new Set<number>()
  for (const r of model.rows) {
    if (r.months === undefined) continue
    if (r.months.from > 0) breaks.add(r.months.from)
    if (r.months.until !== undefined) breaks.add(r.months.until)
  }
  const sorted = [...breaks].sort((a, b) => a - b)
  return [...sorted.map((until, i) => ({ from: i === 0 ? 0 : sorted[i - 1]!, until })), { from: sorted.length === 0 ? 0 : sorted[sorted.length - 1]! }]
}

const covers = (row: Row, piece: Piece): boolean => {
  if (row.months === undefined) return true
  if (row.months.from > piece.from) return false
  if (row.months.until === undefined) return true
  return piece.until !== undefined && row.months.until >= piece.until
}

const matches = (row: Row, profile: Profile): boolean => {
  if (row.when === undefined) return true
  for (const [k, v] of Object.entries(row.when)) if (profile[k] !== v) return false
  return true
}

const specificity = (row: Row): number => Object.keys(row.when ?? {}).length * 2 + (row.months === undefined ? 0 : 1)

// ---------------------------------------------------------------------------------------------
// Checking
// ---------------------------------------------------------------------------------------------

const MAX_STATES = 255
const MAX_PROFILES = 65535
const MAX_TRANSITIONS = 65535

const structuralIssues = (model: Model): Array<ModelIssue> => {
  const issues: Array<ModelIssue> = []
  const graph = Stage.make(model.graph)
  if (Result.isFailure(graph)) {
    for (const i of graph.failure.issues) issues.push(issue("invalid_graph", ["graph", ...i.path], i.message, "段階グラフが不正です"))
    for (const f of graph.failure.findings) issues.push(issue("invalid_graph", ["graph", ...f.path], f.message, "段階グラフに誤りがあります"))
    return issues
  }
  const seen = new Set<string>(model.graph.nodes.map((n) => n.id))
  ;(model.substates ?? []).forEach((s, i) => {
    if (seen.has(s.id)) issues.push(issue("duplicate_state", ["substates", i, "id"], `state "${s.id}" is defined twice`, `状態「${s.id}」が重複しています`))
    seen.add(s.id)
    if (Stage.node(model.graph, s.node) === undefined) {
      issues.push(issue("unknown_stage", ["substates", i, "node"], `"${s.node}" is not a stage of graph "${model.graph.id}"`, `「${s.node}」は段階グラフ「${model.graph.id}」の段階ではありません`))
    }
  })
  ;(model.exits ?? []).forEach((x, i) => {
    if (seen.has(x.id)) issues.push(issue("duplicate_state", ["exits", i, "id"], `state "${x.id}" is defined twice`, `状態「${x.id}」が重複しています`))
    seen.add(x.id)
  })
  if (seen.size > MAX_STATES) issues.push(issue("capacity", ["substates"], `at most ${MAX_STATES} states`, `状態は${MAX_STATES}個までです`))
  const names = new Set<string>()
  ;(model.covariates ?? []).forEach((c, i) => {
    if (names.has(c.name)) issues.push(issue("duplicate_covariate", ["covariates", i, "name"], `covariate "${c.name}" is defined twice`, `共変量「${c.name}」が重複しています`))
    names.add(c.name)
    if (c.levels.length === 0) issues.push(issue("unknown_level", ["covariates", i, "levels"], `covariate "${c.name}" has no level`, `共変量「${c.name}」に水準がありません`))
    const levels = new Set<string>()
    c.levels.forEach((l, j) => {
      if (levels.has(l.id)) issues.push(issue("duplicate_covariate", ["covariates", i, "levels", j, "id"], `level "${l.id}" of "${c.name}" is defined twice`, `水準「${l.id}」が重複しています`))
      levels.add(l.id)
    })
  })
  const count = (model.covariates ?? []).reduce((n, c) => n * Math.max(1, c.levels.length), 1)
  if (count > MAX_PROFILES) issues.push(issue("capacity", ["covariates"], `${count} covariate profiles; at most ${MAX_PROFILES}`, `共変量の組合せは${MAX_PROFILES}までです`))
  return issues
}

const rowIssues = (model: Model, byId: ReadonlyMap<string, StateInfo>): Array<ModelIssue> => {
  const issues: Array<ModelIssue> = []
  const covariates = new Map((model.covariates ?? []).map((c) => [c.name, new Set(c.levels.map((l) => l.id))]))
  model.rows.forEach((row, i) => {
    const from = byId.get(row.from)
    if (from === undefined) {
      issues.push(issue("unknown_stage", ["rows", i, "from"], `"${row.from}" is not a state of the model`, `「${row.from}」はモデルの状態ではありません`))
      return
    }
    if (from.kind === "exit") {
      issues.push(issue("absorbing_row", ["rows", i, "from"], `"${row.from}" is an exit; exits are absorbing and take no row`, `「${row.from}」は退出（吸収状態）なので行を持てません`))
      return
    }
    let sum = 0
    for (const [to, p] of Object.entries(row.p)) {
      const target = byId.get(to)
      if (target === undefined) {
        issues.push(issue("unknown_stage", ["rows", i, "p", to], `"${to}" is not a state of the model`, `「${to}」はモデルの状態ではありません`))
        continue
      }
      if (to !== row.from && classify(model, from, target) === undefined) {
        issues.push(
          issue("edge_not_in_graph", ["rows", i, "p", to], `graph "${model.graph.id}" has no move ${from.node} → ${target.node}`, `段階グラフ「${model.graph.id}」に ${from.node} → ${target.node} の移行はありません`)
        )
      }
      if (!(p >= 0 && p <= 1)) issues.push(issue("probability_range", ["rows", i, "p", to], `probability ${p} is outside [0, 1]`, `確率 ${p} が0〜1の範囲外です`))
      sum += p
    }
    if (!(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE)) {
      issues.push(issue("row_sum", ["rows", i, "p"], `probabilities sum to ${sum}, not 1 (tolerance ${ROW_SUM_TOLERANCE}); list staying ("${row.from}") too`, `確率の合計が ${sum} で1になりません（許容誤差 ${ROW_SUM_TOLERANCE}、留まる確率「${row.from}」も含めてください）`))
    }
    for (const [name, level] of Object.entries(row.when ?? {})) {
      const levels = covariates.get(name)
      if (levels === undefined) issues.push(issue("unknown_covariate", ["rows", i, "when", name], `"${name}" is not a covariate of the model`, `「${name}」はモデルの共変量ではありません`))
      else if (!levels.has(level)) issues.push(issue("unknown_level", ["rows", i, "when", name], `"${level}" is not a level of "${name}"`, `「${level}」は共変量「${name}」の水準ではありません`))
    }
    if (row.months?.until !== undefined && row.months.until <= row.months.from) {
      issues.push(issue("empty_months", ["rows", i, "months"], `months [${row.months.from}, ${row.months.until}) are empty`, `期間 [${row.months.from}, ${row.months.until}) が空です`))
    }
  })
  ;(model.referrals ?? []).forEach((r, i) => {
    const from = byId.get(r.from), to = byId.get(r.to)
    if (from === undefined) issues.push(issue("unknown_stage", ["referrals", i, "from"], `"${r.from}" is not a state of the model`, `「${r.from}」はモデルの状態ではありません`))
    if (to === undefined) issues.push(issue("unknown_stage", ["referrals", i, "to"], `"${r.to}" is not a state of the model`, `「${r.to}」はモデルの状態ではありません`))
    if (from !== undefined && to !== undefined && classify(model, from, to) === undefined) {
      issues.push(issue("edge_not_in_graph", ["referrals", i, "to"], `the model cannot move ${r.from} → ${r.to}`, `${r.from} → ${r.to} の移行はできません`))
    }
  })
  return issues
}

/** For every (piece, profile, non-exit state): the index of the row that applies. */
const resolveRows = (model: Model, stateList: ReadonlyArray<StateInfo>): Result.Result<Int32Array, ReadonlyArray<ModelIssue>> => {
  const ps = pieces(model), qs = profiles(model)
  const S = stateList.length
  const table = new Int32Array(ps.length * qs.length * S).fill(-1)
  const issues: Array<ModelIssue> = []
  const missing = new Set<string>(), ambiguous = new Set<string>()
  const byFrom = new Map<string, Array<number>>()
  model.rows.forEach((r, i) => {
    const list = byFrom.get(r.from)
    if (list === undefined) byFrom.set(r.from, [i])
    else list.push(i)
  })
  for (const st of stateList) {
    if (st.kind === "exit") continue
    const candidates = byFrom.get(st.id) ?? []
    ps.forEach((piece, p) => {
      qs.forEach((profile, q) => {
        let best = -1, bestScore = -1, tie = -1
        for (const i of candidates) {
          const row = model.rows[i]!
          if (!matches(row, profile) || !covers(row, piece)) continue
          const score = specificity(row)
          if (score > bestScore) (best = i, bestScore = score, tie = -1)
          else if (score === bestScore) tie = i
        }
        const where = `profile ${JSON.stringify(profile)}, months [${piece.from}, ${piece.until ?? "∞"})`
        if (best < 0) {
          if (!missing.has(st.id)) {
            missing.add(st.id)
            issues.push(issue("missing_row", ["rows"], `no row gives the probabilities from "${st.id}" for ${where}`, `「${st.id}」からの確率を与える行がありません（${where}）`))
          }
          return
        }
        if (tie >= 0) {
          const key = `${best}/${tie}`
          if (!ambiguous.has(key)) {
            ambiguous.add(key)
            issues.push(issue("ambiguous_rows", ["rows", tie], `rows ${best} and ${tie} both apply to "${st.id}" for ${where}; make one more specific`, `行 ${best} と ${tie} が同じ条件（${where}）で「${st.id}」に当てはまります`))
          }
          return
        }
        table[(p * qs.length + q) * S + st.index] = best
      })
    })
  }
  return issues.length === 0 ? Result.succeed(table) : Result.fail(issues)
}

const decodeModel = decodeStrict(Model)

/**
 * Decodes and checks a model: the Schema (unknown keys are errors), the graph, states, rows
 * (outcomes, edges, ranges, sums, covariates), referral routes, and that exactly one most
 * specific row applies to every state, profile and month. Fails with every problem found.
 * @category constructors
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const r = Model.make(JSON.parse('{"id":"empty"}'))
 * Result.isFailure(r) // true: every missing field is named in r.failure.issues
 * ```
 */
export const make = (input: unknown): Result.Result<Model, ModelError> => {
  const decoded = decodeModel(input)
  if (Result.isFailure(decoded)) return Result.fail(modelError(decoded.failure.map((i) => issue("invalid", i.path, i.message, "モデルの形式が不正です"))))
  const model = decoded.success
  const structural = structuralIssues(model)
  if (structural.length > 0) return Result.fail(modelError(structural))
  return checkRows(model)
}

/** Everything after the Schema and the structure (graph, states, covariates) are known to be fine. */
const checkRows = (model: Model): Result.Result<Model, ModelError> => {
  const stateList = states(model)
  const byId = new Map(stateList.map((s) => [s.id, s]))
  const rows = rowIssues(model, byId)
  if (rows.length > 0) return Result.fail(modelError(rows))
  const resolved = resolveRows(model, stateList)
  if (Result.isFailure(resolved)) return Result.fail(modelError(resolved.failure))
  const compiled = build(model, stateList, resolved.success)
  if (Result.isFailure(compiled)) return Result.fail(compiled.failure)
  cache.set(model, compiled.success)
  return Result.succeed(model)
}

/**
 * A checked model with other rows (and optionally other referral routes): the graph, states and
 * covariates of `base` are already checked, so only the rows are. Scenarios and calibration
 * build many models this way.
 * @category constructors
 * @since 0.1.0
 * @example
 * ```ts
 * const faster = Model.withRows(Model.kushiro, [...Model.kushiro.rows.filter((r) => r.from !== "daily_living"), { from: "daily_living", p: { daily_living: 0.8, social_life: 0.19, support_ended: 0.01 } }])
 * ```
 */
export const withRows = (base: Model, rows: ReadonlyArray<Row>, referrals?: ReadonlyArray<ReferralRoute>): Result.Result<Model, ModelError> => {
  if (!cache.has(base)) {
    const checked = make({ ...base, rows, ...(referrals === undefined ? {} : { referrals }) })
    return checked
  }
  const decodedRows = decodeRows(rows)
  if (Result.isFailure(decodedRows)) return Result.fail(modelError(decodedRows.failure.map((i) => issue("invalid", ["rows", ...i.path], i.message, "モデルの形式が不正です"))))
  const decodedReferrals = referrals === undefined ? Result.succeed(base.referrals) : decodeReferrals(referrals)
  if (Result.isFailure(decodedReferrals)) return Result.fail(modelError(decodedReferrals.failure.map((i) => issue("invalid", ["referrals", ...i.path], i.message, "モデルの形式が不正です"))))
  const { referrals: _, ...rest } = base
  return checkRows({ ...rest, rows: decodedRows.success, ...(decodedReferrals.success === undefined ? {} : { referrals: decodedReferrals.success }) })
}

const decodeRows = decodeStrict(Schema.Array(Row))
const decodeReferrals = decodeStrict(Schema.Array(ReferralRoute))

/**
 * Like {@link make}, throwing the error's message: for models written in code. @category constructors @since 0.1.0
 * @example
 * ```ts
 * const model = Model.unsafeMake({ ...Model.kushiro, id: "kushiro_copy" }) // throws with every problem in the message
 * ```
 */
export const unsafeMake = (input: unknown): Model => {
  const r = make(input)
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}

// ---------------------------------------------------------------------------------------------
// Compiling
// ---------------------------------------------------------------------------------------------

/**
 * A model compiled for the kernel, with the tables to read results back: states, moves, profiles
 * and month pieces in the order result arrays use.
 * @category compiled
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const c: Model.Compiled = Result.getOrThrow(Model.compiled(Model.kushiro))
 * c.states.length // 8
 * ```
 */
export interface Compiled {
  readonly model: Model
  readonly states: ReadonlyArray<StateInfo>
  readonly transitions: ReadonlyArray<TransitionInfo>
  readonly profiles: ReadonlyArray<Profile>
  readonly pieces: ReadonlyArray<Piece>
  readonly kernel: KernelTypes.Kernel
  /** Transition index by `from\u0000to`. */
  readonly transitionIndex: ReadonlyMap<string, number>
}

const cache = new WeakMap<Model, Compiled>()
const TWO_POW_32 = 4294967296

const build = (model: Model, stateList: ReadonlyArray<StateInfo>, table: Int32Array): Result.Result<Compiled, ModelError> => {
  const byId = new Map(stateList.map((s) => [s.id, s]))
  const referral = new Map((model.referrals ?? []).map((r) => [`${r.from}\u0000${r.to}`, r.destination]))
  // Transitions: every move with a positive probability in some row that applies somewhere
  // (a row every profile overrides makes no move), ordered by (from, to).
  const pairs = new Map<string, readonly [number, number]>()
  const applied = new Set<number>()
  for (const r of table) if (r >= 0) applied.add(r)
  for (const row of [...applied].sort((a, b) => a - b).map((i) => model.rows[i]!)) {
    const from = byId.get(row.from)!
    for (const [to, p] of Object.entries(row.p)) if (to !== row.from && p > 0) pairs.set(`${row.from}\u0000${to}`, [from.index, byId.get(to)!.index])
  }
  const ordered = [...pairs.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1])
  if (ordered.length > MAX_TRANSITIONS) return Result.fail(modelError([issue("capacity", ["rows"], `at most ${MAX_TRANSITIONS} distinct moves`, `移行の種類は${MAX_TRANSITIONS}までです`)]))
  const transitions: Array<TransitionInfo> = ordered.map(([f, t], index) => {
    const c = classify(model, stateList[f]!, stateList[t]!)!
    const destination = referral.get(`${c.from}\u0000${c.to}`)
    return { index, ...c, ...(destination === undefined ? {} : { referral: destination }) }
  })
  const transitionIndex = new Map(transitions.map((t) => [`${t.from}\u0000${t.to}`, t.index]))
  const ps = pieces(model), qs = profiles(model)
  const S = stateList.length
  const rowCount = ps.length * qs.length * S
  const rowStart = new Int32Array(rowCount + 1)
  const moveThreshold = new Float64Array(rowCount)
  const outTransition: Array<number> = [], outState: Array<number> = [], outThreshold: Array<number> = []
  for (let r = 0; r < rowCount; r++) {
    rowStart[r] = outTransition.length
    const rowIndex = table[r]!
    if (rowIndex < 0) continue // exits: no outcomes, never move
    const row = model.rows[rowIndex]!
    const from = stateList[r % S]!
    const sum = Object.values(row.p).reduce((a, b) => a + b, 0)
    const moves = Object.entries(row.p)
      .filter(([to, p]) => to !== from.id && p > 0)
      .map(([to, p]) => ({ state: byId.get(to)!.index, t: transitionIndex.get(`${from.id}\u0000${to}`)!, p: p / sum }))
      .sort((a, b) => a.state - b.state)
    let cumulative = 0
    const moveMass = Math.min(1, moves.reduce((a, m) => a + m.p, 0))
    const total = Math.round(moveMass * TWO_POW_32)
    moves.forEach((m, i) => {
      cumulative += m.p
      outTransition.push(m.t)
      outState.push(m.state)
      outThreshold.push(i === moves.length - 1 ? total : Math.min(total, Math.round(cumulative * TWO_POW_32)))
    })
    moveThreshold[r] = total
  }
  rowStart[rowCount] = outTransition.length
  const kernel: KernelTypes.Kernel = {
    states: S,
    profiles: qs.length,
    pieces: ps.length,
    transitions: transitions.length,
    calendar: (model.timeScale ?? "calendar") === "calendar" ? 1 : 0,
    breaks: Int32Array.from(ps.slice(0, -1).map((p) => p.until!)),
    rowStart,
    moveThreshold,
    outTransition: Uint16Array.from(outTransition),
    outState: Uint8Array.from(outState),
    outThreshold: Float64Array.from(outThreshold),
    absorbing: Uint8Array.from(stateList.map((s) => (s.kind === "exit" ? 1 : 0))),
    placement: Uint8Array.from(stateList.map((s) => (s.placement ? 1 : 0)))
  }
  return Result.succeed({ model, states: stateList, transitions, profiles: qs, pieces: ps, kernel, transitionIndex })
}

/**
 * The compiled form of a model that {@link make} accepted (cached per model value). A model
 * value that did not come from `make` is checked first.
 * @internal
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * Result.isSuccess(Model.compiled(Model.kushiro)) // true; cached: the second call is free
 * ```
 */
export const compiled = (model: Model): Result.Result<Compiled, ModelError> => {
  const hit = cache.get(model)
  if (hit !== undefined) return Result.succeed(hit)
  const checked = make(model)
  if (Result.isFailure(checked)) return Result.fail(checked.failure)
  const built = cache.get(checked.success)!
  cache.set(model, built)
  return Result.succeed(built)
}

/**
 * The moves a model can make, in the order results use. @category states @since 0.1.0
 * @example
 * ```ts
 * Model.transitions(Model.kushiro).filter((t) => t.placement).map((t) => `${t.from} → ${t.to}`) // ["intermediate_work_paid → employed", "employment → employed"]
 * ```
 */
export const transitions = (model: Model): ReadonlyArray<TransitionInfo> => Result.getOrThrow(compiled(model)).transitions

/**
 * The probabilities that apply from `state` for `profile` at `month` (on the model's clock),
 * rescaled to sum to 1, staying included.
 * @category rows
 * @since 0.1.0
 * @example
 * ```ts
 * Model.probabilities(Model.kushiro, "employed", { group: "needy_person" }, 0) // { employed: 0.92, employment: 0.03, … } (the group's own row)
 * ```
 */
export const probabilities = (model: Model, state: string, profile: Profile, month: number): Readonly<Record<string, number>> | undefined => {
  const c = Result.getOrThrow(compiled(model))
  const s = c.states.find((x) => x.id === state)
  const q = profileIndex(model, profile)
  if (s === undefined || q === undefined) return undefined
  if (s.kind === "exit") return { [s.id]: 1 }
  let piece = 0
  while (piece < c.kernel.breaks.length && month >= c.kernel.breaks[piece]!) piece++
  const row = (piece * c.profiles.length + q) * c.states.length + s.index
  const out: Record<string, number> = {}
  let previous = 0
  for (let o = c.kernel.rowStart[row]!; o < c.kernel.rowStart[row + 1]!; o++) {
    out[c.states[c.kernel.outState[o]!]!.id] = (c.kernel.outThreshold[o]! - previous) / TWO_POW_32
    previous = c.kernel.outThreshold[o]!
  }
  out[s.id] = 1 - c.kernel.moveThreshold[row]! / TWO_POW_32
  return out
}

/**
 * The same model with one explicit row per (state, profile, piece): every `when` names all
 * covariates and every row carries its piece's `months` (when the model has more than one
 * piece). Simulations of a model and of its expansion are identical; scenarios transform the
 * expansion, so a change for one group never leaks into another.
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * Model.expand(Model.kushiro).rows.length // one row per state and profile: 6 × 2 = 12
 * ```
 */
export const expand = (model: Model): Model => {
  const c = Result.getOrThrow(compiled(model))
  const stateList = c.states
  const table = Result.getOrThrow(resolveRows(model, stateList))
  const rows: Array<Row> = []
  const hasCovariates = (model.covariates ?? []).length > 0
  c.pieces.forEach((piece, p) => {
    c.profiles.forEach((profile, q) => {
      for (const st of stateList) {
        if (st.kind === "exit") continue
        const source = model.rows[table[(p * c.profiles.length + q) * stateList.length + st.index]!]!
        rows.push({
          from: st.id,
          ...(hasCovariates ? { when: { ...profile } } : {}),
          ...(c.pieces.length > 1 ? { months: piece.until === undefined ? { from: piece.from } : { from: piece.from, until: piece.until } } : {}),
          p: { ...source.p }
        })
      }
    })
  })
  return Result.getOrThrow(withRows(model, rows))
}

// ---------------------------------------------------------------------------------------------
// The Kushiro model
// ---------------------------------------------------------------------------------------------

/**
 * The Kushiro model (釧路モデル) as a simulation model, over `Stage.kushiroGraph`: the five graph
 * stages, the substate `employed` (就職中) inside work autonomy (whose remainder is job search at
 * Hello Work), the exits `welfare_exit` (保護脱却) and `support_ended` (支援終結), and the covariate
 * `group` (welfare recipients 生活保護受給者 / other people in need 生活困窮者; only recipients can
 * leave public assistance). **The monthly probabilities are illustrative assumptions**, not
 * estimates: estimate your own from a case log ({@link Estimate}) or calibrate them to observed
 * ratios ({@link Calibration}).
 * @category models
 * @since 0.1.0
 * @example
 * ```ts
 * const graph = Model.kushiro.graph // Stage.kushiroGraph
 * ```
 */
export const kushiro: Model = unsafeMake({
  id: "kushiro_monthly",
  label: "Kushiro model, monthly transitions (illustrative probabilities)",
  labelJa: "釧路モデル（月次遷移・例示の確率）",
  graph: Stage.kushiroGraph,
  substates: [{ id: "employed", node: "employment", label: "In work (placed)", labelJa: "就職（就労中）", placement: true }],
  exits: [
    { id: "welfare_exit", label: "Left public assistance", labelJa: "保護脱却", recordedAs: "welfare_exit" },
    { id: "support_ended", label: "Support ended (moved, withdrew, lost contact)", labelJa: "支援終結（転居・辞退等）", recordedAs: "case_closed" }
  ],
  covariates: [
    {
      name: "group",
      label: "Target group",
      labelJa: "対象者区分",
      levels: [
        { id: "welfare_recipient", label: "Public-assistance recipient", labelJa: "生活保護受給者" },
        { id: "needy_person", label: "Other person in need", labelJa: "生活困窮者" }
      ]
    }
  ],
  timeScale: "calendar",
  rows: [
    { from: "daily_living", p: { daily_living: 0.9, social_life: 0.09, support_ended: 0.01 } },
    { from: "social_life", p: { social_life: 0.84, intermediate_work_unpaid: 0.09, employment: 0.04, daily_living: 0.02, support_ended: 0.01 } },
    { from: "intermediate_work_unpaid", p: { intermediate_work_unpaid: 0.85, intermediate_work_paid: 0.03, employment: 0.07, social_life: 0.04, support_ended: 0.01 } },
    { from: "intermediate_work_paid", p: { intermediate_work_paid: 0.86, employment: 0.04, employed: 0.05, intermediate_work_unpaid: 0.04, support_ended: 0.01 } },
    { from: "employment", p: { employment: 0.63, employed: 0.22, intermediate_work_unpaid: 0.1, support_ended: 0.05 } },
    { from: "employed", p: { employed: 0.89, employment: 0.03, intermediate_work_unpaid: 0.03, welfare_exit: 0.045, support_ended: 0.005 } },
    { from: "employed", when: { group: "needy_person" }, p: { employed: 0.92, employment: 0.03, intermediate_work_unpaid: 0.02, support_ended: 0.03 } }
  ],
  referrals: [
    { from: "social_life", to: "employment", destination: "hello_work" },
    { from: "intermediate_work_unpaid", to: "employment", destination: "hello_work" },
    { from: "intermediate_work_paid", to: "employment", destination: "hello_work" },
    { from: "social_life", to: "intermediate_work_unpaid", destination: "workplace_experience" },
    { from: "intermediate_work_unpaid", to: "intermediate_work_paid", destination: "certified_work_training" }
  ],
  note: "Illustrative monthly probabilities for demonstration; not estimated from data."
})
