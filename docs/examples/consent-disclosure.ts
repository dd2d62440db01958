// Decide and log a disclosure, verify the chain, find tampering, and give the person a receipt.
import { Consent, Disclosure, Period } from "@jiritsu/core"

const at = Period.unsafeInstant

const record: Consent.ConsentRecord = {
  recordId: "c-2026-0101",
  schemaVersion: Consent.SCHEMA_VERSION,
  subjectRef: "p-51c0",
  expressedBy: { _tag: "representative", relation: "legal-guardian" }, // 成年後見人 signed
  controller: { id: "minami-wo", name: "南福祉事務所" },
  jurisdiction: "JP",
  applicableLaw: ["APPI-Ch5"],
  notice: Consent.noticeOf("hw-referral-form", "2026.1", "ja", "同意書本文"),
  collectionMethod: "paper-signed",
  evidence: { ref: "scan://2026/c-0101.pdf", sha256: "9a".repeat(32), recordedBy: "staff-3" },
  purposes: ["employment-support-referral"],
  dataCategories: [{ code: "identity", sensitive: false }, { code: "employment-history", sensitive: false }],
  actions: ["disclose"],
  recipients: [{ class: "hello-work" }], // any Hello Work office
  legalBasis: Consent.CONSENT_LEGAL_BASIS,
  decision: "permit",
  exceptions: [],
  validFrom: at("2026-03-31T15:00:00Z"),
  validUntil: at("2027-03-31T15:00:00Z"),
  retention: { years: 3, rule: "提供記録は3年間保存", storage: "city-dc" },
  withdrawalMethod: { channel: "form", description: "撤回届を郵送または窓口で提出" }
}
const staffEvent = (eventId: string, kind: Consent.EventKind): Consent.ConsentEvent => ({
  eventId,
  recordId: record.recordId,
  kind,
  effectiveAt: at("2026-04-08T00:30:00Z"),
  recordedAt: at("2026-04-08T00:30:00Z"),
  actor: { _tag: "representative", relation: "legal-guardian" },
  method: "paper-signed"
})
const built = Consent.fromEntries([
  { _tag: "RecordAdded", record },
  { _tag: "EventAppended", event: staffEvent("e1", "requested") },
  { _tag: "EventAppended", event: staffEvent("e2", "given") }
])
if (built._tag === "Failure") throw new Error(built.failure.message)
const ledger = built.success

const request: Consent.Request = {
  subjectRef: "p-51c0",
  purpose: "employment-support-referral",
  recipient: { class: "hello-work", id: "hw-minami" },
  dataCategories: ["identity", "employment-history"],
  action: "share",
  at: at("2026-04-20T04:00:00Z")
}
const logged = Disclosure.disclose(ledger, Disclosure.emptyLog, request, {
  disclosureId: "d-0001",
  dataItems: [
    { category: "identity", item: "氏名・生年月日・連絡先" },
    { category: "employment-history", item: "直近3件の職歴" }
  ]
})
if (logged._tag === "Failure") throw new Error(logged.failure.message)
const { log } = logged.success
const verified = Disclosure.verify(log)
console.log(verified._tag, log.entries[0]?.basis._tag) // Success consent

// Items the decision does not cover are refused, naming the item.
const tooMuch = Disclosure.disclose(ledger, log, request, { disclosureId: "d-0002", dataItems: [{ category: "health", item: "通院歴" }] })
if (tooMuch._tag === "Failure") console.log(tooMuch.failure.code, tooMuch.failure.path) // items-not-covered ["dataItems",0,"category"]

// Editing a stored row breaks the chain at that row.
const edited = { entries: log.entries.map((e) => ({ ...e, recipient: { class: "prospective-employer" as const, id: "emp-42" } })) }
const broken = Disclosure.verify(edited)
if (broken._tag === "Failure") console.log(broken.failure.index, broken.failure.field) // 0 hash

// The person's copy: the record, its state, its history and the disclosures made on it.
const receipt = Disclosure.receipt(ledger, log, record.recordId, at("2026-05-01T00:00:00Z"))
if (receipt._tag === "Success") {
  console.log(receipt.success.snapshot.state, receipt.success.history.map((e) => e.kind), receipt.success.disclosures.length) // Given ["requested","given"] 1
}
