// An eligibility rule compiled to a parameterised SQL condition over a jsonb facts column, with
// the same three-valued answers as the core (NULL = undetermined: a fact is missing).
import { Period, Rule } from "@jiritsu/core"
import { SqlRule } from "@jiritsu/postgres"

const rule = Rule.all({ id: "handoff", ja: "ハローワーク支援要件", en: "Hello Work hand-off" }, [
  Rule.intersects({ id: "group", ja: "対象者区分", en: "target group" }, "target_groups", ["welfare_recipient"]),
  Rule.age({ id: "working_age", ja: "就労可能年齢", en: "working age" }, "birth_date", { min: 18, max: 64 })
])
const compiled = SqlRule.compile(rule, { asOf: "2025-06-01", facts: "p.facts" })
const { text, params } = SqlRule.toText(compiled, 2) // $1 is left for the caller's own parameter
console.log(`SELECT p.id FROM people p WHERE p.municipality = $1 AND (${text.slice(0, 60)}…) IS TRUE`)
console.log(params.filter((p) => String(p).includes("-"))) // [ "2007-06-01", "1960-06-01" ]: the age bounds as of 2025-06-01, bound as parameters

// The same question in memory, for a person whose birth date is not on file yet: undetermined
// there, NULL in SQL (select them with `IS NULL` to ask the next question).
console.log(Rule.evaluateMany(rule, [{ target_groups: ["welfare_recipient"] }], { asOf: Period.unsafeDate("2025-06-01") })) // [ "undetermined" ]
