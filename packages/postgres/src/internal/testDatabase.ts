/**
 * TestDatabase (テスト用データベース) — the helper behind `@jiritsu/postgres/testing`: a migrated
 * database per test file, a fresh schema on the server named by `DATABASE_URL` (dropped when the
 * layer is released) or an embedded PGlite loaded from a migrated template cached per machine.
 * Use it in tests of code that needs the package's tables; it is not meant for production.
 *
 * @since 0.1.0
 * @module
 */
import { PgClient } from "@effect/sql-pg"
import { createHash, randomBytes } from "node:crypto"
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import { SqlClient } from "effect/sql"
import * as Database from "../Database.ts"
import * as Migrations from "../Migrations.ts"
import { startEmbedded } from "./embedded.ts"

/**
 * Options: table layout, extra migration namespaces, and the server URL (default `DATABASE_URL`).
 * @category testing
 * @since 0.1.0
 * @example
 * ```ts
 * const options: TestDatabase.Options = { layout: "partitioned", url: null } // PGlite even when DATABASE_URL is set
 * ```
 */
export interface Options {
  readonly layout?: Migrations.Layout
  readonly namespaces?: ReadonlyArray<Migrations.Namespace>
  /** `null` forces embedded PGlite even when DATABASE_URL is set. */
  readonly url?: string | null
  readonly maxConnections?: number
}

/**
 * The server URL the helper will use, or undefined for PGlite.
 * @category testing
 * @since 0.1.0
 * @example
 * ```ts
 * TestDatabase.serverUrl({ url: null }) // undefined: embedded PGlite
 * ```
 */
export const serverUrl = (options: Options = {}): string | undefined => {
  if (options.url === null) return undefined
  const url = options.url ?? process.env["DATABASE_URL"]
  return url === undefined || url === "" ? undefined : url
}

const randomSchema = (): string => `jiritsu_t_${randomBytes(6).toString("hex")}`

const runOnServer = (url: string, statement: string) =>
  Effect.provide(
    Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe(statement)),
    Database.layer({ url, maxConnections: 1 })
  )

const serverLayer = (url: string, options: Options) =>
  Layer.unwrap(
    Effect.gen(function* () {
      const schema = randomSchema()
      yield* Effect.acquireRelease(runOnServer(url, `CREATE SCHEMA ${schema}`), () => Effect.ignore(runOnServer(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`)))
      return migrated(Database.layer({ url, schema, maxConnections: options.maxConnections ?? 12 }), options)
    })
  )

const migrated = <E>(db: Layer.Layer<SqlClient.SqlClient | PgClient.PgClient | Database.Database, E>, options: Options) =>
  Layer.effectDiscard(Effect.asVoid(Migrations.run(migrationOptions(options)))).pipe(Layer.provideMerge(db))

const migrationOptions = (options: Options): Migrations.Options => ({
  layout: options.layout ?? "plain",
  ...(options.namespaces !== undefined ? { namespaces: options.namespaces } : {})
})

// ------------------------------------------------------------------------------------------
// PGlite template
// ------------------------------------------------------------------------------------------

const templateKey = (options: Options): string =>
  createHash("sha256")
    .update(
      JSON.stringify({
        v: 1,
        ddl: Migrations.jiritsuMigrations(options.layout ?? "plain"),
        namespaces: (options.namespaces ?? []).map((ns) => [ns.name, Object.keys(ns.migrations).sort()])
      })
    )
    .digest("hex")
    .slice(0, 24)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const buildTemplate = async (file: string, options: Options): Promise<void> => {
  const embedded = await startEmbedded({ maxConnections: 1 })
  try {
    await Effect.runPromise(
      Effect.scoped(
        Effect.gen(function* () {
          const client = yield* PgClient.make({ path: embedded.socketPath, username: "postgres", database: "postgres", maxConnections: 1 })
          yield* Effect.provideService(Migrations.run(migrationOptions(options)), SqlClient.SqlClient, client)
        })
      ).pipe(Effect.provide(Reactivity.layer))
    )
    const dump = await embedded.db.dumpDataDir("gzip")
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()))
    renameSync(tmp, file)
  } finally {
    await embedded.stop()
  }
}

const templates = new Map<string, Promise<Blob>>()

/**
 * The migrated PGlite template for these options (built once, shared by files and workers).
 * @category testing
 * @since 0.1.0
 * @example
 * ```ts
 * const dump: Promise<Blob> = TestDatabase.template() // the migrated PGlite data directory, cached per migration set
 * ```
 */
export const template = (options: Options = {}): Promise<Blob> => {
  const key = templateKey(options)
  let pending = templates.get(key)
  if (pending === undefined) {
    pending = loadOrBuild(join(tmpdir(), `jiritsu-pglite-template-${key}.tar.gz`), options)
    templates.set(key, pending)
  }
  return pending
}

const loadOrBuild = async (file: string, options: Options): Promise<Blob> => {
  const lock = `${file}.lock`
  for (let waited = 0; !existsSync(file); waited += 250) {
    let fd: number | undefined
    try {
      fd = openSync(lock, "wx")
    } catch {
      fd = undefined
    }
    if (fd !== undefined) {
      try {
        if (!existsSync(file)) await buildTemplate(file, options)
      } finally {
        closeSync(fd)
        rmSync(lock, { force: true })
      }
      break
    }
    // Another process builds it; a lock older than 3 minutes is stale (its builder died).
    try {
      if (Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { force: true })
    } catch {
      // the lock vanished: loop and look again
    }
    if (waited > 300_000) throw new Error(`timed out waiting for the PGlite template ${file}`)
    await sleep(250)
  }
  return new Blob([readFileSync(file)])
}

const embeddedLayer = (options: Options) =>
  Layer.unwrap(
    Effect.map(Effect.promise(() => template(options)), (blob) => migrated(Database.layer({ loadDataDir: blob }), options))
  )

/**
 * A migrated database for one test file: a fresh schema on the server when `DATABASE_URL` is
 * set, a PGlite loaded from the migrated template otherwise.
 * @category testing
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { SqlClient } from "effect/sql"
 * const tables = Effect.flatMap(SqlClient.SqlClient, (sql) => sql`SELECT count(*) AS n FROM jiritsu_events`).pipe(Effect.provide(TestDatabase.layer()))
 * ```
 */
export const layer = (options: Options = {}): Layer.Layer<SqlClient.SqlClient | PgClient.PgClient | Database.Database, Database.DatabaseStartError | Migrations.MigrationFailed> => {
  const url = serverUrl(options)
  return (url !== undefined ? serverLayer(url, options) : embeddedLayer(options)) as never
}

/**
 * Which backend {@link layer} will use with these options.
 * @category testing
 * @since 0.1.0
 * @example
 * ```ts
 * TestDatabase.backend({ url: null }) // "embedded"
 * ```
 */
export const backend = (options: Options = {}): Database.Backend => (serverUrl(options) !== undefined ? "server" : "embedded")
