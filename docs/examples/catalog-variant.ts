// A rules team adds its own municipal variant: a new target group (care leavers) and an exclusion
// (people already in the readiness programme), as an overlay on the national Hello Work hand-off
// test. `extend` validates everything and returns a new catalogue (or every issue with its path).
import { Catalogue } from "@jiritsu/catalog"
import { Rule } from "@jiritsu/core"

const cite = { source: "みらい市 就労支援実施要綱（例）", section: "第3条 対象者" }

const extended = Catalogue.extend(Catalogue.catalogue, {
  groups: { care_leaver: { ja: "児童養護施設等の退所者", en: "care leaver" } },
  facts: { in_readiness_programme: { type: "boolean", labels: { ja: "就労準備支援事業を利用中", en: "already in the readiness programme" } } },
  municipal: [
    {
      id: "mirai.job_desk",
      base: "national.hw_handoff",
      labels: { ja: "みらい市 しごと相談デスク", en: "Mirai city job desk" },
      municipality: { ja: "みらい市", en: "Mirai (example)" },
      site: { ja: "市役所1階", en: "city hall" },
      citations: [cite],
      windows: [
        {
          version: "2024",
          from: "2024-04-01",
          citation: cite,
          exceptions: [
            Rule.include(
              { id: "mirai.care_leaver", ja: "児童養護施設等の退所者", en: "care leavers", citation: cite },
              Rule.intersects({ id: "mirai.care_leaver.group", ja: "退所者", en: "care leaver", citation: cite }, "target_groups", ["care_leaver"]),
              10
            ),
            Rule.exclude(
              { id: "mirai.in_readiness", ja: "就労準備支援事業の利用者", en: "people in the readiness programme", citation: cite },
              Rule.isTrue({ id: "mirai.in_readiness.when", ja: "就労準備支援事業を利用中", en: "in the readiness programme", citation: cite }, "in_readiness_programme"),
              100
            )
          ]
        }
      ]
    }
  ]
})

if (extended._tag === "Failure") {
  // e.g. mirai.job_desk.ruleSet.versions.0.rule.exceptions.0.when.values.0: unknown target group "care_leavers"
  for (const issue of extended.failure.issues) console.error(Catalogue.formatIssue(issue))
} else {
  const verdict = Catalogue.evaluate(extended.success, { programme: "mirai.job_desk", asOf: "2024-06-01", facts: { target_groups: ["care_leaver"], in_readiness_programme: false } })
  console.log(verdict._tag === "Success" ? verdict.success.outcome : verdict.failure.message) // eligible
}
