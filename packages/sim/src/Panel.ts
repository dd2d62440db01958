/**
 * Panel data (パネルデータ): each subject's state observed month by month since entry, in the layout
 * of R's msm package — `subject, time, state, covariates…` — so an estimate made here can be
 * checked with `msm::statetable.msm` and `msm::msm` in R.
 *
 * A panel comes from
 * - a **case event log** ({@link fromCaseEvents}): the core's `Case.Event`s by stream; a subject
 *   is a case episode, entering at its assessment (アセスメント), observed on the same day of every
 *   following month until `asOf`, an exit (保護脱却 `WelfareExitRecorded`, 終結 `CaseClosed`, as the
 *   model's exits say) or a closure the model does not count as an exit (then censored). Stage
 *   moves give the node; an open placement (就職) gives the model's placement substate;
 * - a **panel CSV** ({@link fromCsv}) in msm's layout (states as msm's numbers 1…K or as ids);
 * - a **recorded simulation** ({@link fromSimulation}).
 *
 * Every observed change between consecutive observations must be a move the model can make;
 * several moves within one month that add up to a move the graph lacks are an error naming the
 * row, unless `offGraph: "keep"`. Bad input — unknown stages, dates out of order, subjects split
 * or times decreasing in a CSV — is a typed {@link PanelError} naming the row (or file line) and
 * the column. Stays in each state (for Kaplan–Meier, {@link Survival}) are kept with their exact
 * length in days from event logs, in months otherwise.
 *
 * @since 0.1.0
 * @module
 */
import { Case, Period } from "@jiritsu/core"
import { Result, Schema } from "effect"
import * as Csv from "./internal/csv.ts"
import { formatPath } from "./internal/decode.ts"
import * as Cohort from "./Cohort.ts"
import * as Model from "./Model.ts"
import * as Simulation from "./Simulation.ts"

// ---------------------------------------------------------------------------------------------
// Types and errors
// ---------------------------------------------------------------------------------------------

/**
 * One stay (在籍期間) in a state: its subject, state index, length (`unit` of the panel's stays)
 * and whether it ended (`ended`: left the state; otherwise censored at the end of observation).
 * @category panels
 * @since 0.1.0
 * @example
 * ```ts
 * const ended = (panel: Panel.Panel): ReadonlyArray<Panel.Stay> => panel.stays.filter((s) => s.ended)
 * ```
 */
export interface Stay {
  readonly subject: number
  readonly state: number
  readonly duration: number
  readonly ended: boolean
}

/**
 * A panel: observations sorted by subject and time (`time` in months since entry), state indexes
 * into `states` (the model's order), covariate values per observation, and the stays.
 * @category panels
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const panel: Panel.Panel = Result.getOrThrow(Panel.fromCsv(Model.kushiro, "subject,time,state,group\np1,0,2,welfare_recipient\np1,1,2,welfare_recipient\np1,2,5,welfare_recipient\n"))
 * Panel.subjectCount(panel) // 1
 * ```
 */
export interface Panel {
  readonly _tag: "Panel"
  readonly model: Model.Model
  readonly states: ReadonlyArray<Model.StateInfo>
  readonly subjects: ReadonlyArray<string>
  readonly subject: Int32Array
  readonly time: Float64Array
  readonly state: Uint8Array
  readonly covariates: Readonly<Record<string, ReadonlyArray<string>>>
  /** Where each observation came from: the event-log row or file line (for messages). */
  readonly origin: Int32Array
  readonly stays: ReadonlyArray<Stay>
  readonly stayUnit: "days" | "months"
}

/**
 * What makes a log or file unusable: `invalid_csv`, `missing_column`, `invalid_row` (an event
 * that does not decode), `unknown_stage`, `unknown_level`, `out_of_order` (dates or times going
 * back), `not_contiguous` (a subject's rows split), `after_exit` (observations after an absorbing
 * exit), `edge_not_in_graph` (a change the model cannot make), `inconsistent_move` (a move from a
 * stage the case is not in), `invalid_options`.
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const r = Panel.fromCsv(Model.kushiro, "subject,time\np1,0\n")
 * if (Result.isFailure(r)) {
 *   const e: Panel.PanelError = r.failure
 *   console.log(e.code, e.line, e.column) // "missing_column" 1 "state"
 * }
 * ```
 */
export const PanelError = Schema.TaggedStruct("PanelError", {
  code: Schema.Literals(["invalid_csv", "missing_column", "invalid_row", "unknown_stage", "unknown_level", "out_of_order", "not_contiguous", "after_exit", "edge_not_in_graph", "inconsistent_move", "invalid_options"]),
  /** Event-log row (0-based index) or CSV line (1-based), whichever the input has. */
  row: Schema.optionalKey(Schema.Int),
  line: Schema.optionalKey(Schema.Int),
  column: Schema.String,
  message: Schema.String,
  messageJa: Schema.String
})
/** @category errors */
export type PanelError = typeof PanelError.Type

type Where = { readonly row: number } | { readonly line: number }

const panelError = (code: PanelError["code"], where: Where, column: string, message: string, messageJa: string): PanelError => {
  const at = "row" in where ? `row ${where.row}` : `line ${where.line}`
  const atJa = "row" in where ? `${where.row}行目` : `${where.line}行目`
  return { _tag: "PanelError", code, ...where, column, message: `${at}, ${column}: ${message}`, messageJa: `${atJa}・${column}: ${messageJa}` }
}

/**
 * What to do with a change between consecutive observations that the model cannot make. @category panels @since 0.1.0
 * @example
 * ```ts
 * const lenient: Panel.OffGraph = "keep" // count a move the graph lacks instead of refusing the file
 * ```
 */
export type OffGraph = "error" | "keep"

// ---------------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------------

interface Observation {
  readonly time: number
  readonly state: number
  readonly origin: number
  readonly covariates: Readonly<Record<string, string>>
}

interface Builder {
  readonly subjects: Array<string>
  readonly observations: Array<ReadonlyArray<Observation>>
  readonly stays: Array<Stay>
}

const staysFromObservations = (subject: number, obs: ReadonlyArray<Observation>, states: ReadonlyArray<Model.StateInfo>, out: Array<Stay>): void => {
  let i = 0
  while (i < obs.length) {
    const s = obs[i]!.state
    if (states[s]!.kind === "exit") break
    let j = i + 1
    while (j < obs.length && obs[j]!.state === s) j++
    if (j < obs.length) out.push({ subject, state: s, duration: obs[j]!.time - obs[i]!.time, ended: true })
    else out.push({ subject, state: s, duration: obs[j - 1]!.time - obs[i]!.time, ended: false })
    i = j
  }
}

const finish = (model: Model.Model, b: Builder, stayUnit: "days" | "months"): Panel => {
  const n = b.observations.reduce((a, o) => a + o.length, 0)
  const subject = new Int32Array(n), time = new Float64Array(n), state = new Uint8Array(n), origin = new Int32Array(n)
  const names = new Set<string>()
  for (const obs of b.observations) for (const o of obs) for (const k of Object.keys(o.covariates)) names.add(k)
  const covariates: Record<string, Array<string>> = Object.fromEntries([...names].map((k) => [k, new Array<string>(n).fill("")]))
  let at = 0
  b.observations.forEach((obs, s) => {
    for (const o of obs) {
      subject[at] = s
      time[at] = o.time
      state[at] = o.state
      origin[at] = o.origin
      for (const k of names) covariates[k]![at] = o.covariates[k] ?? ""
      at++
    }
  })
  return { _tag: "Panel", model, states: Model.states(model), subjects: b.subjects, subject, time, state, covariates, origin, stays: b.stays, stayUnit }
}

/** Checks each change between consecutive observations (one month apart) against the model. */
const checkChanges = (model: Model.Model, states: ReadonlyArray<Model.StateInfo>, obs: ReadonlyArray<Observation>, offGraph: OffGraph, where: (o: Observation) => Where, column: string): PanelError | undefined => {
  if (offGraph === "keep") return undefined
  for (let i = 1; i < obs.length; i++) {
    const a = states[obs[i - 1]!.state]!, b = states[obs[i]!.state]!
    if (a.id === b.id) continue
    if (Model.classify(model, a, b) === undefined) {
      return panelError(
        "edge_not_in_graph",
        where(obs[i]!),
        column,
        `${a.id} → ${b.id} between months ${obs[i - 1]!.time} and ${obs[i]!.time} is not a move of model "${model.id}" (several moves within one month? pass offGraph: "keep" to keep such pairs)`,
        `${a.id} → ${b.id} はモデル「${model.id}」の移行ではありません`
      )
    }
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------
// From a case event log
// ---------------------------------------------------------------------------------------------

/**
 * A row of a case event log: the stream (case id) and one `Case.Event` — the shape of an event
 * store row, or of one line of a JSON Lines file.
 * @category case logs
 * @since 0.1.0
 * @example
 * ```ts
 * const row: Panel.LogRow = { stream: "case-k-17", event: { _tag: "CaseOpened" } }
 * ```
 */
export const LogRow = Schema.Struct({ stream: Schema.NonEmptyString, event: Schema.Unknown })
/** @category case logs */
export type LogRow = typeof LogRow.Type

/**
 * Covariates of a case from its opening event (default: `group` = welfare recipient or not). @category case logs @since 0.1.0
 * @example
 * ```ts
 * const bySite: Panel.CaseCovariates = (opened, stream) => ({ group: opened.publicAssistance ? "welfare_recipient" : "needy_person", site: stream.startsWith("case-k") ? "kushiro" : "other" })
 * ```
 */
export type CaseCovariates = (opened: Extract<Case.Event, { readonly _tag: "CaseOpened" }>, stream: string) => Readonly<Record<string, string>>

/**
 * The default covariates: `group` = `welfare_recipient` (生活保護受給者) or `needy_person` (生活困窮者). @category case logs @since 0.1.0
 * @example
 * ```ts
 * const covariates: Panel.CaseCovariates = Panel.defaultCaseCovariates // group: welfare_recipient or needy_person
 * ```
 */
export const defaultCaseCovariates: CaseCovariates = (opened) => ({ group: opened.publicAssistance ? "welfare_recipient" : "needy_person" })

/**
 * Options of {@link fromCaseEvents}. @category case logs @since 0.1.0
 * @example
 * ```ts
 * const options: Panel.CaseLogOptions = { asOf: Period.unsafeDate("2016-03-31"), offGraph: "error" }
 * ```
 */
export interface CaseLogOptions {
  /** The end of observation (観察打切日): cases still open are censored here. */
  readonly asOf: Period.LocalDate
  readonly covariates?: CaseCovariates
  readonly offGraph?: OffGraph
}

interface Change {
  readonly date: Period.LocalDate
  readonly state: number
  readonly row: number
}

interface Episode {
  readonly id: string
  readonly covariates: Readonly<Record<string, string>>
  entry?: Period.LocalDate
  entryRow: number
  node?: string
  readonly openPlacements: Set<string>
  readonly changes: Array<Change>
  end?: { readonly date: Period.LocalDate; readonly state?: number; readonly row: number }
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

/**
 * Builds a monthly panel from a case event log (rows in store order; each stream's events in
 * date order). Fails on the first row that cannot be read: not a row, an event that does not
 * decode, a date before the stream's previous event, a stage the graph lacks, a move from a stage
 * the case is not in or along no edge.
 * @category case logs
 * @since 0.1.0
 * @example
 * ```ts
 * import { readFileSync } from "node:fs"
 * import { Result } from "effect"
 * const lines = Result.getOrThrow(CaseLog.parseJsonLines(readFileSync("case-log.jsonl", "utf8")))
 * const panel = Panel.fromCaseEvents(Model.kushiro, lines.rows, { asOf: Period.unsafeDate("2016-03-31") })
 * ```
 */
export const fromCaseEvents = (model: Model.Model, rows: ReadonlyArray<unknown>, options: CaseLogOptions): Result.Result<Panel, PanelError> => {
  if (!Period.parseDate(options.asOf).pipe(Result.isSuccess)) return Result.fail(panelError("invalid_options", { row: 0 }, "asOf", `"${options.asOf}" is not a date`, "観察打切日が日付ではありません"))
  const states = Model.states(model)
  const byId = new Map(states.map((s) => [s.id, s]))
  const exitFor = (kind: Model.RecordedAs): number | undefined => states.find((s) => s.recordedAs === kind)?.index
  const placementIn = (node: string): number | undefined => states.find((s) => s.kind === "substate" && s.node === node && s.placement)?.index
  const anyPlacementSubstate = states.some((s) => s.kind === "substate" && s.placement)
  const covariatesOf = options.covariates ?? defaultCaseCovariates
  const streams = new Map<string, { last?: Period.LocalDate; episodes: Array<Episode>; covariates: Readonly<Record<string, string>> }>()
  const covariateLevels = new Map((model.covariates ?? []).map((c) => [c.name, new Set(c.levels.map((l) => l.id))]))
  const stateOf = (e: Episode): number => {
    const node = byId.get(e.node!)!.index
    if (!anyPlacementSubstate || e.openPlacements.size === 0) return node
    return placementIn(e.node!) ?? node
  }
  const change = (e: Episode, date: Period.LocalDate, row: number): void => {
    const state = stateOf(e)
    const last = e.changes[e.changes.length - 1]
    if (last !== undefined && last.date === date) {
      e.changes[e.changes.length - 1] = { date, state, row }
      // Two changes on one day that cancel out leave no change.
      const before = e.changes[e.changes.length - 2]
      if (before !== undefined && before.state === state) e.changes.pop()
    } else if (last === undefined || last.state !== state) e.changes.push({ date, state, row })
  }
  for (let i = 0; i < rows.length; i++) {
    const raw = rows[i]
    if (!isRecord(raw) || typeof raw["stream"] !== "string" || raw["stream"].length === 0) return Result.fail(panelError("invalid_row", { row: i }, "stream", "expected { stream: <non-empty string>, event: <case event> }", "stream と event が必要です"))
    const extra = Object.keys(raw).find((k) => k !== "stream" && k !== "event")
    if (extra !== undefined) return Result.fail(panelError("invalid_row", { row: i }, extra, `unknown key "${extra}"`, `不明な項目「${extra}」`))
    const decoded = Case.decodeEvent(raw["event"])
    if (Result.isFailure(decoded)) {
      const first = decoded.failure[0]!
      return Result.fail(panelError("invalid_row", { row: i }, formatPath(["event", ...first.path]), decoded.failure.map((x) => `${formatPath(x.path)}: ${x.message}`).join("; "), "ケースイベントとして読めません"))
    }
    const event = decoded.success
    const id = raw["stream"]
    let stream = streams.get(id)
    if (event.occurredAt > options.asOf) {
      if (stream === undefined) streams.set(id, { last: event.occurredAt, episodes: [], covariates: {} })
      continue
    }
    if (stream !== undefined && stream.last !== undefined && event.occurredAt < stream.last) {
      return Result.fail(panelError("out_of_order", { row: i }, "event.occurredAt", `${event.occurredAt} is before the stream's previous event (${stream.last})`, `日付 ${event.occurredAt} が同じケースの前のイベント（${stream.last}）より前です`))
    }
    if (stream === undefined) streams.set(id, (stream = { episodes: [], covariates: {} }))
    stream.last = event.occurredAt
    if (event._tag === "CaseOpened") {
      const covariates = covariatesOf(event, id)
      for (const [name, level] of Object.entries(covariates)) {
        const levels = covariateLevels.get(name)
        if (levels !== undefined && !levels.has(level)) return Result.fail(panelError("unknown_level", { row: i }, "event.publicAssistance", `covariate "${name}" = "${level}" is not a level of the model`, `共変量「${name}」の水準「${level}」はモデルにありません`))
      }
      stream.covariates = covariates
      stream.episodes.push({ id, covariates, entryRow: i, openPlacements: new Set(), changes: [] })
      continue
    }
    if (event._tag === "CaseReopened") {
      stream.episodes.push({ id: `${id}#${event.episode}`, covariates: stream.covariates, entryRow: i, openPlacements: new Set(), changes: [] })
      continue
    }
    let e = stream.episodes[stream.episodes.length - 1]
    if (e === undefined) stream.episodes.push((e = { id, covariates: stream.covariates, entryRow: i, openPlacements: new Set(), changes: [] }))
    if (e.end !== undefined) continue
    switch (event._tag) {
      case "Assessed": {
        const node = Model.states(model).find((s) => s.kind === "node" && s.id === event.startingStage)
        if (node === undefined) return Result.fail(panelError("unknown_stage", { row: i }, "event.startingStage", `"${event.startingStage}" is not a stage of graph "${model.graph.id}"`, `「${event.startingStage}」は段階グラフの段階ではありません`))
        if (e.entry === undefined) (e.entry = event.occurredAt, e.entryRow = i)
        e.node = event.startingStage
        change(e, event.occurredAt, i)
        break
      }
      case "StageMoved": {
        for (const [field, stage] of [["event.from", event.from], ["event.to", event.to]] as const) {
          if (!states.some((s) => s.kind === "node" && s.id === stage)) return Result.fail(panelError("unknown_stage", { row: i }, field, `"${stage}" is not a stage of graph "${model.graph.id}"`, `「${stage}」は段階グラフの段階ではありません`))
        }
        if (e.node === undefined) return Result.fail(panelError("inconsistent_move", { row: i }, "event.from", "a stage move before the assessment", "アセスメント前の段階移行です"))
        if (event.from !== e.node) return Result.fail(panelError("inconsistent_move", { row: i }, "event.from", `the case is in "${e.node}", not "${event.from}"`, `ケースは「${e.node}」にあり「${event.from}」ではありません`))
        if (Model.classify(model, byId.get(event.from)!, byId.get(event.to)!) === undefined) {
          return Result.fail(panelError("edge_not_in_graph", { row: i }, "event.to", `graph "${model.graph.id}" has no move ${event.from} → ${event.to}`, `段階グラフに ${event.from} → ${event.to} の移行はありません`))
        }
        e.node = event.to
        if (placementIn(event.to) === undefined) e.openPlacements.clear()
        change(e, event.occurredAt, i)
        break
      }
      case "PlacementRecorded":
        e.openPlacements.add(event.placementId)
        if (e.node !== undefined) change(e, event.occurredAt, i)
        break
      case "SeparationRecorded":
        e.openPlacements.delete(event.placementId)
        if (e.node !== undefined) change(e, event.occurredAt, i)
        break
      case "WelfareExitRecorded": {
        const x = exitFor("welfare_exit")
        if (x !== undefined && e.entry !== undefined) e.end = { date: event.occurredAt, state: x, row: i }
        break
      }
      case "CaseClosed": {
        const x = exitFor("case_closed")
        if (e.entry !== undefined) e.end = x === undefined ? { date: event.occurredAt, row: i } : { date: event.occurredAt, state: x, row: i }
        break
      }
      default:
        break
    }
  }
  const b: Builder = { subjects: [], observations: [], stays: [] }
  for (const stream of streams.values()) {
    for (const e of stream.episodes) {
      if (e.entry === undefined) continue
      const s = b.subjects.length
      const obs = observe(e, options.asOf)
      const err = checkChanges(model, states, obs, options.offGraph ?? "error", (o) => ({ row: o.origin }), "event.occurredAt")
      if (err !== undefined) return Result.fail(err)
      b.subjects.push(e.id)
      b.observations.push(obs)
      exactStays(s, e, options.asOf, b.stays)
    }
  }
  return Result.succeed(finish(model, b, "days"))
}

/** Observations on the entry's day of every month, until the end of observation or the exit. */
const observe = (e: Episode, asOf: Period.LocalDate): Array<Observation> => {
  const out: Array<Observation> = []
  const until = e.end !== undefined && e.end.date < asOf ? e.end.date : asOf
  let c = 0
  let state = e.changes[0]!.state, origin = e.changes[0]!.row
  for (let k = 0; ; k++) {
    const t = Period.addMonths(e.entry!, k)
    if (e.end?.state !== undefined && t >= e.end.date) {
      out.push({ time: k, state: e.end.state, origin: e.end.row, covariates: e.covariates })
      break
    }
    if (t > until) break
    while (c < e.changes.length && e.changes[c]!.date <= t) (state = e.changes[c]!.state, origin = e.changes[c]!.row, c++)
    out.push({ time: k, state, origin, covariates: e.covariates })
  }
  return out
}

const exactStays = (subject: number, e: Episode, asOf: Period.LocalDate, out: Array<Stay>): void => {
  const end = e.end !== undefined && e.end.date <= asOf ? e.end : undefined
  for (let i = 0; i < e.changes.length; i++) {
    const from = e.changes[i]!.date
    const next = e.changes[i + 1]?.date ?? end?.date
    const ended = next !== undefined && (i + 1 < e.changes.length || end?.state !== undefined)
    const until = next ?? asOf
    const duration = Period.diffDays(from, until)
    if (duration > 0 || ended) out.push({ subject, state: e.changes[i]!.state, duration: Math.max(0, duration), ended })
  }
}

// ---------------------------------------------------------------------------------------------
// From a panel CSV (msm layout)
// ---------------------------------------------------------------------------------------------

/**
 * Reads a panel CSV in msm's layout: a header `subject,time,state` followed by covariate columns,
 * then one row per observation, each subject's rows together with strictly increasing `time`
 * (months). `state` is msm's state number (1…K in {@link Model.states} order) or a state id.
 * Covariates named like the model's must use its levels. Stays are measured in months.
 * @category csv
 * @since 0.1.0
 * @example
 * ```ts
 * const panel = Panel.fromCsv(Model.kushiro, "subject,time,state,group\np1,0,social_life,needy_person\np1,1,employment,needy_person\n") // states as ids or msm's numbers
 * ```
 */
export const fromCsv = (model: Model.Model, text: string, options: { readonly offGraph?: OffGraph } = {}): Result.Result<Panel, PanelError> => {
  const parsed = Csv.parse(text)
  if (!parsed.ok) return Result.fail(panelError("invalid_csv", { line: parsed.line }, `column ${parsed.column}`, parsed.message, "CSVの形式が不正です"))
  const [header, ...records] = parsed.records
  if (header === undefined) return Result.fail(panelError("missing_column", { line: 1 }, "subject", "the file is empty; expected a header subject,time,state", "見出し行（subject,time,state）がありません"))
  const expected = ["subject", "time", "state"]
  for (let j = 0; j < 3; j++) {
    if (header.fields[j]?.trim() !== expected[j]) return Result.fail(panelError("missing_column", { line: header.line }, expected[j]!, `column ${j + 1} must be "${expected[j]}", found ${JSON.stringify(header.fields[j] ?? "")}`, `${j + 1}列目は「${expected[j]}」である必要があります`))
  }
  const covariateNames = header.fields.slice(3).map((f) => f.trim())
  const seen = new Set<string>(expected)
  for (const name of covariateNames) {
    if (name === "" || seen.has(name)) return Result.fail(panelError("missing_column", { line: header.line }, name === "" ? `column ${seen.size + 1}` : name, name === "" ? "a covariate column has no name" : `column "${name}" appears twice`, "共変量の列名が不正です"))
    seen.add(name)
  }
  const states = Model.states(model)
  const byId = new Map(states.map((s) => [s.id, s.index]))
  const levels = new Map((model.covariates ?? []).map((c) => [c.name, new Set(c.levels.map((l) => l.id))]))
  const b: Builder = { subjects: [], observations: [], stays: [] }
  const done = new Set<string>()
  let current: { name: string; obs: Array<Observation> } | undefined
  const close = (): PanelError | undefined => {
    if (current === undefined) return undefined
    const err = checkChanges(model, states, current.obs, options.offGraph ?? "error", (o) => ({ line: o.origin }), "state")
    if (err !== undefined) return err
    const s = b.subjects.length
    b.subjects.push(current.name)
    b.observations.push(current.obs)
    staysFromObservations(s, current.obs, states, b.stays)
    done.add(current.name)
    return undefined
  }
  for (const r of records) {
    const where = { line: r.line }
    if (r.fields.length !== header.fields.length) return Result.fail(panelError("invalid_csv", where, `column ${Math.min(r.fields.length, header.fields.length) + 1}`, `${r.fields.length} fields, the header has ${header.fields.length}`, `列数が見出し行と一致しません`))
    const [subject, timeText, stateText] = r.fields as [string, string, string]
    if (subject.trim() === "") return Result.fail(panelError("invalid_csv", where, "subject", "the subject is empty", "subject が空です"))
    const time = Number(timeText)
    if (timeText.trim() === "" || !Number.isFinite(time) || time < 0) return Result.fail(panelError("invalid_csv", where, "time", `${JSON.stringify(timeText)} is not a non-negative number of months`, "time は0以上の数値（月）で指定してください"))
    const number = /^\d+$/.test(stateText.trim()) ? Number(stateText) : undefined
    const state = number !== undefined ? (number >= 1 && number <= states.length ? number - 1 : undefined) : byId.get(stateText.trim())
    if (state === undefined) return Result.fail(panelError("unknown_stage", where, "state", `${JSON.stringify(stateText)} is neither a state number 1…${states.length} nor a state id of model "${model.id}"`, `状態「${stateText}」はモデルにありません`))
    const covariates: Record<string, string> = {}
    for (let j = 0; j < covariateNames.length; j++) {
      const name = covariateNames[j]!, value = r.fields[j + 3]!
      const allowed = levels.get(name)
      if (allowed !== undefined && !allowed.has(value)) return Result.fail(panelError("unknown_level", where, name, `"${value}" is not a level of covariate "${name}"`, `「${value}」は共変量「${name}」の水準ではありません`))
      covariates[name] = value
    }
    if (current === undefined || current.name !== subject) {
      const err = close()
      if (err !== undefined) return Result.fail(err)
      if (done.has(subject)) return Result.fail(panelError("not_contiguous", where, "subject", `the rows of subject "${subject}" are not together`, `subject「${subject}」の行が連続していません`))
      current = { name: subject, obs: [] }
    } else {
      const last = current.obs[current.obs.length - 1]!
      if (!(time > last.time)) return Result.fail(panelError("out_of_order", where, "time", `time ${time} does not follow ${last.time} (times must increase within a subject)`, `time ${time} が前の行（${last.time}）より後ではありません`))
      if (states[last.state]!.kind === "exit") return Result.fail(panelError("after_exit", where, "state", `subject "${subject}" already left at time ${last.time} (${states[last.state]!.id} is absorbing)`, `subject「${subject}」は既に退出しています`))
    }
    current.obs.push({ time, state, origin: r.line, covariates })
  }
  const err = close()
  if (err !== undefined) return Result.fail(err)
  return Result.succeed(finish(model, b, "months"))
}

/**
 * The panel as CSV in msm's layout: `subject,time,state,<covariates>`, state as msm's number
 * (1…K, the order of {@link legend}). Read it in R with `read.csv` and pass it to
 * `msm::statetable.msm(state, subject, data)`.
 * @category csv
 * @since 0.1.0
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs"
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(500))
 * const panel = Result.getOrThrow(Panel.fromSimulation(Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 24, seed: 1, record: true })), cohort))
 * writeFileSync("panel.csv", Panel.toCsv(panel)) // read in R: msm::statetable.msm(state, subject, data = read.csv("panel.csv"))
 * writeFileSync("states.csv", Panel.legend(panel))
 * ```
 */
export const toCsv = (panel: Panel): string => {
  const names = Object.keys(panel.covariates)
  const rows: Array<ReadonlyArray<string | number>> = [["subject", "time", "state", ...names]]
  for (let i = 0; i < panel.state.length; i++) rows.push([panel.subjects[panel.subject[i]!]!, panel.time[i]!, panel.state[i]! + 1, ...names.map((n) => panel.covariates[n]![i]!)])
  return Csv.write(rows)
}

/**
 * The state numbering of {@link toCsv}: `state,id,label,labelJa,kind,placement`. @category csv @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const panel = Result.getOrThrow(Panel.fromCsv(Model.kushiro, "subject,time,state,group\np1,0,1,needy_person\n"))
 * Panel.legend(panel).split("\n")[0] // "state,id,label,labelJa,kind,placement"
 * ```
 */
export const legend = (panel: Panel): string =>
  Csv.write([["state", "id", "label", "labelJa", "kind", "placement"], ...panel.states.map((s) => [s.index + 1, s.id, s.label, s.labelJa, s.kind, s.placement ? 1 : 0])])

// ---------------------------------------------------------------------------------------------
// From a simulation
// ---------------------------------------------------------------------------------------------

/**
 * The panel of a recorded simulation (`record: true`): each person observed at entry and every
 * month after until the horizon or an exit, covariates from the person's profile.
 * @category simulations
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(1000))
 * const run = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 36, seed: 1, record: true }))
 * const panel = Panel.fromSimulation(run, cohort) // fails with code "not_recorded" without record: true
 * ```
 */
export const fromSimulation = (result: Simulation.SimResult, cohort: Cohort.Cohort): Result.Result<Panel, Simulation.SimError> => {
  const log = Simulation.logOf(result)
  if (log === undefined) return Result.fail({ _tag: "SimError", code: "not_recorded", path: ["record"], message: "a panel needs the move log: run with { record: true }", messageJa: "パネルには移行記録が必要です（record: true で実行してください）" })
  const c = Result.getOrThrow(Model.compiled(result.model))
  const M = result.months
  const destination = c.transitions.map((t) => c.states.findIndex((s) => s.id === t.to))
  const b: Builder = { subjects: [], observations: [], stays: [] }
  let k = 0
  for (let i = 0; i < cohort.size; i++) {
    const g = cohort.offset + i
    const e = cohort.entry[i]!
    while (k < log.length && log.person[k]! < g) k++
    if (e > M) continue
    const covariates = c.profiles[cohort.profile[i]!]!
    const obs: Array<Observation> = []
    let state = cohort.stage[i]!
    for (let m = e; m <= M; m++) {
      obs.push({ time: m - e, state, origin: g, covariates })
      if (c.states[state]!.kind === "exit") break
      if (k < log.length && log.person[k] === g && log.month[k] === m) state = destination[log.transition[k++]!]!
    }
    const s = b.subjects.length
    b.subjects.push(`sim-${g}`)
    b.observations.push(obs)
    staysFromObservations(s, obs, c.states, b.stays)
  }
  return Result.succeed(finish(result.model, b, "months"))
}

/**
 * Number of subjects. @category panels @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(300))
 * const run = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 12, seed: 1, record: true }))
 * Panel.subjectCount(Result.getOrThrow(Panel.fromSimulation(run, cohort))) // 300
 * ```
 */
export const subjectCount = (panel: Panel): number => panel.subjects.length
