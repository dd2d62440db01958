/**
 * Middleware (ミドルウェア) — the three middlewares every `/v1` endpoint of the API declares, as
 * definitions shared by the server and the typed client. Their server implementations are Layers:
 * `Authentication.layer…` (which embedders replace with their own), and the service's own
 * authorisation and request-validation layers (`Server.middlewareLayer`).
 *
 * - {@link Authentication}: bearer token → {@link Principal.CurrentPrincipal}, else `401`;
 * - {@link Authorization}: the `Access` table, before the body is read, else `403`;
 * - {@link RequestValidation}: turns every decoding failure of params, query, headers or body into
 *   a `400` problem naming each field.
 *
 * @since 0.1.0
 * @module
 */
import { HttpApiMiddleware, HttpApiSecurity } from "effect/http-api"
import { CurrentPrincipal } from "./Principal.ts"
import * as Problem from "./Problem.ts"

/**
 * Authentication (認証): reads `Authorization: Bearer <token>` and provides the principal.
 * @category middleware
 * @since 0.1.0
 * @example
 * ```ts
 * import type { Layer } from "effect"
 * // the layer the server needs: the reference token file's, or your identity provider's (Authentication.layer)
 * const auth: Layer.Layer<Middleware.Authentication> = Authentication.layerFromTokens(Demo.tokens)
 * ```
 */
export class Authentication extends HttpApiMiddleware.Service<Authentication, { provides: CurrentPrincipal }>()("@jiritsu/rest/Authentication", {
  security: { bearer: HttpApiSecurity.bearer },
  error: Problem.Unauthorized
}) {}

/**
 * Authorisation (権限確認): the principal's roles and organisation against the `Access` table.
 * @category middleware
 * @since 0.1.0
 * @example
 * ```ts
 * const navigator: Principal.Principal = { id: "hw-nav-01", organisation: { kind: "hello_work", id: "hw-shinagawa" }, tenant: Tenant.unsafeCode("131091"), roles: ["hw_navigator"] }
 * // the check this middleware runs before the body is read (else 403 Problem.Forbidden)
 * Access.allows(navigator, "targets.createPlan") // false
 * ```
 */
export class Authorization extends HttpApiMiddleware.Service<Authorization, { requires: CurrentPrincipal }>()("@jiritsu/rest/Authorization", {
  error: Problem.Forbidden
}) {}

/**
 * Request validation (入力検査): decoding failures as `400 invalid_request` problems.
 * @category middleware
 * @since 0.1.0
 * @example
 * ```ts
 * // a client sees the 400 this middleware renders as a typed error naming the field
 * const explain = (problem: Problem.BadRequest): string => `${problem.field}: ${problem.detail}` // "payload.asOf: …"
 * ```
 */
export class RequestValidation extends HttpApiMiddleware.Service<RequestValidation>()("@jiritsu/rest/RequestValidation", {
  error: Problem.BadRequest
}) {}
