// The first program typed: the tarballs' declarations (.d.ts for import, .d.cts for require) compile under NodeNext.
import { Fact, Period, Rule, Verdict } from "@jiritsu/core"
import { Catalogue, TestCase } from "@jiritsu/catalog"

const asOf: Period.LocalDate = Period.unsafeDate("2014-01-01")
const specs: Fact.FactSpecs = Catalogue.factSpecs(Catalogue.catalogue)
const r = Catalogue.evaluate(Catalogue.catalogue, { programme: "national.hw_handoff", asOf, facts: { target_groups: ["welfare_recipient"] } })
const outcome: Verdict.Outcome | string = r._tag === "Success" ? r.success.outcome : r.failure._tag
const rule: Rule.Rule = Rule.exists({ id: "x", ja: "x", en: "x" }, "consent_id")
const expected: TestCase.ExpectedOutcome = "eligible"
console.log(outcome, Object.keys(specs).length > 0, rule.kind, expected)
