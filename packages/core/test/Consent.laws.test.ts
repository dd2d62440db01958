// The fifteen laws of docs/consent-model.md (P1–P15) and the two regression properties from real engines'
// bugs (LEAP-CDS: deny-overrides at one level only; TORCH: re-consent could not undo a withdrawal).
import fc from "fast-check"
import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { Consent, Disclosure, Period } from "@jiritsu/core"
import {
  arbDeepConsentExceptions,
  arbLawGrant,
  arbConsentLedger,
  arbConsentLedgerAndRequests,
  arbConsentProvision,
  arbConsentRecordFor,
  arbConsentRequest,
  arbConsentRequestFor,
  arbLawRequestFor,
  concreteRecipients,
  consentPurposes,
  consentInstant,
  consentRequestInside,
  gridStepOf,
  recordBoilerplate,
  type GeneratedConsentLedger
} from "./arbitraries/Consent.ts"
import { coverage } from "./coverage.ts"

type Instant = Period.Instant
const LATE = "2031-01-01T00:00:00Z" as Instant // recorded after everything a generator makes
const LATER = "2031-06-01T00:00:00Z" as Instant

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(`expected success, got ${JSON.stringify(r.failure)}`)
  return r.success
}

/** A decision without its ids: what must agree between two ledgers that differ in version. */
const outcome = (d: Consent.Decision) =>
  d._tag === "Permit"
    ? { _tag: d._tag, basis: d.basis, recordIds: d.recordIds }
    : d._tag === "Deny"
      ? { _tag: d._tag, code: d.code, category: d.category, recordIds: d.recordIds }
      : { _tag: d._tag, categories: d.categories }

const permitsVia = (d: Consent.Decision, recordId: string): boolean => d._tag === "Permit" && d.recordIds.includes(recordId)
const isConsentPermit = (d: Consent.Decision): boolean => d._tag === "Permit" && d.basis._tag === "consent"
const before = (a: string, b: string): boolean => stepKey(a) < stepKey(b)
const stepKey = (i: string): number => Date.parse(i)

const event = (
  recordId: string,
  eventId: string,
  kind: Consent.EventKind,
  effectiveAt: Instant,
  recordedAt: Instant,
  extra: Partial<Consent.ConsentEvent> = {}
): Consent.ConsentEvent => ({
  eventId,
  recordId,
  kind,
  effectiveAt,
  recordedAt,
  actor: ["revoked", "invalidated", "entered-in-error"].includes(kind) ? { _tag: "staff", staffId: "staff-9" } : { _tag: "subject" },
  method: "counter",
  ...(["revoked", "invalidated", "entered-in-error"].includes(kind) ? { reason: "test" } : {}),
  ...extra
})

/**
 * A generated ledger plus a fresh record "rx" that is Given at the end (recorded after everything),
 * so that every run has a record in force to withdraw, revoke or invalidate.
 */
const arbWithFreshGiven = (options: Parameters<typeof arbConsentLedger>[0] = {}) =>
  arbConsentLedger(options).chain((g) =>
    fc
      .tuple(fc.constantFrom("p-001", "p-002"), fc.nat(100), fc.nat(100), fc.boolean())
      .chain(([subjectRef, n, which, clone]) =>
        arbConsentRecordFor({ recordId: "rx", subjectRef }).map((fresh) => {
          // Half the time the fresh record copies an existing record's person and scope (a collision).
          const source = g.records[which % Math.max(1, g.records.length)]
          const record: Consent.ConsentRecord =
            clone && source !== undefined
              ? {
                  ...fresh,
                  subjectRef: source.subjectRef,
                  purposes: source.purposes,
                  recipients: source.recipients,
                  dataCategories: source.dataCategories,
                  actions: source.actions
                }
              : fresh
          return { record, n }
        })
      )
      .map(({ record, n }) => {
        const from = gridStepOf(record.validFrom)
        const until = gridStepOf(record.validUntil)
        const givenStep = from - 2 + (n % (until - from + 1)) // sometimes before validFrom
        const givenAt = consentInstant(Math.min(givenStep, until - 1))
        let ledger = ok(Consent.addRecord(g.ledger, record))
        ledger = ok(Consent.appendEvent(ledger, event("rx", "rx-req", "requested", givenAt, LATE)))
        ledger = ok(Consent.appendEvent(ledger, event("rx", "rx-giv", "given", givenAt, LATE)))
        return { g, ledger, record, givenAt }
      })
  )

/** An instant strictly after `after` and strictly before `until` (grid), or undefined. */
const instantBetween = (after: Instant, until: Instant, n: number): Instant | undefined => {
  const a = gridStepOf(after) + 1
  const b = gridStepOf(until)
  return b > a ? consentInstant(a + (n % (b - a))) : undefined
}

describe("properties", () => {
  it("P1 closed world: no ledger, or no Given record, gives no consent-based Permit (≥ 25 % of runs strike out a Given that permitted)", () => {
    const empty = coverage({ twoCategories: 0.2 })
    fc.assert(
      fc.property(arbConsentRequest(), (q) => {
        empty.run()
        empty.hit("twoCategories", q.dataCategories.length > 1)
        expect(Consent.decide(Consent.empty(), q)._tag).toBe("NoBasis")
      })
    )
    empty.check()
    const cov = coverage({ struckPermit: 0.25 })
    fc.assert(
      fc.property(arbConsentLedgerAndRequests(), ({ g, requests }) => {
        cov.run()
        // The same facts with every given / reaffirmed event struck out.
        const ungiven: Consent.Ledger = { ...g.ledger, events: g.ledger.events.filter((e) => e.kind !== "given" && e.kind !== "reaffirmed") }
        for (const q of requests) {
          cov.hit("struckPermit", isConsentPermit(Consent.decide(g.ledger, q)))
          expect(isConsentPermit(Consent.decide(ungiven, q))).toBe(false)
        }
      })
    )
    cov.check()
  })

  it("P2 only Given permits: every record behind a consent Permit is in state Given at t (≥ 30 % of runs reach a consent Permit, ≥ 30 % a record no longer Given)", () => {
    const cov = coverage({ consentPermit: 0.3, notGiven: 0.3 })
    fc.assert(
      fc.property(arbConsentLedgerAndRequests(), ({ g, requests }) => {
        cov.run()
        for (const q of requests) {
          const d = Consent.decide(g.ledger, q)
          cov.hit("notGiven", g.records.some((r) => r.subjectRef === q.subjectRef && ["Withdrawn", "Revoked", "Expired", "Invalidated", "Refused"].includes(Consent.stateAt(g.ledger, r.recordId, q.at))))
          if (!isConsentPermit(d) || d._tag !== "Permit") continue
          cov.hit("consentPermit")
          for (const r of d.recordIds) expect(Consent.stateAt(g.ledger, r, q.at)).toBe("Given")
        }
      })
    )
    cov.check()
  })

  it("P3 validity window: outside [validFrom, validUntil) — and at exactly validUntil — no Permit via the record (≥ 20 % of runs permit via a record just before its validUntil)", () => {
    const cov = coverage({ outside: 0.5, permitsJustBefore: 0.2 })
    fc.assert(
      fc.property(arbConsentLedgerAndRequests(), fc.nat(20), ({ g, requests }, pick) => {
        cov.run()
        for (const r of g.records) {
          const justBefore = consentRequestInside(r, consentInstant(gridStepOf(r.validUntil) - 1), pick)
          cov.hit("permitsJustBefore", permitsVia(Consent.decide(g.ledger, justBefore), r.recordId))
        }
        for (const q of requests) {
          cov.hit("outside", g.records.some((r) => !(!before(q.at, r.validFrom) && before(q.at, r.validUntil))))
          const d = Consent.decide(g.ledger, q)
          for (const r of g.records) {
            const inside = !before(q.at, r.validFrom) && before(q.at, r.validUntil)
            if (!inside) expect(permitsVia(d, r.recordId)).toBe(false)
          }
        }
        for (const r of g.records) {
          const atUntil = consentRequestInside(r, r.validUntil, pick)
          expect(permitsVia(Consent.decide(g.ledger, atUntil), r.recordId)).toBe(false)
        }
      })
    )
    cov.check()
  })

  it("P4 no permit after withdrawal, and withdrawal is not retroactive (≥ 25 % of runs cut a Permit via the record, ≥ 30 % keep one before the withdrawal)", () => {
    const cov = coverage({ cut: 0.25, keptBefore: 0.3 })
    fc.assert(
      fc.property(arbWithFreshGiven(), fc.nat(100), fc.array(fc.nat(12), { minLength: 1, maxLength: 6 }), ({ g, ledger, record, givenAt }, n, picks) => {
        cov.run()
        const w = instantBetween(givenAt, record.validUntil, n)
        if (w === undefined) return
        const withdrawn = ok(Consent.appendEvent(ledger, event("rx", "rx-wd", "withdrawn", w, LATER)))
        const requests = [...picks.map((p) => consentRequestInside(record, consentInstant(gridStepOf(givenAt) + p), p)), ...g.records.map((r, i) => consentRequestInside(r, consentInstant(gridStepOf(w) + i - 2), i))]
        for (const q of requests) {
          const after = Consent.decide(withdrawn, q)
          const was = Consent.decide(ledger, q)
          if (!before(q.at, w)) {
            cov.hit("cut", permitsVia(was, "rx"))
            expect(permitsVia(after, "rx")).toBe(false)
          } else {
            cov.hit("keptBefore", permitsVia(was, "rx"))
            expect(outcome(after)).toEqual(outcome(was))
          }
        }
      })
    )
    cov.check()
  })

  it("P5 terminal absorption: after a terminal event the record is never Given again, and re-giving is refused (≥ 40 % of runs have a terminal event)", () => {
    const terminal: ReadonlyArray<Consent.EventKind> = ["refused", "withdrawn", "revoked", "invalidated", "entered-in-error", "expired"]
    const cov = coverage({ terminal: 0.4 })
    fc.assert(
      fc.property(arbConsentLedger(), fc.array(fc.nat(60), { minLength: 1, maxLength: 5 }), (g, offsets) => {
        cov.run()
        cov.hit("terminal", g.events.some((x) => terminal.includes(x.kind)))
        for (const e of g.events.filter((x) => terminal.includes(x.kind))) {
          for (const o of offsets) {
            const t = consentInstant(gridStepOf(e.effectiveAt) + o)
            expect(Consent.stateAt(g.ledger, e.recordId, t)).not.toBe("Given")
          }
          // Strictly after the terminal event (at the same instant, lifecycle phase orders it first).
          for (const kind of ["given", "reaffirmed"] as const) {
            const again = Consent.appendEvent(g.ledger, event(e.recordId, `${e.eventId}-again-${kind}`, kind, consentInstant(gridStepOf(e.effectiveAt) + 1 + (offsets[0] ?? 0)), LATE))
            expect(Result.isFailure(again)).toBe(true)
            if (Result.isFailure(again)) expect(["terminal-state", "illegal-transition"]).toContain(again.failure.code)
          }
        }
        // Derived expiry is terminal too: from validUntil on, never Given, and no reaffirmation.
        for (const r of g.records) {
          for (const o of offsets) expect(Consent.stateAt(g.ledger, r.recordId, consentInstant(gridStepOf(r.validUntil) + o))).not.toBe("Given")
          const late = Consent.appendEvent(g.ledger, event(r.recordId, `${r.recordId}-late`, "reaffirmed", consentInstant(gridStepOf(r.validUntil) + (offsets[0] ?? 0)), LATE))
          expect(Result.isFailure(late)).toBe(true)
        }
      })
    )
    cov.check()
  })

  it("P6 invalidation is retroactive for now-queries; replay as known before it is unchanged (≥ 30 % of runs invalidate a Permit via the record)", () => {
    const cov = coverage({ invalidatedPermit: 0.3 })
    fc.assert(
      fc.property(
        arbWithFreshGiven().chain((x) => fc.array(arbConsentRequestFor({ ...x.g, records: [...x.g.records, x.record] }), { minLength: 1, maxLength: 6 }).map((qs) => ({ ...x, qs }))),
        fc.nat(12),
        ({ ledger, record, givenAt, qs }, pick) => {
          cov.run()
          const invalidated = ok(Consent.appendEvent(ledger, event("rx", "rx-inv", "invalidated", consentInstant(gridStepOf(givenAt) + 1), LATER)))
          const requests = [...qs, consentRequestInside(record, givenAt, pick), consentRequestInside(record, record.validFrom, pick)]
          for (const q of requests) {
            cov.hit("invalidatedPermit", permitsVia(Consent.decide(ledger, q), "rx"))
            expect(permitsVia(Consent.decide(invalidated, q), "rx")).toBe(false)
            // Bitemporal replay: as known at LATE (before the invalidation was recorded), nothing changed.
            expect(Consent.decide(invalidated, q, { asKnownAt: LATE })).toEqual(Consent.decide(ledger, q))
          }
        }
      )
    )
    cov.check()
  })

  describe("P7 deny-monotonicity", () => {
    const denyEvents = (ledger: Consent.Ledger, record: Consent.ConsentRecord, givenAt: Instant, n: number): ReadonlyArray<Consent.Ledger> => {
      const t = instantBetween(givenAt, record.validUntil, n) ?? givenAt
      const add = (e: Consent.ConsentEvent) => Consent.appendEvent(ledger, e)
      return [
        add(event("rx", "rx-d1", "withdrawn", t, LATER)),
        add(event("rx", "rx-d2", "revoked", t, LATER, { reason: "programme-ended" })),
        add(event("rx", "rx-d3", "invalidated", t, LATER))
      ]
        .filter(Result.isSuccess)
        .map((r) => r.success)
    }

    /**
     * Permits(L ∪ {deny}) ⊆ Permits(L), a Permit being the request with its basis and the record
     * ids it relies on: every Permit after the deny was a Permit before, on the same basis (law:
     * the same grant; consent: the same records). Returns whether the deny took a Permit away and
     * whether a Permit survived, for the coverage counters.
     */
    const permitsShrink = (before: Consent.Ledger, after: Consent.Ledger, requests: ReadonlyArray<Consent.Request>) => {
      let removed = false
      let kept = false
      for (const q of requests) {
        const was = Consent.decide(before, q)
        const now = Consent.decide(after, q)
        if (was._tag === "Permit" && now._tag !== "Permit") removed = true
        if (now._tag !== "Permit") continue
        kept = true
        expect(was._tag).toBe("Permit")
        if (was._tag !== "Permit") continue
        expect(now.basis).toEqual(was.basis)
        expect(now.recordIds).toEqual(was.recordIds)
      }
      return { removed, kept }
    }

    it("P7 adding a deny event (withdrawn, revoked, invalidated) never adds a Permit: Permits only shrink, basis and record ids included (≥ 30 % of runs lose a Permit, ≥ 30 % keep one)", () => {
      const cov = coverage({ removed: 0.3, kept: 0.3 })
      fc.assert(
        fc.property(
          arbWithFreshGiven().chain((x) => fc.array(arbConsentRequestFor({ ...x.g, records: [...x.g.records, x.record] }), { minLength: 1, maxLength: 6 }).map((qs) => ({ ...x, qs }))),
          fc.nat(100),
          ({ ledger, record, givenAt, qs }, n) => {
            cov.run()
            const variants = denyEvents(ledger, record, givenAt, n)
            expect(variants.length).toBe(3)
            const aimed = [...qs, consentRequestInside(record, consentInstant(gridStepOf(record.validUntil) - 1), n)]
            for (const denied of variants) {
              const { removed, kept } = permitsShrink(ledger, denied, aimed)
              cov.hit("removed", removed)
              cov.hit("kept", kept)
            }
          }
        )
      )
      cov.check()
    })

    it("P7 adding a deny exception anywhere in a tree never adds a Permit: Permits only shrink, basis and record ids included (≥ 8 % of runs lose a Permit, ≥ 20 % keep one)", () => {
      const cov = coverage({ removed: 0.08, kept: 0.2 })
      fc.assert(
        fc.property(arbConsentLedgerAndRequests({ deep: true }, 10), fc.nat(1000), arbConsentProvision(2), fc.constantFrom("random", "aimed", "aimed-at-match", "aimed-at-match"), ({ g, requests }, pick, random, how) => {
          cov.run()
          if (g.records.length === 0) return
          // Aimed: a deny under a record that permits one of the requests, naming that request (each
          // attribute its value, or any), so the deny can bite; random: any record, any provision.
          const permitted = requests.flatMap((r) => {
            const d = Consent.decide(g.ledger, r)
            return d._tag === "Permit" ? d.recordIds.map((id) => [r, id] as const) : []
          })
          const chosen = how !== "random" && permitted.length > 0 ? permitted[pick % permitted.length]! : undefined
          const target = chosen === undefined ? g.records[pick % g.records.length]! : g.records.find((r) => r.recordId === chosen[1])!
          const q = chosen?.[0] ?? requests[pick % requests.length]!
          const aimedAt: Consent.Provision = Consent.provision({
            purposes: pick % 3 === 0 ? [] : [q.purpose],
            recipients: pick % 5 === 0 ? [] : [q.recipient],
            dataCategories: pick % 2 === 0 ? [] : [...q.dataCategories],
            actions: pick % 7 === 0 ? [] : [q.action]
          })
          const extra = how === "random" ? random : aimedAt
          const exceptions =
            how === "aimed-at-match" && chosen !== undefined
              ? insertUnderMatchingPermit(target, q, extra) ?? insertDenyException(target.decision, target.exceptions, extra, pick)
              : insertDenyException(target.decision, target.exceptions, extra, pick)
          const withDeny = { ...target, exceptions }
          const ledger: Consent.Ledger = { ...g.ledger, records: g.ledger.records.map((r) => (r.recordId === target.recordId ? withDeny : r)) }
          const { removed, kept } = permitsShrink(g.ledger, ledger, requests)
          cov.hit("removed", removed)
          cov.hit("kept", kept)
        })
      )
      cov.check()
    })
  })

  describe("P8 specificity, then deny", () => {
    it("P8 a matching child exception overrides its parent (≥ 20 % of runs each: a permit parent, a deny parent, a child with exceptions of its own)", () => {
      const cov = coverage({ permitParent: 0.2, denyParent: 0.2, grandchildren: 0.2 })
      fc.assert(
        fc.property(arbConsentRecordFor({ recordId: "r1", subjectRef: "p-001" }), fc.nat(12), fc.array(arbConsentProvision(2), { maxLength: 2 }), (base, pick, grandchildren) => {
          cov.run()
          cov.hit(base.decision === "permit" ? "permitParent" : "denyParent")
          cov.hit("grandchildren", grandchildren.length > 0)
          const at = base.validFrom
          const q = consentRequestInside(base, at, pick)
          const otherPurpose = consentPurposes.find((p) => p !== q.purpose)!
          // The child names exactly the request; its own exceptions never match (another purpose).
          const child = Consent.provision({
            purposes: [q.purpose],
            recipients: [q.recipient],
            dataCategories: [...q.dataCategories],
            actions: [q.action],
            exceptions: grandchildren.map((p) => ({ ...p, purposes: [otherPurpose] }))
          })
          const record = { ...base, exceptions: [child] }
          const ledger = ok(
            Consent.fromEntries([
              { _tag: "RecordAdded", record },
              { _tag: "EventAppended", event: event("r1", "e1", "requested", at, at) },
              { _tag: "EventAppended", event: event("r1", "e2", "given", at, at) }
            ])
          )
          const d = Consent.decide(ledger, q)
          expect(d._tag).toBe(record.decision === "permit" ? "Deny" : "Permit")
        })
      )
      cov.check()
    })

    it("P8 at equal effectiveAt, deny beats permit across records (≥ 30 % of runs with the deny in either record)", () => {
      const cov = coverage({ denyFirst: 0.3, denySecond: 0.3 })
      fc.assert(
        fc.property(
          arbConsentRecordFor({ recordId: "ra", subjectRef: "p-001" }),
          arbConsentRecordFor({ recordId: "rb", subjectRef: "p-001" }),
          fc.nat(12),
          fc.boolean(),
          (a, b, pick, denyFirst) => {
            cov.run()
            cov.hit(denyFirst ? "denyFirst" : "denySecond")
            const q = consentRequestInside(a, a.validFrom, pick)
            const cover = (r: Consent.ConsentRecord, decision: Consent.Verdict): Consent.ConsentRecord => ({
              ...r,
              purposes: [q.purpose],
              recipients: [q.recipient],
              actions: [q.action],
              dataCategories: q.dataCategories.map((c) => ({ code: c, sensitive: Consent.isSensitive(Consent.defaultPolicy, c) || a.dataCategories.some((x) => x.code === c && x.sensitive) })) as never,
              decision,
              exceptions: [],
              validFrom: a.validFrom,
              validUntil: a.validUntil
            })
            const ra = cover(a, denyFirst ? "deny" : "permit")
            const rb = cover(b, denyFirst ? "permit" : "deny")
            const at = a.validFrom
            const ledger = ok(
              Consent.fromEntries([
                { _tag: "RecordAdded", record: ra },
                { _tag: "RecordAdded", record: rb },
                ...(["ra", "rb"] as const).flatMap((id) => [
                  { _tag: "EventAppended" as const, event: event(id, `${id}-1`, "requested", at, at) },
                  { _tag: "EventAppended" as const, event: event(id, `${id}-2`, "given", at, at) }
                ])
              ])
            )
            const d = Consent.decide(ledger, q)
            expect(d._tag).toBe("Deny")
            if (d._tag === "Deny") expect(d.recordIds).toEqual([denyFirst ? "ra" : "rb"])
          }
        )
      )
      cov.check()
    })
  })

  describe("P9 scope soundness and narrowing", () => {
    it("P9 a Permit's records cover purpose, recipient and action (Share ⊑ Disclose), and each category is covered by one of them (≥ 28 % of runs reach a consent Permit, ≥ 2 % share under a disclose consent)", () => {
      const cov = coverage({ consentPermit: 0.28, shareUnderDisclose: 0.02 })
      fc.assert(
        fc.property(arbConsentLedgerAndRequests(), ({ g, requests }) => {
          cov.run()
          for (const q of requests) {
            const d = Consent.decide(g.ledger, q)
            if (d._tag !== "Permit" || d.basis._tag !== "consent") continue
            cov.hit("consentPermit")
            cov.hit("shareUnderDisclose", q.action === "share" && d.recordIds.some((id) => !g.records.find((x) => x.recordId === id)!.actions.includes("share")))
            const records = d.recordIds.map((id) => g.records.find((x) => x.recordId === id)!)
            for (const r of records) {
              expect(r.purposes).toContain(q.purpose)
              expect(r.recipients.some((x) => x.class === q.recipient.class && (x.id === undefined || x.id === q.recipient.id))).toBe(true)
              expect(r.actions.some((a) => a === q.action || (a === "disclose" && q.action === "share"))).toBe(true)
              expect(q.dataCategories.some((c) => r.dataCategories.some((x) => x.code === c || x.code === "*"))).toBe(true)
            }
            for (const c of q.dataCategories) expect(records.some((r) => r.dataCategories.some((x) => x.code === c || x.code === "*"))).toBe(true)
          }
        })
      )
      cov.check()
    })

    it("P9 share ⊑ disclose: consent to disclose permits sharing; consent to share never permits disclosing (≥ 20 % of runs under a wildcard category, ≥ 20 % for a sensitive one)", () => {
      const cov = coverage({ wildcard: 0.2, sensitive: 0.2 })
      fc.assert(
        fc.property(arbConsentRecordFor({ recordId: "r1", subjectRef: "p-001" }), fc.nat(12), (base, pick) => {
          cov.run()
          cov.hit("wildcard", base.dataCategories.some((c) => c.code === Consent.ALL_DATA))
          const record = { ...base, actions: ["share"] as const, decision: "permit" as const, exceptions: [] }
          const at = record.validFrom
          const ledger = ok(
            Consent.fromEntries([
              { _tag: "RecordAdded", record },
              { _tag: "EventAppended", event: event("r1", "e1", "requested", at, at) },
              { _tag: "EventAppended", event: event("r1", "e2", "given", at, at) }
            ])
          )
          const q = consentRequestInside(record, at, pick)
          cov.hit("sensitive", q.dataCategories.some((c) => Consent.isSensitive(Consent.defaultPolicy, c) || record.dataCategories.some((x) => x.code === c && x.sensitive)))
          expect(Consent.decide(ledger, { ...q, action: "share" })._tag).toBe("Permit")
          expect(Consent.decide(ledger, { ...q, action: "disclose" })._tag).toBe("NoBasis")
          const widened = { ...ledger, records: [{ ...record, actions: ["disclose"] as const }] }
          expect(Consent.decide(widened, { ...q, action: "share" })._tag).toBe("Permit")
        })
      )
      cov.check()
    })

    it("P9 removing a value from a record's scope never adds a Permit, except by silencing that record's own denial (≥ 40 % of runs narrow a scope, ≥ 3 % lose a Permit by it; the silenced denial is the example below)", () => {
      const cov = coverage({ narrowed: 0.4, lostPermit: 0.03 })
      fc.assert(
        fc.property(arbConsentLedgerAndRequests(), fc.nat(1000), fc.constantFrom("purposes", "recipients", "dataCategories", "actions"), fc.boolean(), ({ g, requests }, pick, field, aimed) => {
          cov.run()
          if (g.records.length === 0) return
          // Aimed: narrow a record that denies a request, removing exactly that request's value (the exception's case).
          /** Whether a value of the record's scope in `field` is the one that covers the request. */
          const covers = (v: unknown, q: Consent.Request): boolean => {
            if (field === "purposes") return v === q.purpose
            if (field === "actions") return v === q.action
            if (field === "dataCategories") return (v as Consent.DataCategory).code === q.dataCategories[0]
            const r = v as Consent.Recipient
            return r.class === q.recipient.class && (r.id === undefined || r.id === q.recipient.id)
          }
          const denied = aimed
            ? requests.flatMap((q) => {
                const d = Consent.decide(g.ledger, q)
                return d._tag === "Deny" ? d.recordIds.map((id) => [q, g.records.find((r) => r.recordId === id)!] as const) : []
              })
            : []
          const hit = denied.find(([q, r]) => (r[field] as ReadonlyArray<unknown>).length >= 2 && (r[field] as ReadonlyArray<unknown>).some((v) => covers(v, q)))
          const target = hit?.[1] ?? g.records[pick % g.records.length]!
          const values = target[field] as ReadonlyArray<unknown>
          if (values.length < 2) return
          cov.hit("narrowed")
          const drop = hit === undefined ? pick % values.length : values.findIndex((v) => covers(v, hit[0]))
          const narrowed = { ...target, [field]: values.filter((_, i) => i !== drop) } as Consent.ConsentRecord
          // A category a record declares sensitive stays sensitive for the whole ledger (records are
          // append-only, so in a real ledger that declaration never disappears): the narrowed ledger
          // keeps the dropped declaration in its policy, so that only the scope changes, not the vocabulary.
          const dropped = values[drop] as Consent.DataCategory
          const policy = field === "dataCategories" && dropped.sensitive ? { ...g.ledger.policy, additional: [...g.ledger.policy.additional, dropped.code] } : g.ledger.policy
          const ledger: Consent.Ledger = { ...g.ledger, policy, records: g.ledger.records.map((r) => (r.recordId === target.recordId ? narrowed : r)) }
          for (const q0 of requests) {
            const q = { ...q0, dataCategories: [q0.dataCategories[0]!] } as Consent.Request
            const was = Consent.decide(g.ledger, q)
            const now = Consent.decide(ledger, q)
            cov.hit("lostPermit", was._tag === "Permit" && now._tag !== "Permit")
            if (now._tag === "Permit" && was._tag !== "Permit") {
              expect(was._tag).toBe("Deny")
              if (was._tag === "Deny") expect(was.recordIds).toContain(target.recordId)
            }
          }
        })
      )
      cov.check()
    })
  })

  it("P9 example: narrowing the newer denying record silences its denial, and the older consent permits again", () => {
    const at = consentInstant(4)
    const base = { ...recordBoilerplate, subjectRef: "p-001", recipients: [{ class: "hello-work" }], dataCategories: [{ code: "identity", sensitive: false }], actions: ["disclose"], exceptions: [], validFrom: consentInstant(0), validUntil: consentInstant(40) }
    const older = { ...base, recordId: "older", purposes: ["employment-support-referral"], decision: "permit" } as unknown as Consent.ConsentRecord
    const newer = { ...base, recordId: "newer", purposes: ["employment-support-referral", "support-meeting"], decision: "deny" } as unknown as Consent.ConsentRecord
    const entries = (records: ReadonlyArray<Consent.ConsentRecord>): ReadonlyArray<Consent.LedgerEntry> => [
      ...records.map((record) => ({ _tag: "RecordAdded" as const, record })),
      { _tag: "EventAppended", event: event("older", "o1", "requested", consentInstant(1), consentInstant(1)) },
      { _tag: "EventAppended", event: event("older", "o2", "given", consentInstant(1), consentInstant(1)) },
      { _tag: "EventAppended", event: event("newer", "n1", "requested", consentInstant(2), consentInstant(2)) },
      { _tag: "EventAppended", event: event("newer", "n2", "given", consentInstant(2), consentInstant(2)) }
    ]
    const q = { subjectRef: "p-001", purpose: "employment-support-referral", recipient: { class: "hello-work", id: "hw-1" }, dataCategories: ["identity"], action: "disclose", at } as Consent.Request
    expect(Consent.decide(ok(Consent.fromEntries(entries([older, newer]))), q)).toMatchObject({ _tag: "Deny", recordIds: ["newer"] })
    const narrowed = { ...newer, purposes: ["support-meeting"] } as unknown as Consent.ConsentRecord
    expect(Consent.decide(ok(Consent.fromEntries(entries([older, narrowed]))), q)).toMatchObject({ _tag: "Permit", recordIds: ["older"] })
  })

  it("P11 example: a category that one record declares sensitive is sensitive for the whole ledger, so a law grant's wildcard does not cover it (the case P9's narrowing keeps in the policy)", () => {
    const grant = {
      grantId: "grant-support-meeting",
      basis: { _tag: "support-meeting", statute: "生活困窮者自立支援法第9条第1項", meetingId: "mtg-1" },
      purpose: "support-meeting",
      roster: [{ class: "support-meeting-member", id: "m-1" }],
      subjects: ["p-001"],
      dataCategories: [{ code: "*", sensitive: false }],
      actions: ["share"],
      validFrom: consentInstant(0),
      validUntil: consentInstant(40),
      recordedAt: consentInstant(0)
    } as unknown as Consent.LawGrant
    const record = { ...recordBoilerplate, recordId: "r1", subjectRef: "p-001", purposes: ["employment-support-referral"], recipients: [{ class: "hello-work" }], dataCategories: [{ code: "household", sensitive: true }], actions: ["collect"], decision: "permit", exceptions: [], validFrom: consentInstant(0), validUntil: consentInstant(40) } as unknown as Consent.ConsentRecord
    const q = { subjectRef: "p-001", purpose: "support-meeting", recipient: { class: "support-meeting-member", id: "m-1" }, dataCategories: ["household"], action: "share", at: consentInstant(4) } as Consent.Request
    const withDeclaration = ok(Consent.fromEntries([{ _tag: "RecordAdded", record }, { _tag: "GrantAdded", grant }]))
    const withoutDeclaration = ok(Consent.fromEntries([{ _tag: "GrantAdded", grant }]))
    expect(Consent.decide(withDeclaration, q)._tag).toBe("NoBasis")
    expect(Consent.decide(withoutDeclaration, q)).toMatchObject({ _tag: "Permit" })
    const inPolicy = { ...withoutDeclaration, policy: { ...withoutDeclaration.policy, additional: ["household"] } } as Consent.Ledger
    expect(Consent.decide(inPolicy, q)._tag).toBe("NoBasis")
  })

  it("P10 purpose and recipient are not transitive: Hello Work consent never reaches an employer (≥ 20 % of runs hold a Hello Work Permit that must not travel)", () => {
    const hwOnly = (r: Consent.ConsentRecord): Consent.ConsentRecord => ({
      ...r,
      purposes: ["employment-support-referral"],
      recipients: r.recipients.filter((x) => x.class !== "prospective-employer").length > 0 ? (r.recipients.filter((x) => x.class !== "prospective-employer") as never) : [{ class: "hello-work" }]
    })
    const cov = coverage({ helloWorkPermit: 0.2 })
    fc.assert(
      fc.property(arbConsentLedgerAndRequests({ grants: false }), ({ g, requests }) => {
        cov.run()
        const ledger: Consent.Ledger = { ...g.ledger, records: g.ledger.records.map(hwOnly) }
        for (const q of requests) {
          cov.hit("helloWorkPermit", Consent.decide(ledger, { ...q, purpose: "employment-support-referral" })._tag === "Permit")
          for (const toEmployer of [
            { ...q, purpose: "employer-disclosure" },
            { ...q, recipient: { class: "prospective-employer", id: "emp-1" } },
            { ...q, purpose: "employer-disclosure", recipient: { class: "prospective-employer", id: "emp-1" } }
          ] as ReadonlyArray<Consent.Request>) {
            expect(Consent.decide(ledger, toEmployer)._tag).not.toBe("Permit")
          }
        }
      })
    )
    cov.check()
  })

  it("P11 sensitive categories (要配慮) must be named: wildcards never cover them, under any policy (≥ 10 % of runs permit a sensitive category, ≥ 20 % of runs request one under a wildcard)", () => {
    const cov = coverage({ sensitivePermit: 0.1, underWildcard: 0.2 })
    fc.assert(
      fc.property(
        fc.boolean().chain((welfareStatusSensitive) => {
          const policy = { welfareStatusSensitive, additional: [] }
          return arbConsentLedgerAndRequests({ policy }).map((x) => ({ ...x, policy }))
        }),
        ({ g, requests, policy }) => {
          cov.run()
          for (const q of requests) {
            const d = Consent.decide(g.ledger, q)
            const isSensitiveHere = (c: string) => Consent.isSensitive(policy, c) || g.records.some((r) => r.dataCategories.some((x) => x.code === c && x.sensitive))
            cov.hit(
              "underWildcard",
              q.dataCategories.some(isSensitiveHere) && g.records.some((r) => r.subjectRef === q.subjectRef && r.dataCategories.some((x) => x.code === Consent.ALL_DATA))
            )
            if (d._tag !== "Permit") continue
            for (const c of q.dataCategories) {
              const sensitive = isSensitiveHere(c)
              if (!sensitive) continue
              cov.hit("sensitivePermit")
              // The category on its own is permitted, and every basis behind it names it explicitly.
              const single = Consent.decide(g.ledger, { ...q, dataCategories: [c] } as Consent.Request)
              expect(single._tag).toBe("Permit")
              if (single._tag !== "Permit") continue
              if (single.basis._tag === "consent") {
                for (const id of single.recordIds) expect(g.records.find((r) => r.recordId === id)!.dataCategories.map((x) => x.code)).toContain(c)
              } else {
                const grantId = single.basis.grantId
                expect(g.grants.find((x) => x.grantId === grantId)!.dataCategories.map((x) => x.code)).toContain(c)
              }
            }
          }
        }
      )
    )
    cov.check()
  })

  it("P12 order independence: any order of the same entries gives the same ledger and the same decisions (≥ 60 % of runs reorder, ≥ 30 % decide a Permit)", () => {
    const cov = coverage({ reordered: 0.6, permit: 0.3 })
    fc.assert(
      fc.property(
        arbConsentLedgerAndRequests().chain((x) => fc.shuffledSubarray([...x.g.entries], { minLength: x.g.entries.length }).map((shuffled) => ({ ...x, shuffled }))),
        ({ g, requests, shuffled }) => {
          cov.run()
          cov.hit("reordered", shuffled.some((e, i) => e !== g.entries[i]))
          cov.hit("permit", requests.some((q) => Consent.decide(g.ledger, q)._tag === "Permit"))
          const again = ok(Consent.fromEntries(shuffled))
          expect(again).toEqual(g.ledger)
          for (const q of requests) expect(Consent.decide(again, q)).toEqual(Consent.decide(g.ledger, q))
        }
      )
    )
    cov.check()
  })

  it("P12 also when two entries share an id: any order gives the same ledger or the same refusal (≥ 50 % of runs clash, ≥ 30 % are refused)", () => {
    const cov = coverage({ clash: 0.5, refused: 0.3 })
    fc.assert(
      fc.property(
        arbConsentLedgerAndRequests().chain((x) => {
          // A second event with the same id, instants and kind (so the same place in the order) but
          // another content: another reason, or another actor (a subject where only staff may act).
          const events = x.g.entries.filter((e) => e._tag === "EventAppended")
          const actors = fc.constantFrom<Consent.Actor>({ _tag: "subject" }, { _tag: "staff", staffId: "staff-9" })
          const clone =
            events.length === 0
              ? fc.constant([])
              : fc.tuple(fc.constantFrom(...events), actors).map(([e, actor]) => [{ ...e, event: { ...e.event, actor, reason: `${e.event.reason ?? ""}（別の記録）` } }])
          return clone.chain((extra) => {
            const all = [...x.g.entries, ...extra]
            return fc.tuple(fc.shuffledSubarray(all, { minLength: all.length }), fc.shuffledSubarray(all, { minLength: all.length })).map(([a, b]) => ({ clashes: extra.length > 0, a, b }))
          })
        }),
        ({ clashes, a, b }) => {
          cov.run()
          cov.hit("clash", clashes)
          const first = Consent.fromEntries(a)
          cov.hit("refused", Result.isFailure(first))
          expect(Consent.fromEntries(b)).toEqual(first)
        }
      )
    )
    cov.check()
  })

  it("P13 latest choice wins across records; an older record never overrides a newer one (≥ 10 % of runs for each pair of older and newer choices)", () => {
    const cov = coverage({ "permit→permit": 0.1, "permit→deny": 0.1, "deny→permit": 0.1, "deny→deny": 0.1 })
    fc.assert(
      fc.property(arbConsentRecordFor({ recordId: "old", subjectRef: "p-001" }), fc.nat(12), fc.constantFrom<Consent.Verdict>("permit", "deny"), fc.integer({ min: 1, max: 10 }), (base, pick, newer, gap) => {
        cov.run()
        const older = base.decision
        cov.hit(`${older}→${newer}`)
        const q0 = consentRequestInside({ ...base, exceptions: [] }, base.validFrom, pick)
        const scoped = (id: string, decision: Consent.Verdict): Consent.ConsentRecord => ({
          ...base,
          recordId: id,
          decision,
          exceptions: [],
          validUntil: consentInstant(gridStepOf(base.validFrom) + 40)
        })
        const g1 = base.validFrom
        const g2 = consentInstant(gridStepOf(g1) + gap)
        const ledger = ok(
          Consent.fromEntries([
            { _tag: "RecordAdded", record: scoped("old", older) },
            { _tag: "RecordAdded", record: scoped("new", newer) },
            { _tag: "EventAppended", event: event("old", "o1", "requested", g1, g1) },
            { _tag: "EventAppended", event: event("old", "o2", "given", g1, g1) },
            { _tag: "EventAppended", event: event("new", "n1", "requested", g2, g2) },
            { _tag: "EventAppended", event: event("new", "n2", "given", g2, g2) }
          ])
        )
        const verdictOf = (d: Consent.Decision) => (d._tag === "Permit" ? "permit" : d._tag === "Deny" ? "deny" : "none")
        expect(verdictOf(Consent.decide(ledger, { ...q0, at: consentInstant(gridStepOf(g1) + gap - 1) }))).toBe(older)
        expect(verdictOf(Consent.decide(ledger, { ...q0, at: g2 }))).toBe(newer)
        expect(verdictOf(Consent.decide(ledger, { ...q0, at: consentInstant(gridStepOf(g2) + 5) }))).toBe(newer)
        // The newer record is withdrawn: the withdrawal is the latest choice — the older record does not come back.
        const w = consentInstant(gridStepOf(g2) + 3)
        const withdrawn = ok(Consent.appendEvent(ledger, event("new", "n3", "withdrawn", w, LATE)))
        expect(verdictOf(Consent.decide(withdrawn, { ...q0, at: consentInstant(gridStepOf(g2) + 2) }))).toBe(newer)
        expect(Consent.decide(withdrawn, { ...q0, at: w })).toMatchObject({ _tag: "Deny", code: "withdrawn", recordIds: ["new"] })
        expect(Consent.decide(withdrawn, { ...q0, at: consentInstant(gridStepOf(g2) + 30) })).toMatchObject({ _tag: "Deny", code: "withdrawn" })
      })
    )
    cov.check()
  })

  describe("P14 consent and law kept apart", () => {
    it("P14 a law Permit stays within its roster, purpose and subjects; every Permit names its basis (≥ 20 % of runs reach a law-based Permit, ≥ 20 % a consent one, ≥ 10 % a grant refusing someone off its roster)", () => {
      const cov = coverage({ lawPermit: 0.2, consentPermit: 0.2, offRoster: 0.1 })
      fc.assert(
        fc.property(arbConsentLedgerAndRequests({}, 8), ({ g, requests }) => {
          cov.run()
          for (const q of requests) {
            const d = Consent.decide(g.ledger, q)
            expect(Schema.is(Consent.Decision)(d)).toBe(true)
            cov.hit(
              "offRoster",
              d._tag !== "Permit" && g.grants.some((x) => x.purpose === q.purpose && x.subjects.includes(q.subjectRef) && !x.roster.some((m) => m.class === q.recipient.class && m.id === q.recipient.id))
            )
            if (d._tag !== "Permit") continue
            cov.hit(d.basis._tag === "law" ? "lawPermit" : "consentPermit")
            if (d.basis._tag === "law") {
              const basis = d.basis
              const grant = g.grants.find((x) => x.grantId === basis.grantId)!
              expect(grant.roster.some((m) => m.class === q.recipient.class && m.id === q.recipient.id)).toBe(true)
              expect(q.purpose).toBe(grant.purpose)
              expect(grant.subjects).toContain(q.subjectRef)
              expect(d.recordIds).toEqual([])
            } else {
              expect(d.basis.recordIds).toEqual(d.recordIds)
              expect(d.recordIds.length).toBeGreaterThan(0)
            }
          }
        })
      )
      cov.check()
    })

    it("P14 law-based grants never widen consent-based Permits (≥ 20 % of runs reach a law-based Permit, ≥ 20 % a consent one)", () => {
      const cov = coverage({ lawPermit: 0.2, consentPermit: 0.2 })
      fc.assert(
        fc.property(arbConsentLedgerAndRequests({}, 8), ({ g, requests }) => {
          cov.run()
          const withoutLaw: Consent.Ledger = { ...g.ledger, grants: [] }
          for (const q of requests) {
            const d = Consent.decide(g.ledger, q)
            const consentOnly = Consent.decide(withoutLaw, q)
            if (d._tag === "Permit") cov.hit(d.basis._tag === "law" ? "lawPermit" : "consentPermit")
            if (isConsentPermit(d)) expect(outcome(consentOnly)).toEqual(outcome(d))
            if (d._tag === "Permit" && consentOnly._tag !== "Permit") expect(d.basis._tag).toBe("law")
          }
        })
      )
      cov.check()
    })

    it("P14 withdrawing consent never changes a decision whose basis is law (≥ 30 % of runs reach a law-based Permit)", () => {
      const cov = coverage({ lawPermit: 0.3 })
      fc.assert(
        fc.property(
          arbWithFreshGiven({ grants: false }),
          arbLawGrant.chain((grant) => fc.tuple(fc.constant(grant), fc.array(fc.oneof(arbLawRequestFor([grant]), arbConsentRequest()), { minLength: 1, maxLength: 6 }))),
          fc.nat(100),
          ({ ledger, record, givenAt }, [grant, probes], n) => {
            cov.run()
            const withGrant = ok(Consent.addGrant(ledger, { ...grant, recordedAt: LATE }))
            const w = instantBetween(givenAt, record.validUntil, n) ?? givenAt
            const withdrawn = Consent.appendEvent(withGrant, event("rx", "rx-wd", "withdrawn", w, LATER))
            if (Result.isFailure(withdrawn)) return
            for (const q of probes) {
              const d = Consent.decide(withGrant, q)
              if (d._tag === "Permit" && d.basis._tag === "law") {
                cov.hit("lawPermit")
                expect(outcome(Consent.decide(withdrawn.success, q))).toEqual(outcome(d))
              }
            }
          }
        )
      )
      cov.check()
    })
  })

  describe("P15 idempotence and replay", () => {
    it("P15 appending an event or record id twice equals appending it once (≥ 80 % of runs re-append existing events)", () => {
      const cov = coverage({ events: 0.8 })
      fc.assert(
        fc.property(arbWithFreshGiven(), fc.nat(100), ({ g, ledger, record, givenAt }, n) => {
          cov.run()
          cov.hit("events", g.events.length > 0)
          for (const e of g.events) expect(ok(Consent.appendEvent(g.ledger, e))).toBe(g.ledger)
          for (const r of g.records) expect(ok(Consent.addRecord(g.ledger, r))).toBe(g.ledger)
          const w = instantBetween(givenAt, record.validUntil, n) ?? givenAt
          const e = event("rx", "rx-wd", "withdrawn", w, LATER)
          const once = ok(Consent.appendEvent(ledger, e))
          expect(ok(Consent.appendEvent(once, e))).toEqual(once)
          expect(Consent.ledgerVersion(ok(Consent.appendEvent(once, e)))).toBe(Consent.ledgerVersion(once))
        })
      )
      cov.check()
    })

    it("P15 every audited decision replays from the ledger at its version, and the disclosure chain verifies (≥ 40 % of runs log a disclosure, ≥ 20 % log two)", () => {
      const cov = coverage({ logged: 0.4, chained: 0.2 })
      fc.assert(
        fc.property(
          arbWithFreshGiven().chain((x) => fc.array(arbConsentRequestFor({ ...x.g, records: [...x.g.records, x.record] }), { minLength: 1, maxLength: 6 }).map((qs) => ({ ...x, qs }))),
          fc.nat(100),
          ({ ledger, record, givenAt, qs }, n) => {
            cov.run()
            const decisions = qs.map((q) => Consent.decide(ledger, q))
            let log = Disclosure.emptyLog
            decisions.forEach((d, i) => {
              if (d._tag !== "Permit") return
              log = ok(Disclosure.append(log, d, { disclosureId: `d${i}`, dataItems: d.request.dataCategories.map((c) => ({ category: c, item: `${c}: 項目` })) as never }))
            })
            // The ledger grows afterwards (recorded later): every decision still replays exactly.
            const w = instantBetween(givenAt, record.validUntil, n) ?? givenAt
            const grown = ok(Consent.appendEvent(ledger, event("rx", "rx-wd", "withdrawn", w, LATER)))
            for (const d of decisions) {
              expect(ok(Consent.replay(grown, d))).toEqual(d)
              expect(Schema.decodeUnknownSync(Consent.Decision)(JSON.parse(JSON.stringify(d)))).toEqual(d)
            }
            expect(Result.isSuccess(Disclosure.verify(log))).toBe(true)
            cov.hit("logged", log.entries.length > 0)
            cov.hit("chained", log.entries.length > 1)
            for (const entry of log.entries) {
              const d = decisions.find((x) => x.decisionId === entry.decisionId)!
              expect(ok(Consent.replay(grown, d)).decisionId).toBe(entry.decisionId)
            }
          }
        )
      )
      cov.check()
    })
  })

  describe("regressions from real engines", () => {
    it("LEAP: deny-overrides is applied at every depth of the exception tree (≥ 5 % of runs have matching branches that disagree)", () => {
      // Cases where matching branches end in different decisions separate deny-overrides from "most recent / last wins".
      const cov = coverage({ disagreeing: 0.05 })
      fc.assert(
        fc.property(
          arbConsentRecordFor({ recordId: "r1", subjectRef: "p-001" }, Consent.defaultPolicy, true),
          fc.array(fc.tuple(fc.nat(12), fc.integer({ min: 0, max: 80 })), { minLength: 1, maxLength: 8 }),
          fc.constantFrom<Consent.Verdict>("permit", "deny"),
          (generated, aims, decision) => {
            cov.run()
            const record = { ...generated, decision }
            const requests = aims.map(([pick, k]) => consentRequestInside(record, consentInstant(k), pick))
            for (const q of requests) {
              for (const category of q.dataCategories) {
                const actual = Consent.evaluateRecord(record, q, category)
                if (actual === undefined) continue
                const sensitive = Consent.isSensitive(Consent.defaultPolicy, category) || record.dataCategories.some((c) => c.code === category && c.sensitive)
                const leaves = maximalMatchingPaths(record.decision, record.exceptions, q, category, sensitive)
                // Oracle: deny if any maximal matching path ends at a deny node; permit only if all end at permit.
                expect(actual).toBe(leaves.some((v) => v === "deny") ? "deny" : "permit")
                cov.hit("disagreeing", new Set(leaves).size > 1)
              }
            }
          }
        )
      )
      cov.check()
    })

    it("LEAP: a deny at depth ≥ 2 below matching permits wins over a matching permit sibling (≥ 30 % of runs with the deny on the longer chain, ≥ 30 % on the shorter)", () => {
      const cov = coverage({ denyLonger: 0.3, denyShorter: 0.3 })
      fc.assert(
        fc.property(arbConsentRecordFor({ recordId: "r1", subjectRef: "p-001" }), fc.nat(12), fc.integer({ min: 2, max: 5 }), (base, pick, depth) => {
          cov.run()
          cov.hit(depth % 2 === 0 ? "denyLonger" : "denyShorter")
          const q = consentRequestInside(base, base.validFrom, pick)
          const matchAll = (exceptions: ReadonlyArray<Consent.Provision>) => Consent.provision({ purposes: [q.purpose], dataCategories: [...q.dataCategories], exceptions })
          // A chain of `depth` matching exceptions under a permit base ends in deny iff depth is odd;
          // add a sibling chain of the other parity: deny must win whichever branch is longer.
          const chain = (d: number): Consent.Provision => (d === 1 ? matchAll([]) : matchAll([chain(d - 1)]))
          const record = { ...base, decision: "permit" as const, exceptions: [chain(depth), chain(depth + 1)] }
          expect(Consent.evaluateRecord(record, q, q.dataCategories[0]!)).toBe("deny")
        })
      )
      cov.check()
    })

    it("TORCH: re-consent after withdrawal permits again for the later window only (≥ 50 % of runs re-consent at least once)", () => {
      const cov = coverage({ reconsent: 0.5 })
      fc.assert(
        fc.property(
          arbConsentRecordFor({ recordId: "c0", subjectRef: "p-001" }),
          fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 4 }),
          fc.nat(12),
          (base, cycles, pick) => {
            cov.run()
            cov.hit("reconsent", cycles.length > 1)
            const template = { ...base, decision: "permit" as const, exceptions: [], validFrom: consentInstant(0), validUntil: consentInstant(200) }
            const q0 = consentRequestInside(template, consentInstant(0), pick)
            // give c0, withdraw; give c1 (new record), withdraw; … ; the last one stays given.
            const entries: Array<Consent.LedgerEntry> = []
            const windows: Array<{ id: string; from: number; until: number }> = []
            let k = 1
            cycles.forEach(([given, withdrawnAfter], i) => {
              const id = `c${i}`
              entries.push({ _tag: "RecordAdded", record: { ...template, recordId: id } })
              const g = k + given
              const w = g + withdrawnAfter
              entries.push({ _tag: "EventAppended", event: event(id, `${id}-r`, "requested", consentInstant(g), consentInstant(g)) })
              entries.push({ _tag: "EventAppended", event: event(id, `${id}-g`, "given", consentInstant(g), consentInstant(g)) })
              const last = i === cycles.length - 1
              if (!last) entries.push({ _tag: "EventAppended", event: event(id, `${id}-w`, "withdrawn", consentInstant(w), consentInstant(w)) })
              windows.push({ id, from: g, until: last ? 200 : w })
              k = w
            })
            const ledger = ok(Consent.fromEntries(entries))
            for (let t = 0; t < k + 10; t++) {
              const d = Consent.decide(ledger, { ...q0, at: consentInstant(t) })
              const open = windows.find((w) => w.from <= t && t < w.until)
              if (open !== undefined) {
                expect(d._tag).toBe("Permit")
                if (d._tag === "Permit") expect(d.recordIds).toEqual([open.id])
              } else expect(d._tag).not.toBe("Permit")
            }
          }
        )
      )
      cov.check()
    })
  })
})

// --- helpers: an independent oracle for the provision tree, and deny insertion -----------------

const oracleMatches = (p: Consent.Provision, q: Consent.Request, category: string, sensitive: boolean, nodeDecision: Consent.Verdict): boolean => {
  const any = <A>(xs: ReadonlyArray<A>, ok: (a: A) => boolean) => xs.length === 0 || xs.some(ok)
  const categoryOk =
    p.dataCategories.includes(category) || ((p.dataCategories.length === 0 || p.dataCategories.includes("*")) && (!sensitive || nodeDecision === "deny"))
  return (
    any(p.purposes, (x) => x === q.purpose) &&
    any(p.recipients, (r) => r.class === q.recipient.class && (r.id === undefined || r.id === q.recipient.id)) &&
    any(p.actions, (a) => a === q.action || (a === "disclose" && q.action === "share")) &&
    (p.period === undefined || (Date.parse(p.period.from) <= Date.parse(q.at) && Date.parse(q.at) < Date.parse(p.period.until))) &&
    categoryOk
  )
}

/** The decisions at the ends of all maximal matching root-to-node paths (the root alone if no child matches). */
const maximalMatchingPaths = (
  decision: Consent.Verdict,
  exceptions: ReadonlyArray<Consent.Provision>,
  q: Consent.Request,
  category: string,
  sensitive: boolean
): ReadonlyArray<Consent.Verdict> => {
  const out: Array<Consent.Verdict> = []
  const walk = (nodeDecision: Consent.Verdict, children: ReadonlyArray<Consent.Provision>) => {
    const childDecision: Consent.Verdict = nodeDecision === "permit" ? "deny" : "permit"
    const matching = children.filter((c) => oracleMatches(c, q, category, sensitive, childDecision))
    if (matching.length === 0) out.push(nodeDecision)
    for (const c of matching) walk(childDecision, c.exceptions)
  }
  walk(decision, exceptions)
  return out
}

/**
 * Inserts `extra` as a child of the node that ends a maximal matching path of the request's first
 * category at a permit (so a matching deny there bites); undefined when no such path exists.
 */
const insertUnderMatchingPermit = (record: Consent.ConsentRecord, q: Consent.Request, extra: Consent.Provision): ReadonlyArray<Consent.Provision> | undefined => {
  const category = q.dataCategories[0]!
  const sensitive = Consent.isSensitive(Consent.defaultPolicy, category) || record.dataCategories.some((c) => c.code === category && c.sensitive)
  const find = (nodeDecision: Consent.Verdict, children: ReadonlyArray<Consent.Provision>, path: ReadonlyArray<number>): ReadonlyArray<number> | undefined => {
    const childDecision: Consent.Verdict = nodeDecision === "permit" ? "deny" : "permit"
    const matching = children.flatMap((c, i) => (oracleMatches(c, q, category, sensitive, childDecision) ? [i] : []))
    if (matching.length === 0) return nodeDecision === "permit" ? path : undefined
    for (const i of matching) {
      const found = find(childDecision, children[i]!.exceptions, [...path, i])
      if (found !== undefined) return found
    }
    return undefined
  }
  const target = find(record.decision, record.exceptions, [])
  if (target === undefined) return undefined
  const insert = (children: ReadonlyArray<Consent.Provision>, path: ReadonlyArray<number>): ReadonlyArray<Consent.Provision> =>
    path.length === 0 ? [...children, extra] : children.map((c, i) => (i === path[0] ? { ...c, exceptions: insert(c.exceptions, path.slice(1)) } : c))
  return insert(record.exceptions, target)
}

/** Inserts `extra` as a new exception at a position where it denies (its parent permits). */
const insertDenyException = (
  decision: Consent.Verdict,
  exceptions: ReadonlyArray<Consent.Provision>,
  extra: Consent.Provision,
  pick: number
): ReadonlyArray<Consent.Provision> => {
  // Positions: the lists of children whose parent decision is permit.
  const positions: Array<ReadonlyArray<number>> = []
  const collect = (d: Consent.Verdict, children: ReadonlyArray<Consent.Provision>, path: ReadonlyArray<number>) => {
    if (d === "permit") positions.push(path)
    children.forEach((c, i) => collect(d === "permit" ? "deny" : "permit", c.exceptions, [...path, i]))
  }
  collect(decision, exceptions, [])
  if (positions.length === 0) return exceptions
  const target = positions[pick % positions.length]!
  const insert = (children: ReadonlyArray<Consent.Provision>, path: ReadonlyArray<number>): ReadonlyArray<Consent.Provision> =>
    path.length === 0
      ? [...children, extra]
      : children.map((c, i) => (i === path[0] ? { ...c, exceptions: insert(c.exceptions, path.slice(1)) } : c))
  return insert(exceptions, target)
}

// Keep unused-import checks quiet for helpers used only in some properties.
void concreteRecipients
void arbDeepConsentExceptions
export type { GeneratedConsentLedger }
