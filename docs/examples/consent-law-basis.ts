// A 支援会議 (生活困窮者自立支援法 Art. 9) shares on the law, apart from consent.
import { Consent, Period } from "@jiritsu/core"

const at = Period.unsafeInstant

const meeting: Consent.LawGrant = {
  grantId: "g-2026-05",
  basis: { _tag: "support-meeting", statute: Consent.SUPPORT_MEETING_STATUTE, meetingId: "minami-shien-kaigi" },
  purpose: "support-meeting",
  roster: [
    { class: "self-reliance-support-agency", id: "jiritsu-center-minami" },
    { class: "hello-work", id: "hw-minami" },
    { class: "welfare-office", id: "minami-wo" }
  ],
  subjects: ["p-7f3a"],
  dataCategories: [
    { code: "household", sensitive: false },
    { code: "income", sensitive: false },
    { code: "health", sensitive: true } // sensitive data must be named, even on a legal basis
  ],
  actions: ["share"],
  validFrom: at("2026-05-01T00:00:00Z"),
  validUntil: at("2027-04-01T00:00:00Z"),
  recordedAt: at("2026-05-01T00:00:00Z")
}

const ledger = Consent.addGrant(Consent.empty(), meeting)
if (ledger._tag === "Failure") throw new Error(ledger.failure.message)

const toMember: Consent.Request = {
  subjectRef: "p-7f3a",
  purpose: "support-meeting",
  recipient: { class: "hello-work", id: "hw-minami" },
  dataCategories: ["household", "health"],
  action: "share",
  at: at("2026-05-20T01:00:00Z")
}
const shared = Consent.decide(ledger.success, toMember)
if (shared._tag === "Permit" && shared.basis._tag === "law") console.log(shared.basis.statute, shared.recordIds) // 生活困窮者自立支援法第9条第1項 []

// Only the roster, only the meeting's purpose, only the named categories.
console.log(Consent.decide(ledger.success, { ...toMember, recipient: { class: "prospective-employer", id: "emp-42" } })._tag) // NoBasis
console.log(Consent.decide(ledger.success, { ...toMember, purpose: "employment-support-referral" })._tag) // NoBasis
console.log(Consent.decide(ledger.success, { ...toMember, dataCategories: ["disability"] })._tag) // NoBasis

// A 調整会議 under 生活保護法 Art. 27-3 (from 2025-04-01) is the second legal basis.
const coordination = { ...meeting, grantId: "g-2026-06", basis: { _tag: "coordination-meeting", statute: Consent.COORDINATION_MEETING_STATUTE, meetingId: "minami-chosei" } } as const
console.log(Consent.addGrant(ledger.success, { ...coordination, recordedAt: at("2026-06-01T00:00:00Z") })._tag) // Success
