// A first rule: the Hello Work hand-off test (P5) with working age 18–64 (P7), evaluated as of a date.
import { Period, Rule, Verdict } from "@jiritsu/core"

const workingAge = Rule.age(
  { id: "working_age", ja: "就労可能年齢", en: "working age", citation: { source: "P7", section: "18歳以上65歳未満" } },
  "birth_date",
  { min: 18, max: 64 }
)
const handoff = Rule.all({ id: "hw_handoff", ja: "ハローワーク支援要件", en: "Hello Work hand-off" }, [
  Rule.intersects({ id: "target_group", ja: "対象者区分", en: "target group" }, "target_groups", ["welfare_recipient", "child_rearing_allowance_recipient"]),
  workingAge,
  Rule.isTrue({ id: "able_to_work", ja: "稼働能力", en: "able to work" }, "able_to_work"),
  Rule.exists({ id: "consent", ja: "支援への同意", en: "consent to take part" }, "consent_id")
])

const result = Rule.evaluate(handoff, {
  asOf: Period.unsafeDate("2025-06-01"),
  facts: { target_groups: ["welfare_recipient"], birth_date: "2008-01-20", able_to_work: true, consent_id: "C-0413" }
})
if (result._tag === "Success") {
  const verdict = result.success
  console.log(verdict.outcome) // ineligible
  console.log(Verdict.whyNot(verdict, "ja")[0]) // 年齢 17 歳は就労可能年齢（18〜64歳）の範囲外です
  console.log(verdict.clauses.map((c) => `${c.id}:${c.status}`).join(" ")) // hw_handoff:failed target_group:passed working_age:failed …
  console.log(verdict.format, verdict.hash.startsWith("sha256:")) // jiritsu.trace/1 true
}
