// Generators for the consent ledger. They are built to collide: two subjects, three purposes, a
// handful of recipients and categories, and instants on a coarse grid, so that records overlap in
// scope and time, events share effectiveAt across records, and provision trees nest to depth ≥ 3.
import fc from "fast-check"
import { Result } from "effect"
import { Consent, Period } from "@jiritsu/core"

type Instant = Period.Instant

export const consentSubjects = ["p-001", "p-002"] as const
export const consentPurposes = ["employment-support-referral", "employer-disclosure", "support-meeting"] as const
export const consentCategories = ["identity", "employment-history", "welfare-status", "health", "disability", "household"] as const
export const consentActions: ReadonlyArray<Consent.Action> = ["collect", "use", "disclose", "share"]

/** Concrete recipients a request may name. */
export const concreteRecipients: ReadonlyArray<Consent.Recipient> = [
  { class: "hello-work", id: "hw-1" },
  { class: "hello-work", id: "hw-2" },
  { class: "prospective-employer", id: "emp-1" },
  { class: "support-meeting-member", id: "m-1" }
]
/** Recipients a scope may list: concrete ones and whole classes. */
export const scopeRecipients: ReadonlyArray<Consent.Recipient> = [
  ...concreteRecipients,
  { class: "hello-work" },
  { class: "prospective-employer" }
]

const BASE_DAY = Period.unsafeDate("2026-04-01")

/** The instant of grid step `k` (half-days from 2026-04-01), sometimes spelt with a fraction. */
export const consentInstant = (k: number, spelling: 0 | 1 = 0): Instant => {
  const day = Period.addDays(BASE_DAY, Math.floor(k / 2))
  const hour = k % 2 === 0 ? "00" : "12"
  return `${day}T${hour}:00:00${spelling === 1 ? ".000" : ""}Z` as Instant
}

const arbSpelling = fc.constantFrom<0 | 1>(0, 0, 0, 1)
export const arbConsentInstant = (min = 0, max = 60): fc.Arbitrary<Instant> =>
  fc.tuple(fc.integer({ min, max }), arbSpelling).map(([k, s]) => consentInstant(k, s))

const subsetOf = <A>(items: ReadonlyArray<A>, maxLength = items.length): fc.Arbitrary<ReadonlyArray<A>> =>
  fc.uniqueArray(fc.constantFrom(...items), { maxLength, selector: (a) => JSON.stringify(a) })
const nonEmptySubsetOf = <A>(items: ReadonlyArray<A>, maxLength = items.length): fc.Arbitrary<readonly [A, ...Array<A>]> =>
  fc.uniqueArray(fc.constantFrom(...items), { minLength: 1, maxLength, selector: (a) => JSON.stringify(a) }) as unknown as fc.Arbitrary<
    readonly [A, ...Array<A>]
  >

/** A provision tree; each level is often "any" in most attributes, so matches happen at depth. */
export const arbConsentProvision = (depth: number): fc.Arbitrary<Consent.Provision> =>
  fc
    .record({
      purposes: subsetOf(consentPurposes, 2),
      recipients: subsetOf(scopeRecipients, 2),
      dataCategories: fc.oneof(subsetOf([...consentCategories, Consent.ALL_DATA], 2), fc.constant([])),
      actions: subsetOf(consentActions, 2),
      period: fc.option(
        fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 30 })).map(([a, n]) => ({ from: consentInstant(a), until: consentInstant(a + n) })),
        { freq: 4, nil: undefined }
      ),
      exceptions: depth <= 0 ? fc.constant([]) : fc.array(arbConsentProvision(depth - 1), { maxLength: depth >= 3 ? 2 : 3 })
    })
    .map(({ period, ...rest }) => (period === undefined ? rest : { ...rest, period }))

/** A provision whose attributes are mostly "any": such trees match at depth, where the LEAP bug lived. */
export const arbLooseConsentProvision = (depth: number): fc.Arbitrary<Consent.Provision> => {
  const loose = <A>(items: ReadonlyArray<A>) => fc.oneof({ arbitrary: fc.constant([] as ReadonlyArray<A>), weight: 3 }, { arbitrary: subsetOf(items, 2), weight: 2 })
  return fc.record({
    purposes: loose(consentPurposes),
    recipients: loose(scopeRecipients),
    dataCategories: loose([...consentCategories, Consent.ALL_DATA]),
    actions: loose(consentActions),
    exceptions: depth <= 0 ? fc.constant([]) : fc.array(arbLooseConsentProvision(depth - 1), { maxLength: 2 })
  })
}

/** Trees that surely reach depth ≥ 3 (a chain of single exceptions) with loose siblings at every level. */
export const arbDeepConsentExceptions: fc.Arbitrary<ReadonlyArray<Consent.Provision>> = fc
  .tuple(
    arbLooseConsentProvision(1),
    arbLooseConsentProvision(1),
    arbLooseConsentProvision(1),
    arbLooseConsentProvision(0),
    fc.array(arbLooseConsentProvision(3), { maxLength: 2 })
  )
  .map(([a, b, c, d, siblings]) => [
    { ...a, exceptions: [{ ...b, exceptions: [{ ...c, exceptions: [d, ...c.exceptions] }, ...b.exceptions] }, ...a.exceptions] },
    ...siblings
  ])

const NOTICE = Consent.noticeOf("doseisho-hw", "2026.1", "ja", "ハローワークへの情報提供に関する同意書（本文）")

/** The fixed, boring parts of a record. */
export const recordBoilerplate = {
  schemaVersion: Consent.SCHEMA_VERSION,
  expressedBy: { _tag: "self" },
  controller: { id: "city-welfare-office", name: "市福祉事務所" },
  jurisdiction: "JP",
  applicableLaw: ["APPI-Ch5"],
  notice: NOTICE,
  collectionMethod: "paper-signed",
  evidence: { ref: "scan://consent/0001.pdf", sha256: "a".repeat(64), recordedBy: "staff-1" },
  legalBasis: Consent.CONSENT_LEGAL_BASIS,
  retention: { years: 3, rule: "提供記録は3年保存", storage: "city-dc-1" },
  withdrawalMethod: { channel: "counter", description: "福祉事務所窓口で撤回届を提出" }
} as const

const categoryEntry = (policy: Consent.SensitivityPolicy) => (code: string, stricter: boolean): Consent.DataCategory => ({
  code,
  sensitive: code !== Consent.ALL_DATA && (Consent.isSensitive(policy, code) || stricter)
})

export interface ConsentRecordSpec {
  readonly recordId: string
  readonly subjectRef: string
}

/** A valid record for a given id and subject under a policy. */
export const arbConsentRecordFor = (spec: ConsentRecordSpec, policy: Consent.SensitivityPolicy = Consent.defaultPolicy, deep = false): fc.Arbitrary<Consent.ConsentRecord> =>
  fc
    .record({
      purposes: nonEmptySubsetOf(consentPurposes, 2),
      categories: fc.uniqueArray(fc.tuple(fc.constantFrom(...consentCategories, Consent.ALL_DATA), fc.boolean()), {
        minLength: 1,
        maxLength: 4,
        selector: ([c]) => c
      }),
      actions: nonEmptySubsetOf(consentActions, 3),
      recipients: nonEmptySubsetOf(scopeRecipients, 3),
      decision: fc.constantFrom<Consent.Verdict>("permit", "permit", "deny"),
      exceptions: deep ? arbDeepConsentExceptions : fc.oneof({ arbitrary: fc.constant([]), weight: 2 }, { arbitrary: fc.array(arbConsentProvision(3), { maxLength: 2 }), weight: 2 }),
      from: fc.integer({ min: 0, max: 30 }),
      length: fc.integer({ min: 1, max: 40 })
    })
    .map(
      (r): Consent.ConsentRecord => ({
        ...recordBoilerplate,
        recordId: spec.recordId,
        subjectRef: spec.subjectRef,
        purposes: r.purposes,
        dataCategories: r.categories.map(([c, s]) => categoryEntry(policy)(c, s && c === "household")) as unknown as readonly [
          Consent.DataCategory,
          ...Array<Consent.DataCategory>
        ],
        actions: r.actions,
        recipients: r.recipients,
        decision: r.decision,
        exceptions: r.exceptions,
        validFrom: consentInstant(r.from),
        validUntil: consentInstant(r.from + r.length)
      }) as Consent.ConsentRecord
    )

const staff: Consent.Actor = { _tag: "staff", staffId: "staff-1" }
const subject: Consent.Actor = { _tag: "subject" }

type Step = { readonly kind: Consent.EventKind; readonly extra?: Partial<Consent.ConsentEvent> }

/** A legal lifecycle script for one record (kinds only), ending anywhere. */
const arbScript = (otherRecordIds: ReadonlyArray<string>): fc.Arbitrary<ReadonlyArray<Step>> =>
  fc
    .record({
      deferrals: fc.integer({ min: 0, max: 1 }),
      outcome: fc.constantFrom("given", "given", "given", "given", "refused", "requested-only"),
      reaffirms: fc.integer({ min: 0, max: 2 }),
      ending: fc.constantFrom("none", "none", "none", "none", "withdrawn", "withdrawn", "revoked", "superseded", "invalidated", "withdrawn-invalidated", "entered-in-error"),
      successor: otherRecordIds.length > 0 ? fc.constantFrom(...otherRecordIds) : fc.constant(undefined)
    })
    .map(({ deferrals, outcome, reaffirms, ending, successor }) => {
      const steps: Array<Step> = [{ kind: "requested" }]
      for (let i = 0; i < deferrals; i++) steps.push({ kind: "deferred" }, { kind: "requested" })
      if (outcome === "requested-only") return steps
      if (outcome === "refused") return [...steps, { kind: "refused" }]
      steps.push({ kind: "given" })
      for (let i = 0; i < reaffirms; i++) steps.push({ kind: "reaffirmed" })
      switch (ending) {
        case "withdrawn":
          steps.push({ kind: "withdrawn" })
          break
        case "revoked":
          steps.push({ kind: "revoked", extra: { reason: "programme-ended", actor: staff } })
          break
        case "superseded":
          if (successor !== undefined) steps.push({ kind: "revoked", extra: { reason: "superseded", actor: staff, supersededBy: successor } })
          break
        case "invalidated":
          steps.push({ kind: "invalidated", extra: { reason: "signed by the wrong person", actor: staff } })
          break
        case "withdrawn-invalidated":
          steps.push({ kind: "withdrawn" }, { kind: "invalidated", extra: { reason: "forged form", actor: staff } })
          break
        case "entered-in-error":
          steps.push({ kind: "entered-in-error", extra: { reason: "clerical error", actor: staff } })
          break
      }
      return steps
    })

/** Timestamps a script: strictly increasing effectiveAt, choices before validUntil; recordedAt non-decreasing. */
const timeScript = (
  record: Consent.ConsentRecord,
  steps: ReadonlyArray<Step>,
  start: number,
  gaps: ReadonlyArray<number>,
  lags: ReadonlyArray<number>,
  spellings: ReadonlyArray<0 | 1>
): ReadonlyArray<Consent.ConsentEvent> => {
  const untilStep = gridStepOf(record.validUntil)
  // Given, reaffirmed, withdrawn and revoked must happen while the record is valid (before validUntil).
  const choiceKinds: ReadonlyArray<Consent.EventKind> = ["given", "reaffirmed", "withdrawn", "revoked"]
  const lastChoice = steps.reduce((last, step, i) => (choiceKinds.includes(step.kind) ? i : last), -1)
  let positions: Array<number> = []
  let k = start
  steps.forEach((_, i) => {
    if (i > 0) k += 1 + (gaps[i % gaps.length] ?? 0)
    positions.push(k)
  })
  if (lastChoice >= 0 && positions[lastChoice]! > untilStep - 1) {
    const s = Math.min(start, untilStep - 1 - lastChoice)
    positions = steps.map((_, i) => s + i)
  }
  const events: Array<Consent.ConsentEvent> = []
  let recordedStep = -Infinity
  steps.forEach((step, i) => {
    const effective = positions[i]!
    recordedStep = Math.max(recordedStep, effective + (lags[i % lags.length] ?? 0))
    events.push({
      eventId: `${record.recordId}-e${i}`,
      recordId: record.recordId,
      kind: step.kind,
      effectiveAt: consentInstant(effective, spellings[i % spellings.length] ?? 0),
      recordedAt: consentInstant(recordedStep),
      actor: subject,
      method: "paper-signed",
      ...step.extra
    } as Consent.ConsentEvent)
  })
  return events
}

/** The grid step of an instant made by {@link consentInstant}. */
export const gridStepOf = (instant: string): number => {
  const day = Period.diffDays(BASE_DAY, Period.dateOfInstant(instant as Instant))
  return day * 2 + (instant.slice(11, 13) === "12" ? 1 : 0)
}

export interface GeneratedConsentLedger {
  readonly ledger: Consent.Ledger
  readonly entries: ReadonlyArray<Consent.LedgerEntry>
  readonly records: ReadonlyArray<Consent.ConsentRecord>
  readonly events: ReadonlyArray<Consent.ConsentEvent>
  readonly grants: ReadonlyArray<Consent.LawGrant>
}

/** A law-based grant of a 支援会議 for p-001. */
export const arbLawGrant: fc.Arbitrary<Consent.LawGrant> = fc
  .record({
    kind: fc.constantFrom("support-meeting", "coordination-meeting"),
    from: fc.integer({ min: 0, max: 30 }),
    length: fc.integer({ min: 1, max: 40 }),
    categories: nonEmptySubsetOf(["identity", "household", "health", Consent.ALL_DATA] as const, 3),
    recorded: fc.integer({ min: 0, max: 5 })
  })
  .map(({ kind, from, length, categories, recorded }) => ({
    grantId: `grant-${kind}`,
    basis:
      kind === "support-meeting"
        ? { _tag: "support-meeting", statute: Consent.SUPPORT_MEETING_STATUTE, meetingId: "mtg-1" }
        : { _tag: "coordination-meeting", statute: Consent.COORDINATION_MEETING_STATUTE, meetingId: "mtg-2" },
    purpose: "support-meeting",
    roster: [
      { class: "support-meeting-member", id: "m-1" },
      { class: "hello-work", id: "hw-1" }
    ],
    subjects: ["p-001"],
    dataCategories: categories.map((c) => ({ code: c, sensitive: c !== Consent.ALL_DATA && Consent.isSensitive(Consent.defaultPolicy, c) })),
    actions: ["share"],
    validFrom: consentInstant(from),
    validUntil: consentInstant(from + length),
    recordedAt: consentInstant(recorded)
  }) as unknown as Consent.LawGrant)

const build = (entries: ReadonlyArray<Consent.LedgerEntry>, policy: Consent.SensitivityPolicy): Consent.Ledger => {
  const r = Consent.fromEntries(entries, policy)
  if (Result.isFailure(r)) throw new Error(`generator produced an invalid ledger: ${JSON.stringify(r.failure)}`)
  return r.success
}

/**
 * A valid ledger: 1–4 records over two subjects with legal lifecycles (all states reachable, ties in
 * effectiveAt across records, supersessions), and sometimes a law-based grant.
 */
export const arbConsentLedger = (options: { readonly policy?: Consent.SensitivityPolicy; readonly grants?: boolean; readonly deep?: boolean } = {}): fc.Arbitrary<GeneratedConsentLedger> => {
  const policy = options.policy ?? Consent.defaultPolicy
  return fc
    .array(fc.constantFrom(...consentSubjects), { minLength: 1, maxLength: 4 })
    .chain((subjects) => {
      const specs = subjects.map((subjectRef, i) => ({ recordId: `r${i}`, subjectRef }))
      const perRecord = specs.map((spec) =>
        fc.tuple(
          arbConsentRecordFor(spec, policy, options.deep ?? false),
          arbScript(specs.filter((s) => s.subjectRef === spec.subjectRef && s.recordId !== spec.recordId).map((s) => s.recordId)),
          fc.integer({ min: -4, max: 6 }),
          fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }),
          fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 4 }),
          fc.array(arbSpelling, { minLength: 1, maxLength: 3 })
        )
      )
      return fc.tuple(fc.tuple(...perRecord), options.grants === false ? fc.constant([]) : fc.option(arbLawGrant, { freq: 3, nil: undefined }).map((g) => (g === undefined ? [] : [g])))
    })
    .map(([perRecord, grants]) => {
      const records = perRecord.map(([record]) => record)
      const events = perRecord.flatMap(([record, script, offset, gaps, lags, spellings]) =>
        timeScript(record, script, Math.max(0, gridStepOf(record.validFrom) + offset), gaps, lags, spellings)
      )
      const entries: Array<Consent.LedgerEntry> = [
        ...records.map((record) => ({ _tag: "RecordAdded" as const, record })),
        ...events.map((event) => ({ _tag: "EventAppended" as const, event })),
        ...grants.map((grant) => ({ _tag: "GrantAdded" as const, grant }))
      ]
      return { ledger: build(entries, policy), entries, records, events, grants }
    })
}

/** A request that collides with the generated ledgers (same pools, instants on the grid). */
export const arbConsentRequest = (extraInstants: ReadonlyArray<Instant> = []): fc.Arbitrary<Consent.Request> =>
  fc.record({
    subjectRef: fc.constantFrom(...consentSubjects),
    purpose: fc.constantFrom(...consentPurposes),
    recipient: fc.constantFrom(...concreteRecipients),
    dataCategories: nonEmptySubsetOf(consentCategories, 2),
    action: fc.constantFrom(...consentActions),
    at: extraInstants.length > 0 ? fc.oneof(arbConsentInstant(0, 100), fc.constantFrom(...extraInstants)) : arbConsentInstant(0, 100)
  }) as fc.Arbitrary<Consent.Request>

/** Instants where things happen in a ledger: record boundaries and event times (for boundary hits). */
export const consentInstantsOf = (g: GeneratedConsentLedger): ReadonlyArray<Instant> => [
  ...g.records.flatMap((r) => [r.validFrom, r.validUntil]),
  ...g.events.flatMap((e) => [e.effectiveAt, consentInstant(gridStepOf(e.effectiveAt) + 1)]),
  ...g.grants.flatMap((x) => [x.validFrom, x.validUntil])
]

/** Requests aimed at a ledger: half of them inside some record's scope, at its interesting instants. */
export const arbConsentRequestFor = (g: GeneratedConsentLedger): fc.Arbitrary<Consent.Request> => {
  const instants = consentInstantsOf(g)
  const aimed =
    g.records.length === 0
      ? arbConsentRequest(instants)
      : fc
          .record({
            record: fc.constantFrom(...g.records),
            at: fc.oneof(fc.constantFrom(...instants), arbConsentInstant(0, 100)),
            inside: fc.nat(40),
            pick: fc.nat(12),
            second: fc.oneof(fc.constant(undefined), fc.constant(undefined), fc.constantFrom(...consentCategories))
          })
          .map(({ record, at, inside, pick, second }) => {
            const q = consentRequestInside(record, inside % 2 === 0 ? at : whileGiven(g, record, inside), pick)
            return second === undefined || q.dataCategories.includes(second) ? q : ({ ...q, dataCategories: [...q.dataCategories, second] } as Consent.Request)
          })
  const lawAimed = g.grants.length === 0 ? [] : [arbLawRequestFor(g.grants)]
  const inForce = g.records.filter((r) => inForceSpan(g, r) !== undefined)
  const aimedInForce =
    inForce.length === 0
      ? []
      : [
          fc.tuple(fc.constantFrom(...inForce), fc.nat(40), fc.nat(12), fc.boolean()).map(([record, n, pick, shareInstead]) => {
            const [from, until] = inForceSpan(g, record)!
            const q = consentRequestInside(record, consentInstant(from + (n % (until - from))), pick)
            // Share ⊑ Disclose: sometimes share what the record lets one disclose.
            return shareInstead && record.actions.includes("disclose") ? ({ ...q, action: "share" } as Consent.Request) : q
          })
        ]
  return fc.oneof(aimed, aimed, ...aimedInForce, ...aimedInForce, ...lawAimed, ...lawAimed, ...lawAimed, arbConsentRequest(instants))
}

/**
 * The grid steps `[from, until)` in which a record is in force — given, not yet withdrawn or
 * revoked, before its validUntil — or undefined (never given, or invalidated or entered in error,
 * which undo it for every instant).
 */
const inForceSpan = (g: GeneratedConsentLedger, record: Consent.ConsentRecord): readonly [number, number] | undefined => {
  const events = g.events.filter((e) => e.recordId === record.recordId)
  const given = events.find((e) => e.kind === "given")
  if (given === undefined || events.some((e) => e.kind === "invalidated" || e.kind === "entered-in-error")) return undefined
  const ended = events.find((e) => e.kind === "withdrawn" || e.kind === "revoked")
  const from = Math.max(gridStepOf(given.effectiveAt), gridStepOf(record.validFrom))
  const until = Math.min(gridStepOf(record.validUntil), ended === undefined ? Infinity : gridStepOf(ended.effectiveAt))
  return until > from ? [from, until] : undefined
}

/** Non-sensitive categories a wildcard grant covers. */
const wildcardCovered = ["identity", "employment-history", "household"] as const

/**
 * Requests aimed at a law-based grant: a roster member, the grant's purpose and a subject it
 * names, a category it lists (a non-sensitive one under a wildcard), mostly inside its validity
 * window and otherwise on or just outside its edges, sometimes by another action or recipient.
 */
export const arbLawRequestFor = (grants: ReadonlyArray<Consent.LawGrant>): fc.Arbitrary<Consent.Request> =>
  fc
    .record({
      grant: fc.constantFrom(...grants),
      member: fc.nat(10),
      category: fc.nat(10),
      inside: fc.nat(80),
      edge: fc.constantFrom("inside", "inside", "inside", "from", "until", "before"),
      action: fc.constantFrom<Consent.Action>("share", "share", "share", "disclose"),
      stranger: fc.constantFrom(false, false, false, false, true)
    })
    .map(({ grant, member, category, inside, edge, action, stranger }) => {
      const codes = grant.dataCategories.flatMap((c) => (c.code === Consent.ALL_DATA ? [...wildcardCovered] : [c.code]))
      const from = gridStepOf(grant.validFrom)
      const until = gridStepOf(grant.validUntil)
      const at = edge === "from" ? from : edge === "until" ? until : edge === "before" ? Math.max(0, from - 1) : from + (inside % Math.max(1, until - from))
      return {
        subjectRef: grant.subjects[member % grant.subjects.length]!,
        purpose: grant.purpose,
        recipient: stranger ? { class: "prospective-employer", id: "emp-1" } : grant.roster[member % grant.roster.length]!,
        dataCategories: [codes[category % codes.length]!],
        action,
        at: consentInstant(at)
      } as Consent.Request
    })

/** An instant after the record's first `given` and before its `validUntil`, chosen by `n`. */
const whileGiven = (g: GeneratedConsentLedger, record: Consent.ConsentRecord, n: number): Instant => {
  const given = g.events.find((e) => e.recordId === record.recordId && e.kind === "given")
  const from = Math.max(gridStepOf(record.validFrom), given === undefined ? gridStepOf(record.validFrom) : gridStepOf(given.effectiveAt))
  const until = gridStepOf(record.validUntil)
  return consentInstant(until > from ? from + (n % (until - from)) : from)
}

/** A ledger with requests aimed at it. */
export const arbConsentLedgerAndRequests = (
  options: Parameters<typeof arbConsentLedger>[0] = {},
  count = 6
): fc.Arbitrary<{ readonly g: GeneratedConsentLedger; readonly requests: ReadonlyArray<Consent.Request> }> =>
  arbConsentLedger(options).chain((g) => fc.array(arbConsentRequestFor(g), { minLength: 1, maxLength: count }).map((requests) => ({ g, requests })))

/** A request built to fall inside a record's top-level scope at an instant. */
export const consentRequestInside = (record: Consent.ConsentRecord, at: Instant, pick: number): Consent.Request => {
  const named = record.dataCategories.map((c) => c.code).filter((c) => c !== Consent.ALL_DATA)
  const category = named.length > 0 ? named[pick % named.length]! : "identity"
  const scopeRecipient = record.recipients[pick % record.recipients.length]!
  const recipient = scopeRecipient.id !== undefined ? scopeRecipient : concreteRecipients.find((r) => r.class === scopeRecipient.class)!
  return {
    subjectRef: record.subjectRef,
    purpose: record.purposes[pick % record.purposes.length]!,
    recipient,
    dataCategories: [category],
    action: record.actions[pick % record.actions.length]!,
    at
  } as Consent.Request
}
