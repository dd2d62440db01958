// The service as a whole, through real HTTP: the OpenAPI document derived from the Api, the inline
// reference page, the index, request ids, the typed Promise client, and graceful shutdown (requests
// in flight finish; nothing is half-written).
import { Catalogue } from "@jiritsu/catalog"
import { Period } from "@jiritsu/core"
import { Layer, ManagedRuntime, Schema } from "effect"
import fc from "fast-check"
import { OpenApi } from "effect/http-api"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Api from "../src/Api.ts"
import * as Authentication from "../src/Authentication.ts"
import * as Client from "../src/Client.ts"
import * as Contract from "../src/Contract.ts"
import * as PostgresStore from "../src/PostgresStore.ts"
import * as Server from "../src/Server.ts"
import { Store } from "../src/Store.ts"
import { openCase } from "./support/fixture.ts"
import { call, database, personBody, sites, tokenEntries, tokenOf } from "./support/service.ts"

const contract: ReadonlyArray<readonly [string, string]> = [
  ["get", "/v1/health"],
  ["get", "/v1/programmes"],
  ["get", "/v1/programmes/{id}"],
  ["post", "/v1/eligibility/evaluate"],
  ["post", "/v1/persons"],
  ["get", "/v1/persons/{id}"],
  ["get", "/v1/persons/{id}/consents"],
  ["post", "/v1/cases"],
  ["get", "/v1/cases"],
  ["get", "/v1/cases/{id}"],
  ["post", "/v1/cases/{id}/commands"],
  ["get", "/v1/cases/{id}/events"],
  ["post", "/v1/consents"],
  ["post", "/v1/consents/{id}/events"],
  ["post", "/v1/disclosures"],
  ["get", "/v1/disclosures"],
  ["get", "/v1/targets/plans"],
  ["post", "/v1/targets/plans"],
  ["get", "/v1/targets/plans/{id}/progress"],
  ["get", "/v1/reports/national"],
  ["get", "/v1/session"],
  ["get", "/v1/reports/stages"],
  ["get", "/v1/reports/time-in-stage"],
  ["get", "/v1/reports/follow-ups"]
]

let runtime: ManagedRuntime.ManagedRuntime<Store, unknown>
let store: Store["Service"]
let service: Server.Running
const cw = tokenOf("caseworker")

beforeAll(async () => {
  runtime = ManagedRuntime.make(PostgresStore.layer().pipe(Layer.provideMerge(database())))
  store = await runtime.runPromise(Store)
  service = await Server.start({ port: 0, sites, logRequests: false, store: Layer.succeed(Store, store), authentication: Authentication.layerFromTokens(tokenEntries) })
  await call(service.url)("POST", "/v1/persons", { token: cw, body: personBody("p-svc") })
  await openCase({ call: call(service.url) } as never, cw, "c-svc", "p-svc")
})
afterAll(async () => {
  await service?.close()
  await runtime?.dispose()
})

describe("OpenAPI 3.1 at /openapi.json", () => {
  it("is the document derived from the Api and holds every path of contract v1", async () => {
    const served = (await call(service.url)("GET", "/openapi.json")).body
    expect(served).toEqual(JSON.parse(JSON.stringify(OpenApi.fromApi(Api.Api))))
    expect(served.openapi).toBe("3.1.0")
    for (const [method, path] of contract) expect(served.paths[path]?.[method], `${method} ${path}`).toBeDefined()
  })

  it("every /v1 operation but health declares bearer security, 400, 401 and 403 as problem documents", async () => {
    const doc = (await call(service.url)("GET", "/openapi.json")).body
    for (const [method, path] of contract.filter(([, p]) => p !== "/v1/health")) {
      const op = doc.paths[path][method]
      expect(op.security, path).toEqual([{ bearer: [] }])
      for (const status of ["400", "401", "403"]) expect(Object.keys(op.responses[status]?.content ?? {}), `${method} ${path} ${status}`).toContain("application/problem+json")
      expect(op.description, path).toMatch(/^Roles: /)
    }
    expect(doc.components.securitySchemes.bearer.scheme.toLowerCase()).toBe("bearer")
  })
})

const factValue = (type: unknown): fc.Arbitrary<unknown> | undefined => {
  switch (type) {
    case "boolean":
      return fc.boolean()
    case "strings":
      return fc.subarray(["welfare_recipient", "needy_person", "youth", "single_parent"])
    case "date":
      return fc.integer({ min: 1940, max: 2010 }).map((y) => `${y}-04-02`)
    case "string":
      return fc.constantFrom("品川区", "north", "")
    default:
      return undefined
  }
}

/** A programme of the catalogue and some of its declared facts, each of its declared type. */
const evaluation = fc.constantFrom(...Catalogue.catalogue.programmes).chain((p) => {
  const facts: Record<string, fc.Arbitrary<unknown>> = {}
  for (const [name, spec] of Object.entries(p.ruleSet.facts ?? {})) {
    const arb = factValue((spec as { readonly type?: unknown }).type)
    if (arb !== undefined) facts[name] = arb
  }
  return fc.record({
    programme: fc.constant(p.id),
    asOf: fc.constantFrom("2019-10-01", "2024-04-01", "2026-12-01"),
    facts: fc.record(facts, { requiredKeys: [] }),
    lang: fc.constantFrom("ja", "en")
  })
})

describe("the verdict document (sent from the typed value, not through the success encoder)", () => {
  it("is exactly an encoded EvaluateResponse: it decodes with no excess key and re-encodes to the same JSON (generated requests, ≥ 50 % of them 200)", async () => {
    const decode = Schema.decodeUnknownSync(Contract.EvaluateResponse, { onExcessProperty: "error" })
    const encode = Schema.encodeSync(Contract.EvaluateResponse)
    let runs = 0
    let ok = 0
    await fc.assert(
      fc.asyncProperty(evaluation, async ({ lang, ...body }) => {
        runs++
        const reply = await call(service.url)("POST", `/v1/eligibility/evaluate?lang=${lang}`, { token: cw, body })
        expect(reply.status, reply.text).toBeLessThan(500)
        if (reply.status !== 200) return
        ok++
        expect(reply.headers.get("content-type")).toBe("application/json")
        expect(encode(decode(reply.body))).toEqual(reply.body)
        expect(reply.body.lang).toBe(lang)
      })
    )
    expect(ok / runs).toBeGreaterThanOrEqual(0.5)
  })
})

describe("the rendered reference and the index", () => {
  it("/docs is served inline: no script or font from elsewhere", async () => {
    const r = await fetch(`${service.url}/docs`)
    const html = await r.text()
    expect(r.status).toBe(200)
    expect(r.headers.get("content-type")).toMatch(/^text\/html/)
    expect(html).toContain("jiritsu reference service")
    // The markup around the inlined Scalar bundle loads nothing: no script src, no stylesheet link.
    const markup = html.replace(/<script>[\s\S]*?<\/script>/g, "<script></script>")
    expect(markup).not.toMatch(/<script[^>]+src=/)
    expect(markup).not.toMatch(/<link[^>]+href=/)
    expect(markup).not.toMatch(/https?:\/\/(?!jiritsu\.dev)/)
    expect(html.length).toBeGreaterThan(1_000_000) // the bundle itself is inline
    // …and Scalar is told not to fetch its default fonts.
    expect(html).toContain('"withDefaultFonts":false')
  })

  it("/ is a small JSON index (the dashboard's place later)", async () => {
    const index = (await call(service.url)("GET", "/")).body
    expect(index.links).toEqual({ health: "/v1/health", docs: "/docs", openapi: "/openapi.json" })
  })
})

describe("request ids", () => {
  it("echoes a sane x-request-id, replaces a bad one, makes one otherwise", async () => {
    const mine = await call(service.url)("GET", "/v1/health", { headers: { "x-request-id": "trace-123.abc" } })
    expect(mine.headers.get("x-request-id")).toBe("trace-123.abc")
    const bad = await call(service.url)("GET", "/v1/health", { headers: { "x-request-id": "bad id with spaces" } })
    expect(bad.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/)
    const none = await call(service.url)("GET", "/v1/nowhere")
    expect(none.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/)
    expect(none.body.code).toBe("not_found")
  })
})

describe("the Promise client", () => {
  it("resolves decoded responses and rejects with the typed problem", async () => {
    const api = Client.connect({ baseUrl: service.url, token: cw })
    expect((await api.system.health()).status).toBe("ok")
    const programme = await api.programmes.get({ params: { id: "shinagawa.employment_centre" }, query: { asOf: Period.unsafeDate("2013-10-31"), lang: "en" } })
    expect(programme.programme.targetPlans.map((p) => p.id)).toContain("shinagawa_fy2013")
    expect(programme.stageGraphMermaid).toMatch(/^stateDiagram-v2/)
    const kase = await api.cases.get({ params: { id: "c-svc" } })
    expect(kase.headers.etag).toBe(`"${kase.body.version}"`)
    const missing = await api.cases.get({ params: { id: "c-none" } }).catch((e: unknown) => e)
    expect(missing).toMatchObject({ _tag: "NotFound", code: "not_found", status: 404 })
    const anonymous = Client.connect({ baseUrl: service.url })
    expect(await anonymous.cases.list({}).catch((e: { readonly _tag: string }) => e._tag)).toBe("Unauthorized")
  })
})

describe("graceful shutdown", () => {
  it("requests in flight when the service stops get their answers, and every accepted command is stored whole", async () => {
    const before = (await runtime.runPromise(store.cases.read(tokenEntries[0]!.principal.tenant, "c-svc")))!.version
    const caller = call(service.url)
    const inFlight = Array.from({ length: 12 }, (_, i) =>
      caller("POST", "/v1/cases/c-svc/commands", { token: cw, body: { _tag: "RecordMonitoring", occurredAt: "2031-03-01", note: `shutdown ${i}` } }).then(
        (r) => r.status,
        (e: unknown) => `refused: ${String(e)}`
      )
    )
    await new Promise((r) => setTimeout(r, 30))
    const closing = service.close()
    const statuses = await Promise.all(inFlight)
    await closing
    for (const s of statuses) expect(typeof s === "number" ? [200, 409] : ["refused"]).toContain(typeof s === "number" ? s : "refused")
    const stored = (await runtime.runPromise(store.cases.read(tokenEntries[0]!.principal.tenant, "c-svc")))!
    const answered = statuses.filter((s) => s === 200).length
    expect(answered).toBeGreaterThan(0)
    // Whatever was answered 200 is stored, whole; nothing else was.
    expect(stored.version).toBe(before + answered)
    expect(stored.events.slice(before).every((e) => e.event._tag === "Monitored")).toBe(true)
  })
})
