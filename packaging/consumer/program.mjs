// A vendor's first program against the installed tarballs (ES modules).
import { Period, Rule } from "@jiritsu/core"
import { Catalogue, TestCase } from "@jiritsu/catalog"

const fy = Period.fiscalYearLabel(Period.fiscalYearOf(Period.unsafeDate("2013-04-15")))
const r = Catalogue.evaluate(Catalogue.catalogue, { programme: "national.hw_handoff", asOf: "2014-01-01", facts: { target_groups: ["welfare_recipient"] } })
const next = r._tag === "Success" ? r.success.missingFacts.join(",") : r.failure.message
const files = TestCase.runPaths(Catalogue.catalogue, [new URL("./node_modules/@jiritsu/catalog/cases", import.meta.url).pathname])
console.log(JSON.stringify({ fy, outcome: r.success?.outcome, next, rule: typeof Rule.evaluate, cases: TestCase.summary(files) }))
