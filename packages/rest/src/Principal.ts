/**
 * Principal (利用者) — who is calling: a member of staff of one organisation, working for one
 * municipality (the tenant, 地方公共団体コード), with one or more roles.
 *
 * The principal is never read from a request body. The {@link CurrentPrincipal} service is
 * provided by the authentication middleware (see `Authentication`) from the bearer token, and
 * every handler takes the tenant and the acting organisation from it.
 *
 * @since 0.1.0
 * @module
 */
import { Case, Consent } from "@jiritsu/core"
// The Node-free entry: this module is part of the API definition browsers load (`@jiritsu/rest/api`).
import * as Tenant from "@jiritsu/postgres/tenant"
import { Context, Schema } from "effect"

/**
 * A role (役割) a principal holds:
 * - `caseworker` (ケースワーカー) — the welfare office's case worker;
 * - `employment_support_worker` (就労支援員) — municipal or contracted employment support;
 * - `hw_navigator` (就職支援ナビゲーター) — Hello Work's one-to-one navigator;
 * - `supervisor` (査察指導員・所長) — oversees cases and the disclosure log;
 * - `researcher` (研究者) — aggregate figures only, never personal data;
 * - `admin` (システム管理者) — business plans and configuration, never personal data.
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * const role: Principal.Role = "employment_support_worker" // 就労支援員
 * ```
 */
export const Role = Schema.Literals(["caseworker", "employment_support_worker", "hw_navigator", "supervisor", "researcher", "admin"])
/** @category model */
export type Role = typeof Role.Type

/**
 * Every role, in a fixed order (for tables and generated tests). @category model @since 0.1.0
 * @example
 * ```ts
 * Principal.roles.filter((r) => r !== "researcher" && r !== "admin") // the roles that may see personal data
 * ```
 */
export const roles: ReadonlyArray<Role> = Role.literals

/**
 * A municipality code (地方公共団体コード): five digits plus the check digit, e.g. `131091`
 * (品川区) — `@jiritsu/postgres`'s `Tenant.MunicipalityCode`. The tenant of every row and every
 * request.
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * import { Schema } from "effect"
 * const tenant = Schema.decodeUnknownSync(Principal.TenantCode)("131091") // 品川区; "131090" fails (check digit)
 * ```
 */
export const TenantCode = Tenant.MunicipalityCode
/** @category model */
export type TenantCode = typeof TenantCode.Type

/**
 * The organisation a principal acts for (所属): its kind (the core's `Case.OrganisationKind`:
 * municipality, hello_work, contractor, consultation_agency) and its id, which is the recipient
 * id consent records name (e.g. `hw-shinagawa`).
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * const office: Principal.Organisation = { kind: "hello_work", id: "hw-shinagawa", name: "ハローワーク品川" }
 * ```
 */
export const Organisation = Schema.Struct({
  kind: Case.OrganisationKind,
  id: Consent.Id,
  name: Schema.optionalKey(Schema.String)
}).annotate({ identifier: "Organisation" })
/** @category model */
export type Organisation = typeof Organisation.Type

/**
 * A principal (利用者): staff id, organisation, tenant and roles; `title` is the local job title
 * kept beside the mapped role (e.g. 就労支援相談員).
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * const supportWorker: Principal.Principal = {
 *   id: "esw-01",
 *   name: "大井 花子",
 *   title: "就労支援相談員",
 *   organisation: { kind: "municipality", id: "shinagawa-welfare-office" },
 *   tenant: Tenant.unsafeCode("131091"),
 *   roles: ["employment_support_worker"]
 * }
 * ```
 */
export const Principal = Schema.Struct({
  id: Consent.Id,
  name: Schema.optionalKey(Schema.String),
  title: Schema.optionalKey(Schema.String),
  organisation: Organisation,
  tenant: TenantCode,
  roles: Schema.NonEmptyArray(Role)
}).annotate({ identifier: "Principal" })
/** @category model */
export type Principal = typeof Principal.Type

/**
 * The authenticated principal of the current request (provided by the authentication middleware).
 * @category services
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * // inside a handler: the tenant always comes from the principal, never from the request
 * const tenantOfRequest = Effect.map(Principal.CurrentPrincipal, (principal) => principal.tenant)
 * ```
 */
export class CurrentPrincipal extends Context.Service<CurrentPrincipal, Principal>()("@jiritsu/rest/CurrentPrincipal") {}

/**
 * Whether the principal holds any of the roles. @category queries @since 0.1.0
 * @example
 * ```ts
 * const caseworker: Principal.Principal = { id: "cw-01", organisation: { kind: "municipality", id: "shinagawa-welfare-office" }, tenant: Tenant.unsafeCode("131091"), roles: ["caseworker"] }
 * Principal.hasAnyRole(caseworker, ["caseworker", "supervisor"]) // true
 * Principal.hasAnyRole(caseworker, ["admin"])                    // false
 * ```
 */
export const hasAnyRole = (principal: Principal, wanted: ReadonlyArray<Role>): boolean => principal.roles.some((r) => wanted.includes(r))

/**
 * Whether the principal acts for Hello Work (ハローワーク): its view of personal data is consent-filtered. @category queries @since 0.1.0
 * @example
 * ```ts
 * const navigator: Principal.Principal = { id: "hw-nav-01", organisation: { kind: "hello_work", id: "hw-shinagawa" }, tenant: Tenant.unsafeCode("131091"), roles: ["hw_navigator"] }
 * Principal.isHelloWork(navigator) // true: persons.get answers with a consent-filtered view
 * ```
 */
export const isHelloWork = (principal: Principal): boolean => principal.organisation.kind === "hello_work"

// The core's actor roles, in the order a principal with several roles acts in.
const actorRoles: ReadonlyArray<Case.Role> = ["hw_navigator", "caseworker", "employment_support_worker", "supervisor"]

/**
 * The core `Case.Actor` a principal acts as (実施者): its organisation kind, its first case role,
 * its name and local title. `undefined` when it holds no case role (researcher, admin).
 * @category queries
 * @since 0.1.0
 * @example
 * ```ts
 * const caseworker: Principal.Principal = { id: "cw-01", organisation: { kind: "municipality", id: "shinagawa-welfare-office" }, tenant: Tenant.unsafeCode("131091"), roles: ["caseworker"] }
 * Principal.caseActor(caseworker) // { organisation: "municipality", role: "caseworker" }
 * Principal.caseActor({ ...caseworker, roles: ["researcher"] }) // undefined: a researcher acts on no case
 * ```
 */
export const caseActor = (principal: Principal): Case.Actor | undefined => {
  const role = actorRoles.find((r) => principal.roles.includes(r as Role))
  if (role === undefined) return undefined
  return {
    organisation: principal.organisation.kind,
    role,
    ...(principal.name === undefined ? {} : { name: principal.name }),
    ...(principal.title === undefined ? {} : { title: principal.title })
  }
}

/**
 * The consent recipient a principal's organisation is (提供先), e.g. `{class: "hello-work", id:
 * "hw-shinagawa"}`, or `undefined` for the municipality itself (the data controller).
 * @category queries
 * @since 0.1.0
 * @example
 * ```ts
 * const navigator: Principal.Principal = { id: "hw-nav-01", organisation: { kind: "hello_work", id: "hw-shinagawa" }, tenant: Tenant.unsafeCode("131091"), roles: ["hw_navigator"] }
 * Principal.recipientOf(navigator) // { class: "hello-work", id: "hw-shinagawa" }
 * Principal.recipientOf({ ...navigator, organisation: { kind: "municipality", id: "shinagawa-welfare-office" } }) // undefined
 * ```
 */
export const recipientOf = (principal: Principal): Consent.Recipient | undefined => {
  switch (principal.organisation.kind) {
    case "hello_work":
      return { class: "hello-work", id: principal.organisation.id }
    case "contractor":
      return { class: "employment-support-contractor", id: principal.organisation.id }
    case "consultation_agency":
      return { class: "self-reliance-support-agency", id: principal.organisation.id }
    case "municipality":
      return undefined
  }
}
