/**
 * PostgresStore (PostgreSQL 保存先) — the reference `Store` on `@jiritsu/postgres`: the same code on
 * a PostgreSQL server (`DATABASE_URL`) and on embedded PGlite.
 *
 * Every part is one of that package's stores:
 * - cases: `EventStore` streams in `CaseStore`'s format (`case-<id>`, the opening event carrying
 *   the metric context), appended with the expected version, so two writers never both win; the
 *   `CaseView` and `MetricsView` projections run **inline** (in the appending transaction), so a
 *   list or a figure read right after a write includes it;
 * - people: `Persons` (encrypted per person, erasable by crypto-shredding);
 * - consent: `ConsentStore` (the tenant's ledger, every entry checked by the core, append-only);
 * - disclosures: `DisclosureStore` (the hash chain with its stored head).
 *
 * Two tables of its own, migrated in the `rest` namespace of the same Migrator: `rest_plans`
 * (business plans) and `rest_idempotency_keys`.
 *
 * @since 0.1.0
 * @module
 */
import { Case, type Consent, type Disclosure, Period, Target } from "@jiritsu/core"
import { CaseStore, CaseView, ConsentStore, Database, DisclosureStore, EventStore, Migrations, MetricsView, Persons, Projection, Tenant } from "@jiritsu/postgres"
import { Effect, Layer, Schema } from "effect"
import { SqlClient } from "effect/sql"
import * as Contract from "./Contract.ts"
import { encodeCursor } from "./internal/paging.ts"
import { Duplicate, Refused, Store, type CaseRow, type CaseStream, type PageOf, type StoreShape, VersionConflict } from "./Store.ts"

/**
 * The `rest` migration namespace: business plans and idempotency keys. @category migrations @since 0.1.0
 * @example
 * ```ts
 * PostgresStore.migrations.name                      // "rest"
 * Object.keys(PostgresStore.migrations.migrations)   // ["0001_idempotency_keys", "0002_plans"]
 * ```
 */
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

/**
 * The inline projections the store relies on (lists and figures consistent with every write). @category layers @since 0.1.0
 * @example
 * ```ts
 * // an event store of your own that keeps the REST store's lists and figures in step with every write
 * const events = EventStore.layerSql({ inline: PostgresStore.inlineProjections })
 * ```
 */
export const inlineProjections: ReadonlyArray<EventStore.InlineProjection> = [
  Projection.inline(CaseView.projection),
  Projection.inline(MetricsView.projection),
  Projection.inline(ConsentStore.statusProjection),
  Projection.inline(DisclosureStore.summaryProjection)
]

const PersonRecord = Schema.Struct({ data: Contract.PersonalData, createdAt: Period.Instant })
const encodePersonRecord = Schema.encodeSync(PersonRecord)
const decodePersonRecord = Schema.decodeUnknownSync(PersonRecord)
const decodePlan = Schema.decodeUnknownSync(Target.Plan)
const encodePlan = Schema.encodeSync(Target.Plan)

const instant = (s: string) => new Date(s).toISOString() as Contract.StoredCaseEvent["recordedAt"]

/** Storage faults are defects (answered 500 and logged); only the errors named stay typed. */
const keep =
  <const Tags extends string = never>(...tags: ReadonlyArray<Tags>) =>
  <A, E extends { readonly _tag: string }, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, Extract<E, { readonly _tag: Tags }>, R> =>
    Effect.catch(effect, (e) => (tags.includes(e._tag as Tags) ? Effect.fail(e as Extract<E, { readonly _tag: Tags }>) : Effect.die(e)))

/**
 * Builds the store over the package's services. @category constructors @since 0.1.0
 * @example
 * ```ts
 * import { Layer } from "effect"
 * // over the postgres package's services that you provide yourself (PostgresStore.layer provides them)
 * const store = Layer.effect(Store.Store, PostgresStore.make)
 * ```
 */
export const make = Effect.gen(function*() {
  const events = yield* EventStore.EventStore
  const persons = yield* Persons.Persons
  const consents = yield* ConsentStore.ConsentStore
  const disclosures = yield* DisclosureStore.DisclosureStore
  const sql = yield* SqlClient.SqlClient
  const database = yield* Database.Database
  const provide = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    effect.pipe(
      Effect.provideService(SqlClient.SqlClient, sql),
      Effect.provideService(EventStore.EventStore, events)
    ) as Effect.Effect<A, E, Exclude<R, SqlClient.SqlClient | EventStore.EventStore>>
  const as = <A, E, R>(tenant: string, effect: Effect.Effect<A, E, R>) =>
    provide(Effect.provideService(effect, Tenant.Tenant, { code: tenant as Tenant.MunicipalityCode }))

  const readCase = (tenant: string, id: string) =>
    as(
      tenant,
      Effect.gen(function*() {
        const stored = yield* events.readStream(CaseStore.streamOf(id))
        if (stored.length === 0) return undefined
        const decoded = yield* Effect.forEach(stored, (e) => Effect.map(CaseStore.decodeStored(e), (event) => ({ version: e.version, recordedAt: instant(e.recordedAt), event })))
        return { version: stored[stored.length - 1]!.version, events: decoded } satisfies CaseStream
      })
    ).pipe(keep())

  const rowsOf = (rows: ReadonlyArray<CaseView.CaseRow>): ReadonlyArray<CaseRow> => rows.map((r) => ({ id: r.caseId, version: r.version, state: r.state }))
  const today = () => Period.unsafeDate(new Date().toISOString().slice(0, 10))

  const page = <A>(items: ReadonlyArray<A>, key: (a: A) => number, limit: number, cursor: string | undefined): PageOf<A> => {
    const decoded = cursor === undefined ? undefined : Buffer.from(cursor, "base64url").toString("utf8")
    const after = decoded === undefined || !/^s:\d{1,12}$/.test(decoded) ? -1 : Number(decoded.slice(2))
    const rest = items.filter((a) => key(a) > after)
    const slice = rest.slice(0, limit)
    const last = slice[slice.length - 1]
    return rest.length > limit && last !== undefined ? { items: slice, nextCursor: encodeCursor(`s:${key(last)}`) } : { items: slice }
  }

  const applyEntry = (tenant: string, entry: Consent.LedgerEntry) =>
    as(tenant, consents.apply(entry)).pipe(
      keep("EntryRefused"),
      Effect.catchTag("EntryRefused", (e) => Effect.fail(new Refused({ source: "consent", refusal: e.refusal })))
    )

  const ledger = (tenant: string) => as(tenant, consents.ledger).pipe(keep())

  const shape: StoreShape = {
    backend: database.backend === "server" ? "postgres" : "pglite",
    atomically: (effect) => sql.withTransaction(effect).pipe(Effect.catchTag("SqlError", Effect.die)) as never,
    ping: sql`SELECT 1 AS one`.pipe(
      Effect.as(true),
      Effect.catch(() => Effect.succeed(false))
    ),
    persons: {
      create: (tenant, person) =>
        Effect.gen(function*() {
          const found = yield* as(tenant, persons.get(person.id))
          if (found._tag !== "NotFound") return yield* new Duplicate({ resource: "person", id: person.id })
          yield* as(tenant, persons.put(person.id, encodePersonRecord({ data: person.data, createdAt: person.createdAt })))
          return person
        }).pipe(keep("Duplicate")),
      get: (tenant, id) =>
        as(tenant, persons.get(id)).pipe(
          // An erased person's data is gone for good: as far as the API is concerned there is no such person.
          Effect.map((found) => (found._tag === "Available" ? { id, ...decodePersonRecord(found.data) } : undefined)),
          keep()
        )
    },
    cases: {
      read: readCase,
      append: (tenant, id, expected, caseEvents, meta) =>
        as(
          tenant,
          events.append(
            CaseStore.streamOf(id),
            expected,
            caseEvents.map((e, i) =>
              CaseStore.toNewEvent(e, {
                principal: meta.principalId,
                requestId: meta.requestId,
                ...(expected === 0 && i === 0 && meta.metrics !== undefined ? { metrics: meta.metrics } : {})
              })
            ),
            { streamType: "case" }
          )
        ).pipe(
          keep("VersionConflict"),
          Effect.catchTag("VersionConflict", (c) => Effect.fail(new VersionConflict({ expected, actual: c.actual }))),
          Effect.map((appended) => appended.nextVersion)
        ),
      state: (tenant, id) =>
        as(tenant, CaseView.get(id, today())).pipe(
          keep(),
          // A case the read model does not have (yet): fold its stream.
          Effect.flatMap((row) =>
            row !== undefined
              ? Effect.succeed<CaseRow | undefined>({ id, version: row.version, state: row.state })
              : Effect.map(readCase(tenant, id), (s) => (s === undefined ? undefined : { id, version: s.version, state: Case.replay(s.events.map((e) => e.event)) }))
          )
        ),
      summaries: (tenant) => as(tenant, CaseView.list({ asOf: today(), limit: 100_000 })).pipe(Effect.map(rowsOf), keep()),
      bySubject: (tenant, subjectId) =>
        as(tenant, CaseView.list({ asOf: today(), limit: 100_000 })).pipe(
          Effect.map((rows) => rowsOf(rows.filter((r) => r.subjectId === subjectId))),
          keep()
        )
    },
    consents: {
      ledger: (tenant) => ledger(tenant),
      record: (tenant, recordId) => Effect.map(ledger(tenant), (l) => l.records.find((r) => r.recordId === recordId)),
      apply: (tenant, _subject, entry) => Effect.andThen(applyEntry(tenant, entry), ledger(tenant)),
      applyAll: (tenant, _subject, entries) =>
        Effect.andThen(
          Effect.forEach(entries, (e) => applyEntry(tenant, e), { discard: true }),
          ledger(tenant)
        )
    },
    disclosures: {
      append: (tenant, decision, disclosure) =>
        as(tenant, disclosures.append(decision, disclosure)).pipe(
          keep("DisclosureRefused"),
          Effect.catchTag("DisclosureRefused", (e) => Effect.fail(new Refused({ source: "disclosure", refusal: e.refusal })))
        ),
      list: (tenant, subject, request) =>
        as(tenant, subject === undefined ? Effect.map(disclosures.log, (l) => l.entries) : disclosures.forSubject(subject)).pipe(
          Effect.map((entries: ReadonlyArray<Disclosure.DisclosureRecord>) => page(entries, (e) => e.seq, request.limit, request.cursor)),
          keep()
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
      tally: (tenant) => as(tenant, MetricsView.tally()).pipe(keep())
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
 * The store with its database (the server when `options.url` is given, embedded PGlite
 * otherwise): what most embedders want. Embedded PGlite is one PostgreSQL session, so it gets one
 * connection (concurrent requests queue on it rather than interleave).
 * @category layers
 * @since 0.1.0
 * @example
 * ```ts
 * const store = PostgresStore.layerFrom(process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : { dataDir: ".jiritsu/data" })
 * const inMemory = PostgresStore.layerFrom({ dataDir: "memory://" }) // embedded PGlite, gone at exit (tests, examples)
 * ```
 */
export const layerFrom = (options: Database.Options = {}): Layer.Layer<Store, Database.DatabaseStartError | Migrations.MigrationFailed> => {
  const embedded = options.url === undefined || options.url === ""
  return layer().pipe(Layer.provide(Database.layer(embedded ? { maxConnections: 1, ...options } : options)))
}

/**
 * The store on a database layer: runs the migrations (`@jiritsu/postgres`'s and the `rest`
 * namespace), and builds the SQL event store with the inline projections and the package's stores.
 * @category layers
 * @since 0.1.0
 * @example
 * ```ts
 * import { Layer } from "effect"
 * // the store on a database layer you configure yourself (pool size, …)
 * const store = PostgresStore.layer().pipe(Layer.provide(Database.layer({ url: "postgres://jiritsu@127.0.0.1:5432/jiritsu", maxConnections: 20 })))
 * ```
 */
export const layer = (): Layer.Layer<Store, Migrations.MigrationFailed, SqlClient.SqlClient | Database.Database> => {
  const eventStore = EventStore.layerSql({ inline: inlineProjections })
  const consent = ConsentStore.layer.pipe(Layer.provide(eventStore))
  const stores = Layer.mergeAll(eventStore, Persons.layer(), consent, DisclosureStore.layer.pipe(Layer.provide(consent))).pipe(Layer.provide(eventStore))
  return Layer.effect(Store, Effect.andThen(Migrations.run({ namespaces: [migrations] }), make)).pipe(Layer.provide(stores)) as never
}


