/**
 * Simulated case logs (模擬ケース記録): the core's `Case.Event`s that a simulated person's path
 * would leave in a case management system — intake, assessment, plan, coordination meeting,
 * support decision and delivery on the first day of the entry month; then for every month's move,
 * on the last day of that month, a stage move (with the
 * edge's first reason code), a referral (with a permitting consent decision for Hello Work) and
 * its outcome, a placement (就職, not disclosed to the employer), a separation (離職), an exit from
 * public assistance (保護脱却) or a closure (終結).
 *
 * Every command goes through the core's decider for the model's graph, so the log is one the
 * system would have accepted; a path the decider refuses (e.g. a start stage an assessment cannot
 * choose) is a typed error naming the person and the refusal. Estimating from such a log
 * ({@link Panel.fromCaseEvents}) gives the same panel as estimating from the simulation itself
 * ({@link Panel.fromSimulation}) — a law the tests check.
 *
 * @since 0.1.0
 * @module
 */
import { Case, Period, Stage } from "@jiritsu/core"
import { Result, Schema } from "effect"
import * as Cohort from "./Cohort.ts"
import * as Model from "./Model.ts"
import type * as Panel from "./Panel.ts"
import * as Simulation from "./Simulation.ts"

/**
 * A path the case decider refused, naming the person, the month and the refusal. @category errors @since 0.1.0
 * @example
 * ```ts
 * const describe = (e: CaseLog.CaseLogError): string => `person ${e.person}, month ${e.month}: ${e.command} refused (${e.refusal})`
 * ```
 */
export const CaseLogError = Schema.TaggedStruct("CaseLogError", {
  person: Schema.Int,
  month: Schema.Int,
  command: Schema.String,
  refusal: Schema.String,
  message: Schema.String,
  messageJa: Schema.String
})
/** @category errors */
export type CaseLogError = typeof CaseLogError.Type

const caseworker: Case.Actor = { organisation: "municipality", role: "caseworker" }
const supporter: Case.Actor = { organisation: "consultation_agency", role: "employment_support_worker" }
const consent: Case.ConsentDecision = { _tag: "Permit", recordIds: ["consent-simulated"] }

/**
 * Options: the calendar month of simulation month 0, and the case id of a person (default `sim-<index>`). @category case logs @since 0.1.0
 * @example
 * ```ts
 * const options: CaseLog.Options = { start: Period.unsafeMonth("2013-04"), caseId: (person) => `k-${person}` }
 * ```
 */
export interface Options {
  readonly start: Period.YearMonth
  readonly caseId?: (person: number) => string
}

/**
 * The case events of one person's path (`states[m]` = state at the start of month m; entry at
 * `entry`), decided one command at a time by the core's decider for the model's graph.
 * @category case logs
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(100))
 * const states = Simulation.path(Model.kushiro, cohort, 0, { months: 24, seed: 1 })
 * const events = CaseLog.eventsOfPath(Model.kushiro, states, { index: 0, entry: 0, profile: { group: "welfare_recipient" } }, { start: Period.unsafeMonth("2013-04") })
 * if (Result.isSuccess(events)) events.success.map((e) => e._tag) // ["CaseOpened", "Assessed", "PlanDrafted", …]
 * ```
 */
export const eventsOfPath = (
  model: Model.Model,
  path: ReadonlyArray<string>,
  person: { readonly index: number; readonly entry: number; readonly profile: Model.Profile },
  options: Options
): Result.Result<ReadonlyArray<Case.Event>, CaseLogError> => {
  const decider = deciderOf(model.graph)
  const states = new Map(Model.states(model).map((s) => [s.id, s]))
  const referralsByMove = new Map((model.referrals ?? []).map((r) => [`${r.from}\u0000${r.to}`, r.destination]))
  const caseId = (options.caseId ?? ((g: number) => `sim-${g}`))(person.index)
  const events: Array<Case.Event> = []
  let state = decider.initial
  let failure: CaseLogError | undefined
  let month = person.entry
  const run = (command: Case.Command): boolean => {
    const r = decider.handle(state, command)
    if (Result.isFailure(r)) {
      failure = {
        _tag: "CaseLogError",
        person: person.index,
        month,
        command: command._tag,
        refusal: r.failure._tag,
        message: `person ${person.index}, month ${month}: ${command._tag} refused (${r.failure._tag}): ${r.failure.message}`,
        messageJa: `${person.index}番の${month}か月目: ${command._tag} が却下されました（${r.failure.messageJa}）`
      }
      return false
    }
    state = r.success.state
    events.push(...r.success.events)
    return true
  }
  const date = (m: number): Period.LocalDate => Period.firstDayOf(Period.addMonthsToMonth(options.start, m))
  // A move made in month m happens on its last day (before the next monthly observation).
  const moveDate = (m: number): Period.LocalDate => Period.addDays(date(m + 1), -1)
  const first = states.get(path[person.entry]!)!
  const d0 = date(person.entry)
  const authorised = model.graph.nodes.filter((n) => n.requiresDecision === true).map((n) => n.id)
  const opening: ReadonlyArray<Case.Command> = [
    { _tag: "OpenCase", occurredAt: d0, actor: caseworker, caseId, subjectId: caseId, publicAssistance: (person.profile["group"] ?? "welfare_recipient") === "welfare_recipient" },
    { _tag: "Assess", occurredAt: d0, actor: supporter, startingStage: first.node! },
    { _tag: "DraftPlan", occurredAt: d0, actor: supporter, planId: "plan-1", goals: ["work"] },
    { _tag: "HoldCoordinationMeeting", occurredAt: d0, actor: caseworker, planId: "plan-1", outcome: "approved", participants: ["municipality", "hello_work"] },
    { _tag: "DecideSupport", occurredAt: d0, actor: caseworker, planId: "plan-1", services: ["employment_support"], authorisedStages: authorised },
    { _tag: "StartDelivery", occurredAt: d0, actor: supporter }
  ]
  for (const c of opening) if (!run(c)) return Result.fail(failure!)
  let placements = 0, referrals = 0
  let openPlacement: string | undefined
  let openReferral: string | undefined
  const place = (d: Period.LocalDate): boolean => {
    openPlacement = `placement-${++placements}`
    return run({ _tag: "RecordPlacement", occurredAt: d, actor: supporter, placementId: openPlacement, employer: `employer-${person.index}-${placements}`, startDate: d, hoursPerWeek: 30, disclosure: "not_disclosed", ...(openReferral === undefined ? {} : { referralId: openReferral }) })
  }
  if (first.placement && !place(d0)) return Result.fail(failure!)
  for (let m = person.entry; m + 1 < path.length; m++) {
    const a = states.get(path[m]!)!, b = states.get(path[m + 1]!)!
    if (a.id === b.id) continue
    month = m
    const d = moveDate(m)
    const closeReferral = (outcome: Case.ReferralOutcome): boolean => {
      if (openReferral === undefined) return true
      const id = openReferral
      openReferral = undefined
      return run({ _tag: "RecordReferralOutcome", occurredAt: d, actor: supporter, referralId: id, outcome })
    }
    if (b.kind === "exit") {
      if (!closeReferral("dropped_out")) return Result.fail(failure!)
      const ok =
        b.recordedAs === "welfare_exit"
          ? run({ _tag: "RecordWelfareExit", occurredAt: d, actor: caseworker, reason: a.placement ? "employment_income" : "other", ...(openPlacement === undefined ? {} : { placementId: openPlacement }) }) &&
            run({ _tag: "RecordMonitoring", occurredAt: d, actor: supporter }) &&
            run({ _tag: "Evaluate", occurredAt: d, actor: caseworker, outcome: "close" }) &&
            run({ _tag: "CloseCase", occurredAt: d, actor: caseworker, reason: "evaluated" })
          : run({ _tag: "CloseCase", occurredAt: d, actor: caseworker, reason: "withdrew" })
      if (!ok) return Result.fail(failure!)
      break
    }
    if (a.placement && !b.placement && openPlacement !== undefined) {
      if (!run({ _tag: "RecordSeparation", occurredAt: d, actor: supporter, placementId: openPlacement, reason: "resigned" })) return Result.fail(failure!)
      openPlacement = undefined
    }
    if (a.node !== b.node) {
      const edge = Stage.edge(model.graph, a.node!, b.node!)!
      if (!closeReferral(b.placement ? "placed" : edge.kind === "forward" || edge.kind === "skip" ? "completed" : "not_placed")) return Result.fail(failure!)
      const destination = referralsByMove.get(`${a.id}\u0000${b.id}`)
      if (destination !== undefined) {
        openReferral = `referral-${++referrals}`
        if (!run({ _tag: "Refer", occurredAt: d, actor: supporter, referralId: openReferral, destination, ...(destination === "hello_work" ? { channel: "desk" as const, consent } : {}) })) return Result.fail(failure!)
      }
      if (!run({ _tag: "MoveStage", occurredAt: d, actor: supporter, to: b.node!, reason: edge.reasons[0]! })) return Result.fail(failure!)
    } else if (b.placement && !closeReferral("placed")) return Result.fail(failure!)
    if (b.placement && !a.placement && !place(d)) return Result.fail(failure!)
  }
  return Result.succeed(events)
}

const deciders = new WeakMap<Stage.StageGraph, Case.Decider>()
const deciderOf = (graph: Stage.StageGraph): Case.Decider => {
  let d = deciders.get(graph)
  if (d === undefined) deciders.set(graph, (d = Case.decider({ graph })))
  return d
}

/**
 * The case log of a recorded simulation (or of its first `limit` persons): rows
 * `{ stream, event }` in person order, ready for {@link Panel.fromCaseEvents} or an event store.
 * @category case logs
 * @since 0.1.0
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs"
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(200))
 * const run = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 24, seed: 1, record: true }))
 * const rows = CaseLog.fromSimulation(run, cohort, { start: Period.unsafeMonth("2013-04"), limit: 50 })
 * if (Result.isSuccess(rows)) writeFileSync("case-log.jsonl", CaseLog.toJsonLines(rows.success))
 * ```
 */
export const fromSimulation = (
  result: Simulation.SimResult,
  cohort: Cohort.Cohort,
  options: Options & { readonly limit?: number }
): Result.Result<ReadonlyArray<Panel.LogRow>, CaseLogError | Simulation.SimError> => {
  const log = Simulation.logOf(result)
  if (log === undefined) return Result.fail({ _tag: "SimError", code: "not_recorded", path: ["record"], message: "a case log needs the move log: run with { record: true }", messageJa: "ケース記録には移行記録が必要です（record: true で実行してください）" })
  const c = Result.getOrThrow(Model.compiled(result.model))
  const M = result.months
  const destination = c.transitions.map((t) => c.states.findIndex((x) => x.id === t.to))
  const rows: Array<Panel.LogRow> = []
  const n = Math.min(cohort.size, options.limit ?? cohort.size)
  let k = 0
  for (let i = 0; i < n; i++) {
    const g = cohort.offset + i
    const e = cohort.entry[i]!
    while (k < log.length && log.person[k]! < g) k++
    if (e > M) continue
    const path: Array<string> = []
    let s = cohort.stage[i]!
    for (let m = 0; m <= M; m++) {
      path.push(c.states[s]!.id)
      while (k < log.length && log.person[k] === g && log.month[k] === m) s = destination[log.transition[k++]!]!
    }
    const events = eventsOfPath(result.model, path, { index: g, entry: e, profile: c.profiles[cohort.profile[i]!]! }, options)
    if (Result.isFailure(events)) return Result.fail(events.failure)
    const stream = (options.caseId ?? ((x: number) => `sim-${x}`))(g)
    for (const event of events.success) rows.push({ stream, event })
  }
  return Result.succeed(rows)
}

/**
 * A case log as JSON Lines (one `{ stream, event }` per line), the `jiritsu estimate` input format. @category case logs @since 0.1.0
 * @example
 * ```ts
 * CaseLog.toJsonLines([{ stream: "case-sim-0", event: { _tag: "CaseOpened" } }]) // '{"stream":"case-sim-0","event":{"_tag":"CaseOpened"}}\n'
 * ```
 */
export const toJsonLines = (rows: ReadonlyArray<Panel.LogRow>): string => rows.map((r) => JSON.stringify(r)).join("\n") + (rows.length > 0 ? "\n" : "")

/**
 * Reads JSON Lines into rows (blank lines skipped); a line that is not JSON is reported with its number. @category case logs @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const r = CaseLog.parseJsonLines('{"stream":"case-1","event":{}}\n\nnot json\n')
 * if (Result.isFailure(r)) console.log(r.failure.line) // 3
 * ```
 */
export const parseJsonLines = (text: string): Result.Result<{ readonly rows: ReadonlyArray<unknown>; readonly lines: ReadonlyArray<number> }, { readonly line: number; readonly message: string }> => {
  const rows: Array<unknown> = [], lines: Array<number> = []
  const all = text.split(/\r?\n/)
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!.trim()
    if (line === "") continue
    try {
      rows.push(JSON.parse(line))
      lines.push(i + 1)
    } catch (e) {
      return Result.fail({ line: i + 1, message: e instanceof Error ? e.message : String(e) })
    }
  }
  return Result.succeed({ rows, lines })
}
