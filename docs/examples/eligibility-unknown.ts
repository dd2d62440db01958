// Three-valued evaluation: with a fact missing the verdict is undetermined and names the next question.
import { Period, Rule } from "@jiritsu/core"

const asOf = Period.unsafeDate("2025-06-01")
const rule = Rule.all({ id: "hw_handoff", ja: "ハローワーク支援要件", en: "Hello Work hand-off" }, [
  Rule.age({ id: "working_age", ja: "就労可能年齢", en: "working age" }, "birth_date", { min: 18, max: 64 }),
  Rule.isTrue({ id: "motivation", ja: "就労意欲", en: "wish to work" }, "wants_work"),
  Rule.isIn({ id: "ward", ja: "実施区に居住", en: "lives in a site ward" }, "ward", ["tsurumi", "naka", "seya"])
])

const first = Rule.evaluate(rule, { asOf, facts: { ward: "naka" } })
if (first._tag === "Success") {
  console.log(first.success.outcome) // undetermined
  console.log(first.success.missingFacts) // [ 'birth_date', 'wants_work' ]
  console.log(first.success.nextQuestion?.fact) // birth_date
}

// A fact that already decides makes the others irrelevant: nothing more to ask.
const decided = Rule.evaluate(rule, { asOf, facts: { ward: "kohoku" } })
if (decided._tag === "Success") console.log(decided.success.outcome, decided.success.missingFacts) // ineligible []

// Filling exactly the missing facts decides (a tested law).
const filled = Rule.evaluate(rule, { asOf, facts: { ward: "naka", birth_date: "1985-04-01", wants_work: true } })
if (filled._tag === "Success") console.log(filled.success.outcome) // eligible
