// packages/catalog/README.md: a built-in municipal programme, its verdict and trace in Japanese.
import { Catalogue } from "@jiritsu/catalog"
import { Verdict } from "@jiritsu/core"

const r = Catalogue.evaluate(Catalogue.catalogue, {
  programme: "yokohama.job_spot", // 横浜市 ジョブスポット (overlay on the national hand-off test)
  asOf: "2013-04-15",
  facts: { ward: "tsurumi", target_groups: ["welfare_recipient"], needs_employment_support: true, consents_to_participate: true }
})
if (r._tag === "Success") console.log(Verdict.render(r.success, "ja")) // 判定: 対象 … with the trace and citations
else console.log(r.failure.message)
