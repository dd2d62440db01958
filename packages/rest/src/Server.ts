/**
 * Server (サーバー) — the reference service: the `Api` with its handlers, `/openapi.json`, the
 * rendered reference at `/docs` (Scalar, served inline from the package: no CDN, no remote fonts),
 * a small JSON index at `/`, and the guard every request passes (request id, body limit, problem
 * documents for everything, access log).
 *
 * Compose it three ways:
 * - {@link routes}: the routes as a Layer, to mount in your own `HttpRouter` next to your routes;
 * - {@link layer}: a Node HTTP server serving them (graceful shutdown: on close the server stops
 *   accepting, in-flight requests finish — command handlers are uninterruptible, so no event is
 *   half-written — then the database closes), with a fast path in front for the plain
 *   `POST /v1/eligibility/evaluate` that answers exactly as the route does (`fastEvaluate`);
 * - {@link start}: the same as a Promise, for callers who do not use Effect.
 *
 * Persistence (`Store`) and authentication (`Middleware.Authentication`) are Layers you choose:
 * the CLI uses `PostgresStore.layer` and a token file.
 *
 * @since 0.1.0
 * @module
 */
import { NodeHttpServer } from "@effect/platform-node"
import { Catalogue } from "@jiritsu/catalog"
import { Duration, Effect, type FileSystem, Layer, ManagedRuntime, type Path } from "effect"
import { type Etag, type HttpPlatform, HttpRouter, HttpServer, type HttpServerError, HttpServerResponse, HttpStaticServer } from "effect/http"
import { HttpApiBuilder, HttpApiScalar } from "effect/http-api"
import { createServer, type Server as NodeServer } from "node:http"
import { Api } from "./Api.ts"
import { Authentication } from "./Middleware.ts"
import { Service, type ServiceInfo } from "./internal/context.ts"
import * as FastEvaluate from "./internal/fastEvaluate.ts"
import { guard } from "./internal/guard.ts"
import { CasesLive, ConsentsLive, DisclosuresLive, PersonsLive } from "./internal/handlers/records.ts"
import { EligibilityLive, ProgrammesLive, SystemLive } from "./internal/handlers/catalogue.ts"
import { CaseloadLive, SessionLive } from "./internal/handlers/caseload.ts"
import { ReportsLive, TargetsLive } from "./internal/handlers/figures.ts"
import { MiddlewareLive } from "./internal/middleware.ts"
import type { Site } from "./Site.ts"
import type { Store } from "./Store.ts"

/**
 * The service's version (the package version). @category constants @since 0.1.0
 * @example
 * ```ts
 * Server.VERSION // "0.1.0", as GET /v1/health reports it
 * ```
 */
export const VERSION = "0.1.0"

/**
 * The default request-body limit: 1 MiB. @category constants @since 0.1.0
 * @example
 * ```ts
 * Server.DEFAULT_BODY_LIMIT // 1048576: a larger body is a 413 payload_too_large
 * ```
 */
export const DEFAULT_BODY_LIMIT = 1024 * 1024

/**
 * What the routes need besides persistence and authentication. @category options @since 0.1.0
 * @example
 * ```ts
 * const options: Server.RouteOptions = { sites: Demo.sites, bodyLimit: 256 * 1024, logRequests: false, name: "jiritsu-shinagawa" }
 * ```
 */
export interface RouteOptions {
  /** The municipalities served (one per tenant a token may name). */
  readonly sites: ReadonlyArray<Site>
  /** The programmes served (default: the built-in catalogue). */
  readonly catalogue?: Catalogue.Catalogue | undefined
  /** Request bodies above this many bytes are refused with 413 before they are read (default 1 MiB). */
  readonly bodyLimit?: number | undefined
  /** One log line per request (default true). */
  readonly logRequests?: boolean | undefined
  /** The name reported by `/v1/health` (default `jiritsu`). */
  readonly name?: string | undefined
  /**
   * A directory of static files to serve at `/` in place of the JSON index — the dashboard
   * (`Site.directory` of `@jiritsu/dashboard`). The API, `/openapi.json` and `/docs` keep their paths.
   */
  readonly staticDirectory?: string | undefined
}

/**
 * Options of {@link layer} and {@link start}. @category options @since 0.1.0
 * @example
 * ```ts
 * const options: Server.Options = { sites: Demo.sites, port: 8080, host: "0.0.0.0", gracefulShutdownTimeout: "30 seconds" }
 * ```
 */
export interface Options extends RouteOptions {
  /** The port (default 3000; `0` picks a free one). */
  readonly port?: number | undefined
  /** The interface to listen on (default `127.0.0.1`; `0.0.0.0` for every interface). */
  readonly host?: string | undefined
  /** How long in-flight requests may take to finish on shutdown (default 10 s). */
  readonly gracefulShutdownTimeout?: Duration.Input | undefined
  /**
   * Answer the plain `POST /v1/eligibility/evaluate` (JSON body with a Content-Length, a bearer
   * token, no Idempotency-Key) straight from Node's request event instead of through the HttpApi
   * stack (default true): the same answer, byte for byte, at about half the CPU. Anything else,
   * and every refusal, still goes through the full stack. It calls your `Authentication` layer
   * outside the HttpApi pipeline; a layer that cannot answer there (it dies, say because it reads
   * the request) turns the fast path off by itself.
   */
  readonly fastEvaluate?: boolean | undefined
}

const index = HttpRouter.add(
  "GET",
  "/",
  HttpServerResponse.jsonUnsafe({
    service: "jiritsu reference service (一体的実施 支援 API)",
    version: VERSION,
    links: { health: "/v1/health", docs: "/docs", openapi: "/openapi.json" }
  })
)

/**
 * A directory's files at `/`. A missing file fails with the router's "not found",
 * which the guard renders as the same 404 problem document as any unknown route. Files are
 * revalidated (`no-cache`): a rebuilt dashboard shows at the next load.
 */
const staticFiles = (root: string) =>
  Layer.effectDiscard(
    Effect.gen(function*() {
      const router = yield* HttpRouter.HttpRouter
      const files = yield* HttpStaticServer.make({ root, cacheControl: "no-cache" })
      yield* router.add("GET", "/*", files)
    })
  )

/**
 * The service's routes (API, `/openapi.json`, `/docs`, `/`) and guard, needing a `Store` and an
 * authentication layer.
 * @category layers
 * @since 0.1.0
 * @example
 * ```ts
 * import { NodeHttpServer } from "@effect/platform-node"
 * import { Layer } from "effect"
 * import { HttpRouter } from "effect/http"
 * import { createServer } from "node:http"
 * // the API beside routes of your own, on your own server
 * const app = Server.routes({ sites: Demo.sites }).pipe(
 *   Layer.provide([PostgresStore.layerFrom({ dataDir: "memory://" }), Authentication.layerFromTokens(Demo.tokens)])
 * )
 * const server = HttpRouter.serve(app).pipe(Layer.provide(NodeHttpServer.layer(createServer, { port: 3000 })))
 * ```
 */
export const routes = (options: RouteOptions): Layer.Layer<
  never,
  never,
  HttpRouter.HttpRouter | Store | Authentication | Etag.Generator | FileSystem.FileSystem | HttpPlatform.HttpPlatform | Path.Path
> => routesWith(options, serviceInfo(options))

const serviceInfo = (options: RouteOptions): ServiceInfo => ({
  catalogue: options.catalogue ?? Catalogue.catalogue,
  sites: new Map(options.sites.map((s) => [s.tenant, s])),
  name: options.name ?? "jiritsu",
  version: VERSION,
  startedAt: new Date().toISOString() as ServiceInfo["startedAt"]
})

const routesWith = (options: RouteOptions, info: ServiceInfo) => {
  const handlers = Layer.mergeAll(SystemLive, ProgrammesLive, EligibilityLive, PersonsLive, CasesLive, ConsentsLive, DisclosuresLive, TargetsLive, ReportsLive, SessionLive, CaseloadLive)
  const api = HttpApiBuilder.layer(Api, { openapiPath: "/openapi.json" }).pipe(Layer.provide(handlers), Layer.provide(MiddlewareLive))
  const docs = HttpApiScalar.layer(Api, { path: "/docs", scalar: { withDefaultFonts: false, hideModels: false } })
  const home = options.staticDirectory === undefined ? index : staticFiles(options.staticDirectory)
  return Layer.mergeAll(api, docs, home, guard({ bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT, logRequests: options.logRequests ?? true })).pipe(
    Layer.provide(Layer.succeed(Service, info))
  ) as Layer.Layer<
    never,
    never,
    HttpRouter.HttpRouter | Store | Authentication | Etag.Generator | FileSystem.FileSystem | HttpPlatform.HttpPlatform | Path.Path
  >
}

/**
 * Puts the evaluate fast path in front of the listener the HttpApi server attached to `server`
 * (built after it), and takes it away again before that listener is removed on shutdown.
 */
const fastEvaluate = (server: () => NodeServer | undefined, options: Omit<FastEvaluate.FastEvaluateOptions, "services">) =>
  Layer.effectDiscard(
    Effect.gen(function*() {
      const services = yield* Effect.context<Authentication>()
      const node = server()
      const served = node?.listeners("request")
      if (node === undefined || served?.length !== 1) return
      const next = served[0] as FastEvaluate.Listener
      const fast = FastEvaluate.make({ ...options, services }, next)
      yield* Effect.acquireRelease(
        Effect.sync(() => {
          node.off("request", next)
          node.on("request", fast)
        }),
        () =>
          Effect.sync(() => {
            node.off("request", fast)
            node.on("request", next)
          })
      )
    })
  )

/**
 * A Node HTTP server serving {@link routes} on `host:port`.
 * @category layers
 * @since 0.1.0
 * @example
 * ```ts
 * import { NodeRuntime } from "@effect/platform-node"
 * import { Layer } from "effect"
 * const service = Server.layer({ sites: Demo.sites, port: 3000 }).pipe(
 *   Layer.provide([PostgresStore.layerFrom({ dataDir: ".jiritsu/data" }), Authentication.layerFromTokens(Demo.tokens)])
 * )
 * NodeRuntime.runMain(Layer.launch(service)) // until Ctrl-C, then a graceful shutdown
 * ```
 */
export const layer = (options: Options): Layer.Layer<HttpServer.HttpServer, HttpServerError.ServeError, Store | Authentication> => {
  const info = serviceInfo(options)
  let node: NodeServer | undefined
  const server = NodeHttpServer.layer(() => (node = createServer({ keepAliveTimeout: 5_000 })), {
    port: options.port ?? 3000,
    host: options.host ?? "127.0.0.1",
    gracefulShutdownTimeout: options.gracefulShutdownTimeout ?? Duration.seconds(10)
  })
  const serving = HttpRouter.serve(routesWith(options, info), { disableLogger: true, disableListenLog: true })
  const fast = options.fastEvaluate === false
    ? Layer.empty
    : fastEvaluate(() => node, { info, bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT, logRequests: options.logRequests ?? true })
  return fast.pipe(Layer.provide(serving), Layer.provideMerge(server)) as never
}

/**
 * A running service: its base URL and how to stop it. @category promise @since 0.1.0
 * @example
 * ```ts
 * const stopOnSignal = (running: Server.Running) => process.once("SIGTERM", () => void running.close())
 * ```
 */
export interface Running {
  readonly url: string
  readonly port: number
  /** Stops accepting, lets in-flight requests finish, closes the database. */
  readonly close: () => Promise<void>
}

/**
 * Starts the service (Promise facade): resolves once it listens, rejects with the typed start
 * error (a wrong `DATABASE_URL`, a port in use, a bad token file …).
 * @category promise
 * @since 0.1.0
 * @example
 * ```ts
 * const service = await Server.start({
 *   port: 0,
 *   sites: Demo.sites,
 *   store: PostgresStore.layerFrom({ dataDir: "memory://" }),
 *   authentication: Authentication.layerFromTokens(Demo.tokens),
 *   logRequests: false
 * })
 * const health = await fetch(`${service.url}/v1/health`) // 200
 * await service.close()
 * ```
 */
export const start = async <E>(options: Options & { readonly store: Layer.Layer<Store, E>; readonly authentication: Layer.Layer<Authentication> }): Promise<Running> => {
  const runtime = ManagedRuntime.make(layer(options).pipe(Layer.provide([options.store, options.authentication])))
  try {
    const server = await runtime.runPromise(HttpServer.HttpServer)
    const address = server.address
    const port = "port" in address ? address.port : 0
    const host = options.host === undefined || options.host === "0.0.0.0" ? "127.0.0.1" : options.host
    return { url: `http://${host}:${port}`, port, close: () => runtime.dispose() }
  } catch (e) {
    await runtime.dispose()
    throw e
  }
}

/**
 * Runs an effect that needs the running server's URL (handy in tests and examples). @category layers @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const program = Effect.gen(function*() {
 *   const url = yield* Server.urlOf
 *   return (yield* Effect.promise(() => fetch(`${url}/v1/health`))).status // 200
 * }).pipe(
 *   Effect.provide(Server.layer({ sites: Demo.sites, port: 0 })),
 *   Effect.provide([PostgresStore.layerFrom({ dataDir: "memory://" }), Authentication.layerFromTokens(Demo.tokens)])
 * )
 * ```
 */
export const urlOf: Effect.Effect<string, never, HttpServer.HttpServer> = Effect.map(HttpServer.HttpServer, (server) =>
  "port" in server.address ? `http://127.0.0.1:${server.address.port}` : ""
)
