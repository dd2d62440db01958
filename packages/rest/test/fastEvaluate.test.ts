// The evaluate fast path answers exactly as the HttpApi route: generated requests — valid and
// refused tokens and roles, media types, query strings, Idempotency-Keys, request ids, chunked
// bodies, and bodies valid, broken or refused by the evaluation — 400 of them go through real HTTP to a
// service with the fast path and to one without it; status, headers and body bytes must be the
// same. Counters prove the generator reaches each way through the fast path.
import { Catalogue } from "@jiritsu/catalog"
import type { Fact } from "@jiritsu/core"
import { Effect, Layer, Redacted } from "effect"
import { HttpServerRequest } from "effect/http"
import fc from "fast-check"
import { request as httpRequest } from "node:http"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Authentication from "../src/Authentication.ts"
import { counters } from "../src/internal/fastEvaluate.ts"
import { Authentication as AuthenticationMiddleware } from "../src/Middleware.ts"
import { CurrentPrincipal } from "../src/Principal.ts"
import * as PostgresStore from "../src/PostgresStore.ts"
import * as Server from "../src/Server.ts"
import { database, roles, type Service, sites, startService, TENANT_A, TENANT_B, tokenEntries, tokenOf } from "./support/service.ts"

interface Raw {
  readonly path: string
  readonly headers: Record<string, string>
  readonly body: Buffer
  readonly chunked: boolean
}

interface Answer {
  readonly status: number
  readonly headers: Record<string, string | ReadonlyArray<string> | undefined>
  readonly body: string
}

/** One request exactly as given (no header added but Host, and Content-Length unless chunked). */
const send = (url: string, raw: Raw): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url)
    const headers = raw.chunked ? raw.headers : { ...raw.headers, "content-length": String(raw.body.length) }
    const req = httpRequest({ host: hostname, port, method: "POST", path: raw.path, headers, agent: false }, (res) => {
      const chunks: Array<Buffer> = []
      res.on("data", (c: Buffer) => chunks.push(c))
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }))
      res.on("error", reject)
    })
    req.on("error", reject)
    if (raw.chunked) {
      req.write(raw.body.subarray(0, 2))
      req.end(raw.body.subarray(2))
    } else req.end(raw.body)
  })

/** Headers that depend on the moment or the connection, and the request id when the server made one up. */
const comparable = (answer: Answer, idGiven: boolean) => {
  const { date: _date, connection: _connection, "keep-alive": _keepAlive, "x-request-id": requestId, ...rest } = answer.headers
  return { status: answer.status, body: answer.body, headers: idGiven ? { ...rest, "x-request-id": requestId } : rest, hasRequestId: requestId !== undefined }
}

const programmes = Catalogue.catalogue.programmes.filter((p) => p.ruleSet.facts !== undefined)

const valueOf = (spec: Fact.FactSpec): fc.Arbitrary<unknown> => {
  switch (spec.type) {
    case "boolean":
      return fc.boolean()
    case "number":
      return fc.integer({ min: -2, max: 120 })
    case "string":
      return spec.values === undefined ? fc.string({ maxLength: 6 }) : fc.constantFrom(...spec.values)
    case "date":
      return fc.constantFrom("1950-01-01", "1990-06-15", "2010-04-01", "2024-03-31")
    case "strings":
      return spec.values === undefined ? fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }) : fc.subarray([...spec.values])
    case "members":
      return fc.array(fc.record({ age: fc.integer({ min: 0, max: 90 }), relation: fc.constantFrom("self", "child", "spouse") }), { maxLength: 2 })
  }
}

/** A request the route accepts for most programmes and dates (some dates are outside every version: a 422). */
const validBody = fc.constantFrom(...programmes).chain((p) =>
  fc.record(
    {
      programme: fc.constant(p.id),
      asOf: fc.constantFrom("2013-04-01", "2016-10-01", "2021-04-01", "2024-04-01", "2026-11-30", "1990-01-01"),
      facts: fc.record(Object.fromEntries(Object.entries(p.ruleSet.facts!).map(([name, spec]) => [name, valueOf(spec)])), { requiredKeys: [] }),
      mode: fc.constantFrom("strict", "lenient")
    },
    { requiredKeys: ["programme", "asOf", "facts"] }
  )
)

type Body = Record<string, unknown>
const broken: ReadonlyArray<(b: Body) => Buffer | Body> = [
  ({ asOf: _, ...rest }) => rest,
  (b) => ({ ...b, extra: 1 }),
  (b) => ({ ...b, asOf: "2024-02-30" }),
  (b) => ({ ...b, programme: "no.such_programme" }),
  (b) => ({ ...b, facts: { ...(b["facts"] as Body), not_a_fact: true } }),
  (b) => ({ ...b, facts: [] }),
  (b) => ({ ...b, mode: "loose" }),
  (b) => Buffer.from(JSON.stringify(b).slice(0, -1)),
  () => Buffer.alloc(0),
  (b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(b))]),
  (b) => Buffer.concat([Buffer.from(JSON.stringify(b).slice(0, 10)), Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(b).slice(10))])
]
const bodyBytes = fc.oneof(
  { weight: 7, arbitrary: validBody.map((b) => Buffer.from(JSON.stringify(b))) },
  { weight: 3, arbitrary: fc.tuple(validBody, fc.constantFrom(...broken)).map(([b, f]) => { const r = f(b); return Buffer.isBuffer(r) ? r : Buffer.from(JSON.stringify(r)) }) }
)

const validToken = fc.constantFrom(...roles).chain((role) => fc.constantFrom(TENANT_A, TENANT_B).map((t) => tokenOf(role, t)))
const authorization = fc.oneof(
  { weight: 14, arbitrary: validToken.map((t) => `Bearer ${t}`) },
  { weight: 2, arbitrary: fc.constantFrom("Bearer not-a-known-token-0000", "Bearer tok-131091-caseworker-0123456788") },
  { weight: 1, arbitrary: fc.constantFrom("Basic dXNlcjpwdw==", "Bearer ") },
  { weight: 1, arbitrary: validToken.map((t) => `bearer ${t}`) },
  { weight: 1, arbitrary: validToken.map((t) => `Bearer  ${t}`) },
  { weight: 1, arbitrary: fc.constant(undefined) }
)

const rawRequest: fc.Arbitrary<Raw & { readonly idGiven: boolean }> = fc
  .record({
    query: fc.oneof({ weight: 12, arbitrary: fc.constantFrom("", "?lang=ja", "?lang=en") }, { weight: 1, arbitrary: fc.constantFrom("?lang=fr", "?lang=en&lang=ja", "?x=1", "/") }),
    authorization,
    contentType: fc.oneof({ weight: 14, arbitrary: fc.constant("application/json") }, { weight: 2, arbitrary: fc.constantFrom("application/json; charset=utf-8", "Application/JSON", "text/plain", undefined) }),
    idempotencyKey: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.uuid() }),
    requestId: fc.oneof({ weight: 7, arbitrary: fc.constantFrom("rid-1", "trace.2026:abc") }, { weight: 1, arbitrary: fc.constant("not sane!") }, { weight: 2, arbitrary: fc.constant(undefined) }),
    chunked: fc.oneof({ weight: 12, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    body: bodyBytes
  })
  .map((r) => {
    const headers: Record<string, string> = {}
    if (r.authorization !== undefined) headers["authorization"] = r.authorization
    if (r.contentType !== undefined) headers["content-type"] = r.contentType
    if (r.idempotencyKey !== undefined) headers["idempotency-key"] = r.idempotencyKey
    if (r.requestId !== undefined) headers["x-request-id"] = r.requestId
    return { path: `/v1/eligibility/evaluate${r.query}`, headers, body: r.body, chunked: r.chunked, idGiven: r.requestId !== undefined && r.requestId !== "not sane!" }
  })

let fast: Service
let full: Service

beforeAll(async () => {
  ;[fast, full] = await Promise.all([startService(), startService({ fastEvaluate: false })])
}, 120_000)

afterAll(async () => {
  await Promise.all([fast?.close(), full?.close()])
})

describe("the evaluate fast path", () => {
  it("answers a plain request itself, exactly as the route does", async () => {
    const before = counters.answered
    const raw: Raw = {
      path: "/v1/eligibility/evaluate?lang=en",
      headers: { authorization: `Bearer ${tokenOf("caseworker")}`, "content-type": "application/json", "x-request-id": "rid-plain" },
      body: Buffer.from(JSON.stringify({ programme: "national.hw_handoff", asOf: "2024-04-01", facts: { target_groups: ["welfare_recipient"], able_to_work: true, motivated: true, work_barrier: false, consents_to_participate: true } })),
      chunked: false
    }
    const [a, b] = await Promise.all([send(fast.url, raw), send(full.url, raw)])
    expect(counters.answered).toBe(before + 1)
    expect(a.status).toBe(200)
    expect(comparable(a, true)).toEqual(comparable(b, true))
    expect(JSON.parse(a.body).verdict).toBeDefined()
  })

  it("gives every generated request the answer the full stack gives (status, headers, bytes)", async () => {
    const start = { ...counters }
    let runs = 0
    await fc.assert(
      fc.asyncProperty(rawRequest, async (raw) => {
        runs++
        const [a, b] = await Promise.all([send(fast.url, raw), send(full.url, raw)])
        const x = comparable(a, raw.idGiven)
        const y = comparable(b, raw.idGiven)
        expect(x).toEqual(y)
        expect(x.hasRequestId).toBe(true)
      }),
      { numRuns: 400 }
    )
    // The generator reaches each way through the fast path (and the full stack on the rest):
    // about 27 % answered, 15–25 % replayed, 5–9 % declined.
    expect((counters.answered - start.answered) / runs).toBeGreaterThanOrEqual(0.2)
    expect((counters.replayed - start.replayed) / runs).toBeGreaterThanOrEqual(0.1)
    expect((counters.declined - start.declined) / runs).toBeGreaterThanOrEqual(0.02)
  }, 120_000)

  it("logs one access line with the request id for each request, the same from the fast path as from the full stack", async () => {
    const written: Array<string> = []
    const methods = ["log", "info", "error", "warn", "debug", "trace"] as const
    const originals = methods.map((m) => console[m])
    for (const m of methods) console[m] = (...args: Array<unknown>) => void written.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "))
    const [logFast, logFull] = await Promise.all([startService({ logRequests: true }), startService({ logRequests: true, fastEvaluate: false })])
    try {
      const before = counters.answered
      const raw = (rid: string): Raw => ({
        path: "/v1/eligibility/evaluate?lang=en",
        headers: { authorization: `Bearer ${tokenOf("caseworker")}`, "content-type": "application/json", "x-request-id": rid },
        body: Buffer.from(JSON.stringify({ programme: "national.hw_handoff", asOf: "2024-04-01", facts: {} })),
        chunked: false
      })
      expect((await send(logFast.url, raw("rid-log-fast"))).status).toBe(200)
      expect((await send(logFull.url, raw("rid-log-full"))).status).toBe(200)
      expect(counters.answered).toBe(before + 1)
      // Log lines are written as the response goes out; give the full stack's a moment.
      for (let i = 0; i < 50 && !written.some((l) => l.includes("rid-log-full")); i++) await new Promise((r) => setTimeout(r, 20))
    } finally {
      methods.forEach((m, i) => (console[m] = originals[i]!))
      await Promise.all([logFast.close(), logFull.close()])
    }
    const lineOf = (rid: string) => written.filter((l) => l.includes(rid))
    const [fastLines, fullLines] = [lineOf("rid-log-fast"), lineOf("rid-log-full")]
    expect(fastLines).toHaveLength(1)
    expect(fullLines).toHaveLength(1)
    const shape = (line: string, rid: string) => line.replace(/\d+\.\dms/, "<ms>").replace(rid, "<rid>").replace(/^\[[^\]]*\]/, "").replace(/\(#\d+\)/, "")
    expect(fastLines[0]).toMatch(/POST \/v1\/eligibility\/evaluate 200 \d+\.\dms/)
    expect(shape(fastLines[0]!, "rid-log-fast")).toBe(shape(fullLines[0]!, "rid-log-full"))
  }, 60_000)

  it("a handler that throws answers 500 through the full stack, and the process carries on", async () => {
    const sample = Catalogue.get(Catalogue.catalogue, "national.hw_handoff")!
    const broken = { ...sample, id: "test.throws", ruleSet: new Proxy(sample.ruleSet, { get: (t, k) => { if (k === "versions") throw new Error("boom"); return Reflect.get(t, k) } }) }
    const service = await Server.start({
      port: 0,
      sites,
      logRequests: false,
      catalogue: { ...Catalogue.catalogue, programmes: [...Catalogue.catalogue.programmes, broken] },
      store: PostgresStore.layer().pipe(Layer.provideMerge(database())),
      authentication: Authentication.layerFromTokens(tokenEntries)
    })
    try {
      const before = { ...counters }
      const raw = (programme: string): Raw => ({
        path: "/v1/eligibility/evaluate",
        headers: { authorization: `Bearer ${tokenOf("caseworker")}`, "content-type": "application/json", "x-request-id": "rid-boom" },
        body: Buffer.from(JSON.stringify({ programme, asOf: "2024-04-01", facts: {} })),
        chunked: false
      })
      const failed = await send(service.url, raw("test.throws"))
      expect(failed.status).toBe(500)
      expect(JSON.parse(failed.body)).toMatchObject({ code: "internal_error", detail: "internal error; quote request id rid-boom" })
      expect(counters.replayed).toBe(before.replayed + 1)
      expect((await send(service.url, raw("national.hw_handoff"))).status).toBe(200)
      expect(counters.answered).toBe(before.answered + 1)
    } finally {
      await service.close()
    }
  }, 60_000)

  it("keeps working with a layer that answers asynchronously (a Promise from the identity provider)", async () => {
    const service = await Server.start({
      port: 0,
      sites,
      logRequests: false,
      store: PostgresStore.layer().pipe(Layer.provideMerge(database())),
      authentication: Authentication.layer(async (token) => tokenEntries.find((e) => e.token === token)?.principal)
    })
    try {
      const before = counters.answered
      const body = Buffer.from(JSON.stringify({ programme: "national.hw_handoff", asOf: "2024-04-01", facts: { able_to_work: true } }))
      const raw: Raw = { path: "/v1/eligibility/evaluate", headers: { authorization: `Bearer ${tokenOf("supervisor")}`, "content-type": "application/json", "x-request-id": "rid-async" }, body, chunked: false }
      const [a, b] = await Promise.all([send(service.url, raw), send(full.url, raw)])
      expect(counters.answered).toBe(before + 1)
      expect(comparable(a, true)).toEqual(comparable(b, true))
    } finally {
      await service.close()
    }
  }, 60_000)

  it("stands aside for good when the layer cannot answer outside the pipeline (it reads the request)", async () => {
    const readsRequest = Layer.succeed(
      AuthenticationMiddleware,
      AuthenticationMiddleware.of({
        bearer: (httpEffect, { credential }) =>
          Effect.gen(function*() {
            const request = yield* HttpServerRequest.HttpServerRequest
            const entry = tokenEntries.find((e) => e.token === Redacted.value(credential)) ?? tokenEntries[0]!
            void request.headers
            return yield* Effect.provideService(httpEffect, CurrentPrincipal, entry.principal)
          })
      })
    )
    const service = await Server.start({ port: 0, sites, logRequests: false, store: PostgresStore.layer().pipe(Layer.provideMerge(database())), authentication: readsRequest })
    try {
      const before = { ...counters }
      const body = Buffer.from(JSON.stringify({ programme: "national.hw_handoff", asOf: "2024-04-01", facts: {} }))
      const raw: Raw = { path: "/v1/eligibility/evaluate", headers: { authorization: `Bearer ${tokenOf("caseworker")}`, "content-type": "application/json" }, body, chunked: false }
      for (let i = 0; i < 3; i++) expect((await send(service.url, raw)).status).toBe(200)
      expect(counters.answered).toBe(before.answered)
      expect(counters.declined).toBe(before.declined + 1)
    } finally {
      await service.close()
    }
  }, 60_000)
})
