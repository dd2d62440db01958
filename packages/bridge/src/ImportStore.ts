/**
 * ImportStore — what the bridge has taken from the welfare systems (取込データ), in PostgreSQL
 * through `@jiritsu/postgres` (the server, or embedded PGlite).
 *
 * - **Idempotent**: a row is keyed on (source, source id, content hash). Re-importing a file, or
 *   any row already seen, changes nothing; a source id seen with new content becomes a dated
 *   status change (`changed`, dated by the row's effective date).
 * - **Atomic per file**: a file is imported in one transaction. A file problem (see
 *   `ErrorReport`) rolls it back; a process killed mid-import leaves nothing (the transaction
 *   dies with the connection), and running the import again completes it exactly once.
 * - **Serialised per tenant**: imports and syncs of a municipality take the tenant's row in
 *   `bridge_positions` for update, so change positions are assigned in commit order and readers
 *   following `changesSince` never skip a change.
 *
 * Tables (namespace `bridge`, registered with `@jiritsu/postgres`'s Migrations): `bridge_files`,
 * `bridge_versions`, `bridge_positions`, `bridge_sync`; the tenant (地方公共団体コード) is the first
 * column of every key and comes from the `Tenant` service, never from input.
 *
 * @since 0.1.0
 * @module
 */
import { Period } from "@jiritsu/core"
import { Migrations, Tenant } from "@jiritsu/postgres"
import { Clock, Effect, Schema } from "effect"
import { SqlClient } from "effect/sql"
import type { SqlError } from "effect/sql/SqlError"
import { createReadStream } from "node:fs"
import { createHash } from "node:crypto"
import type * as ErrorReport from "./ErrorReport.ts"
import type * as Mapping from "./Mapping.ts"
import * as Reader from "./Reader.ts"
import * as Status from "./Status.ts"
import { newVersions, type Incoming, type PriorVersion } from "./internal/versions.ts"

// ---------------------------------------------------------------------------------------------
// Migrations
// ---------------------------------------------------------------------------------------------

const ddl: ReadonlyArray<string> = [
  `CREATE TABLE IF NOT EXISTS bridge_files (
    tenant text NOT NULL,
    source text NOT NULL,
    file_hash text NOT NULL,
    name text NOT NULL,
    encoding text,
    rows integer NOT NULL,
    valid_rows integer NOT NULL,
    row_errors integer NOT NULL,
    new_versions integer NOT NULL,
    imported_at timestamptz NOT NULL,
    PRIMARY KEY (tenant, source, file_hash)
  )`,
  `CREATE TABLE IF NOT EXISTS bridge_versions (
    tenant text NOT NULL,
    source text NOT NULL,
    source_id text NOT NULL,
    content_hash text NOT NULL,
    position bigint NOT NULL,
    kind text NOT NULL CHECK (kind IN ('recorded', 'changed')),
    person_ref text NOT NULL,
    benefit text NOT NULL,
    status text NOT NULL,
    previous_status text,
    effective_on date NOT NULL,
    effective_until date,
    record jsonb NOT NULL,
    origin text NOT NULL,
    line integer,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (tenant, source, source_id, content_hash)
  )`,
  `CREATE UNIQUE INDEX IF NOT EXISTS bridge_versions_position ON bridge_versions (tenant, position)`,
  `CREATE INDEX IF NOT EXISTS bridge_versions_person ON bridge_versions (tenant, person_ref, benefit, effective_on)`,
  `CREATE TABLE IF NOT EXISTS bridge_positions (tenant text PRIMARY KEY, last bigint NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS bridge_sync (tenant text NOT NULL, source text NOT NULL, cursor text, updated_at timestamptz NOT NULL, PRIMARY KEY (tenant, source))`
]

/**
 * The store's migrations as a `@jiritsu/postgres` namespace: pass it to `Migrations.run({
 * namespaces: [ImportStore.migrations] })` (or the test helper) so one Migrator runs everything.
 * @category migrations
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const ran = Migrations.run({ namespaces: [ImportStore.migrations] }).pipe(Effect.provide(Database.layer())) // […, "bridge:0001_import_store", "bridge:0002_compact_versions"]
 * ```
 */
export const migrations: Migrations.Namespace = {
  name: "bridge",
  migrations: {
    "0001_import_store": Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      for (const statement of ddl) yield* sql.unsafe(statement)
    }),
    // The hash as its 32 bytes (half the width of hex text in the table and its primary key), the
    // record as json (stored as written: nothing queries inside it, and jsonb parsing cost the
    // server more per row than any index), the person index on what `statusAsOf` looks up.
    "0002_compact_versions": Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      yield* sql.unsafe(`ALTER TABLE bridge_versions ALTER COLUMN content_hash TYPE bytea USING decode(content_hash, 'hex'), ALTER COLUMN record TYPE json USING record::json`)
      yield* sql.unsafe(`DROP INDEX IF EXISTS bridge_versions_person`)
      yield* sql.unsafe(`CREATE INDEX bridge_versions_person ON bridge_versions (tenant, person_ref)`)
    })
  }
}

// ---------------------------------------------------------------------------------------------
// Errors and results
// ---------------------------------------------------------------------------------------------

/**
 * A file the store refused (取込不可): the file problems, the first row problems, the summary.
 * Nothing of the file was applied.
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const imported = (mapping: Mapping.Mapping) =>
 *   ImportStore.importFile("受給者一覧.csv", mapping).pipe(
 *     Effect.catchTag("FileRejected", (e: ImportStore.FileRejected) => Effect.fail(`${e.file}: ${e.errors.length} problems, nothing imported`))
 *   )
 * ```
 */
export class FileRejected extends Schema.TaggedError<FileRejected>()("FileRejected", {
  file: Schema.String,
  errors: Schema.Array(Schema.Unknown),
  summary: Schema.Unknown
}) {
  override get message(): string {
    const first = (this.errors as ReadonlyArray<ErrorReport.RowError>).find((e) => e.scope === "file") ?? (this.errors[0] as ErrorReport.RowError | undefined)
    return first === undefined
      ? `${this.file}: rejected`
      : `${this.file}:${first.line}${first.character === undefined ? "" : `:${first.character}`}${first.column === undefined ? "" : ` [${first.column}]`}: ${first.reasonEn} / ${first.reasonJa} — nothing of the file was imported`
  }
}

/**
 * A database failure while importing or reading. @category errors @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const files = ImportStore.files.pipe(Effect.catchTag("StoreError", (e: ImportStore.StoreError) => Effect.die(e.message)))
 * ```
 */
export class StoreError extends Schema.TaggedError<StoreError>()("StoreError", { message: Schema.String, messageJa: Schema.String }) {}

const storeError = (e: SqlError | unknown): StoreError =>
  new StoreError({ message: `import store: ${e instanceof Error ? e.message : String(e)}`, messageJa: "取込データベースの操作に失敗しました" })

/**
 * What an import did (取込結果): `imported` with counts, or `already_imported` when this exact
 * file (same bytes) was imported before (then nothing was read or changed).
 * @category imports
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const line = (mapping: Mapping.Mapping) =>
 *   ImportStore.importFile("受給者一覧.csv", mapping).pipe(
 *     Effect.map((r: ImportStore.ImportResult) => (r.status === "already_imported" ? `${r.file}: already imported` : `${r.file}: ${r.changed} changed, ${r.unchanged} unchanged`))
 *   )
 * ```
 */
export interface ImportResult {
  readonly status: "imported" | "already_imported"
  readonly file: string
  readonly fileHash: string
  readonly summary: Reader.ReadSummary | undefined
  readonly recorded: number
  readonly changed: number
  readonly unchanged: number
  /** The first row problems (all of them were passed to `onErrors`). */
  readonly errors: ReadonlyArray<ErrorReport.RowError>
}

/**
 * Progress after each batch (for progress bars). @category imports @since 0.1.0
 * @example
 * ```ts
 * const onProgress = (p: ImportStore.Progress): void => void process.stderr.write(`\r${p.rows} rows, ${p.errors} problems, ${p.bytes} bytes`)
 * ```
 */
export interface Progress {
  readonly rows: number
  readonly errors: number
  readonly bytes: number
}

/**
 * Options of {@link importFile}. @category imports @since 0.1.0
 * @example
 * ```ts
 * import { appendFileSync } from "node:fs"
 * const options: ImportStore.ImportOptions = {
 *   file: "受給者一覧_2024-04.csv",
 *   onErrors: (errors) => appendFileSync("errors.csv", ErrorReport.toCsv(errors)),
 *   keepErrors: 100
 * }
 * ```
 */
export interface ImportOptions extends Reader.Options {
  /** Called with each batch's row problems (write them to the report as they come). */
  readonly onErrors?: (errors: ReadonlyArray<ErrorReport.RowError>) => void
  readonly onProgress?: (p: Progress) => void
  /** Row problems kept in the result (default 1,000). */
  readonly keepErrors?: number
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

interface VersionRow {
  readonly source_id: string
  readonly content_hash: string
  readonly status: Status.BenefitStatus
  readonly effective_on: string | Date
  readonly position: string | number | bigint
}

const isoDate = (d: string | Date): string => (typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10))

/**
 * Makes the rest of the transaction plan each statement for its own parameters. The driver
 * prepares its statements, and after five runs on a connection PostgreSQL may keep one generic
 * plan for a statement, made while the table was small. An import grows the table inside its one
 * transaction, where no ANALYZE can see the new rows: a lookup planned for the small table then ran
 * for minutes per batch (seen under load: a 4 s import of 100,000 rows hit a 400 s timeout).
 */
const planForParameters = (sql: SqlClient.SqlClient) => sql`SELECT set_config('plan_cache_mode', 'force_custom_plan', true)`

/** Locks the tenant's position counter for this transaction; returns the last position used. */
const lockPositions = (sql: SqlClient.SqlClient, tenant: string) =>
  Effect.gen(function* () {
    yield* sql`INSERT INTO bridge_positions (tenant, last) VALUES (${tenant}, 0) ON CONFLICT (tenant) DO NOTHING`
    const rows = yield* sql<{ readonly last: string | number }>`SELECT last FROM bridge_positions WHERE tenant = ${tenant} FOR UPDATE`
    return BigInt(rows[0]!.last)
  })

const priorVersions = (sql: SqlClient.SqlClient, tenant: string, source: string, ids: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const prior = new Map<string, Array<PriorVersion>>()
    if (ids.length === 0) return prior
    // A LATERAL probe per id (the LIMIT keeps it a per-id index lookup): inside one long
    // transaction the planner cannot see the rows this transaction added, estimates the tenant's
    // rows as one, and would otherwise filter every version of the source for each batch.
    const rows = yield* sql<VersionRow>`SELECT v.source_id, encode(v.content_hash, 'hex') AS content_hash, v.status, v.effective_on::text AS effective_on, v.position::text AS position
      FROM unnest(${ids}::text[]) AS ids(id)
      CROSS JOIN LATERAL (SELECT * FROM bridge_versions b WHERE b.tenant = ${tenant} AND b.source = ${source} AND b.source_id = ids.id LIMIT 100000) v`
    for (const r of rows) {
      const v: PriorVersion = { sourceId: r.source_id, contentHash: r.content_hash, status: r.status, effectiveOn: isoDate(r.effective_on), position: BigInt(r.position) }
      const list = prior.get(r.source_id)
      if (list === undefined) prior.set(r.source_id, [v])
      else list.push(v)
    }
    return prior
  })

/**
 * A column that may be all NULL: the driver cannot type an array of nulls only, and unnest pads a
 * shorter (here: empty) array with NULLs, so such a column goes as an empty array.
 */
const nullable = <A>(values: ReadonlyArray<A | null>): ReadonlyArray<A | null> => (values.some((v) => v !== null) ? values : [])

/**
 * Applies records to the store inside the caller's transaction (which holds the tenant lock):
 * returns how many were recorded, changed and unchanged, and the last position used.
 */
const applyBatch = (sql: SqlClient.SqlClient, tenant: string, source: string, origin: string, incoming: ReadonlyArray<Incoming>, last: bigint, now: string) =>
  Effect.gen(function* () {
    const ids = [...new Set(incoming.map((i) => i.record.sourceId))]
    const prior = yield* priorVersions(sql, tenant, source, ids)
    const fresh = newVersions(prior, incoming, last + 1n)
    if (fresh.length > 0) {
      // One array per column, expanded by unnest: the server reads each value in its own type
      // (binary arrays) instead of parsing one large JSON document per batch and picking it apart.
      // No ON CONFLICT: under the tenant lock `fresh` holds only pairs the store does not have, so
      // a duplicate key means that invariant broke — the file then fails whole instead of being
      // counted as imported with rows silently skipped (and a plain insert costs about a third
      // less than a speculative one).
      const n = fresh.length
      const ids = new Array<string>(n), hashes = new Array<string>(n), positions = new Array<bigint>(n), kinds = new Array<string>(n)
      const persons = new Array<string>(n), benefits = new Array<string>(n), statuses = new Array<string>(n), previous = new Array<string | null>(n)
      const from = new Array<string>(n), until = new Array<string | null>(n), records = new Array<string>(n), lines = new Array<number | null>(n)
      for (let i = 0; i < n; i++) {
        const v = fresh[i]!
        const r = v.incoming.record
        ids[i] = r.sourceId
        hashes[i] = v.incoming.contentHash
        positions[i] = v.position
        kinds[i] = v.kind
        persons[i] = r.personRef
        benefits[i] = r.benefit
        statuses[i] = r.status
        previous[i] = v.previousStatus ?? null
        from[i] = r.effectiveFrom
        until[i] = r.effectiveUntil ?? null
        records[i] = v.incoming.json ?? JSON.stringify(r)
        lines[i] = v.incoming.line ?? null
      }
      yield* sql`INSERT INTO bridge_versions (tenant, source, source_id, content_hash, position, kind, person_ref, benefit, status, previous_status, effective_on, effective_until, record, origin, line, recorded_at)
        SELECT ${tenant}, ${source}, r.source_id, decode(r.content_hash, 'hex'), r.position, r.kind, r.person_ref, r.benefit, r.status, r.previous_status, r.effective_on, r.effective_until, r.record, ${origin}, r.line, ${now}::timestamptz
        FROM unnest(${ids}::text[], ${hashes}::text[], ${positions}::int8[], ${kinds}::text[], ${persons}::text[], ${benefits}::text[], ${statuses}::text[],
                    ${nullable(previous)}::text[], ${from}::date[], ${nullable(until)}::date[], ${records}::json[], ${nullable(lines)}::int4[])
          AS r(source_id, content_hash, position, kind, person_ref, benefit, status, previous_status, effective_on, effective_until, record, line)`
    }
    const recorded = fresh.filter((v) => v.kind === "recorded").length
    return { recorded, changed: fresh.length - recorded, unchanged: incoming.length - fresh.length, last: fresh.length > 0 ? fresh[fresh.length - 1]!.position : last }
  })

const savePositions = (sql: SqlClient.SqlClient, tenant: string, last: bigint) => sql`UPDATE bridge_positions SET last = ${last.toString()}::bigint WHERE tenant = ${tenant}`

const nowIso = Effect.map(Clock.currentTimeMillis, (ms) => new Date(ms).toISOString())

const hashFile = (path: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const h = createHash("sha256")
    createReadStream(path, { highWaterMark: 1024 * 1024 })
      .on("data", (c) => h.update(c))
      .on("end", () => resolve(h.digest("hex")))
      .on("error", reject)
  })

const alreadyImported = (sql: SqlClient.SqlClient, tenant: string, source: string, fileHash: string) =>
  Effect.map(sql<{ readonly n: number }>`SELECT 1 AS n FROM bridge_files WHERE tenant = ${tenant} AND source = ${source} AND file_hash = ${fileHash}`, (rows) => rows.length > 0)

/**
 * Imports one file (or byte stream) atomically with a mapping, as the current tenant. The source
 * system is the mapping's `source`. Row problems are reported (and the valid rows imported, unless
 * the mapping says `onRowError: "reject-file"`); a file problem fails with {@link FileRejected}
 * and nothing is applied.
 * @category imports
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const monthly = (mapping: Mapping.Mapping) =>
 *   ImportStore.importFile("受給者一覧_2024-04.csv", mapping, { onProgress: (p) => console.log(p.rows) }).pipe(Tenant.withTenant(Tenant.unsafeCode("131091")))
 * // a second run of the same file: { status: "already_imported" }, nothing applied twice
 * ```
 */
export const importFile = (
  source: Reader.Source,
  mapping: Mapping.Mapping,
  options: ImportOptions = {}
): Effect.Effect<ImportResult, FileRejected | StoreError, SqlClient.SqlClient | Tenant.Tenant> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const tenant = yield* Tenant.current
    const file = options.file ?? (typeof source === "string" ? source : "(stream)")
    const knownHash = typeof source === "string" ? yield* Effect.tryPromise({ try: () => hashFile(source), catch: storeError }) : undefined
    const now = yield* nowIso
    const keep = options.keepErrors ?? 1000
    const run = Effect.gen(function* () {
      yield* planForParameters(sql)
      let last = yield* lockPositions(sql, tenant)
      if (knownHash !== undefined && (yield* alreadyImported(sql, tenant, mapping.source, knownHash))) {
        return { status: "already_imported", file, fileHash: knownHash, summary: undefined, recorded: 0, changed: 0, unchanged: 0, errors: [] } satisfies ImportResult
      }
      const it = Reader.read(source, mapping, options)
      yield* Effect.addFinalizer(() => Effect.promise(() => it.return(undefined as never).then(() => undefined, () => undefined)))
      const errors: Array<ErrorReport.RowError> = []
      let recorded = 0, changed = 0, unchanged = 0, rows = 0, errorCount = 0
      // The next batch is read and validated while the database applies the current one.
      let pending = it.next()
      for (;;) {
        const current = pending
        const next = yield* Effect.tryPromise({ try: () => current, catch: storeError })
        if (next.done !== true) pending = it.next()
        if (next.done === true) {
          const summary = next.value
          if (summary.rejected) {
            return yield* new FileRejected({ file, errors: [...summary.fileErrors, ...errors], summary })
          }
          yield* savePositions(sql, tenant, last)
          yield* sql`INSERT INTO bridge_files (tenant, source, file_hash, name, encoding, rows, valid_rows, row_errors, new_versions, imported_at)
            VALUES (${tenant}, ${mapping.source}, ${summary.fileHash}, ${file}, ${summary.encoding ?? null}, ${summary.rows}, ${summary.validRows}, ${summary.rowErrors}, ${recorded + changed}, ${now}::timestamptz)
            ON CONFLICT (tenant, source, file_hash) DO NOTHING`
          return { status: "imported", file, fileHash: summary.fileHash, summary, recorded, changed, unchanged, errors } satisfies ImportResult
        }
        const batch = next.value
        if (batch.errors.length > 0) {
          options.onErrors?.(batch.errors)
          for (const e of batch.errors) if (errors.length < keep) errors.push(e)
          errorCount += batch.errors.length
        }
        const applied = yield* applyBatch(sql, tenant, mapping.source, `file:${knownHash ?? "stream"}:${file}`, batch.rows, last, now)
        last = applied.last
        recorded += applied.recorded
        changed += applied.changed
        unchanged += applied.unchanged
        rows += batch.rows.length
        options.onProgress?.({ rows: rows + errorCount, errors: errorCount, bytes: 0 })
      }
    })
    return yield* sql.withTransaction(Effect.scoped(run)).pipe(Effect.mapError((e) => (e instanceof FileRejected || e instanceof StoreError ? e : storeError(e))))
  })

/**
 * Applies records that came from a pull (not a file) inside the caller's transaction — used by
 * `Sync.syncOnce`. The tenant lock is taken here.
 * @category imports
 * @since 0.1.0
 * @example
 * ```ts
 * const record: Status.StatusRecord = { sourceId: "R-1", personRef: "A-4711", benefit: "public_assistance", status: "ended", effectiveFrom: Period.unsafeDate("2024-04-01") }
 * const applied = ImportStore.applyRecords("seikatsu-hogo", "pull:2024-04-02", [record])
 * ```
 */
export const applyRecords = (source: Status.SourceName, origin: string, records: ReadonlyArray<Status.StatusRecord>) =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const tenant = yield* Tenant.current
    const now = yield* nowIso
    yield* planForParameters(sql)
    const last = yield* lockPositions(sql, tenant)
    const applied = yield* applyBatch(sql, tenant, source, origin, records.map((record) => ({ record, contentHash: Reader.contentHash(record) })), last, now)
    yield* savePositions(sql, tenant, applied.last)
    return applied
  })

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

interface ChangeRow {
  readonly position: string
  readonly source: string
  readonly kind: "recorded" | "changed"
  readonly source_id: string
  readonly person_ref: string
  readonly benefit: Status.Benefit
  readonly effective_on: string
  readonly previous_status: Status.BenefitStatus | null
  readonly status: Status.BenefitStatus
  readonly content_hash: string
  readonly record: unknown
}

const parseJson = (u: unknown): unknown => (typeof u === "string" ? JSON.parse(u) : u)

const toChange = (r: ChangeRow): Status.StatusChange => ({
  position: String(r.position),
  source: r.source,
  kind: r.kind,
  sourceId: r.source_id,
  personRef: r.person_ref,
  benefit: r.benefit,
  effectiveOn: isoDate(r.effective_on) as Period.LocalDate,
  ...(r.previous_status === null ? {} : { previousStatus: r.previous_status }),
  status: r.status,
  contentHash: r.content_hash,
  record: parseJson(r.record) as Status.StatusRecord
})

/**
 * The tenant's changes after `cursor` (a position; none = from the start), oldest first.
 * @category reading
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const firstPage = ImportStore.changesSince(undefined, 100).pipe(Effect.map(({ changes, cursor, hasMore }) => ({ n: changes.length, next: cursor, hasMore })))
 * ```
 */
export const changesSince = (cursor: string | undefined, limit = 1000): Effect.Effect<{ readonly changes: ReadonlyArray<Status.StatusChange>; readonly cursor: string | undefined; readonly hasMore: boolean }, StoreError, SqlClient.SqlClient | Tenant.Tenant> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const tenant = yield* Tenant.current
    const after = cursor === undefined || !/^\d+$/.test(cursor) ? "0" : cursor
    // ORDER BY names the table's column: a bare `position` would sort by the text alias
    // ("10" before "9"), and a page would end at the wrong row (changes skipped and repeated).
    const rows = yield* sql<ChangeRow>`SELECT position::text AS position, source, kind, source_id, person_ref, benefit, effective_on::text AS effective_on, previous_status, status, encode(content_hash, 'hex') AS content_hash, record
      FROM bridge_versions WHERE tenant = ${tenant} AND position > ${after}::bigint ORDER BY bridge_versions.position LIMIT ${limit + 1}`
    const changes = rows.slice(0, limit).map(toChange)
    return { changes, cursor: changes.length > 0 ? changes[changes.length - 1]!.position : cursor, hasMore: rows.length > limit }
  }).pipe(Effect.mapError(storeError))

/**
 * A person's benefits as of a date, from every source (same rule as `Status.statusAsOf`).
 * @category reading
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const receiving = ImportStore.statusAsOf("A-4711", Period.unsafeDate("2024-04-01")).pipe(Effect.map((s) => Status.receives(s, "public_assistance")))
 * ```
 */
export const statusAsOf = (personRef: string, asOf: Period.LocalDate): Effect.Effect<Status.PersonStatus, StoreError, SqlClient.SqlClient | Tenant.Tenant> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const tenant = yield* Tenant.current
    const rows = yield* sql<{ readonly source: string; readonly record: unknown }>`SELECT source, record FROM bridge_versions
      WHERE tenant = ${tenant} AND person_ref = ${personRef} AND effective_on <= ${asOf}::date ORDER BY position`
    return Status.statusAsOf(personRef, asOf, rows.map((r) => ({ source: r.source, record: parseJson(r.record) as Status.StatusRecord })))
  }).pipe(Effect.mapError(storeError))

/**
 * An imported file as the store recorded it. @category reading @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const names = ImportStore.files.pipe(Effect.map((fs: ReadonlyArray<ImportStore.ImportedFile>) => fs.map((f) => `${f.name} (${f.encoding ?? "?"}): ${f.newVersions} new`)))
 * ```
 */
export interface ImportedFile {
  readonly source: string
  readonly fileHash: string
  readonly name: string
  readonly encoding: string | null
  readonly rows: number
  readonly validRows: number
  readonly rowErrors: number
  readonly newVersions: number
}

/**
 * The files imported for the tenant, oldest first. @category reading @since 0.1.0
 * @example
 * ```ts
 * const imported = ImportStore.files // oldest first, with counts and the file's SHA-256
 * ```
 */
export const files: Effect.Effect<ReadonlyArray<ImportedFile>, StoreError, SqlClient.SqlClient | Tenant.Tenant> = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const tenant = yield* Tenant.current
  const rows = yield* sql<{ source: string; file_hash: string; name: string; encoding: string | null; rows: number; valid_rows: number; row_errors: number; new_versions: number }>`SELECT source, file_hash, name, encoding, rows, valid_rows, row_errors, new_versions FROM bridge_files WHERE tenant = ${tenant} ORDER BY imported_at, name`
  return rows.map((r) => ({ source: r.source, fileHash: r.file_hash, name: r.name, encoding: r.encoding, rows: Number(r.rows), validRows: Number(r.valid_rows), rowErrors: Number(r.row_errors), newVersions: Number(r.new_versions) }))
}).pipe(Effect.mapError(storeError))

/**
 * Counts of the tenant's versions (all, recorded, changed). @category reading @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const changed = ImportStore.counts.pipe(Effect.map((c) => `${c.sourceIds} records, ${c.changed} changes`))
 * ```
 */
export const counts: Effect.Effect<{ readonly versions: number; readonly recorded: number; readonly changed: number; readonly sourceIds: number }, StoreError, SqlClient.SqlClient | Tenant.Tenant> = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const tenant = yield* Tenant.current
  const rows = yield* sql<{ v: string; r: string; c: string; s: string }>`SELECT count(*)::text AS v, count(*) FILTER (WHERE kind = 'recorded')::text AS r, count(*) FILTER (WHERE kind = 'changed')::text AS c, count(DISTINCT (source, source_id))::text AS s FROM bridge_versions WHERE tenant = ${tenant}`
  const r = rows[0]!
  return { versions: Number(r.v), recorded: Number(r.r), changed: Number(r.c), sourceIds: Number(r.s) }
}).pipe(Effect.mapError(storeError))
