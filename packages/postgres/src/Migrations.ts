/**
 * Migrations (スキーマ移行) — versioned, idempotent schema changes through effect/sql's Migrator.
 *
 * This package's own migrations live in the namespace `jiritsu` (table `jiritsu_migrations`).
 * Other packages (the bridge's import store, the REST service's idempotency keys, your own
 * tables) add **namespaced** migrations: each namespace is migrated by the same Migrator in the same
 * schema, recording what ran in its own table `jiritsu_migrations_<namespace>`, so namespaces never
 * collide on ids and can be released independently. Running twice is a no-op.
 *
 * Table layout: `plain` (one heap per table) or `partitioned` (every table declaratively
 * partitioned by `HASH (tenant)`), the closest this machine gets to distributing by tenant on
 * Citus; both carry the same keys, tenant first.
 *
 * @since 0.1.0
 * @module
 */
import { Effect, Schema } from "effect"
import { Migrator, SqlClient } from "effect/sql"
import type { SqlError } from "effect/sql/SqlError"
import { ddl, type Layout } from "./internal/schema.ts"

export type { Layout } from "./internal/schema.ts"

/**
 * A migration: an effect over the SqlClient (run inside the Migrator's transaction). @category model @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { SqlClient } from "effect/sql"
 * const createNotes: Migrations.Migration = Effect.gen(function* () {
 *   const sql = yield* SqlClient.SqlClient
 *   yield* sql`CREATE TABLE my_notes (tenant text NOT NULL, id text NOT NULL, body text, PRIMARY KEY (tenant, id))`
 * })
 * ```
 */
export type Migration = Effect.Effect<void, unknown, SqlClient.SqlClient>

/**
 * A namespace of migrations from another package: `name` (`[a-z][a-z0-9_]*`, not `jiritsu`) and
 * migrations keyed `<id>_<name>` (e.g. `"0001_idempotency_keys"`), applied in id order.
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { SqlClient } from "effect/sql"
 * const notes: Migrations.Namespace = {
 *   name: "notes",
 *   migrations: { "0001_notes": Effect.flatMap(SqlClient.SqlClient, (sql) => sql`CREATE TABLE my_notes (tenant text NOT NULL, id text NOT NULL, PRIMARY KEY (tenant, id))`) }
 * }
 * ```
 */
export interface Namespace {
  readonly name: string
  readonly migrations: Readonly<Record<string, Migration>>
}

/**
 * A migration that could not run, naming its namespace (and the migration when known).
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const refused = Migrations.run({ namespaces: [{ name: "jiritsu", migrations: {} }] }).pipe(
 *   Effect.catchTag("MigrationFailed", (e: Migrations.MigrationFailed) => Effect.succeed([e.message])) // namespace "jiritsu" must match … and not be "jiritsu"
 * )
 * ```
 */
export class MigrationFailed extends Schema.TaggedError<MigrationFailed>()("MigrationFailed", {
  namespace: Schema.String,
  migration: Schema.optional(Schema.String),
  message: Schema.String,
  messageJa: Schema.String
}) {}

/**
 * Options of {@link run}. @category running @since 0.1.0
 * @example
 * ```ts
 * const options: Migrations.Options = { layout: "partitioned", namespaces: [] }
 * ```
 */
export interface Options {
  readonly layout?: Layout
  readonly namespaces?: ReadonlyArray<Namespace>
}

const NAMESPACE = /^[a-z][a-z0-9_]{0,30}$/
const KEY = /^\d+_[A-Za-z0-9_]+$/

/**
 * The package's own migrations, as SQL per migration (portable across PostgreSQL 15 and 18). @category running @since 0.1.0
 * @example
 * ```ts
 * const keys = Migrations.jiritsuMigrations("plain").map((m) => m.key) // ["0001_event_store", …]
 * ```
 */
export const jiritsuMigrations = (layout: Layout = "plain"): ReadonlyArray<{ readonly key: string; readonly statements: ReadonlyArray<string> }> => ddl(layout)

const asMigration = (statements: ReadonlyArray<string>): Migration =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    for (const statement of statements) yield* sql.unsafe(statement)
  })

const checkNamespace = (ns: Namespace): Effect.Effect<void, MigrationFailed> => {
  if (!NAMESPACE.test(ns.name) || ns.name === "jiritsu") {
    return Effect.fail(new MigrationFailed({ namespace: ns.name, message: `namespace ${JSON.stringify(ns.name)} must match [a-z][a-z0-9_]{0,30} and not be "jiritsu"`, messageJa: `名前空間「${ns.name}」が不正です` }))
  }
  const bad = Object.keys(ns.migrations).find((k) => !KEY.test(k))
  return bad === undefined
    ? Effect.void
    : Effect.fail(new MigrationFailed({ namespace: ns.name, migration: bad, message: `migration key ${JSON.stringify(bad)} must look like "0001_name"`, messageJa: `移行名「${bad}」が不正です` }))
}

const runNamespace = (namespace: string, table: string, migrations: Readonly<Record<string, Migration>>) =>
  Migrator.make({})({ loader: Migrator.fromRecord(migrations as Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>>), table }).pipe(
    Effect.mapError((e: Migrator.MigrationError | SqlError) => {
      const cause = (e as { readonly cause?: unknown }).cause
      const detail = cause instanceof Error ? `: ${cause.message}` : cause !== undefined ? `: ${String((cause as { readonly message?: unknown }).message ?? cause)}` : ""
      return new MigrationFailed({ namespace, message: `${e.message}${detail}`, messageJa: `スキーマ移行（${namespace}）に失敗しました` })
    }),
    Effect.map((done) => done.map(([id, name]) => `${namespace}:${String(id).padStart(4, "0")}_${name}`))
  )

/**
 * Runs the package's migrations, then each extra namespace in order. Returns what ran
 * (`namespace:0001_name`); nothing when everything was already applied.
 * @category running
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const ran = Migrations.run().pipe(Effect.provide(Database.layer())) // ["jiritsu:0001_…", …]; [] on a second run
 * ```
 */
export const run = (options: Options = {}): Effect.Effect<ReadonlyArray<string>, MigrationFailed, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const own: Record<string, Migration> = {}
    for (const m of jiritsuMigrations(options.layout ?? "plain")) own[m.key] = asMigration(m.statements)
    const ran = [...(yield* runNamespace("jiritsu", "jiritsu_migrations", own))]
    for (const ns of options.namespaces ?? []) {
      yield* checkNamespace(ns)
      ran.push(...(yield* runNamespace(ns.name, `jiritsu_migrations_${ns.name}`, ns.migrations)))
    }
    return ran
  })

/**
 * The layout the tables were created with (`plain` or `partitioned`), read from the catalogue.
 * @category running
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const layout = Effect.gen(function* () {
 *   yield* Migrations.run({ layout: "partitioned" })
 *   return yield* Migrations.layoutOf // "partitioned"
 * }).pipe(Effect.provide(Database.layer()))
 * ```
 */
export const layoutOf: Effect.Effect<Layout | undefined, SqlError, SqlClient.SqlClient> = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const rows = yield* sql<{ readonly relkind: string }>`SELECT c.relkind FROM pg_class c WHERE c.oid = to_regclass('jiritsu_events')`
  const kind = rows[0]?.relkind
  return kind === undefined ? undefined : kind === "p" ? "partitioned" : "plain"
})
