/**
 * `jiritsu serve` — the reference service from the command line (the `@jiritsu/rest/cli` plugin of
 * the `jiritsu` command; also `pnpm serve` in the workspace).
 *
 * Starts on embedded PGlite with its data kept in a directory between runs (`--fresh` resets it),
 * or on the PostgreSQL server named by `DATABASE_URL`; seeds the demo municipality on first start;
 * prints the URL, the docs URL and the demo tokens; stops gracefully on Ctrl-C (SIGINT) or
 * SIGTERM, letting in-flight requests finish.
 *
 * @since 0.1.0
 */
import { Period } from "@jiritsu/core"
import { Database } from "@jiritsu/postgres"
import { Effect, Layer } from "effect"
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join, resolve } from "node:path"
import { pathToFileURL } from "node:url"
import * as Authentication from "./Authentication.ts"
import * as Demo from "./Demo.ts"
import * as PostgresStore from "./PostgresStore.ts"
import * as Server from "./Server.ts"

/**
 * The subcommands this plugin provides to the `jiritsu` dispatcher. @category cli @since 0.1.0
 * @example
 * ```ts
 * import { commands } from "@jiritsu/rest/cli"
 * commands.map((c) => c.name) // ["serve"]: what `jiritsu help` lists for this plugin
 * ```
 */
export const commands: ReadonlyArray<{ readonly name: string; readonly summary: string; readonly summaryJa: string }> = [
  { name: "serve", summary: "run the reference HTTP service (embedded PGlite or DATABASE_URL) with a demo municipality", summaryJa: "参照サービス（HTTP API）をデモデータ付きで起動する" }
]

/**
 * Where output goes (tests capture it). @category cli @since 0.1.0
 * @example
 * ```ts
 * import type { Io } from "@jiritsu/rest/cli"
 * const lines: Array<string> = []
 * const io: Io = { out: (line) => lines.push(line), err: (line) => lines.push(line), env: {}, cwd: process.cwd() }
 * ```
 */
export interface Io {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  /** Resolves when the service should stop (default: SIGINT or SIGTERM). */
  readonly stopSignal?: Promise<void>
  /** Called once the service listens (tests use it to find the port). */
  readonly onReady?: (running: Server.Running) => void
}

/**
 * The help text of `jiritsu serve` (`--help`): its options and the environment variables it reads.
 * @category cli
 * @since 0.1.0
 * @example
 * ```ts
 * import { usage } from "@jiritsu/rest/cli"
 * console.log(usage) // "usage: jiritsu serve [options] …"
 * ```
 */
export const usage = `usage: jiritsu serve [options]

Runs the jiritsu reference service (一体的実施 支援 API) and prints its URL, docs and demo tokens.

options:
  --port <n>         port to listen on (default: $PORT or 3000; 0 picks a free port)
  --host <addr>      interface to listen on (default: $HOST or 127.0.0.1)
  --data-dir <dir>   embedded database directory, kept between runs (default: $JIRITSU_DATA_DIR or .jiritsu/data)
  --fresh            delete the embedded data directory first (not with DATABASE_URL)
  --tokens <file>    token file (jiritsu.tokens/1; default: <data-dir>/../tokens.json, written with the demo tokens if missing)
  --no-demo          do not seed the demo municipality
  --quiet            no access log
  --help             this text

environment:
  DATABASE_URL       use this PostgreSQL server instead of embedded PGlite
  PORT, HOST, JIRITSU_DATA_DIR as above`

interface Flags {
  readonly port: number
  readonly host: string
  readonly dataDir: string
  readonly fresh: boolean
  readonly tokens: string | undefined
  readonly demo: boolean
  readonly quiet: boolean
  readonly help: boolean
}

const parse = (argv: ReadonlyArray<string>, io: Io): Flags | string => {
  const env = io.env
  let port = env["PORT"] === undefined || env["PORT"] === "" ? 3000 : Number(env["PORT"])
  let host = env["HOST"] === undefined || env["HOST"] === "" ? "127.0.0.1" : env["HOST"]
  let dataDir = env["JIRITSU_DATA_DIR"] === undefined || env["JIRITSU_DATA_DIR"] === "" ? ".jiritsu/data" : env["JIRITSU_DATA_DIR"]
  let fresh = false
  let tokens: string | undefined
  let demo = true
  let quiet = false
  let help = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const value = (): string | undefined => {
      const v = argv[i + 1]
      i++
      return v
    }
    switch (arg) {
      // npm and pnpm may pass on the "--" that separates their own options from the script's.
      case "--":
        break
      case "--port": {
        const v = value()
        if (v === undefined || !/^\d{1,5}$/.test(v) || Number(v) > 65535) return `--port needs a port number (0–65535), got ${v === undefined ? "nothing" : JSON.stringify(v)}`
        port = Number(v)
        break
      }
      case "--host": {
        const v = value()
        if (v === undefined || v === "") return "--host needs an address, e.g. 127.0.0.1 or 0.0.0.0"
        host = v
        break
      }
      case "--data-dir": {
        const v = value()
        if (v === undefined || v === "") return "--data-dir needs a directory"
        dataDir = v
        break
      }
      case "--tokens": {
        const v = value()
        if (v === undefined || v === "") return "--tokens needs a file"
        tokens = v
        break
      }
      case "--fresh":
        fresh = true
        break
      case "--no-demo":
        demo = false
        break
      case "--quiet":
        quiet = true
        break
      case "--help":
      case "-h":
        help = true
        break
      default:
        return `unknown option ${JSON.stringify(arg)}`
    }
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) return `PORT must be a port number (0–65535), got ${JSON.stringify(env["PORT"])}`
  return { port, host, dataDir, fresh, tokens, demo, quiet, help }
}

const signal = (): Promise<void> =>
  new Promise((done) => {
    const stop = () => {
      process.off("SIGINT", stop)
      process.off("SIGTERM", stop)
      done()
    }
    process.on("SIGINT", stop)
    process.on("SIGTERM", stop)
  })

type Dashboard = { readonly _tag: "Mounted"; readonly directory: string } | { readonly _tag: "Missing" } | { readonly _tag: "Failed"; readonly message: string }

/**
 * The dashboard (`@jiritsu/dashboard`) when it resolves — from the working directory first, then
 * from this package — with its site built first when it is missing or stale (the workspace builds
 * it on demand; a published package ships it built). Optional: without it `/` is the JSON index.
 */
const findDashboard = async (io: Io): Promise<Dashboard> => {
  for (const from of [join(io.cwd, "package.json"), import.meta.url]) {
    let entry: string
    try {
      entry = createRequire(from).resolve("@jiritsu/dashboard")
    } catch {
      continue
    }
    try {
      const { Site } = (await import(pathToFileURL(entry).href)) as { readonly Site: { readonly ensure: (o: { readonly log: (line: string) => void }) => Promise<string> } }
      return { _tag: "Mounted", directory: await Site.ensure({ log: io.out }) }
    } catch (e) {
      return { _tag: "Failed", message: e instanceof Error ? e.message : String(e) }
    }
  }
  return { _tag: "Missing" }
}

const dashboardLine = (running: Server.Running, dashboard: Dashboard): string =>
  dashboard._tag === "Mounted"
    ? `  Dashboard ${running.url}/  (sign in with a token below)`
    : dashboard._tag === "Missing"
      ? "  Dashboard not installed (add @jiritsu/dashboard to serve it at /)"
      : `  Dashboard not served: ${dashboard.message}`

const banner = (running: Server.Running, backend: string, tokens: ReadonlyArray<Authentication.TokenEntry>, seeded: string, ms: number, dashboard: Dashboard): ReadonlyArray<string> => {
  const width = Math.max(...tokens.map((t) => (t.label ?? t.principal.roles.join(",")).length))
  const first = tokens[0]?.token ?? "<token>"
  return [
    "",
    `jiritsu reference service (一体的実施 支援 API) — ready in ${(ms / 1000).toFixed(1)} s`,
    `  URL       ${running.url}`,
    dashboardLine(running, dashboard),
    `  Docs      ${running.url}/docs`,
    `  OpenAPI   ${running.url}/openapi.json`,
    `  Health    ${running.url}/v1/health`,
    `  Database  ${backend}`,
    `  Demo      ${seeded}`,
    "",
    "  Tokens (Authorization: Bearer <token>):",
    ...tokens.map((t) => `    ${(t.label ?? t.principal.roles.join(",")).padEnd(width)}  ${t.token}   [${t.principal.tenant} ${t.principal.organisation.id}]`),
    "",
    `  Try:  curl -H "Authorization: Bearer ${first}" "${running.url}/v1/cases?limit=3"`,
    "  Stop: Ctrl-C",
    ""
  ]
}

/**
 * Runs `serve` with the arguments after the subcommand; resolves with the exit code once the
 * service has stopped (or failed to start).
 * @category cli
 * @since 0.1.0
 * @example
 * ```ts
 * import { mkdtempSync } from "node:fs"
 * import { tmpdir } from "node:os"
 * import { join } from "node:path"
 * import { run } from "@jiritsu/rest/cli"
 * // start on a free port in a scratch directory, without the demo; stop once it listens
 * let stop = () => {}
 * const code = await run(["--port", "0", "--no-demo", "--quiet"], {
 *   out: (line) => console.log(line),
 *   err: (line) => console.error(line),
 *   env: {},
 *   cwd: mkdtempSync(join(tmpdir(), "jiritsu-")), // .jiritsu/data and tokens.json go here
 *   stopSignal: new Promise<void>((resolve) => (stop = resolve)),
 *   onReady: (running) => { console.log(running.url); stop() }
 * }) // 0
 * ```
 */
export const run = async (argv: ReadonlyArray<string>, io: Io): Promise<number> => {
  const flags = parse(argv, io)
  if (typeof flags === "string") {
    io.err(`jiritsu serve: ${flags}`)
    io.err(usage)
    return 2
  }
  if (flags.help) {
    io.out(usage)
    return 0
  }
  const started = performance.now()
  const url = io.env["DATABASE_URL"] === "" ? undefined : io.env["DATABASE_URL"]
  const dataDir = resolve(io.cwd, flags.dataDir)
  if (flags.fresh && url !== undefined) {
    io.err("jiritsu serve: --fresh resets the embedded data directory; with DATABASE_URL use a new database or schema instead")
    return 2
  }
  if (flags.fresh && existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true })
  if (url === undefined) mkdirSync(dataDir, { recursive: true })
  const tokenFile = flags.tokens === undefined ? join(dataDir, "..", "tokens.json") : resolve(io.cwd, flags.tokens)
  if (flags.tokens === undefined && (flags.fresh || !existsSync(tokenFile))) {
    mkdirSync(join(tokenFile, ".."), { recursive: true })
    writeFileSync(tokenFile, `${JSON.stringify({ format: "jiritsu.tokens/1", tokens: Demo.tokens }, null, 2)}\n`)
  }
  const tokens = await Effect.runPromise(Effect.result(Authentication.readTokenFile(tokenFile)))
  if (tokens._tag === "Failure") {
    io.err(`jiritsu serve: the token file is not valid:\n${tokens.failure.message}`)
    return 2
  }
  const entries = tokens.success.tokens
  // Embedded PGlite is one PostgreSQL session: one connection keeps concurrent requests from interleaving.
  const database = Database.layer(url !== undefined ? { url } : { dataDir, maxConnections: 1 })
  const store = PostgresStore.layer().pipe(Layer.provideMerge(database))
  io.out(url !== undefined ? `jiritsu serve: connecting to ${Database.redactUrl(url)} …` : `jiritsu serve: starting embedded PostgreSQL (PGlite) in ${dataDir} …`)
  const dashboard = await findDashboard(io)
  let running: Server.Running
  let seeded = "not seeded (--no-demo)"
  try {
    const today = Period.unsafeDate(new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10))
    const demo = flags.demo ? Demo.generate({ today }) : undefined
    const seedLayer = demo === undefined ? Layer.empty : Layer.effectDiscard(Effect.map(Demo.seed(demo), (wrote) => {
      const s = Demo.summarise(demo)
      seeded = `${Demo.sites.map((x) => x.name.ja).join("、")}: ${s.people} people, ${s.cases} cases, ${s.consentRecords} consent records, ${s.disclosures} disclosures, ${s.plans} business plan${wrote ? " (seeded now)" : " (kept from an earlier run)"}`
    }))
    running = await Server.start({
      port: flags.port,
      host: flags.host,
      sites: Demo.sites,
      logRequests: !flags.quiet,
      ...(dashboard._tag === "Mounted" ? { staticDirectory: dashboard.directory } : {}),
      store: Layer.provideMerge(seedLayer, store) as never,
      authentication: Authentication.layerFromTokens(entries)
    })
  } catch (e) {
    const message = typeof e === "object" && e !== null && "message" in e ? String((e as { readonly message: unknown }).message) : String(e)
    io.err(`jiritsu serve: could not start: ${message}`)
    return 1
  }
  const backend = url !== undefined ? `PostgreSQL server ${Database.redactUrl(url)}` : `embedded PGlite in ${dataDir} (kept between runs; --fresh to reset)`
  for (const line of banner(running, backend, entries, seeded, performance.now() - started, dashboard)) io.out(line)
  io.onReady?.(running)
  await (io.stopSignal ?? signal())
  io.out("jiritsu serve: stopping (letting in-flight requests finish) …")
  await running.close()
  io.out("jiritsu serve: stopped")
  return 0
}

/**
 * The plugin entry point of the `jiritsu` command: `argv` is what follows `jiritsu` (starting with
 * `serve`, as the dispatcher passes it) or what follows `serve`.
 * @category cli
 * @since 0.1.0
 * @example
 * ```ts
 * import { main } from "@jiritsu/rest/cli"
 * process.exitCode = await main(process.argv.slice(2)) // e.g. node bin.ts serve --port 8080
 * ```
 */
export const main = (argv: ReadonlyArray<string>): Promise<number> =>
  run(argv[0] === "serve" ? argv.slice(1) : argv, { out: (l) => console.log(l), err: (l) => console.error(l), env: process.env, cwd: process.cwd() })
