// Value labels: declare how the values of a fact read, so why-not sentences, Verdict.render and
// Mermaid show 生活保護受給者 rather than welfare_recipient, and あり / なし where はい / いいえ would not read.
import { Fact, Period, Rule, RuleSet, Verdict } from "@jiritsu/core"

const facts: Fact.FactSpecs = {
  target_groups: {
    type: "strings",
    labels: { ja: "対象者区分", en: "target groups" },
    values: ["welfare_recipient", "welfare_applicant"],
    valueLabels: {
      welfare_recipient: { ja: "生活保護受給者", en: "public-assistance recipient" },
      welfare_applicant: { ja: "生活保護の相談・申請段階の者", en: "public-assistance applicant" }
    }
  },
  // A noun label (「就労阻害要因」) reads with あり / なし; keys "true" / "false".
  care_barrier: {
    type: "boolean",
    labels: { ja: "介護・育児等の就労阻害要因", en: "care or childcare barrier" },
    valueLabels: { true: { ja: "あり", en: "present" }, false: { ja: "なし", en: "none" } }
  }
}

const rule = Rule.all({ id: "handoff", ja: "支援要請の要件", en: "hand-off" }, [
  Rule.intersects({ id: "applicant", ja: "相談・申請段階の者", en: "applicant" }, "target_groups", ["welfare_applicant"]),
  Rule.isFalse({ id: "no_barrier", ja: "就労阻害要因なし", en: "no barrier to work" }, "care_barrier")
])
const programme = RuleSet.make({
  id: "demo",
  ja: "例",
  en: "example",
  facts,
  versions: [RuleSet.version({ version: "平成25年度", from: Period.unsafeDate("2013-04-01"), rule })]
})

const r = RuleSet.evaluate(programme, { asOf: Period.unsafeDate("2013-10-01"), facts: { target_groups: ["welfare_recipient"], care_barrier: true } }, { mode: "strict" })
if (r._tag === "Success") {
  for (const reason of Verdict.whyNot(r.success, "ja")) console.log(reason)
  // 対象者区分（生活保護受給者）に生活保護の相談・申請段階の者が含まれていません
  // 就労阻害要因なし：介護・育児等の就労阻害要因が あり のため要件（介護・育児等の就労阻害要因 = なし）を満たしていません
  console.log(Verdict.render(r.success, "ja").split("\n").at(-1)) //     ✗ 就労阻害要因なし — 介護・育児等の就労阻害要因: あり（要件: 介護・育児等の就労阻害要因 = なし）
}

// Declarations read from a file are decoded: a label for a value the fact cannot take names its path.
const typo = Fact.decodeSpecs({ ...facts, target_groups: { ...facts["target_groups"], valueLabels: { welfare_recepient: { ja: "生活保護受給者", en: "recipient" } } } })
if (typo._tag === "Failure") console.log(typo.failure.issues[0]?.path) // [ 'target_groups', 'valueLabels', 'welfare_recepient' ]
