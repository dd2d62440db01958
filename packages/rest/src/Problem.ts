/**
 * Problem (問題の詳細) — every error of the HTTP API as an RFC 9457 `application/problem+json`
 * document with a stable machine-readable `code`.
 *
 * Each class below is one HTTP status. Its `type` URI and `code` never change between releases, so
 * clients switch on `code` (or on the typed client's `_tag`), never on the English `detail`. A
 * bad request names every offending field (`errors[].path`, the first one also as `field`); a
 * domain refusal (422) carries the core's typed refusal with its Japanese and English message.
 * Problem bodies never contain the request id (it is in the `x-request-id` header), so a 404 for an
 * id that does not exist and a 404 for another municipality's id are byte-for-byte identical.
 *
 * @since 0.1.0
 * @module
 */
import { Schema } from "effect"
import { HttpApiError } from "effect/http-api"

const base = "https://jiritsu.dev/problems/"

/**
 * Every problem code the API returns (stable across releases).
 * - `invalid_request` (入力不正): a parameter, header, query or body failed to decode;
 * - `unauthenticated` (未認証): no or an unknown bearer token;
 * - `forbidden` (権限なし): the principal's roles do not allow the endpoint;
 * - `no_legal_basis` (提供の根拠なし): Hello Work has no consent or legal basis for this person;
 * - `already_exists` (登録済み): a resource with this id exists;
 * - `not_found` (該当なし): no such resource in the principal's municipality;
 * - `version_conflict` (版の競合): the resource changed between read and write;
 * - `precondition_failed` (前提条件不一致): `If-Match` names an older version;
 * - `payload_too_large` (サイズ超過): the body exceeds the service's limit;
 * - `unsupported_media_type` (形式非対応): a body that is not `application/json`;
 * - `domain_refusal` (業務上の却下): the core refused the command or entry;
 * - `idempotency_key_reused` (冪等キー再利用): the same `Idempotency-Key` with another body;
 * - `request_in_progress` (処理中): the first request with this `Idempotency-Key` has not finished;
 * - `internal_error` (内部エラー): a fault of the service (logged with the request id).
 * @category codes
 * @since 0.1.0
 * @example
 * ```ts
 * const retryable = (code: Problem.Code): boolean => code === "version_conflict" || code === "request_in_progress"
 * ```
 */
export const Code = Schema.Literals([
  "invalid_request",
  "unauthenticated",
  "forbidden",
  "no_legal_basis",
  "already_exists",
  "not_found",
  "version_conflict",
  "precondition_failed",
  "payload_too_large",
  "unsupported_media_type",
  "domain_refusal",
  "idempotency_key_reused",
  "request_in_progress",
  "internal_error"
])
/** @category codes */
export type Code = typeof Code.Type

/**
 * One decoding problem: where (`["payload", "facts", "age"]`) and why. @category problems @since 0.1.0
 * @example
 * ```ts
 * const issue: Problem.Issue = { path: ["payload", "facts", "age"], message: "Expected a number, got \"forty\"" }
 * ```
 */
export const Issue = Schema.Struct({
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  message: Schema.String
}).annotate({ identifier: "ProblemIssue" })
/** @category problems */
export type Issue = typeof Issue.Type

/** A Japanese rendering of `detail`, for caseworker-facing screens. */
const detailJa = Schema.optionalKey(Schema.String)

/**
 * 400 Bad Request (入力不正): `errors` lists every issue with its path, the first slot being the
 * request part (`params`, `query`, `headers`, `payload`); `field` is the first path, dotted.
 * @category problems
 * @since 0.1.0
 * @example
 * ```ts
 * const problem = new Problem.BadRequest({
 *   code: "invalid_request",
 *   detail: "payload.asOf: Expected a date",
 *   field: "payload.asOf",
 *   errors: [{ path: ["payload", "asOf"], message: "Expected a date" }]
 * })
 * problem.status // 400 (Problem.badRequest builds the same from the issues)
 * ```
 */
export class BadRequest extends HttpApiError.Problem<BadRequest>()("BadRequest", {
  type: `${base}invalid-request`,
  status: 400,
  title: "Invalid request"
}, {
  code: Schema.Literal("invalid_request"),
  detail: Schema.String,
  detailJa,
  field: Schema.String,
  errors: Schema.Array(Issue)
}, { identifier: "BadRequestProblem" }) {}

/**
 * 401 Unauthorized (未認証): a missing, malformed or unknown bearer token. @category problems @since 0.1.0
 * @example
 * ```ts
 * const problem = new Problem.Unauthorized({ code: "unauthenticated", detail: "unknown or expired bearer token" })
 * problem._tag // "Unauthorized" — what a rejected Client.connect call carries
 * ```
 */
export class Unauthorized extends HttpApiError.Problem<Unauthorized>()("Unauthorized", {
  type: `${base}unauthenticated`,
  status: 401,
  title: "Authentication required"
}, {
  code: Schema.Literal("unauthenticated"),
  detail: Schema.String,
  detailJa
}, { identifier: "UnauthorizedProblem" }) {}

/**
 * 403 Forbidden (権限なし): the principal is authenticated but none of its roles may call the
 * endpoint (`allowedRoles` says which may).
 * @category problems
 * @since 0.1.0
 * @example
 * ```ts
 * const problem = new Problem.Forbidden({ code: "forbidden", detail: "not allowed", allowedRoles: ["supervisor", "admin"] })
 * problem.status // 403
 * ```
 */
export class Forbidden extends HttpApiError.Problem<Forbidden>()("Forbidden", {
  type: `${base}forbidden`,
  status: 403,
  title: "Not allowed for this principal"
}, {
  code: Schema.Literal("forbidden"),
  detail: Schema.String,
  detailJa,
  allowedRoles: Schema.Array(Schema.String)
}, { identifier: "ForbiddenProblem" }) {}

/**
 * 403 Forbidden (提供の根拠なし): the principal's organisation is outside the data controller
 * (Hello Work) and no valid consent or legal basis lets it receive this person's data now.
 * @category problems
 * @since 0.1.0
 * @example
 * ```ts
 * const problem = new Problem.NoBasis({
 *   code: "no_legal_basis",
 *   detail: "no consent or legal basis for hello-work hw-shinagawa",
 *   detailJa: "本人の同意または法令上の根拠がありません",
 *   decision: "NoBasis"
 * })
 * ```
 */
export class NoBasis extends HttpApiError.Problem<NoBasis>()("NoBasis", {
  type: `${base}no-legal-basis`,
  status: 403,
  title: "No consent or legal basis for this recipient"
}, {
  code: Schema.Literal("no_legal_basis"),
  detail: Schema.String,
  detailJa: Schema.String,
  decision: Schema.Literals(["Deny", "NoBasis"])
}, { identifier: "NoBasisProblem" }) {}

/**
 * 404 Not Found (該当なし): no resource with this id in the principal's municipality. Another
 * municipality's resource gives exactly the same document.
 * @category problems
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * // a handler that does not find the id (or finds another municipality's) answers the same document
 * const missing = Effect.fail(new Problem.NotFound({ code: "not_found", detail: "no such case", resource: "case" }))
 * ```
 */
export class NotFound extends HttpApiError.Problem<NotFound>()("NotFound", {
  type: `${base}not-found`,
  status: 404,
  title: "Not found"
}, {
  code: Schema.Literal("not_found"),
  detail: Schema.String,
  detailJa,
  resource: Schema.String
}, { identifier: "NotFoundProblem" }) {}

/**
 * 409 Conflict (版の競合): another write reached the resource first; `expected` is the version the
 * write was based on, `actual` the version now stored. Re-read and retry.
 * @category problems
 * @since 0.1.0
 * @example
 * ```ts
 * const problem = new Problem.Conflict({ code: "version_conflict", detail: "the case changed", expected: 3, actual: 4 })
 * // re-read the case (version 4) and send the command again
 * ```
 */
export class Conflict extends HttpApiError.Problem<Conflict>()("Conflict", {
  type: `${base}version-conflict`,
  status: 409,
  title: "Version conflict"
}, {
  code: Schema.Literal("version_conflict"),
  detail: Schema.String,
  detailJa,
  expected: Schema.Int,
  actual: Schema.Int
}, { identifier: "ConflictProblem" }) {}

/**
 * 409 Conflict (登録済み): a resource with this id already exists. @category problems @since 0.1.0
 * @example
 * ```ts
 * const problem = new Problem.AlreadyExists({ code: "already_exists", detail: "person p-0001 exists", resource: "person", id: "p-0001" })
 * ```
 */
export class AlreadyExists extends HttpApiError.Problem<AlreadyExists>()("AlreadyExists", {
  type: `${base}already-exists`,
  status: 409,
  title: "Already exists"
}, {
  code: Schema.Literal("already_exists"),
  detail: Schema.String,
  detailJa,
  resource: Schema.String,
  id: Schema.String
}, { identifier: "AlreadyExistsProblem" }) {}

/**
 * 412 Precondition Failed (前提条件不一致): `If-Match` does not name the current version; `etag`
 * is the current one.
 * @category problems
 * @since 0.1.0
 * @example
 * ```ts
 * const problem = new Problem.PreconditionFailed({ code: "precondition_failed", detail: "If-Match names version 2", etag: '"3"' })
 * problem.etag // '"3"': the version to re-read
 * ```
 */
export class PreconditionFailed extends HttpApiError.Problem<PreconditionFailed>()("PreconditionFailed", {
  type: `${base}precondition-failed`,
  status: 412,
  title: "Precondition failed"
}, {
  code: Schema.Literal("precondition_failed"),
  detail: Schema.String,
  detailJa,
  etag: Schema.String
}, { identifier: "PreconditionFailedProblem" }) {}

/**
 * 413 Content Too Large (サイズ超過): refused before the body is parsed. @category problems @since 0.1.0
 * @example
 * ```ts
 * const problem = new Problem.PayloadTooLarge({ code: "payload_too_large", detail: "the body exceeds 1048576 bytes", limit: Server.DEFAULT_BODY_LIMIT })
 * ```
 */
export class PayloadTooLarge extends HttpApiError.Problem<PayloadTooLarge>()("PayloadTooLarge", {
  type: `${base}payload-too-large`,
  status: 413,
  title: "Request body too large"
}, {
  code: Schema.Literal("payload_too_large"),
  detail: Schema.String,
  detailJa,
  limit: Schema.Int
}, { identifier: "PayloadTooLargeProblem" }) {}

/**
 * 415 Unsupported Media Type (形式非対応): bodies are `application/json`. @category problems @since 0.1.0
 * @example
 * ```ts
 * const problem = new Problem.UnsupportedMediaType({ code: "unsupported_media_type", detail: "expected application/json" })
 * problem.status // 415
 * ```
 */
export class UnsupportedMediaType extends HttpApiError.Problem<UnsupportedMediaType>()("UnsupportedMediaType", {
  type: `${base}unsupported-media-type`,
  status: 415,
  title: "Unsupported media type"
}, {
  code: Schema.Literal("unsupported_media_type"),
  detail: Schema.String,
  detailJa
}, { identifier: "UnsupportedMediaTypeProblem" }) {}

/**
 * A typed refusal of the core, as it refused: `source` names the module (`case`, `consent`,
 * `disclosure`, `target`, `eligibility`), `tag`/`code` its variant, `path` the offending field, and
 * `message`/`messageJa` its explanation.
 * @category problems
 * @since 0.1.0
 * @example
 * ```ts
 * const refusal: Problem.Refusal = {
 *   source: "case",
 *   tag: "ConsentRequired",
 *   path: ["consent"],
 *   message: "a referral to Hello Work needs a permitting consent",
 *   messageJa: "ハローワークへの支援要請には本人の同意が必要です"
 * }
 * ```
 */
export const Refusal = Schema.Struct({
  source: Schema.Literals(["case", "consent", "disclosure", "target", "eligibility"]),
  tag: Schema.String,
  code: Schema.optionalKey(Schema.String),
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  message: Schema.String,
  messageJa: Schema.String,
  details: Schema.optionalKey(Schema.Unknown)
}).annotate({ identifier: "DomainRefusal" })
/** @category problems */
export type Refusal = typeof Refusal.Type

/**
 * 422 Unprocessable Content (業務上の却下): the input decoded but the domain refused it, e.g. a
 * referral to Hello Work without a permitting consent, or an illegal consent transition.
 * @category problems
 * @since 0.1.0
 * @example
 * ```ts
 * const refusal: Problem.Refusal = { source: "consent", tag: "IllegalTransition", path: ["event"], message: "a withdrawn consent cannot be given again", messageJa: "撤回済みの同意は再度付与できません" }
 * const problem = Problem.domainRefusal(refusal) // a DomainRefusal, status 422, field "event"
 * ```
 */
export class DomainRefusal extends HttpApiError.Problem<DomainRefusal>()("DomainRefusal", {
  type: `${base}domain-refusal`,
  status: 422,
  title: "Refused by the domain rules"
}, {
  code: Schema.Literal("domain_refusal"),
  detail: Schema.String,
  detailJa: Schema.String,
  field: Schema.String,
  refusal: Refusal
}, { identifier: "DomainRefusalProblem" }) {}

/**
 * 422 Unprocessable Content (冪等キー再利用): this `Idempotency-Key` was used for a different request
 * (another body, endpoint or principal). Nothing was applied.
 * @category problems
 * @since 0.1.0
 * @example
 * ```ts
 * const problem = new Problem.IdempotencyKeyReused({ code: "idempotency_key_reused", detail: "the key was used with another body", field: "headers.idempotency-key" })
 * ```
 */
export class IdempotencyKeyReused extends HttpApiError.Problem<IdempotencyKeyReused>()("IdempotencyKeyReused", {
  type: `${base}idempotency-key-reused`,
  status: 422,
  title: "Idempotency key reused with a different request"
}, {
  code: Schema.Literal("idempotency_key_reused"),
  detail: Schema.String,
  detailJa,
  field: Schema.String
}, { identifier: "IdempotencyKeyReusedProblem" }) {}

/**
 * 409 Conflict (処理中): a request with the same `Idempotency-Key` is still running; retry shortly
 * to get its response.
 * @category problems
 * @since 0.1.0
 * @example
 * ```ts
 * const problem = new Problem.RequestInProgress({ code: "request_in_progress", detail: "the first request is still running", field: "headers.idempotency-key" })
 * // wait a moment and send the same request again: it gets the first one's response
 * ```
 */
export class RequestInProgress extends HttpApiError.Problem<RequestInProgress>()("RequestInProgress", {
  type: `${base}request-in-progress`,
  status: 409,
  title: "A request with this idempotency key is in progress"
}, {
  code: Schema.Literal("request_in_progress"),
  detail: Schema.String,
  detailJa,
  field: Schema.String
}, { identifier: "RequestInProgressProblem" }) {}

/**
 * 500 Internal Server Error (内部エラー): details are in the service log under the request id. @category problems @since 0.1.0
 * @example
 * ```ts
 * const problem = new Problem.InternalError({ code: "internal_error", detail: "see the service log under the request id" })
 * problem.status // 500
 * ```
 */
export class InternalError extends HttpApiError.Problem<InternalError>()("InternalError", {
  type: `${base}internal-error`,
  status: 500,
  title: "Internal error"
}, {
  code: Schema.Literal("internal_error"),
  detail: Schema.String,
  detailJa
}, { identifier: "InternalErrorProblem" }) {}

/**
 * Formats an issue path for `field`: `payload.facts.age`, `payload.items[2]`. @category problems @since 0.1.0
 * @example
 * ```ts
 * Problem.formatPath(["payload", "facts", "age"]) // "payload.facts.age"
 * Problem.formatPath(["payload", "items", 2])     // "payload.items[2]"
 * ```
 */
export const formatPath = (path: ReadonlyArray<string | number>): string =>
  path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc === "" ? p : `${acc}.${p}`), "")

/**
 * A 400 from issues (at least one). @category constructors @since 0.1.0
 * @example
 * ```ts
 * const problem = Problem.badRequest([{ path: ["query", "limit"], message: "Expected an integer between 1 and 200" }])
 * problem.field  // "query.limit"
 * problem.detail // "query.limit: Expected an integer between 1 and 200"
 * ```
 */
export const badRequest = (issues: ReadonlyArray<Issue>, detailJaText = "入力が不正です"): BadRequest => {
  const first = issues[0] ?? { path: [], message: "invalid request" }
  return new BadRequest({
    code: "invalid_request",
    detail: issues.map((i) => `${formatPath(i.path) || "(request)"}: ${i.message}`).join("; "),
    detailJa: detailJaText,
    field: formatPath(first.path),
    errors: issues.length === 0 ? [first] : issues
  })
}

/**
 * The 404 for a resource kind: the same document whoever owns the id. @category constructors @since 0.1.0
 * @example
 * ```ts
 * Problem.notFound("case").detail // "no such case" — whoever owns the id
 * ```
 */
export const notFound = (resource: string): NotFound =>
  new NotFound({ code: "not_found", detail: `no such ${resource}`, detailJa: "該当するデータがありません", resource })

/**
 * A 422 from a core refusal. @category constructors @since 0.1.0
 * @example
 * ```ts
 * const problem = Problem.domainRefusal({ source: "target", tag: "UnknownPlan", path: ["planId"], message: "no such plan", messageJa: "該当する計画がありません" })
 * problem.field // "planId"
 * ```
 */
export const domainRefusal = (refusal: Refusal): DomainRefusal =>
  new DomainRefusal({ code: "domain_refusal", detail: refusal.message, detailJa: refusal.messageJa, field: formatPath(refusal.path), refusal })
