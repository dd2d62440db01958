// A municipal overlay (上乗せ・横出し): add a group and exclude another without copying the base.
import { Period, Rule } from "@jiritsu/core"

const base = Rule.all({ id: "national", ja: "国の要件", en: "national test" }, [
  Rule.intersects({ id: "target_group", ja: "対象者区分", en: "target group" }, "target_groups", ["welfare_recipient"]),
  Rule.age({ id: "working_age", ja: "就労可能年齢", en: "working age" }, "birth_date", { min: 18, max: 64 })
])

const kawanishi = Rule.overlay({ id: "kawanishi", ja: "川西市", en: "Kawanishi", citation: { source: "S0", section: "川西市" } }, base, [
  // Young people (roughly under 40) are added, whatever their group.
  Rule.include(
    { id: "youth", ja: "若者（おおむね40歳未満）", en: "youth (about under 40)" },
    Rule.age({ id: "under_40", ja: "40歳未満", en: "under 40", soft: true }, "birth_date", { max: 39 }),
    1
  ),
  // High-school students are excluded, and this exclusion outranks the youth inclusion.
  Rule.exclude(
    { id: "hs_student", ja: "高校生", en: "high-school student", citation: { source: "P6" } },
    Rule.isTrue({ id: "in_high_school", ja: "在学中", en: "in high school" }, "hs_student"),
    2
  )
])

const asOf = Period.unsafeDate("2025-06-01")
const outcome = (facts: Record<string, unknown>) => {
  const r = Rule.evaluate(kawanishi, { asOf, facts: facts as never })
  return r._tag === "Success" ? r.success.outcome : r.failure._tag
}
console.log(outcome({ target_groups: ["general_job_seeker"], birth_date: "1995-05-05", hs_student: false })) // eligible (youth)
console.log(outcome({ target_groups: ["welfare_recipient"], birth_date: "2008-05-05", hs_student: true })) // ineligible (excluded)
console.log(outcome({ target_groups: ["welfare_recipient"], birth_date: "1970-05-05", hs_student: false })) // eligible (base)
console.log(Rule.check(kawanishi).length) // 0 findings
