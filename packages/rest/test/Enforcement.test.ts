// Laws of consent enforcement at the organisational boundary (Enforcement.personAccess), over
// generated consent records, lifecycles and people: what Hello Work gets is exactly what the core's
// Consent.decide permits, every provided item is logged under its permit, and nothing withheld is.
import fc from "fast-check"
import { Consent, Disclosure, Period } from "@jiritsu/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import * as Enforcement from "../src/Enforcement.ts"
import type { Principal } from "../src/Principal.ts"

const categories = ["identity", "contact", "welfare-status", "health", "disability", "household", "income", "employment-history", "skills"] as const
const sensitive = new Set(["health", "disability", "welfare-status"])
const at = Period.unsafeInstant("2025-06-01T03:00:00Z")

const helloWork: Principal = { id: "hw-1", organisation: { kind: "hello_work", id: "hw-a" }, tenant: "131091" as Principal["tenant"], roles: ["hw_navigator"] }
const caseworker: Principal = { id: "cw-1", organisation: { kind: "municipality", id: "wo-a" }, tenant: "131091" as Principal["tenant"], roles: ["caseworker"] }

const subset = fc.subarray([...categories], { minLength: 1 })

const arbRecord = fc.record({
  scope: subset,
  wildcard: fc.boolean(),
  deny: fc.subarray([...categories], { maxLength: 2 }),
  recipient: fc.oneof(
    { arbitrary: fc.constant<Consent.Recipient>({ class: "hello-work" }), weight: 3 },
    { arbitrary: fc.constant<Consent.Recipient>({ class: "hello-work", id: "hw-a" }), weight: 3 },
    { arbitrary: fc.constant<Consent.Recipient>({ class: "hello-work", id: "hw-other" }), weight: 1 },
    { arbitrary: fc.constant<Consent.Recipient>({ class: "prospective-employer" }), weight: 1 }
  ),
  purpose: fc.oneof({ arbitrary: fc.constant("employment-support-referral"), weight: 4 }, { arbitrary: fc.constant("employer-disclosure"), weight: 1 }),
  lifecycle: fc.oneof(
    { arbitrary: fc.constant("given" as const), weight: 5 },
    { arbitrary: fc.constantFrom("requested" as const, "withdrawn" as const, "revoked" as const, "none" as const), weight: 3 }
  )
})

const arbPerson = fc.record({ present: subset, empty: fc.subarray([...categories], { maxLength: 2 }) })

type RecordSpec = typeof arbRecord extends fc.Arbitrary<infer A> ? A : never

const ledgerOf = (spec: RecordSpec): Consent.Ledger => {
  if (spec.lifecycle === "none") return Consent.empty()
  const dataCategories = [
    ...spec.scope.map((code) => ({ code, sensitive: sensitive.has(code) })),
    ...(spec.wildcard ? [{ code: "*", sensitive: false }] : [])
  ] as unknown as Consent.ConsentRecord["dataCategories"]
  const record: Consent.ConsentRecord = {
    recordId: "cr-1",
    schemaVersion: Consent.SCHEMA_VERSION,
    subjectRef: "p-1",
    expressedBy: { _tag: "self" },
    controller: { id: "wo-a", name: "福祉事務所" },
    jurisdiction: "JP",
    applicableLaw: ["個人情報の保護に関する法律 第5章"],
    notice: Consent.noticeOf("notice", "1", "ja", "同意書"),
    collectionMethod: "paper-signed",
    evidence: { ref: "scan://1", sha256: "ab".repeat(32), recordedBy: "cw-1" },
    purposes: [spec.purpose] as unknown as Consent.ConsentRecord["purposes"],
    dataCategories,
    actions: ["disclose"],
    recipients: [spec.recipient],
    legalBasis: Consent.CONSENT_LEGAL_BASIS,
    decision: "permit",
    exceptions: spec.deny.length === 0 ? [] : [Consent.provision({ dataCategories: spec.deny as unknown as ReadonlyArray<Consent.DataCategoryCode> })],
    validFrom: Period.unsafeInstant("2025-01-01T00:00:00Z"),
    validUntil: Period.unsafeInstant("2026-01-01T00:00:00Z"),
    retention: { years: 5, rule: "5年", storage: "記録" },
    withdrawalMethod: { channel: "counter", description: "窓口" }
  }
  const e = (id: string, kind: Consent.EventKind, when: string): Consent.LedgerEntry => ({
    _tag: "EventAppended",
    event: { eventId: id, recordId: "cr-1", kind, effectiveAt: Period.unsafeInstant(when), recordedAt: Period.unsafeInstant(when), actor: kind === "revoked" ? { _tag: "staff", staffId: "sv" } : { _tag: "subject" }, method: "counter", ...(kind === "revoked" ? { reason: "終了" } : {}) }
  })
  const entries: Array<Consent.LedgerEntry> = [{ _tag: "RecordAdded", record }, e("e1", "requested", "2025-01-02T00:00:00Z")]
  if (spec.lifecycle !== "requested") entries.push(e("e2", "given", "2025-01-02T00:10:00Z"))
  if (spec.lifecycle === "withdrawn") entries.push(e("e3", "withdrawn", "2025-03-01T00:00:00Z"))
  if (spec.lifecycle === "revoked") entries.push(e("e3", "revoked", "2025-03-01T00:00:00Z"))
  const ledger = Consent.fromEntries(entries)
  if (Result.isFailure(ledger)) throw new Error(ledger.failure.message)
  return ledger.success
}

const personOf = (p: { readonly present: ReadonlyArray<string>; readonly empty: ReadonlyArray<string> }) => ({
  id: "p-1",
  createdAt: Period.unsafeInstant("2025-01-01T00:00:00Z"),
  data: Object.fromEntries(p.present.map((c) => [c, p.empty.includes(c) ? {} : { a: `${c}-a`, b: 1 }])) as Record<string, Record<string, string | number>>
})

describe("properties", () => {
  it("Hello Work gets exactly the permitted categories; each provided item is logged under its permit; withheld ones never", () => {
    let mixed = 0
    let nothing = 0
    fc.assert(
      fc.property(arbRecord, arbPerson, (spec, p) => {
        const ledger = ledgerOf(spec)
        const person = personOf(p)
        const access = Enforcement.personAccess({ principal: helloWork, person: person as never, ledger, at, referralIds: ["hw-1"] })
        const withItems = p.present.filter((c) => !p.empty.includes(c))
        const provided = Object.keys(access.view.data)
        const single = (c: string) => Consent.decide(ledger, { subjectRef: "p-1", purpose: Enforcement.DEFAULT_PURPOSE, recipient: { class: "hello-work", id: "hw-a" }, dataCategories: [c as Consent.RequestedCategory], action: "disclose", at })
        // Partition: every category with items is provided or withheld, never both.
        expect([...provided, ...access.view.withheld].sort()).toEqual([...withItems].sort())
        expect(provided.filter((c) => access.view.withheld.includes(c as Consent.RequestedCategory))).toEqual([])
        // Soundness and completeness against the core (no law grants here).
        for (const c of provided) expect(single(c)._tag).toBe("Permit")
        for (const c of access.view.withheld) expect(single(c)._tag).not.toBe("Permit")
        // Disclosures: exactly the provided items, each under a permit the log accepts.
        const logged = access.disclosures.flatMap((d) => d.dataItems.map((i) => `${i.category}.${i.item}`)).sort()
        expect(logged).toEqual(provided.flatMap((c) => Object.keys(person.data[c]!).map((i) => `${c}.${i}`)).sort())
        for (const d of access.disclosures) {
          expect(Result.isSuccess(Disclosure.append(Disclosure.emptyLog, d.decision, { disclosureId: "d-1", dataItems: d.dataItems }))).toBe(true)
        }
        // With no basis, nothing personal beyond the referral id.
        if (provided.length === 0) {
          nothing++
          expect(access.disclosures).toEqual([])
          expect(access.view.referralIds).toEqual(["hw-1"])
        }
        if (provided.length > 0 && access.view.withheld.length > 0) mixed++
        // The controller sees everything and discloses nothing.
        const full = Enforcement.personAccess({ principal: caseworker, person: person as never, ledger, at, referralIds: [] })
        expect(Object.keys(full.view.data).sort()).toEqual([...withItems].sort())
        expect(full.disclosures).toEqual([])
      })
    )
    // The interesting cases must stay reachable: some provided and some withheld, and none provided.
    expect(mixed).toBeGreaterThan(100)
    expect(nothing).toBeGreaterThan(100)
  })
})

describe("commandContext", () => {
  it("takes the Hello Work decision from the ledger for a referral, never from the client", () => {
    const ledger = ledgerOf({ scope: ["identity", "contact", "employment-history"], wildcard: false, deny: [], recipient: { class: "hello-work" }, purpose: "employment-support-referral", lifecycle: "given" })
    const context = Enforcement.commandContext({ _tag: "Refer", occurredAt: Period.unsafeDate("2025-06-01"), referralId: "hw-1", destination: "hello_work" }, ledger, "p-1", at, "hw-a")
    expect(context.consent?._tag).toBe("Permit")
    const none = Enforcement.commandContext({ _tag: "Refer", occurredAt: Period.unsafeDate("2025-06-01"), referralId: "hw-1", destination: "hello_work" }, Consent.empty(), "p-1", at, "hw-a")
    expect(none.consent?._tag).toBe("NoBasis")
  })
})
