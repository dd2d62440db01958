/**
 * Database (データベース接続) — one `SqlClient` for both backends.
 *
 * - **Server**: a real PostgreSQL when a URL is given (`DATABASE_URL`), through `@effect/sql-pg`'s
 *   own wire client.
 * - **Embedded** (the default): PGlite (PostgreSQL compiled to WebAssembly) behind
 *   `@electric-sql/pglite-socket` on a unix socket, reached by the very same client. The data
 *   directory is configurable; `memory://` keeps everything in memory (tests, demos).
 *
 * The layer provides effect/sql's `SqlClient.SqlClient` (and `PgClient.PgClient`), plus the
 * {@link Database} service describing which backend is in use. Startup is checked with a real
 * query under a timeout: a malformed, wrong or unreachable URL fails the layer with a typed
 * {@link DatabaseStartError} instead of hanging on the first request.
 *
 * @since 0.1.0
 * @module
 */
import { PgClient } from "@effect/sql-pg"
import { Context, Duration, Effect, Layer, Redacted, Schema } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import { SqlClient } from "effect/sql"
import type { EmbeddedOptions } from "./internal/embedded.ts"

// PGlite (tens of MB of JavaScript and WebAssembly) is loaded only when the embedded backend is
// started: a process that talks to a server never pays for it in memory or start-up time.
const startEmbedded = async (options: EmbeddedOptions) => (await import("./internal/embedded.ts")).startEmbedded(options)

/**
 * Which kind of PostgreSQL is behind the client. @category model @since 0.1.0
 * @example
 * ```ts
 * const backend: Database.Backend = "embedded" // or "server"
 * ```
 */
export const Backend = Schema.Literals(["server", "embedded"])
/** @category model */
export type Backend = typeof Backend.Type

/**
 * Why the database could not be started (起動エラー): `invalid_url` (the URL does not parse),
 * `unreachable` (no server answers), `authentication` (credentials refused), `timeout` (no answer
 * in time), `embedded` (PGlite failed to start, e.g. a corrupt data directory), `query` (the probe
 * query failed, e.g. an unknown database or schema).
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const started = Effect.gen(function* () {
 *   return yield* Database.Database
 * }).pipe(
 *   Effect.provide(Database.layer({ url: "postgres://postgres@127.0.0.1:1/test", startTimeout: "2 seconds" })),
 *   Effect.catchTag("DatabaseStartError", (e: Database.DatabaseStartError) => Effect.succeed(`${e.reason}: ${e.target}`)) // "unreachable: postgres://postgres@127.0.0.1:1/test"
 * )
 * ```
 */
export class DatabaseStartError extends Schema.TaggedError<DatabaseStartError>()("DatabaseStartError", {
  backend: Backend,
  reason: Schema.Literals(["invalid_url", "unreachable", "authentication", "timeout", "embedded", "query"]),
  /** The URL with its password hidden, or the data directory. */
  target: Schema.String,
  message: Schema.String,
  messageJa: Schema.String
}) {}

/**
 * What is connected: the backend, a printable target (URL without password, or data directory)
 * and the schema the tables live in.
 * @category services
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const where = Effect.gen(function* () {
 *   const db = yield* Database.Database
 *   return `${db.backend} ${db.target} (schema ${db.schema})` // "embedded memory:// (schema public)"
 * }).pipe(Effect.provide(Database.layer()))
 * ```
 */
export class Database extends Context.Service<
  Database,
  {
    readonly backend: Backend
    readonly target: string
    readonly schema: string
    /** A URL another process (psql, a worker) can connect with: the server URL without password, or the embedded socket's. */
    readonly connectUrl: string
  }
>()("@jiritsu/postgres/Database") {}

/**
 * Options of {@link layer}. With `url` the server is used; otherwise embedded PGlite.
 * @category layers
 * @since 0.1.0
 * @example
 * ```ts
 * const options: Database.Options = { url: "postgres://postgres@127.0.0.1:5432/test", maxConnections: 4, startTimeout: "5 seconds" }
 * const embedded: Database.Options = { dataDir: "./data/jiritsu" } // persisted PGlite
 * ```
 */
export interface Options {
  /** `postgres://user@host:port/db` — the server. */
  readonly url?: string | Redacted.Redacted<string> | undefined
  /** Embedded only: a directory that persists between runs, or `memory://` (default). */
  readonly dataDir?: string | undefined
  /** Embedded only: start from a dump (`PGlite.dumpDataDir`), e.g. a migrated template. */
  readonly loadDataDir?: Blob | undefined
  /** Server only: the schema to use (set as `search_path`; default `public`). It must exist. */
  readonly schema?: string | undefined
  /** Pool size on a server (default 10). Embedded PGlite always uses one connection (it is one session). */
  readonly maxConnections?: number | undefined
  /** How long the start may take before failing with `timeout` (default 10 s). */
  readonly startTimeout?: Duration.Input | undefined
  readonly applicationName?: string | undefined
  /** Server only: keep PostgreSQL's JIT compilation on for this client's sessions (default off). */
  readonly jit?: boolean | undefined
}

/**
 * The URL with any password replaced by `***` (safe to print and to put in errors). @category layers @since 0.1.0
 * @example
 * ```ts
 * Database.redactUrl("postgres://app:s3cret@db.example.org:5432/jiritsu") // "postgres://app:***@db.example.org:5432/jiritsu"
 * ```
 */
export const redactUrl = (url: string): string => {
  try {
    const u = new URL(url)
    if (u.password !== "") u.password = "***"
    return u.toString()
  } catch {
    return url.replace(/:\/\/([^:@/]+):[^@/]*@/, "://$1:***@")
  }
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/

const classify = (backend: Backend, target: string, error: unknown): DatabaseStartError => {
  const reasonTag = (error as { readonly reason?: { readonly _tag?: string } })?.reason?._tag
  const detail = error instanceof Error ? error.message : String(error)
  const cause = (error as { readonly reason?: { readonly cause?: unknown } })?.reason?.cause
  const causeText = cause instanceof Error ? cause.message : cause === undefined ? "" : String(cause)
  const text = [detail, causeText].filter((s) => s !== "").join(": ")
  const reason: DatabaseStartError["reason"] =
    reasonTag === "AuthenticationError" ? "authentication" : reasonTag === "ConnectionError" ? "unreachable" : /invalid|url/i.test(text) && reasonTag === undefined ? "invalid_url" : "query"
  return new DatabaseStartError({
    backend,
    reason,
    target,
    message: `could not start the ${backend} database at ${target} (${reason}): ${text}`,
    messageJa: `データベース（${target}）に接続できません: ${text}`
  })
}

const probe = (client: SqlClient.SqlClient, schema: string) =>
  Effect.flatMap(client<{ readonly schema: string | null }>`SELECT current_schema() AS schema`, (rows) =>
    rows[0]?.schema === schema
      ? Effect.void
      : Effect.fail(new Error(`schema "${schema}" does not exist (current_schema() is ${JSON.stringify(rows[0]?.schema ?? null)})`))
  )

const checkUrl = (url: string, target: string): Effect.Effect<void, DatabaseStartError> => {
  let parsed: URL | undefined
  try {
    parsed = new URL(url)
  } catch {
    parsed = undefined
  }
  return parsed !== undefined && (parsed.protocol === "postgres:" || parsed.protocol === "postgresql:")
    ? Effect.void
    : Effect.fail(
        new DatabaseStartError({
          backend: "server",
          reason: "invalid_url",
          target,
          message: `DATABASE_URL ${JSON.stringify(target)} is not a postgres:// or postgresql:// URL`,
          messageJa: `DATABASE_URL「${target}」は postgres:// 形式の URL ではありません`
        })
      )
}

const timeoutError = (backend: Backend, target: string, after: Duration.Duration) =>
  new DatabaseStartError({
    backend,
    reason: "timeout",
    target,
    message: `the ${backend} database at ${target} did not answer within ${Duration.format(after)}`,
    messageJa: `データベース（${target}）が ${Duration.format(after)} 以内に応答しません`
  })

const contextOf = (client: PgClient.PgClient, info: Database["Service"]) =>
  Context.make(PgClient.PgClient, client).pipe(Context.add(SqlClient.SqlClient, client), Context.add(Database, info))

const serverContext = (options: Options, url: string) => {
  const target = redactUrl(url)
  const schema = options.schema ?? "public"
  const startTimeout = Duration.fromInputUnsafe(options.startTimeout ?? Duration.seconds(10))
  return Effect.gen(function* () {
    yield* checkUrl(url, target)
    if (!SCHEMA_NAME.test(schema)) {
      return yield* new DatabaseStartError({ backend: "server", reason: "query", target, message: `schema name ${JSON.stringify(schema)} is not a plain lower-case identifier`, messageJa: `スキーマ名「${schema}」が不正です` })
    }
    const client = yield* PgClient.make({
      url: Redacted.make(url),
      maxConnections: options.maxConnections ?? 10,
      connectTimeout: startTimeout,
      applicationName: options.applicationName ?? "jiritsu",
      // JIT compiles queries whose estimated cost looks high (the SQL rules' household clauses,
      // projections' upserts) at a start-up cost of seconds; the store's statements are short.
      startupParameters: { ...(schema !== "public" ? { search_path: schema } : {}), ...(options.jit === true ? {} : { jit: "off" }) }
    }).pipe(Effect.mapError((e) => classify("server", target, e)))
    yield* probe(client, schema).pipe(
      Effect.mapError((e) => classify("server", target, e)),
      Effect.timeoutOrElse({ duration: startTimeout, orElse: () => Effect.fail(timeoutError("server", target, startTimeout)) })
    )
    return contextOf(client, { backend: "server", target, schema, connectUrl: target })
  })
}

const embeddedContext = (options: Options) => {
  const target = options.dataDir ?? "memory://"
  // PGlite is one PostgreSQL session: pglite-socket serialises transactions, but the extended
  // protocol messages of two connections outside a transaction can interleave (the unnamed portal
  // of one is replaced by the other's). One pooled connection: fibers queue for it instead.
  const maxConnections = 1
  const startTimeout = Duration.fromInputUnsafe(options.startTimeout ?? Duration.seconds(120))
  return Effect.gen(function* () {
    const embedded = yield* Effect.acquireRelease(
      Effect.tryPromise({
        // A few connections beyond the pool, for other processes (psql, workers) on the socket.
        try: () => startEmbedded({ dataDir: target, maxConnections: maxConnections + 4, ...(options.loadDataDir !== undefined ? { loadDataDir: options.loadDataDir } : {}) }),
        catch: (e) =>
          new DatabaseStartError({
            backend: "embedded",
            reason: "embedded",
            target,
            message: `embedded PostgreSQL (PGlite) failed to start at ${target}: ${e instanceof Error ? e.message : String(e)}`,
            messageJa: `組み込み PostgreSQL（PGlite）を起動できません（${target}）`
          })
      }),
      (e) => Effect.promise(() => e.stop())
    )
    const client = yield* PgClient.make({
      path: embedded.socketPath,
      username: "postgres",
      database: "postgres",
      maxConnections,
      applicationName: options.applicationName ?? "jiritsu"
    }).pipe(Effect.mapError((e) => classify("embedded", target, e)))
    yield* probe(client, "public").pipe(
      Effect.mapError((e) => classify("embedded", target, e)),
      Effect.timeoutOrElse({ duration: startTimeout, orElse: () => Effect.fail(timeoutError("embedded", target, startTimeout)) })
    )
    const socketDir = embedded.socketPath.slice(0, embedded.socketPath.lastIndexOf("/"))
    return contextOf(client, { backend: "embedded", target, schema: "public", connectUrl: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}` })
  })
}

/**
 * The database layer: the server when `options.url` is set, embedded PGlite otherwise.
 * @category layers
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { SqlClient } from "effect/sql"
 * const one = Effect.gen(function* () {
 *   const sql = yield* SqlClient.SqlClient
 *   return yield* sql<{ readonly n: number }>`SELECT 1 AS n`
 * }).pipe(Effect.provide(Database.layer({ dataDir: "memory://" })))
 * ```
 */
export const layer = (options: Options = {}): Layer.Layer<SqlClient.SqlClient | PgClient.PgClient | Database, DatabaseStartError> => {
  const url = options.url === undefined ? undefined : Redacted.isRedacted(options.url) ? Redacted.value(options.url) : options.url
  const build = url !== undefined && url !== "" ? serverContext(options, url) : embeddedContext(options)
  return Layer.effectContext(build).pipe(Layer.provide(Reactivity.layer))
}

/**
 * The database layer from the environment: the server named by `DATABASE_URL` when it is set
 * (and not empty), embedded PGlite otherwise (data directory `JIRITSU_DATA_DIR`, default
 * `memory://`).
 * @category layers
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * // DATABASE_URL set: that server; otherwise embedded PGlite in JIRITSU_DATA_DIR (default memory://)
 * const program = Migrations.run().pipe(Effect.provide(Database.layerFromEnv(process.env, { applicationName: "jiritsu-batch" })))
 * ```
 */
export const layerFromEnv = (
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: Omit<Options, "url"> = {}
): Layer.Layer<SqlClient.SqlClient | PgClient.PgClient | Database, DatabaseStartError> =>
  layer({
    ...options,
    url: env["DATABASE_URL"] === "" ? undefined : env["DATABASE_URL"],
    dataDir: options.dataDir ?? (env["JIRITSU_DATA_DIR"] === "" ? undefined : env["JIRITSU_DATA_DIR"])
  })
