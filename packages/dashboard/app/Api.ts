/**
 * The only way the dashboard talks to the service: the typed client derived from the REST API's
 * own definition (`@jiritsu/rest/api`), over `fetch`, with the bearer token. Bodies are decoded by
 * the same Schemas the server encodes with; failures become a `Failure` for the screen.
 */
import { Access, Api as RestApi, type Caseload, type Contract, type Principal as RestPrincipal } from "@jiritsu/rest/api"
import type { Target } from "@jiritsu/core"
import { Effect } from "effect"
import { FetchHttpClient, HttpClient, HttpClientRequest } from "effect/http"
import { HttpApiClient } from "effect/http-api"
import { type Failure, fromError } from "./Failure.ts"

export type Client = HttpApiClient.ForApi<typeof RestApi.Api>

/** Runs one typed-client call; rejects with a `Failure`. */
export type Call = <A, E>(f: (client: Client) => Effect.Effect<A, E>) => Promise<A>

/** A caller for one token, against the origin the dashboard was loaded from. */
export const makeCall = (token: string): Call => {
  const client = Effect.runSync(
    HttpApiClient.make(RestApi.Api, {
      baseUrl: window.location.origin,
      transformClient: HttpClient.mapRequest(HttpClientRequest.bearerToken(token))
    }).pipe(Effect.provide(FetchHttpClient.layer))
  )
  return (f) => Effect.runPromise(Effect.mapError(f(client), fromError).pipe(Effect.catchDefect((d) => Effect.fail(fromError(d))))).catch((e: unknown) => Promise.reject(toFailure(e)))
}

const isFailure = (u: unknown): u is Failure => typeof u === "object" && u !== null && "kind" in u
const toFailure = (e: unknown): Failure => {
  if (isFailure(e)) return e
  // Effect.runPromise rejects with the failure itself wrapped by the runtime (a FiberFailure-like error).
  const cause = (e as { cause?: unknown } | undefined)?.cause
  return isFailure(cause) ? cause : fromError(e)
}

/** Who the token stands for; an unknown or expired token fails with `unauthenticated`. */
export const whoAmI = (call: Call): Promise<Principal> => call((c) => c.session.me())

/** Whether the principal may call an operation (to offer only the pages it can open). */
export const allows = (principal: Principal, operation: Access.Operation): boolean => Access.allows(principal, operation)

export type Principal = RestPrincipal.Principal
export type Plan = Target.Plan
export type PlanProgress = Contract.PlanProgress
export type NationalReport = Contract.NationalReport
export type StageReport = Caseload.StageReport
export type TimeInStageReport = Caseload.TimeInStageReport
export type FollowUpReport = Caseload.FollowUpReport
export type CaseView = Contract.CaseView
export type CaseSummary = Contract.CaseSummary
export type CaseEvent = Contract.StoredCaseEvent
export type ConsentView = Contract.ConsentView
export type PersonView = Contract.PersonView
export type DisclosureItem = Contract.DisclosureResult["record"]
