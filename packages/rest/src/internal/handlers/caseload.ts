// Handlers of the dashboard's groups: who is signed in, and the caseload figures (stages and flows,
// time in stage, follow-ups) computed by `Caseload` from every case's events as of a date.
import { Period } from "@jiritsu/core"
import { Effect } from "effect"
import { HttpApiBuilder } from "effect/http-api"
import { Api } from "../../Api.ts"
import * as Caseload from "../../Caseload.ts"
import { Store } from "../../Store.ts"
import { principal, todayJst } from "../context.ts"

/** Every case of the tenant with its events (the read model names the cases, the streams hold the events). */
const streamsOf = (tenant: string): Effect.Effect<ReadonlyArray<Caseload.CaseStream>, never, Store> =>
  Effect.gen(function*() {
    const store = yield* Store
    const rows = yield* store.cases.summaries(tenant)
    const out: Array<Caseload.CaseStream> = []
    yield* Effect.forEach(
      rows,
      (row) =>
        Effect.map(store.cases.read(tenant, row.id), (s) => {
          if (s !== undefined) out.push({ caseId: row.id, events: s.events.map((e) => e.event) })
        }),
      { concurrency: 4, discard: true }
    )
    // Stable order whatever the reads' interleaving (lists and ties in the reports follow it).
    return out.sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0))
  })

export const SessionLive = HttpApiBuilder.group(Api, "session", (h) => h.handle("me", () => principal))

export const CaseloadLive = HttpApiBuilder.group(Api, "caseload", (h) =>
  h
    .handle("stages", ({ query }) =>
      Effect.gen(function*() {
        const who = yield* principal
        const asOf = query.asOf ?? (yield* todayJst)
        const from = query.from ?? Period.fiscalYearWindow(Period.fiscalYearOf(asOf)).from
        return Caseload.stageReport(yield* streamsOf(who.tenant), asOf, from)
      })
    )
    .handle("timeInStage", ({ query }) =>
      Effect.gen(function*() {
        const who = yield* principal
        const asOf = query.asOf ?? (yield* todayJst)
        return Caseload.timeInStageReport(yield* streamsOf(who.tenant), asOf)
      })
    )
    .handle("followUps", ({ query }) =>
      Effect.gen(function*() {
        const who = yield* principal
        const asOf = query.asOf ?? (yield* todayJst)
        return Caseload.followUpReport(yield* streamsOf(who.tenant), asOf)
      })
    )
)
