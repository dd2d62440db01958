// A Kushiro case stored in embedded PostgreSQL (PGlite): commands decided by the core, events
// appended with optimistic concurrency, read models kept inline, follow-ups and metrics queried in SQL.
import { Case, Metric, Period } from "@jiritsu/core"
import { CaseStore, CaseView, Database, EventStore, Migrations, MetricsView, Projection, Tenant } from "@jiritsu/postgres"
import { Effect, Layer } from "effect"

const d = Period.unsafeDate
const caseworker: Case.Actor = { organisation: "municipality", role: "caseworker" }
const supporter: Case.Actor = { organisation: "consultation_agency", role: "employment_support_worker" }

// Embedded PGlite in memory; Database.layer({ url: process.env.DATABASE_URL }) for a server.
const database = Database.layer({ dataDir: "memory://" })
const stores = CaseStore.layer().pipe(
  Layer.provideMerge(EventStore.layerSql({ inline: [Projection.inline(CaseView.projection), Projection.inline(MetricsView.projection)] })),
  Layer.provideMerge(Layer.effectDiscard(Migrations.run())),
  Layer.provideMerge(database)
)

const program = Effect.gen(function* () {
  const cases = yield* CaseStore.CaseStore
  const metrics: CaseStore.MetricContext = { site: "kushiro-desk", targetGroups: ["welfare_recipient"] }
  const commands: ReadonlyArray<Case.Command> = [
    { _tag: "OpenCase", occurredAt: d("2013-04-01"), actor: caseworker, caseId: "k-17", subjectId: "p-17", publicAssistance: true },
    { _tag: "Assess", occurredAt: d("2013-04-08"), actor: supporter, startingStage: "social_life" },
    { _tag: "DraftPlan", occurredAt: d("2013-04-15"), actor: supporter, planId: "plan-1", goals: ["volunteering"] },
    { _tag: "HoldCoordinationMeeting", occurredAt: d("2013-04-22"), actor: caseworker, planId: "plan-1", outcome: "approved", participants: ["municipality"] },
    { _tag: "DecideSupport", occurredAt: d("2013-04-23"), actor: caseworker, planId: "plan-1", services: ["intermediate_work"], authorisedStages: [] },
    { _tag: "StartDelivery", occurredAt: d("2013-05-01"), actor: supporter },
    { _tag: "MoveStage", occurredAt: d("2013-06-01"), actor: supporter, to: "employment", reason: "ready_now" },
    { _tag: "RecordPlacement", occurredAt: d("2013-07-01"), actor: supporter, placementId: "job-1", employer: "fishery-3", startDate: d("2013-07-01"), hoursPerWeek: 30, disclosure: "not_disclosed" }
  ]
  for (const command of commands) yield* cases.handle("k-17", command, { metrics })

  // Two caseworkers acting on the version they loaded: the second is refused, typed (HTTP 409).
  const stale = yield* Effect.flip(cases.handle("k-17", { _tag: "RecordMonitoring", occurredAt: d("2013-07-02"), actor: supporter }, { expectedVersion: 3 }))
  console.log(stale._tag) // VersionConflict

  const row = yield* CaseView.get("k-17", d("2013-08-15"))
  console.log(row?.phase, row?.stage, row?.daysInStage) // delivery employment 75
  const due = yield* CaseView.followUps({ asOf: d("2013-08-05"), status: ["due", "overdue"] })
  console.log(due.map((f) => `${f.placementId} ${f.milestone}m ${f.dueDate} ${f.status}`)) // [ "job-1 1m 2013-08-01 due" ]
  const tally = yield* MetricsView.tally({ site: "kushiro-desk" })
  const placements = Metric.evaluate(tally, { metric: "placements", filter: { window: { from: d("2013-04-01"), until: d("2014-04-01") } } })
  console.log(placements._tag === "Success" ? Metric.numberOf(placements.success.value) : placements.failure.message) // 1
})

await Effect.runPromise(program.pipe(Tenant.withTenant(Tenant.unsafeCode("012068")), Effect.provide(stores)))
