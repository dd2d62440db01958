// Soft limits (おおむね): staff may override a soft clause with a reason; hard clauses refuse.
import { Period, Rule } from "@jiritsu/core"

const sapo = Rule.all({ id: "sapo_shinagawa", ja: "サポしながわ", en: "Sapo Shinagawa" }, [
  Rule.age({ id: "about_55", ja: "おおむね55歳以上", en: "about 55 or over", soft: true, citation: { source: "S4" } }, "birth_date", { min: 55 }),
  Rule.isIn({ id: "resident", ja: "区内在住", en: "ward resident" }, "ward", ["shinagawa"])
])
const asOf = Period.unsafeDate("2025-06-01")
const facts = { birth_date: "1971-09-01", ward: "shinagawa" } // 53 years old

const plain = Rule.evaluate(sapo, { asOf, facts })
if (plain._tag === "Success") console.log(plain.success.outcome) // ineligible

const overridden = Rule.evaluate(sapo, { asOf, facts, overrides: [{ clauseId: "about_55", reason: "早期退職予定のため", actor: "相談員 佐々木" }] })
if (overridden._tag === "Success") {
  const clause = overridden.success.clauses.find((c) => c.id === "about_55")
  console.log(overridden.success.outcome, clause?.status, clause?.override?.actor) // eligible overridden 相談員 佐々木
}

const refused = Rule.evaluate(sapo, { asOf, facts, overrides: [{ clauseId: "resident", reason: "x", actor: "y" }] })
if (refused._tag === "Failure") console.log(refused.failure._tag, refused.failure.reason) // OverrideRefused hard_clause
