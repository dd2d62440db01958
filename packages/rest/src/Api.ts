/**
 * Api (API定義, contract v1) — the whole HTTP API as one Effect `HttpApi` value: the server routes,
 * the OpenAPI 3.1 document (`/openapi.json`), the rendered reference (`/docs`) and the typed
 * client (`Client`) are all derived from it, so they cannot disagree.
 *
 * Every `/v1` endpoint except `GET /v1/health` declares three middlewares (`Middleware`):
 * authentication (401), authorisation by the `Access` table (403) and request validation (400
 * naming each field). Bodies and query strings are strict: an unknown key is a 400.
 *
 * Groups and endpoints (the typed client is `client.<group>.<endpoint>`):
 * - `system.health` — `GET /v1/health`
 * - `programmes.list|get` — `GET /v1/programmes`, `GET /v1/programmes/{id}?asOf=&lang=`
 * - `eligibility.evaluate` — `POST /v1/eligibility/evaluate?lang=`
 * - `persons.create|get|consents` — `POST /v1/persons`, `GET /v1/persons/{id}`, `GET /v1/persons/{id}/consents`
 * - `cases.create|list|get|command|events` — `POST|GET /v1/cases`, `GET /v1/cases/{id}` (ETag),
 *   `POST /v1/cases/{id}/commands` (If-Match), `GET /v1/cases/{id}/events`
 * - `consents.create|appendEvent` — `POST /v1/consents`, `POST /v1/consents/{id}/events`
 * - `disclosures.create|list` — `POST /v1/disclosures`, `GET /v1/disclosures?subject=`
 * - `targets.listPlans|createPlan|progress` — `GET|POST /v1/targets/plans`, `GET /v1/targets/plans/{id}/progress?asOf=`
 * - `reports.national` — `GET /v1/reports/national?fiscalYear=&month=`
 *
 * Every POST accepts `Idempotency-Key`: the same key with the same body gives the same response
 * (and applies once); the same key with another body is a 422.
 *
 * @since 0.1.0
 * @module
 */
import { Consent, Period, type Rule, Target } from "@jiritsu/core"
import { Schema } from "effect"
import { HttpApi, HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "effect/http-api"
import * as Access from "./Access.ts"
import * as Caseload from "./Caseload.ts"
import * as Contract from "./Contract.ts"
import { Authentication, Authorization, RequestValidation } from "./Middleware.ts"
import { Principal } from "./Principal.ts"
import * as Problem from "./Problem.ts"

/**
 * The rule documents `programmes.get` returns are the core's (named here for declaration emit). @category api @since 0.1.0
 * @example
 * ```ts
 * const ruleInForce = (detail: Contract.ProgrammeDetail): Api.ProgrammeRule | undefined => detail.inForce?.rule
 * ```
 */
export type ProgrammeRule = Rule.Rule

/**
 * `Idempotency-Key` (冪等キー): 1–200 visible ASCII characters, e.g. a UUID. @category headers @since 0.1.0
 * @example
 * ```ts
 * import { Schema } from "effect"
 * Schema.is(Api.IdempotencyKey)(crypto.randomUUID()) // true: send it with a POST to make a retry safe
 * Schema.is(Api.IdempotencyKey)("two words")         // false: no spaces
 * ```
 */
export const IdempotencyKey = Schema.String.check(Schema.isPattern(/^[\x21-\x7e]{1,200}$/)).annotate({ identifier: "IdempotencyKey" })

/**
 * An entity tag of a case version: `"<version>"` (strong). @category headers @since 0.1.0
 * @example
 * ```ts
 * import { Schema } from "effect"
 * Schema.is(Api.EntityTag)('"7"') // true: version 7, as the ETag of GET /v1/cases/{id} and If-Match carry it
 * Schema.is(Api.EntityTag)("7")   // false: an entity tag is quoted
 * ```
 */
export const EntityTag = Schema.String.check(Schema.isPattern(/^"\d{1,15}"$/)).annotate({ identifier: "EntityTag", description: 'A case version as a strong entity tag, e.g. "7"' })

const postHeaders = { "idempotency-key": Schema.optionalKey(IdempotencyKey) }
const lang = { lang: Schema.optionalKey(Contract.Lang) }
const id = { id: Contract.ResourceId }

const created = <S extends Schema.Top>(schema: S) => schema.pipe(HttpApiSchema.status(201))

/** A success with the case's ETag (and its Location when created). */
const withEtag = <S extends Schema.Top>(schema: S) => HttpApiSchema.WithHeaders(schema, { etag: EntityTag })

/** The OpenAPI summary of an operation and, as its description, who may call it. */
const describe = (operation: Access.Operation, summary: string) => OpenApi.annotations({ summary, description: Access.describe(operation) })

/**
 * `system`: health (public). @category groups @since 0.1.0
 * @example
 * ```ts
 * const health = await Client.connect({ baseUrl: "http://127.0.0.1:3000" }).system.health() // no token needed
 * health.database.ok // true once the database answers
 * ```
 */
export class SystemGroup extends HttpApiGroup.make("system")
  .add(
    HttpApiEndpoint.get("health", "/health", { success: Contract.Health, error: [Problem.InternalError] }).annotate(
      OpenApi.Summary,
      "Health (稼働状況): answers once the service and its database are ready"
    )
  )
  .middleware(RequestValidation)
  .prefix("/v1") {}

/**
 * `programmes`: the catalogue's programme definitions. @category groups @since 0.1.0
 * @example
 * ```ts
 * const api = Client.connect({ baseUrl: "http://127.0.0.1:3000", token: "demo-shinagawa-caseworker" })
 * const page = await api.programmes.list({ query: { lang: "en", asOf: Period.unsafeDate("2024-04-01") } })
 * const detail = await api.programmes.get({ params: { id: "national.hw_handoff" }, query: { lang: "ja" } })
 * ```
 */
export class ProgrammesGroup extends   HttpApiGroup.make("programmes")
    .add(
      HttpApiEndpoint.get("list", "/programmes", {
        query: { ...Contract.pageQuery, ...lang, asOf: Schema.optionalKey(Period.LocalDate), municipality: Schema.optionalKey(Schema.String) },
        success: Contract.Page(Contract.ProgrammeSummary, "ProgrammePage")
      }).annotateMerge(describe("programmes.list", "Programmes (事業一覧), with the name in force at asOf")),
      HttpApiEndpoint.get("get", "/programmes/:id", {
        params: id,
        query: { ...lang, asOf: Schema.optionalKey(Period.LocalDate) },
        success: Contract.ProgrammeDetail,
        error: [Problem.NotFound]
      }).annotateMerge(describe("programmes.get", "One programme (事業の定義): rule set, citations, stage graph, consent templates, target plans"))
    )
  .middleware(RequestValidation)
  .middleware(Authorization)
  .middleware(Authentication)
  .prefix("/v1") {}

/**
 * `eligibility`: evaluate a programme for facts as of a date. @category groups @since 0.1.0
 * @example
 * ```ts
 * const api = Client.connect({ baseUrl: "http://127.0.0.1:3000", token: "demo-shinagawa-caseworker" })
 * const facts = { target_groups: ["welfare_recipient"], able_to_work: true, motivated: true, work_barrier: false, consents_to_participate: true }
 * const { verdict, summary } = await api.eligibility.evaluate({ payload: { programme: "national.hw_handoff", asOf: Period.unsafeDate("2024-04-01"), facts }, query: { lang: "en" } })
 * ```
 */
export class EligibilityGroup extends   HttpApiGroup.make("eligibility").add(
    HttpApiEndpoint.post("evaluate", "/eligibility/evaluate", {
      query: lang,
      headers: postHeaders,
      payload: Contract.EvaluateRequest,
      success: Contract.EvaluateResponse,
      error: [Problem.NotFound, Problem.DomainRefusal, Problem.IdempotencyKeyReused, Problem.RequestInProgress]
    }).annotateMerge(describe("eligibility.evaluate", "Evaluate eligibility (対象者判定): verdict with trace, why-not and next questions"))
  )
  .middleware(RequestValidation)
  .middleware(Authorization)
  .middleware(Authentication)
  .prefix("/v1") {}

/**
 * `persons`: personal data, consent-filtered for Hello Work. @category groups @since 0.1.0
 * @example
 * ```ts
 * const api = Client.connect({ baseUrl: "http://127.0.0.1:3000", token: "demo-shinagawa-caseworker" })
 * const person = await api.persons.create({ payload: { data: { identity: { name: "品川 花子", birthDate: "1985-06-01" } } } })
 * const view = await api.persons.get({ params: { id: person.id } }) // view.view === "full" for the controller
 * ```
 */
export class PersonsGroup extends   HttpApiGroup.make("persons").add(
    HttpApiEndpoint.post("create", "/persons", {
      headers: postHeaders,
      payload: Contract.NewPerson,
      success: created(Contract.Person),
      error: [Problem.NotFound, Problem.AlreadyExists, Problem.IdempotencyKeyReused, Problem.RequestInProgress]
    }).annotateMerge(describe("persons.create", "Register a person (本人情報の登録)")),
    HttpApiEndpoint.get("get", "/persons/:id", {
      params: id,
      query: {
        purpose: Schema.optionalKey(Consent.Purpose),
        categories: Schema.optionalKey(Schema.String.check(Schema.isPattern(/^[a-z][a-z0-9-]{0,63}(,[a-z][a-z0-9-]{0,63}){0,31}$/)))
      },
      success: Contract.PersonView,
      error: [Problem.NotFound]
    }).annotateMerge(describe("persons.get", "A person (本人情報): full for the controller, consent-filtered (with withheld categories and disclosure records) for Hello Work")),
    HttpApiEndpoint.get("consents", "/persons/:id/consents", {
      params: id,
      query: { ...Contract.pageQuery, at: Schema.optionalKey(Period.Instant) },
      success: Contract.Page(Contract.ConsentView, "ConsentPage"),
      error: [Problem.NotFound]
    }).annotateMerge(describe("persons.consents", "A person's consent records (同意台帳), each with its state and history"))
  )
  .middleware(RequestValidation)
  .middleware(Authorization)
  .middleware(Authentication)
  .prefix("/v1") {}

/**
 * `cases`: event-sourced support cases. @category groups @since 0.1.0
 * @example
 * ```ts
 * const api = Client.connect({ baseUrl: "http://127.0.0.1:3000", token: "demo-shinagawa-caseworker" })
 * const opened = await api.cases.create({ payload: { subjectId: "p-0001", publicAssistance: true, occurredAt: Period.unsafeDate("2024-04-01") } })
 * const assessed = await api.cases.command({
 *   params: { id: opened.body.id },
 *   headers: { "if-match": opened.headers.etag }, // a stale version is a 412, not a lost update
 *   payload: { _tag: "Assess", occurredAt: Period.unsafeDate("2024-04-05"), startingStage: "social_life" }
 * })
 * ```
 */
export class CasesGroup extends   HttpApiGroup.make("cases").add(
    HttpApiEndpoint.post("create", "/cases", {
      headers: postHeaders,
      payload: Contract.NewCase,
      success: withEtag(created(Contract.CaseView)),
      error: [Problem.NotFound, Problem.AlreadyExists, Problem.DomainRefusal, Problem.IdempotencyKeyReused, Problem.RequestInProgress]
    }).annotateMerge(describe("cases.create", "Open a case (相談受付): the OpenCase command, acted by the principal")),
    HttpApiEndpoint.get("list", "/cases", {
      query: Contract.caseListQuery,
      success: Contract.Page(Contract.CaseSummary, "CasePage")
    }).annotateMerge(describe("cases.list", "The caseload (ケース一覧): phase, stage, days in stage, follow-ups due or overdue")),
    HttpApiEndpoint.get("get", "/cases/:id", {
      params: id,
      success: withEtag(Contract.CaseView),
      error: [Problem.NotFound, Problem.NoBasis]
    }).annotateMerge(describe("cases.get", "A case (支援ケース) with its ETag (the version)")),
    HttpApiEndpoint.post("command", "/cases/:id/commands", {
      params: id,
      headers: { ...postHeaders, "if-match": Schema.optionalKey(EntityTag) },
      payload: Contract.CaseCommand,
      success: withEtag(Contract.CommandResult),
      error: [Problem.NotFound, Problem.NoBasis, Problem.Conflict, Problem.PreconditionFailed, Problem.DomainRefusal, Problem.IdempotencyKeyReused, Problem.RequestInProgress]
    }).annotateMerge(describe("cases.command", "Send a command to a case (指示): decided by the core, consent taken from the ledger; If-Match guards against lost updates")),
    HttpApiEndpoint.get("events", "/cases/:id/events", {
      params: id,
      query: Contract.pageQuery,
      success: Contract.Page(Contract.StoredCaseEvent, "CaseEventPage"),
      error: [Problem.NotFound, Problem.NoBasis]
    }).annotateMerge(describe("cases.events", "A case's events (経過記録), in stream order"))
  )
  .middleware(RequestValidation)
  .middleware(Authorization)
  .middleware(Authentication)
  .prefix("/v1") {}

/**
 * `consents`: the consent ledger. @category groups @since 0.1.0
 * @example
 * ```ts
 * const api = Client.connect({ baseUrl: "http://127.0.0.1:3000", token: "demo-shinagawa-caseworker" })
 * const consents = await api.persons.consents({ params: { id: "p-0001" } })
 * for (const c of consents.items) console.log(c.record.recordId, c.state) // then consents.appendEvent to record a withdrawal
 * ```
 */
export class ConsentsGroup extends   HttpApiGroup.make("consents").add(
    HttpApiEndpoint.post("create", "/consents", {
      headers: postHeaders,
      payload: Contract.NewConsent,
      success: created(Contract.ConsentView),
      error: [Problem.NotFound, Problem.DomainRefusal, Problem.IdempotencyKeyReused, Problem.RequestInProgress]
    }).annotateMerge(describe("consents.create", "Register a consent record (同意書の登録), from a full record or a programme's template")),
    HttpApiEndpoint.post("appendEvent", "/consents/:id/events", {
      params: id,
      headers: postHeaders,
      payload: Contract.NewConsentEvent,
      success: created(Contract.ConsentView),
      error: [Problem.NotFound, Problem.DomainRefusal, Problem.IdempotencyKeyReused, Problem.RequestInProgress]
    }).annotateMerge(describe("consents.appendEvent", "Record a lifecycle event (同意の経過): requested, given, withdrawn, revoked, …"))
  )
  .middleware(RequestValidation)
  .middleware(Authorization)
  .middleware(Authentication)
  .prefix("/v1") {}

/**
 * `disclosures`: decided and logged disclosures. @category groups @since 0.1.0
 * @example
 * ```ts
 * const api = Client.connect({ baseUrl: "http://127.0.0.1:3000", token: "demo-shinagawa-caseworker" })
 * const log = await api.disclosures.list({ query: { subject: "p-0001", limit: 20 } })
 * for (const record of log.items) console.log(record.hash) // each record chains the previous one
 * ```
 */
export class DisclosuresGroup extends   HttpApiGroup.make("disclosures").add(
    HttpApiEndpoint.post("create", "/disclosures", {
      headers: postHeaders,
      payload: Contract.NewDisclosure,
      success: created(Contract.DisclosureResult),
      error: [Problem.NotFound, Problem.DomainRefusal, Problem.IdempotencyKeyReused, Problem.RequestInProgress]
    }).annotateMerge(describe("disclosures.create", "Decide and log a disclosure (提供の判断と記録); only a Permit is logged")),
    HttpApiEndpoint.get("list", "/disclosures", {
      query: { ...Contract.pageQuery, subject: Schema.optionalKey(Contract.ResourceId) },
      success: Contract.Page(Contract.DisclosureResult.fields.record, "DisclosurePage")
    }).annotateMerge(describe("disclosures.list", "The disclosure log (提供記録), hash-chained, optionally for one subject"))
  )
  .middleware(RequestValidation)
  .middleware(Authorization)
  .middleware(Authentication)
  .prefix("/v1") {}

/**
 * `targets`: business plans and progress. @category groups @since 0.1.0
 * @example
 * ```ts
 * const api = Client.connect({ baseUrl: "http://127.0.0.1:3000", token: "demo-shinagawa-caseworker" })
 * const plans = await api.targets.listPlans({})
 * const progress = await api.targets.progress({ params: { id: plans.items[0]!.id }, query: { asOf: Period.unsafeDate("2024-09-30") } })
 * console.log(progress.heading)
 * ```
 */
export class TargetsGroup extends   HttpApiGroup.make("targets").add(
    HttpApiEndpoint.get("listPlans", "/targets/plans", {
      query: { ...Contract.pageQuery, fiscalYear: Schema.optionalKey(Period.FiscalYear) },
      success: Contract.Page(Target.Plan, "PlanPage")
    }).annotateMerge(describe("targets.listPlans", "Business plans (事業計画)")),
    HttpApiEndpoint.post("createPlan", "/targets/plans", {
      headers: postHeaders,
      payload: Target.Plan,
      success: created(Target.Plan),
      error: [Problem.AlreadyExists, Problem.DomainRefusal, Problem.IdempotencyKeyReused, Problem.RequestInProgress]
    }).annotateMerge(describe("targets.createPlan", "Record a business plan (事業計画の登録)")),
    HttpApiEndpoint.get("progress", "/targets/plans/:id/progress", {
      params: id,
      query: { ...lang, asOf: Schema.optionalKey(Period.LocalDate) },
      success: Contract.PlanProgress,
      error: [Problem.NotFound, Problem.DomainRefusal]
    }).annotateMerge(describe("targets.progress", "Progress of a plan as of a date (進捗): actual, pro-rated expectation, verdict, forecast"))
  )
  .middleware(RequestValidation)
  .middleware(Authorization)
  .middleware(Authentication)
  .prefix("/v1") {}

/**
 * `reports`: national indicators. @category groups @since 0.1.0
 * @example
 * ```ts
 * const api = Client.connect({ baseUrl: "http://127.0.0.1:3000", token: "demo-shinagawa-caseworker" })
 * const report = await api.reports.national({ query: { fiscalYear: Period.unsafeFiscalYear(2024), month: 6 } })
 * for (const figure of report.figures) console.log(figure)
 * ```
 */
export class ReportsGroup extends   HttpApiGroup.make("reports").add(
    HttpApiEndpoint.get("national", "/reports/national", {
      query: { ...lang, fiscalYear: Period.FiscalYear, month: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 12 }))) },
      success: Contract.NationalReport
    }).annotateMerge(describe("reports.national", "National support-status figures (支援状況調査) for a fiscal year or one month of it"))
  )
  .middleware(RequestValidation)
  .middleware(Authorization)
  .middleware(Authentication)
  .prefix("/v1") {}

/**
 * `session`: who the bearer token stands for (the dashboard's login check). @category groups @since 0.1.0
 * @example
 * ```ts
 * const api = Client.connect({ baseUrl: "http://127.0.0.1:3000", token: "demo-shinagawa-caseworker" })
 * const me = await api.session.me({})
 * console.log(me.organisation.id, me.tenant, me.roles) // "shinagawa-welfare-office" "131091" ["caseworker"]
 * ```
 */
export class SessionGroup extends HttpApiGroup.make("session")
  .add(
    HttpApiEndpoint.get("me", "/session", { success: Principal }).annotateMerge(
      describe("session.me", "The signed-in principal (利用者): organisation, municipality and roles of the bearer token")
    )
  )
  .middleware(RequestValidation)
  .middleware(Authorization)
  .middleware(Authentication)
  .prefix("/v1") {}

/**
 * `caseload`: figures across every case of the municipality as of a date (支援状況の概況) — the
 * dashboard's stage funnel and flows, time in stage (滞留) and follow-ups due (定着支援).
 * @category groups
 * @since 0.1.0
 * @example
 * ```ts
 * const api = Client.connect({ baseUrl: "http://127.0.0.1:3000", token: "demo-shinagawa-caseworker" })
 * const stages = await api.caseload.stages({ query: { asOf: Period.unsafeDate("2024-09-30") } })
 * const due = await api.caseload.followUps({ query: {} })
 * console.log(stages.stages.map((s) => `${s.label.ja} ${s.people}`), due.overdue)
 * ```
 */
export class CaseloadGroup extends HttpApiGroup.make("caseload")
  .add(
    HttpApiEndpoint.get("stages", "/reports/stages", {
      query: { asOf: Schema.optionalKey(Period.LocalDate), from: Schema.optionalKey(Period.LocalDate) },
      success: Caseload.StageReport,
      error: [Problem.BadRequest]
    }).annotateMerge(describe("caseload.stages", "People per autonomy stage and the moves between stages (段階の分布と推移); from defaults to the start of asOf's fiscal year")),
    HttpApiEndpoint.get("timeInStage", "/reports/time-in-stage", {
      query: { asOf: Schema.optionalKey(Period.LocalDate) },
      success: Caseload.TimeInStageReport
    }).annotateMerge(describe("caseload.timeInStage", "Current stays per autonomy stage and the stagnating cases (滞留)")),
    HttpApiEndpoint.get("followUps", "/reports/follow-ups", {
      query: { asOf: Schema.optionalKey(Period.LocalDate) },
      success: Caseload.FollowUpReport
    }).annotateMerge(describe("caseload.followUps", "Follow-ups after placement due or overdue (定着支援の予定)"))
  )
  .middleware(RequestValidation)
  .middleware(Authorization)
  .middleware(Authentication)
  .prefix("/v1") {}

/**
 * The API (contract v1). Serve it with `Server`, call it with `Client`, document it with
 * `OpenApi.fromApi(Api)`.
 * @category api
 * @since 0.1.0
 * @example
 * ```ts
 * import { OpenApi } from "effect/http-api"
 * const document = OpenApi.fromApi(Api.Api) // what the service serves at /openapi.json
 * document.info.title // "jiritsu reference service (一体的実施 支援 API)"
 * ```
 */
export class Api extends HttpApi.make("jiritsu")
  .add(SystemGroup, ProgrammesGroup, EligibilityGroup, PersonsGroup, CasesGroup, ConsentsGroup, DisclosuresGroup, TargetsGroup, ReportsGroup)
  .add(SessionGroup, CaseloadGroup)
  .annotate(HttpApi.PayloadParseOptions, { onExcessProperty: "error", errors: "all" })
  .annotate(HttpApi.QueryParseOptions, { onExcessProperty: "error", errors: "all" })
  .annotate(HttpApi.ParamsParseOptions, { errors: "all" })
  .annotate(HttpApi.HeadersParseOptions, { errors: "all" })
  .annotate(OpenApi.Title, "jiritsu reference service (一体的実施 支援 API)")
  .annotate(OpenApi.Version, "1.0.0")
  .annotate(
    OpenApi.Description,
    "Integrated employment support (一体的実施) over HTTP: programmes and eligibility, people, event-sourced cases, consent and the disclosure log, business-plan targets and national figures. Errors are application/problem+json with a stable `code`. Authenticate with `Authorization: Bearer <token>`."
  ) {}
