import { describe, expect, it } from "vitest"
import { Rule, RuleSet, Verdict } from "@jiritsu/core"
import { formatDemo, programme, runDemo } from "../src/demo.ts"

describe("eligibility demo", () => {
  const results = runDemo()
  const byName = (name: string) => results.find((r) => r.person.name === name)!.verdict

  it("decides each person as a caseworker would", () => {
    expect(results.map((r) => [r.person.name, r.verdict.outcome])).toEqual([
      ["佐藤 花子", "eligible"],
      ["鈴木 一郎", "ineligible"],
      ["高橋 健", "undetermined"],
      ["田中 美咲", "eligible"],
      ["伊藤 由美", "eligible"]
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

  it("uses the version in force, carries its hash, and passes the static checks", () => {
    for (const { verdict } of results) {
      expect(verdict.ruleSet?.version).toBe("FY2015")
      expect(verdict.hash).toBe(Rule.hash(programme.versions[1]!.rule))
    }
    expect(RuleSet.check(programme)).toEqual([])
  })

  it("prints traces for every person", () => {
    const text = formatDemo(results)
    for (const name of ["佐藤 花子", "鈴木 一郎", "高橋 健", "田中 美咲", "伊藤 由美"]) expect(text).toContain(name)
    expect(text).toContain("次に確認: 生年月日を確認してください")
    expect(text).toContain("⚑ 就労意欲")
  })
})
