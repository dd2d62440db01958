// The records most tests need, created through the API: in each municipality a person whose
// Hello Work referral consent is given ("consented") and one without any consent ("bare"), a case
// of each in delivery, and the consent record of the consented one.
import { giveConsent, personBody, referralConsent, type Service, TENANT_A, TENANT_B, tokenOf } from "./service.ts"
import type { Site } from "../../src/Site.ts"

export interface TenantFixture {
  readonly consentedPerson: string
  readonly barePerson: string
  readonly consentedCase: string
  readonly bareCase: string
  readonly consentRecord: string
  readonly plan: string
}

const must = async (p: Promise<{ readonly status: number; readonly text: string }>, expected: number, what: string) => {
  const r = await p
  if (r.status !== expected) throw new Error(`${what}: expected ${expected}, got ${r.status} ${r.text}`)
  return r
}

export const deliveryScript = [
  { _tag: "Assess", occurredAt: "2024-02-02", startingStage: "employment" },
  { _tag: "DraftPlan", occurredAt: "2024-02-03", planId: "plan-1", goals: ["就労"] },
  { _tag: "HoldCoordinationMeeting", occurredAt: "2024-02-04", planId: "plan-1", outcome: "approved", participants: ["municipality", "hello_work"] },
  { _tag: "DecideSupport", occurredAt: "2024-02-05", planId: "plan-1", services: ["employment_support"], authorisedStages: [] },
  { _tag: "StartDelivery", occurredAt: "2024-02-06" }
]

export const openCase = async (service: Service, token: string, caseId: string, subjectId: string) => {
  await must(service.call("POST", "/v1/cases", { token, body: { caseId, subjectId, publicAssistance: true, occurredAt: "2024-02-01" } }), 201, `open ${caseId}`)
  for (const command of deliveryScript) await must(service.call("POST", `/v1/cases/${caseId}/commands`, { token, body: command }), 200, `${caseId} ${command._tag}`)
}

const planBody = (id: string) => ({
  id,
  label: { ja: "テスト計画", en: "test plan" },
  fiscalYear: 2024,
  targets: [
    {
      id: "placements",
      label: { ja: "就職件数", en: "placements" },
      metric: "placements",
      comparator: ">=",
      value: 10,
      basis: "annual-total",
      fiscalYear: 2024,
      window: { from: "2024-04-01", until: "2025-04-01" }
    }
  ]
})

export const makeTenant = async (service: Service, tenant: Site["tenant"], prefix: string): Promise<TenantFixture> => {
  const token = tokenOf("caseworker", tenant)
  const f: TenantFixture = {
    consentedPerson: `${prefix}-p-consented`,
    barePerson: `${prefix}-p-bare`,
    consentedCase: `${prefix}-c-consented`,
    bareCase: `${prefix}-c-bare`,
    consentRecord: `${prefix}-cr-1`,
    plan: `${prefix}-plan`
  }
  await must(service.call("POST", "/v1/persons", { token, body: personBody(f.consentedPerson) }), 201, "person")
  await must(service.call("POST", "/v1/persons", { token, body: personBody(f.barePerson) }), 201, "person")
  await must(service.call("POST", "/v1/consents", { token, body: referralConsent(f.consentedPerson, f.consentRecord) }), 201, "consent")
  await giveConsent(service, token, f.consentRecord)
  await openCase(service, token, f.consentedCase, f.consentedPerson)
  await openCase(service, token, f.bareCase, f.barePerson)
  await must(service.call("POST", "/v1/targets/plans", { token: tokenOf("supervisor", tenant), body: planBody(f.plan) }), 201, "plan")
  return f
}

export const makeFixture = async (service: Service) => ({ a: await makeTenant(service, TENANT_A, "a"), b: await makeTenant(service, TENANT_B, "b") })

export { planBody }
