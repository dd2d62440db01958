/**
 * Client (クライアント) — the typed client of the API, derived from the same `Api` definition as
 * the server and the OpenAPI document: every request and response is encoded and decoded with the
 * core's Schemas, and every problem document comes back as its typed error (`_tag` and `code`).
 *
 * - {@link make}: the Effect client (`client.cases.get({ params: { id } })`), needing an
 *   `HttpClient` (e.g. `FetchHttpClient.layer`);
 * - {@link connect}: the same client as Promises, for callers who do not use Effect. A rejected
 *   promise carries the problem as a typed error: `e._tag === "NotFound"`, `e.code === "not_found"`.
 *
 * ```ts
 * const api = Client.connect({ baseUrl: "http://127.0.0.1:3000", token: "…" })
 * const verdict = await api.eligibility.evaluate({ payload: { programme, asOf, facts }, query: { lang: "en" } })
 * ```
 *
 * @since 0.1.0
 * @module
 */
import { Cause, Effect, Exit } from "effect"
import { FetchHttpClient, HttpClient, HttpClientRequest } from "effect/http"
import type { Simplify } from "effect/Types"
import { type HttpApi, HttpApiClient, type HttpApiEndpoint, type HttpApiGroup } from "effect/http-api"
import { Api } from "./Api.ts"

/**
 * Where the service is and who calls it. @category options @since 0.1.0
 * @example
 * ```ts
 * const options: Client.Options = { baseUrl: "http://127.0.0.1:3000", token: process.env.JIRITSU_TOKEN }
 * ```
 */
export interface Options {
  /** The service's base URL, e.g. `http://127.0.0.1:3000`. */
  readonly baseUrl: string
  /** The bearer token (omit for `system.health` only). */
  readonly token?: string | undefined
}

/**
 * The typed client of the whole API. @category client @since 0.1.0
 * @example
 * ```ts
 * // a function over the Effect client, e.g. for a test helper
 * const openCases = (client: Client.ApiClient) => client.cases.list({ query: { phase: "delivery" } })
 * ```
 */
export type ApiClient = HttpApiClient.ForApi<typeof Api>

/**
 * The Effect client: one function per endpoint, grouped as the API is (`client.persons.get`).
 * @category client
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { FetchHttpClient } from "effect/http"
 * const program = Effect.gen(function*() {
 *   const api = yield* Client.make({ baseUrl: "http://127.0.0.1:3000", token: "demo-shinagawa-caseworker" })
 *   const page = yield* api.cases.list({ query: { followUp: "overdue" } })
 *   return page.items.map((c) => c.id)
 * })
 * const ids = await Effect.runPromise(program.pipe(Effect.provide(FetchHttpClient.layer)))
 * ```
 */
export const make = (options: Options): Effect.Effect<ApiClient, never, HttpClient.HttpClient> =>
  HttpApiClient.make(Api, {
    baseUrl: options.baseUrl,
    transformClient: (client) =>
      options.token === undefined ? client : HttpClient.mapRequest(client, (request) => HttpClientRequest.bearerToken(request, options.token!))
  }) as never

// `headers` and `query` whose members are all optional may be left out of a Promise call.
type Loosen<A> = A extends object
  ? { readonly [K in keyof A as K extends "headers" | "query" ? ({} extends A[K] ? never : K) : K]: A[K] } & {
    readonly [K in keyof A as K extends "headers" | "query" ? ({} extends A[K] ? K : never) : never]?: A[K]
  }
  : A

type Groups = typeof Api extends HttpApi.HttpApi<infer _Id, infer G> ? G : never

type PromiseMethod<E extends HttpApiEndpoint.ConstraintRequest> = (
  request: Loosen<Simplify<HttpApiEndpoint.ClientRequest<E["~Params"], E["~Query"], E["~Payload"], E["~Headers"], "decoded-only", never>>>
) => Promise<HttpApiEndpoint.Success<E>["Type"]>

/**
 * The client as Promises: the same groups and endpoints, each resolving with the decoded success. @category promise @since 0.1.0
 * @example
 * ```ts
 * const api: Client.PromiseClient = Client.connect({ baseUrl: "http://127.0.0.1:3000", token: "demo-shinagawa-caseworker" })
 * ```
 */
export type PromiseClient = {
  readonly [G in Groups as G["identifier"]]: {
    readonly [E in Extract<HttpApiGroup.Endpoints<G>, HttpApiEndpoint.ConstraintRequest> as E["identifier"]]: PromiseMethod<E>
  }
}

/**
 * The Promise client. Each call resolves with the decoded response or rejects with the decoded
 * problem (an `Error` with `_tag`, `code`, `status`, `detail`, `detailJa` …), or with the
 * transport error when the service cannot be reached.
 * @category promise
 * @since 0.1.0
 * @example
 * ```ts
 * const api = Client.connect({ baseUrl: "http://127.0.0.1:3000", token: "demo-hellowork-navigator" })
 * const view = await api.persons.get({ params: { id: "p-sg-0001" } }).catch((e: { readonly _tag: string }) => e._tag) // "NotFound", or the view
 * ```
 */
export const connect = (options: Options & { readonly fetch?: typeof globalThis.fetch | undefined }): PromiseClient => {
  const client = Effect.runSync(
    make(options).pipe(
      Effect.provide(FetchHttpClient.layer),
      options.fetch === undefined ? (e) => e : Effect.provideService(FetchHttpClient.Fetch, options.fetch)
    )
  ) as unknown as Record<string, Record<string, (request?: unknown) => Effect.Effect<unknown, unknown>>>
  const out: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {}
  for (const [group, endpoints] of Object.entries(client)) {
    out[group] = {}
    for (const [name, call] of Object.entries(endpoints)) {
      out[group][name] = (request) =>
        Effect.runPromiseExit(call(request === undefined ? undefined : { headers: {}, query: {}, ...(request as object) })).then((exit) => {
          if (Exit.isSuccess(exit)) return exit.value
          throw Cause.squash(exit.cause)
        })
    }
  }
  return out as unknown as PromiseClient
}
