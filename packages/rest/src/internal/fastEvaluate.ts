// The fast path of `POST /v1/eligibility/evaluate`, the service's hottest endpoint: the plain
// request answered straight from Node's request event, without the router, the middleware fibers
// and HttpApi's per-request plumbing, which cost about two thirds of the route's CPU (bench/README.md,
// REST). It answers exactly as the route does — same status, headers and bytes, checked by a
// property (test/fastEvaluate.test.ts) against the service with the fast path off — because it
// runs the same pieces: the `Authentication` layer the server was given, the `Access` table, the
// route's payload schema with the API's parse options, and the route's own `evaluation`.
//
// It takes only what it can answer with a 200. Anything else goes to the full stack untouched:
// another method, path or query; a media type other than application/json; no Content-Length or
// one above the body limit; chunked bodies; `Expect`; an `Idempotency-Key`; an authorization header
// that is not `Bearer <token>`, a token the layer refuses, or a principal the table does not
// allow (all decided before the body is read). Once the body is read, a body that is not JSON,
// does not decode, or that the evaluation refuses is handed on as a replay of the same request
// with the same bytes, so every problem document still comes from the full stack.
import { Cause, Context, Effect, Exit, Redacted, Schema } from "effect"
import { HttpServerResponse } from "effect/http"
import { HttpApi, type HttpApiEndpoint, type HttpApiGroup } from "effect/http-api"
import type { IncomingMessage, ServerResponse } from "node:http"
import { Readable } from "node:stream"
import * as Access from "../Access.ts"
import { Api } from "../Api.ts"
import * as Contract from "../Contract.ts"
import { Authentication } from "../Middleware.ts"
import { CurrentPrincipal, type Principal } from "../Principal.ts"
import type { ServiceInfo } from "./context.ts"
import { accessLine, requestIdOf } from "./guard.ts"
import { evaluation } from "./handlers/catalogue.ts"

export type Listener = (request: IncomingMessage, response: ServerResponse) => void

export interface FastEvaluateOptions {
  readonly info: ServiceInfo
  readonly bodyLimit: number
  /** The context holding the server's `Authentication` layer (and the logger, for the access log). */
  readonly services: Context.Context<Authentication>
  readonly logRequests: boolean
}

const PATH = "/v1/eligibility/evaluate"
const langOfUrl: Readonly<Record<string, Contract.Lang>> = { [PATH]: "ja", [`${PATH}?lang=ja`]: "ja", [`${PATH}?lang=en`]: "en" }
const BEARER = "Bearer "
const DIGITS = /^\d+$/

/**
 * What the fast path did, since the process started (a diagnostic: the tests check that each way
 * is taken): answered itself; handed on before reading the body (refused token or role); handed
 * on as a replay after reading it.
 */
export const counters = { answered: 0, declined: 0, replayed: 0 }

// The route decodes its payload with the endpoint's annotations; read them the same way.
const group = Api.groups.eligibility as unknown as HttpApiGroup.Top
const endpoint = Api.groups.eligibility.endpoints.evaluate as unknown as HttpApiEndpoint.Top
const annotations = Context.merge(Context.merge(Api.annotations, group.annotations), endpoint.annotations)
const parseOptions = Context.getOrUndefined(annotations, HttpApi.PayloadParseOptions) ?? Context.getOrUndefined(annotations, HttpApi.ParseOptions)
const decodePayload = Schema.decodeUnknownExit(Contract.EvaluateRequest, parseOptions)
// As Effect's Node request does: UTF-8, replacing bad sequences, a BOM dropped.
const textDecoder = new TextDecoder()

/** The token of `Authorization: Bearer <token>` in its one plain spelling, else undefined (the full stack decides). */
const bearerToken = (authorization: string | undefined): string | undefined =>
  authorization !== undefined && authorization.length > BEARER.length && authorization.startsWith(BEARER) && authorization.charCodeAt(BEARER.length) !== 32
    ? authorization.slice(BEARER.length)
    : undefined

/**
 * The same request again, carrying the body already read: what the full stack reads from is a
 * readable stream with the request's head (Node's parser has finished with the original).
 */
const replayOf = (request: IncomingMessage, body: Buffer): IncomingMessage => {
  let sent = false
  const copy = new Readable({
    read() {
      if (!sent && body.length > 0) this.push(body)
      sent = true
      this.push(null)
    }
  })
  return Object.assign(copy, {
    headers: request.headers,
    rawHeaders: request.rawHeaders,
    trailers: request.trailers,
    rawTrailers: request.rawTrailers,
    method: request.method,
    url: request.url,
    httpVersion: request.httpVersion,
    httpVersionMajor: request.httpVersionMajor,
    httpVersionMinor: request.httpVersionMinor,
    socket: request.socket,
    connection: request.socket,
    complete: true,
    aborted: false
  }) as unknown as IncomingMessage
}

/**
 * A `request` listener that answers the plain evaluate request itself and hands every other
 * request to `next` (the HttpApi server's listener).
 */
export const make = (options: FastEvaluateOptions, next: Listener): Listener => {
  const authentication = Context.get(options.services, Authentication)
  const runFork = Effect.runForkWith(options.services)
  // Where the layer cannot answer outside the HttpApi pipeline (it fails with a defect — say it
  // reads the request), the fast path stands aside for good.
  let usable = true

  /** Calls back with the principal, or undefined when the full stack must decide. */
  const authenticate = (token: string, done: (principal: Principal | undefined) => void): void => {
    let principal: Principal | undefined
    const probe = Effect.map(CurrentPrincipal, (p: Principal) => {
      principal = p
      return HttpServerResponse.empty()
    })
    const fiber = runFork(authentication.bearer(probe as never, { credential: Redacted.make(token), endpoint, group }) as Effect.Effect<unknown, unknown>)
    const settle = (exit: Exit.Exit<unknown, unknown>) => {
      if (Exit.isFailure(exit) && Cause.findDefect(exit.cause)._tag === "Success") usable = false
      done(Exit.isSuccess(exit) ? principal : undefined)
    }
    const exit = fiber.pollUnsafe()
    if (exit !== undefined) settle(exit)
    else fiber.addObserver(settle)
  }

  const answer = (request: IncomingMessage, response: ServerResponse, body: Buffer, principal: Principal, lang: Contract.Lang, requestId: string, started: number) => {
    const handOn = () => {
      counters.replayed++
      next(replayOf(request, body), response)
    }
    let json: unknown
    try {
      const text = textDecoder.decode(body)
      json = text === "" ? null : JSON.parse(text)
    } catch {
      return handOn()
    }
    let text: string
    try {
      const decoded = decodePayload(json)
      if (decoded._tag === "Failure") return handOn()
      const document = evaluation(options.info.catalogue, principal.id, decoded.value, lang)
      if (document._tag === "Failure") return handOn()
      text = JSON.stringify(document.success)
    } catch {
      // A defect: the full stack answers 500 with the request id and logs the cause, and the
      // process carries on (an exception thrown here would end it).
      return handOn()
    }
    counters.answered++
    response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "x-request-id": requestId })
    response.end(text)
    if (options.logRequests) {
      runFork(Effect.logInfo(accessLine("POST", PATH, 200, started)).pipe(Effect.annotateLogs({ requestId })))
    }
  }

  return (request, response) => {
    const lang = request.method === "POST" && request.url !== undefined ? langOfUrl[request.url] : undefined
    const headers = request.headers
    const length = headers["content-length"]
    const token = bearerToken(headers.authorization)
    if (
      !usable || lang === undefined || token === undefined || headers["content-type"] !== "application/json" ||
      length === undefined || !DIGITS.test(length) || Number(length) > options.bodyLimit ||
      headers["transfer-encoding"] !== undefined || headers.expect !== undefined || headers["idempotency-key"] !== undefined ||
      request.httpVersionMajor !== 1
    ) {
      return next(request, response)
    }
    const started = performance.now()
    const given = headers["x-request-id"]
    const requestId = requestIdOf(typeof given === "string" ? given : undefined)
    authenticate(token, (principal) => {
      if (principal === undefined || !Access.allows(principal, "eligibility.evaluate")) {
        counters.declined++
        return next(request, response)
      }
      const chunks: Array<Buffer> = []
      request.on("data", (chunk: Buffer) => chunks.push(chunk))
      request.once("end", () => answer(request, response, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), principal, lang, requestId, started))
      // A client that goes away mid-body gets no answer; the socket is already closed.
      request.once("error", () => response.destroy())
    })
  }
}
