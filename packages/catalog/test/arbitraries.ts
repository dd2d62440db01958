// Generators for the catalogue's laws: dates, fact records over the catalogue vocabulary.
import { Period } from "@jiritsu/core"
import fc from "fast-check"
import { Vocabulary } from "../src/index.ts"

const DAY0 = Period.toDayNumber(Period.unsafeDate("2004-01-01"))
const DAY1 = Period.toDayNumber(Period.unsafeDate("2030-12-31"))

/** A calendar date between 2004 and 2030 (covers every version switch of the catalogue). */
export const arbDate: fc.Arbitrary<Period.LocalDate> = fc.integer({ min: DAY0, max: DAY1 }).map(Period.fromDayNumber)

/** A birth date between 1930 and 2015. */
export const arbBirthDate: fc.Arbitrary<Period.LocalDate> = fc
  .integer({ min: Period.toDayNumber(Period.unsafeDate("1930-01-01")), max: Period.toDayNumber(Period.unsafeDate("2015-12-31")) })
  .map(Period.fromDayNumber)

const valueOf = (name: Vocabulary.FactName): fc.Arbitrary<unknown> => {
  const decl: Vocabulary.FactDecl = Vocabulary.facts[name]
  switch (decl.type) {
    case "boolean":
      return fc.boolean()
    case "date":
      return name === "birth_date" ? arbBirthDate : arbDate
    case "strings":
      return fc.uniqueArray(fc.constantFrom(...(decl.values ?? ["x"])), { maxLength: 3 })
    case "string":
      return fc.constantFrom(...(decl.values ?? ["x"]))
    default:
      return fc.constant(null)
  }
}

/** A fact record over the vocabulary: each fact absent (unknown), null (known absent) or a value of its type. */
export const arbFacts: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(...Vocabulary.factNames.map((n) => fc.option(fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 6, arbitrary: valueOf(n) }), { nil: undefined, freq: 4 })))
  .map((values) => {
    const out: Record<string, unknown> = {}
    Vocabulary.factNames.forEach((n, i) => {
      if (values[i] !== undefined) out[n] = values[i]
    })
    return out
  })

/** Fact records where every fact is known (decided verdicts are likely). */
export const arbCompleteFacts: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(...Vocabulary.factNames.map(valueOf))
  .map((values) => Object.fromEntries(Vocabulary.factNames.map((n, i) => [n, values[i]])))

/** A string that is not a calendar date in YYYY-MM-DD form, or is an impossible one. */
export const arbBadDate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("2013-02-30", "2014-13-01", "2019-00-10", "2015-04-31", "2021-02-29", "13-04-01", "2013/04/01", "平成25年4月1日", ""),
  fc.string({ maxLength: 12 }).filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s))
)

/** A name that is not a catalogue fact (nor a target group). */
export const arbUnknownName: fc.Arbitrary<string> = fc
  .stringMatching(/^[a-z][a-z_]{2,20}$/)
  .filter((s) => !Vocabulary.isFactName(s) && !Vocabulary.isTargetGroup(s))
