// Server layers of the API's authorisation and request-validation middlewares.
import { Cause, Effect, ErrorReporter, Layer, SchemaIssue } from "effect"
import { HttpServerRespondable } from "effect/http"
import { HttpApiMiddleware } from "effect/http-api"
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

export const RequestValidationLive = HttpApiMiddleware.layerSchemaErrorTransform(RequestValidation, (error) => {
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
})

export const MiddlewareLive = Layer.mergeAll(AuthorizationLive, RequestValidationLive)
