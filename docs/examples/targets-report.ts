// A business plan (事業計画) report: Shinagawa's FY2013 plan, rendered as a Markdown table.
import { Metric, Period, Target } from "@jiritsu/core"
import { Municipal } from "@jiritsu/catalog"
import { sampleEvents } from "./support/sample-events.ts"

const events = sampleEvents() // your event log (site "shinagawa_employment_centre")

const report = Target.report(Municipal.shinagawaPlanFY2013, Metric.foldMap(events), Period.unsafeDate("2013-10-31"))
if (report._tag === "Success") {
  console.log(Target.renderMarkdown(report.success)) // era-dated heading: 平成25年度 … （平成25年10月31日現在）
  console.log(Target.renderText(report.success)) // the same as plain text
  const rows = Target.reportRows(report.success) // or the display strings as data
  console.log(rows.map((r) => [r.indicator.ja, r.actual.ja, r.coverage.ja]))
}
