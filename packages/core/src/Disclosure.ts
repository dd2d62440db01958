/**
 * Disclosure (提供記録) — the hash-chained log of every disclosure and the receipts given to the
 * person (ISO/IEC TS 27560 receipt).
 *
 * Each disclosure to Hello Work, an employer or a 支援会議 becomes a {@link DisclosureRecord}
 * {date, recipient, subject, data items, basis, decision id} — a superset of the APPI Art. 29 record
 * items (本人の同意を得ている旨, 第三者の氏名等, 本人の氏名等, 個人データの項目). Only a `Permit`
 * can be logged, and only for the categories it covers. Each record carries the hash of its
 * predecessor, so {@link verify} finds the first altered, removed or reordered entry.
 *
 * Laws (test/Disclosure.test.ts, "properties"): appending keeps the chain verifiable; altering any
 * field of any entry is found at that entry; only Permits are logged; a disclosure never exceeds
 * its decision.
 *
 * @since 0.1.0
 * @module
 */
import { Result, Schema } from "effect"
import * as Consent from "./Consent.ts"
import * as Period from "./Period.ts"
import { contentHash } from "./internal/hash.ts"
import { decodeWith, formatPath } from "./internal/decode.ts"
import { compareInstants } from "./internal/consentTime.ts"

/**
 * The `prevHash` of the first entry. @category log @since 0.1.0
 * @example
 * ```ts
 * Disclosure.GENESIS // "sha256:0000…0000", the prevHash of the first entry
 * ```
 */
export const GENESIS = `sha256:${"0".repeat(64)}`

/**
 * One item of personal data disclosed, under its category (e.g. `employment-history`: "直近の職歴3件"). @category log @since 0.1.0
 * @example
 * ```ts
 * const item: Disclosure.DataItem = { category: "employment-history", item: "直近の職歴3件" }
 * ```
 */
export const DataItem = Schema.Struct({
  category: Consent.RequestedCategory,
  item: Schema.String.check(Schema.isNonEmpty())
})
/** @category log */
export type DataItem = typeof DataItem.Type

const Hash = Schema.String.check(Schema.isPattern(/^sha256:[0-9a-f]{64}$/))

/**
 * A disclosure record (提供記録): when, to whom, about whom, which items, on which basis and by which
 * decision; chained by `prevHash` / `hash`.
 * @category log
 * @since 0.1.0
 * @example
 * ```ts
 * const first: Disclosure.DisclosureRecord | undefined = Disclosure.emptyLog.entries[0] // undefined: the log starts empty
 * ```
 */
export const DisclosureRecord = Schema.Struct({
  seq: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
  disclosureId: Consent.Id,
  date: Period.Instant,
  recipient: Consent.Recipient,
  subjectRef: Consent.Id,
  purpose: Consent.Purpose,
  action: Consent.Action,
  dataItems: Schema.NonEmptyArray(DataItem),
  basis: Consent.Basis,
  decisionId: Hash,
  ledgerVersion: Hash,
  prevHash: Hash,
  hash: Hash
})
/** @category log */
export type DisclosureRecord = typeof DisclosureRecord.Type

/**
 * The disclosure log (提供記録簿): entries in append order. @category log @since 0.1.0
 * @example
 * ```ts
 * const log: Disclosure.DisclosureLog = Disclosure.emptyLog
 * ```
 */
export const DisclosureLog = Schema.Struct({ entries: Schema.Array(DisclosureRecord) })
/** @category log */
export type DisclosureLog = typeof DisclosureLog.Type

/**
 * The empty log. @category log @since 0.1.0
 * @example
 * ```ts
 * Disclosure.verify(Disclosure.emptyLog) // Success { length: 0, head: GENESIS }
 * ```
 */
export const emptyLog: DisclosureLog = { entries: [] }

/**
 * Why a disclosure was refused. @category errors @since 0.1.0
 * @example
 * ```ts
 * const request: Consent.Request = { subjectRef: "person-17", purpose: "employment-support-referral", recipient: { class: "hello-work" }, dataCategories: ["identity"], action: "disclose", at: Period.unsafeInstant("2013-10-02T01:00:00Z") }
 * const r = Disclosure.append(Disclosure.emptyLog, Consent.decide(Consent.empty(), request), { disclosureId: "d-1", dataItems: [{ category: "identity", item: "氏名" }] })
 * if (r._tag === "Failure") { const e: Disclosure.DisclosureRefusal = r.failure; console.log(e.code) } // not-permitted
 * ```
 */
export const DisclosureRefusal = Schema.TaggedStruct("DisclosureRefusal", {
  code: Schema.Literals([
    "not-permitted", // 提供不可の判断
    "items-not-covered", // 判断の範囲外の項目
    "decision-tampered", // 判断IDが内容と一致しない
    "duplicate-id", // 同一IDで内容が異なる
    "invalid-input" // 入力不正
  ]),
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  message: Schema.String,
  messageJa: Schema.String
})
/** @category errors */
export type DisclosureRefusal = typeof DisclosureRefusal.Type

const refuse = (code: DisclosureRefusal["code"], path: ReadonlyArray<string | number>, message: string, messageJa: string): DisclosureRefusal => ({
  _tag: "DisclosureRefusal",
  code,
  path,
  message,
  messageJa
})

/**
 * What is being disclosed under a decision. @category log @since 0.1.0
 * @example
 * ```ts
 * const d: Disclosure.Disclosure = { disclosureId: "d-1", dataItems: [{ category: "identity", item: "氏名・生年月日" }] }
 * ```
 */
export const Disclosure = Schema.Struct({ disclosureId: Consent.Id, dataItems: Schema.NonEmptyArray(DataItem) })
/** @category log */
export type Disclosure = typeof Disclosure.Type

type Unhashed = Omit<DisclosureRecord, "hash">

/**
 * The hash of an entry: content hash of every field but `hash` itself. @category log @since 0.1.0
 * @example
 * ```ts
 * declare const log: Disclosure.DisclosureLog
 * const last = log.entries[log.entries.length - 1]
 * if (last !== undefined) console.log(Disclosure.entryHash(last) === last.hash) // true unless the entry was altered
 * ```
 */
export const entryHash = (entry: Unhashed): string => {
  const { hash: _ignored, ...rest } = entry as DisclosureRecord
  return contentHash(rest)
}

/**
 * Logs a disclosure made under `decision` (total). Refused: a decision that is not a Permit, a
 * `decisionId` that does not match its content, an item outside the decision's categories, or a
 * reused `disclosureId` with other content (same content: no-op).
 * @category log
 * @since 0.1.0
 * @example
 * ```ts
 * declare const decision: Consent.Decision
 * const r = Disclosure.append(Disclosure.emptyLog, decision, { disclosureId: "d-1", dataItems: [{ category: "identity", item: "氏名" }] })
 * ```
 */
export const append = (log: DisclosureLog, decision: Consent.Decision, disclosure: Disclosure): Result.Result<DisclosureLog, DisclosureRefusal> => {
  if (decision._tag !== "Permit") {
    return Result.fail(refuse("not-permitted", ["decision", "_tag"], `a ${decision._tag} decision cannot be disclosed under`, "提供可の判断がないため提供できません"))
  }
  if (Consent.decisionIdOf(decision.ledgerVersion, decision.request) !== decision.decisionId) {
    return Result.fail(refuse("decision-tampered", ["decision", "decisionId"], "the decision id does not match its ledger version and request", "判断IDが判断の内容と一致しません"))
  }
  const covered = new Set<string>(decision.request.dataCategories)
  const outside = disclosure.dataItems.findIndex((d) => !covered.has(d.category))
  if (outside >= 0) {
    return Result.fail(
      refuse("items-not-covered", ["dataItems", outside, "category"], `category ${disclosure.dataItems[outside]!.category} is not covered by decision ${decision.decisionId}`, "判断の範囲外の項目は提供できません")
    )
  }
  const last = log.entries[log.entries.length - 1]
  const unhashed: Unhashed = {
    seq: log.entries.length,
    disclosureId: disclosure.disclosureId,
    date: decision.request.at,
    recipient: decision.request.recipient,
    subjectRef: decision.request.subjectRef,
    purpose: decision.request.purpose,
    action: decision.request.action,
    dataItems: disclosure.dataItems,
    basis: decision.basis,
    decisionId: decision.decisionId,
    ledgerVersion: decision.ledgerVersion,
    prevHash: last?.hash ?? GENESIS
  }
  const existing = log.entries.find((e) => e.disclosureId === disclosure.disclosureId)
  if (existing !== undefined) {
    const { seq: _s, prevHash: _p, hash: _h, ...was } = existing
    const { seq: _s2, prevHash: _p2, ...now } = unhashed
    return contentHash(was) === contentHash(now)
      ? Result.succeed(log)
      : Result.fail(refuse("duplicate-id", ["disclosureId"], `disclosure ${disclosure.disclosureId} is already logged with other content`, "同じIDの別内容の提供記録があります"))
  }
  const entry: DisclosureRecord = { ...unhashed, hash: entryHash(unhashed) }
  return Result.succeed({ entries: [...log.entries, entry] })
}

const decodeDisclosure = decodeWith(Disclosure)

/**
 * Decides and logs in one step (`POST /v1/disclosures`): the decision, and the new log when it is a
 * Permit covering the items. The disclosure input is decoded at the boundary.
 * @category log
 * @since 0.1.0
 * @example
 * ```ts
 * declare const ledger: Consent.Ledger, request: Consent.Request
 * const r = Disclosure.disclose(ledger, Disclosure.emptyLog, request, { disclosureId: "d-1", dataItems: [{ category: "identity", item: "氏名" }] })
 * if (r._tag === "Success") console.log(r.success.decision._tag, r.success.log.entries.length) // Permit 1
 * ```
 */
export const disclose = (
  ledger: Consent.Ledger,
  log: DisclosureLog,
  request: Consent.Request,
  disclosure: unknown
): Result.Result<{ readonly decision: Consent.Decision; readonly log: DisclosureLog }, DisclosureRefusal> => {
  const decoded = decodeDisclosure(disclosure)
  if (Result.isFailure(decoded)) {
    const first = decoded.failure[0]
    return Result.fail(
      refuse(
        "invalid-input",
        (first?.path ?? []).map((p) => (typeof p === "number" ? p : String(p))),
        decoded.failure.map((i) => `${formatPath(i.path)}: ${i.message}`).join("; "),
        "入力が不正です"
      )
    )
  }
  const decision = Consent.decide(ledger, request)
  return Result.map(append(log, decision, decoded.success), (next) => ({ decision, log: next }))
}

/**
 * Where a chain is broken: the first bad entry and the field that shows it. @category log @since 0.1.0
 * @example
 * ```ts
 * declare const log: Disclosure.DisclosureLog
 * const r = Disclosure.verify(log)
 * if (r._tag === "Failure") { const b: Disclosure.ChainBreak = r.failure; console.log(b.index, b.field) }
 * ```
 */
export const ChainBreak = Schema.TaggedStruct("ChainBreak", {
  index: Schema.Int,
  field: Schema.Literals(["seq", "prevHash", "hash"]),
  expected: Schema.String,
  actual: Schema.String
})
/** @category log */
export type ChainBreak = typeof ChainBreak.Type

/**
 * Verifies the chain: every entry's `seq` is its position, its `prevHash` the previous `hash` (the
 * first: {@link GENESIS}) and its `hash` the hash of its content. Returns the head hash, or the
 * first broken link.
 * @category log
 * @since 0.1.0
 * @example
 * ```ts
 * declare const log: Disclosure.DisclosureLog
 * const r = Disclosure.verify(log)
 * console.log(r._tag === "Success" ? `OK (${r.success.length})` : `broken at ${r.failure.index}`)
 * ```
 */
export const verify = (log: DisclosureLog): Result.Result<{ readonly length: number; readonly head: string }, ChainBreak> => {
  let previous = GENESIS
  for (const [index, entry] of log.entries.entries()) {
    if (entry.seq !== index) return Result.fail({ _tag: "ChainBreak", index, field: "seq", expected: String(index), actual: String(entry.seq) })
    if (entry.prevHash !== previous) return Result.fail({ _tag: "ChainBreak", index, field: "prevHash", expected: previous, actual: entry.prevHash })
    const expected = entryHash(entry)
    if (entry.hash !== expected) return Result.fail({ _tag: "ChainBreak", index, field: "hash", expected, actual: entry.hash })
    previous = entry.hash
  }
  return Result.succeed({ length: log.entries.length, head: previous })
}

/**
 * The disclosures about one person (`GET /v1/disclosures?subject=`). @category log @since 0.1.0
 * @example
 * ```ts
 * declare const log: Disclosure.DisclosureLog
 * Disclosure.forSubject(log, "person-17").map((e) => `${e.date} → ${e.recipient.class}`)
 * ```
 */
export const forSubject = (log: DisclosureLog, subjectRef: string): ReadonlyArray<DisclosureRecord> => log.entries.filter((e) => e.subjectRef === subjectRef)

// ---------------------------------------------------------------------------------------------
// Receipts (ISO/IEC TS 27560 §6.3; Kantara consent receipt)
// ---------------------------------------------------------------------------------------------

/**
 * Schema version of receipts. @category receipts @since 0.1.0
 * @example
 * ```ts
 * Disclosure.RECEIPT_SCHEMA_VERSION // "jiritsu-consent-receipt/1+iso27560"
 * ```
 */
export const RECEIPT_SCHEMA_VERSION = "jiritsu-consent-receipt/1+iso27560"

/**
 * A receipt (同意の控え) for the person: the record as agreed, its state at `issuedAt`, its whole
 * history (R6) and the disclosures made on it. `receiptId` is the content hash of the rest, so the
 * same facts always give the same receipt.
 * @category receipts
 * @since 0.1.0
 * @example
 * ```ts
 * declare const ledger: Consent.Ledger, log: Disclosure.DisclosureLog
 * const r = Disclosure.receipt(ledger, log, "consent-0412", Period.unsafeInstant("2014-01-10T00:00:00Z"))
 * if (r._tag === "Success") { const receipt: Disclosure.Receipt = r.success; console.log(receipt.receiptId) }
 * ```
 */
export const Receipt = Schema.Struct({
  receiptId: Hash,
  schemaVersion: Schema.Literal(RECEIPT_SCHEMA_VERSION),
  recordId: Consent.Id,
  issuedAt: Period.Instant,
  snapshot: Schema.Struct({ record: Consent.ConsentRecord, recordHash: Hash, state: Consent.ConsentState }),
  history: Schema.Array(Consent.ConsentEvent),
  disclosures: Schema.Array(DisclosureRecord)
})
/** @category receipts */
export type Receipt = typeof Receipt.Type

/**
 * Issues the receipt of a record as known at `issuedAt`. Fails if the record is unknown.
 * @category receipts
 * @since 0.1.0
 * @example
 * ```ts
 * declare const ledger: Consent.Ledger, log: Disclosure.DisclosureLog
 * Disclosure.receipt(ledger, log, "no-such-record", Period.unsafeInstant("2014-01-10T00:00:00Z"))._tag // "Failure": unknown-record
 * ```
 */
export const receipt = (
  ledger: Consent.Ledger,
  log: DisclosureLog,
  recordId: string,
  issuedAt: Period.Instant
): Result.Result<Receipt, Consent.ConsentRefusal> => {
  const record = ledger.records.find((r) => r.recordId === recordId)
  if (record === undefined) {
    return Result.fail({ _tag: "ConsentRefusal", code: "unknown-record", path: ["recordId"], message: `no record ${recordId}`, messageJa: "同意記録がありません" })
  }
  const body = {
    schemaVersion: RECEIPT_SCHEMA_VERSION,
    recordId: record.recordId,
    issuedAt,
    snapshot: { record, recordHash: Consent.recordHash(record), state: Consent.stateAt(ledger, recordId, issuedAt, { asKnownAt: issuedAt }) },
    history: Consent.historyOf(ledger, recordId, { asKnownAt: issuedAt }),
    disclosures: log.entries.filter((e) => e.basis._tag === "consent" && e.basis.recordIds.includes(recordId) && compareInstants(e.date, issuedAt) <= 0)
  } as const
  return Result.succeed({ receiptId: contentHash(body), ...body })
}
