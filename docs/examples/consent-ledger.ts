// A 同意書 for the Hello Work referral: record it, decide, withdraw, and re-consent as a new record.
import { Consent, Period } from "@jiritsu/core"

const at = Period.unsafeInstant
const jst = (date: string) => Consent.jstStartOfDay(Period.unsafeDate(date)) // JST midnight as an instant

const noticeText = "生活保護受給者等就労自立促進事業に係る個人情報の提供についての同意書（2026年版）"

const record: Consent.ConsentRecord = {
  recordId: "c-2026-0001",
  schemaVersion: Consent.SCHEMA_VERSION,
  subjectRef: "p-7f3a", // pseudonymous: never a name
  expressedBy: { _tag: "self" },
  controller: { id: "minami-wo", name: "南福祉事務所" },
  jurisdiction: "JP",
  applicableLaw: ["APPI-Ch5"],
  notice: Consent.noticeOf("hw-referral-form", "2026.1", "ja", noticeText),
  collectionMethod: "paper-signed",
  evidence: { ref: "scan://2026/c-0001.pdf", sha256: "3f".repeat(32), recordedBy: "staff-12" },
  purposes: ["employment-support-referral"],
  dataCategories: [
    { code: "identity", sensitive: false },
    { code: "employment-history", sensitive: false },
    { code: "welfare-status", sensitive: true }, // 要配慮 by the city's policy (the default)
    { code: "health", sensitive: true } // 要配慮 always
  ],
  actions: ["disclose"], // covers "share" too (Share ⊑ Disclose)
  recipients: [{ class: "hello-work", id: "hw-minami" }],
  legalBasis: Consent.CONSENT_LEGAL_BASIS,
  decision: "permit",
  // …except health: the person will tell Hello Work herself.
  exceptions: [Consent.provision({ dataCategories: ["health"] })],
  validFrom: jst("2026-04-01"),
  validUntil: jst("2027-04-01"), // valid through 2027-03-31 (JST)
  retention: { years: 3, rule: "提供記録は3年間保存", storage: "city-dc" },
  withdrawalMethod: { channel: "counter", description: "福祉事務所の窓口で撤回届を提出" }
}

const event = (recordId: string, eventId: string, kind: Consent.EventKind, effectiveAt: string): Consent.ConsentEvent => ({
  eventId,
  recordId,
  kind,
  effectiveAt: at(effectiveAt),
  recordedAt: at(effectiveAt), // entered at the desk as it happens
  actor: { _tag: "subject" },
  method: "paper-signed"
})

const built = Consent.fromEntries([
  { _tag: "RecordAdded", record },
  { _tag: "EventAppended", event: event(record.recordId, "e1", "requested", "2026-04-10T01:00:00Z") },
  { _tag: "EventAppended", event: event(record.recordId, "e2", "given", "2026-04-10T01:20:00Z") }
])
if (built._tag === "Failure") throw new Error(built.failure.message)
let ledger = built.success

const referral: Consent.Request = {
  subjectRef: "p-7f3a",
  purpose: "employment-support-referral",
  recipient: { class: "hello-work", id: "hw-minami" },
  dataCategories: ["identity", "employment-history", "welfare-status"],
  action: "share",
  at: at("2026-04-15T02:00:00Z")
}
const first = Consent.decide(ledger, referral)
console.log(first._tag, first._tag === "Permit" ? first.recordIds : []) // Permit ["c-2026-0001"]
console.log(Consent.decide(ledger, { ...referral, dataCategories: ["health"] })._tag) // Deny (the exception)
console.log(Consent.decide(ledger, { ...referral, purpose: "employer-disclosure", recipient: { class: "prospective-employer", id: "emp-42" } })._tag) // NoBasis

// She withdraws at the counter on 6 June.
const withdrawn = Consent.appendEvent(ledger, event(record.recordId, "e3", "withdrawn", "2026-06-06T05:00:00Z"))
if (withdrawn._tag === "Failure") throw new Error(withdrawn.failure.message)
ledger = withdrawn.success
const afterWithdrawal = Consent.decide(ledger, { ...referral, at: at("2026-06-10T00:00:00Z") })
console.log(afterWithdrawal._tag, afterWithdrawal._tag === "Deny" ? afterWithdrawal.code : "") // Deny withdrawn
console.log(Consent.decide(ledger, referral)._tag) // Permit: withdrawal is not retroactive

// The old record cannot be given again: a terminal state is final.
const regiven = Consent.appendEvent(ledger, event(record.recordId, "e4", "given", "2026-07-01T00:00:00Z"))
if (regiven._tag === "Failure") console.log(regiven.failure.code, regiven.failure.path) // terminal-state ["kind"]

// Re-consent is a new record pointing back at the old one.
const renewed: Consent.ConsentRecord = {
  ...record,
  recordId: "c-2026-0002",
  predecessor: { recordId: record.recordId, recordHash: Consent.recordHash(record) }
}
for (const entry of [
  { _tag: "RecordAdded", record: renewed },
  { _tag: "EventAppended", event: event(renewed.recordId, "n1", "requested", "2026-07-01T00:00:00Z") },
  { _tag: "EventAppended", event: event(renewed.recordId, "n2", "given", "2026-07-01T00:10:00Z") }
] as const) {
  const next = Consent.apply(ledger, entry)
  if (next._tag === "Failure") throw new Error(next.failure.message)
  ledger = next.success
}
const gap = Consent.decide(ledger, { ...referral, at: at("2026-06-20T00:00:00Z") })
const later = Consent.decide(ledger, { ...referral, at: at("2026-07-10T00:00:00Z") })
console.log(gap._tag, later._tag, later._tag === "Permit" ? later.recordIds : []) // Deny Permit ["c-2026-0002"]
