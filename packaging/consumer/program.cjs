// The same first program through require (CommonJS).
const { Period, Rule } = require("@jiritsu/core")
const { Catalogue, TestCase } = require("@jiritsu/catalog")

const fy = Period.fiscalYearLabel(Period.fiscalYearOf(Period.unsafeDate("2013-04-15")))
const r = Catalogue.evaluate(Catalogue.catalogue, { programme: "national.hw_handoff", asOf: "2014-01-01", facts: { target_groups: ["welfare_recipient"] } })
const next = r._tag === "Success" ? r.success.missingFacts.join(",") : r.failure.message
const files = TestCase.runPaths(Catalogue.catalogue, [require("node:path").join(__dirname, "node_modules/@jiritsu/catalog/cases")])
console.log(JSON.stringify({ fy, outcome: r.success?.outcome, next, rule: typeof Rule.evaluate, cases: TestCase.summary(files) }))
