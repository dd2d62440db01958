// `pnpm bench rest` → bench/results/rest.json: the reference service under load from autocannon 9
// in a second process, on loopback, on the PostgreSQL server (DATABASE_URL, else the local one; a
// fresh schema, dropped afterwards). Each case is measured against a "baseline": the same core call
// (and for the stored cases the same @jiritsu/postgres calls) behind a bare node:http handler —
// no HttpApi, no schemas at the edge, no authentication, no problem documents.
//
// Cases: evaluate-p99, get-case-p99, command-p99 (ms, at a target rate of 1,000 requests/s over 10
// connections) and throughput (requests/s of evaluate, 10 connections, unthrottled). Five
// repetitions per side, alternating; medians with min–max.
import { Catalogue } from "@jiritsu/catalog"
import { Case, type Period, Verdict } from "@jiritsu/core"
import { CaseStore, CaseView, Database, EventStore, Migrations, Tenant } from "@jiritsu/postgres"
import { Authentication, Demo, PostgresStore, Server } from "@jiritsu/rest"
import { Effect, Layer, ManagedRuntime, Result } from "effect"
import { SqlClient } from "effect/sql"
import { execFile } from "node:child_process"
import { randomBytes } from "node:crypto"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { join } from "node:path"
import { promisify } from "node:util"
import { type BenchCase, writeReport } from "./report.ts"

const REPS = 5
const DURATION = 5
const CONNECTIONS = 10
const RATE = 1000
const CASES = 50
const TENANT = Demo.SHINAGAWA
const TOKEN = "demo-shinagawa-caseworker"

const run = promisify(execFile)

interface Load {
  readonly p50: number
  readonly p99: number
  readonly rps: number
  readonly total: number
  readonly errors: number
  readonly non2xx: number
}

const load = async (job: Record<string, unknown>): Promise<Load> => {
  const { stdout } = await run(process.execPath, [join(import.meta.dirname, "rest-load.ts"), JSON.stringify(job)], { maxBuffer: 1 << 20 })
  return JSON.parse(stdout.trim().split("\n").pop()!) as Load
}

const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

const facts = { target_groups: ["welfare_recipient"], able_to_work: true, motivated: true, work_barrier: false, consents_to_participate: true }
const evaluateBody = JSON.stringify({ programme: "national.hw_handoff", asOf: "2024-04-01", facts })
const commandBody = JSON.stringify({ _tag: "RecordMonitoring", occurredAt: "2031-01-01", note: "bench" })

const delivery = [
  { _tag: "Assess", occurredAt: "2024-02-02", startingStage: "employment" },
  { _tag: "DraftPlan", occurredAt: "2024-02-03", planId: "plan-1", goals: ["就労"] },
  { _tag: "HoldCoordinationMeeting", occurredAt: "2024-02-04", planId: "plan-1", outcome: "approved", participants: ["municipality"] },
  { _tag: "DecideSupport", occurredAt: "2024-02-05", planId: "plan-1", services: ["employment_support"], authorisedStages: [] },
  { _tag: "StartDelivery", occurredAt: "2024-02-06" }
]

const post = async (url: string, path: string, body: unknown) => {
  const r = await fetch(`${url}${path}`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, body: JSON.stringify(body) })
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${await r.text()}`)
}

/** The same work as the service's handlers, behind node:http. */
const baselineServer = (runtime: ManagedRuntime.ManagedRuntime<EventStore.EventStore | SqlClient.SqlClient, unknown>) => {
  const actor: Case.Actor = { organisation: "municipality", role: "caseworker" }
  const asTenant = <A, E, R>(e: Effect.Effect<A, E, R>) => Effect.provideService(e, Tenant.Tenant, { code: TENANT })
  const today = () => new Date().toISOString().slice(0, 10) as Period.LocalDate
  const readCase = (id: string) =>
    Effect.gen(function*() {
      const store = yield* EventStore.EventStore
      const rows = yield* store.readStream(CaseStore.streamOf(id))
      const events = yield* Effect.forEach(rows, CaseStore.decodeStored)
      return { version: rows.length, state: Case.replay(events) }
    })
  const body = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let data = ""
      req.setEncoding("utf8")
      req.on("data", (c: string) => (data += c))
      req.on("end", () => resolve(data))
    })
  const send = (res: ServerResponse, status: number, value: unknown) => {
    const text = JSON.stringify(value)
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) })
    res.end(text)
  }
  return createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0]!
    void (async () => {
      if (req.method === "POST" && path === "/evaluate") {
        const input = JSON.parse(await body(req)) as Catalogue.Request
        const r = Catalogue.evaluate(Catalogue.catalogue, input)
        if (Result.isFailure(r)) return send(res, 422, r.failure)
        // The same document as the service's: verdict, summary, why-not reasons, next questions.
        const declared = Catalogue.get(Catalogue.catalogue, input.programme)?.ruleSet.facts ?? {}
        const v = r.success
        return send(res, 200, {
          verdict: v,
          lang: "en",
          summary: Verdict.render(v, "en"),
          reasons: [...Verdict.whyNot(v, "en")],
          questions: v.missingFacts.map((fact) => ({ fact, label: declared[fact.split("[")[0]!]?.labels.en ?? fact }))
        })
      }
      const m = /^\/cases\/([^/]+)(\/commands)?$/.exec(path)
      if (m !== null && req.method === "GET") return send(res, 200, await runtime.runPromise(asTenant(readCase(m[1]!))))
      if (m !== null && req.method === "POST") {
        const command = { ...(JSON.parse(await body(req)) as object), actor } as Case.Command
        const outcome = await runtime.runPromise(
          asTenant(
            Effect.gen(function*() {
              const store = yield* EventStore.EventStore
              // Decided on the case read model's state, as the service does.
              const row = yield* CaseView.get(m[1]!, today())
              if (row === undefined) return [404, { error: "no such case" }] as const
              const { version, state } = row
              const decided = Case.decide(state, command)
              if (Result.isFailure(decided)) return [422, decided.failure] as const
              const appended = yield* store.append(CaseStore.streamOf(m[1]!), version, decided.success.map((e) => CaseStore.toNewEvent(e)), { streamType: "case" }).pipe(
                Effect.map(() => [200, { events: decided.success, version: version + decided.success.length }] as const),
                Effect.catchTag("VersionConflict", (c) => Effect.succeed([409, { expected: c.expected, actual: c.actual }] as const))
              )
              return appended
            })
          )
        )
        return send(res, outcome[0], outcome[1])
      }
      send(res, 404, { error: "not found" })
    })().catch((e: unknown) => send(res, 500, { error: String(e) }))
  })
}

const returns = {
  "evaluate-p99": "the verdict with its trace, the English summary, why-not reasons and next questions (≈ 4.3 kB of JSON)",
  throughput: "the verdict with its trace, the English summary, why-not reasons and next questions (≈ 4.3 kB of JSON)",
  "get-case-p99": "the case's state replayed from its stream and its version (the service also its follow-up schedule, time in stage and an ETag header)",
  "command-p99": "the events the command produced and the new version, after appending them (the service also the case's view and an ETag header)"
} as const

const FAST_PATH =
  "its fast path for the plain evaluate request: the bearer token through the server's Authentication layer, the access table, the route's payload schema and parse options, the route's evaluation, the verdict document; the same status, headers and bytes as the HttpApi route (a property test checks it), and every refusal answered by the full HttpApi stack"

const jiritsuDoes = {
  "evaluate-p99": FAST_PATH,
  throughput: FAST_PATH,
  "get-case-p99": "bearer auth, access check, consent gate, schema decoding of the request and encoding of the response, problem documents",
  "command-p99":
    "bearer auth, access check, consent gate and context, schema decoding of the request and encoding of the response, problem documents; the command decided on the case read model's state, appended at that version; idempotency not used"
} as const

const baselineDoes = {
  "evaluate-p99": "the same core calls",
  throughput: "the same core calls",
  "get-case-p99": "the same core and @jiritsu/postgres calls (readStream, decode, replay)",
  "command-p99": "the same core and @jiritsu/postgres calls: the state from the same read model (CaseView.get), Case.decide, EventStore.append at that version"
} as const

const noteOf = (name: keyof typeof returns, figures: { readonly served: string; readonly rejected: string; readonly disk: string }): string =>
  (name === "throughput"
    ? `requests/s of POST /v1/eligibility/evaluate, ${CONNECTIONS} connections, unthrottled, ${DURATION} s × ${REPS}`
    : `p99 latency at a target of ${RATE} req/s over ${CONNECTIONS} connections, ${DURATION} s × ${REPS}; ${figures.served}`) +
  `; both sides return ${returns[name]}; jiritsu: the reference service (${jiritsuDoes[name]}); baseline: ${baselineDoes[name]} in a bare node:http handler (JSON.parse / JSON.stringify, no validation). ` +
  (name === "command-p99"
    ? "Both sides append through the same @jiritsu/postgres EventStore with the same inline case and metrics projections and durable commits (synchronous_commit on): appends that arrive while a commit is in flight are written together in the next transaction (one statement for the events, each projection once per commit), and every caller is answered after its commit. " +
      `${figures.disk} `
    : "") +
  `${figures.rejected}${name === "command-p99" ? " (409s when two writers hit one of the 50 cases at once)" : ""}. PostgreSQL 15 server on loopback, autocannon 9 in a second process.`

const listen = (server: ReturnType<typeof createServer>) =>
  new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)))

export const main = async (): Promise<void> => {
  const url = process.env["DATABASE_URL"] || "postgres://postgres@127.0.0.1:5432/test"
  const schema = `jiritsu_bench_${randomBytes(5).toString("hex")}`
  const admin = ManagedRuntime.make(Database.layer({ url, maxConnections: 1 }))
  const exec = (statement: string) => admin.runPromise(Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe(statement)))
  await exec(`CREATE SCHEMA ${schema}`)
  const database = Database.layer({ url, schema, maxConnections: 10 })
  const baselineRuntime = ManagedRuntime.make(
    Layer.mergeAll(EventStore.layerSql({ inline: PostgresStore.inlineProjections }), Layer.effectDiscard(Migrations.run({ namespaces: [PostgresStore.migrations] }))).pipe(
      Layer.provideMerge(Database.layer({ url, schema, maxConnections: 10 }))
    )
  )
  let service: Server.Running | undefined
  const baseline = baselineServer(baselineRuntime as never)
  try {
    service = await Server.start({ port: 0, sites: Demo.sites, logRequests: false, store: PostgresStore.layer().pipe(Layer.provide(database)), authentication: Authentication.layerFromTokens(Demo.tokens) })
    await baselineRuntime.runPromise(Effect.void)
    const baselineUrl = await listen(baseline)
    // The same cases for both sides: opened through the service, in delivery.
    await post(service.url, "/v1/persons", { id: "p-bench", data: { identity: { name: "負荷 試験" } } })
    for (const prefix of ["svc", "base"]) {
      for (let i = 0; i < CASES; i++) {
        await post(service.url, "/v1/cases", { caseId: `${prefix}-${i}`, subjectId: "p-bench", publicAssistance: true, occurredAt: "2024-02-01" })
        for (const c of delivery) await post(service.url, `/v1/cases/${prefix}-${i}/commands`, c)
      }
    }
    const auth = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }
    const json = { "content-type": "application/json" }
    const jobs = {
      "evaluate-p99": {
        jiritsu: { url: `${service.url}/v1/eligibility/evaluate?lang=en`, method: "POST", body: evaluateBody, headers: auth, overallRate: RATE },
        baseline: { url: `${baselineUrl}/evaluate`, method: "POST", body: evaluateBody, headers: json, overallRate: RATE }
      },
      "get-case-p99": {
        jiritsu: { url: `${service.url}/v1/cases/svc-{n}`, method: "GET", headers: auth, overallRate: RATE, spread: CASES },
        baseline: { url: `${baselineUrl}/cases/base-{n}`, method: "GET", headers: json, overallRate: RATE, spread: CASES }
      },
      "command-p99": {
        jiritsu: { url: `${service.url}/v1/cases/svc-{n}/commands`, method: "POST", body: commandBody, headers: auth, overallRate: RATE, spread: CASES },
        baseline: { url: `${baselineUrl}/cases/base-{n}/commands`, method: "POST", body: commandBody, headers: json, overallRate: RATE, spread: CASES }
      },
      throughput: {
        jiritsu: { url: `${service.url}/v1/eligibility/evaluate?lang=en`, method: "POST", body: evaluateBody, headers: auth },
        baseline: { url: `${baselineUrl}/evaluate`, method: "POST", body: evaluateBody, headers: json }
      }
    } as const
    // What this disk allows: single-row INSERT commits (one WAL flush each, synchronous_commit on)
    // from 1 and from 10 connections, 1 s × 5 each.
    await baselineRuntime.runPromise(Effect.flatMap(SqlClient.SqlClient, (sql) => sql`CREATE TABLE commit_probe (id bigserial PRIMARY KEY, v text)`))
    const commitsPerSecond = async (connections: number): Promise<number> => {
      const until = Date.now() + 1000
      let n = 0
      const loop = (sql: SqlClient.SqlClient): Effect.Effect<void, unknown> =>
        Effect.suspend(() => (Date.now() >= until ? Effect.void : Effect.andThen(sql`INSERT INTO commit_probe (v) VALUES ('x')`, Effect.suspend(() => (n++, loop(sql))))))
      await baselineRuntime.runPromise(Effect.flatMap(SqlClient.SqlClient, (sql) => Effect.forEach(Array.from({ length: connections }), () => loop(sql), { concurrency: "unbounded", discard: true })))
      return n
    }
    const probe = { one: [] as Array<number>, ten: [] as Array<number> }
    for (let rep = 0; rep < REPS; rep++) {
      probe.one.push(await commitsPerSecond(1))
      probe.ten.push(await commitsPerSecond(CONNECTIONS))
    }
    const range = (xs: ReadonlyArray<number>) => `${median(xs)} (${Math.min(...xs)}–${Math.max(...xs)})`
    const disk = `This disk, same run: single-row INSERT commits ${range(probe.one)}/s from 1 connection, ${range(probe.ten)}/s from ${CONNECTIONS} (medians, min–max of ${REPS} × 1 s), i.e. ≈ ${(1000 / median(probe.one)).toFixed(1)} ms per WAL flush.`
    const cases: Array<BenchCase> = []
    for (const [name, sides] of Object.entries(jobs)) {
      const runs: Record<"jiritsu" | "baseline", Array<Load>> = { jiritsu: [], baseline: [] }
      for (let rep = 0; rep < REPS; rep++) {
        for (const side of ["jiritsu", "baseline"] as const) runs[side].push(await load({ ...sides[side], connections: CONNECTIONS, duration: DURATION }))
      }
      const metric = (l: Load) => (name === "throughput" ? l.rps : l.p99)
      const figure = (side: "jiritsu" | "baseline") => median(runs[side].map(metric))
      const spread = (side: "jiritsu" | "baseline") => ({ min: Math.min(...runs[side].map(metric)), max: Math.max(...runs[side].map(metric)) })
      const rejected = (side: "jiritsu" | "baseline") => runs[side].reduce((s, l) => s + l.non2xx + l.errors, 0)
      const served = (side: "jiritsu" | "baseline") => Math.round(median(runs[side].map((l) => l.rps)))
      cases.push({
        case: name,
        unit: name === "throughput" ? "ops/s" : "ms",
        higherIsBetter: name === "throughput",
        results: { jiritsu: figure("jiritsu"), baseline: figure("baseline") },
        spread: { jiritsu: spread("jiritsu"), baseline: spread("baseline") },
        note: noteOf(name as keyof typeof returns, {
          served: `served ${served("jiritsu")} req/s (baseline ${served("baseline")}), p50 ${median(runs.jiritsu.map((l) => l.p50))} ms (baseline ${median(runs.baseline.map((l) => l.p50))})`,
          rejected: `Non-2xx/errors: jiritsu ${rejected("jiritsu")}, baseline ${rejected("baseline")}`,
          disk
        })
      })
    }
    writeReport("rest", cases)
  } finally {
    await service?.close()
    baseline.close()
    await baselineRuntime.dispose()
    await exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await admin.dispose()
  }
}
