// Counting: the events of two cases become Metric events, then one tally answers the targets.
import { Case, Metric, Period } from "@jiritsu/core"

const d = Period.unsafeDate
const caseworker: Case.Actor = { organisation: "municipality", role: "caseworker" }
const navigator: Case.Actor = { organisation: "hello_work", role: "hw_navigator" }

// Events as an event store returns them, one stream per case.
const koga: ReadonlyArray<Case.Event> = [
  { _tag: "CaseOpened", occurredAt: d("2019-04-01"), actor: caseworker, caseId: "koga-3", subjectId: "person-3", publicAssistance: true },
  { _tag: "Assessed", occurredAt: d("2019-04-02"), actor: navigator, startingStage: "employment", autonomyStage: "employment" },
  { _tag: "PlanDrafted", occurredAt: d("2019-04-03"), actor: caseworker, planId: "p-1", goals: ["job"], revision: 1 },
  { _tag: "CoordinationMeetingHeld", occurredAt: d("2019-04-05"), actor: caseworker, planId: "p-1", outcome: "approved", participants: ["municipality", "hello_work"] },
  { _tag: "SupportDecided", occurredAt: d("2019-04-05"), actor: caseworker, planId: "p-1", services: ["hello_work"], authorisedStages: [] },
  { _tag: "Referred", occurredAt: d("2019-04-08"), actor: caseworker, referralId: "hw-1", destination: "hello_work", channel: "desk", consentRecordIds: ["c-1"] },
  { _tag: "Referred", occurredAt: d("2019-04-15"), actor: caseworker, referralId: "hw-2", destination: "hello_work", channel: "desk", consentRecordIds: ["c-1"] },
  {
    _tag: "PlacementRecorded",
    occurredAt: d("2019-05-20"),
    actor: navigator,
    placementId: "job-1",
    employer: "Koga Foods",
    startDate: d("2019-06-01"),
    hoursPerWeek: 30,
    disclosure: "not_disclosed",
    consentRecordIds: []
  },
  { _tag: "FollowUpRecorded", occurredAt: d("2019-07-01"), actor: navigator, placementId: "job-1", milestone: 1, contact: "employer_neutral_pretext", stillEmployed: true },
  { _tag: "WelfareExitRecorded", occurredAt: d("2019-09-30"), actor: caseworker, reason: "employment_income", placementId: "job-1" }
]
const soka: ReadonlyArray<Case.Event> = [
  { _tag: "CaseOpened", occurredAt: d("2019-05-07"), actor: caseworker, caseId: "soka-8", subjectId: "person-8", publicAssistance: false },
  { _tag: "Assessed", occurredAt: d("2019-05-08"), actor: caseworker, startingStage: "social_life", autonomyStage: "social_life" },
  { _tag: "PlanDrafted", occurredAt: d("2019-05-10"), actor: caseworker, planId: "p-1", goals: ["budget"], revision: 1 },
  { _tag: "CoordinationMeetingHeld", occurredAt: d("2019-05-17"), actor: caseworker, planId: "p-1", outcome: "approved", participants: ["municipality"] },
  { _tag: "SupportDecided", occurredAt: d("2019-05-17"), actor: caseworker, planId: "p-1", services: ["household_budget"], authorisedStages: [] }
]

// What one case counts for, and why (the rule of the table in the guide).
const traced = Case.explainMetricEvents(koga, { site: "koga", targetGroups: ["welfare_recipient"] })
if (traced._tag === "Success") for (const t of traced.success) console.log(t.event.date, t.event.kind, t.rule)
// 2019-04-01 intake intake
// 2019-04-05 plan_made plan_made
// 2019-04-05 employment_support_started employment_support_decided
// 2019-04-08 consultation hello_work_consultation
// 2019-04-15 consultation hello_work_consultation
// 2019-05-20 placement placement          (no employerRef: the employer was not told)
// 2019-09-30 welfare_exit welfare_exit

// Many cases: each stream with its context (target groups may depend on the date), one tally.
const tally = Case.toMetricTally([
  { events: koga, context: { site: "koga", targetGroups: (date) => (date < "2019-09-30" ? ["welfare_recipient"] : ["needy_person"]) } },
  { events: soka, context: { site: "koga", personRef: "anon-8", targetGroups: ["needy_person"] } }
])
if (tally._tag === "Success") {
  const fy2019 = { window: Period.fiscalYearWindow(Period.unsafeFiscalYear(2019)) }
  const figure = (metric: string) => {
    const r = Metric.evaluate(tally.success, { metric, filter: fy2019 })
    return r._tag === "Success" ? Metric.numberOf(r.success.value) : r.failure.message
  }
  console.log(figure("new_consultations"), figure("plans_made"), figure("employment_support_clients")) // 2 2 1
  console.log(figure("consultations"), figure("placement_rate"), figure("welfare_exits")) // 2 1 1
  console.log(figure("hiring_companies")) // 0: an undisclosed employer is never named
}

// A context that cannot be counted in is a typed error naming the field.
const bad = Case.toMetricEvents(soka, { site: "soka", targetGroups: ["Needy"] })
if (bad._tag === "Failure") console.log(bad.failure.path, bad.failure.messageJa) // [ "targetGroups", 0 ] 対象者区分「Needy」は不正です
