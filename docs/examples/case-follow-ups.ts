// Koga: follow-ups at 1, 3, 6 and 12 months after a placement, due and overdue as of a date.
import { Case, Period } from "@jiritsu/core"

const d = Period.unsafeDate
const navigator: Case.Actor = { organisation: "hello_work", role: "hw_navigator" }
const caseworker: Case.Actor = { organisation: "municipality", role: "caseworker" }

// Events as an event store would return them (already decided).
const events: ReadonlyArray<Case.Event> = [
  { _tag: "CaseOpened", occurredAt: d("2019-03-01"), actor: caseworker, caseId: "koga-3", subjectId: "person-3", publicAssistance: true },
  { _tag: "Assessed", occurredAt: d("2019-03-04"), actor: navigator, startingStage: "employment", autonomyStage: "employment" },
  { _tag: "PlanDrafted", occurredAt: d("2019-03-05"), actor: caseworker, planId: "p-1", goals: ["job"], revision: 1 },
  { _tag: "CoordinationMeetingHeld", occurredAt: d("2019-03-06"), actor: caseworker, planId: "p-1", outcome: "approved", participants: ["municipality", "hello_work"] },
  { _tag: "SupportDecided", occurredAt: d("2019-03-06"), actor: caseworker, planId: "p-1", services: ["hello_work"], authorisedStages: [] },
  { _tag: "DeliveryStarted", occurredAt: d("2019-03-07"), actor: navigator },
  {
    _tag: "PlacementRecorded",
    occurredAt: d("2019-03-20"),
    actor: navigator,
    placementId: "job-1",
    employer: "Koga Foods",
    startDate: d("2019-04-01"),
    hoursPerWeek: 30,
    disclosure: "not_disclosed", // the employer was not told: contact it only under a neutral pretext
    consentRecordIds: []
  },
  { _tag: "FollowUpRecorded", occurredAt: d("2019-05-02"), actor: navigator, placementId: "job-1", milestone: 1, contact: "employer_neutral_pretext", stillEmployed: true }
]

const state = Case.replay(events)
for (const f of Case.followUpSchedule(state, d("2019-07-20"))) console.log(f.milestone, f.dueDate, f.status)
// 1 2019-05-01 done
// 3 2019-07-01 overdue   (more than 14 days past its due date)
// 6 2019-10-01 upcoming
// 12 2020-04-01 upcoming
console.log(Case.dueFollowUps(state, d("2019-07-10")).map((f) => f.milestone)) // [ 3 ]

// Calling the employer openly about a person it was not told about is refused.
const open = Case.decide(state, { _tag: "RecordFollowUp", occurredAt: d("2019-07-21"), actor: navigator, placementId: "job-1", milestone: 3, contact: "employer", stillEmployed: true })
console.log(open._tag === "Failure" && open.failure._tag) // "DisclosureViolation"

// The person leaves the job: later follow-ups are cancelled, support starts again in intermediate work.
const left = Case.handle(state, {
  _tag: "RecordSeparation",
  occurredAt: d("2019-08-15"),
  actor: caseworker,
  placementId: "job-1",
  reason: "resigned",
  returnTo: { stage: "intermediate_work_unpaid", reason: "separated" }
})
if (left._tag === "Success") {
  console.log(left.success.events.map((e) => e._tag)) // [ "SeparationRecorded", "StageMoved" ]
  console.log(Case.followUpSchedule(left.success.state, d("2019-09-01")).map((f) => f.status)) // [ "done", "overdue", "cancelled", "cancelled" ]
}
