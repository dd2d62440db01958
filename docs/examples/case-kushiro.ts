// A Kushiro case from intake to a failed Hello Work search and back to intermediate work.
import { Case, Period } from "@jiritsu/core"

const d = Period.unsafeDate
const caseworker: Case.Actor = { organisation: "municipality", role: "caseworker" }
const supporter: Case.Actor = { organisation: "consultation_agency", role: "employment_support_worker", title: "自立支援員" }
const navigator: Case.Actor = { organisation: "hello_work", role: "hw_navigator" }

// The consent decision the Consent module returned for (subject, employment-support-referral, hello_work).
const consent: Case.ConsentDecision = { _tag: "Permit", recordIds: ["consent-0412"] }

const commands: ReadonlyArray<Case.Command> = [
  { _tag: "OpenCase", occurredAt: d("2013-04-01"), actor: caseworker, caseId: "kushiro-17", subjectId: "person-17", publicAssistance: true },
  { _tag: "Assess", occurredAt: d("2013-04-08"), actor: supporter, startingStage: "social_life" },
  { _tag: "DraftPlan", occurredAt: d("2013-04-15"), actor: supporter, planId: "plan-1", goals: ["weekly volunteering", "net mending"] },
  { _tag: "HoldCoordinationMeeting", occurredAt: d("2013-04-22"), actor: caseworker, planId: "plan-1", outcome: "approved", participants: ["municipality", "contractor", "hello_work"] },
  { _tag: "DecideSupport", occurredAt: d("2013-04-23"), actor: caseworker, planId: "plan-1", services: ["intermediate_work"], authorisedStages: [] },
  { _tag: "StartDelivery", occurredAt: d("2013-05-01"), actor: supporter },
  { _tag: "MoveStage", occurredAt: d("2013-06-01"), actor: supporter, to: "intermediate_work_unpaid", reason: "ready_for_work_experience", evidence: ["site visit 2013-05-28"] },
  { _tag: "MoveStage", occurredAt: d("2013-10-01"), actor: supporter, to: "employment", reason: "ready_for_job_search" },
  { _tag: "Refer", occurredAt: d("2013-10-02"), actor: supporter, referralId: "hw-1", destination: "hello_work", channel: "desk", consent },
  {
    _tag: "RecordReferralOutcome",
    occurredAt: d("2014-01-10"),
    actor: navigator,
    referralId: "hw-1",
    outcome: "not_placed",
    returnTo: { stage: "intermediate_work_unpaid", reason: "job_search_failed" }
  }
]

let state = Case.initial
for (const command of commands) {
  const result = Case.handle(state, command)
  if (result._tag === "Failure") throw new Error(result.failure.message)
  state = result.success.state
}

console.log(state.stage) // "intermediate_work_unpaid"
console.log(state.stageHistory.map((s) => `${s.stage} ${s.from}→${s.until ?? ""}`))
// [ "social_life 2013-04-08→2013-06-01", "intermediate_work_unpaid 2013-06-01→2013-10-01",
//   "employment 2013-10-01→2014-01-10", "intermediate_work_unpaid 2014-01-10→" ]
console.log(Case.totalDaysIn(state, "intermediate_work", d("2014-03-31"))) // 122 + 80 = 202
console.log(Case.stagnation(state, d("2014-03-31"))) // undefined: under a year in intermediate work

// A move the graph does not allow is refused, naming the rule and the field.
const refused = Case.decide(state, { _tag: "MoveStage", occurredAt: d("2014-02-01"), actor: supporter, to: "daily_living", reason: "health_deteriorated" })
if (refused._tag === "Failure") console.log(refused.failure._tag, refused.failure.path, refused.failure.messageJa)
// EdgeNotInGraph [ "to" ] 段階グラフ「kushiro」に intermediate_work_unpaid → daily_living の移行はありません
