// Counting (実績の集計): a case's events mapped onto Metric events by the counting table
// (re-exported by Case.ts as `metricRules`, `toMetricEvents`, `explainMetricEvents`, ...).
import { Result, Schema } from "effect"
import * as Metric from "../Metric.ts"
import type * as Period from "../Period.ts"
import { Destination, type Event } from "./caseModel.ts"
import type { Path } from "./caseRefusal.ts"

/**
 * One row of the counting table (集計対応表): which case event emits which metric event kind
 * (`undefined`: none), when, and why (with its source).
 * @category counting
 * @since 0.1.0
 */
export interface MetricRule {
  readonly id: string
  readonly event: Event["_tag"]
  readonly emits: Metric.MetricEventKind | undefined
  readonly when: string
  readonly why: string
}

/**
 * The counting table (集計対応表) that {@link toMetricEvents} implements, one or more rows per
 * event tag (every tag has at least one; the docs guide quotes it and a test checks both agree).
 * An emitted event is dated on the case event's `occurredAt`, belongs to the context's site and
 * person, and carries the target groups the context gives for that date.
 *
 * The Case has no event for an earnings increase (増収): feed `earnings_increase` from the source
 * that knows earnings (a payroll or benefit-system adapter) and `Metric.combine` the two tallies.
 * @category counting
 * @since 0.1.0
 */
export const metricRules: ReadonlyArray<MetricRule> = [
  {
    id: "intake",
    event: "CaseOpened",
    emits: "intake",
    when: "always (one per case)",
    why: "相談受付・申込 opens the consultation flow (docs/glossary.md); the survey's 新規相談受付件数 counts it (§4.3)."
  },
  {
    id: "intake_on_reopening",
    event: "CaseReopened",
    emits: "intake",
    when: "always (one per new episode)",
    why: "再開 starts a new support episode at 相談受付 (re-support after leaving a job, §2.5): 件 counts each episode, 実人数 the person once."
  },
  {
    id: "plan_made",
    event: "SupportDecided",
    emits: "plan_made",
    when: "the first support decision of the episode (a revised plan in the same episode is not a new plan)",
    why: "A plan is made once the coordination meeting (支援調整会議) has found it appropriate and the municipality has decided the support (支援決定, §2.1); a draft can still be sent back. The survey counts plans made for continuing support out of the new consultations (§4.3, P45/P46), so one per episode."
  },
  {
    id: "employment_support_decided",
    event: "SupportDecided",
    emits: "employment_support_started",
    when: "the decided services name employment support (`employmentServices`) and it has not started in this episode",
    why: "就労支援対象者 are the people whose plan includes employment support (§4.3, P45: counted among plan makers); the decision fixes the plan's services (§2.1)."
  },
  {
    id: "employment_support_referred",
    event: "Referred",
    emits: "employment_support_started",
    when: "the destination is a path to work (`employmentDestinations`) and employment support has not started in this episode",
    why: "A referral to Hello Work or a work programme (§2.3) is employment support even when the decision's service list was terse; once per episode, not per referral, dated on the first."
  },
  {
    id: "hello_work_consultation",
    event: "Referred",
    emits: "consultation",
    when: "the destination is `hello_work` (desk or visiting session)",
    why: "The hand-over at the Hello Work desk is a job-counselling contact (職業相談, §2.2); the contacts that follow are in Hello Work's own desk log, not in the case."
  },
  {
    id: "pre_consultation",
    event: "PreConsultationHeld",
    emits: "consultation",
    when: "always",
    why: "プレ相談 is a consultation with a Hello Work navigator (Koga, §2.2)."
  },
  {
    id: "placement",
    event: "PlacementRecorded",
    emits: "placement",
    when: "always; `employerRef` only when the placement is disclosed to the employer (開示)",
    why: "就職 (§4.3, the numerator of the placement rate). An employer not told about the support (非開示, §3) is not named: counting it would tie the person to it."
  },
  {
    id: "welfare_exit",
    event: "WelfareExitRecorded",
    emits: "welfare_exit",
    when: "always",
    why: "保護脱却 is counted apart from placement (§2.5: Gifu FY2012 303 placed, 112 left welfare)."
  },
  { id: "assessment", event: "Assessed", emits: undefined, when: "never", why: "A step of the same consultation, not a new one." },
  { id: "plan_draft", event: "PlanDrafted", emits: undefined, when: "never", why: "A draft is not yet a plan: the coordination meeting may send it back (§2.1)." },
  { id: "coordination_meeting", event: "CoordinationMeetingHeld", emits: undefined, when: "never", why: "Approval alone decides nothing; the plan counts at the support decision." },
  { id: "delivery", event: "DeliveryStarted", emits: undefined, when: "never", why: "A process step; no survey item counts it." },
  { id: "monitoring", event: "Monitored", emits: undefined, when: "never", why: "A process step; no survey item counts it." },
  { id: "evaluation", event: "Evaluated", emits: undefined, when: "never", why: "A process step; no survey item counts it." },
  { id: "closure", event: "CaseClosed", emits: undefined, when: "never", why: "終結 is not an outcome (it may be a hand-over, a move, lost contact)." },
  { id: "emergency_support", event: "EmergencySupportProvided", emits: undefined, when: "never", why: "緊急支援 (food, housing, loans) is not job counselling." },
  { id: "stage_move", event: "StageMoved", emits: undefined, when: "never", why: "A judgement about the person, not a contact or an outcome (see `totalDaysIn`, `stagnation`)." },
  {
    id: "referral_outcome",
    event: "ReferralOutcomeRecorded",
    emits: undefined,
    when: "never",
    why: "The status of a referral already counted, not a new contact; a job counts at PlacementRecorded, so an outcome `placed` would count it twice."
  },
  {
    id: "follow_up",
    event: "FollowUpRecorded",
    emits: undefined,
    when: "never",
    why: "定着支援 is retention support, neither job counselling nor employer information gathering (事業主への情報収集)."
  },
  { id: "separation", event: "SeparationRecorded", emits: undefined, when: "never", why: "Leaving the job does not undo the placement: the survey counts placements, not jobs held." }
]

/**
 * Services of a support decision that mean employment support (就労支援), by default: the
 * consultation service's own employment support, Hello Work, intermediate work and every work
 * referral destination (docs/glossary.md). Decisions name services as free text; pass your own list when
 * your codes differ.
 * @category counting
 * @since 0.1.0
 */
export const defaultEmploymentServices: ReadonlyArray<string> = [
  "employment_support",
  "hello_work",
  "hello_work_referral",
  "intermediate_work",
  "employment_readiness",
  "certified_work_training",
  "workplace_experience",
  "youth_support_station",
  "private_placement",
  "transition_support",
  "continuous_support_a",
  "continuous_support_b",
  "silver_center",
  "disability_work_life_center"
]

/**
 * Referral destinations that are a path to work, by default every destination
 * except household budget support (家計改善支援).
 * @category counting
 * @since 0.1.0
 */
export const defaultEmploymentDestinations: ReadonlyArray<Destination> = Destination.literals.filter((d) => d !== "household_budget_support")

/**
 * Where and whom a case's events are counted for (集計の文脈): the `site` (拠点), the person
 * (`personRef`, default the case's `subjectId`; pass a pseudonym when the subject id is personal
 * data), the person's target groups (対象者区分, Metric's ids) fixed or as of a date, and which
 * decided services and referral destinations mean employment support.
 * @category counting
 * @since 0.1.0
 */
export interface MetricContext {
  readonly site: string
  readonly personRef?: string
  readonly targetGroups: ReadonlyArray<string> | ((date: Period.LocalDate) => ReadonlyArray<string>)
  readonly employmentServices?: ReadonlyArray<string>
  readonly employmentDestinations?: ReadonlyArray<Destination>
}

/**
 * Why events could not be counted (集計変換エラー), naming the offending field: an empty `site` or
 * `personRef`, a target group that is not a Metric id (`targetGroups.i`, also when the function
 * returned it), or an event before the case was opened with no `personRef` (`events.i`). With
 * {@link toMetricEventsMany} the path starts with the stream's index.
 * @category counting
 * @since 0.1.0
 */
export const MetricMappingError = Schema.TaggedStruct("MetricMappingError", {
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  message: Schema.String,
  messageJa: Schema.String
})
/** @category counting */
export type MetricMappingError = typeof MetricMappingError.Type

/** A metric event with where it came from: the index of the case event and the rule's id. @category counting @since 0.1.0 */
export interface TracedMetricEvent {
  readonly source: number
  readonly rule: string
  readonly event: Metric.MetricEvent
}

/** One case's events and the context to count them in. @category counting @since 0.1.0 */
export interface CaseStream {
  readonly events: Iterable<Event>
  readonly context: MetricContext
}

const mappingError = (path: Path, message: string, messageJa: string): MetricMappingError => ({ _tag: "MetricMappingError", path, message, messageJa })

const isTargetGroupId = Schema.is(Metric.TargetGroupId)

const checkGroups = (groups: ReadonlyArray<string>, date: Period.LocalDate | undefined): Result.Result<ReadonlyArray<string>, MetricMappingError> => {
  if (!Array.isArray(groups)) {
    return Result.fail(mappingError(["targetGroups"], `expected an array of target-group ids${date === undefined ? "" : ` for ${date}`}`, "対象者区分は配列で指定してください"))
  }
  const bad = groups.findIndex((g) => !isTargetGroupId(g))
  if (bad < 0) return Result.succeed(groups.slice())
  const as = date === undefined ? "" : ` (as of ${date})`
  return Result.fail(
    mappingError(["targetGroups", bad], `target group ${JSON.stringify(groups[bad])}${as} is not a target-group id (snake_case, e.g. welfare_recipient)`, `対象者区分「${String(groups[bad])}」は不正です`)
  )
}

const isNonEmptyString = (u: unknown): u is string => typeof u === "string" && u.length > 0

/** Checks the context once; a function of the date is checked each time it answers. */
const checkContext = (context: MetricContext): Result.Result<(date: Period.LocalDate) => Result.Result<ReadonlyArray<string>, MetricMappingError>, MetricMappingError> => {
  if (!isNonEmptyString(context.site)) return Result.fail(mappingError(["site"], "site must be a non-empty string", "拠点（site）を指定してください"))
  if (context.personRef !== undefined && !isNonEmptyString(context.personRef)) {
    return Result.fail(mappingError(["personRef"], "personRef must be a non-empty string when given", "本人参照（personRef）が空です"))
  }
  const groups = context.targetGroups
  if (typeof groups === "function") {
    const memo = new Map<string, Result.Result<ReadonlyArray<string>, MetricMappingError>>()
    return Result.succeed((date) => {
      let r = memo.get(date)
      if (r === undefined) {
        r = checkGroups(groups(date), date)
        memo.set(date, r)
      }
      return r
    })
  }
  const fixed = checkGroups(groups, undefined)
  return Result.isFailure(fixed) ? Result.fail(fixed.failure) : Result.succeed(() => fixed)
}

/**
 * Counts one case: each event mapped by {@link metricRules} to zero or more metric events, each
 * traced to the case event (`source`, its index) and the rule that emitted it. Pure; events are
 * trusted as in `Case.replay` (decode stored rows with `Case.decodeEvent` first). The stream is
 * read from its `CaseOpened` (which resets the once-per-episode rules); a stream that starts later
 * (after a snapshot) needs `context.personRef`, and then counts plans and employment support from
 * the first decision it sees.
 * @category counting
 * @since 0.1.0
 */
export const explainMetricEvents = (events: Iterable<Event>, context: MetricContext): Result.Result<ReadonlyArray<TracedMetricEvent>, MetricMappingError> => {
  const checked = checkContext(context)
  if (Result.isFailure(checked)) return Result.fail(checked.failure)
  const groupsOn = checked.success
  const counting: Counting = {
    services: new Set(context.employmentServices ?? defaultEmploymentServices),
    destinations: new Set<string>(context.employmentDestinations ?? defaultEmploymentDestinations),
    planMade: false,
    employmentStarted: false
  }
  const out: Array<TracedMetricEvent> = []
  let person = context.personRef
  let source = 0
  for (const event of events) {
    if (event._tag === "CaseOpened") person = context.personRef ?? event.subjectId
    const emits = emitted(event, counting)
    if (emits.length > 0) {
      if (person === undefined) {
        return Result.fail(
          mappingError(["events", source], `event ${source} (${event._tag}) comes before the case was opened and the context gives no personRef`, `相談受付より前の記録です。personRef を指定してください（${source}件目）`)
        )
      }
      const groups = groupsOn(event.occurredAt)
      if (Result.isFailure(groups)) return Result.fail(groups.failure)
      for (const e of emits) {
        const base = { kind: e.kind, personRef: person, date: event.occurredAt, site: context.site, targetGroups: groups.success }
        out.push({ source, rule: e.rule, event: e.employerRef === undefined ? base : { ...base, employerRef: e.employerRef } })
      }
    }
    source++
  }
  return Result.succeed(out)
}

/** What the counting fold remembers within a support episode, and the context's code lists. */
interface Counting {
  readonly services: ReadonlySet<string>
  readonly destinations: ReadonlySet<string>
  planMade: boolean
  employmentStarted: boolean
}

interface Emission {
  readonly rule: string
  readonly kind: Metric.MetricEventKind
  readonly employerRef?: string
}

const NOTHING: ReadonlyArray<Emission> = []

/** The rows of {@link metricRules} that fire for one event (updating the episode's memory). */
const emitted = (event: Event, counting: Counting): ReadonlyArray<Emission> => {
  switch (event._tag) {
    case "CaseOpened":
      counting.planMade = false
      counting.employmentStarted = false
      return [{ rule: "intake", kind: "intake" }]
    case "CaseReopened":
      counting.planMade = false
      counting.employmentStarted = false
      return [{ rule: "intake_on_reopening", kind: "intake" }]
    case "SupportDecided": {
      const emits: Array<Emission> = []
      if (!counting.planMade) {
        counting.planMade = true
        emits.push({ rule: "plan_made", kind: "plan_made" })
      }
      if (!counting.employmentStarted && event.services.some((s) => counting.services.has(s))) {
        counting.employmentStarted = true
        emits.push({ rule: "employment_support_decided", kind: "employment_support_started" })
      }
      return emits
    }
    case "Referred": {
      const emits: Array<Emission> = []
      if (!counting.employmentStarted && counting.destinations.has(event.destination)) {
        counting.employmentStarted = true
        emits.push({ rule: "employment_support_referred", kind: "employment_support_started" })
      }
      if (event.destination === "hello_work") emits.push({ rule: "hello_work_consultation", kind: "consultation" })
      return emits
    }
    case "PreConsultationHeld":
      return [{ rule: "pre_consultation", kind: "consultation" }]
    case "PlacementRecorded":
      return [event.disclosure === "disclosed" ? { rule: "placement", kind: "placement", employerRef: event.employer } : { rule: "placement", kind: "placement" }]
    case "WelfareExitRecorded":
      return [{ rule: "welfare_exit", kind: "welfare_exit" }]
    default:
      return NOTHING
  }
}

/**
 * The metric events of one case (集計用事象), by the table {@link metricRules}: e.g. `CaseOpened`
 * → `intake`, the first `SupportDecided` of an episode → `plan_made` (and
 * `employment_support_started` when it names employment support), a Hello Work referral →
 * `consultation`, `PlacementRecorded` → `placement` (with the employer only when disclosed),
 * `WelfareExitRecorded` → `welfare_exit`. Each is dated on its case event's `occurredAt`. Feed
 * them to `Metric.foldMap`; see {@link explainMetricEvents} for which rule emitted what.
 * @category counting
 * @since 0.1.0
 */
export const toMetricEvents = (events: Iterable<Event>, context: MetricContext): Result.Result<ReadonlyArray<Metric.MetricEvent>, MetricMappingError> =>
  Result.map(explainMetricEvents(events, context), (traced) => traced.map((t) => t.event))

const inStream = (index: number) => (e: MetricMappingError): MetricMappingError => ({ ...e, path: [index, ...e.path], message: `stream ${index}: ${e.message}` })

/**
 * The metric events of many cases, stream after stream (each with its own context); an error
 * names the stream's index first.
 * @category counting
 * @since 0.1.0
 */
export const toMetricEventsMany = (streams: Iterable<CaseStream>): Result.Result<ReadonlyArray<Metric.MetricEvent>, MetricMappingError> => {
  const out: Array<Metric.MetricEvent> = []
  let i = 0
  for (const stream of streams) {
    const r = toMetricEvents(stream.events, stream.context)
    if (Result.isFailure(r)) return Result.fail(inStream(i)(r.failure))
    for (const e of r.success) out.push(e)
    i++
  }
  return Result.succeed(out)
}

/**
 * The tally (集計表) of many cases: `Metric.combine` of each case's `Metric.foldMap`, so a site
 * can tally cases one by one (or in parallel) and merge; equal to folding
 * {@link toMetricEventsMany}'s output at once.
 * @category counting
 * @since 0.1.0
 */
export const toMetricTally = (streams: Iterable<CaseStream>): Result.Result<Metric.Tally, MetricMappingError> => {
  let tally = Metric.empty
  let i = 0
  for (const stream of streams) {
    const r = toMetricEvents(stream.events, stream.context)
    if (Result.isFailure(r)) return Result.fail(inStream(i)(r.failure))
    tally = Metric.combine(tally, Metric.foldMap(r.success))
    i++
  }
  return Result.succeed(tally)
}
