// Mirai city (みらい市, an example) adds a target group the national rule does not have (care leavers,
// 児童養護施設等の退所者) and excludes people already in the readiness programme — as an overlay on the
// national Hello Work hand-off test, without copying it. Run its cases: `pnpm test-rules`.
import { Catalogue } from "@jiritsu/catalog"
import { Rule } from "@jiritsu/core"

const cite = { source: "みらい市 就労支援実施要綱（例）", section: "第3条 対象者" }

export const catalogue = Catalogue.unsafeExtend(Catalogue.catalogue, {
  groups: { care_leaver: { ja: "児童養護施設等の退所者", en: "care leaver" } },
  facts: { in_readiness_programme: { type: "boolean", labels: { ja: "就労準備支援事業を利用中", en: "already in the readiness programme" } } },
  municipal: [{
    id: "mirai.job_desk", base: "national.hw_handoff", citations: [cite],
    labels: { ja: "みらい市 しごと相談デスク", en: "Mirai city job desk" },
    municipality: { ja: "みらい市", en: "Mirai (example)" }, site: { ja: "市役所1階", en: "city hall, ground floor" },
    windows: [{ version: "2024", from: "2024-04-01", citation: cite, exceptions: [
      Rule.include({ id: "mirai.care_leaver", ja: "児童養護施設等の退所者", en: "care leavers", citation: cite },
        Rule.all({ id: "mirai.care_leaver.when", ja: "退所者で参加に同意", en: "care leaver who consents", citation: cite }, [
          Rule.intersects({ id: "mirai.care_leaver.group", ja: "退所者", en: "care leaver", citation: cite }, "target_groups", ["care_leaver"]),
          Rule.isTrue({ id: "mirai.care_leaver.consents", ja: "参加に同意", en: "consents to take part", citation: cite }, "consents_to_participate")
        ]), 10),
      Rule.exclude({ id: "mirai.in_readiness", ja: "就労準備支援事業の利用者", en: "people in the readiness programme", citation: cite },
        Rule.isTrue({ id: "mirai.in_readiness.when", ja: "就労準備支援事業を利用中", en: "in the readiness programme", citation: cite }, "in_readiness_programme"), 100)
    ] }]
  }]
})
