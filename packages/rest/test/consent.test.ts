// Consent at the organisational boundary, through real HTTP: what a Hello Work principal sees of a
// person, which disclosure records that writes (and that none are written for what is withheld),
// what happens after a withdrawal, and that another municipality's ids are indistinguishable from
// ids that do not exist.
import { Disclosure } from "@jiritsu/core"
import { Result } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeFixture, type TenantFixture } from "./support/fixture.ts"
import { giveConsent, personBody, referralConsent, type Service, startService, TENANT_A, TENANT_B, tokenOf } from "./support/service.ts"

let service: Service
let a: TenantFixture
let b: TenantFixture
const cw = tokenOf("caseworker")
const hw = tokenOf("hw_navigator")
const sv = tokenOf("supervisor")

beforeAll(async () => {
  service = await startService()
  ;({ a, b } = await makeFixture(service))
})
afterAll(() => service?.close())

const log = async (subject: string) => (await service.call("GET", `/v1/disclosures?subject=${subject}&limit=200`, { token: sv })).body.items as ReadonlyArray<Disclosure.DisclosureRecord>

describe("Hello Work reads a person", () => {
  it("with consent: only the permitted categories, the rest withheld, one disclosure record naming exactly what was provided", async () => {
    const before = await log(a.consentedPerson)
    const reply = await service.call("GET", `/v1/persons/${a.consentedPerson}`, { token: hw })
    expect(reply.status).toBe(200)
    const view = reply.body
    expect(view.view).toBe("consent-filtered")
    // The Hello Work template names identity, contact, employment history, skills, household and
    // welfare status (要配慮, named explicitly) — never health.
    expect(Object.keys(view.data).sort()).toEqual(["contact", "employment-history", "identity", "welfare-status"])
    expect(view.withheld).toEqual(["health"])
    expect(view.data.identity).toEqual({ name: "山田 花子", birthDate: "1980-01-02" })
    expect(view.decisions.find((d: { category: string }) => d.category === "health").decision).toBe("NoBasis")
    const after = await log(a.consentedPerson)
    expect(after.length).toBe(before.length + 1)
    const record = after[after.length - 1]!
    expect(view.disclosures).toEqual([record.disclosureId])
    expect(record.recipient).toEqual({ class: "hello-work", id: "hw-a" })
    expect(record.basis._tag).toBe("consent")
    expect(record.dataItems.map((i) => `${i.category}.${i.item}`).sort()).toEqual(["contact.phone", "employment-history.last", "identity.birthDate", "identity.name", "welfare-status.publicAssistance"])
    expect(record.dataItems.some((i) => i.category === "health")).toBe(false)
  })

  it("the whole tenant log stays a valid hash chain", async () => {
    const entries = (await service.call("GET", "/v1/disclosures?limit=200", { token: sv })).body.items
    expect(Result.isSuccess(Disclosure.verify({ entries }))).toBe(true)
  })

  it("asking for a subset narrows what is provided and logged", async () => {
    const reply = await service.call("GET", `/v1/persons/${a.consentedPerson}?categories=identity,health`, { token: hw })
    expect(Object.keys(reply.body.data)).toEqual(["identity"])
    expect(reply.body.withheld).toEqual(["health"])
    const last = (await log(a.consentedPerson)).at(-1)!
    expect(last.dataItems.map((i) => i.category)).toEqual(["identity", "identity"])
  })

  it("without any basis: nothing personal, no disclosure record", async () => {
    const before = (await service.call("GET", "/v1/disclosures?limit=200", { token: sv })).body.items.length
    const reply = await service.call("GET", `/v1/persons/${a.barePerson}`, { token: hw })
    expect(reply.status).toBe(200)
    expect(reply.body.data).toEqual({})
    expect(reply.body.withheld.sort()).toEqual(["contact", "employment-history", "health", "identity", "welfare-status"])
    expect(reply.body.disclosures).toEqual([])
    expect(JSON.stringify(reply.body)).not.toContain("山田")
    expect((await service.call("GET", "/v1/disclosures?limit=200", { token: sv })).body.items.length).toBe(before)
  })

  it("the controller's staff see everything and log nothing", async () => {
    const before = (await log(a.consentedPerson)).length
    const reply = await service.call("GET", `/v1/persons/${a.consentedPerson}`, { token: cw })
    expect(reply.body.view).toBe("full")
    expect(Object.keys(reply.body.data)).toContain("health")
    expect((await log(a.consentedPerson)).length).toBe(before)
  })

  it("after referral and withdrawal: the case and the data close to Hello Work, only the referral id remains", async () => {
    const person = "a-p-withdraws"
    await service.call("POST", "/v1/persons", { token: cw, body: personBody(person) })
    await service.call("POST", "/v1/consents", { token: cw, body: referralConsent(person, "cr-withdraws") })
    await giveConsent(service, cw, "cr-withdraws")
    const { openCase } = await import("./support/fixture.ts")
    await openCase(service, cw, "c-withdraws", person)
    const refer = await service.call("POST", "/v1/cases/c-withdraws/commands", { token: cw, body: { _tag: "Refer", occurredAt: "2024-03-01", referralId: "hw-1", destination: "hello_work", channel: "desk" } })
    expect(refer.status).toBe(200)
    expect(refer.body.events[0].consentRecordIds).toEqual(["cr-withdraws"])
    expect((await service.call("GET", "/v1/cases/c-withdraws", { token: hw })).status).toBe(200)
    const withdraw = await service.call("POST", "/v1/consents/cr-withdraws/events", { token: cw, body: { kind: "withdrawn", actor: { _tag: "subject" }, method: "counter", reason: "本人の申出" } })
    expect(withdraw.status).toBe(201)
    expect(withdraw.body.state).toBe("Withdrawn")
    const before = (await log(person)).length
    const view = await service.call("GET", `/v1/persons/${person}`, { token: hw })
    expect(view.body.data).toEqual({})
    expect(view.body.referralIds).toEqual(["hw-1"])
    // Withdrawn: the categories the record covered are denied; health, never covered, has no basis.
    const decisions = Object.fromEntries(view.body.decisions.map((d: { category: string; decision: string }) => [d.category, d.decision]))
    expect(decisions).toEqual({ identity: "Deny", contact: "Deny", "employment-history": "Deny", "welfare-status": "Deny", health: "NoBasis" })
    expect((await log(person)).length).toBe(before)
    const kase = await service.call("GET", "/v1/cases/c-withdraws", { token: hw })
    expect(kase.status).toBe(403)
    expect(kase.body.code).toBe("no_legal_basis")
    // And a second referral is refused by the core, on the ledger's decision.
    const again = await service.call("POST", "/v1/cases/c-withdraws/commands", { token: cw, body: { _tag: "Refer", occurredAt: "2024-04-01", referralId: "hw-2", destination: "hello_work" } })
    expect(again.status).toBe(422)
    expect(again.body.refusal.tag).toBe("ConsentDenied")
  })

  it("a client cannot forge a permit or an actor: those fields are refused", async () => {
    const forged = await service.call("POST", `/v1/cases/${a.bareCase}/commands`, {
      token: cw,
      body: { _tag: "Refer", occurredAt: "2024-03-01", referralId: "hw-9", destination: "hello_work", consent: { _tag: "Permit", recordIds: ["x"] } }
    })
    expect(forged.status).toBe(400)
    expect(forged.body.errors.some((e: { path: ReadonlyArray<string> }) => e.path.join(".") === "payload.consent")).toBe(true)
    const actor = await service.call("POST", `/v1/cases/${a.bareCase}/commands`, {
      token: cw,
      body: { _tag: "RecordMonitoring", occurredAt: "2030-01-01", actor: { organisation: "hello_work", role: "hw_navigator" } }
    })
    expect(actor.status).toBe(400)
    expect(actor.body.field).toBe("payload.actor")
  })
})

describe("another municipality's ids", () => {
  const paths = (f: TenantFixture) => [
    `/v1/persons/${f.consentedPerson}`,
    `/v1/persons/${f.consentedPerson}/consents`,
    `/v1/cases/${f.consentedCase}`,
    `/v1/cases/${f.consentedCase}/events`,
    `/v1/targets/plans/${f.plan}/progress`
  ]
  const missing = ["/v1/persons/no-such", "/v1/persons/no-such/consents", "/v1/cases/no-such", "/v1/cases/no-such/events", "/v1/targets/plans/no-such/progress"]

  it("answer 404 with a body identical to an id that does not exist (and the same headers but the request id)", async () => {
    for (const [i, path] of paths(b).entries()) {
      const other = await service.call("GET", path, { token: sv })
      const none = await service.call("GET", missing[i]!, { token: sv })
      expect(other.status, path).toBe(404)
      expect(other.text, path).toBe(none.text)
      expect(other.headers.get("content-type")).toBe(none.headers.get("content-type"))
      expect(other.headers.get("content-length")).toBe(none.headers.get("content-length"))
    }
  })

  it("commands and consent events on them are 404 too, and change nothing there", async () => {
    const before = await service.call("GET", `/v1/cases/${b.consentedCase}`, { token: tokenOf("supervisor", TENANT_B) })
    const command = await service.call("POST", `/v1/cases/${b.consentedCase}/commands`, { token: sv, body: { _tag: "RecordMonitoring", occurredAt: "2030-01-01" } })
    const event = await service.call("POST", `/v1/consents/${b.consentRecord}/events`, { token: sv, body: { kind: "withdrawn", actor: { _tag: "subject" }, method: "counter" } })
    expect([command.status, event.status]).toEqual([404, 404])
    const after = await service.call("GET", `/v1/cases/${b.consentedCase}`, { token: tokenOf("supervisor", TENANT_B) })
    expect(after.body.version).toBe(before.body.version)
    expect(after.headers.get("etag")).toBe(before.headers.get("etag"))
  })

  it("each municipality's lists hold only its own", async () => {
    const cases = await service.call("GET", "/v1/cases?limit=200", { token: tokenOf("caseworker", TENANT_A) })
    expect(cases.body.items.every((c: { id: string }) => !c.id.startsWith("b-"))).toBe(true)
    const disclosures = await service.call("GET", "/v1/disclosures?limit=200", { token: tokenOf("supervisor", TENANT_B) })
    expect(disclosures.body.items.every((d: { subjectRef: string }) => d.subjectRef.startsWith("b-"))).toBe(true)
    expect(TENANT_A).not.toBe(TENANT_B)
  })
})
