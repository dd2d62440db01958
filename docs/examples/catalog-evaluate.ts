// Evaluate a catalogue programme as of a date and read the verdict: outcome, the version (and name)
// in force, the why-not sentences, the next question, the trace with citations.
import { Catalogue, Programme } from "@jiritsu/catalog"
import { Verdict } from "@jiritsu/core"

const person = {
  target_groups: ["welfare_recipient"],
  birth_date: "2002-06-15",
  judged_able_to_work: true,
  high_school_student: false,
  unable_to_work_illness_disability: false
}

// 社援発0516第18号: working age 18–64, motivation not required. On 2020-06-14 the person is 17.
const r = Catalogue.evaluate(Catalogue.catalogue, { programme: "national.welfare_office_support", asOf: "2020-06-14", facts: person })
if (r._tag === "Success") {
  console.log(Verdict.render(r.success, "ja")) // 判定: 対象外 … 年齢 17 歳は稼働年齢（18〜64歳）の範囲外です
  console.log(r.success.ruleSet?.version, r.success.hash)
} else {
  console.error(r.failure.message) // e.g. VersionNotFound before 2013-05-16 (strict mode)
}

// The housing benefit's name as of a date (住宅手当 → 住宅支援給付 → 住居確保給付金).
const housing = Catalogue.get(Catalogue.catalogue, "national.housing_benefit")!
console.log(Programme.nameAt(housing, "2014-01-01")?.ja) // 住宅支援給付
