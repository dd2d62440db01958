// Counting a case: Case.toMetricEvents maps case events onto Metric events by the table
// Case.metricRules. Given/when/then examples first, laws at the end.
import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { coverage } from "./coverage.ts"
import { Case, Metric, Period } from "@jiritsu/core"
import { arbBadMetricContext, arbCaseEvents, arbCaseStream, arbCaseStreams, arbMetricContext } from "./arbitraries.ts"

const d = Period.unsafeDate
const caseworker: Case.Actor = { organisation: "municipality", role: "caseworker" }
const supporter: Case.Actor = { organisation: "consultation_agency", role: "employment_support_worker" }
const navigator: Case.Actor = { organisation: "hello_work", role: "hw_navigator" }
const permit: Case.ConsentDecision = { _tag: "Permit", recordIds: ["consent-1"] }

const orThrow = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(JSON.stringify(r.failure))
  return r.success
}

/** Runs commands through the Kushiro decider, failing the test on any refusal. */
const run = (commands: ReadonlyArray<Case.Command>, from: Case.CaseState = Case.initial): { state: Case.CaseState; events: ReadonlyArray<Case.Event> } => {
  let state = from
  const events: Array<Case.Event> = []
  for (const c of commands) {
    const r = orThrow(Case.handle(state, c))
    state = r.state
    events.push(...r.events)
  }
  return { state, events }
}

const figure = (tally: Metric.Tally, query: Metric.MetricQuery, catalog?: Metric.MetricCatalog): number | undefined =>
  Metric.numberOf(orThrow(Metric.evaluate(tally, query, catalog)).value)

const kindsOf = (events: ReadonlyArray<Metric.MetricEvent>) => events.map((e) => `${e.date} ${e.kind}`)

const opening = (caseId: string, subjectId: string, on: string, beforePlan: ReadonlyArray<Case.Command> = []): ReadonlyArray<Case.Command> => [
  { _tag: "OpenCase", occurredAt: d(on), actor: caseworker, caseId, subjectId, publicAssistance: true },
  { _tag: "Assess", occurredAt: d(on), actor: supporter, startingStage: "social_life" },
  ...beforePlan,
  { _tag: "DraftPlan", occurredAt: d(on), actor: supporter, planId: "plan-1", goals: ["work"] }
]

describe("Case.toMetricEvents: a Kushiro path", () => {
  // Given the Kushiro case of the guide: intake, a plan approved and decided with intermediate work,
  // a Hello Work referral that fails and sends the person back to intermediate work.
  const { events } = run([
    ...opening("kushiro-17", "person-17", "2013-04-01"),
    { _tag: "HoldCoordinationMeeting", occurredAt: d("2013-04-15"), actor: caseworker, planId: "plan-1", outcome: "revise", participants: ["municipality"] },
    { _tag: "DraftPlan", occurredAt: d("2013-04-16"), actor: supporter, planId: "plan-2", goals: ["net mending"] },
    { _tag: "HoldCoordinationMeeting", occurredAt: d("2013-04-22"), actor: caseworker, planId: "plan-2", outcome: "approved", participants: ["municipality", "contractor", "hello_work"] },
    { _tag: "DecideSupport", occurredAt: d("2013-04-23"), actor: caseworker, planId: "plan-2", services: ["intermediate_work"], authorisedStages: [] },
    { _tag: "StartDelivery", occurredAt: d("2013-05-01"), actor: supporter },
    { _tag: "MoveStage", occurredAt: d("2013-06-01"), actor: supporter, to: "intermediate_work_unpaid", reason: "ready_for_work_experience" },
    { _tag: "MoveStage", occurredAt: d("2013-10-01"), actor: supporter, to: "employment", reason: "ready_for_job_search" },
    { _tag: "Refer", occurredAt: d("2013-10-02"), actor: supporter, referralId: "hw-1", destination: "hello_work", channel: "desk", consent: permit },
    { _tag: "RecordReferralOutcome", occurredAt: d("2014-01-10"), actor: navigator, referralId: "hw-1", outcome: "not_placed", returnTo: { stage: "intermediate_work_unpaid", reason: "job_search_failed" } }
  ])
  const context: Case.MetricContext = { site: "kushiro", targetGroups: ["welfare_recipient"] }

  it("when counted, then: one intake, one plan (at the decision, not at either draft), employment support from the decision, one Hello Work consultation", () => {
    const metricEvents = orThrow(Case.toMetricEvents(events, context))
    expect(kindsOf(metricEvents)).toEqual(["2013-04-01 intake", "2013-04-23 plan_made", "2013-04-23 employment_support_started", "2013-10-02 consultation"])
    expect(new Set(metricEvents.map((e) => e.personRef))).toEqual(new Set(["person-17"]))
    expect(metricEvents.every((e) => e.site === "kushiro" && e.targetGroups.join() === "welfare_recipient")).toBe(true)
  })

  it("then the FY2013 figures: 1 new consultation, 1 plan, 1 employment-support client, nobody placed (rate 0)", () => {
    const tally = Metric.foldMap(orThrow(Case.toMetricEvents(events, context)))
    const fy2013 = { window: Period.fiscalYearWindow(Period.unsafeFiscalYear(2013)) }
    expect(figure(tally, { metric: "new_consultations", filter: fy2013 })).toBe(1)
    expect(figure(tally, { metric: "plans_made", filter: fy2013 })).toBe(1)
    expect(figure(tally, { metric: "employment_support_clients", filter: fy2013 })).toBe(1)
    expect(figure(tally, { metric: "consultations", filter: fy2013 })).toBe(1)
    expect(figure(tally, { metric: "placement_rate", filter: fy2013 })).toBe(0)
  })

  it("explainMetricEvents names the source event and the rule of every figure", () => {
    const traced = orThrow(Case.explainMetricEvents(events, context))
    expect(traced.map((t) => [events[t.source]!._tag, t.rule])).toEqual([
      ["CaseOpened", "intake"],
      ["SupportDecided", "plan_made"],
      ["SupportDecided", "employment_support_decided"],
      ["Referred", "hello_work_consultation"]
    ])
  })
})

describe("Case.toMetricEvents: a Koga placement with follow-ups", () => {
  const start = run([
    ...opening("koga-3", "person-3", "2019-03-01", [{ _tag: "HoldPreConsultation", occurredAt: d("2019-03-01"), actor: navigator, outcome: "can_work", consent: permit }]),
    { _tag: "HoldCoordinationMeeting", occurredAt: d("2019-03-06"), actor: caseworker, planId: "plan-1", outcome: "approved", participants: ["municipality", "hello_work"] },
    { _tag: "DecideSupport", occurredAt: d("2019-03-06"), actor: caseworker, planId: "plan-1", services: ["hello_work"], authorisedStages: [] },
    { _tag: "StartDelivery", occurredAt: d("2019-03-07"), actor: navigator },
    { _tag: "Refer", occurredAt: d("2019-03-08"), actor: caseworker, referralId: "hw-1", destination: "hello_work", channel: "desk", consent: permit },
    { _tag: "Refer", occurredAt: d("2019-03-12"), actor: caseworker, referralId: "hw-2", destination: "hello_work", channel: "visiting", consent: permit }
  ])
  const placed = (disclosure: Case.Disclosure) =>
    run(
      [
        {
          _tag: "RecordPlacement",
          occurredAt: d("2019-03-20"),
          actor: navigator,
          placementId: "job-1",
          employer: "Koga Foods",
          startDate: d("2019-04-01"),
          hoursPerWeek: 30,
          disclosure,
          ...(disclosure === "disclosed" ? { consent: { _tag: "Permit", recordIds: ["consent-employer"] } as const } : {})
        },
        { _tag: "RecordFollowUp", occurredAt: d("2019-05-02"), actor: navigator, placementId: "job-1", milestone: 1, contact: "employer_neutral_pretext", stillEmployed: true },
        { _tag: "RecordFollowUp", occurredAt: d("2019-07-01"), actor: navigator, placementId: "job-1", milestone: 3, contact: "person", stillEmployed: true },
        { _tag: "RecordWelfareExit", occurredAt: d("2019-07-31"), actor: caseworker, reason: "employment_income", placementId: "job-1" }
      ],
      start.state
    )
  const context: Case.MetricContext = { site: "koga", targetGroups: (date) => (date < "2019-08-01" ? ["welfare_recipient"] : ["needy_person"]) }

  it("given an undisclosed placement, when counted, then the placement has no employer and follow-ups count nothing", () => {
    const metricEvents = orThrow(Case.toMetricEvents([...start.events, ...placed("not_disclosed").events], context))
    expect(kindsOf(metricEvents)).toEqual([
      "2019-03-01 intake",
      "2019-03-01 consultation", // プレ相談 with the navigator
      "2019-03-06 plan_made",
      "2019-03-06 employment_support_started", // once, although two Hello Work referrals follow
      "2019-03-08 consultation",
      "2019-03-12 consultation",
      "2019-03-20 placement",
      "2019-07-31 welfare_exit"
    ])
    expect(metricEvents.find((e) => e.kind === "placement")).not.toHaveProperty("employerRef")
    const tally = Metric.foldMap(metricEvents)
    expect(figure(tally, { metric: "hiring_companies" })).toBe(0)
    expect(figure(tally, { metric: "placement_rate", filter: { targetGroups: ["welfare_recipient"] } })).toBe(1)
    expect(figure(tally, { metric: "welfare_exits" })).toBe(1)
    expect(figure(tally, { metric: "consultations" })).toBe(3)
    expect(figure(tally, { metric: "consultation_people" })).toBe(1)
  })

  it("given a disclosed placement, then the employer is named and counted once among hiring companies", () => {
    const metricEvents = orThrow(Case.toMetricEvents([...start.events, ...placed("disclosed").events], context))
    expect(metricEvents.find((e) => e.kind === "placement")?.employerRef).toBe("Koga Foods")
    expect(figure(Metric.foldMap(metricEvents), { metric: "hiring_companies" })).toBe(1)
  })

  it("given the person leaves the job and the case is re-opened, then a new intake counts, the person once", () => {
    const { state, events } = placed("not_disclosed")
    const later = run(
      [
        { _tag: "RecordSeparation", occurredAt: d("2019-08-15"), actor: caseworker, placementId: "job-1", reason: "resigned" },
        { _tag: "CloseCase", occurredAt: d("2019-08-20"), actor: caseworker, reason: "other" },
        { _tag: "ReopenCase", occurredAt: d("2019-09-02"), actor: caseworker, reason: "re-support after leaving a job", publicAssistance: true },
        { _tag: "Assess", occurredAt: d("2019-09-03"), actor: supporter, startingStage: "intermediate_work_unpaid" },
        { _tag: "DraftPlan", occurredAt: d("2019-09-04"), actor: supporter, planId: "plan-2", goals: ["work again"] },
        { _tag: "HoldCoordinationMeeting", occurredAt: d("2019-09-10"), actor: caseworker, planId: "plan-2", outcome: "approved", participants: ["municipality"] },
        { _tag: "DecideSupport", occurredAt: d("2019-09-10"), actor: caseworker, planId: "plan-2", services: [], authorisedStages: [] },
        { _tag: "Refer", occurredAt: d("2019-09-12"), actor: caseworker, referralId: "readiness-1", destination: "employment_readiness" },
        { _tag: "Refer", occurredAt: d("2019-09-13"), actor: caseworker, referralId: "budget-1", destination: "household_budget_support" }
      ],
      state
    )
    const metricEvents = orThrow(Case.toMetricEvents([...start.events, ...events, ...later.events], context))
    expect(kindsOf(metricEvents).slice(8)).toEqual(["2019-09-02 intake", "2019-09-10 plan_made", "2019-09-12 employment_support_started"])
    expect(metricEvents.slice(8).every((e) => e.targetGroups.join() === "needy_person")).toBe(true)
    const tally = Metric.foldMap(metricEvents)
    expect(figure(tally, { metric: "new_consultations" })).toBe(2)
    expect(figure(tally, { metric: "plans_made" })).toBe(2)
    expect(figure(tally, { metric: "employment_support_clients" })).toBe(1)
  })
})

describe("Case.toMetricEvents: a plan revised after evaluation is not a new plan", () => {
  it("given two support decisions in one episode, when counted, then one plan_made", () => {
    const { events } = run([
      ...opening("c-1", "p-1", "2020-04-01"),
      { _tag: "HoldCoordinationMeeting", occurredAt: d("2020-04-10"), actor: caseworker, planId: "plan-1", outcome: "approved", participants: [] },
      { _tag: "DecideSupport", occurredAt: d("2020-04-10"), actor: caseworker, planId: "plan-1", services: ["household_budget"], authorisedStages: [] },
      { _tag: "StartDelivery", occurredAt: d("2020-04-11"), actor: supporter },
      { _tag: "RecordMonitoring", occurredAt: d("2020-06-01"), actor: supporter },
      { _tag: "Evaluate", occurredAt: d("2020-07-01"), actor: supporter, outcome: "continue" },
      { _tag: "DraftPlan", occurredAt: d("2020-07-02"), actor: supporter, planId: "plan-2", goals: ["work"] },
      { _tag: "HoldCoordinationMeeting", occurredAt: d("2020-07-10"), actor: caseworker, planId: "plan-2", outcome: "approved", participants: [] },
      { _tag: "DecideSupport", occurredAt: d("2020-07-10"), actor: caseworker, planId: "plan-2", services: ["employment_support"], authorisedStages: [] }
    ])
    const traced = orThrow(Case.explainMetricEvents(events, { site: "s", targetGroups: [] }))
    // The revised plan adds employment support: that starts at the second decision; the plan counted once.
    expect(traced.map((t) => `${t.event.date} ${t.rule}`)).toEqual(["2020-04-01 intake", "2020-04-10 plan_made", "2020-07-10 employment_support_decided"])
  })

  it("a site's own service codes decide what employment support is", () => {
    const { events } = run([
      ...opening("c-1", "p-1", "2020-04-01"),
      { _tag: "HoldCoordinationMeeting", occurredAt: d("2020-04-10"), actor: caseworker, planId: "plan-1", outcome: "approved", participants: [] },
      { _tag: "DecideSupport", occurredAt: d("2020-04-10"), actor: caseworker, planId: "plan-1", services: ["就労支援"], authorisedStages: [] }
    ])
    const count = (context: Case.MetricContext) => orThrow(Case.toMetricEvents(events, context)).filter((e) => e.kind === "employment_support_started").length
    expect(count({ site: "s", targetGroups: [] })).toBe(0)
    expect(count({ site: "s", targetGroups: [], employmentServices: ["就労支援"] })).toBe(1)
  })
})

describe("Case.toMetricEvents: bad input", () => {
  const { events } = run(opening("c-1", "p-1", "2020-04-01"))

  it("an empty site, an unknown target group (also from a function), a stream fragment without a person: typed errors with the path", () => {
    expect(Case.toMetricEvents(events, { site: "", targetGroups: [] })).toMatchObject({ _tag: "Failure", failure: { _tag: "MetricMappingError", path: ["site"] } })
    const fromFunction = Case.toMetricEvents(events, { site: "s", targetGroups: (date) => (date < "2021-01-01" ? ["Welfare"] : []) })
    expect(Result.isFailure(fromFunction) && fromFunction.failure.path).toEqual(["targetGroups", 0])
    expect(Result.isFailure(fromFunction) && fromFunction.failure.message).toContain("as of 2020-04-01")
    const fragment = events.slice(1).concat([{ _tag: "PreConsultationHeld", occurredAt: d("2020-04-02"), actor: navigator, outcome: "unclear", consentRecordIds: [] }])
    const noPerson = Case.toMetricEvents(fragment, { site: "s", targetGroups: [] })
    expect(Result.isFailure(noPerson) && noPerson.failure.path).toEqual(["events", 2])
    expect(orThrow(Case.toMetricEvents(fragment, { site: "s", personRef: "p-1", targetGroups: [] })).map((e) => e.kind)).toEqual(["consultation"])
  })

  it("each bad context or stream is refused with its path and a message in English and Japanese", () => {
    const failure = (r: Result.Result<unknown, Case.MetricMappingError>) => (Result.isFailure(r) ? r.failure : undefined)
    const error = (path: ReadonlyArray<string | number>, message: string, messageJa: string) => ({ _tag: "MetricMappingError", path, message, messageJa })
    expect(failure(Case.toMetricEvents(events, { site: "", targetGroups: [] }))).toEqual(error(["site"], "site must be a non-empty string", "拠点（site）を指定してください"))
    expect(failure(Case.toMetricEvents(events, { site: "s", personRef: "", targetGroups: [] }))).toEqual(error(["personRef"], "personRef must be a non-empty string when given", "本人参照（personRef）が空です"))
    expect(failure(Case.toMetricEvents(events, { site: "s", targetGroups: "youth" as never }))).toEqual(error(["targetGroups"], "expected an array of target-group ids", "対象者区分は配列で指定してください"))
    expect(failure(Case.toMetricEvents(events, { site: "s", targetGroups: () => "youth" as never }))).toEqual(error(["targetGroups"], "expected an array of target-group ids for 2020-04-01", "対象者区分は配列で指定してください"))
    expect(failure(Case.toMetricEvents(events, { site: "s", targetGroups: ["youth", "Welfare"] }))).toEqual(
      error(["targetGroups", 1], 'target group "Welfare" is not a target-group id (snake_case, e.g. welfare_recipient)', "対象者区分「Welfare」は不正です")
    )
    expect(failure(Case.toMetricEvents(events, { site: "s", targetGroups: () => ["Welfare"] }))).toEqual(
      error(["targetGroups", 0], 'target group "Welfare" (as of 2020-04-01) is not a target-group id (snake_case, e.g. welfare_recipient)', "対象者区分「Welfare」は不正です")
    )
    const fragment: ReadonlyArray<Case.Event> = [...events.slice(1), { _tag: "PreConsultationHeld", occurredAt: d("2020-04-02"), actor: navigator, outcome: "unclear", consentRecordIds: [] }]
    expect(failure(Case.toMetricEvents(fragment, { site: "s", targetGroups: [] }))).toEqual(
      error(["events", 2], "event 2 (PreConsultationHeld) comes before the case was opened and the context gives no personRef", "相談受付より前の記録です。personRef を指定してください（2件目）")
    )
    const streams = [
      { events, context: { site: "s", targetGroups: [] } },
      { events, context: { site: "", targetGroups: [] } }
    ]
    const expected = error([1, "site"], "stream 1: site must be a non-empty string", "拠点（site）を指定してください")
    expect(failure(Case.toMetricEventsMany(streams))).toEqual(expected)
    expect(failure(Case.toMetricTally(streams))).toEqual(expected)
  })

  it("many streams: the error names the stream first", () => {
    const r = Case.toMetricEventsMany([
      { events, context: { site: "s", targetGroups: [] } },
      { events, context: { site: "s", targetGroups: ["youth", "Youth"] } }
    ])
    expect(Result.isFailure(r) && r.failure.path).toEqual([1, "targetGroups", 1])
    expect(Result.isFailure(Case.toMetricTally([{ events, context: { site: "", targetGroups: [] } }]))).toBe(true)
  })
})

describe("Case.metricRules: the counting table", () => {
  it("has a row for every event tag, unique ids, and emits only Metric event kinds", () => {
    const tags = new Set(Case.metricRules.map((r) => r.event))
    expect([...tags].sort()).toEqual(Object.keys(Case.Event.cases).sort())
    expect(new Set(Case.metricRules.map((r) => r.id)).size).toBe(Case.metricRules.length)
    for (const r of Case.metricRules) if (r.emits !== undefined) expect(Metric.eventKinds).toContain(r.emits)
    // earnings_increase and employer_contact have no case event: they come from other sources.
    expect(Case.metricRules.some((r) => r.emits === "earnings_increase" || r.emits === "employer_contact")).toBe(false)
  })
})

/** The events of each episode (split at CaseOpened / CaseReopened), independent of the implementation's flags. */
const episodes = (events: ReadonlyArray<Case.Event>): ReadonlyArray<ReadonlyArray<Case.Event>> => {
  const out: Array<Array<Case.Event>> = []
  for (const e of events) {
    if (e._tag === "CaseOpened" || e._tag === "CaseReopened" || out.length === 0) out.push([])
    out[out.length - 1]!.push(e)
  }
  return out
}

const startsEmploymentSupport = (e: Case.Event): boolean =>
  (e._tag === "SupportDecided" && e.services.some((s) => Case.defaultEmploymentServices.includes(s))) ||
  (e._tag === "Referred" && Case.defaultEmploymentDestinations.includes(e.destination))

const personOf = (stream: Case.CaseStream & { readonly events: ReadonlyArray<Case.Event> }): string => {
  const opened = stream.events.find((e) => e._tag === "CaseOpened")
  return stream.context.personRef ?? (opened?._tag === "CaseOpened" ? opened.subjectId : "")
}

const intakePeople = orThrow(
  Metric.makeCatalog([...Metric.builtinMetrics, { _tag: "Count", id: "intake_people", label: { ja: "新規相談者（実人数）", en: "people with an intake" }, unit: { ja: "人", en: "people" }, kinds: ["intake"], counting: "people" }])
)

const distinctMetrics = Metric.builtinMetrics.filter((m) => m._tag === "Ratio" || m.counting !== "events").map((m) => m.id)
const eventMetrics = Metric.builtinMetrics.filter((m) => m._tag === "Count" && m.counting === "events").map((m) => m.id)

describe("properties", () => {
  it("every emitted MetricEvent decodes with Metric.decodeEvent, unchanged (≥ 20 % of runs emit a placement with its employer)", () => {
    const cov = coverage({ employer: 0.2 })
    fc.assert(
      fc.property(arbCaseEvents, arbMetricContext, (events, context) => {
        cov.run()
        const emitted = orThrow(Case.toMetricEvents(events, context))
        cov.hit("employer", emitted.some((e) => e.employerRef !== undefined))
        for (const e of emitted) expect(orThrow(Metric.decodeEvent(e))).toEqual(e)
      })
    )
    cov.check()
  })

  it("an emitted event is dated on its case event's occurredAt, follows its table row, and carries the context's groups for that date (≥ 30 % of runs with groups that change with the date, ≥ 20 % with two events from one case event)", () => {
    const cov = coverage({ datedGroups: 0.3, twoFromOne: 0.2 })
    fc.assert(
      fc.property(arbCaseEvents, arbMetricContext, (events, context) => {
        cov.run()
        cov.hit("datedGroups", typeof context.targetGroups === "function")
        const traced = orThrow(Case.explainMetricEvents(events, context))
        cov.hit("twoFromOne", traced.some((t, i) => i > 0 && traced[i - 1]!.source === t.source))
        for (const t of traced) {
          const source = events[t.source]!
          expect(t.event.date).toBe(source.occurredAt)
          const row = Case.metricRules.find((r) => r.id === t.rule)
          expect(row?.event).toBe(source._tag)
          expect(row?.emits).toBe(t.event.kind)
          const groups = typeof context.targetGroups === "function" ? context.targetGroups(source.occurredAt) : context.targetGroups
          expect(t.event.targetGroups).toEqual(groups)
          expect(t.event.site).toBe(context.site)
        }
      })
    )
    cov.check()
  })

  it("the tally of many case streams concatenated = combine of the per-stream tallies (and toMetricTally, toMetricEventsMany agree) (≥ 50 % of runs with two streams or more)", () => {
    const cov = coverage({ several: 0.5 })
    fc.assert(
      fc.property(arbCaseStreams, fc.constantFrom("site_a", "site_b"), fc.subarray(["youth", "single_parent"]), (streams, site, targetGroups) => {
        cov.run()
        cov.hit("several", streams.length >= 2)
        const context = { site, targetGroups }
        const perStream = streams.map((s) => Metric.foldMap(orThrow(Case.toMetricEvents(s.events, context))))
        const concatenated = Metric.foldMap(orThrow(Case.toMetricEvents(streams.flatMap((s) => s.events), context)))
        expect(Metric.equals(concatenated, Metric.combineAll(perStream))).toBe(true)
        const withOwnContexts = streams.map((s) => Metric.foldMap(orThrow(Case.toMetricEvents(s.events, s.context))))
        const many = orThrow(Case.toMetricTally(streams))
        expect(Metric.equals(many, Metric.combineAll(withOwnContexts))).toBe(true)
        expect(Metric.equals(many, Metric.foldMap(orThrow(Case.toMetricEventsMany(streams))))).toBe(true)
        // any order of the cases gives the same tally
        expect(Metric.equals(many, orThrow(Case.toMetricTally([...streams].reverse())))).toBe(true)
      })
    )
    cov.check()
  })

  it("counts match the case state: placements, intakes per episode, plans and employment support once per episode, welfare exits, Hello Work consultations (≥ 30 % of runs with a second episode, ≥ 20 % a placement, ≥ 10 % an exit from welfare, ≥ 20 % a consultation)", () => {
    const cov = coverage({ secondEpisode: 0.3, placement: 0.2, welfareExit: 0.1, consultation: 0.2 })
    fc.assert(
      fc.property(arbCaseEvents, arbMetricContext, (events, context) => {
        cov.run()
        const state = Case.replay(events)
        const emitted = orThrow(Case.toMetricEvents(events, context))
        cov.hit("secondEpisode", state.episode >= 2)
        cov.hit("placement", state.placements.length > 0)
        cov.hit("welfareExit", state.welfareExitAt !== undefined)
        cov.hit("consultation", emitted.some((e) => e.kind === "consultation"))
        const count = (kind: Metric.MetricEventKind) => emitted.filter((e) => e.kind === kind).length
        expect(count("placement")).toBe(state.placements.length)
        expect(count("intake")).toBe(state.episode)
        const eps = episodes(events)
        expect(count("plan_made")).toBe(eps.filter((ep) => ep.some((e) => e._tag === "SupportDecided")).length)
        expect(count("employment_support_started")).toBe(eps.filter((ep) => ep.some(startsEmploymentSupport)).length)
        expect(count("welfare_exit")).toBe(events.filter((e) => e._tag === "WelfareExitRecorded").length)
        const exits = emitted.filter((e) => e.kind === "welfare_exit")
        expect(exits[exits.length - 1]?.date).toBe(state.welfareExitAt)
        expect(count("consultation")).toBe(events.filter((e) => e._tag === "PreConsultationHeld" || (e._tag === "Referred" && e.destination === "hello_work")).length)
        const disclosed = state.placements.filter((p) => p.disclosure === "disclosed").map((p) => p.employer)
        expect(emitted.flatMap((e) => (e.kind === "placement" && e.employerRef !== undefined ? [e.employerRef] : []))).toEqual(disclosed)
        expect(count("earnings_increase") + count("employer_contact")).toBe(0)
      })
    )
    cov.check()
  })

  it("employment support starts only in an episode with a plan, never before it; plans only after an intake (≥ 30 % of runs start employment support)", () => {
    const cov = coverage({ started: 0.3 })
    fc.assert(
      fc.property(arbCaseEvents, arbMetricContext, (events, context) => {
        cov.run()
        let intakeAt: string | undefined
        let planAt: string | undefined
        for (const e of orThrow(Case.toMetricEvents(events, context))) {
          if (e.kind === "intake") [intakeAt, planAt] = [e.date, undefined]
          if (e.kind === "plan_made") {
            expect(intakeAt !== undefined && intakeAt <= e.date).toBe(true)
            planAt = e.date
          }
          if (e.kind === "employment_support_started") {
            cov.hit("started")
            expect(planAt !== undefined && planAt <= e.date).toBe(true)
          }
        }
      })
    )
    cov.check()
  })

  it("distinct persons with an intake = the number of distinct people among the cases (≥ 20 % of runs with one person in two cases)", () => {
    const cov = coverage({ samePerson: 0.2 })
    fc.assert(
      fc.property(arbCaseStreams, (streams) => {
        cov.run()
        cov.hit("samePerson", new Set(streams.map(personOf)).size < streams.length)
        const tally = orThrow(Case.toMetricTally(streams))
        expect(figure(tally, { metric: "intake_people" }, intakePeople)).toBe(new Set(streams.map(personOf)).size)
        expect(figure(tally, { metric: "new_consultations" })).toBe(streams.reduce((n, s) => n + Case.replay(s.events).episode, 0))
        expect(figure(tally, { metric: "placements" })).toBe(streams.reduce((n, s) => n + Case.replay(s.events).placements.length, 0))
      })
    )
    cov.check()
  })

  it("replaying the same events twice does not double-count distinct measures (event counts exactly double) (≥ 30 % of runs count a placement)", () => {
    const cov = coverage({ placement: 0.3 })
    fc.assert(
      fc.property(arbCaseStream, (stream) => {
        cov.run()
        const once = orThrow(Case.toMetricTally([stream]))
        cov.hit("placement", (figure(once, { metric: "placements" }) ?? 0) > 0)
        const twice = orThrow(Case.toMetricTally([{ events: [...stream.events, ...stream.events], context: stream.context }]))
        for (const metric of distinctMetrics) expect(orThrow(Metric.evaluate(twice, { metric })).value, metric).toEqual(orThrow(Metric.evaluate(once, { metric })).value)
        for (const metric of eventMetrics) expect(figure(twice, { metric }), metric).toBe(2 * figure(once, { metric })!)
      })
    )
    cov.check()
  })

  it("generated bad contexts give a typed error naming the field, never an exception (≥ 20 % of runs name a target group by index, ≥ 20 % a later stream)", () => {
    const cov = coverage({ groupIndex: 0.2, laterStream: 0.2 })
    fc.assert(
      fc.property(arbCaseEvents, arbBadMetricContext, fc.nat({ max: 3 }), (events, { context, path }, at) => {
        cov.run()
        cov.hit("groupIndex", path[0] === "targetGroups" && typeof path[1] === "number")
        cov.hit("laterStream", at > 0)
        const r = Case.toMetricEvents(events, context)
        expect(Result.isFailure(r) && r.failure).toMatchObject({ _tag: "MetricMappingError", path })
        const many = Case.toMetricEventsMany([...Array.from({ length: at }, () => ({ events, context: { site: "ok", targetGroups: [] } })), { events, context }])
        expect(Result.isFailure(many) && many.failure.path).toEqual([at, ...path])
      })
    )
    cov.check()
  })
})
