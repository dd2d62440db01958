// Idempotency-Key on POSTs, through real HTTP: the same key with the same body gives the same
// response and applies once (also when the copies arrive at the same time); the same key with
// another body, endpoint or principal is a 422 and applies nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeFixture, type TenantFixture } from "./support/fixture.ts"
import { personBody, type Service, startService, tokenOf } from "./support/service.ts"

let service: Service
let a: TenantFixture
const cw = tokenOf("caseworker")
const esw = tokenOf("employment_support_worker")

beforeAll(async () => {
  service = await startService()
  ;({ a } = await makeFixture(service))
})
afterAll(() => service?.close())

const events = async (caseId: string) => (await service.call("GET", `/v1/cases/${caseId}/events?limit=200`, { token: cw })).body.items.length as number

describe("Idempotency-Key", () => {
  it("same key, same body: the same response, one person", async () => {
    const body = personBody("p-idem-1")
    const first = await service.call("POST", "/v1/persons", { token: cw, body, headers: { "idempotency-key": "key-person-1" } })
    const second = await service.call("POST", "/v1/persons", { token: cw, body, headers: { "idempotency-key": "key-person-1" } })
    expect(first.status).toBe(201)
    expect(second.status).toBe(201)
    expect(second.text).toBe(first.text)
    // Without the key the retry is a duplicate: the key is what made it safe.
    const bare = await service.call("POST", "/v1/persons", { token: cw, body })
    expect(bare.status).toBe(409)
    expect(bare.body.code).toBe("already_exists")
  })

  it("same key, another body: 422 naming the header, nothing applied", async () => {
    await service.call("POST", "/v1/persons", { token: cw, body: personBody("p-idem-2"), headers: { "idempotency-key": "key-person-2" } })
    const other = await service.call("POST", "/v1/persons", { token: cw, body: personBody("p-idem-3"), headers: { "idempotency-key": "key-person-2" } })
    expect(other.status).toBe(422)
    expect(other.body.code).toBe("idempotency_key_reused")
    expect(other.body.field).toBe("headers.idempotency-key")
    expect((await service.call("GET", "/v1/persons/p-idem-3", { token: cw })).status).toBe(404)
  })

  it("same key on another endpoint or by another principal: 422", async () => {
    await service.call("POST", "/v1/persons", { token: cw, body: personBody("p-idem-4"), headers: { "idempotency-key": "key-shared" } })
    const endpoint = await service.call("POST", "/v1/eligibility/evaluate", {
      token: cw,
      body: { programme: "national.hw_handoff", asOf: "2024-04-01", facts: {} },
      headers: { "idempotency-key": "key-shared" }
    })
    expect(endpoint.status).toBe(422)
    const principal = await service.call("POST", "/v1/persons", { token: esw, body: personBody("p-idem-4"), headers: { "idempotency-key": "key-shared" } })
    expect(principal.status).toBe(422)
  })

  it("a case command retried with its key records one event and returns the same result and ETag", async () => {
    const before = await events(a.bareCase)
    const command = { _tag: "RecordMonitoring", occurredAt: "2030-01-01", note: "retried" }
    const first = await service.call("POST", `/v1/cases/${a.bareCase}/commands`, { token: cw, body: command, headers: { "idempotency-key": "key-command-1" } })
    const second = await service.call("POST", `/v1/cases/${a.bareCase}/commands`, { token: cw, body: command, headers: { "idempotency-key": "key-command-1" } })
    expect(first.status).toBe(200)
    expect(second.text).toBe(first.text)
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"))
    expect(await events(a.bareCase)).toBe(before + 1)
  })

  it("copies arriving at the same time: one applies, all get its response", async () => {
    const before = await events(a.bareCase)
    const command = { _tag: "RecordMonitoring", occurredAt: "2030-01-02", note: "at once" }
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => service.call("POST", `/v1/cases/${a.bareCase}/commands`, { token: cw, body: command, headers: { "idempotency-key": "key-command-2" } }))
    )
    const ok = replies.filter((r) => r.status === 200)
    // A copy may be told the first is still running (409 request_in_progress); none applies twice.
    for (const r of replies) expect([200, 409]).toContain(r.status)
    for (const r of replies.filter((x) => x.status === 409)) expect(r.body.code).toBe("request_in_progress")
    expect(ok.length).toBeGreaterThan(0)
    expect(new Set(ok.map((r) => r.text)).size).toBe(1)
    expect(await events(a.bareCase)).toBe(before + 1)
  })

  it("a domain refusal is replayed as it was; a version conflict is not stored, so the key can succeed later", async () => {
    const refused = { _tag: "MoveStage", occurredAt: "2030-02-01", to: "no_such_stage", reason: "x" }
    const r1 = await service.call("POST", `/v1/cases/${a.bareCase}/commands`, { token: cw, body: refused, headers: { "idempotency-key": "key-refused" } })
    const r2 = await service.call("POST", `/v1/cases/${a.bareCase}/commands`, { token: cw, body: refused, headers: { "idempotency-key": "key-refused" } })
    expect(r1.status).toBe(422)
    expect(r2.text).toBe(r1.text)
    const stale = { _tag: "RecordMonitoring", occurredAt: "2030-02-02" }
    const behind = await service.call("POST", `/v1/cases/${a.bareCase}/commands`, { token: cw, body: stale, headers: { "idempotency-key": "key-stale", "if-match": '"1"' } })
    expect(behind.status).toBe(412)
    // Same key, same request, once the precondition holds: it runs (412 was not stored).
    const current = (await service.call("GET", `/v1/cases/${a.bareCase}`, { token: cw })).headers.get("etag")!
    const again = await service.call("POST", `/v1/cases/${a.bareCase}/commands`, { token: cw, body: stale, headers: { "idempotency-key": "key-stale", "if-match": current } })
    expect(again.status).toBe(200)
    expect(again.headers.get("etag")).not.toBe(current)
  })
})
