// Run declarative test cases (format jiritsu.test-cases/1) from code — the same runner as
// `jiritsu test-rules <dir>` — and print the report: ✓ per passing case, the trace of each failure.
import { Catalogue, TestCase } from "@jiritsu/catalog"

const files = TestCase.runPaths(Catalogue.catalogue, ["packages/catalog/cases"])
console.log(TestCase.report(files, { lang: "en", cwd: process.cwd() }))
const { failed, invalidFiles } = TestCase.summary(files)
process.exitCode = failed === 0 && invalidFiles === 0 ? 0 : 1

// One case, built in code: a 40-year-old at Kawanishi's youth corner (概ね40歳未満, a soft limit),
// admitted by a staff member with a reason.
const parsed = TestCase.parse(
  JSON.stringify({
    format: TestCase.FORMAT,
    cases: [
      {
        name: "40, admitted by staff",
        programme: "kawanishi.youth_career_support",
        asOf: "2013-02-01",
        facts: { seeking_work: true, birth_date: "1973-02-01" },
        overrides: [{ clauseId: "kawanishi.youth.under_40", reason: "職歴が浅く若年者向け支援が適当", actor: "staff-1" }],
        expect: { outcome: "eligible" }
      }
    ]
  }),
  Catalogue.catalogue,
  "inline.json"
)
if (parsed._tag === "Success") console.log(TestCase.runCase(Catalogue.catalogue, parsed.success.cases[0]!).passed) // true
