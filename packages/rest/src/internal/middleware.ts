// Server layers of the API's authorisation and request-validation middlewares.
import { Cause, Effect, ErrorReporter, Layer, SchemaAST, SchemaIssue } from "effect"
import { HttpServerRequest, HttpServerRespondable, type HttpServerResponse } from "effect/http"
import { HttpApiError, type HttpApiEndpoint } from "effect/http-api"
import * as Access from "../Access.ts"
import { Authorization, RequestValidation } from "../Middleware.ts"
import { CurrentPrincipal } from "../Principal.ts"
import * as Problem from "../Problem.ts"

const forbidden = (operation: Access.Operation) =>
  new Problem.Forbidden({
    code: "forbidden",
    detail: `${operation} is not allowed for this principal`,
    detailJa: "この操作を行う権限がありません",
    allowedRoles: [...Access.policy[operation].roles]
  })

export const AuthorizationLive = Layer.succeed(Authorization, (httpEffect, { endpoint, group }) =>
  Effect.gen(function*() {
    const principal = yield* CurrentPrincipal
    const operation = `${group.identifier}.${endpoint.identifier}`
    if (!Access.isOperation(operation)) return yield* Effect.die(new Error(`operation ${operation} has no row in the access table`))
    if (!Access.allows(principal, operation)) return yield* Effect.fail(forbidden(operation))
    return yield* httpEffect
  })
)

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

const segment = (p: PropertyKey | { readonly key: PropertyKey }): string | number => {
  const key = typeof p === "object" ? p.key : p
  return typeof key === "number" ? key : String(key)
}

const transform = (error: HttpApiError.HttpApiSchemaError) => {
  if (error.kind === "Body" || error.kind === "ResponseHeaders") {
    return Effect.andThen(
      ErrorReporter.report(Cause.fail(error)),
      HttpServerRespondable.toResponse(new Problem.InternalError({ code: "internal_error", detail: "the response could not be encoded" }))
    )
  }
  const slot = error.kind.toLowerCase()
  const issues = formatter(error.cause.issue).issues.map((issue) => ({
    path: [slot, ...(issue.path ?? []).map(segment)],
    message: issue.message
  }))
  return Effect.fail(Problem.badRequest(issues))
}

/** The query keys an endpoint declares (none when it declares no query). */
const declaredQuery = (endpoint: HttpApiEndpoint.Top): ReadonlyArray<string> => {
  const ast = endpoint.query === undefined ? undefined : SchemaAST.toEncoded(endpoint.query.ast)
  return ast !== undefined && "propertySignatures" in ast ? (ast.propertySignatures as ReadonlyArray<{ readonly name: PropertyKey }>).map((p) => String(p.name)) : []
}

const queryless = new WeakMap<HttpApiEndpoint.Top, boolean>()

/**
 * Decoding failures become 400 problems naming each field; an endpoint without query parameters
 * refuses any (the schema's excess-property check does not run on an empty query).
 */
export const RequestValidationLive = Layer.succeed(RequestValidation, (httpEffect, { endpoint }) =>
  // The middleware's declared types cannot say "HttpApiSchemaError in, BadRequest out".
  Effect.gen(function*() {
    let none = queryless.get(endpoint)
    if (none === undefined) queryless.set(endpoint, (none = declaredQuery(endpoint).length === 0))
    if (none) {
      const query = yield* HttpServerRequest.ParsedSearchParams
      const keys = Object.keys(query)
      if (keys.length > 0) return yield* Effect.fail(Problem.badRequest(keys.map((k) => ({ path: ["query", k], message: "Expected no excess property (this endpoint takes no query parameters)" }))))
    }
    return yield* (httpEffect as Effect.Effect<HttpServerResponse.HttpServerResponse, unknown>).pipe(
      Effect.catch((e) => (HttpApiError.HttpApiSchemaError.is(e) ? transform(e) : Effect.fail(e)))
    )
  }) as never
)

export const MiddlewareLive = Layer.mergeAll(AuthorizationLive, RequestValidationLive)
