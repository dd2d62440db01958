// A programme's own stage graph, loaded from JSON, checked, drawn and used by a decider.
import { Case, Period, Stage } from "@jiritsu/core"

// e.g. read from a municipal configuration file
const json: unknown = {
  id: "youth_programme",
  version: "2024-04-01",
  label: "Youth programme",
  labelJa: "若者就労支援プログラム",
  nodes: [
    { id: "outreach", stage: "outreach", label: "Outreach", labelJa: "アウトリーチ", rank: 0 },
    { id: "workshop", stage: "workshop", label: "Workshop", labelJa: "セミナー・作業体験", rank: 1 },
    { id: "job_search", stage: "job_search", label: "Job search", labelJa: "求職活動", rank: 2 }
  ],
  edges: [
    { from: "outreach", to: "workshop", kind: "forward", reasons: ["attends_regularly"] },
    { from: "workshop", to: "job_search", kind: "forward", reasons: ["ready_for_job_search"] },
    { from: "job_search", to: "workshop", kind: "regression", reasons: ["job_search_failed"] }
  ],
  reasons: [
    { code: "attends_regularly", label: "Attends regularly", labelJa: "定期的に参加" },
    { code: "ready_for_job_search", label: "Ready for job search", labelJa: "求職活動の準備完了" },
    { code: "job_search_failed", label: "Job search failed", labelJa: "求職活動が不調" }
  ],
  entry: ["outreach", "workshop"],
  goals: ["job_search"]
}

const made = Stage.make(json)
if (made._tag === "Failure") throw new Error(made.failure.message)
const graph = made.success

console.log(Stage.validate(graph)) // []: no unknown stage, no dead or unreachable stage
console.log(Stage.shortestPath(graph, "outreach", "job_search")?.map((e) => e.to)) // [ "workshop", "job_search" ]
console.log(Stage.toMermaid(graph, { labels: "ja" }))

// A broken graph says what is wrong and where.
const broken = Stage.validate({ ...graph, edges: [...graph.edges, { from: "workshop", to: "retired", kind: "forward", reasons: [] }] })
console.log(broken.map((f) => `${f._tag} at ${f.path.join(".")}`))
// [ "UnknownStage at edges.3.to", "EdgeWithoutReason at edges.3.reasons" ]

// The same decider laws, over this graph; youth support station referrals need consent here too.
const youth = Case.decider({ graph, consentRequiredFor: ["hello_work", "youth_support_station"] })
const d = Period.unsafeDate
const worker: Case.Actor = { organisation: "consultation_agency", role: "employment_support_worker" }
const state = youth.replay([
  { _tag: "CaseOpened", occurredAt: d("2024-05-01"), actor: worker, caseId: "y-1", subjectId: "p-1", publicAssistance: false },
  { _tag: "Assessed", occurredAt: d("2024-05-02"), actor: worker, startingStage: "outreach", autonomyStage: "outreach" }
])
const skip = youth.decide(state, { _tag: "MoveStage", occurredAt: d("2024-05-03"), actor: worker, to: "job_search", reason: "ready_for_job_search" })
console.log(skip._tag === "Failure" && skip.failure._tag) // "SupportNotDecided": no support decision yet
