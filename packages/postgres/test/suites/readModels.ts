// Case state, follow-ups and metrics read models: inline = async = rebuild = the core's answers.
import { assert, layer } from "@effect/vitest"
import { Case, Metric, Period } from "@jiritsu/core"
import { Effect, Fiber, Layer } from "effect"
import { SqlClient } from "effect/sql"
import fc from "fast-check"
import { CaseStore, CaseView, EventStore, MetricsView, Projection, Tenant } from "@jiritsu/postgres"
import { TestDatabase } from "@jiritsu/postgres/testing"
import { acceptedEvents, casePlan, commandsOf, type CasePlan } from "../fixtures/cases.ts"
import type { Migrations } from "@jiritsu/postgres"

export const readModels = (layout: Migrations.Layout) => {

const inlineTenant = Tenant.unsafeCode("012068")
const asyncTenant = Tenant.unsafeCode("141003")
const groupTenant = Tenant.unsafeCode("011002")
const plans: ReadonlyArray<CasePlan> = fc.sample(fc.tuple(...Array.from({ length: 20 }, (_, i) => casePlan(`c${i}`))), { numRuns: 1, seed: 11 })[0]!
const asOfs = ["2014-01-01", "2014-09-30", "2015-06-01", "2016-03-31"].map(Period.unsafeDate)

const contextOf = (p: CasePlan): CaseStore.MetricContext => ({ site: p.site, targetGroups: p.groups })

const runPlans = Effect.gen(function* () {
  const cases = yield* CaseStore.CaseStore
  for (const p of plans) {
    for (const command of commandsOf(p)) {
      yield* Effect.ignore(cases.handle(p.caseId, command, { metrics: contextOf(p) }))
    }
  }
})

// Ordered by a whole key (the metric cells' key has six columns): with fewer, rows that tie keep
// their physical order, which batched writes change from run to run.
const dump = (table: string, tenant: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe(`SELECT * FROM ${table} WHERE tenant = $1 ORDER BY 1, 2, 3, 4, 5, 6`, [tenant]))

const inlineStore = EventStore.layerSql({ inline: [Projection.inline(CaseView.projection), Projection.inline(MetricsView.projection)] })

const checkAgainstCore = Effect.gen(function* () {
  const coverage = { due: 0, overdue: 0, done: 0, cancelled: 0, upcoming: 0, inStage: 0, placements: 0 }
  for (const p of plans) {
    const state = Case.replay(acceptedEvents(p))
    // Fixed dates plus a date inside each follow-up's grace window (so "due" is reached).
    const extra = Case.followUpSchedule(state, asOfs[0]!).map((f) => Period.addDays(f.dueDate, 5))
    for (const asOf of [...asOfs, ...extra.slice(0, 2)]) {
      const row = yield* CaseView.get(p.caseId, asOf)
      assert.isDefined(row)
      assert.deepStrictEqual(JSON.parse(JSON.stringify(row!.state)), JSON.parse(JSON.stringify(state)))
      assert.strictEqual(row!.daysInStage, Case.timeInStage(state, asOf))
      if (row!.daysInStage !== undefined && row!.daysInStage > 0) coverage.inStage++
      const sqlFollowUps = yield* CaseView.followUps({ asOf, caseId: p.caseId })
      const core = Case.followUpSchedule(state, asOf).map((f) => ({ caseId: p.caseId, ...f }))
      const key = (f: { readonly placementId: string; readonly milestone: number }) => `${f.placementId}/${f.milestone}`
      assert.deepStrictEqual([...sqlFollowUps].sort((a, b) => key(a).localeCompare(key(b))), [...core].sort((a, b) => key(a).localeCompare(key(b))))
      for (const f of core) coverage[f.status]++
    }
    if (state.placements.length > 0) coverage.placements++
  }
  const expected = Case.toMetricTally(plans.map((p) => ({ events: acceptedEvents(p), context: contextOf(p) })))
  assert.isTrue(expected._tag === "Success")
  const stored = yield* MetricsView.tally()
  if (expected._tag === "Success") assert.isTrue(Metric.equals(stored, expected.success), "stored tally = Case.toMetricTally")
  return coverage
})

  layer(Layer.mergeAll(CaseStore.layer().pipe(Layer.provideMerge(inlineStore))).pipe(Layer.provideMerge(TestDatabase.layer({ layout }))), { timeout: 180_000, excludeTestServices: true })(`read models (${layout} tables)`, (it) => {
  it.effect("inline projections equal the core: state, time in stage, follow-ups, metric tally", () =>
    Effect.gen(function* () {
      yield* runPlans
      const coverage = yield* checkAgainstCore
      // The generated cases reach every follow-up status and stage stays (the parity bites).
      for (const [k, n] of Object.entries(coverage)) assert.isAbove(n, 0, `coverage of ${k}`)
      const metrics = yield* MetricsView.tally({ site: "kushiro-desk" })
      assert.isAbove(Metric.toCanonical(metrics).cells.length, 0)
    }).pipe(Tenant.withTenant(inlineTenant))
  )

  it.effect("appends of many cases committed together (group commit: one statement, each projection once per commit) keep the same read models", () =>
    Effect.gen(function* () {
      const cases = yield* CaseStore.CaseStore
      // Every case's commands in order, the cases at once: their appends meet in shared transactions.
      yield* Effect.forEach(
        plans,
        (p) => Effect.forEach(commandsOf(p), (command) => Effect.ignore(cases.handle(p.caseId, command, { metrics: contextOf(p) })), { discard: true }),
        { concurrency: "unbounded", discard: true }
      )
      yield* checkAgainstCore
      const sql = yield* SqlClient.SqlClient
      const rows = yield* sql<{ readonly n: unknown }>`SELECT max(n) AS n FROM (SELECT count(DISTINCT stream_id) AS n FROM jiritsu_events WHERE tenant = ${groupTenant} GROUP BY transaction_id) t`
      assert.isAbove(Number(rows[0]!.n), 1, "some transaction wrote the events of several cases")
    }).pipe(Tenant.withTenant(groupTenant))
  )

  it.effect("async catch-up from checkpoints equals inline, and rebuild from zero gives identical tables", () =>
    Effect.gen(function* () {
      // The async tenant's events go through a store without inline projections.
      const plain = yield* EventStore.makeSql()
      const cases = CaseStore.make(plain)
      for (const p of plans) for (const c of commandsOf(p)) yield* Effect.ignore(cases.handle(p.caseId, c, { metrics: contextOf(p) }))
      // Partial catch-up in small batches, then the rest: checkpoints advance batch by batch.
      const first = yield* Projection.catchUp(CaseView.projection, { batchSize: 7 })
      assert.isAbove(first, 0)
      assert.strictEqual(yield* Projection.catchUp(CaseView.projection), 0)
      assert.strictEqual(yield* Projection.checkpoint(CaseView.projection), yield* plain.headPosition)
      yield* Projection.catchUp(MetricsView.projection, { batchSize: 5 })
      yield* checkAgainstCore
      const before = { state: yield* dump("jiritsu_case_state", asyncTenant), fu: yield* dump("jiritsu_case_follow_ups", asyncTenant), m: yield* dump("jiritsu_metric_cells", asyncTenant) }
      yield* Projection.rebuild(CaseView.projection)
      yield* Projection.rebuild(MetricsView.projection, { batchSize: 1000 })
      const after = { state: yield* dump("jiritsu_case_state", asyncTenant), fu: yield* dump("jiritsu_case_follow_ups", asyncTenant), m: yield* dump("jiritsu_metric_cells", asyncTenant) }
      assert.deepStrictEqual(after, before)
      // The inline tenant's rows are untouched by the other tenant's rebuild.
      assert.isAbove((yield* dump("jiritsu_case_state", inlineTenant)).length, 0)
      const pending = yield* Projection.pendingTenants(CaseView.projection)
      assert.notInclude(pending, asyncTenant)
    }).pipe(Tenant.withTenant(asyncTenant))
  )

  it.effect("a poller follows every tenant with new events from its checkpoint, until interrupted", () =>
    Effect.gen(function* () {
      const tenant = Tenant.unsafeCode("072036")
      const plain = yield* EventStore.makeSql()
      const cases = CaseStore.make(plain)
      const poller = yield* Effect.forkChild(Projection.poll(CaseView.projection, { interval: "20 millis" }))
      for (const c of commandsOf(plans[3]!)) yield* Effect.ignore(cases.handle("polled", c).pipe(Tenant.withTenant(tenant)))
      const version = yield* plain.streamVersion("case-polled").pipe(Tenant.withTenant(tenant))
      let row: CaseView.CaseRow | undefined
      for (let i = 0; i < 500 && row?.version !== version; i++) {
        row = yield* CaseView.get("polled", asOfs[0]!).pipe(Tenant.withTenant(tenant))
        if (row?.version !== version) yield* Effect.sleep("20 millis")
      }
      yield* Fiber.interrupt(poller)
      assert.strictEqual(row?.version, version)
      assert.strictEqual(yield* Projection.checkpoint(CaseView.projection).pipe(Tenant.withTenant(tenant)), yield* plain.headPosition.pipe(Tenant.withTenant(tenant)))
    })
  )

  it.effect("an undecodable row stops the projection with a typed error naming it; the checkpoint stays before it", () =>
    Effect.gen(function* () {
      const tenant = Tenant.unsafeCode("131091")
      const store = yield* EventStore.makeSql()
      yield* store.append("case-good", 0, acceptedEvents(plans[0]!).slice(0, 1).map((e) => CaseStore.toNewEvent(e)))
      yield* store.append("case-bad", 0, [{ type: "CaseOpened", data: { _tag: "CaseOpened", occurredAt: "not a date" } }])
      yield* store.append("case-alien", 0, [{ type: "CaseTeleported", data: { _tag: "CaseTeleported" } }])
      const error = yield* Effect.flip(Projection.catchUp(CaseView.projection))
      assert.strictEqual(error._tag, "ProjectionError")
      const cause = (error as Projection.ProjectionError).cause as EventStore.EventDecodeError
      assert.strictEqual(cause._tag, "EventDecodeError")
      assert.deepStrictEqual([cause.tenant, cause.stream, cause.version, cause.reason], [tenant, "case-bad", 1, "invalid_data"])
      assert.strictEqual(yield* Projection.checkpoint(CaseView.projection), 0)
      const unknown = yield* Effect.flip(CaseStore.make(store).load("alien"))
      assert.deepStrictEqual([unknown._tag, (unknown as EventStore.EventDecodeError).reason], ["EventDecodeError", "unknown_type"])
    }).pipe(Tenant.withTenant(Tenant.unsafeCode("131091")))
  )

  it.effect("a stored row whose data or metadata is not a JSON object fails readStream and readAll with corrupt_data naming tenant, stream, version and position", () =>
    Effect.gen(function* () {
      const tenant = Tenant.unsafeCode("272124")
      const sql = yield* SqlClient.SqlClient
      const store = yield* EventStore.makeSql()
      yield* store.append("corrupt", 0, [{ type: "Noted", data: { n: 1 } }])
      const head = yield* store.headPosition
      // Written past the store (as a damaged restore would): jsonb that is valid JSON, not an object.
      yield* sql`INSERT INTO jiritsu_events (tenant, position, stream_id, version, type, data, metadata) VALUES (${tenant}, ${head + 1}::int8, 'corrupt', 2, 'Noted', '[1, 2]'::jsonb, '{}'::jsonb)`
      yield* sql`INSERT INTO jiritsu_events (tenant, position, stream_id, version, type, data, metadata) VALUES (${tenant}, ${head + 2}::int8, 'corrupt-meta', 1, 'Noted', '{}'::jsonb, '"text"'::jsonb)`
      yield* sql`UPDATE jiritsu_tenant_heads SET position = ${head + 2}::int8 WHERE tenant = ${tenant}`
      const fromStream = yield* Effect.flip(store.readStream("corrupt"))
      assert.deepStrictEqual([fromStream._tag, (fromStream as EventStore.EventDecodeError).reason], ["EventDecodeError", "corrupt_data"])
      const s = fromStream as EventStore.EventDecodeError
      assert.deepStrictEqual([s.tenant, s.stream, s.version, s.position], [tenant, "corrupt", 2, head + 1])
      assert.match(s.message, /data is not a JSON object/)
      const fromAll = (yield* Effect.flip(store.readAll({ after: head + 1 }))) as EventStore.EventDecodeError
      assert.deepStrictEqual([fromAll.reason, fromAll.tenant, fromAll.stream, fromAll.version, fromAll.position], ["corrupt_data", tenant, "corrupt-meta", 1, head + 2])
      assert.match(fromAll.message, /metadata is not a JSON object/)
      // The good event before them still reads.
      assert.deepStrictEqual((yield* store.readStream("corrupt", { limit: 1 })).map((e) => [e.tenant, e.stream, e.version, e.data]), [[tenant, "corrupt", 1, { n: 1 }]])
    }).pipe(Tenant.withTenant(Tenant.unsafeCode("272124")))
  )
})
}
