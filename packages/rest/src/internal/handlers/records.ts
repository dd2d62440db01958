// Handlers of the personal-data groups: persons, cases, consents and disclosures. Every one reads
// the tenant from the principal, never from the request, and answers 404 alike for an id that does
// not exist and for another municipality's id (the stores are tenant-scoped, so both are "absent").
import { Catalogue } from "@jiritsu/catalog"
import { Case, Consent, Period, Programme } from "@jiritsu/core"
import { Effect, Result } from "effect"
import { HttpApiBuilder, HttpApiSchema } from "effect/http-api"
import { randomUUID } from "node:crypto"
import { Api } from "../../Api.ts"
import type * as Contract from "../../Contract.ts"
import * as Enforcement from "../../Enforcement.ts"
import { caseActor, type Principal } from "../../Principal.ts"
import * as Problem from "../../Problem.ts"
import { Store, type CaseRow, type CaseStream } from "../../Store.ts"
import { now, principal, requestId, Service, siteOf, todayJst } from "../context.ts"
import { idempotent } from "../idempotency.ts"
import { DEFAULT_LIMIT, decodeCursor, encodeCursor, pageOf } from "../paging.ts"

const newId = (prefix: string): string => `${prefix}-${randomUUID()}`

const etagOf = (version: number): string => `"${version}"`

const alreadyExists = (resource: string, id: string) =>
  new Problem.AlreadyExists({ code: "already_exists", detail: `a ${resource} with id ${id} already exists`, detailJa: "同じIDのデータが既に登録されています", resource, id })

const noBasis = (decision: Consent.Decision) =>
  new Problem.NoBasis({
    code: "no_legal_basis",
    detail: `no consent or legal basis lets this organisation receive the person's data now (${decision._tag})`,
    detailJa: "本人の同意または法令上の根拠がないため、この情報は提供できません",
    decision: decision._tag === "Deny" ? "Deny" : "NoBasis"
  })

const caseRefusal = (r: Case.Refusal): Problem.DomainRefusal => {
  const { _tag, path, message, messageJa, ...details } = r
  return Problem.domainRefusal({ source: "case", tag: _tag, path, message, messageJa, details })
}

const consentRefusal = (source: "consent" | "disclosure", refusal: unknown): Problem.DomainRefusal => {
  const r = refusal as { readonly _tag: string; readonly code?: string; readonly path?: ReadonlyArray<string | number>; readonly message?: string; readonly messageJa?: string }
  return Problem.domainRefusal({
    source,
    tag: r._tag,
    ...(r.code === undefined ? {} : { code: r.code }),
    path: r.path ?? [],
    message: r.message ?? "refused",
    messageJa: r.messageJa ?? "受け付けられません",
    details: refusal
  })
}

// ---------------------------------------------------------------------------------------------
// Cases: shared steps
// ---------------------------------------------------------------------------------------------

const viewOf = (id: string, version: number, state: Case.CaseState, asOf: Period.LocalDate): Contract.CaseView => {
  const stay = Case.currentStay(state, asOf)
  return {
    id,
    version,
    state,
    asOf,
    followUps: Case.followUpSchedule(state, asOf).map((f) => ({ ...f })),
    ...(stay === undefined ? {} : { stay })
  }
}

/** The case stream, or the same 404 whether it is absent or another tenant's. */
const readCase = (who: Principal, id: string): Effect.Effect<CaseStream, Problem.NotFound, Store> =>
  Effect.gen(function*() {
    const store = yield* Store
    const stream = yield* store.cases.read(who.tenant, id)
    if (stream === undefined || stream.version === 0) return yield* Problem.notFound("case")
    return stream
  })

/** The case's state at its version (no events), or the same 404 whether it is absent or another tenant's. */
const readState = (who: Principal, id: string): Effect.Effect<CaseRow, Problem.NotFound, Store> =>
  Effect.gen(function*() {
    const store = yield* Store
    const row = yield* store.cases.state(who.tenant, id)
    if (row === undefined || row.version === 0) return yield* Problem.notFound("case")
    return row
  })

/**
 * Hello Work may touch a case only on a permitting decision for its person. Answers the person's
 * consent ledger it decided on (empty for a case without a person), for the command to use too.
 */
const gateCase = (who: Principal, state: Case.CaseState) =>
  Effect.gen(function*() {
    const subject = state.subjectId
    if (subject === undefined) return Consent.empty()
    const store = yield* Store
    const at = yield* now
    const ledger = yield* store.consents.ledger(who.tenant, subject)
    const decision = Enforcement.caseAccess(who, ledger, subject, at)
    if (decision !== undefined && decision._tag !== "Permit") return yield* noBasis(decision)
    return ledger
  })

const stateOf = (stream: CaseStream): Case.CaseState => Case.replay(stream.events.map((e) => e.event))

const actorOf = (who: Principal) => {
  const actor = caseActor(who)
  return actor === undefined
    ? Effect.fail(new Problem.Forbidden({ code: "forbidden", detail: "this principal holds no role that acts on cases", detailJa: "ケースを操作できる役割がありません", allowedRoles: ["caseworker", "employment_support_worker", "hw_navigator", "supervisor"] }))
    : Effect.succeed(actor)
}

const appendWith = (who: Principal, id: string, expected: number, events: ReadonlyArray<Case.Event>) =>
  Effect.gen(function*() {
    const store = yield* Store
    const rid = yield* requestId
    const site = yield* siteOf(who)
    const opened = events.find((e) => e._tag === "CaseOpened")
    const metrics = opened?._tag === "CaseOpened" ? { site: site.metricSite, targetGroups: targetGroupsOf(opened.publicAssistance) } : undefined
    return yield* store.cases.append(who.tenant, id, expected, events, { principalId: who.id, requestId: rid, metrics })
  })

/** The target groups (対象者区分) a case is counted under: public-assistance recipients or needy persons. */
export const targetGroupsOf = (publicAssistance: boolean): ReadonlyArray<string> => (publicAssistance ? ["welfare_recipient"] : ["needy_person"])

/** Appends the first events of a new case: an existing id is a 409 already_exists. */
const appendNew = (who: Principal, id: string, events: ReadonlyArray<Case.Event>) =>
  appendWith(who, id, 0, events).pipe(Effect.catchTag("VersionConflict", () => Effect.fail(alreadyExists("case", id))))

/** Appends after `expected`: another writer in between is a 409 version_conflict. */
const appendNext = (who: Principal, id: string, expected: number, events: ReadonlyArray<Case.Event>) =>
  appendWith(who, id, expected, events).pipe(
    Effect.catchTag("VersionConflict", (c) =>
      Effect.fail(
        new Problem.Conflict({
          code: "version_conflict",
          detail: `case ${id} changed: it is at version ${c.actual}, the command was decided on version ${c.expected}; re-read and retry`,
          detailJa: "他の職員が先に更新しました。最新の内容を確認して再度実行してください",
          expected: c.expected,
          actual: c.actual
        })
      )
    )
  )

// ---------------------------------------------------------------------------------------------
// Persons
// ---------------------------------------------------------------------------------------------

export const PersonsLive = HttpApiBuilder.group(Api, "persons", (h) =>
  h
    .handle("create", ({ payload, headers }) =>
      idempotent("persons.create", headers["idempotency-key"], payload, Effect.gen(function*() {
        const who = yield* principal
        const store = yield* Store
        const person: Contract.Person = { id: payload.id ?? newId("p"), data: payload.data, createdAt: yield* now }
        return yield* store.persons.create(who.tenant, person).pipe(Effect.catchTag("Duplicate", () => Effect.fail(alreadyExists("person", person.id))))
      }))
    )
    .handle("get", ({ params, query }) =>
      Effect.gen(function*() {
        const who = yield* principal
        const store = yield* Store
        const person = yield* store.persons.get(who.tenant, params.id)
        if (person === undefined) return yield* Problem.notFound("person")
        const at = yield* now
        const ledger = yield* store.consents.ledger(who.tenant, person.id)
        const cases = yield* store.cases.bySubject(who.tenant, person.id)
        const referralIds = cases.flatMap((c) => c.state.referrals.filter((r) => r.destination === "hello_work").map((r) => r.referralId))
        const access = Enforcement.personAccess({
          principal: who,
          person,
          ledger,
          at,
          referralIds,
          purpose: query.purpose,
          categories: query.categories?.split(",")
        })
        const disclosures: Array<string> = []
        for (const planned of access.disclosures) {
          const record = yield* store.disclosures
            .append(who.tenant, planned.decision, { disclosureId: newId("d"), dataItems: planned.dataItems })
            .pipe(Effect.orDie)
          disclosures.push(record.disclosureId)
        }
        return { ...access.view, disclosures }
      })
    )
    .handle("consents", ({ params, query }) =>
      Effect.gen(function*() {
        const who = yield* principal
        const store = yield* Store
        const person = yield* store.persons.get(who.tenant, params.id)
        if (person === undefined) return yield* Problem.notFound("person")
        const at = query.at ?? (yield* now)
        const ledger = yield* store.consents.ledger(who.tenant, person.id)
        const views = ledger.records.filter((r) => r.subjectRef === person.id).map((record) => consentView(ledger, record.recordId, at)!)
        return yield* pageOf(views, query)
      })
    )
)

const consentView = (ledger: Consent.Ledger, recordId: string, at: Period.Instant): Contract.ConsentView | undefined => {
  const record = ledger.records.find((r) => r.recordId === recordId)
  if (record === undefined) return undefined
  return { record, recordHash: Consent.recordHash(record), state: Consent.stateAt(ledger, recordId, at), history: [...Consent.historyOf(ledger, recordId)] }
}

// ---------------------------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------------------------

const matches = (row: Contract.CaseSummary, q: { readonly phase?: string | undefined; readonly stage?: string | undefined; readonly followUp?: string | undefined; readonly stagnant?: string | undefined; readonly subject?: string | undefined }) =>
  (q.phase === undefined || row.phase === q.phase) &&
  (q.stage === undefined || row.stage === q.stage || row.autonomyStage === q.stage) &&
  (q.followUp === undefined || (q.followUp === "due" ? row.followUpsDue > 0 : row.followUpsOverdue > 0)) &&
  (q.stagnant === undefined || row.stagnant === (q.stagnant === "true")) &&
  (q.subject === undefined || row.subjectId === q.subject)

const summaryOf = (id: string, version: number, state: Case.CaseState, asOf: Period.LocalDate): Contract.CaseSummary => {
  const stay = Case.currentStay(state, asOf)
  const schedule = Case.followUpSchedule(state, asOf)
  return {
    id,
    subjectId: state.subjectId ?? "",
    version,
    phase: state.phase,
    ...(state.stage === undefined ? {} : { stage: state.stage }),
    ...(stay === undefined ? {} : { autonomyStage: stay.autonomyStage, daysInStage: stay.days }),
    stagnant: Case.stagnation(state, asOf) !== undefined,
    followUpsDue: schedule.filter((f) => f.status === "due").length,
    followUpsOverdue: schedule.filter((f) => f.status === "overdue").length,
    ...(state.openedAt === undefined ? {} : { openedAt: state.openedAt }),
    ...(state.lastEventAt === undefined ? {} : { lastEventAt: state.lastEventAt })
  }
}

export const CasesLive = HttpApiBuilder.group(Api, "cases", (h) =>
  h
    .handle(
      "create",
      ({ payload, headers }) =>
        idempotent("cases.create", headers["idempotency-key"], payload, Effect.gen(function*() {
          const who = yield* principal
          const store = yield* Store
          const actor = yield* actorOf(who)
          const person = yield* store.persons.get(who.tenant, payload.subjectId)
          if (person === undefined) return yield* Problem.notFound("person")
          const { caseId, ...rest } = payload
          const id = caseId ?? newId("c")
          const command: Case.Command = { _tag: "OpenCase", ...rest, caseId: id, actor }
          const decided = Case.decide(Case.initial, command)
          if (Result.isFailure(decided)) return yield* caseRefusal(decided.failure)
          const version = yield* appendNew(who, id, decided.success)
          return HttpApiSchema.withHeaders({ body: viewOf(id, version, Case.replay(decided.success), yield* todayJst), headers: { etag: etagOf(version) } })
        })),
      { uninterruptible: true }
    )
    .handle("list", ({ query }) =>
      Effect.gen(function*() {
        const who = yield* principal
        const store = yield* Store
        const asOf = query.asOf ?? (yield* todayJst)
        const rows = yield* store.cases.summaries(who.tenant)
        const summaries = rows.map((r) => summaryOf(r.id, r.version, r.state, asOf)).filter((s) => matches(s, query))
        return yield* pageOf(summaries, query)
      })
    )
    .handle("get", ({ params }) =>
      Effect.gen(function*() {
        const who = yield* principal
        const stream = yield* readCase(who, params.id)
        const state = stateOf(stream)
        yield* gateCase(who, state)
        return HttpApiSchema.withHeaders({ body: viewOf(params.id, stream.version, state, yield* todayJst), headers: { etag: etagOf(stream.version) } })
      })
    )
    .handle(
      "command",
      ({ params, payload, headers }) =>
        idempotent("cases.command", headers["idempotency-key"], { id: params.id, payload }, Effect.gen(function*() {
          const who = yield* principal
          const site = yield* siteOf(who)
          const { version, state } = yield* readState(who, params.id)
          const ledger = yield* gateCase(who, state)
          const ifMatch = headers["if-match"]
          if (ifMatch !== undefined && ifMatch !== etagOf(version)) {
            return yield* new Problem.PreconditionFailed({
              code: "precondition_failed",
              detail: `If-Match ${ifMatch} does not match the current version ${etagOf(version)}`,
              detailJa: "指定された版が最新ではありません。最新の内容を確認してください",
              etag: etagOf(version)
            })
          }
          const actor = yield* actorOf(who)
          const at = yield* now
          const context = Enforcement.commandContext(payload, ledger, state.subjectId ?? "", at, site.helloWorkOffice)
          const command = { ...payload, actor } as Case.Command
          const decided = Case.decide(state, command, context)
          if (Result.isFailure(decided)) return yield* caseRefusal(decided.failure)
          // Appended at the version it was decided on: the new state is the old one with these events.
          const next = decided.success.length === 0 ? version : yield* appendNext(who, params.id, version, decided.success)
          const after = decided.success.length === 0 ? state : Case.replay(decided.success, state)
          return HttpApiSchema.withHeaders({ body: { case: viewOf(params.id, next, after, yield* todayJst), events: [...decided.success] }, headers: { etag: etagOf(next) } })
        })),
      { uninterruptible: true }
    )
    .handle("events", ({ params, query }) =>
      Effect.gen(function*() {
        const who = yield* principal
        const stream = yield* readCase(who, params.id)
        yield* gateCase(who, stateOf(stream))
        const after = yield* decodeCursor(query.cursor, "v")
        if (after !== undefined && !/^\d{1,9}$/.test(after)) return yield* Problem.badRequest([{ path: ["query", "cursor"], message: "not a cursor of this list" }])
        const from = after === undefined ? 0 : Number(after)
        const limit = query.limit ?? DEFAULT_LIMIT
        const items = stream.events.filter((e) => e.version > from).slice(0, limit)
        const last = items[items.length - 1]
        return last !== undefined && last.version < stream.version ? { items, nextCursor: encodeCursor(`v:${last.version}`) } : { items }
      })
    )
)

// ---------------------------------------------------------------------------------------------
// Consents
// ---------------------------------------------------------------------------------------------

const templateRecord = (payload: Extract<Contract.NewConsent, { readonly template: unknown }>, controller: Consent.ConsentRecord["controller"]) =>
  Effect.gen(function*() {
    const { catalogue } = yield* Service
    const programme = Catalogue.get(catalogue, payload.template.programme)
    const template = programme?.consent.find((t) => t.id === payload.template.id)
    if (template === undefined) return yield* Problem.notFound("consent template")
    return Programme.draftRecord(template, {
      recordId: payload.recordId ?? newId("cr"),
      subjectRef: payload.subjectRef,
      controller,
      validFrom: payload.validFrom,
      validUntil: payload.validUntil,
      evidence: payload.evidence,
      noticeVersion: payload.noticeVersion
    })
  })

export const ConsentsLive = HttpApiBuilder.group(Api, "consents", (h) =>
  h
    .handle(
      "create",
      ({ payload, headers }) =>
        idempotent("consents.create", headers["idempotency-key"], payload, Effect.gen(function*() {
          const who = yield* principal
          const store = yield* Store
          const site = yield* siteOf(who)
          const record = "record" in payload ? payload.record : yield* templateRecord(payload, site.controller)
          const person = yield* store.persons.get(who.tenant, record.subjectRef)
          if (person === undefined) return yield* Problem.notFound("person")
          const decoded = Consent.decodeRecord(record)
          if (Result.isFailure(decoded)) return yield* consentRefusal("consent", decoded.failure)
          const ledger = yield* store.consents
            .apply(who.tenant, record.subjectRef, { _tag: "RecordAdded", record: decoded.success })
            .pipe(Effect.catchTag("Refused", (r) => Effect.fail(consentRefusal("consent", r.refusal))))
          return consentView(ledger, record.recordId, yield* now)!
        })),
      { uninterruptible: true }
    )
    .handle(
      "appendEvent",
      ({ params, payload, headers }) =>
        idempotent("consents.appendEvent", headers["idempotency-key"], { id: params.id, payload }, Effect.gen(function*() {
          const who = yield* principal
          const store = yield* Store
          const record = yield* store.consents.record(who.tenant, params.id)
          if (record === undefined) return yield* Problem.notFound("consent record")
          const at = yield* now
          const { eventId, effectiveAt, actor, ...rest } = payload
          const event: Consent.ConsentEvent = {
            ...rest,
            eventId: eventId ?? newId("ce"),
            recordId: record.recordId,
            effectiveAt: effectiveAt ?? at,
            recordedAt: at,
            // Staff acts only as the principal: nobody records an event in a colleague's name.
            actor: actor._tag === "staff" ? { _tag: "staff", staffId: who.id } : actor
          }
          const ledger = yield* store.consents
            .apply(who.tenant, record.subjectRef, { _tag: "EventAppended", event })
            .pipe(Effect.catchTag("Refused", (r) => Effect.fail(consentRefusal("consent", r.refusal))))
          return consentView(ledger, record.recordId, at)!
        })),
      { uninterruptible: true }
    )
)

// ---------------------------------------------------------------------------------------------
// Disclosures
// ---------------------------------------------------------------------------------------------

export const DisclosuresLive = HttpApiBuilder.group(Api, "disclosures", (h) =>
  h
    .handle(
      "create",
      ({ payload, headers }) =>
        idempotent("disclosures.create", headers["idempotency-key"], payload, Effect.gen(function*() {
          const who = yield* principal
          const store = yield* Store
          const person = yield* store.persons.get(who.tenant, payload.request.subjectRef)
          if (person === undefined) return yield* Problem.notFound("person")
          const at = yield* now
          const ledger = yield* store.consents.ledger(who.tenant, person.id)
          const request: Consent.Request = { ...payload.request, at }
          const decision = Consent.decide(ledger, request)
          if (decision._tag !== "Permit") {
            return yield* Problem.domainRefusal({
              source: "disclosure",
              tag: decision._tag,
              code: "not-permitted",
              path: ["request"],
              message: decision.reason,
              messageJa: decision.reasonJa,
              details: decision
            })
          }
          const record = yield* store.disclosures
            .append(who.tenant, decision, { disclosureId: payload.disclosure.disclosureId ?? newId("d"), dataItems: payload.disclosure.dataItems })
            .pipe(Effect.catchTag("Refused", (r) => Effect.fail(consentRefusal("disclosure", r.refusal))))
          return { decision, record }
        })),
      { uninterruptible: true }
    )
    .handle("list", ({ query }) =>
      Effect.gen(function*() {
        const who = yield* principal
        const store = yield* Store
        return yield* store.disclosures.list(who.tenant, query.subject, { limit: query.limit ?? DEFAULT_LIMIT, cursor: query.cursor })
      })
    )
)
