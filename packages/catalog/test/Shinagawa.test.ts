// Seed fidelity: Shinagawa's FY2013 table (targets, Apr–Oct actuals, achievement) and FY2012
// plan and actuals (seed 004), rebuilt from a synthetic event log.
import { describe, expect, it } from "vitest"
import { Result } from "effect"
import { Metric, Period, Target } from "@jiritsu/core"
import { Municipal } from "../src/index.ts"
import { publishedShinagawa, syntheticShinagawaLog } from "./fixtures/shinagawa.ts"

const ok = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(JSON.stringify(r.failure))
  return r.success
}

const events = syntheticShinagawaLog(20131031)
const tally = Metric.foldMap(events)
const p13 = publishedShinagawa.fy2013
const p12 = publishedShinagawa.fy2012

/** The Markdown table's data rows, split into cells (header and separator dropped). */
const tableRows = (markdown: string): ReadonlyArray<ReadonlyArray<string>> =>
  markdown
    .split("\n")
    .filter((l) => l.startsWith("| "))
    .slice(1)
    .map((l) => l.slice(2, -2).split(" | "))

const byId = (r: Target.PlanReport, id: string): Target.Progress => r.rows.find((p) => p.target.id === id)!

describe("Shinagawa FY2013 (平成25年度) as of 2013-10-31", () => {
  const report = ok(Target.report(Municipal.shinagawaPlanFY2013, tally, p13.asOf))
  const markdown = Target.renderMarkdown(report)

  it("has an era-dated heading", () => {
    expect(report.heading.ja).toBe("平成25年度 品川区就業センター 事業計画（平成25年10月31日現在）")
    expect(markdown.startsWith("### 平成25年度 品川区就業センター 事業計画（平成25年10月31日現在）\n### FY2013 ")).toBe(true)
  })

  it("reproduces the published actuals as data", () => {
    expect(byId(report, "resident_counselling").actual).toEqual({ _tag: "Average", value: 1848, total: 1848 * 7, months: 7 })
    expect(byId(report, "resident_placements").actual).toEqual({ _tag: "Count", value: 482 })
    expect(byId(report, "welfare_counselling").actual).toEqual({ _tag: "Average", value: 156, total: 156 * 7, months: 7 })
    expect(byId(report, "homework").actual).toEqual({ _tag: "Count", value: 103 })
    expect(byId(report, "homework").breakdown).toEqual({ _tag: "Count", value: 37 })
    expect(byId(report, "employer_information").actual).toEqual({ _tag: "Count", value: 96 })
  })

  it("renders the source document's targets and figures in the Markdown table", () => {
    const rows = tableRows(markdown)
    expect(rows.map((r) => r[2]!.split("<br>")[0])).toEqual(["月間延べ1,200人以上", "年間500件以上", "月間延べ90人以上", "年間延べ100人以上", "年間延べ120社以上"])
    expect(rows.map((r) => r[3]!.split("<br>")[0])).toEqual(["1,848", "482", "156", "103（うち、あっ旋37）", "96"])
    expect(rows.map((r) => r[4])).toEqual([
      "4~10月平均<br>Apr–Oct average",
      "4~10月累計<br>Apr–Oct total",
      "4~10月平均<br>Apr–Oct average",
      "4~10月累計<br>Apr–Oct total",
      "4~10月累計<br>Apr–Oct total"
    ])
    // Achievement = actual ÷ target: 1848/1200, 482/500, 156/90, 103/100, 96/120.
    expect(rows.map((r) => r[5])).toEqual(["154.0%", "96.4%", "173.3%", "103.0%", "80.0%"])
  })

  it("pro-rates annual targets by the seven elapsed months and forecasts the year linearly", () => {
    const placements = byId(report, "resident_placements")
    expect(placements.coverage.partial).toBe(true)
    expect(placements.elapsed).toBeCloseTo(7 / 12, 12)
    expect(placements.expected).toBeCloseTo((500 * 7) / 12, 9) // pro-rated linearly: 500 × 7/12 ≈ 292
    expect(placements.verdict).toBe("on_track")
    expect(Metric.numberOf(placements.forecast)).toBeCloseTo((482 * 12) / 7, 9)
    expect(byId(report, "employer_information").expected).toBeCloseTo(70, 9)
    expect(byId(report, "employer_information").verdict).toBe("on_track") // 96 ≥ 70 so far, though 80 % of the year's 120
    expect(report.rows.every((p) => p.status === "in_progress")).toBe(true)
  })

  it("gives the same report from columns, folded in chunks", () => {
    const columns = ok(Metric.columnsFromEvents(events))
    const fromColumns = ok(Target.reportColumns(Municipal.shinagawaPlanFY2013, columns, p13.asOf, { chunks: 7 }))
    expect(fromColumns).toEqual(report)
  })

  it("matches the source document for every generator seed", () => {
    for (const seed of [1, 2, 3, 99, 2013]) {
      const r = ok(Target.report(Municipal.shinagawaPlanFY2013, Metric.foldMap(syntheticShinagawaLog(seed)), p13.asOf))
      expect(r.rows.map((p) => Metric.numberOf(p.actual))).toEqual([1848, 482, 156, 103, 96])
    }
  })

  it("counts November only after October's report", () => {
    const r = ok(Target.report(Municipal.shinagawaPlanFY2013, tally, Period.unsafeDate("2013-11-30")))
    expect(Metric.numberOf(byId(r, "resident_placements").actual)).toBeGreaterThan(482)
    expect(byId(r, "resident_counselling").coverage.label).toEqual({ ja: "4~11月平均", en: "Apr–Nov average" })
  })
})

describe("Shinagawa FY2012 (平成24年度) plan and actuals", () => {
  const report = ok(Target.report(Municipal.shinagawaPlanFY2012, tally, p12.asOf))

  it("reproduces the FY2012 actuals over the whole year, all targets met", () => {
    expect(report.rows.map((p) => Metric.numberOf(p.actual))).toEqual([1669, 777, 175, 233, 121])
    expect(report.rows.map((p) => p.target.value)).toEqual([800, 400, 60, 50, 100])
    expect(report.rows.every((p) => p.status === "complete" && p.verdict === "met" && !p.coverage.partial)).toBe(true)
    expect(byId(report, "resident_counselling").coverage.label).toEqual({ ja: "年間平均", en: "annual average" })
  })

  it("renders 平成24年度 with the source document's FY2012 figures", () => {
    const md = Target.renderMarkdown(report)
    expect(md).toContain("### 平成24年度 品川区就業センター 事業計画（平成25年3月31日現在）")
    expect(tableRows(md).map((r) => r[3]!.split("<br>")[0])).toEqual(["1,669", "777", "175", "233", "121"])
    expect(tableRows(md).map((r) => r[2]!.split("<br>")[0])).toEqual(["月間延べ800人以上", "年間400件以上", "月間延べ60人以上", "年間延べ50人以上", "年間延べ100社以上"])
  })

  it("renders a plain-text version too", () => {
    const text = Target.renderText(report)
    expect(text).toContain("平成24年度")
    expect(text).toContain("実績 Actual:   777（年間累計） / 777 (annual total)")
  })
})
