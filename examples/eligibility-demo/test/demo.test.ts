import { describe, expect, it } from "vitest"
import { Period, Rule, RuleSet, Verdict } from "@jiritsu/core"
import { AS_OF, formatDemo, programme, runDemo, runTimeline } from "../src/demo.ts"

describe("eligibility demo", () => {
  const results = runDemo()
  const byName = (name: string) => results.find((r) => r.person.name === name)!.verdict

  it("decides each person as a caseworker would", () => {
    expect(results.map((r) => [r.person.name, r.verdict.outcome])).toEqual([
      ["佐藤 花子", "eligible"],
      ["鈴木 一郎", "ineligible"],
      ["高橋 健", "undetermined"],
      ["田中 美咲", "eligible"],
      ["伊藤 由美", "eligible"],
      ["山田 太郎", "ineligible"]
    ])
  })

  it("says why not in Japanese, with the observed age", () => {
    expect(Verdict.whyNot(byName("鈴木 一郎"), "ja")).toEqual(["年齢 17 歳は就労可能年齢（18〜64歳）の範囲外です"])
  })

  it("asks the next question when facts are missing", () => {
    const v = byName("高橋 健")
    expect(v.missingFacts).toEqual(["birth_date", "wants_work"])
    expect(v.nextQuestion).toEqual({ fact: "birth_date", clauseId: "working_age", labels: { ja: "生年月日を確認してください", en: "Ask for date of birth" } })
  })

  it("records the staff override of the soft motivation clause", () => {
    expect(byName("田中 美咲").clauses.find((c) => c.id === "motivation")).toMatchObject({ status: "overridden", override: { actor: "就労支援員 山本" } })
  })

  it("admits a single parent through Yokohama's exception, not the national base", () => {
    const v = byName("伊藤 由美")
    expect(v.clauses.find((c) => c.id === "hw_handoff")?.status).toBe("failed")
    expect(v.clauses.find((c) => c.id === "nursery_single_parent")?.status).toBe("passed")
  })

  it("evaluates in FY2013 (平成25年度) with the three-ward version in force, carries its hash, and passes the static checks", () => {
    expect(Period.fiscalYearLabel(Period.fiscalYearOf(AS_OF))).toBe("平成25年度")
    for (const { verdict } of results) {
      expect(verdict.ruleSet?.version).toBe("平成25年度（3区）")
      expect(verdict.ruleSet?.effective).toEqual({ from: "2013-04-15", until: "2014-04-01" })
      expect(verdict.hash).toBe(Rule.hash(programme.versions[0]!.rule))
    }
    expect(RuleSet.check(programme)).toEqual([])
  })

  it("shows the ward expansion (平成26年度, 8区) and the needy persons added in 平成27年度 as dated versions", () => {
    const [yamada, kimura] = runTimeline()
    expect(yamada!.verdicts.map((v) => [v.ruleSet?.version, v.outcome])).toEqual([
      ["平成25年度（3区）", "ineligible"],
      ["平成26年度（8区）", "eligible"]
    ])
    expect(Verdict.whyNot(yamada!.verdicts[0]!, "ja")).toEqual(["平成25年度の実施区（鶴見区・中区・瀬谷区）以外にお住まいのため対象外です"])
    expect(kimura!.verdicts.map((v) => [v.ruleSet?.version, v.outcome])).toEqual([
      ["平成26年度（8区）", "ineligible"],
      ["平成27年度（生活困窮者を追加）", "eligible"]
    ])
  })

  it("prints observed values with the fact's label and value labels, never raw ids or a clause label beside a bare はい/いいえ", () => {
    const sato = byName("佐藤 花子")
    const applicant = sato.clauses.find((c) => c.id === "group_welfare_applicant")!
    expect(applicant.whyNot?.ja).toBe("対象者区分（生活保護受給者）に生活保護の相談・申請段階の者が含まれていません")
    expect(applicant.whyNot?.en).toBe("public-assistance applicant not among target groups (public-assistance recipient)")
    const text = formatDemo(results)
    expect(text).toContain("✓ 就労阻害要因なし — 介護・育児等の就労阻害要因: なし")
    expect(text).toContain("✗ 就労阻害要因なし — 介護・育児等の就労阻害要因: あり（要件: 介護・育児等の就労阻害要因 = なし）")
    expect(text).toContain("✗ 生活保護の相談・申請段階の者 — 対象者区分: 生活保護受給者（要件: 対象者区分に生活保護の相談・申請段階の者を含む）")
    expect(text).toContain("✓ 実施区に居住 — 居住区: 中区")
    for (const raw of ["welfare_recipient", "welfare_applicant", "single_parent", "tsurumi", "kohoku", "はい", "いいえ", "undefined", "[object Object]"]) {
      expect(text).not.toContain(raw)
    }
  })

  it("prints traces for every person", () => {
    const text = formatDemo(results)
    for (const { person } of results) expect(text).toContain(person.name)
    expect(text).toContain("基準日 平成25年10月1日（平成25年度）")
    expect(text).toContain("次に確認: 生年月日を確認してください")
    expect(text).toContain("⚑ 就労意欲")
  })
})
