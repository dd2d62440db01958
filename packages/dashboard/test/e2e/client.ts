// The test's own view of the service: the same typed client the dashboard uses, from Node, so the
// figures on screen are compared with what the API answers.
import { Api } from "@jiritsu/rest/api"
import { Effect } from "effect"
import { FetchHttpClient, HttpClient, HttpClientRequest } from "effect/http"
import { HttpApiClient } from "effect/http-api"

export type Client = HttpApiClient.ForApi<typeof Api.Api>

export const clientFor = (baseUrl: string, token: string): Client =>
  Effect.runSync(
    HttpApiClient.make(Api.Api, { baseUrl, transformClient: HttpClient.mapRequest(HttpClientRequest.bearerToken(token)) }).pipe(Effect.provide(FetchHttpClient.layer))
  )

/** Runs a call; a failure rejects with the typed error itself (a problem document). */
export const run = <A, E>(effect: Effect.Effect<A, E>): Promise<A> =>
  Effect.runPromise(Effect.result(effect)).then((r) => (r._tag === "Success" ? r.success : Promise.reject(r.failure)))
