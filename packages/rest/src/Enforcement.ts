/**
 * Enforcement (組織の境界での同意の執行) — where consent actually stops data: what a principal of
 * another organisation (Hello Work) may see of a person, which disclosure records that writes, and
 * which consent decisions a case command runs on.
 *
 * Pure functions over the core's `Consent.decide`: the handlers load the ledger, call these, write
 * the disclosure records they return in the same transaction as nothing else, and only then answer.
 *
 * - The data controller's side (municipality, its contractors, the consultation agency) sees the
 *   whole person; nothing is disclosed, so nothing is logged.
 * - Hello Work sees a category only when `Consent.decide` permits it for its office, the purpose
 *   (default `employment-support-referral`), the action `disclose` and now. Each permitted group of
 *   categories (by basis: consent, or one law-based grant) becomes one disclosure record; a withheld
 *   category is listed as withheld and never logged. With no basis at all, the view holds nothing
 *   personal — only the person's id and the Hello Work referral ids of their cases.
 *
 * @since 0.1.0
 * @module
 */
import { Case, Consent, type Disclosure, type Period } from "@jiritsu/core"
import type * as Contract from "./Contract.ts"
import { isHelloWork, type Principal, recipientOf } from "./Principal.ts"

/**
 * The purpose a Hello Work read is for unless the request names another. @category defaults @since 0.1.0
 * @example
 * ```ts
 * Consent.purposes[Enforcement.DEFAULT_PURPOSE] // "ハローワークへの支援要請（就労支援のための情報提供）"
 * ```
 */
export const DEFAULT_PURPOSE = "employment-support-referral"

/**
 * The categories a referral to Hello Work passes on (紹介状の範囲). @category defaults @since 0.1.0
 * @example
 * ```ts
 * Enforcement.REFERRAL_CATEGORIES // ["identity", "contact", "employment-history"]
 * ```
 */
export const REFERRAL_CATEGORIES: ReadonlyArray<Consent.RequestedCategory> = ["identity", "contact", "employment-history"] as ReadonlyArray<Consent.RequestedCategory>

/**
 * A disclosure to write before answering: the permit it rests on and the items provided. @category model @since 0.1.0
 * @example
 * ```ts
 * const itemsOf = (planned: Enforcement.PlannedDisclosure) => planned.dataItems.map((i) => `${i.category}.${i.item}`) // ["identity.name", …]
 * ```
 */
export interface PlannedDisclosure {
  readonly decision: Consent.Permit
  readonly dataItems: readonly [Disclosure.DataItem, ...Array<Disclosure.DataItem>]
}

/**
 * A person view and the disclosures it needs logged (their ids are filled in by the handler). @category model @since 0.1.0
 * @example
 * ```ts
 * // the handler writes access.disclosures (in one transaction), then answers with the view and their ids
 * const answer = (access: Enforcement.PersonAccess, ids: ReadonlyArray<string>): Contract.PersonView => ({ ...access.view, disclosures: [...ids] })
 * ```
 */
export interface PersonAccess {
  readonly view: Omit<Contract.PersonView, "disclosures">
  readonly disclosures: ReadonlyArray<PlannedDisclosure>
}

/**
 * What the handler knows when a principal reads a person. @category model @since 0.1.0
 * @example
 * ```ts
 * const navigator: Principal.Principal = { id: "hw-nav-01", organisation: { kind: "hello_work", id: "hw-shinagawa" }, tenant: Tenant.unsafeCode("131091"), roles: ["hw_navigator"] }
 * const person: Contract.Person = { id: "p-0001", data: { identity: { name: "品川 花子" }, health: { notes: "通院中" } }, createdAt: Period.unsafeInstant("2024-04-01T00:00:00Z") }
 * const read: Enforcement.PersonRead = { principal: navigator, person, ledger: Consent.empty(), at: Period.unsafeInstant("2024-05-01T09:00:00Z"), referralIds: [] }
 * ```
 */
export interface PersonRead {
  readonly principal: Principal
  readonly person: Contract.Person
  readonly ledger: Consent.Ledger
  readonly at: Period.Instant
  readonly referralIds: ReadonlyArray<string>
  readonly purpose?: string | undefined
  readonly categories?: ReadonlyArray<string> | undefined
}

const itemsOf = (person: Contract.Person, category: string): ReadonlyArray<Disclosure.DataItem> =>
  Object.keys(person.data[category] ?? {}).map((item) => ({ category: category as Consent.RequestedCategory, item }))

const basisKey = (d: Consent.Permit): string => (d.basis._tag === "law" ? `law:${d.basis.grantId}` : "consent")

const summarise = (category: Consent.RequestedCategory, d: Consent.Decision): Contract.CategoryDecision =>
  d._tag === "Permit"
    ? { category, decision: "Permit", basis: d.basis._tag }
    : { category, decision: d._tag, reason: d.reason, reasonJa: d.reasonJa }

/**
 * The view of a person for a principal and the disclosures to log (see the module doc).
 * `categories` narrows the request (unknown categories are simply absent); `purpose` defaults
 * to {@link DEFAULT_PURPOSE}.
 * @category persons
 * @since 0.1.0
 * @example
 * ```ts
 * const navigator: Principal.Principal = { id: "hw-nav-01", organisation: { kind: "hello_work", id: "hw-shinagawa" }, tenant: Tenant.unsafeCode("131091"), roles: ["hw_navigator"] }
 * const person: Contract.Person = { id: "p-0001", data: { identity: { name: "品川 花子" }, health: { notes: "通院中" } }, createdAt: Period.unsafeInstant("2024-04-01T00:00:00Z") }
 * const { view, disclosures } = Enforcement.personAccess({ principal: navigator, person, ledger: Consent.empty(), at: Period.unsafeInstant("2024-05-01T09:00:00Z"), referralIds: [] })
 * view.view     // "consent-filtered"
 * view.data     // {}: no consent, no legal basis, nothing personal
 * view.withheld // ["identity", "health"]
 * disclosures   // []: nothing provided, nothing logged
 * ```
 */
export const personAccess = (read: PersonRead): PersonAccess => {
  const { principal, person } = read
  const present = Object.keys(person.data).filter((c) => itemsOf(person, c).length > 0)
  const wanted = read.categories === undefined ? present : present.filter((c) => read.categories!.includes(c))
  const recipient = recipientOf(principal)
  if (!isHelloWork(principal) || recipient === undefined) {
    const data: Record<string, Contract.PersonalData[string]> = {}
    for (const c of wanted) data[c] = person.data[c]!
    return { view: { id: person.id, view: "full", data, withheld: [], decisions: [], referralIds: [...read.referralIds], createdAt: person.createdAt }, disclosures: [] }
  }
  if (wanted.length === 0) return { view: { id: person.id, view: "consent-filtered", data: {}, withheld: [], decisions: [], referralIds: [...read.referralIds] }, disclosures: [] }
  const request: Consent.Request = {
    subjectRef: person.id,
    purpose: read.purpose ?? DEFAULT_PURPOSE,
    recipient,
    dataCategories: wanted as unknown as readonly [Consent.RequestedCategory, ...Array<Consent.RequestedCategory>],
    action: "disclose",
    at: read.at
  }
  const each = Consent.decideEach(read.ledger, request)
  const permitted = each.filter((e) => e.decision._tag === "Permit")
  const groups = new Map<string, Array<Consent.RequestedCategory>>()
  for (const e of permitted) {
    const key = basisKey(e.decision as Consent.Permit)
    groups.set(key, [...(groups.get(key) ?? []), e.category])
  }
  const disclosures: Array<PlannedDisclosure> = []
  const provided: Array<Consent.RequestedCategory> = []
  for (const categories of groups.values()) {
    const decision = Consent.decide(read.ledger, { ...request, dataCategories: categories as unknown as Consent.Request["dataCategories"] })
    // A group decided together may fall back to NoBasis (a law grant covering only part of it):
    // then nothing of that group is provided.
    if (decision._tag !== "Permit") continue
    const items = categories.flatMap((c) => itemsOf(person, c))
    disclosures.push({ decision, dataItems: items as unknown as PlannedDisclosure["dataItems"] })
    provided.push(...categories)
  }
  const data: Record<string, Contract.PersonalData[string]> = {}
  for (const c of provided) data[c] = person.data[c]!
  return {
    view: {
      id: person.id,
      view: "consent-filtered",
      data,
      withheld: wanted.filter((c) => !provided.includes(c as Consent.RequestedCategory)) as Array<Consent.RequestedCategory>,
      decisions: each.map((e) => summarise(e.category, e.decision)),
      referralIds: [...read.referralIds]
    },
    disclosures
  }
}

/**
 * Whether a Hello Work principal may work on a person's case: a decision permitting it to receive
 * the person's identity for the referral purpose now. Other principals need no decision
 * (`undefined`).
 * @category cases
 * @since 0.1.0
 * @example
 * ```ts
 * const navigator: Principal.Principal = { id: "hw-nav-01", organisation: { kind: "hello_work", id: "hw-shinagawa" }, tenant: Tenant.unsafeCode("131091"), roles: ["hw_navigator"] }
 * Enforcement.caseAccess(navigator, Consent.empty(), "p-0001", Period.unsafeInstant("2024-05-01T09:00:00Z"))?._tag // "NoBasis": answered 403 no_legal_basis
 * ```
 */
export const caseAccess = (principal: Principal, ledger: Consent.Ledger, subjectRef: string, at: Period.Instant): Consent.Decision | undefined => {
  const recipient = recipientOf(principal)
  if (!isHelloWork(principal) || recipient === undefined) return undefined
  return Consent.decide(ledger, {
    subjectRef,
    purpose: DEFAULT_PURPOSE,
    recipient,
    dataCategories: ["identity"] as unknown as Consent.Request["dataCategories"],
    action: "disclose",
    at
  })
}

/**
 * The consent decisions a case command runs on, taken from the ledger (never from the client): a
 * referral or pre-consultation with Hello Work needs the referral consent for the office (`host`,
 * else the site's office), a placement disclosed to the employer needs the employer-disclosure
 * consent for that employer.
 * @category cases
 * @since 0.1.0
 * @example
 * ```ts
 * const refer: Contract.CaseCommand = { _tag: "Refer", occurredAt: Period.unsafeDate("2024-05-01"), referralId: "r-1", destination: "hello_work" }
 * const context = Enforcement.commandContext(refer, Consent.empty(), "p-0001", Period.unsafeInstant("2024-05-01T09:00:00Z"), "hw-shinagawa")
 * context.consent?._tag // "NoBasis": the core then refuses the referral
 * ```
 */
export const commandContext = (
  command: Contract.CaseCommand,
  ledger: Consent.Ledger,
  subjectRef: string,
  at: Period.Instant,
  helloWorkOffice: string
): Case.DecideContext => {
  const decide = (purpose: string, recipient: Consent.Recipient, categories: ReadonlyArray<string>): Case.ConsentDecision =>
    Consent.decide(ledger, {
      subjectRef,
      purpose,
      recipient,
      dataCategories: categories as unknown as Consent.Request["dataCategories"],
      action: "disclose",
      at
    })
  switch (command._tag) {
    case "Refer":
    case "HoldPreConsultation": {
      const office = command._tag === "Refer" && command.host !== undefined ? command.host : helloWorkOffice
      return { consent: decide(DEFAULT_PURPOSE, { class: "hello-work", id: office }, REFERRAL_CATEGORIES) }
    }
    case "RecordPlacement":
      return command.disclosure === "disclosed"
        ? { consentByRecipient: { employer: decide("employer-disclosure", { class: "prospective-employer", id: command.employer }, ["welfare-status"]) } }
        : {}
    default:
      return {}
  }
}
