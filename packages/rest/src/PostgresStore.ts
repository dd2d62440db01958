/**
 * PostgresStore (PostgreSQL 保存先) — the reference `Store` on `@jiritsu/postgres`: the same code on
 * a PostgreSQL server (`DATABASE_URL`) and on embedded PGlite.
 *
 * Everything with a history is a stream of `@jiritsu/postgres`'s `EventStore`, per tenant:
 * - `case:<id>` — the core's case events (`Case.Event`), appended with the expected version, so two
 *   writers never both win;
 * - `person:<id>` — the registration of a person (one event);
 * - `consent:<subject>` — the person's consent ledger entries (`Consent.LedgerEntry`), each checked
 *   by the core against the ledger read at the stream's version and appended at that version: a
 *   concurrent entry makes the append conflict and the check run again on the new ledger;
 * - `consent-index:<subject>` — which records belong to the person (read into an index);
 * - `subject-cases:<subject>` — which cases are the person's;
 * - `disclosure-log` — the tenant's hash-chained disclosure log (`Disclosure.append` at the head).
 *
 * Two tables of its own, migrated in the `rest` namespace of `@jiritsu/postgres`'s Migrator:
 * `rest_plans` (business plans) and `rest_idempotency_keys`.
 *
 * Case lists and metric tallies are folded from the tenant's log (`EventStore.readAll`, which
 * never skips an in-flight transaction) into an in-process read model that catches up
 * incrementally from its last position on every read. The log shows an event once no older
 * transaction is still open anywhere on the server, so lists and figures may trail a write by as
 * long as the longest open transaction; reads of one case or one person never do.
 *
 * @since 0.1.0
 */
import { Case, Consent, Disclosure, Metric, Target } from "@jiritsu/core"
import { Database, EventStore, Migrations, Tenant } from "@jiritsu/postgres"
import { Effect, Layer, Result, Schema } from "effect"
import { SqlClient } from "effect/sql"
import * as Contract from "./Contract.ts"
import { encodeCursor } from "./internal/paging.ts"
import { Duplicate, Refused, Store, type CaseRow, type CaseStream, type PageOf, type StoreShape, VersionConflict } from "./Store.ts"

/** The `rest` migration namespace: business plans and idempotency keys. @category migrations @since 0.1.0 */
export const migrations: Migrations.Namespace = {
  name: "rest",
  migrations: {
    "0001_idempotency_keys": Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      yield* sql`CREATE TABLE IF NOT EXISTS rest_idempotency_keys (
        tenant text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status integer,
        body text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant, key)
      )`
    }),
    "0002_plans": Effect.gen(function*() {
      const sql = yield* SqlClient.SqlClient
      yield* sql`CREATE TABLE IF NOT EXISTS rest_plans (
        tenant text NOT NULL,
        id text NOT NULL,
        fiscal_year integer NOT NULL,
        plan jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant, id)
      )`
    })
  }
}

/** What the metric tally needs per tenant: the site id and the person's target groups. @category options @since 0.1.0 */
export interface Options {
  /** The metric site of each tenant (default: the tenant code). */
  readonly metricSites?: ReadonlyMap<string, string> | undefined
}

const encodeCaseEvent = Schema.encodeSync(Case.Event)
const encodePerson = Schema.encodeSync(Contract.Person)
const decodePerson = Schema.decodeUnknownSync(Contract.Person)
const encodeEntry = Schema.encodeSync(Consent.LedgerEntry)
const decodeEntry = Schema.decodeUnknownSync(Consent.LedgerEntry)
const encodeDisclosure = Schema.encodeSync(Disclosure.DisclosureRecord)
const decodeDisclosure = Schema.decodeUnknownSync(Disclosure.DisclosureRecord)
const decodePlan = Schema.decodeUnknownSync(Target.Plan)
const encodePlan = Schema.encodeSync(Target.Plan)

const CASE = "case:"
const DISCLOSURES = "disclosure-log"

const instant = (s: string) => new Date(s).toISOString() as Contract.StoredCaseEvent["recordedAt"]

const caseEventOf = (e: EventStore.StoredEvent): Contract.StoredCaseEvent => {
  const decoded = Case.decodeEvent({ ...e.data, _tag: e.type })
  if (Result.isFailure(decoded)) {
    throw new Error(`tenant ${e.tenant}, stream ${e.stream}, version ${e.version}: stored case event does not decode: ${decoded.failure.map((i) => i.message).join("; ")}`)
  }
  return { version: e.version, recordedAt: instant(e.recordedAt), event: decoded.success }
}

/** Groups that decide which national items a case counts for: the core's target-group ids. */
const targetGroupsOf = (events: ReadonlyArray<Case.Event>): ReadonlyArray<string> => {
  const opened = events.find((e) => e._tag === "CaseOpened")
  return opened !== undefined && opened._tag === "CaseOpened" && opened.publicAssistance ? ["welfare_recipient"] : ["needy_person"]
}

interface TenantModel {
  position: number
  readonly cases: Map<string, { version: number; events: Array<Case.Event>; state: Case.CaseState }>
  tally: Metric.Tally | undefined
}

/** Builds the store over an EventStore and a SqlClient. @category constructors @since 0.1.0 */
export const make = (options: Options = {}): Effect.Effect<StoreShape, never, EventStore.EventStore | SqlClient.SqlClient | Database.Database> =>
  Effect.gen(function*() {
    const events = yield* EventStore.EventStore
    const sql = yield* SqlClient.SqlClient
    const database = yield* Database.Database
    const as = <A, E>(tenant: string, effect: Effect.Effect<A, E, Tenant.Tenant>): Effect.Effect<A, E> =>
      Effect.provideService(effect, Tenant.Tenant, { code: tenant as Tenant.MunicipalityCode })

    const models = new Map<string, TenantModel>()
    // Which person each consent record belongs to (`tenant/recordId` → subject), from the index streams.
    const recordSubjects = new Map<string, string>()
    const catchUp = (tenant: string): Effect.Effect<TenantModel> =>
      as(
        tenant,
        Effect.gen(function*() {
          let model = models.get(tenant)
          if (model === undefined) {
            model = { position: 0, cases: new Map(), tally: undefined }
            models.set(tenant, model)
          }
          for (;;) {
            const batch = yield* events.readAll({ after: model.position, limit: 5_000 })
            if (batch.length === 0) break
            for (const e of batch) {
              model.position = e.position
              if (e.type === "ConsentRecordIndexed") {
                recordSubjects.set(`${tenant}/${String(e.data["recordId"])}`, String(e.data["subjectRef"]))
                continue
              }
              if (!e.stream.startsWith(CASE)) continue
              const id = e.stream.slice(CASE.length)
              const stored = caseEventOf(e).event
              const entry = model.cases.get(id) ?? { version: 0, events: [], state: Case.initial }
              entry.version = e.version
              entry.events.push(stored)
              entry.state = Case.evolve(entry.state, stored)
              model.cases.set(id, entry)
              model.tally = undefined
            }
          }
          return model
        })
      ).pipe(Effect.orDie)

    // The person → cases index, written before the case's first events (a failed open leaves an
    // entry that points at no case, which readers skip).
    const indexCase = (tenant: string, id: string, caseEvents: ReadonlyArray<Case.Event>) => {
      const opened = caseEvents.find((e) => e._tag === "CaseOpened")
      return opened === undefined || opened._tag !== "CaseOpened"
        ? Effect.void
        : as(tenant, events.append(`subject-cases:${opened.subjectId}`, "any", [{ type: "CaseIndexed", data: { caseId: id } }], { streamType: "subject-index" })).pipe(Effect.orDie, Effect.asVoid)
    }

    const rowsOf = (model: TenantModel): ReadonlyArray<CaseRow> => [...model.cases.entries()].map(([id, c]) => ({ id, version: c.version, state: c.state }))

    const readConsent = (tenant: string, subject: string) =>
      as(
        tenant,
        Effect.gen(function*() {
          const stored = yield* events.readStream(`consent:${subject}`)
          let ledger = Consent.empty()
          for (const e of stored) {
            const applied = Consent.apply(ledger, decodeEntry(e.data))
            if (Result.isFailure(applied)) throw new Error(`tenant ${tenant}, stream consent:${subject}, version ${e.version}: stored entry no longer applies: ${applied.failure.message}`)
            ledger = applied.success
          }
          return { version: stored.length === 0 ? 0 : stored[stored.length - 1]!.version, ledger }
        })
      ).pipe(Effect.orDie)

    const readDisclosures = (tenant: string) =>
      as(
        tenant,
        Effect.gen(function*() {
          const stored = yield* events.readStream(DISCLOSURES, { limit: 100_000 })
          return { version: stored.length === 0 ? 0 : stored[stored.length - 1]!.version, log: { entries: stored.map((e) => decodeDisclosure(e.data)) } }
        })
      ).pipe(Effect.orDie)

    const page = <A>(items: ReadonlyArray<A>, key: (a: A) => number, limit: number, cursor: string | undefined): PageOf<A> => {
      const after = cursor === undefined ? -1 : Number(Buffer.from(cursor, "base64url").toString("utf8").slice(2))
      const rest = items.filter((a) => key(a) > after)
      const slice = rest.slice(0, limit)
      const last = slice[slice.length - 1]
      return rest.length > limit && last !== undefined ? { items: slice, nextCursor: encodeCursor(`s:${key(last)}`) } : { items: slice }
    }

    const shape: StoreShape = {
      backend: database.backend === "server" ? "postgres" : "pglite",
      atomically: (effect) => sql.withTransaction(effect).pipe(Effect.catchTag("SqlError", Effect.die)) as never,
      ping: sql`SELECT 1 AS one`.pipe(
        Effect.as(true),
        Effect.catch(() => Effect.succeed(false))
      ),
      persons: {
        create: (tenant, person) =>
          as(tenant, events.append(`person:${person.id}`, 0, [{ type: "PersonRegistered", data: encodePerson(person) as never }], { streamType: "person" })).pipe(
            Effect.as(person),
            Effect.catchTag("VersionConflict", () => Effect.fail(new Duplicate({ resource: "person", id: person.id }))),
            Effect.catchTags({ InvalidAppend: Effect.die, ProjectionFailed: Effect.die, StorageError: Effect.die })
          ),
        get: (tenant, id) =>
          as(tenant, events.readStream(`person:${id}`, { limit: 1 })).pipe(
            Effect.map((stored) => (stored[0] === undefined ? undefined : decodePerson(stored[0].data))),
            Effect.orDie
          )
      },
      cases: {
        read: (tenant, id) =>
          as(tenant, events.readStream(`${CASE}${id}`)).pipe(
            Effect.map((stored): CaseStream | undefined => (stored.length === 0 ? undefined : { version: stored[stored.length - 1]!.version, events: stored.map(caseEventOf) })),
            Effect.orDie
          ),
        append: (tenant, id, expected, caseEvents, meta) =>
          indexCase(tenant, id, caseEvents).pipe(Effect.andThen(as(
            tenant,
            events.append(
              `${CASE}${id}`,
              expected,
              caseEvents.map((e) => {
                const { _tag, ...data } = encodeCaseEvent(e) as { readonly _tag: string }
                return { type: _tag, data, metadata: { principal: meta.principalId, requestId: meta.requestId } }
              }),
              { streamType: "case" }
            )
          ))).pipe(
            Effect.flatMap(() => shape.cases.read(tenant, id)),
            Effect.map((s) => s!),
            Effect.catchTag("VersionConflict", (c) => Effect.fail(new VersionConflict({ expected, actual: c.actual }))),
            Effect.catchTags({ InvalidAppend: Effect.die, ProjectionFailed: Effect.die, StorageError: Effect.die })
          ),
        summaries: (tenant) => Effect.map(catchUp(tenant), rowsOf),
        // Read from the person's index and the case streams, not from the log: a case opened a
        // moment ago is there at once (the log only shows it once no older transaction is open).
        bySubject: (tenant, subjectId) =>
          Effect.gen(function*() {
            const index = yield* as(tenant, events.readStream(`subject-cases:${subjectId}`)).pipe(Effect.orDie)
            const ids = [...new Set(index.map((e) => String(e.data["caseId"])))]
            const rows: Array<CaseRow> = []
            for (const id of ids) {
              const stream = yield* shape.cases.read(tenant, id)
              if (stream === undefined) continue
              const state = Case.replay(stream.events.map((e) => e.event))
              if (state.subjectId === subjectId) rows.push({ id, version: stream.version, state })
            }
            return rows
          })
      },
      consents: {
        ledger: (tenant, subject) => Effect.map(readConsent(tenant, subject), (r) => r.ledger),
        record: (tenant, recordId) =>
          Effect.gen(function*() {
            const subject = recordSubjects.get(`${tenant}/${recordId}`) ?? (yield* catchUp(tenant), recordSubjects.get(`${tenant}/${recordId}`))
            if (subject === undefined) return undefined
            const { ledger } = yield* readConsent(tenant, subject)
            return ledger.records.find((r) => r.recordId === recordId)
          }),
        apply: (tenant, subject, entry) => shape.consents.applyAll(tenant, subject, [entry]),
        applyAll: (tenant, subject, entries) => {
          const attempt = Effect.gen(function*() {
            const { version, ledger } = yield* readConsent(tenant, subject)
            let current = ledger
            const fresh: Array<Consent.LedgerEntry> = []
            for (const entry of entries) {
              const next = Consent.apply(current, entry)
              if (Result.isFailure(next)) return yield* new Refused({ source: "consent", refusal: next.failure })
              // The same record or event again is a no-op of the core: nothing to append.
              if (next.success !== current) fresh.push(entry)
              current = next.success
            }
            if (fresh.length === 0) return current
            const records = fresh.flatMap((e) => (e._tag === "RecordAdded" ? [e.record.recordId] : []))
            if (records.length > 0) {
              yield* as(
                tenant,
                events.append(`consent-index:${subject}`, "any", records.map((recordId) => ({ type: "ConsentRecordIndexed", data: { recordId, subjectRef: subject } })), { streamType: "consent-index" })
              ).pipe(Effect.orDie)
              for (const recordId of records) recordSubjects.set(`${tenant}/${recordId}`, subject)
            }
            yield* as(tenant, events.append(`consent:${subject}`, version, fresh.map((entry) => ({ type: entry._tag, data: encodeEntry(entry) as never })), { streamType: "consent" })).pipe(
              Effect.catchTags({ InvalidAppend: Effect.die, ProjectionFailed: Effect.die, StorageError: Effect.die })
            )
            return current
          })
          return attempt.pipe(Effect.retry({ while: (e) => e._tag === "VersionConflict", times: 50 }), Effect.catchTag("VersionConflict", Effect.die))
        }
      },
      disclosures: {
        append: (tenant, decision, disclosure) => {
          const attempt = Effect.gen(function*() {
            const { version, log } = yield* readDisclosures(tenant)
            const next = Disclosure.append(log, decision, disclosure)
            if (Result.isFailure(next)) return yield* new Refused({ source: "disclosure", refusal: next.failure })
            const entry = next.success.entries[next.success.entries.length - 1]!
            if (next.success === log) return log.entries.find((e) => e.disclosureId === disclosure.disclosureId)!
            yield* as(tenant, events.append(DISCLOSURES, version, [{ type: "Disclosed", data: encodeDisclosure(entry) as never }], { streamType: "disclosure-log" })).pipe(
              Effect.catchTags({ InvalidAppend: Effect.die, ProjectionFailed: Effect.die, StorageError: Effect.die })
            )
            return entry
          })
          return attempt.pipe(Effect.retry({ while: (e) => e._tag === "VersionConflict", times: 50 }), Effect.catchTag("VersionConflict", Effect.die))
        },
        list: (tenant, subject, request) =>
          Effect.map(readDisclosures(tenant), ({ log }) =>
            page(
              subject === undefined ? log.entries : Disclosure.forSubject(log, subject),
              (e) => e.seq,
              request.limit,
              request.cursor
            )
          )
      },
      plans: {
        list: (tenant) =>
          sql<{ readonly plan: unknown }>`SELECT plan FROM rest_plans WHERE tenant = ${tenant} ORDER BY fiscal_year, id`.pipe(
            Effect.map((rows) => rows.map((r) => decodePlan(typeof r.plan === "string" ? JSON.parse(r.plan) : r.plan))),
            Effect.orDie
          ),
        get: (tenant, id) =>
          sql<{ readonly plan: unknown }>`SELECT plan FROM rest_plans WHERE tenant = ${tenant} AND id = ${id}`.pipe(
            Effect.map((rows) => (rows[0] === undefined ? undefined : decodePlan(typeof rows[0].plan === "string" ? JSON.parse(rows[0].plan) : rows[0].plan))),
            Effect.orDie
          ),
        create: (tenant, plan) =>
          sql<{ readonly id: string }>`INSERT INTO rest_plans (tenant, id, fiscal_year, plan) VALUES (${tenant}, ${plan.id}, ${plan.fiscalYear}, ${JSON.stringify(encodePlan(plan))}::jsonb)
            ON CONFLICT (tenant, id) DO NOTHING RETURNING id`.pipe(
            Effect.orDie,
            Effect.flatMap((rows) => (rows.length === 0 ? Effect.fail(new Duplicate({ resource: "plan", id: plan.id })) : Effect.succeed(plan)))
          )
      },
      metrics: {
        tally: (tenant) =>
          Effect.map(catchUp(tenant), (model) => {
            if (model.tally !== undefined) return model.tally
            const site = options.metricSites?.get(tenant) ?? tenant
            const streams = [...model.cases.values()].map((c) => ({ events: c.events, context: { site, targetGroups: targetGroupsOf(c.events) } }))
            const tally = Case.toMetricTally(streams)
            if (Result.isFailure(tally)) throw new Error(`tenant ${tenant}: case events do not count: ${tally.failure.message}`)
            model.tally = tally.success
            return tally.success
          })
      },
      idempotency: {
        claim: (tenant, key, requestHash) =>
          Effect.gen(function*() {
            const inserted = yield* sql<{ readonly key: string }>`INSERT INTO rest_idempotency_keys (tenant, key, request_hash) VALUES (${tenant}, ${key}, ${requestHash})
              ON CONFLICT (tenant, key) DO NOTHING RETURNING key`
            if (inserted.length > 0) return undefined
            const rows = yield* sql<{ readonly request_hash: string; readonly status: number | null; readonly body: string | null }>`SELECT request_hash, status, body FROM rest_idempotency_keys WHERE tenant = ${tenant} AND key = ${key}`
            const row = rows[0]
            // Released between the insert and the select: claim again.
            if (row === undefined) return yield* Effect.fail("released" as const)
            return { requestHash: row.request_hash, response: row.status === null || row.body === null ? undefined : { status: row.status, body: row.body } }
          }).pipe(Effect.retry({ while: (e) => e === "released", times: 5 }), Effect.orDie),
        complete: (tenant, key, response) =>
          sql`UPDATE rest_idempotency_keys SET status = ${response.status}, body = ${response.body} WHERE tenant = ${tenant} AND key = ${key}`.pipe(Effect.asVoid, Effect.orDie),
        release: (tenant, key) => sql`DELETE FROM rest_idempotency_keys WHERE tenant = ${tenant} AND key = ${key} AND status IS NULL`.pipe(Effect.asVoid, Effect.orDie)
      }
    }
    return shape
  })

/**
 * The store on a database layer: runs the migrations (`@jiritsu/postgres`'s and the `rest`
 * namespace) and builds the SQL event store.
 * @category layers
 * @since 0.1.0
 */
export const layer = (options: Options = {}): Layer.Layer<Store, Migrations.MigrationFailed, SqlClient.SqlClient | Database.Database> =>
  Layer.effect(Store, Effect.andThen(Migrations.run({ namespaces: [migrations] }), make(options))).pipe(Layer.provide(EventStore.layerSql()))
