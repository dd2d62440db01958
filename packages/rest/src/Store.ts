/**
 * Store (保存先) — what the HTTP handlers need from persistence, per tenant, as one service.
 *
 * The reference implementation (`PostgresStore`) delegates to `@jiritsu/postgres` (its
 * `EventStore` for case streams, and its consent ledger, disclosure log and read models); an
 * embedder with its own persistence provides another layer of this service. Every method takes the
 * tenant explicitly: handlers pass the principal's tenant, never a value from the request.
 *
 * Writes that check and append (a consent event against the ledger, a disclosure against the
 * chain) are serialised per subject or per tenant by the implementation, so two concurrent
 * requests can never both pass a check that only one of them may pass.
 *
 * @since 0.1.0
 * @module
 */
import type { Case, Consent, Disclosure, Metric, Target } from "@jiritsu/core"
import { Context, type Effect, Schema } from "effect"
import type * as Contract from "./Contract.ts"

/**
 * The stream was at another version than expected. @category errors @since 0.1.0
 * @example
 * ```ts
 * const conflict = new Store.VersionConflict({ expected: 3, actual: 4 }) // answered as 409 Problem.Conflict
 * ```
 */
export class VersionConflict extends Schema.TaggedError<VersionConflict>()("VersionConflict", {
  expected: Schema.Int,
  actual: Schema.Int
}) {}

/**
 * An id is already taken (with other content). @category errors @since 0.1.0
 * @example
 * ```ts
 * const duplicate = new Store.Duplicate({ resource: "person", id: "p-0001" }) // answered as 409 Problem.AlreadyExists
 * ```
 */
export class Duplicate extends Schema.TaggedError<Duplicate>()("Duplicate", {
  resource: Schema.String,
  id: Schema.String
}) {}

/**
 * A domain refusal raised while appending (the core's typed refusal, as it refused). @category errors @since 0.1.0
 * @example
 * ```ts
 * const refused = new Store.Refused({ source: "consent", refusal: { _tag: "IllegalTransition" } }) // answered as 422 Problem.DomainRefusal
 * ```
 */
export class Refused extends Schema.TaggedError<Refused>()("Refused", {
  source: Schema.Literals(["consent", "disclosure"]),
  refusal: Schema.Unknown
}) {}

/**
 * A page request: at most `limit` items after the opaque `cursor`. @category model @since 0.1.0
 * @example
 * ```ts
 * const first: Store.PageRequest = { limit: 50 }
 * const next = (page: Store.PageOf<unknown>): Store.PageRequest => ({ limit: 50, cursor: page.nextCursor })
 * ```
 */
export interface PageRequest {
  readonly limit: number
  readonly cursor?: string | undefined
}

/**
 * A page: items and the cursor of the next page, if any. @category model @since 0.1.0
 * @example
 * ```ts
 * const more = (page: Store.PageOf<unknown>): boolean => page.nextCursor !== undefined
 * ```
 */
export interface PageOf<A> {
  readonly items: ReadonlyArray<A>
  readonly nextCursor?: string
}

/**
 * A case stream: its version and its stored events in order. @category model @since 0.1.0
 * @example
 * ```ts
 * const stateOf = (stream: Store.CaseStream) => Case.replay(stream.events.map((stored) => stored.event))
 * ```
 */
export interface CaseStream {
  readonly version: number
  readonly events: ReadonlyArray<Contract.StoredCaseEvent>
}

/**
 * Who appended and why: kept as event metadata (audit). @category model @since 0.1.0
 * @example
 * ```ts
 * const meta: Store.AppendMeta = { principalId: "cw-shinagawa-01", requestId: "req-0001", metrics: { site: "shinagawa_employment_centre", targetGroups: ["welfare_recipient"] } }
 * ```
 */
export interface AppendMeta {
  readonly principalId: string
  readonly requestId: string
  /** Where the case's events are counted (拠点・対象者区分): recorded when the case is opened. */
  readonly metrics?: { readonly site: string; readonly targetGroups: ReadonlyArray<string> } | undefined
}

/**
 * A case row for lists: the id, version and the folded state. @category model @since 0.1.0
 * @example
 * ```ts
 * const open = (rows: ReadonlyArray<Store.CaseRow>) => rows.filter((row) => row.state.phase !== "closed")
 * ```
 */
export interface CaseRow {
  readonly id: string
  readonly version: number
  readonly state: Case.CaseState
}

/**
 * A stored idempotency outcome: the request's hash and the response to replay. @category model @since 0.1.0
 * @example
 * ```ts
 * const running: Store.IdempotencyRecord = { requestHash: "9f86d081…" } // no response yet: answer 409 request_in_progress
 * const done: Store.IdempotencyRecord = { requestHash: "9f86d081…", response: { status: 201, body: "{}" } } // replay this
 * ```
 */
export interface IdempotencyRecord {
  readonly requestHash: string
  /** `undefined` while the first request is still running. */
  readonly response?: { readonly status: number; readonly body: string } | undefined
}

/**
 * The persistence port.
 * @category service
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * // every method takes the tenant: handlers pass the principal's, never one from the request
 * const caseload = (store: Store.StoreShape) => Effect.map(store.cases.summaries(Demo.SHINAGAWA), (rows) => rows.length)
 * ```
 */
export interface StoreShape {
  readonly backend: "postgres" | "pglite"
  readonly ping: Effect.Effect<boolean>
  /** Runs the effect's writes as one transaction: all of them or none. */
  readonly atomically: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  readonly persons: {
    readonly create: (tenant: string, person: Contract.Person) => Effect.Effect<Contract.Person, Duplicate>
    readonly get: (tenant: string, id: string) => Effect.Effect<Contract.Person | undefined>
  }
  readonly cases: {
    readonly read: (tenant: string, id: string) => Effect.Effect<CaseStream | undefined>
    /**
     * The case's folded state at its version, without its events: what a command is decided on
     * (the append's expected version still guards it). From the case read model when it has the
     * case, which it keeps in the appending transaction; `undefined` when there is no such case.
     */
    readonly state: (tenant: string, id: string) => Effect.Effect<CaseRow | undefined>
    /** Appends the events if the case is still at `expected`; answers the case's new version. */
    readonly append: (
      tenant: string,
      id: string,
      expected: number,
      events: ReadonlyArray<Case.Event>,
      meta: AppendMeta
    ) => Effect.Effect<number, VersionConflict>
    /** Every case of the tenant with its folded state (the case read model). */
    readonly summaries: (tenant: string) => Effect.Effect<ReadonlyArray<CaseRow>>
    /** The cases of one person. */
    readonly bySubject: (tenant: string, subjectId: string) => Effect.Effect<ReadonlyArray<CaseRow>>
  }
  readonly consents: {
    /** The ledger of one person: their records, the events of those records, grants naming them. */
    readonly ledger: (tenant: string, subjectRef: string) => Effect.Effect<Consent.Ledger>
    readonly record: (tenant: string, recordId: string) => Effect.Effect<Consent.ConsentRecord | undefined>
    /** Checks the entry against the person's ledger and appends it, atomically. */
    readonly apply: (tenant: string, subjectRef: string, entry: Consent.LedgerEntry) => Effect.Effect<Consent.Ledger, Refused>
    /** Several entries in order, all or nothing (imports and seeding). */
    readonly applyAll: (tenant: string, subjectRef: string, entries: ReadonlyArray<Consent.LedgerEntry>) => Effect.Effect<Consent.Ledger, Refused>
  }
  readonly disclosures: {
    /** Logs a disclosure under a decision at the head of the tenant's chain, atomically. */
    readonly append: (tenant: string, decision: Consent.Decision, disclosure: Disclosure.Disclosure) => Effect.Effect<Disclosure.DisclosureRecord, Refused>
    readonly list: (tenant: string, subject: string | undefined, page: PageRequest) => Effect.Effect<PageOf<Disclosure.DisclosureRecord>>
  }
  readonly plans: {
    readonly list: (tenant: string) => Effect.Effect<ReadonlyArray<Target.Plan>>
    readonly get: (tenant: string, id: string) => Effect.Effect<Target.Plan | undefined>
    readonly create: (tenant: string, plan: Target.Plan) => Effect.Effect<Target.Plan, Duplicate>
  }
  readonly metrics: {
    /** The tenant's metric tally (the core's monoid), from every case's events. */
    readonly tally: (tenant: string) => Effect.Effect<Metric.Tally>
  }
  readonly idempotency: {
    /** Claims a key for a request hash: `undefined` when claimed now, else the existing record. */
    readonly claim: (tenant: string, key: string, requestHash: string) => Effect.Effect<IdempotencyRecord | undefined>
    readonly complete: (tenant: string, key: string, response: { readonly status: number; readonly body: string }) => Effect.Effect<void>
    readonly release: (tenant: string, key: string) => Effect.Effect<void>
  }
}

/**
 * The persistence service. @category service @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const person = Effect.flatMap(Store.Store, (store) => store.persons.get(Demo.SHINAGAWA, "p-sg-0001"))
 * // provide PostgresStore.layerFrom(…) (or your own layer) to run it
 * ```
 */
export class Store extends Context.Service<Store, StoreShape>()("@jiritsu/rest/Store") {}
