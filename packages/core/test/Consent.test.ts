// Consent: worked examples of the desk's situations, and generated bad input (typed refusals that
// name the field, ledger unchanged). The laws P1–P15 are in Consent.laws.test.ts.
import fc from "fast-check"
import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { coverage } from "./coverage.ts"
import { Case, Consent, Period } from "@jiritsu/core"
import {
  arbConsentInstant,
  arbConsentLedger,
  arbConsentRecordFor,
  consentInstant,
  gridStepOf,
  recordBoilerplate
} from "./arbitraries/Consent.ts"

type Instant = Period.Instant
const at = (s: string): Instant => Period.unsafeInstant(s)

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(`expected success, got ${JSON.stringify(r.failure)}`)
  return r.success
}
const failure = <A, E>(r: Result.Result<A, E>): E => {
  if (Result.isSuccess(r)) throw new Error("expected a refusal")
  return r.failure
}

const hwReferral: Consent.ConsentRecord = {
  ...recordBoilerplate,
  recordId: "c-2026-0001",
  subjectRef: "p-001",
  purposes: ["employment-support-referral"],
  dataCategories: [
    { code: "identity", sensitive: false },
    { code: "employment-history", sensitive: false },
    { code: "welfare-status", sensitive: true },
    { code: "health", sensitive: true }
  ],
  actions: ["disclose"],
  recipients: [{ class: "hello-work" }],
  decision: "permit",
  // …except health to the second Hello Work office.
  exceptions: [Consent.provision({ recipients: [{ class: "hello-work", id: "hw-2" }], dataCategories: ["health"] })],
  validFrom: Consent.jstStartOfDay(Period.unsafeDate("2026-04-01")),
  validUntil: Consent.jstStartOfDay(Period.unsafeDate("2027-04-01"))
} as Consent.ConsentRecord

const ev = (
  recordId: string,
  eventId: string,
  kind: Consent.EventKind,
  effectiveAt: string,
  recordedAt: string = effectiveAt,
  extra: Partial<Consent.ConsentEvent> = {}
): Consent.ConsentEvent => ({
  eventId,
  recordId,
  kind,
  effectiveAt: at(effectiveAt),
  recordedAt: at(recordedAt),
  actor: ["revoked", "invalidated", "entered-in-error"].includes(kind) ? { _tag: "staff", staffId: "staff-1" } : { _tag: "subject" },
  method: "paper-signed",
  ...(["revoked", "invalidated", "entered-in-error"].includes(kind) ? { reason: "test" } : {}),
  ...extra
})

const givenLedger = (): Consent.Ledger => {
  let l = ok(Consent.addRecord(Consent.empty(), hwReferral))
  l = ok(Consent.appendEvent(l, ev(hwReferral.recordId, "e1", "requested", "2026-04-10T01:00:00Z")))
  l = ok(Consent.appendEvent(l, ev(hwReferral.recordId, "e2", "given", "2026-04-10T01:30:00Z")))
  return l
}

/** A meeting's law grant (支援会議 / 支援調整会議) to one roster member for p-001, shaped by `overrides`; not validated. */
const meetingGrant = (meeting: "support" | "coordination", overrides: Partial<Record<keyof Consent.LawGrant, unknown>>): Consent.LawGrant =>
  ({
    grantId: "g",
    ...(meeting === "support"
      ? { basis: { _tag: "support-meeting", statute: Consent.SUPPORT_MEETING_STATUTE, meetingId: "m" }, purpose: "support-meeting", roster: [{ class: "support-meeting-member", id: "m-1" }] }
      : { basis: { _tag: "coordination-meeting", statute: Consent.COORDINATION_MEETING_STATUTE, meetingId: "m" }, purpose: "coordination-meeting", roster: [{ class: "welfare-office", id: "wo-1" }] }),
    subjects: ["p-001"],
    dataCategories: [{ code: "household", sensitive: false }],
    actions: ["share"],
    validFrom: at("2026-04-01T00:00:00Z"),
    validUntil: at("2027-04-01T00:00:00Z"),
    recordedAt: at("2026-04-01T00:00:00Z"),
    ...overrides
  }) as unknown as Consent.LawGrant

const request = (overrides: Partial<Consent.Request> = {}): Consent.Request =>
  ({
    subjectRef: "p-001",
    purpose: "employment-support-referral",
    recipient: { class: "hello-work", id: "hw-1" },
    dataCategories: ["identity", "employment-history"],
    action: "share",
    at: at("2026-05-01T02:00:00Z"),
    ...overrides
  }) as Consent.Request

describe("Consent", () => {
  it("permits the Hello Work referral the person agreed to, naming the record", () => {
    const d = Consent.decide(givenLedger(), request())
    expect(d._tag).toBe("Permit")
    if (d._tag === "Permit") {
      expect(d.recordIds).toEqual(["c-2026-0001"])
      expect(d.basis).toEqual({ _tag: "consent", legalBasis: "consent(APPI-69-2-i)", recordIds: ["c-2026-0001"] })
    }
  })

  it("is consumed structurally as {_tag, recordIds} | {_tag, reason} | {_tag}", () => {
    const consume = (d: { readonly _tag: "Permit"; readonly recordIds: ReadonlyArray<string> } | { readonly _tag: "Deny"; readonly reason: string } | { readonly _tag: "NoBasis" }) =>
      d._tag === "Permit" ? d.recordIds.join(",") : d._tag === "Deny" ? d.reason : "none"
    expect(consume(Consent.decide(givenLedger(), request()))).toBe("c-2026-0001")
    expect(consume(Consent.decide(Consent.empty(), request()))).toBe("none")
  })

  it("fits the Case module's consent port as it is", () => {
    for (const d of [Consent.decide(givenLedger(), request()), Consent.decide(Consent.empty(), request()), Consent.decide(givenLedger(), request({ dataCategories: ["health"], recipient: { class: "hello-work", id: "hw-2" } }))]) {
      const port = Schema.decodeUnknownSync(Case.ConsentDecision)(JSON.parse(JSON.stringify(d)))
      expect(port._tag).toBe(d._tag)
    }
  })

  it("derives JSON Schema documents for the REST layer (recursive provisions by name)", () => {
    const record = Schema.toJsonSchemaDocument(Consent.ConsentRecord) as { readonly definitions?: Record<string, unknown> }
    expect(Object.keys(record.definitions ?? {})).toContain("ConsentProvision")
    for (const schema of [Consent.Decision, Consent.Ledger, Consent.LedgerEntry, Consent.Request, Consent.ConsentRefusal]) {
      expect(JSON.stringify(Schema.toJsonSchemaDocument(schema)).length).toBeGreaterThan(100)
    }
  })

  it("decodes a stored ledger and re-checks every entry", () => {
    const l = givenLedger()
    expect(ok(Consent.decodeLedger(JSON.parse(JSON.stringify(l))))).toEqual(l)
    const forged = { ...l, events: [...l.events, { ...l.events[1]!, eventId: "e9", kind: "withdrawn", effectiveAt: "2026-04-10T01:00:00Z" }] }
    expect(failure(Consent.decodeLedger(JSON.parse(JSON.stringify(forged))))).toMatchObject({ code: "illegal-transition", path: ["event", "kind"] })
    expect(failure(Consent.decodeLedger({ ...l, policy: null })).path).toEqual(["policy"])
  })

  it("applies the exception: health is withheld from the second office only", () => {
    const l = givenLedger()
    expect(Consent.decide(l, request({ dataCategories: ["health"] }))._tag).toBe("Permit")
    const d = Consent.decide(l, request({ dataCategories: ["health"], recipient: { class: "hello-work", id: "hw-2" } }))
    expect(d._tag).toBe("Deny")
    if (d._tag === "Deny") expect(d.code).toBe("record-denies")
    const each = Consent.decideEach(l, request({ dataCategories: ["identity", "health"], recipient: { class: "hello-work", id: "hw-2" } }))
    expect(each.map((x) => [x.category, x.decision._tag])).toEqual([
      ["identity", "Permit"],
      ["health", "Deny"]
    ])
  })

  it("never tells an employer: employer disclosure is its own purpose and recipient (P10)", () => {
    const l = givenLedger()
    expect(Consent.decide(l, request({ purpose: "employer-disclosure", recipient: { class: "prospective-employer", id: "emp-1" }, dataCategories: ["welfare-status"] }))._tag).toBe("NoBasis")
    expect(Consent.decide(l, request({ recipient: { class: "prospective-employer", id: "emp-1" } }))._tag).toBe("NoBasis")
  })

  it("withdrawal ends the permit from its effective instant, not before", () => {
    const l = ok(Consent.appendEvent(givenLedger(), ev(hwReferral.recordId, "e3", "withdrawn", "2026-06-01T06:00:00Z")))
    expect(Consent.decide(l, request({ at: at("2026-06-01T05:59:59Z") }))._tag).toBe("Permit")
    const d = Consent.decide(l, request({ at: at("2026-06-01T06:00:00Z") }))
    expect(d._tag).toBe("Deny")
    if (d._tag === "Deny") expect([d.code, d.reasonJa]).toEqual(["withdrawn", "本人が同意を撤回しています（項目: identity）"])
    expect(Consent.stateAt(l, hwReferral.recordId, at("2026-07-01T00:00:00Z"))).toBe("Withdrawn")
  })

  it("derives expiry from validUntil (JST midnight)", () => {
    const l = givenLedger()
    expect(hwReferral.validUntil).toBe("2027-03-31T15:00:00Z")
    expect(Consent.stateAt(l, hwReferral.recordId, at("2027-03-31T14:59:59Z"))).toBe("Given")
    expect(Consent.stateAt(l, hwReferral.recordId, at("2027-03-31T15:00:00Z"))).toBe("Expired")
    expect(Consent.decide(l, request({ at: at("2027-03-31T15:00:00Z") }))._tag).toBe("NoBasis")
    // An expired event is optional and idempotent — but not before validUntil.
    expect(failure(Consent.appendEvent(l, ev(hwReferral.recordId, "x1", "expired", "2027-03-01T00:00:00Z"))).path).toEqual(["effectiveAt"])
    const expired = ok(Consent.appendEvent(l, ev(hwReferral.recordId, "x2", "expired", "2027-03-31T15:00:00Z")))
    expect(Consent.decide(expired, request())).toMatchObject({ _tag: "Permit" })
  })

  it("changes scope with a new record and revoked(superseded) on the old one", () => {
    const widened = {
      ...hwReferral,
      recordId: "c-2026-0002",
      recipients: [{ class: "hello-work" }, { class: "employment-support-contractor", id: "npo-1" }],
      exceptions: [],
      predecessor: { recordId: hwReferral.recordId, recordHash: Consent.recordHash(hwReferral) }
    } as Consent.ConsentRecord
    let l = ok(Consent.addRecord(givenLedger(), widened))
    l = ok(Consent.appendEvent(l, ev("c-2026-0002", "n1", "requested", "2026-07-01T00:00:00Z")))
    l = ok(Consent.appendEvent(l, ev("c-2026-0002", "n2", "given", "2026-07-01T00:00:00Z")))
    l = ok(Consent.appendEvent(l, ev(hwReferral.recordId, "e9", "revoked", "2026-07-01T00:00:00Z", "2026-07-01T00:00:00Z", { reason: "superseded", supersededBy: "c-2026-0002" })))
    const toNpo = request({ recipient: { class: "employment-support-contractor", id: "npo-1" }, at: at("2026-08-01T00:00:00Z") })
    expect(Consent.decide(l, toNpo)).toMatchObject({ _tag: "Permit", recordIds: ["c-2026-0002"] })
    expect(Consent.decide(l, request({ at: at("2026-08-01T00:00:00Z") }))).toMatchObject({ _tag: "Permit", recordIds: ["c-2026-0002"] })
    expect(Consent.decide(l, request({ at: at("2026-06-01T00:00:00Z") }))).toMatchObject({ _tag: "Permit", recordIds: [hwReferral.recordId] })
    expect(ok(Consent.revisionChain(l, "c-2026-0002")).map((r) => r.recordId)).toEqual([hwReferral.recordId, "c-2026-0002"])
    // A tampered predecessor hash is refused, naming the field.
    const forged = { ...widened, recordId: "c-2026-0003", predecessor: { recordId: hwReferral.recordId, recordHash: `sha256:${"0".repeat(64)}` } }
    expect(failure(Consent.addRecord(l, forged)).path).toEqual(["predecessor", "recordHash"])
  })

  it("shares within a 支援会議 on the law, not on consent (P14)", () => {
    const grant = {
      grantId: "g-1",
      basis: { _tag: "support-meeting", statute: Consent.SUPPORT_MEETING_STATUTE, meetingId: "mtg-2026-05" },
      purpose: "support-meeting",
      roster: [
        { class: "support-meeting-member", id: "m-1" },
        { class: "hello-work", id: "hw-1" }
      ],
      subjects: ["p-001"],
      dataCategories: [
        { code: "household", sensitive: false },
        { code: "health", sensitive: true }
      ],
      actions: ["share"],
      validFrom: at("2026-05-01T00:00:00Z"),
      validUntil: at("2027-04-01T00:00:00Z"),
      recordedAt: at("2026-05-01T00:00:00Z")
    } as Consent.LawGrant
    const l = ok(Consent.addGrant(Consent.empty(), grant))
    const q = request({ purpose: "support-meeting", recipient: { class: "support-meeting-member", id: "m-1" }, dataCategories: ["household", "health"], at: at("2026-05-20T00:00:00Z") })
    const d = Consent.decide(l, q)
    expect(d).toMatchObject({ _tag: "Permit", recordIds: [], basis: { _tag: "law", statute: "生活困窮者自立支援法第9条第1項", grantId: "g-1" } })
    expect(Consent.decide(l, { ...q, recipient: { class: "support-meeting-member", id: "m-9" } })._tag).toBe("NoBasis")
    expect(Consent.decide(l, { ...q, purpose: "employment-support-referral" })._tag).toBe("NoBasis")
    expect(Consent.decide(l, { ...q, dataCategories: ["disability"] })._tag).toBe("NoBasis")
  })

  it("makes welfare status sensitive by policy", () => {
    const wildcard = { ...hwReferral, recordId: "w1", dataCategories: [{ code: "*", sensitive: false }], exceptions: [] } as Consent.ConsentRecord
    const decideUnder = (welfareStatusSensitive: boolean) => {
      let l = ok(Consent.addRecord(Consent.empty({ welfareStatusSensitive, additional: [] }), wildcard))
      l = ok(Consent.appendEvent(l, ev("w1", "1", "requested", "2026-04-10T00:00:00Z")))
      l = ok(Consent.appendEvent(l, ev("w1", "2", "given", "2026-04-10T00:00:00Z")))
      return Consent.decide(l, request({ dataCategories: ["welfare-status"] }))._tag
    }
    expect(decideUnder(false)).toBe("Permit")
    expect(decideUnder(true)).toBe("NoBasis")
    const understated = { ...hwReferral, dataCategories: [{ code: "welfare-status", sensitive: false }] } as Consent.ConsentRecord
    expect(Result.isSuccess(Consent.addRecord(Consent.empty({ welfareStatusSensitive: false, additional: [] }), understated))).toBe(true)
    expect(failure(Consent.addRecord(Consent.empty({ welfareStatusSensitive: true, additional: [] }), understated))).toMatchObject({
      code: "sensitivity-understated",
      path: ["dataCategories", 0, "sensitive"]
    })
  })

  it("checks the notice text against its hash", () => {
    const text = "ハローワークへの情報提供に関する同意書（本文）"
    expect(Result.isSuccess(Consent.verifyNotice(hwReferral, text))).toBe(true)
    expect(failure(Consent.verifyNotice(hwReferral, `${text}（改）`)).path).toEqual(["notice", "sha256"])
  })

  it("replays as known at an earlier instant (bitemporal)", () => {
    // Withdrawn on 06-01, but the form reached the office on 06-05.
    const l = ok(Consent.appendEvent(givenLedger(), ev(hwReferral.recordId, "e3", "withdrawn", "2026-06-01T00:00:00Z", "2026-06-05T00:00:00Z")))
    const q = request({ at: at("2026-06-03T00:00:00Z") })
    expect(Consent.decide(l, q, { asKnownAt: at("2026-06-03T00:00:00Z") })._tag).toBe("Permit")
    expect(Consent.decide(l, q)._tag).toBe("Deny")
  })
})

// --- generated bad input ------------------------------------------------------------------------

const arbRecord = arbConsentRecordFor({ recordId: "bad-1", subjectRef: "p-001" })

/** Refused with this code and path, and the ledger is exactly as before. */
const expectRefused = (ledger: Consent.Ledger, result: Result.Result<Consent.Ledger, Consent.ConsentRefusal>, code: Consent.RefusalCode, path: ReadonlyArray<string | number>) => {
  const snapshot = JSON.stringify(ledger)
  const r = failure(result)
  expect(Schema.is(Consent.ConsentRefusal)(r)).toBe(true)
  expect(r.code).toBe(code)
  expect(r.path).toEqual(path)
  expect(r.message.length).toBeGreaterThan(0)
  expect(r.messageJa.length).toBeGreaterThan(0)
  expect(JSON.stringify(ledger)).toBe(snapshot)
}

describe("properties", () => {
  it("a record with validUntil <= validFrom is refused naming validUntil (decode, addRecord, apply) (≥ 3 % of runs with equal ends)", () => {
    const cov = coverage({ equalEnds: 0.03 })
    fc.assert(
      fc.property(arbConsentLedger(), arbRecord, fc.oneof(fc.nat(20), fc.constant(0)), (g, record, back) => {
        cov.run()
        cov.hit("equalEnds", back === 0)
        const bad = { ...record, validUntil: consentInstant(gridStepOf(record.validFrom) - back) }
        expectRefused(g.ledger, Consent.addRecord(g.ledger, bad), "empty-window", ["validUntil"])
        expectRefused(g.ledger, Consent.apply(g.ledger, { _tag: "RecordAdded", record: bad }), "empty-window", ["record", "validUntil"])
        const decoded = failure(Consent.decodeRecord(JSON.parse(JSON.stringify(bad))))
        expect(decoded.issues?.map((i) => i.path)).toContain("validUntil")
      })
    )
    cov.check()
  })

  it("a wildcard over sensitive categories is refused naming the entry (≥ 20 % of runs put it first, ≥ 20 % after another entry)", () => {
    const cov = coverage({ first: 0.2, later: 0.2 })
    fc.assert(
      fc.property(arbConsentLedger(), arbRecord, fc.nat(), (g, record, n) => {
        cov.run()
        const i = n % (record.dataCategories.length + 1)
        const categories = [...record.dataCategories.filter((c) => c.code !== "*")]
        const index = Math.min(i, categories.length)
        cov.hit(index === 0 ? "first" : "later")
        categories.splice(index, 0, { code: "*", sensitive: true })
        const bad = { ...record, dataCategories: categories } as unknown as Consent.ConsentRecord
        expectRefused(g.ledger, Consent.addRecord(g.ledger, bad), "wildcard-over-sensitive", ["dataCategories", index, "sensitive"])
        expect(failure(Consent.decodeRecord(JSON.parse(JSON.stringify(bad)))).issues?.map((x) => x.path)).toContain(`dataCategories[${index}].sensitive`)
      })
    )
    cov.check()
  })

  it("disability and health marked non-sensitive are refused under every policy (≥ 15 % of runs for each category under each policy)", () => {
    const cov = coverage({ "disability/true": 0.15, "disability/false": 0.15, "health/true": 0.15, "health/false": 0.15 })
    fc.assert(
      fc.property(arbRecord, fc.constantFrom("disability", "health"), fc.boolean(), (record, code, welfareStatusSensitive) => {
        cov.run()
        cov.hit(`${code}/${welfareStatusSensitive}` as "health/true")
        const categories = [...record.dataCategories.filter((c) => c.code !== code), { code, sensitive: false }]
        const bad = { ...record, dataCategories: categories } as unknown as Consent.ConsentRecord
        const ledger = Consent.empty({ welfareStatusSensitive, additional: [] })
        expectRefused(ledger, Consent.addRecord(ledger, bad), "sensitivity-understated", ["dataCategories", categories.length - 1, "sensitive"])
      })
    )
    cov.check()
  })

  it("an event on an unknown record is refused naming recordId (≥ 80 % of runs against a ledger with events)", () => {
    const cov = coverage({ withEvents: 0.8 })
    fc.assert(
      fc.property(arbConsentLedger(), fc.constantFrom<Consent.EventKind>("requested", "given", "withdrawn"), arbConsentInstant(), fc.string({ minLength: 1, maxLength: 8 }).map((s) => `zz-${s.replace(/\s/g, "_")}`), (g, kind, t, recordId) => {
        cov.run()
        cov.hit("withEvents", g.events.length > 0)
        expectRefused(g.ledger, Consent.appendEvent(g.ledger, ev(recordId, "new-1", kind, t, "2031-01-01T00:00:00Z")), "unknown-record", ["recordId"])
      })
    )
    cov.check()
  })

  it("a transition out of a terminal state is refused naming kind (≥ 30 % of runs hold a terminal event)", () => {
    const terminal: ReadonlyArray<Consent.EventKind> = ["refused", "withdrawn", "revoked", "entered-in-error"]
    const cov = coverage({ terminal: 0.3 })
    fc.assert(
      fc.property(arbConsentLedger(), fc.constantFrom<Consent.EventKind>("requested", "given", "reaffirmed", "withdrawn", "revoked", "deferred", "refused"), fc.nat(10), (g, kind, later) => {
        cov.run()
        cov.hit("terminal", g.events.some((x) => terminal.includes(x.kind)))
        for (const e of g.events.filter((x) => terminal.includes(x.kind))) {
          const t = consentInstant(gridStepOf(e.effectiveAt) + 1 + later)
          expectRefused(g.ledger, Consent.appendEvent(g.ledger, ev(e.recordId, "after-terminal", kind, t, "2031-01-01T00:00:00Z")), "terminal-state", ["kind"])
        }
      })
    )
    cov.check()
  })

  it("a reused event id with other content is refused; with the same content it is a no-op (≥ 25 % of runs change each field)", () => {
    const cov = coverage({ effectiveAt: 0.25, kind: 0.25, method: 0.25 })
    fc.assert(
      fc.property(arbConsentLedger(), fc.nat(), fc.constantFrom("effectiveAt", "kind", "method") as fc.Arbitrary<"effectiveAt" | "kind" | "method">, (g, n, field) => {
        cov.run()
        if (g.events.length === 0) return
        cov.hit(field)
        const e = g.events[n % g.events.length]!
        expect(ok(Consent.appendEvent(g.ledger, e))).toBe(g.ledger)
        const changed: Consent.ConsentEvent =
          field === "effectiveAt"
            ? { ...e, effectiveAt: consentInstant(gridStepOf(e.effectiveAt) + 1) }
            : field === "kind"
              ? { ...e, kind: e.kind === "given" ? "reaffirmed" : "given" }
              : { ...e, method: e.method === "counter" ? "system" : "counter" }
        expectRefused(g.ledger, Consent.appendEvent(g.ledger, changed), "duplicate-id", ["eventId"])
      })
    )
    cov.check()
  })

  it("a recordedAt earlier than the ledger's latest is refused naming recordedAt (≥ 10 % of runs just one step earlier)", () => {
    const cov = coverage({ justEarlier: 0.1 })
    fc.assert(
      fc.property(arbConsentLedger(), fc.nat(5), (g, back) => {
        cov.run()
        cov.hit("justEarlier", back === 0)
        const latest = g.events.reduce((m, e) => Math.max(m, gridStepOf(e.recordedAt)), -Infinity)
        const r = g.records[0]!
        const e = ev(r.recordId, "late-1", "requested", consentInstant(0), consentInstant(latest - 1 - back))
        expectRefused(g.ledger, Consent.appendEvent(g.ledger, e), "recorded-time-regressed", ["recordedAt"])
      })
    )
    cov.check()
  })

  it("malformed entries decode to invalid-input naming the field; the ledger is unchanged (≥ 50 % of runs refused, ≥ 10 % with the field missing)", () => {
    const fields = ["eventId", "recordId", "kind", "effectiveAt", "recordedAt", "actor", "method"] as const
    const cov = coverage({ refused: 0.5, missing: 0.1 })
    fc.assert(
      fc.property(
        arbConsentLedger(),
        fc.nat(),
        fc.constantFrom(...fields),
        fc.oneof(fc.constant(undefined), fc.integer(), fc.constant(""), fc.constant("2026-13-01T00:00:00Z"), fc.constant({}), fc.constant(" spaced id ")),
        (g, n, field, value) => {
          cov.run()
          if (g.events.length === 0) return
          const e = { ...g.events[n % g.events.length]!, eventId: "fresh-1" } as Record<string, unknown>
          if (value === undefined) delete e[field]
          else e[field] = value
          // Some replacements are still valid for some fields (e.g. {} is not; "" never is).
          const valid = Schema.is(Consent.ConsentEvent)(e)
          const r = Consent.applyUnknown(g.ledger, { _tag: "EventAppended", event: e })
          if (valid) return
          cov.hit("refused")
          cov.hit("missing", value === undefined)
          expectRefused(g.ledger, r, "invalid-input", failure(r).path)
          expect(failure(r).path.slice(0, 2)).toEqual(["event", field])
        }
      )
    )
    cov.check()
    const junkCov = coverage({ object: 0.2 })
    fc.assert(
      fc.property(fc.anything(), (junk) => {
        junkCov.run()
        junkCov.hit("object", typeof junk === "object" && junk !== null)
        const r = Consent.applyUnknown(Consent.empty(), junk)
        expect(failure(r).code).toBe("invalid-input")
      })
    )
    junkCov.check()
  })

  it("a law grant with validUntil <= validFrom or a sensitive wildcard is refused naming the field (≥ 5 % of runs with equal ends)", () => {
    const cov = coverage({ equalEnds: 0.05 })
    fc.assert(
      fc.property(fc.nat(30), fc.oneof(fc.nat(10), fc.constant(0)), (from, back) => {
        cov.run()
        cov.hit("equalEnds", back === 0)
        const grant = meetingGrant("coordination", { grantId: "g-bad", dataCategories: [{ code: "identity", sensitive: false }], validFrom: consentInstant(from), validUntil: consentInstant(from - back), recordedAt: consentInstant(0) })
        const ledger = Consent.empty()
        expectRefused(ledger, Consent.addGrant(ledger, grant), "empty-window", ["validUntil"])
        const wildcard = { ...grant, validUntil: consentInstant(from + 1 + back), dataCategories: [{ code: "*", sensitive: true }] } as unknown as Consent.LawGrant
        expectRefused(ledger, Consent.addGrant(ledger, wildcard), "wildcard-over-sensitive", ["dataCategories", 0, "sensitive"])
      })
    )
    cov.check()
  })
})

describe("Consent: the vocabulary's coverage rules", () => {
  it("an action covers itself, and disclosing covers sharing — nothing else covers anything", () => {
    const actions = ["collect", "use", "disclose", "share"] as const
    const covered = actions.flatMap((g) => actions.filter((r) => Consent.actionCovers(g, r)).map((r) => `${g}>${r}`))
    expect(covered).toEqual(["collect>collect", "use>use", "disclose>disclose", "disclose>share", "share>share"])
  })

  it("a recipient covers the same class, any office of it when no id is named, else only that office (P10: never another class)", () => {
    expect(Consent.recipientCovers({ class: "hello-work" }, { class: "hello-work", id: "hw-1" })).toBe(true)
    expect(Consent.recipientCovers({ class: "hello-work", id: "hw-1" }, { class: "hello-work", id: "hw-1" })).toBe(true)
    expect(Consent.recipientCovers({ class: "hello-work", id: "hw-1" }, { class: "hello-work", id: "hw-2" })).toBe(false)
    expect(Consent.recipientCovers({ class: "hello-work" }, { class: "prospective-employer", id: "emp-1" })).toBe(false)
  })

  it("a request from outside is decoded with the path of a bad field", () => {
    const r = Consent.decodeRequest({ subjectRef: "p-1", purpose: "employment-support-referral", recipient: { class: "mayor" }, dataCategories: ["identity"], action: "share", at: "2026-05-01T00:00:00Z" })
    expect(Result.isFailure(r) && [r.failure._tag, r.failure.code, r.failure.path]).toEqual(["ConsentRefusal", "invalid-input", ["recipient", "class"]])
  })
})

// --- the lifecycle, state by state (docs/consent-model.md "States and events") -------------------

describe("Consent: the lifecycle table", () => {
  type Outcome = Consent.ConsentState | Consent.RefusalCode
  const kinds: ReadonlyArray<Consent.EventKind> = ["requested", "given", "refused", "deferred", "reaffirmed", "withdrawn", "revoked", "invalidated", "expired", "entered-in-error"]
  // How to reach each state (events at 2026-04-10), and what each event then does (event on 2026-06-01,
  // or on 2027-04-02 — after validUntil — for Expired). Staff events come from staff, with a reason.
  const setups: Record<string, ReadonlyArray<Consent.EventKind>> = {
    None: [],
    Requested: ["requested"],
    Deferred: ["requested", "deferred"],
    Given: ["requested", "given"],
    Refused: ["requested", "refused"],
    Withdrawn: ["requested", "given", "withdrawn"],
    Revoked: ["requested", "given", "revoked"],
    Expired: ["requested", "given"],
    Invalidated: ["requested", "given", "invalidated"],
    EnteredInError: ["requested", "entered-in-error"]
  }
  const T = "terminal-state", X = "illegal-transition"
  const table: Record<string, Record<Consent.EventKind, Outcome>> = {
    None: { requested: "Requested", given: X, refused: X, deferred: X, reaffirmed: X, withdrawn: X, revoked: X, invalidated: X, expired: X, "entered-in-error": "EnteredInError" },
    Requested: { requested: X, given: "Given", refused: "Refused", deferred: "Deferred", reaffirmed: X, withdrawn: X, revoked: X, invalidated: X, expired: X, "entered-in-error": "EnteredInError" },
    Deferred: { requested: "Requested", given: X, refused: X, deferred: X, reaffirmed: X, withdrawn: X, revoked: X, invalidated: X, expired: X, "entered-in-error": "EnteredInError" },
    Given: { requested: X, given: X, refused: X, deferred: X, reaffirmed: "Given", withdrawn: "Withdrawn", revoked: "Revoked", invalidated: "Invalidated", expired: "expiry-is-derived", "entered-in-error": "EnteredInError" },
    Refused: { requested: T, given: T, refused: T, deferred: T, reaffirmed: T, withdrawn: T, revoked: T, invalidated: T, expired: T, "entered-in-error": "EnteredInError" },
    Withdrawn: { requested: T, given: T, refused: T, deferred: T, reaffirmed: T, withdrawn: T, revoked: T, invalidated: "Invalidated", expired: T, "entered-in-error": "EnteredInError" },
    Revoked: { requested: T, given: T, refused: T, deferred: T, reaffirmed: T, withdrawn: T, revoked: T, invalidated: "Invalidated", expired: T, "entered-in-error": "EnteredInError" },
    Expired: { requested: T, given: T, refused: T, deferred: T, reaffirmed: T, withdrawn: T, revoked: T, invalidated: "Invalidated", expired: "Expired", "entered-in-error": "EnteredInError" },
    Invalidated: { requested: T, given: T, refused: T, deferred: T, reaffirmed: T, withdrawn: T, revoked: T, invalidated: T, expired: T, "entered-in-error": "EnteredInError" },
    EnteredInError: { requested: T, given: T, refused: T, deferred: T, reaffirmed: T, withdrawn: T, revoked: T, invalidated: T, expired: T, "entered-in-error": T }
  }
  const setupTimes = ["2026-04-10T01:00:00Z", "2026-04-10T02:00:00Z", "2026-04-10T03:00:00Z"]
  const ledgerIn = (state: string): Consent.Ledger => {
    let l = ok(Consent.addRecord(Consent.empty(), hwReferral))
    setups[state]!.forEach((kind, i) => {
      l = ok(Consent.appendEvent(l, ev(hwReferral.recordId, `s${i}`, kind, setupTimes[i]!)))
    })
    return l
  }

  for (const state of Object.keys(table)) {
    it(`from ${state}, each kind of event moves the record or is refused naming the field`, () => {
      const when = state === "Expired" ? "2027-04-02T00:00:00Z" : "2026-06-01T00:00:00Z"
      const before = ledgerIn(state)
      expect(Consent.stateAt(before, hwReferral.recordId, at(when))).toBe(state)
      const got = Object.fromEntries(
        kinds.map((kind) => {
          const r = Consent.appendEvent(before, ev(hwReferral.recordId, "t1", kind, when))
          if (Result.isSuccess(r)) return [kind, Consent.stateAt(r.success, hwReferral.recordId, at(when))]
          const expectedPath = r.failure.code === "expiry-is-derived" ? ["effectiveAt"] : ["kind"]
          expect([r.failure.path, r.failure.messageJa.length > 0]).toEqual([expectedPath, true])
          return [kind, r.failure.code]
        })
      )
      expect(got).toEqual(table[state])
    })
  }

  it("the refusal says which event and state: directly, or for a later event the new one would precede", () => {
    const l = ledgerIn("Given")
    const direct = failure(Consent.appendEvent(l, ev(hwReferral.recordId, "t1", "given", "2026-06-01T00:00:00Z")))
    expect(direct.message).toBe("given is not allowed in state Given")
    expect(direct.messageJa).toBe("状態 Given では given できません")
    const withdrawn = ok(Consent.appendEvent(l, ev(hwReferral.recordId, "w", "withdrawn", "2026-06-01T00:00:00Z")))
    // A refusal dated before the withdrawal is itself illegal: the record was Given then.
    const earlier = failure(Consent.appendEvent(withdrawn, ev(hwReferral.recordId, "t2", "refused", "2026-05-01T00:00:00Z", "2026-06-02T00:00:00Z")))
    expect(earlier.code).toBe("illegal-transition")
    const terminal = failure(Consent.appendEvent(withdrawn, ev(hwReferral.recordId, "t3", "reaffirmed", "2026-06-02T00:00:00Z")))
    expect(terminal.message).toBe("a reaffirmed event cannot follow the terminal state Withdrawn; a new consent is a new record")
    expect(terminal.messageJa).toBe("終了状態（Withdrawn）からは遷移できません。新しい同意は新しい記録として作成してください")
    const revoked = ok(Consent.appendEvent(l, ev(hwReferral.recordId, "r", "revoked", "2026-06-01T00:00:00Z")))
    const before = failure(Consent.appendEvent(revoked, ev(hwReferral.recordId, "t4", "withdrawn", "2026-05-01T00:00:00Z", "2026-06-02T00:00:00Z")))
    expect([before.code, before.message]).toEqual(["terminal-state", "a revoked event cannot follow the terminal state Withdrawn; a new consent is a new record (event r would follow it)"])
  })

  it("only staff revoke, invalidate or mark entered-in-error, and always with a reason", () => {
    const l = ledgerIn("Given")
    const when = "2026-06-01T00:00:00Z"
    for (const kind of ["revoked", "invalidated", "entered-in-error"] as const) {
      const bySubject = failure(Consent.appendEvent(l, ev(hwReferral.recordId, "t1", kind, when, when, { actor: { _tag: "subject" } })))
      expect([bySubject.code, bySubject.path]).toEqual(["staff-only", ["actor"]])
      const byRepresentative = failure(Consent.appendEvent(l, ev(hwReferral.recordId, "t1", kind, when, when, { actor: { _tag: "representative", relation: "legal-guardian" } })))
      expect(byRepresentative.code).toBe("staff-only")
      const { reason: _none, ...noReason } = ev(hwReferral.recordId, "t1", kind, when)
      const unexplained = failure(Consent.appendEvent(l, noReason as Consent.ConsentEvent))
      expect([unexplained.code, unexplained.path, unexplained.messageJa.length > 0]).toEqual(["reason-required", ["reason"], true])
    }
    // The person's own steps need no staff and no reason.
    expect(Consent.stateAt(ok(Consent.appendEvent(l, ev(hwReferral.recordId, "t1", "withdrawn", when, when, { actor: { _tag: "representative", relation: "legal-guardian" } }))), hwReferral.recordId, at(when))).toBe("Withdrawn")
  })

  it("consent cannot be given at or after validUntil; a moment before it can", () => {
    const l = ledgerIn("Requested")
    const late = failure(Consent.appendEvent(l, ev(hwReferral.recordId, "t1", "given", "2027-03-31T15:00:00Z")))
    expect([late.code, late.path, late.message]).toEqual(["after-expiry", ["effectiveAt"], "consent cannot be given at or after validUntil"])
    expect(Consent.stateAt(ok(Consent.appendEvent(l, ev(hwReferral.recordId, "t1", "given", "2027-03-31T14:59:59Z"))), hwReferral.recordId, at("2027-03-31T14:59:59Z"))).toBe("Given")
  })

  it("events at one instant replay in lifecycle order, then by id", () => {
    const t = "2026-04-10T01:00:00Z"
    const e = (id: string, kind: Consent.EventKind) => ev(hwReferral.recordId, id, kind, t)
    const sorted = [e("b", "withdrawn"), e("z", "given"), e("a", "requested"), e("y", "reaffirmed"), e("c", "expired"), e("d", "entered-in-error"), e("x", "deferred"), e("w", "invalidated")].sort(Consent.compareEvents)
    expect(sorted.map((x) => x.kind)).toEqual(["requested", "deferred", "given", "reaffirmed", "withdrawn", "expired", "invalidated", "entered-in-error"])
    expect([e("b", "given"), e("a", "refused")].sort(Consent.compareEvents).map((x) => x.eventId)).toEqual(["a", "b"])
    expect(Consent.compareEvents(e("a", "given"), e("a", "given"))).toBe(0)
    expect(Consent.compareEvents(ev(hwReferral.recordId, "a", "withdrawn", "2026-04-10T00:59:59.5Z"), e("a", "requested"))).toBeLessThan(0)
  })

  it("events of one phase at one instant are kept in id order, whatever order they are appended in", () => {
    const t = "2026-06-01T00:00:00Z"
    const l = ok(Consent.appendEvent(ok(Consent.appendEvent(ledgerIn("Given"), ev(hwReferral.recordId, "r2", "reaffirmed", t))), ev(hwReferral.recordId, "r1", "reaffirmed", t)))
    expect(Consent.historyOf(l, hwReferral.recordId).map((e) => e.eventId)).toEqual(["s0", "s1", "r1", "r2"])
    expect(Consent.compareEvents(ev(hwReferral.recordId, "b", "given", t), ev(hwReferral.recordId, "a", "refused", t))).toBe(1)
  })

  it("each refused step says what is wrong, in English and in Japanese", () => {
    const when = "2026-06-01T00:00:00Z"
    const bySubject: Partial<Consent.ConsentEvent> = { actor: { _tag: "subject" } }
    const refusalOf = (state: string, kind: Consent.EventKind, effectiveAt: string, extra: Partial<Consent.ConsentEvent> = {}, withReason = true) => {
      const e = ev(hwReferral.recordId, "t1", kind, effectiveAt, effectiveAt, extra)
      const { reason: _reason, ...unexplained } = e
      const r = failure(Consent.appendEvent(ledgerIn(state), withReason ? e : (unexplained as Consent.ConsentEvent)))
      return [r.code, r.path, r.message, r.messageJa]
    }
    expect(refusalOf("Given", "entered-in-error", when, bySubject)).toEqual(["staff-only", ["actor"], "only staff can mark a record entered-in-error", "誤登録の処理は職員のみ行えます"])
    expect(refusalOf("Given", "entered-in-error", when, {}, false)).toEqual(["reason-required", ["reason"], "entered-in-error needs a reason", "誤登録には理由が必要です"])
    expect(refusalOf("Given", "invalidated", when, bySubject)).toEqual(["staff-only", ["actor"], "only staff can invalidate a record", "無効の処理は職員のみ行えます"])
    expect(refusalOf("Given", "invalidated", when, {}, false)).toEqual(["reason-required", ["reason"], "invalidation needs a reason", "無効には理由が必要です"])
    expect(refusalOf("Requested", "invalidated", when)).toEqual(["illegal-transition", ["kind"], "a record in state Requested was never given and cannot be invalidated", "同意されていない記録は無効にできません"])
    expect(refusalOf("Given", "expired", when)).toEqual(["expiry-is-derived", ["effectiveAt"], "an expired event must not precede validUntil: expiry is derived from validUntil", "期限切れは有効期限から導出されます"])
    expect(refusalOf("Deferred", "expired", when)).toEqual(["illegal-transition", ["kind"], "a record in state Deferred cannot expire", "この状態の記録は期限切れになりません"])
    expect(refusalOf("Requested", "given", "2027-04-02T00:00:00Z")).toEqual(["after-expiry", ["effectiveAt"], "consent cannot be given at or after validUntil", "有効期限以降に同意を得ることはできません"])
    expect(refusalOf("Given", "revoked", when, bySubject)).toEqual(["staff-only", ["actor"], "only the city (staff) revokes; the person withdraws", "取消は職員のみ行えます（本人は撤回）"])
    expect(refusalOf("Given", "revoked", when, {}, false)).toEqual(["reason-required", ["reason"], "revocation needs a reason", "取消には理由が必要です"])
  })

  it("the state at an instant: None before any event, a choice outlasts validUntil, and a deferral before an invalidated consent stays a deferral", () => {
    const registered = ok(Consent.addRecord(Consent.empty(), hwReferral))
    const after = at("2027-06-01T00:00:00Z") // after validUntil
    expect([Consent.stateAt(registered, hwReferral.recordId, at("2026-06-01T00:00:00Z")), Consent.stateAt(registered, hwReferral.recordId, after)]).toEqual(["None", "None"])
    expect((["Withdrawn", "Revoked", "Refused", "Deferred", "Given"] as const).map((s) => Consent.stateAt(ledgerIn(s), hwReferral.recordId, after))).toEqual(["Withdrawn", "Revoked", "Refused", "Deferred", "Expired"])
    // requested, deferred, requested again, given, then invalidated: only what was given is invalidated.
    let l = ledgerIn("Deferred") // requested 01:00, deferred 02:00
    l = ok(Consent.appendEvent(l, ev(hwReferral.recordId, "a", "requested", "2026-04-11T00:00:00Z")))
    l = ok(Consent.appendEvent(l, ev(hwReferral.recordId, "b", "given", "2026-04-12T00:00:00Z")))
    l = ok(Consent.appendEvent(l, ev(hwReferral.recordId, "c", "invalidated", "2026-06-01T00:00:00Z")))
    const times = ["2026-04-10T00:00:00Z", "2026-04-10T01:30:00Z", "2026-04-10T03:00:00Z", "2026-04-11T12:00:00Z", "2026-04-12T00:00:00Z", "2026-07-01T00:00:00Z"]
    expect(times.map((t) => Consent.stateAt(l, hwReferral.recordId, at(t)))).toEqual(["None", "Requested", "Deferred", "Requested", "Invalidated", "Invalidated"])
  })
})

// --- records, links and grants: what is refused, naming the field --------------------------------

describe("Consent: records, links and grants", () => {
  const person2 = { ...hwReferral, recordId: "c-p2", subjectRef: "p-002", exceptions: [] } as Consent.ConsentRecord
  const successorOf = (previous: Consent.ConsentRecord, recordId: string, overrides: Partial<Consent.ConsentRecord> = {}) =>
    ({ ...previous, recordId, exceptions: [], predecessor: { recordId: previous.recordId, recordHash: Consent.recordHash(previous) }, ...overrides }) as Consent.ConsentRecord

  it("every content problem of a record is listed with its path, an empty period deep in the tree too", () => {
    const period = { from: at("2026-05-01T00:00:00Z"), until: at("2026-05-01T00:00:00Z") }
    const bad = {
      ...hwReferral,
      validUntil: hwReferral.validFrom,
      dataCategories: [{ code: "*", sensitive: true }, { code: "health", sensitive: false }, { code: "*", sensitive: false }],
      exceptions: [Consent.provision({ exceptions: [Consent.provision({}), Consent.provision({ period })] })]
    } as unknown as Consent.ConsentRecord
    expect(Consent.recordProblems(bad, Consent.defaultPolicy).map((p) => [p.code, p.path.join(".")])).toEqual([
      ["empty-window", "validUntil"],
      ["wildcard-over-sensitive", "dataCategories.0.sensitive"],
      ["sensitivity-understated", "dataCategories.1.sensitive"],
      ["empty-window", "exceptions.0.exceptions.1.period.until"]
    ])
    expect(Consent.recordProblems(bad, Consent.defaultPolicy).every((p) => p.message.length > 0 && p.messageJa.length > 0)).toBe(true)
    expect(Consent.recordProblems(hwReferral, Consent.defaultPolicy)).toEqual([])
    const deep = failure(Consent.addRecord(Consent.empty(), { ...hwReferral, exceptions: bad.exceptions } as Consent.ConsentRecord))
    expect([deep.code, deep.path]).toEqual(["empty-window", ["exceptions", 0, "exceptions", 1, "period", "until"]])
    // A period that is not empty is no problem.
    expect(Consent.recordProblems({ ...hwReferral, exceptions: [Consent.provision({ period: { from: period.from, until: at("2026-05-01T00:00:00.001Z") } })] } as Consent.ConsentRecord, Consent.defaultPolicy)).toEqual([])
  })

  it("a category the policy names as additional must be marked sensitive", () => {
    const policy = { welfareStatusSensitive: false, additional: ["household"] }
    expect(Consent.isSensitive(policy, "household")).toBe(true)
    expect(Consent.isSensitive(policy, "welfare-status")).toBe(false)
    expect(Consent.isSensitive(policy, "disability")).toBe(true)
    const understated = { ...hwReferral, dataCategories: [{ code: "household", sensitive: false }], exceptions: [] } as unknown as Consent.ConsentRecord
    expect(failure(Consent.addRecord(Consent.empty(policy), understated))).toMatchObject({ code: "sensitivity-understated", path: ["dataCategories", 0, "sensitive"] })
    expect(Result.isSuccess(Consent.addRecord(Consent.empty(), understated))).toBe(true)
  })

  it("a decoding failure lists every issue with its path, and names the first", () => {
    const r = failure(Consent.decodeEvent({ eventId: "e 1", recordId: 3 }))
    expect([r._tag, r.code, r.path, r.messageJa]).toEqual(["ConsentRefusal", "invalid-input", ["eventId"], "入力が不正です"])
    expect(r.issues?.map((i) => i.path)).toEqual(["eventId", "recordId", "kind", "effectiveAt", "recordedAt", "actor", "method"])
    expect(r.message).toMatch(/^eventId: .+; recordId: .+; kind: Missing key/)
    const nested = failure(Consent.decodeRecord({ ...JSON.parse(JSON.stringify(hwReferral)), dataCategories: [{ code: "identity", sensitive: false }, { code: "Health", sensitive: true }] }))
    expect(nested.path).toEqual(["dataCategories", 1, "code"])
    expect(ok(Consent.decodeRecord(JSON.parse(JSON.stringify(hwReferral))))).toEqual(hwReferral)
  })

  it("a record id is registered once: the same content again is a no-op, other content is refused", () => {
    const l = ok(Consent.addRecord(Consent.empty(), hwReferral))
    expect(ok(Consent.addRecord(l, JSON.parse(JSON.stringify(hwReferral))))).toBe(l)
    const changed = failure(Consent.addRecord(l, { ...hwReferral, subjectRef: "p-009" } as Consent.ConsentRecord))
    expect([changed.code, changed.path, changed.message]).toEqual(["duplicate-id", ["recordId"], "record c-2026-0001 already exists with different content; records are immutable"])
    // Records are kept in id order, whatever order they were added in.
    const both = ok(Consent.addRecord(ok(Consent.addRecord(Consent.empty(), person2)), hwReferral))
    expect(both.records.map((r) => r.recordId)).toEqual(["c-2026-0001", "c-p2"])
  })

  it("a predecessor must be registered, concern the same person, and match its hash", () => {
    const l = ok(Consent.addRecord(ok(Consent.addRecord(Consent.empty(), hwReferral)), person2))
    expect(Result.isSuccess(Consent.addRecord(l, successorOf(hwReferral, "c-next")))).toBe(true)
    const missing = failure(Consent.addRecord(Consent.empty(), successorOf(hwReferral, "c-next")))
    expect([missing.code, missing.path]).toEqual(["unknown-record", ["predecessor", "recordId"]])
    const otherPerson = failure(Consent.addRecord(l, successorOf(person2, "c-next", { subjectRef: "p-001" })))
    expect([otherPerson.code, otherPerson.path]).toEqual(["predecessor-mismatch", ["predecessor", "recordId"]])
    const forged = failure(Consent.addRecord(l, successorOf(hwReferral, "c-next", { predecessor: { recordId: hwReferral.recordId, recordHash: Consent.recordHash(person2) } })))
    expect([forged.code, forged.path, forged.message]).toEqual(["predecessor-mismatch", ["predecessor", "recordHash"], `predecessor hash is ${Consent.recordHash(hwReferral)}`])
  })

  it("a revocation superseded by another record must name a registered record of the same person, not itself", () => {
    let l = ok(Consent.addRecord(ok(Consent.addRecord(givenLedger(), person2)), successorOf(hwReferral, "c-next")))
    const revoke = (supersededBy: string) => Consent.appendEvent(l, ev(hwReferral.recordId, "rv", "revoked", "2026-06-01T00:00:00Z", "2026-06-01T00:00:00Z", { supersededBy }))
    for (const bad of ["c-none", "c-p2", hwReferral.recordId]) {
      const r = failure(revoke(bad))
      expect([r.code, r.path]).toEqual(["unknown-successor", ["supersededBy"]])
    }
    l = ok(revoke("c-next"))
    expect(Consent.stateAt(l, hwReferral.recordId, at("2026-06-01T00:00:00Z"))).toBe("Revoked")
    // supersededBy means nothing on other kinds of event.
    expect(Result.isSuccess(Consent.appendEvent(givenLedger(), ev(hwReferral.recordId, "w", "withdrawn", "2026-06-01T00:00:00Z", "2026-06-01T00:00:00Z", { supersededBy: "c-none" })))).toBe(true)
  })

  it("an event's recordedAt may equal the ledger's latest, not precede it — a grant's latest counts too", () => {
    const l = givenLedger() // latest recordedAt 2026-04-10T01:30:00Z
    expect(Result.isSuccess(Consent.appendEvent(l, ev(hwReferral.recordId, "w", "withdrawn", "2026-06-01T00:00:00Z", "2026-04-10T01:30:00Z")))).toBe(true)
    const late = failure(Consent.appendEvent(l, ev(hwReferral.recordId, "w", "withdrawn", "2026-06-01T00:00:00Z", "2026-04-10T01:29:59Z")))
    expect([late.code, late.path, late.message]).toEqual(["recorded-time-regressed", ["recordedAt"], "recordedAt 2026-04-10T01:29:59Z is before the ledger's latest 2026-04-10T01:30:00Z: the ledger is append-only"])
    const withGrant = ok(Consent.addGrant(l, { ...grantFor("g-1"), recordedAt: at("2026-05-01T00:00:00Z") }))
    const beforeGrant = failure(Consent.appendEvent(withGrant, ev(hwReferral.recordId, "w", "withdrawn", "2026-06-01T00:00:00Z", "2026-04-30T00:00:00Z")))
    expect(beforeGrant.code).toBe("recorded-time-regressed")
    const grantLate = failure(Consent.addGrant(withGrant, { ...grantFor("g-2"), recordedAt: at("2026-04-30T00:00:00Z") }))
    expect([grantLate.code, grantLate.path]).toEqual(["recorded-time-regressed", ["recordedAt"]])
    // Fractional seconds order by time, not by text.
    const fractional = ok(Consent.appendEvent(l, ev(hwReferral.recordId, "w", "withdrawn", "2026-06-01T00:00:00Z", "2026-04-10T01:30:00.5Z")))
    expect(failure(Consent.appendEvent(fractional, ev(hwReferral.recordId, "x", "reaffirmed", "2026-05-01T00:00:00Z", "2026-04-10T01:30:00Z"))).code).toBe("recorded-time-regressed")
  })

  const grantFor = (grantId: string): Consent.LawGrant =>
    ({
      grantId,
      basis: { _tag: "support-meeting", statute: Consent.SUPPORT_MEETING_STATUTE, meetingId: "mtg-1" },
      purpose: "support-meeting",
      roster: [{ class: "support-meeting-member", id: "m-1" }],
      subjects: ["p-001"],
      dataCategories: [{ code: "household", sensitive: false }],
      actions: ["share"],
      validFrom: at("2026-05-01T00:00:00Z"),
      validUntil: at("2027-04-01T00:00:00Z"),
      recordedAt: at("2026-05-01T00:00:00Z")
    }) as Consent.LawGrant

  it("a grant id is registered once; a sensitive category it names must be marked so", () => {
    const l = ok(Consent.addGrant(Consent.empty(), grantFor("g-2")))
    expect(ok(Consent.addGrant(l, JSON.parse(JSON.stringify(grantFor("g-2")))))).toBe(l)
    const changed = failure(Consent.addGrant(l, { ...grantFor("g-2"), purpose: "coordination-meeting" } as Consent.LawGrant))
    expect([changed.code, changed.path]).toEqual(["duplicate-id", ["grantId"]])
    const understated = failure(Consent.addGrant(l, { ...grantFor("g-3"), dataCategories: [{ code: "household", sensitive: false }, { code: "welfare-status", sensitive: false }] } as unknown as Consent.LawGrant))
    expect([understated.code, understated.path, understated.message]).toEqual(["sensitivity-understated", ["dataCategories", 1, "sensitive"], "category welfare-status must be marked sensitive"])
    const two = ok(Consent.addGrant(l, grantFor("g-1")))
    expect(two.grants.map((g) => g.grantId)).toEqual(["g-1", "g-2"])
    // Through apply, the refusal is prefixed with the entry's field.
    expect(failure(Consent.apply(l, { _tag: "GrantAdded", grant: { ...grantFor("g-2"), purpose: "coordination-meeting" } as Consent.LawGrant })).path).toEqual(["grant", "grantId"])
    expect(failure(Consent.apply(l, { _tag: "EventAppended", event: ev("c-none", "e", "requested", "2026-06-01T00:00:00Z") })).path).toEqual(["event", "recordId"])
  })

  it("a ledger built from a set of entries registers predecessors first, whatever their ids and order", () => {
    // "a-…" sorts before its predecessor "z-…": the first round must wait for the second.
    const old = { ...hwReferral, recordId: "z-old", exceptions: [] } as Consent.ConsentRecord
    const next = successorOf(old, "a-new")
    const newest = successorOf(next, "0-newest")
    const entries: ReadonlyArray<Consent.LedgerEntry> = [
      { _tag: "RecordAdded", record: newest },
      { _tag: "RecordAdded", record: next },
      { _tag: "RecordAdded", record: old },
      { _tag: "EventAppended", event: ev("a-new", "n2", "given", "2026-05-01T00:00:00Z") },
      { _tag: "EventAppended", event: ev("a-new", "n1", "requested", "2026-05-01T00:00:00Z") }
    ]
    const l = ok(Consent.fromEntries(entries))
    expect(l.records.map((r) => r.recordId)).toEqual(["0-newest", "a-new", "z-old"])
    expect(l.events.map((e) => e.eventId)).toEqual(["n1", "n2"])
    expect(ok(Consent.fromEntries([...entries].reverse()))).toEqual(l)
    expect(ok(Consent.revisionChain(l, "0-newest")).map((r) => r.recordId)).toEqual(["z-old", "a-new", "0-newest"])
    // A predecessor that never comes is refused, naming it; another refusal stops at once.
    const orphan = failure(Consent.fromEntries(entries.filter((e) => e._tag !== "RecordAdded" || e.record.recordId !== "z-old")))
    expect([orphan.code, orphan.path]).toEqual(["unknown-record", ["record", "predecessor", "recordId"]])
    const clash = failure(Consent.fromEntries([...entries, { _tag: "RecordAdded", record: { ...old, subjectRef: "p-009" } as Consent.ConsentRecord }]))
    expect(clash.code).toBe("duplicate-id")
    const badEvent = failure(Consent.fromEntries([...entries, { _tag: "EventAppended", event: ev("a-new", "n3", "given", "2026-05-02T00:00:00Z") }]))
    expect([badEvent.code, badEvent.path]).toEqual(["illegal-transition", ["event", "kind"]])
    expect(ok(Consent.fromEntries([], { welfareStatusSensitive: false, additional: [] })).policy.welfareStatusSensitive).toBe(false)
  })

  it("a revision chain with a broken or circular link fails naming it; an unknown record is refused", () => {
    const next = successorOf(hwReferral, "c-next")
    const l = ok(Consent.addRecord(ok(Consent.addRecord(Consent.empty(), hwReferral)), next))
    expect(ok(Consent.revisionChain(l, hwReferral.recordId)).map((r) => r.recordId)).toEqual([hwReferral.recordId])
    expect(failure(Consent.revisionChain(l, "c-none"))).toMatchObject({ code: "unknown-record", path: ["recordId"] })
    // Ledgers built by hand (not through addRecord) may hold what addRecord refuses.
    const tampered: Consent.Ledger = { ...l, records: [{ ...hwReferral, subjectRef: "p-009" } as Consent.ConsentRecord, next] }
    expect(failure(Consent.revisionChain(tampered, "c-next"))).toMatchObject({ code: "predecessor-mismatch", path: ["predecessor", "recordHash"], message: "the link from c-next to c-2026-0001 is broken", messageJa: "前の記録へのハッシュ連鎖が壊れています" })
    const dangling: Consent.Ledger = { ...l, records: [next] }
    expect(failure(Consent.revisionChain(dangling, "c-next")).path).toEqual(["predecessor", "recordHash"])
    const a = { ...hwReferral, recordId: "loop-a", predecessor: { recordId: "loop-b", recordHash: "sha256:0" } } as Consent.ConsentRecord
    const b = { ...hwReferral, recordId: "loop-b", predecessor: { recordId: "loop-a", recordHash: Consent.recordHash(a) } } as Consent.ConsentRecord
    const a2 = { ...a, predecessor: { recordId: "loop-b", recordHash: Consent.recordHash(b) } } as Consent.ConsentRecord
    // a2 → b → a (not a2): broken. A true cycle needs a record pointing at itself.
    const self = { ...hwReferral, recordId: "self" } as Consent.ConsentRecord
    const selfLoop = { ...self, predecessor: { recordId: "self", recordHash: "" } } as Consent.ConsentRecord
    const loopLedger: Consent.Ledger = { ...l, records: [selfLoop] }
    ;(selfLoop as { predecessor: { recordId: string; recordHash: string } }).predecessor.recordHash = Consent.recordHash(selfLoop)
    expect(failure(Consent.revisionChain(loopLedger, "self"))).toMatchObject({ code: "predecessor-mismatch", path: ["predecessor", "recordId"], message: "predecessor links form a cycle", messageJa: "前の記録の参照が循環しています" })
    expect(failure(Consent.revisionChain({ ...l, records: [a2, b] }, "loop-a")).path).toEqual(["predecessor", "recordHash"])
  })

  it("each refusal of a record, a link, a grant or a chain says what is wrong, in English and in Japanese", () => {
    const text = (r: Consent.ConsentRefusal) => [r.code, r.path, r.message, r.messageJa]
    const l = ok(Consent.addRecord(ok(Consent.addRecord(Consent.empty(), hwReferral)), person2))
    expect(text(failure(Consent.addRecord(l, { ...hwReferral, subjectRef: "p-009" } as Consent.ConsentRecord)))).toEqual(["duplicate-id", ["recordId"], "record c-2026-0001 already exists with different content; records are immutable", "同じIDの別内容の記録が既にあります（記録は変更できません）"])
    expect(text(failure(Consent.addRecord(Consent.empty(), successorOf(hwReferral, "c-next"))))).toEqual(["unknown-record", ["predecessor", "recordId"], "predecessor c-2026-0001 is not in the ledger", "前の同意記録が台帳にありません"])
    expect(text(failure(Consent.addRecord(l, successorOf(person2, "c-next", { subjectRef: "p-001" }))))).toEqual(["predecessor-mismatch", ["predecessor", "recordId"], "a predecessor must concern the same person", "前の同意記録の本人が異なります"])
    const forged = successorOf(hwReferral, "c-next", { predecessor: { recordId: hwReferral.recordId, recordHash: Consent.recordHash(person2) } })
    expect(text(failure(Consent.addRecord(l, forged)))).toEqual(["predecessor-mismatch", ["predecessor", "recordHash"], `predecessor hash is ${Consent.recordHash(hwReferral)}`, "前の同意記録のハッシュが一致しません"])
    const withNext = ok(Consent.addRecord(ok(Consent.addRecord(givenLedger(), person2)), successorOf(hwReferral, "c-next")))
    const toOtherPerson = ev(hwReferral.recordId, "rv", "revoked", "2026-06-01T00:00:00Z", "2026-06-01T00:00:00Z", { supersededBy: "c-p2" })
    expect(text(failure(Consent.appendEvent(withNext, toOtherPerson)))).toEqual(["unknown-successor", ["supersededBy"], "supersededBy must name another registered record of the same person", "後継の同意記録が台帳にありません"])
    const g = ok(Consent.addGrant(Consent.empty(), grantFor("g-2")))
    expect(text(failure(Consent.addGrant(g, { ...grantFor("g-2"), purpose: "coordination-meeting" } as Consent.LawGrant)))).toEqual(["duplicate-id", ["grantId"], "grant g-2 already exists with different content", "同じIDの別内容の根拠が既にあります"])
    expect(text(failure(Consent.addGrant(g, { ...grantFor("g-3"), dataCategories: [{ code: "welfare-status", sensitive: false }] } as unknown as Consent.LawGrant)))).toEqual(["sensitivity-understated", ["dataCategories", 0, "sensitive"], "category welfare-status must be marked sensitive", "welfare-status は要配慮個人情報です"])
    expect(text(failure(Consent.addGrant(g, { ...grantFor("g-3"), recordedAt: at("2026-04-30T00:00:00Z") })))).toEqual(["recorded-time-regressed", ["recordedAt"], "recordedAt 2026-04-30T00:00:00Z is before the ledger's latest 2026-05-01T00:00:00Z", "記録時刻が台帳の最新時刻より前です"])
    expect(text(failure(Consent.revisionChain(l, "c-none")))).toEqual(["unknown-record", ["recordId"], "no record c-none", "同意記録がありません"])
  })

  it("records and grants are kept in id order, whichever is added first", () => {
    for (const order of [[hwReferral, person2], [person2, hwReferral]]) {
      expect(order.reduce<Consent.Ledger>((l, r) => ok(Consent.addRecord(l, r)), Consent.empty()).records.map((r) => r.recordId)).toEqual(["c-2026-0001", "c-p2"])
    }
    for (const order of [["g-1", "g-2"], ["g-2", "g-1"]]) {
      expect(order.reduce<Consent.Ledger>((l, id) => ok(Consent.addGrant(l, grantFor(id))), Consent.empty()).grants.map((g) => g.grantId)).toEqual(["g-1", "g-2"])
    }
  })

  it("the ledger's latest recordedAt is the latest of all its events, whichever takes effect last", () => {
    // The withdrawal takes effect last but was recorded before the reaffirmation.
    let l = ok(Consent.appendEvent(givenLedger(), ev(hwReferral.recordId, "w", "withdrawn", "2026-07-01T00:00:00Z", "2026-06-01T00:00:00Z")))
    l = ok(Consent.appendEvent(l, ev(hwReferral.recordId, "r", "reaffirmed", "2026-05-01T00:00:00Z", "2026-06-10T00:00:00Z")))
    const late = failure(Consent.appendEvent(l, ev(hwReferral.recordId, "x", "reaffirmed", "2026-05-02T00:00:00Z", "2026-06-05T00:00:00Z")))
    expect([late.code, late.path, late.message]).toEqual(["recorded-time-regressed", ["recordedAt"], "recordedAt 2026-06-05T00:00:00Z is before the ledger's latest 2026-06-10T00:00:00Z: the ledger is append-only"])
    expect(Consent.decide(l, request()).knownAt).toBe("2026-06-10T00:00:00Z")
  })

  it("a window whose end is not after its start is refused at decoding, naming its end: a provision's period, a grant's validity", () => {
    const withPeriod = (from: string, until: string): unknown => JSON.parse(JSON.stringify({ ...hwReferral, exceptions: [Consent.provision({ period: { from: at(from), until: at(until) } })] }))
    const grantEntry = (validFrom: string, validUntil: string): unknown => ({ _tag: "GrantAdded", grant: JSON.parse(JSON.stringify({ ...grantFor("g-1"), validFrom, validUntil })) })
    for (const [from, until] of [["2026-05-01T00:00:00Z", "2026-05-01T00:00:00Z"], ["2026-05-02T00:00:00Z", "2026-05-01T00:00:00Z"], ["2026-05-01T00:00:00.500Z", "2026-05-01T00:00:00.5Z"]] as const) {
      const r = failure(Consent.decodeRecord(withPeriod(from, until)))
      expect([r.code, r.path, r.issues]).toEqual(["invalid-input", ["exceptions", 0, "period", "until"], [{ path: "exceptions[0].period.until", message: "until must be after from" }]])
      const g = failure(Consent.applyUnknown(Consent.empty(), grantEntry(from, until)))
      expect([g.code, g.path, g.issues]).toEqual(["invalid-input", ["grant", "validUntil"], [{ path: "grant.validUntil", message: "validUntil must be after validFrom" }]])
    }
    expect(ok(Consent.decodeRecord(withPeriod("2026-05-01T00:00:00Z", "2026-05-01T00:00:00.001Z"))).exceptions[0]!.period).toEqual({ from: "2026-05-01T00:00:00Z", until: "2026-05-01T00:00:00.001Z" })
    expect(ok(Consent.applyUnknown(Consent.empty(), grantEntry("2026-05-01T00:00:00Z", "2026-05-01T00:00:00.001Z"))).grants.map((g) => [g.grantId, g.validUntil])).toEqual([["g-1", "2026-05-01T00:00:00.001Z"]])
  })

  it("a stored ledger keeps its law grants", () => {
    const l = ok(Consent.addGrant(givenLedger(), grantFor("g-1")))
    expect(ok(Consent.decodeLedger(JSON.parse(JSON.stringify(l))))).toEqual(l)
  })

  it("a ledger built from entries reports a record's own problem, even while another record waits for a predecessor that never comes", () => {
    const broken = { ...hwReferral, recordId: "b-broken", validUntil: hwReferral.validFrom, exceptions: [] } as Consent.ConsentRecord
    const orphan = successorOf({ ...hwReferral, recordId: "a-missing" } as Consent.ConsentRecord, "c-orphan")
    for (const records of [[broken, orphan], [orphan, broken]]) {
      const r = failure(Consent.fromEntries(records.map((record) => ({ _tag: "RecordAdded" as const, record }))))
      expect([r.code, r.path]).toEqual(["empty-window", ["record", "validUntil"]])
    }
  })
})

// --- decisions: what they say, and which code wins -------------------------------------------------

describe("Consent: what a decision says", () => {
  it("NoBasis names every category without a basis, the purpose and the recipient class", () => {
    const l = givenLedger()
    const d = Consent.decide(l, request({ dataCategories: ["identity", "household", "income"] }))
    expect(d).toMatchObject({
      _tag: "NoBasis",
      categories: ["household", "income"],
      reason: "no consent in force and no law-based grant covers household, income for purpose employment-support-referral to hello-work",
      reasonJa: "提供の根拠（同意または法令）がありません（項目: household、income）"
    })
    expect(Consent.isPermit(d)).toBe(false)
    expect(Consent.isPermit(Consent.decide(l, request()))).toBe(true)
  })

  it("a Deny names its code, category and records, in both languages; deny beats a missing basis", () => {
    const l = ok(Consent.appendEvent(givenLedger(), ev(hwReferral.recordId, "e3", "revoked", "2026-06-01T00:00:00Z")))
    const d = Consent.decide(l, request({ dataCategories: ["household", "identity"], at: at("2026-06-02T00:00:00Z") }))
    expect(d).toMatchObject({
      _tag: "Deny",
      code: "revoked",
      category: "identity",
      recordIds: [hwReferral.recordId],
      reason: `the consent was revoked (category identity; records ${hwReferral.recordId})`,
      reasonJa: "同意が取り消されています（項目: identity）"
    })
    const invalid = ok(Consent.appendEvent(givenLedger(), ev(hwReferral.recordId, "e3", "invalidated", "2026-06-01T00:00:00Z")))
    expect(Consent.decide(invalid, request())).toMatchObject({ _tag: "Deny", code: "invalidated", reasonJa: "同意記録が無効とされています（項目: identity）" })
    const denied = Consent.decide(givenLedger(), request({ dataCategories: ["health"], recipient: { class: "hello-work", id: "hw-2" } }))
    expect(denied).toMatchObject({ code: "record-denies", reason: `the person's consent record denies this disclosure (category health; records ${hwReferral.recordId})` })
  })

  it("at one instant, the strongest denial speaks: invalidated, then withdrawn, then revoked, then the record's own", () => {
    // Two records of the same person give their choice at the same instant; one withdraws, one revokes.
    const second = { ...hwReferral, recordId: "c-2026-0009", exceptions: [] } as Consent.ConsentRecord
    let l = ok(Consent.addRecord(givenLedger(), second))
    l = ok(Consent.appendEvent(l, ev("c-2026-0009", "s1", "requested", "2026-04-10T01:00:00Z", "2026-04-10T02:00:00Z")))
    l = ok(Consent.appendEvent(l, ev("c-2026-0009", "s2", "given", "2026-04-10T01:30:00Z", "2026-04-10T02:00:00Z")))
    const w = ok(Consent.appendEvent(l, ev(hwReferral.recordId, "w", "withdrawn", "2026-06-01T00:00:00Z")))
    const both = ok(Consent.appendEvent(w, ev("c-2026-0009", "r", "revoked", "2026-06-01T00:00:00Z")))
    const q = request({ at: at("2026-06-02T00:00:00Z") })
    expect(Consent.decide(both, q)).toMatchObject({ _tag: "Deny", code: "withdrawn", recordIds: [hwReferral.recordId, "c-2026-0009"], reason: `the person withdrew consent (category identity; records ${hwReferral.recordId}, c-2026-0009)` })
    expect(Consent.decide(ok(Consent.appendEvent(both, ev("c-2026-0009", "i", "invalidated", "2026-06-03T00:00:00Z"))), q)).toMatchObject({ code: "invalidated" })
    // Before the denials, both records permit, and both are named.
    expect(Consent.decide(both, request())).toMatchObject({ _tag: "Permit", recordIds: [hwReferral.recordId, "c-2026-0009"], basis: { recordIds: [hwReferral.recordId, "c-2026-0009"] } })
  })

  it("a decision records what the ledger knew and when; replay detects a changed decision", () => {
    const l = givenLedger()
    const d = Consent.decide(l, request())
    expect(d.knownAt).toBe("2026-04-10T01:30:00Z")
    expect(d.ledgerVersion).toBe(Consent.ledgerVersion(l))
    expect(d.decisionId).toBe(Consent.decisionIdOf(d.ledgerVersion, d.request))
    expect(ok(Consent.replay(l, d))).toEqual(d)
    const forged = { ...d, decisionId: "sha256:forged" } as Consent.Decision
    const r = failure(Consent.replay(l, forged))
    expect([r.code, r.path, r.message, r.messageJa]).toEqual(["replay-mismatch", ["decisionId"], `the ledger as known at 2026-04-10T01:30:00Z gives decision ${d.decisionId}, not sha256:forged`, "台帳から判断を再現できません"])
    // A decision on an empty ledger knows nothing, and replays against the empty view.
    const none = Consent.decide(Consent.empty(), request())
    expect("knownAt" in none).toBe(false)
    expect(ok(Consent.replay(l, none))).toEqual(none)
    expect(failure(Consent.replay(l, { ...none, decisionId: "x" } as Consent.Decision)).message).toContain("as known at (empty)")
  })

  it("the version ignores records nobody acted on and what was recorded later", () => {
    const l = givenLedger()
    const unacted = ok(Consent.addRecord(l, { ...hwReferral, recordId: "c-idle", exceptions: [] } as Consent.ConsentRecord))
    expect(Consent.ledgerVersion(unacted)).toBe(Consent.ledgerVersion(l))
    const later = ok(Consent.appendEvent(l, ev(hwReferral.recordId, "w", "withdrawn", "2026-06-01T00:00:00Z", "2026-06-05T00:00:00Z")))
    expect(Consent.ledgerVersion(later)).not.toBe(Consent.ledgerVersion(l))
    expect(Consent.ledgerVersion(later, { asKnownAt: at("2026-06-04T00:00:00Z") })).toBe(Consent.ledgerVersion(l))
    expect(Consent.ledgerVersion(later, { asKnownAt: at("2026-06-05T00:00:00Z") })).toBe(Consent.ledgerVersion(later))
    expect(Consent.ledgerVersion(Consent.empty({ welfareStatusSensitive: false, additional: [] }))).not.toBe(Consent.ledgerVersion(Consent.empty()))
    expect(Consent.historyOf(later, hwReferral.recordId, { asKnownAt: at("2026-06-04T00:00:00Z") }).map((e) => e.eventId)).toEqual(["e1", "e2"])
    expect(Consent.historyOf(later, hwReferral.recordId).map((e) => e.eventId)).toEqual(["e1", "e2", "w"])
    expect(Consent.historyOf(later, "c-none")).toEqual([])
  })

  it("entered-in-error silences a record at every instant; invalidation only once it was given", () => {
    const l = givenLedger()
    const eie = ok(Consent.appendEvent(l, ev(hwReferral.recordId, "x", "entered-in-error", "2026-06-01T00:00:00Z")))
    expect(Consent.stateAt(eie, hwReferral.recordId, at("2026-04-10T01:00:00Z"))).toBe("EnteredInError")
    expect(Consent.decide(eie, request())._tag).toBe("NoBasis")
    const inv = ok(Consent.appendEvent(l, ev(hwReferral.recordId, "x", "invalidated", "2026-06-01T00:00:00Z")))
    expect(Consent.stateAt(inv, hwReferral.recordId, at("2026-04-10T01:00:00Z"))).toBe("Requested")
    expect(Consent.stateAt(inv, hwReferral.recordId, at("2026-04-10T01:30:00Z"))).toBe("Invalidated")
    expect(Consent.stateAt(inv, hwReferral.recordId, at("2026-04-01T00:00:00Z"))).toBe("None")
    expect(Consent.stateAt(inv, "c-none", at("2026-04-10T01:30:00Z"))).toBe("None")
    expect(Consent.decide(inv, request())).toMatchObject({ _tag: "Deny", code: "invalidated" })
  })

  it("a decision's id differs with the request and with the ledger version", () => {
    const l = givenLedger()
    const ids = [Consent.decide(l, request()), Consent.decide(l, request({ dataCategories: ["identity"] })), Consent.decide(Consent.empty(), request())].map((d) => d.decisionId)
    expect(new Set(ids).size).toBe(3)
    expect(Consent.decisionIdOf(Consent.ledgerVersion(l), request())).toBe(ids[0])
    expect(Consent.decisionIdOf(Consent.ledgerVersion(Consent.empty()), request())).toBe(ids[2])
  })

  it("one person's consent never decides for another", () => {
    const other = { ...hwReferral, recordId: "c-p2", subjectRef: "p-002", exceptions: [] } as Consent.ConsentRecord
    let l = ok(Consent.addRecord(Consent.empty(), other))
    l = ok(Consent.appendEvent(l, ev("c-p2", "1", "requested", "2026-04-10T00:00:00Z")))
    l = ok(Consent.appendEvent(l, ev("c-p2", "2", "given", "2026-04-10T00:00:00Z")))
    expect(Consent.decide(l, request({ subjectRef: "p-002" }))).toMatchObject({ _tag: "Permit", recordIds: ["c-p2"] })
    expect(Consent.decide(l, request())).toMatchObject({ _tag: "NoBasis", categories: ["identity", "employment-history"] })
    const withdrawn = ok(Consent.appendEvent(ok(Consent.appendEvent(l, ev("c-p2", "3", "withdrawn", "2026-04-20T00:00:00Z"))), ev("c-p2", "4", "invalidated", "2026-04-21T00:00:00Z")))
    expect(Consent.decide(withdrawn, request())._tag).toBe("NoBasis")
  })

  it("a Permit over several categories names every record it relies on, once each and in id order", () => {
    const covering = (recordId: string, codes: ReadonlyArray<string>) => ({ ...hwReferral, recordId, dataCategories: codes.map((code) => ({ code, sensitive: false })), exceptions: [] }) as unknown as Consent.ConsentRecord
    let l = Consent.empty()
    for (const r of [covering("c-z", ["identity"]), covering("c-a", ["household"]), covering("c-m", ["identity", "household"])]) {
      l = ok(Consent.addRecord(l, r))
      l = ok(Consent.appendEvent(l, ev(r.recordId, `${r.recordId}-1`, "requested", "2026-04-10T00:00:00Z")))
      l = ok(Consent.appendEvent(l, ev(r.recordId, `${r.recordId}-2`, "given", "2026-04-10T00:00:00Z")))
    }
    const d = Consent.decide(l, request({ dataCategories: ["identity", "household"] }))
    expect(d).toMatchObject({ _tag: "Permit", recordIds: ["c-a", "c-m", "c-z"], basis: { _tag: "consent", recordIds: ["c-a", "c-m", "c-z"] } })
  })

  it("a law grant covers a request only for a roster member by class and id, for an action it lists, and for every category asked", () => {
    const l = ok(Consent.addGrant(Consent.empty(), meetingGrant("support", { actions: ["share", "use"] })))
    const q = request({ purpose: "support-meeting", recipient: { class: "support-meeting-member", id: "m-1" }, dataCategories: ["household"], at: at("2026-05-20T00:00:00Z") })
    expect(Consent.decide(l, q)).toMatchObject({ _tag: "Permit", recordIds: [], basis: { _tag: "law", grantId: "g" } })
    expect(Consent.decide(l, { ...q, action: "use" })._tag).toBe("Permit")
    expect(Consent.decide(l, { ...q, action: "disclose" })._tag).toBe("NoBasis")
    expect(Consent.decide(l, { ...q, recipient: { class: "hello-work", id: "m-1" } })._tag).toBe("NoBasis")
    expect(Consent.decide(l, { ...q, dataCategories: ["household", "identity"] })).toMatchObject({ _tag: "NoBasis", categories: ["household", "identity"] })
  })

  it("a law grant counts from when it was recorded: a decision knows it from then, and not before", () => {
    const l = ok(Consent.addGrant(givenLedger(), meetingGrant("support", { recordedAt: at("2026-05-01T00:00:00Z") })))
    const q = request({ purpose: "support-meeting", recipient: { class: "support-meeting-member", id: "m-1" }, dataCategories: ["household"], at: at("2026-05-20T00:00:00Z") })
    expect(Consent.decide(l, q)).toMatchObject({ _tag: "Permit", knownAt: "2026-05-01T00:00:00Z", basis: { _tag: "law", grantId: "g" } })
    expect(Consent.decide(l, q, { asKnownAt: at("2026-04-30T00:00:00Z") })).toMatchObject({ _tag: "NoBasis", knownAt: "2026-04-10T01:30:00Z" })
    const first = meetingGrant("support", { grantId: "g-1", recordedAt: at("2026-04-01T00:00:00Z") })
    const grantsOnly = ok(Consent.addGrant(ok(Consent.addGrant(Consent.empty(), first)), meetingGrant("support", { grantId: "g-2", recordedAt: at("2026-04-02T00:00:00Z") })))
    expect(Consent.decide(grantsOnly, q).knownAt).toBe("2026-04-02T00:00:00Z")
  })

  it("whether a category is sensitive is read from every record and known grant: named sensitive it is, named plain it is not", () => {
    const everything = { ...hwReferral, recordId: "c-all", dataCategories: [{ code: "*", sensitive: false }], exceptions: [] } as unknown as Consent.ConsentRecord
    const consentTo = (ledger: Consent.Ledger): Consent.Ledger => {
      const l = ok(Consent.addRecord(ledger, everything))
      return ok(Consent.appendEvent(ok(Consent.appendEvent(l, ev("c-all", "a1", "requested", "2026-04-10T00:00:00Z"))), ev("c-all", "a2", "given", "2026-04-10T00:00:00Z")))
    }
    const q = request({ dataCategories: ["household"] })
    // Another record naming household as plain data leaves it under the wildcard.
    const plainElsewhere = { ...hwReferral, recordId: "c-other", purposes: ["employment-support"], dataCategories: [{ code: "household", sensitive: false }], exceptions: [] } as unknown as Consent.ConsentRecord
    expect(Consent.decide(consentTo(ok(Consent.addRecord(Consent.empty(), plainElsewhere))), q)).toMatchObject({ _tag: "Permit", recordIds: ["c-all"] })
    // So does a grant naming it plain; a grant naming it sensitive takes it out of the wildcard.
    const withGrant = (sensitive: boolean) => consentTo(ok(Consent.addGrant(Consent.empty(), meetingGrant("support", { dataCategories: [{ code: "household", sensitive }] }))))
    expect(Consent.decide(withGrant(false), q)).toMatchObject({ _tag: "Permit", recordIds: ["c-all"] })
    expect(Consent.decide(withGrant(true), q)).toMatchObject({ _tag: "NoBasis", categories: ["household"] })
  })
})

// --- time and the provision tree, as examples ------------------------------------------------------

describe("Consent: instants and exceptions", () => {
  it("instants order by time whatever their fractional digits", () => {
    const byTime = ["2026-05-01T00:00:00Z", "2026-05-01T00:00:00.000000001Z", "2026-05-01T00:00:00.1Z", "2026-05-01T00:00:00.25Z", "2026-05-01T00:00:00.5Z", "2026-05-01T00:00:01Z", "2026-05-01T00:00:10Z"]
    const grant = (validFrom: string, validUntil: string) =>
      Consent.addGrant(Consent.empty(), meetingGrant("support", { validFrom: at(validFrom), validUntil: at(validUntil) }))
    for (let i = 0; i + 1 < byTime.length; i++) {
      expect(Result.isSuccess(grant(byTime[i]!, byTime[i + 1]!))).toBe(true)
      expect(failure(grant(byTime[i + 1]!, byTime[i]!)).code).toBe("empty-window")
    }
    expect(failure(grant("2026-05-01T00:00:00.5Z", "2026-05-01T00:00:00.500Z")).code).toBe("empty-window")
    expect(failure(grant("2026-05-01T00:00:00.500Z", "2026-05-01T00:00:00.5Z")).code).toBe("empty-window")
    // A request at the grant's last fraction of a second is inside; at its end, outside.
    const l = ok(grant("2026-05-01T00:00:00Z", "2026-05-01T00:00:00.5Z"))
    const q = (t: string) => Consent.decide(l, request({ purpose: "support-meeting", recipient: { class: "support-meeting-member", id: "m-1" }, dataCategories: ["household"], at: at(t) }))._tag
    expect([q("2026-05-01T00:00:00Z"), q("2026-05-01T00:00:00.4999Z"), q("2026-05-01T00:00:00.5Z"), q("2026-04-30T23:59:59.9Z")]).toEqual(["Permit", "Permit", "NoBasis", "NoBasis"])
    expect(Consent.jstStartOfDay(Period.unsafeDate("2026-01-01"))).toBe("2025-12-31T15:00:00Z")
  })

  it("an exception matches only when each attribute it names matches: purpose, recipient, action, period, category", () => {
    const base = { ...hwReferral, recordId: "c-x", dataCategories: [{ code: "identity", sensitive: false }, { code: "household", sensitive: false }], actions: ["disclose", "use"], purposes: ["employment-support-referral", "employment-support"] } as unknown as Consent.ConsentRecord
    const withException = (p: Partial<Consent.Provision>) => ({ ...base, exceptions: [Consent.provision(p)] }) as Consent.ConsentRecord
    const r = request({ dataCategories: ["identity"] })
    const verdict = (p: Partial<Consent.Provision>, q: Consent.Request = r, category = "identity") => Consent.evaluateRecord(withException(p), q, category)
    expect(verdict({})).toBe("deny") // an exception naming nothing matches everything non-sensitive
    expect(verdict({ purposes: ["employment-support"] })).toBe("permit")
    expect(verdict({ purposes: ["employment-support-referral"] })).toBe("deny")
    expect(verdict({ recipients: [{ class: "hello-work", id: "hw-2" }] })).toBe("permit")
    expect(verdict({ recipients: [{ class: "hello-work", id: "hw-1" }] })).toBe("deny")
    expect(verdict({ actions: ["use"] })).toBe("permit")
    expect(verdict({ actions: ["disclose"] })).toBe("deny") // disclose covers the requested share
    expect(verdict({ period: { from: at("2026-05-01T02:00:00Z"), until: at("2026-05-02T00:00:00Z") } })).toBe("deny")
    expect(verdict({ period: { from: at("2026-04-01T00:00:00Z"), until: at("2026-05-01T02:00:00Z") } })).toBe("permit")
    expect(verdict({ dataCategories: ["household"] })).toBe("permit")
    expect(verdict({ dataCategories: ["household"] }, r, "household")).toBe("deny")
    expect(verdict({ dataCategories: ["*"] })).toBe("deny")
    // Outside the record's own scope the record says nothing.
    expect(Consent.evaluateRecord(base, r, "income")).toBeUndefined()
    expect(Consent.evaluateRecord(base, request({ purpose: "support-meeting" }), "identity")).toBeUndefined()
    expect(Consent.evaluateRecord(base, request({ action: "collect" }), "identity")).toBeUndefined()
    expect(Consent.evaluateRecord(base, request({ recipient: { class: "employer", id: "x" } }), "identity")).toBeUndefined()
    expect(Consent.provision({ period: { from: at("2026-05-01T00:00:00Z"), until: at("2026-05-02T00:00:00Z") } })).toHaveProperty("period")
    expect(Consent.provision({})).not.toHaveProperty("period")
  })

  it("a wildcard exception may withhold sensitive data but never grant it; a named one may", () => {
    const denyAll = { ...hwReferral, recordId: "c-d", decision: "deny", dataCategories: [{ code: "health", sensitive: true }, { code: "identity", sensitive: false }], exceptions: [] } as unknown as Consent.ConsentRecord
    const withException = (dataCategories: ReadonlyArray<string>) => ({ ...denyAll, exceptions: [Consent.provision({ dataCategories })] }) as Consent.ConsentRecord
    const r = request({ dataCategories: ["health"] })
    expect(Consent.evaluateRecord(withException([]), r, "health")).toBe("deny")
    expect(Consent.evaluateRecord(withException(["*"]), r, "health")).toBe("deny")
    expect(Consent.evaluateRecord(withException(["health"]), r, "health")).toBe("permit")
    expect(Consent.evaluateRecord(withException([]), r, "identity")).toBe("permit")
    // Under a policy, a category the record did not flag is sensitive too.
    const plain = { ...denyAll, dataCategories: [{ code: "household", sensitive: false }], exceptions: [Consent.provision({})] } as unknown as Consent.ConsentRecord
    expect(Consent.evaluateRecord(plain, r, "household")).toBe("permit")
    expect(Consent.evaluateRecord(plain, r, "household", { welfareStatusSensitive: false, additional: ["household"] })).toBe("deny")
    // The permit-wildcard beneath a deny-exception still withholds nothing it cannot grant.
    const nested = { ...hwReferral, recordId: "c-n", exceptions: [Consent.provision({ dataCategories: ["health"], exceptions: [Consent.provision({})] })] } as Consent.ConsentRecord
    expect(Consent.evaluateRecord(nested, r, "health")).toBe("deny")
  })

  it("the notice check names the hashes it compared", () => {
    const notice = Consent.noticeOf("form", "1", "ja", "本文")
    expect(notice).toEqual({ docId: "form", version: "1", language: "ja", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })
    const record = { ...hwReferral, notice } as Consent.ConsentRecord
    expect(ok(Consent.verifyNotice(record, "本文"))).toEqual(notice)
    const r = failure(Consent.verifyNotice(record, "別の本文"))
    expect([r.code, r.message.endsWith(`the record says ${notice.sha256}`), r.messageJa]).toEqual(["notice-mismatch", true, "同意書の文面が記録と一致しません"])
  })
})
