// Populations: evaluateMany over records or columns, outcome-only or with a compact trace.
import { Period, Rule } from "@jiritsu/core"

const rule = Rule.all({ id: "hw_handoff", ja: "ハローワーク支援要件", en: "Hello Work hand-off" }, [
  Rule.age({ id: "working_age", ja: "就労可能年齢", en: "working age" }, "birth_date", { min: 18, max: 64 }),
  Rule.isTrue({ id: "motivation", ja: "就労意欲", en: "wish to work" }, "wants_work")
])
const asOf = Period.unsafeDate("2025-06-01")

const people = [
  { birth_date: "1980-01-01", wants_work: true },
  { birth_date: "2010-01-01", wants_work: true },
  { wants_work: true }
]
console.log(Rule.evaluateMany(rule, people, { asOf })) // [ 'eligible', 'ineligible', 'undetermined' ]

// The same people as columns (fact → values by person); a missing entry is an unknown fact.
const columns = { birth_date: ["1980-01-01", "2010-01-01", undefined], wants_work: [true, true, true] }
console.log(Rule.evaluateMany(rule, { columns, length: 3 }, { asOf })) // same outcomes

// With trace: statuses per clause per person (0 failed, 1 passed, 2 unknown); full verdicts on demand.
const batch = Rule.evaluateMany(rule, people, { asOf, trace: true })
console.log(batch.clauseCount, Array.from(batch.statuses.subarray(3, 6))) // 3 [ 0, 0, 1 ]
console.log(batch.verdict(1).reasons[0]?.ja) // 年齢 15 歳は就労可能年齢（18〜64歳）の範囲外です
