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
 */
import { HttpApiMiddleware, HttpApiSecurity } from "effect/http-api"
import { CurrentPrincipal } from "./Principal.ts"
import * as Problem from "./Problem.ts"

/**
 * Authentication (認証): reads `Authorization: Bearer <token>` and provides the principal.
 * @category middleware
 * @since 0.1.0
 */
export class Authentication extends HttpApiMiddleware.Service<Authentication, { provides: CurrentPrincipal }>()("@jiritsu/rest/Authentication", {
  security: { bearer: HttpApiSecurity.bearer },
  error: Problem.Unauthorized
}) {}

/**
 * Authorisation (権限確認): the principal's roles and organisation against the `Access` table.
 * @category middleware
 * @since 0.1.0
 */
export class Authorization extends HttpApiMiddleware.Service<Authorization, { requires: CurrentPrincipal }>()("@jiritsu/rest/Authorization", {
  error: Problem.Forbidden
}) {}

/**
 * Request validation (入力検査): decoding failures as `400 invalid_request` problems.
 * @category middleware
 * @since 0.1.0
 */
export class RequestValidation extends HttpApiMiddleware.Service<RequestValidation>()("@jiritsu/rest/RequestValidation", {
  error: Problem.BadRequest
}) {}
