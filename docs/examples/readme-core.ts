// packages/core/README.md: one rule, evaluated as of a date, with the reason it fails.
import { Period, Rule, Verdict } from "@jiritsu/core"

const workingAge = Rule.age({ id: "working_age", ja: "就労可能年齢", en: "working age" }, "birth_date", { min: 18, max: 64 })
const handoff = Rule.all({ id: "handoff", ja: "ハローワーク支援要件", en: "Hello Work hand-off" }, [
  Rule.intersects({ id: "group", ja: "対象者区分", en: "target group" }, "target_groups", ["welfare_recipient"]),
  workingAge
])
const r = Rule.evaluate(handoff, { asOf: Period.unsafeDate("2025-06-01"), facts: { target_groups: ["welfare_recipient"], birth_date: "2008-01-20" } })
if (r._tag === "Success") console.log(r.success.outcome, Verdict.whyNot(r.success, "en")[0]) // ineligible Age 17 …
console.log(Period.fiscalYearLabel(Period.fiscalYearOf(Period.unsafeDate("2013-04-15")))) // 平成25年度
