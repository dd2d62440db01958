// Rule documents and facts arrive as JSON: decode them at the boundary (typed errors with paths),
// hash what you evaluate, and draw it.
import { Period, Rule } from "@jiritsu/core"

const json = `{"kind":"age","id":"working_age","labels":{"ja":"就労可能年齢","en":"working age"},"fact":"birth_date","min":18,"max":"64"}`
const bad = Rule.decode(JSON.parse(json))
if (bad._tag === "Failure") console.log(bad.failure._tag, bad.failure.issues[0]?.path) // RuleDecodeError [ 'max' ]

const good = Rule.decode(JSON.parse(json.replace(`"max":"64"`, `"max":64`)))
if (good._tag === "Success") {
  const rule = good.success
  // The hash depends on content only: key order and re-serialisation do not change it.
  console.log(Rule.hash(rule) === Rule.hash(JSON.parse(JSON.stringify(rule)))) // true

  const input = Rule.evaluateUnknown(rule, { asOf: "2025-06-01", facts: { birth_date: 19800101 } })
  console.log(input._tag) // Success: a number is a valid fact value (declare facts in a RuleSet to type them)

  const wrong = Rule.evaluateUnknown(rule, { asOf: "2025-13-01", facts: {} })
  if (wrong._tag === "Failure" && wrong.failure._tag === "InputDecodeError") console.log(wrong.failure.issues[0]?.path) // [ 'asOf' ]

  console.log(Rule.toMermaid(rule, { lang: "en" }).split("\n")[0]) // flowchart TD
  console.log(Rule.evaluateMany(rule, [{ birth_date: "1980-01-01" }], { asOf: Period.unsafeDate("2025-06-01") })) // [ 'eligible' ]
}
