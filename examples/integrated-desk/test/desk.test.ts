import { describe, expect, it } from "vitest"
import { formatDesk, runDesk } from "../src/desk.ts"

describe("integrated desk example", () => {
  const report = runDesk()

  it("finds the person in scope of Yokohama's Job Spot on opening day", () => {
    expect(report.eligibility.outcome).toBe("eligible")
  })

  it("shares nothing with Hello Work before the consent form, and only on consent after it", () => {
    expect(report.consentBeforeSigning._tag).not.toBe("Permit")
    expect(report.consentAfterSigning._tag).toBe("Permit")
    expect(report.employerWithoutItsOwnConsent._tag).not.toBe("Permit")
  })

  it("refuses the referral without consent and records it with the consent's record id", () => {
    expect(report.refusedReferral).not.toContain("accepted")
    const referred = report.events.find((e) => e._tag === "Referred")
    expect(referred).toBeDefined()
    expect(JSON.stringify(referred)).toContain("c-2013-0412")
  })

  it("logs one disclosure in a verified chain and schedules the 1/3/6/12-month follow-ups", () => {
    expect(report.disclosures.entries).toHaveLength(1)
    expect(report.chainVerified).toBe(true)
    expect(report.followUps.map((f) => [f.milestone, f.status])).toEqual([
      [1, "done"],
      [3, "due"],
      [6, "upcoming"],
      [12, "upcoming"]
    ])
  })

  it("prints a readable Japanese report", () => {
    const text = formatDesk(report)
    expect(text).toContain("平成25年度")
    expect(text).not.toMatch(/undefined|\[object Object\]/)
  })
})

describe("integrated desk metrics", () => {
  it("counts the case once as a consultation, a plan, a support client and a placement", () => {
    const byMetric = Object.fromEntries(runDesk().counted.map((c) => [c.metric, c.value]))
    expect(byMetric).toEqual({ new_consultations: 1, plans_made: 1, employment_support_clients: 1, placements: 1, placement_rate: 1 })
  })
})
