// Dated versions [from, until), evaluated as of a date: strict fails outside, lenient warns.
import { Period, Rule, RuleSet } from "@jiritsu/core"

const d = Period.unsafeDate
const lostHome = Rule.isTrue({ id: "lost_home", ja: "住居喪失（おそれ）", en: "lost or at risk of losing housing" }, "housing_loss")
const recentJobLoss = Rule.withinLast({ id: "job_loss", ja: "離職後2年以内", en: "lost work within 2 years" }, "job_loss_date", 24)
const under65 = Rule.age({ id: "under_65", ja: "65歳未満", en: "under 65" }, "birth_date", { max: 64 })

const housing = RuleSet.make({
  id: "housing_benefit",
  ja: "住居確保給付金",
  en: "housing security benefit",
  facts: { job_loss_date: { type: "date", labels: { ja: "離職日", en: "date of job loss" } } },
  versions: [
    RuleSet.version({ version: "住宅手当", from: d("2009-10-01"), until: d("2013-04-01"), rule: Rule.all({ id: "v2009", ja: "住宅手当", en: "housing allowance" }, [lostHome, recentJobLoss]) }),
    RuleSet.version({
      version: "住宅支援給付",
      from: d("2013-04-01"),
      until: d("2015-04-01"),
      rule: Rule.all({ id: "v2013", ja: "住宅支援給付", en: "housing support benefit" }, [lostHome, recentJobLoss, under65]),
      citation: { source: "P21" }
    }),
    RuleSet.version({ version: "住居確保給付金", from: d("2015-04-01"), rule: Rule.all({ id: "v2015", ja: "住居確保給付金", en: "housing security benefit" }, [lostHome, recentJobLoss]), citation: { source: "P19" } })
  ]
})

const facts = { housing_loss: true, job_loss_date: "2013-01-10", birth_date: "1948-01-01" }
const in2013 = RuleSet.evaluate(housing, { asOf: d("2013-06-01"), facts }, { mode: "strict" })
if (in2013._tag === "Success") console.log(in2013.success.ruleSet?.version, in2013.success.outcome) // 住宅支援給付 ineligible (65 or over)

const tooEarly = RuleSet.evaluate(housing, { asOf: d("2009-01-01"), facts }, { mode: "strict" })
if (tooEarly._tag === "Failure" && tooEarly.failure._tag === "VersionNotFound") console.log(tooEarly.failure.position) // before_first_version

const lenient = RuleSet.evaluate(housing, { asOf: d("2009-01-01"), facts }, { mode: "lenient" })
if (lenient._tag === "Success") console.log(lenient.success.warnings[0]?.code) // before_first_version

console.log(RuleSet.check(housing).length) // 0: no overlap, no gap, no rule finding
