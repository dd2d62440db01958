import { Period, Rule } from "@jiritsu/core"
import { Result } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Catalogue, Household, Sources } from "../src/index.ts"

// An illustrative limit table (not from the sources): a municipality supplies its own.
const limits: Household.MeansLimits = {
  monthlyIncome: [130_000, 180_000, 230_000],
  assets: [500_000, 750_000, 1_000_000],
  citation: { source: "test limits (illustrative)" }
}
const test = Household.meansTest("city", limits)
const asOf = Period.unsafeDate("2020-01-01")
const outcome = (household: unknown) => {
  const r = Rule.evaluate(test, { asOf, facts: { household } as never })
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}

describe("household means test", () => {
  it("checks clean", () => {
    expect(Rule.check(test)).toEqual([])
  })

  it("applies the limit of the household's size, the last row to larger households", () => {
    expect(outcome([{ monthly_income: 120_000, assets: 100_000 }]).outcome).toBe("eligible")
    expect(outcome([{ monthly_income: 140_000, assets: 100_000 }]).outcome).toBe("ineligible")
    expect(outcome([{ monthly_income: 140_000, assets: 100_000 }, { monthly_income: 30_000, assets: 0 }]).outcome).toBe("eligible")
    const five = Array.from({ length: 5 }, () => ({ monthly_income: 46_000, assets: 200_000 }))
    expect(outcome(five).outcome).toBe("eligible") // 230,000 and 1,000,000: the 3+ row
    expect(outcome([...five, { monthly_income: 1, assets: 0 }]).outcome).toBe("ineligible")
  })

  it("asks for the member figure that is missing", () => {
    const v = outcome([{ monthly_income: 100_000, assets: 0 }, { assets: 0 }])
    expect(v.outcome).toBe("undetermined")
    expect(v.missingFacts).toEqual(["household[1].monthly_income"])
  })

  it("plugs into a municipal variant of the readiness programme as an exclusion", () => {
    const c = Sources.seed("S0", "example")
    const ext = Catalogue.extend(Catalogue.catalogue, {
      municipal: [
        {
          id: "example.readiness",
          base: "national.employment_readiness",
          labels: { ja: "例 就労準備支援事業", en: "example readiness" },
          municipality: { ja: "例市", en: "Example" },
          site: { ja: "例", en: "example" },
          citations: [],
          windows: [
            {
              version: "2020",
              from: "2020-04-01",
              citation: c,
              exceptions: [Rule.exclude({ id: "example.means_failed", ja: "基準超過", en: "over the limits", citation: c }, Rule.not({ id: "example.not_means", ja: "基準内でない", en: "not within", citation: c }, test), 100)]
            }
          ]
        }
      ]
    })
    if (Result.isFailure(ext)) throw new Error(ext.failure.message)
    const facts = { target_groups: ["needy_person"], economic_hardship: true, ready_for_ordinary_work: false, household_income_within_limit: true, household_assets_within_limit: true }
    const rich = Catalogue.evaluate(ext.success, { programme: "example.readiness", asOf: "2021-01-01", facts: { ...facts, household: [{ monthly_income: 400_000, assets: 0 }] } })
    expect(Result.isSuccess(rich) && rich.success.outcome).toBe("ineligible")
  })
})

describe("properties", () => {
  it("the test is the table: eligible exactly when the sums are within the row of the household's size", () => {
    const member = fc.record({ monthly_income: fc.integer({ min: 0, max: 150_000 }), assets: fc.integer({ min: 0, max: 600_000 }) })
    fc.assert(
      fc.property(fc.array(member, { minLength: 1, maxLength: 6 }), (household) => {
        const row = Math.min(household.length, limits.monthlyIncome.length) - 1
        const income = household.reduce((s, m) => s + m.monthly_income, 0)
        const assets = household.reduce((s, m) => s + m.assets, 0)
        const expected = income <= limits.monthlyIncome[row]! && assets <= limits.assets[row]! ? "eligible" : "ineligible"
        expect(outcome(household).outcome).toBe(expected)
      })
    )
  })

  it("member order does not matter", () => {
    const member = fc.record({ monthly_income: fc.integer({ min: 0, max: 150_000 }), assets: fc.integer({ min: 0, max: 600_000 }) })
    fc.assert(
      fc.property(fc.array(member, { minLength: 1, maxLength: 5 }), (household) => {
        expect(outcome([...household].reverse()).outcome).toBe(outcome(household).outcome)
      })
    )
  })
})

