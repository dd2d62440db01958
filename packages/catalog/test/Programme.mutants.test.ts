/**
 * Programme descriptions and the national placement-rate plan, pinned down where the mutation run
 * found them loose: the whole `describeAt` object of a national and of a municipal programme (keys
 * that are absent, not `undefined`: no municipality or base on a national programme, no `until` on
 * an open-ended version, no `values` on a question without allowed values), the version chosen on
 * the first and last day of a window, and every field of `placementRatePlan`.
 */
import { Period, Target } from "@jiritsu/core"
import { describe, expect, it } from "vitest"
import { Catalogue, Programme } from "../src/index.ts"

const programme = (id: string): Programme.Programme => {
  const p = Catalogue.get(Catalogue.catalogue, id)
  if (p === undefined) throw new Error(`no programme ${id}`)
  return p
}
const versionAt = (id: string, asOf: string) => Programme.describeAt(programme(id), asOf)?.version

const seekingWork = { fact: "seeking_work", type: "boolean", labels: { ja: "求職中である", en: "is looking for work" } }
const helloWork = { destination: "hello_work", labels: { ja: "ハローワーク（常設窓口・巡回相談）", en: "Hello Work (permanent desk or visiting sessions)" } }
const referralConsent = {
  purpose: "employment-support-referral",
  labels: { ja: "ハローワークへの支援要請に係る個人情報の提供", en: "Providing personal data to Hello Work for job support" }
}

describe("describeAt: the whole description", () => {
  it("a national programme has no municipality or base key, and its open-ended version no until key", () => {
    const p = programme("national.integrated_job_service")
    expect(Programme.describeAt(p, "2011-04-01")).toStrictEqual({
      id: "national.integrated_job_service",
      labels: { ja: "一体的実施（アクション・プラン）による職業相談・職業紹介", en: "Integrated job counselling and placement (Action Plan)" },
      kind: "national",
      asOf: "2011-04-01",
      version: { version: "2011", from: "2011-04-01", name: { ja: "国と地方の一体的実施", en: "Integrated delivery by the state and the municipality" } },
      rule: p.ruleSet.versions[0]!.rule,
      questions: [seekingWork],
      referrals: [helloWork],
      consentPurposes: [referralConsent],
      stageGraph: "self_reliance_three_stages",
      targetPlans: [],
      citations: p.citations
    })
  })

  it("a municipal programme carries its municipality, base and target plan ids; a question with allowed values lists them", () => {
    const p = programme("shinagawa.employment_centre")
    const labels = { ja: "品川区 品川区就業センター（職業相談・職業紹介、内職相談）", en: "Shinagawa employment centre (job counselling and placement, home work)" }
    expect(Programme.describeAt(p, "2020-01-01")).toStrictEqual({
      id: "shinagawa.employment_centre",
      labels,
      kind: "municipal",
      municipality: { ja: "品川区", en: "Shinagawa" },
      base: "national.integrated_job_service",
      asOf: "2020-01-01",
      version: { version: "2012/2011", from: "2012-03-26", name: labels },
      rule: p.ruleSet.versions[0]!.rule,
      questions: [
        seekingWork,
        { fact: "target_groups", type: "strings", labels: { ja: "該当する対象者区分", en: "target groups" }, values: p.ruleSet.facts!["target_groups"]!.values }
      ],
      referrals: [helloWork],
      consentPurposes: [referralConsent],
      stageGraph: "self_reliance_three_stages",
      targetPlans: ["shinagawa_fy2012", "shinagawa_fy2013"],
      citations: p.citations
    })
    expect(p.ruleSet.facts!["target_groups"]!.values).toHaveLength(16)
  })
})

describe("describeAt: the version in force on the edges of its window", () => {
  // 住宅手当 2009-10-01..2013-04-01, 住宅支援給付 2013-04-01..2015-04-01, 住居確保給付金 from 2015-04-01.
  const teate = { version: "jutaku_teate", from: "2009-10-01", until: "2013-04-01" }
  const shien = { version: "jutaku_shien_kyufu", from: "2013-04-01", until: "2015-04-01", name: { ja: "住宅支援給付", en: "Housing support benefit" } }

  it("the first day of a window is in it", () => {
    expect(versionAt("national.housing_benefit", "2009-10-01")).toMatchObject(teate)
    expect(versionAt("national.housing_benefit", "2013-04-01")).toStrictEqual(shien)
  })

  it("the last day before until is in the window; the until day belongs to the next version", () => {
    expect(versionAt("national.housing_benefit", "2015-03-31")).toStrictEqual(shien)
    const open = versionAt("national.housing_benefit", "2015-04-01")
    expect(open).toMatchObject({ version: "jukyo_kakuho", from: "2015-04-01" })
    expect(open !== undefined && "until" in open).toBe(false)
  })

  it("the day before the first window has no version", () => {
    expect(Programme.describeAt(programme("national.housing_benefit"), "2009-09-30")).toBeUndefined()
  })
})

describe("placementRatePlan", () => {
  it("is one plan per fiscal year with its id, labels, year, the national target and citation", () => {
    expect(Programme.placementRatePlan(2019)).toStrictEqual({
      id: "hw_handoff_placement_rate_fy2019",
      label: { ja: "生活保護受給者等就労自立促進事業 就職率目標", en: "Employment self-reliance programme: placement-rate target" },
      fiscalYear: Period.unsafeFiscalYear(2019),
      targets: [Target.placementRateTarget(Period.unsafeFiscalYear(2019))],
      citation: "P2 (就職率67%以上, 平成29年度〜)"
    })
  })
})
