// The authorisation matrix, generated from a table: every role × every endpoint × own or another
// municipality's resource × with or without the person's consent, each cell's expected status
// written down here (independently of the service's own Access table), each cell one real HTTP
// request. Status alone is not enough: every refusal must be a problem document with its code.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Access from "../src/Access.ts"
import type { Role } from "../src/Principal.ts"
import { makeFixture, type TenantFixture } from "./support/fixture.ts"
import { personBody, referralConsent, roles, type Service, startService, TENANT_A, tokenOf } from "./support/service.ts"

type Tenancy = "own" | "other"
type Consent = "consent" | "none"

interface Cell {
  readonly role: Role
  readonly tenancy: Tenancy
  readonly consent: Consent
}

interface Request {
  readonly method: "GET" | "POST"
  readonly path: string
  readonly body?: unknown
}

const staff: ReadonlyArray<Role> = ["caseworker", "employment_support_worker", "supervisor"]
const isStaff = (r: Role) => staff.includes(r)

let n = 0
const unique = (s: string) => `${s}-${++n}`

/** What each operation sends for a cell: the resource is the principal's own or the other municipality's. */
const requests = (own: TenantFixture, other: TenantFixture): Record<Access.Operation, (c: Cell) => Request> => {
  const f = (c: Cell) => (c.tenancy === "own" ? own : other)
  const person = (c: Cell) => (c.consent === "consent" ? f(c).consentedPerson : f(c).barePerson)
  const kase = (c: Cell) => (c.consent === "consent" ? f(c).consentedCase : f(c).bareCase)
  return {
    "programmes.list": () => ({ method: "GET", path: "/v1/programmes?limit=2" }),
    "programmes.get": () => ({ method: "GET", path: "/v1/programmes/national.hw_handoff?asOf=2024-04-01" }),
    "eligibility.evaluate": () => ({ method: "POST", path: "/v1/eligibility/evaluate", body: { programme: "national.hw_handoff", asOf: "2024-04-01", facts: { able_to_work: true, motivated: true } } }),
    "persons.create": () => ({ method: "POST", path: "/v1/persons", body: personBody(unique("p-matrix")) }),
    "persons.get": (c) => ({ method: "GET", path: `/v1/persons/${person(c)}` }),
    "persons.consents": (c) => ({ method: "GET", path: `/v1/persons/${person(c)}/consents` }),
    "cases.create": (c) => ({ method: "POST", path: "/v1/cases", body: { caseId: unique("c-matrix"), subjectId: person(c), publicAssistance: false, occurredAt: "2024-03-01" } }),
    "cases.list": () => ({ method: "GET", path: "/v1/cases?limit=5" }),
    "cases.get": (c) => ({ method: "GET", path: `/v1/cases/${kase(c)}` }),
    "cases.events": (c) => ({ method: "GET", path: `/v1/cases/${kase(c)}/events` }),
    "cases.command": (c) => ({ method: "POST", path: `/v1/cases/${kase(c)}/commands`, body: { _tag: "RecordMonitoring", occurredAt: "2030-01-01", note: "matrix" } }),
    "consents.create": (c) => ({ method: "POST", path: "/v1/consents", body: referralConsent(person(c), unique("cr-matrix")) }),
    "consents.appendEvent": (c) => ({ method: "POST", path: `/v1/consents/${f(c).consentRecord}/events`, body: { kind: "reaffirmed", actor: { _tag: "subject" }, method: "counter" } }),
    "disclosures.create": (c) => ({
      method: "POST",
      path: "/v1/disclosures",
      body: {
        request: { subjectRef: person(c), purpose: "employment-support-referral", recipient: { class: "hello-work" }, dataCategories: ["identity"], action: "disclose" },
        disclosure: { dataItems: [{ category: "identity", item: "name" }] }
      }
    }),
    "disclosures.list": () => ({ method: "GET", path: "/v1/disclosures?limit=5" }),
    "targets.listPlans": () => ({ method: "GET", path: "/v1/targets/plans" }),
    "targets.createPlan": () => ({
      method: "POST",
      path: "/v1/targets/plans",
      body: { id: unique("plan-matrix"), label: { ja: "計画", en: "plan" }, fiscalYear: 2024, targets: [] }
    }),
    "targets.progress": (c) => ({ method: "GET", path: `/v1/targets/plans/${f(c).plan}/progress?asOf=2024-10-01` }),
    "reports.national": () => ({ method: "GET", path: "/v1/reports/national?fiscalYear=2024&month=4" }),
    "session.me": () => ({ method: "GET", path: "/v1/session" }),
    "caseload.stages": () => ({ method: "GET", path: "/v1/reports/stages?asOf=2024-10-01" }),
    "caseload.timeInStage": () => ({ method: "GET", path: "/v1/reports/time-in-stage?asOf=2024-10-01" }),
    "caseload.followUps": () => ({ method: "GET", path: "/v1/reports/follow-ups?asOf=2024-10-01" })
  }
}

/** The expected status of each cell: the policy in words, written apart from the implementation. */
const expected: Record<Access.Operation, (c: Cell) => number> = {
  // Public programme data and aggregate figures: every role.
  "programmes.list": () => 200,
  "programmes.get": () => 200,
  "eligibility.evaluate": () => 200,
  "targets.listPlans": () => 200,
  "reports.national": () => 200,
  "targets.progress": (c) => (c.tenancy === "own" ? 200 : 404),
  // Registering people, cases and consents: the welfare office's staff, on its own people.
  "persons.create": (c) => (isStaff(c.role) ? 201 : 403),
  "cases.create": (c) => (!isStaff(c.role) ? 403 : c.tenancy === "own" ? 201 : 404),
  "consents.create": (c) => (!isStaff(c.role) ? 403 : c.tenancy === "own" ? 201 : 404),
  "consents.appendEvent": (c) => (!isStaff(c.role) ? 403 : c.tenancy === "own" ? 201 : 404),
  "persons.consents": (c) => (!isStaff(c.role) ? 403 : c.tenancy === "own" ? 200 : 404),
  "cases.list": (c) => (isStaff(c.role) ? 200 : 403),
  "disclosures.list": (c) => (isStaff(c.role) ? 200 : 403),
  // Disclosing: only with a basis (422 otherwise), and only about one's own people.
  "disclosures.create": (c) => (!isStaff(c.role) ? 403 : c.tenancy === "other" ? 404 : c.consent === "consent" ? 201 : 422),
  // Reading a person: staff in full; Hello Work consent-filtered (200 either way); never another municipality's.
  "persons.get": (c) => (c.role === "researcher" || c.role === "admin" ? 403 : c.tenancy === "own" ? 200 : 404),
  // Cases: staff; Hello Work only with the person's consent.
  "cases.get": (c) => caseAccess(c, 200),
  "cases.events": (c) => caseAccess(c, 200),
  "cases.command": (c) => caseAccess(c, 200),
  // Business plans are recorded by the supervisor or the administrator.
  "targets.createPlan": (c) => (c.role === "supervisor" || c.role === "admin" ? 201 : 403),
  // Who one is signed in as, and the stage counts: every role. The lists of stagnating cases and of
  // follow-ups due name cases by id: the welfare office's staff only.
  "session.me": () => 200,
  "caseload.stages": () => 200,
  "caseload.timeInStage": (c) => (isStaff(c.role) ? 200 : 403),
  "caseload.followUps": (c) => (isStaff(c.role) ? 200 : 403)
}

function caseAccess(c: Cell, ok: number): number {
  if (c.role === "researcher" || c.role === "admin") return 403
  if (c.tenancy === "other") return 404
  if (c.role === "hw_navigator") return c.consent === "consent" ? ok : 403
  return ok
}

const codeOf = (status: number): ReadonlyArray<string> =>
  status === 403 ? ["forbidden", "no_legal_basis"] : status === 404 ? ["not_found"] : status === 422 ? ["domain_refusal"] : []

let service: Service
let build: Record<Access.Operation, (c: Cell) => Request>

beforeAll(async () => {
  service = await startService()
  const fixture = await makeFixture(service)
  build = requests(fixture.a, fixture.b)
})
afterAll(() => service?.close())

const cells: ReadonlyArray<Cell> = roles.flatMap((role) => (["own", "other"] as const).flatMap((tenancy) => (["consent", "none"] as const).map((consent) => ({ role, tenancy, consent }))))

describe("authorisation matrix (role × endpoint × tenancy × consent)", () => {
  it("the table covers every operation of the access policy and nothing else", () => {
    expect(Object.keys(expected).sort()).toEqual([...Access.operations].sort())
  })

  for (const operation of Access.operations) {
    it(operation, async () => {
      const mismatches: Array<string> = []
      for (const cell of cells) {
        const request = build[operation](cell)
        const reply = await service.call(request.method, request.path, { token: tokenOf(cell.role, TENANT_A), body: request.body })
        const want = expected[operation](cell)
        const where = `${cell.role} ${cell.tenancy} ${cell.consent}: ${request.method} ${request.path}`
        if (reply.status !== want) mismatches.push(`${where} → ${reply.status}, expected ${want}: ${reply.text.slice(0, 200)}`)
        else if (want >= 400) {
          if (!String(reply.headers.get("content-type")).startsWith("application/problem+json")) mismatches.push(`${where}: not a problem document`)
          if (!codeOf(want).includes(reply.body?.code)) mismatches.push(`${where}: code ${reply.body?.code}`)
        }
      }
      expect(mismatches).toEqual([])
    })
  }

  it("without a token every /v1 endpoint but health is 401, with a problem document", async () => {
    const bad: Array<string> = []
    for (const operation of Access.operations) {
      const request = build[operation]({ role: "caseworker", tenancy: "own", consent: "consent" })
      for (const token of [undefined, "not-a-known-token-at-all"]) {
        const reply = await service.call(request.method, request.path, { token, body: request.body })
        if (reply.status !== 401 || reply.body?.code !== "unauthenticated") bad.push(`${operation} ${token ?? "(none)"} → ${reply.status}`)
      }
    }
    expect(bad).toEqual([])
    expect((await service.call("GET", "/v1/health")).status).toBe(200)
  })
})
