// The typed Effect client, derived from the same Api definition as the server: open a case, send a
// command with If-Match, and see a stale ETag come back as a typed error (412 precondition_failed).
import { Period } from "@jiritsu/core"
import { Authentication, Client, Demo, PostgresStore, Server } from "@jiritsu/rest"
import { Effect } from "effect"
import { FetchHttpClient } from "effect/http"

const service = await Server.start({ port: 0, sites: Demo.sites, store: PostgresStore.layerFrom({ dataDir: "memory://" }), authentication: Authentication.layerFromTokens(Demo.tokens), logRequests: false })

const program = Effect.gen(function*() {
  const api = yield* Client.make({ baseUrl: service.url, token: "demo-shinagawa-caseworker" })
  const person = yield* api.persons.create({ headers: {}, payload: { data: { identity: { name: "品川 花子", birthDate: "1985-06-01" } } } })
  const opened = yield* api.cases.create({ headers: {}, payload: { subjectId: person.id, publicAssistance: true, occurredAt: Period.unsafeDate("2024-04-01") } })
  console.log("opened", opened.body.id, "version", opened.headers.etag, "phase", opened.body.state.phase)
  const assessed = yield* api.cases.command({
    params: { id: opened.body.id },
    headers: { "if-match": opened.headers.etag },
    payload: { _tag: "Assess", occurredAt: Period.unsafeDate("2024-04-05"), startingStage: "social_life" }
  })
  console.log("assessed", assessed.headers.etag, "stage", assessed.body.case.state.stage)
  // The same If-Match again is stale now: the client fails with the typed problem.
  const stale = yield* api.cases
    .command({ params: { id: opened.body.id }, headers: { "if-match": opened.headers.etag }, payload: { _tag: "DraftPlan", occurredAt: Period.unsafeDate("2024-04-06"), planId: "plan-1", goals: ["就労"] } })
    .pipe(Effect.flip)
  console.log(stale._tag, "code" in stale ? stale.code : "", "detail" in stale ? stale.detail : "")
})

await Effect.runPromise(program.pipe(Effect.provide(FetchHttpClient.layer)))
await service.close()
