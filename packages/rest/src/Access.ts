/**
 * Access (アクセス制御) — which roles of which organisations may call each operation of the API.
 *
 * The table is checked by the authorisation middleware before the request body is even read, so a
 * principal without the role gets `403 forbidden` whatever it sends. Consent is a second, separate
 * gate inside the handlers: a Hello Work principal allowed to call `persons.get` still sees only the
 * categories a consent or a legal basis permits (see `Enforcement`).
 *
 * Personal data (persons, cases, consents, disclosures) is never open to `researcher` or `admin`;
 * aggregate figures (targets, national reports) are open to every role.
 *
 * @since 0.1.0
 * @module
 */
import type { Case } from "@jiritsu/core"
import type { Principal, Role } from "./Principal.ts"

/**
 * Who may call one operation: any of `roles`, acting for any of `organisations`. @category model @since 0.1.0
 * @example
 * ```ts
 * // a stricter rule of your own, in the table's terms
 * const supervisorsOnly: Access.Rule = { roles: ["supervisor"], organisations: ["municipality"], note: "only the supervisor exports the log" }
 * ```
 */
export interface Rule {
  readonly roles: ReadonlyArray<Role>
  readonly organisations: ReadonlyArray<Case.OrganisationKind>
  /** Why, in one line (shown in the OpenAPI description). */
  readonly note: string
}

const everyone: ReadonlyArray<Role> = ["caseworker", "employment_support_worker", "hw_navigator", "supervisor", "researcher", "admin"]
const staff: ReadonlyArray<Role> = ["caseworker", "employment_support_worker", "supervisor"]
const allOrganisations: ReadonlyArray<Case.OrganisationKind> = ["municipality", "hello_work", "contractor", "consultation_agency"]
const controllerSide: ReadonlyArray<Case.OrganisationKind> = ["municipality", "contractor", "consultation_agency"]

const rule = (roles: ReadonlyArray<Role>, organisations: ReadonlyArray<Case.OrganisationKind>, note: string): Rule => ({ roles, organisations, note })

/**
 * The access table, keyed by `group.endpoint` (the typed client's `client.group.endpoint`).
 * `system.health` and the documentation are public and not listed.
 * @category policy
 * @since 0.1.0
 * @example
 * ```ts
 * Access.policy["persons.get"].roles // ["caseworker", "employment_support_worker", "supervisor", "hw_navigator"]
 * Access.policy["persons.get"].note  // "Hello Work sees only the categories a consent or legal basis permits"
 * ```
 */
export const policy = {
  "programmes.list": rule(everyone, allOrganisations, "programme definitions are public data"),
  "programmes.get": rule(everyone, allOrganisations, "programme definitions are public data"),
  "eligibility.evaluate": rule(everyone, allOrganisations, "evaluates the facts the caller supplies; nothing is stored"),
  "persons.create": rule(staff, controllerSide, "the welfare office (or its contractor) registers the people it supports"),
  "persons.get": rule([...staff, "hw_navigator"], allOrganisations, "Hello Work sees only the categories a consent or legal basis permits"),
  "persons.consents": rule(staff, controllerSide, "the consent ledger is kept by the data controller"),
  "cases.create": rule(staff, controllerSide, "intake (相談受付) is the municipality's"),
  "cases.list": rule(staff, controllerSide, "the caseload of the municipality"),
  "cases.get": rule([...staff, "hw_navigator"], allOrganisations, "Hello Work needs a permitting consent for the person"),
  "cases.events": rule([...staff, "hw_navigator"], allOrganisations, "Hello Work needs a permitting consent for the person"),
  "cases.command": rule([...staff, "hw_navigator"], allOrganisations, "Hello Work needs a permitting consent for the person"),
  "consents.create": rule(staff, controllerSide, "the consent ledger is kept by the data controller"),
  "consents.appendEvent": rule(staff, controllerSide, "the consent ledger is kept by the data controller"),
  "disclosures.create": rule(staff, controllerSide, "the controller decides and logs each disclosure"),
  "disclosures.list": rule(staff, controllerSide, "the disclosure log (提供記録) is the controller's"),
  "targets.listPlans": rule(everyone, allOrganisations, "business plans are agreed by the city, the labour bureau and Hello Work"),
  "targets.createPlan": rule(["supervisor", "admin"], controllerSide, "the city records the agreed plan"),
  "targets.progress": rule(everyone, allOrganisations, "aggregate figures only"),
  "reports.national": rule(everyone, allOrganisations, "aggregate figures only"),
  "session.me": rule(everyone, allOrganisations, "every principal may see who it is signed in as"),
  "caseload.stages": rule(everyone, allOrganisations, "aggregate figures only"),
  "caseload.timeInStage": rule(staff, controllerSide, "lists the stagnating cases by id"),
  "caseload.followUps": rule(staff, controllerSide, "lists the cases whose follow-ups are due")
} as const satisfies Readonly<Record<string, Rule>>

/**
 * An operation of the table, `group.endpoint`. @category policy @since 0.1.0
 * @example
 * ```ts
 * const operation: Access.Operation = "cases.command" // client.cases.command
 * ```
 */
export type Operation = keyof typeof policy

/**
 * Every operation, in table order. @category policy @since 0.1.0
 * @example
 * ```ts
 * for (const operation of Access.operations) console.log(operation, Access.describe(operation)) // "programmes.list Roles: …" first
 * ```
 */
export const operations: ReadonlyArray<Operation> = Object.keys(policy) as ReadonlyArray<Operation>

/**
 * Whether an operation is in the table. @category policy @since 0.1.0
 * @example
 * ```ts
 * const key: string = "cases.get"
 * if (Access.isOperation(key)) console.log(Access.policy[key].note) // "Hello Work needs a permitting consent for the person"
 * Access.isOperation("system.health") // false: health is public, not in the table
 * ```
 */
export const isOperation = (key: string): key is Operation => Object.hasOwn(policy, key)

/**
 * Whether the principal may call the operation (role and organisation). @category policy @since 0.1.0
 * @example
 * ```ts
 * const navigator: Principal.Principal = { id: "hw-nav-01", organisation: { kind: "hello_work", id: "hw-shinagawa" }, tenant: Tenant.unsafeCode("131091"), roles: ["hw_navigator"] }
 * Access.allows(navigator, "persons.get")     // true (the handler then filters the person by consent)
 * Access.allows(navigator, "consents.create") // false: the consent ledger is the controller's
 * ```
 */
export const allows = (principal: Principal, operation: Operation): boolean => {
  const r: Rule = policy[operation]
  return r.organisations.includes(principal.organisation.kind) && principal.roles.some((role) => r.roles.includes(role))
}

/**
 * The line the OpenAPI description shows for an operation. @category policy @since 0.1.0
 * @example
 * ```ts
 * Access.describe("targets.createPlan")
 * // "Roles: supervisor, admin. Organisations: municipality, contractor, consultation_agency. the city records the agreed plan."
 * ```
 */
export const describe = (operation: Operation): string => {
  const r: Rule = policy[operation]
  return `Roles: ${r.roles.join(", ")}. Organisations: ${r.organisations.join(", ")}. ${r.note}.`
}
