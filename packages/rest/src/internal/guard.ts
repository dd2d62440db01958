// The router-wide guard every request passes through, matched route or not:
// - a request id (the client's `x-request-id` when it is sane, else a new UUID) in the response
//   header and in every log line of the request;
// - the body-size limit, checked on Content-Length before anything is read, and enforced while
//   reading a chunked body;
// - every failure rendered as a problem document: unknown routes (404), unsupported media types
//   (415), oversized bodies (413), and any defect (500, logged with its cause) — a crashing handler
//   answers 500 and the process carries on;
// - one access-log line per request (method, path, status, milliseconds).
import { ByteSize, Cause, Context, Effect, Option } from "effect"
import { HttpIncomingMessage, HttpRouter, HttpServerError, HttpServerRequest, HttpServerRespondable, HttpServerResponse } from "effect/http"
import { randomUUID } from "node:crypto"
import * as Problem from "../Problem.ts"
import { RequestId } from "./context.ts"

export interface GuardOptions {
  readonly bodyLimit: number
  readonly logRequests: boolean
}

const SANE_ID = /^[A-Za-z0-9._:-]{1,100}$/

/** The client's `x-request-id` when it is sane, else a new UUID. */
export const requestIdOf = (given: string | undefined): string => (given !== undefined && SANE_ID.test(given) ? given : randomUUID())

const respond = (problem: HttpServerRespondable.Respondable) => HttpServerRespondable.toResponse(problem)

const tooLarge = (limit: number) =>
  respond(new Problem.PayloadTooLarge({ code: "payload_too_large", detail: `the request body exceeds ${limit} bytes`, detailJa: `要求本文が上限（${limit}バイト）を超えています`, limit }))

const notFound = respond(
  new Problem.NotFound({ code: "not_found", detail: "no such route (see /openapi.json)", detailJa: "該当する API がありません", resource: "route" })
)

const internal = (requestId: string) =>
  respond(new Problem.InternalError({ code: "internal_error", detail: `internal error; quote request id ${requestId}`, detailJa: "内部エラーが発生しました" }))

const unsupported = (contentType: string) =>
  respond(
    new Problem.UnsupportedMediaType({
      code: "unsupported_media_type",
      detail: `content-type ${contentType} is not supported: send application/json`,
      detailJa: "本文は application/json で送ってください"
    })
  )

const isBodyTooLarge = (u: unknown): boolean =>
  HttpServerError.isHttpServerError(u) && u.reason._tag === "RequestParseError" && (u.reason as { readonly reason?: string }).reason === "BodyTooLarge"

/** Maps what went wrong outside a declared error to a problem response. */
const fromCause = (cause: Cause.Cause<unknown>, requestId: string, limit: number, request: HttpServerRequest.HttpServerRequest) =>
  Effect.gen(function*() {
    if (Cause.hasInterruptsOnly(cause)) return yield* Effect.failCause(cause)
    const failure = Cause.findErrorOption(cause)
    const defect = Cause.findDefect(cause)
    const thrown = Option.isSome(failure) ? failure.value : defect._tag === "Success" ? defect.success : undefined
    if (HttpServerError.isHttpServerError(thrown) && thrown.reason._tag === "RouteNotFound") return yield* notFound
    if (isBodyTooLarge(thrown)) return yield* tooLarge(limit)
    if (HttpServerRespondable.isRespondable(thrown)) return yield* HttpServerRespondable.toResponse(thrown)
    yield* Effect.logError("request failed", cause).pipe(Effect.annotateLogs({ method: request.method, url: request.url }))
    return yield* internal(requestId)
  })

/** A 415 the router rendered as text becomes a problem; everything else passes through. */
const normalise = (response: HttpServerResponse.HttpServerResponse, request: HttpServerRequest.HttpServerRequest) =>
  response.status === 415 && !String(response.headers["content-type"] ?? "").includes("problem")
    ? unsupported(request.headers["content-type"] ?? "(none)")
    : Effect.succeed(response)

export const guard = (options: GuardOptions) =>
  HttpRouter.middleware(
    (httpEffect) =>
      Effect.withFiber((fiber) => {
        const request = Context.getUnsafe(fiber.context, HttpServerRequest.HttpServerRequest)
        const requestId = requestIdOf(request.headers["x-request-id"])
        const started = performance.now()
        const declared = request.headers["content-length"]
        const oversized = declared !== undefined && /^\d+$/.test(declared) && Number(declared) > options.bodyLimit
        const handled: Effect.Effect<HttpServerResponse.HttpServerResponse, unknown, never> = oversized
          ? tooLarge(options.bodyLimit)
          : httpEffect.pipe(
              Effect.provideService(HttpIncomingMessage.MaxBodySize, ByteSize.bytes(options.bodyLimit)),
              Effect.provideService(RequestId, requestId),
              Effect.flatMap((response) => normalise(response, request)),
              Effect.catchCause((cause) => fromCause(cause, requestId, options.bodyLimit, request))
            ) as never
        return handled.pipe(
          Effect.map((response) => HttpServerResponse.setHeader(response, "x-request-id", requestId)),
          Effect.tap((response) =>
            options.logRequests
              ? Effect.logInfo(accessLine(request.method, request.url, response.status, started))
              : Effect.void
          ),
          Effect.annotateLogs({ requestId })
        )
      }),
    { global: true }
  )

/** The access-log line of a request: method, path without its query, status, milliseconds since `started` (`performance.now()`). */
export const accessLine = (method: string, url: string, status: number, started: number): string =>
  `${method} ${url.split("?")[0]} ${status} ${(performance.now() - started).toFixed(1)}ms`
