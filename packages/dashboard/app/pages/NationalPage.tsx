/**
 * National indicators (全国指標): the items of the national support-status survey for a month,
 * per 100,000 population per month beside the benchmark (目安値) where one exists. Figures from
 * `GET /v1/reports/national`.
 */
import { Period } from "@jiritsu/core"
import { useMemo } from "preact/hooks"
import type { NationalReport } from "../Api.ts"
import { Chart, type ChartOption, palette } from "../components/Chart.tsx"
import { Controls, SelectField } from "../components/Controls.tsx"
import { ErrorNotice, Loading } from "../components/Status.tsx"
import { todayInJapan } from "../Dates.ts"
import * as F from "../i18n/Format.ts"
import { format, type Lang } from "../i18n/Messages.ts"
import { useQuery, useServices } from "../Query.ts"
import { hashParams, setParams } from "../Router.ts"

const monthParam = (): Period.YearMonth => {
  const raw = hashParams().get("month")
  return raw !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(raw) ? (raw as Period.YearMonth) : Period.addMonthsToMonth(Period.monthOf(todayInJapan()), -1)
}

export function NationalPage() {
  const { lang } = useServices()
  const month = monthParam()
  const fiscalYear = Period.fiscalYearOfMonth(month)
  const report = useQuery((call) => call((c) => c.reports.national({ query: { fiscalYear, month: Number(month.slice(5, 7)), lang } })), [month, lang])
  const months = Period.monthsOfFiscalYear(fiscalYear)
  const choices = [...Period.monthsOfFiscalYear((fiscalYear - 1) as Period.FiscalYear), ...months]
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{format(lang, "nationalTitle")}</h1>
      <p class="intro">{format(lang, "nationalIntro")}</p>
      <Controls lang={lang} label={format(lang, "month")} onApply={(v) => setParams({ month: v["month"] ?? month })}>
        <SelectField name="month" label={format(lang, "month")} value={month} options={choices.map((m) => ({ value: m, label: `${F.month(m, lang)}（${F.fiscalYear(Period.fiscalYearOfMonth(m), lang)}）` }))} />
      </Controls>
      {report.status === "loading" ? (
        <Loading lang={lang} />
      ) : report.status === "failed" ? (
        <ErrorNotice lang={lang} failure={report.failure} onRetry={report.retry} />
      ) : (
        <NationalView lang={lang} report={report.value} />
      )}
    </section>
  )
}

function NationalView(props: { readonly lang: Lang; readonly report: NationalReport }) {
  const { lang, report } = props
  const option = useMemo((): ChartOption => {
    const rated = report.figures.filter((f) => F.chartValue(f.per100kPerMonth) !== null)
    return {
      grid: { left: 200, right: 40, top: 36, bottom: 24 },
      legend: { top: 0 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value" },
      yAxis: { type: "category", data: rated.map((f) => F.label(f.label, lang)), inverse: true },
      series: [
        { name: format(lang, "colPer100k"), type: "bar", itemStyle: { color: palette.actual }, label: { show: true, position: "right" }, data: rated.map((f) => Math.round((F.chartValue(f.per100kPerMonth) ?? 0) * 10) / 10) },
        { name: format(lang, "colBenchmark"), type: "bar", itemStyle: { color: palette.benchmark }, data: rated.map((f) => f.benchmark ?? null) }
      ]
    }
  }, [lang, report])
  return (
    <>
      <h2 data-testid="national-heading">{report.heading}</h2>
      <Chart option={option} label={report.heading} height={280} caption={format(lang, "chartSummary")} testId="national-chart" />
      <table class="data" data-testid="national-table">
        <caption>{format(lang, "dataTable")}</caption>
        <thead>
          <tr>
            <th scope="col">{format(lang, "colItem")}</th>
            <th scope="col" class="num">{format(lang, "colCount")}</th>
            <th scope="col" class="num">{format(lang, "colPer100k")}</th>
            <th scope="col" class="num">{format(lang, "colBenchmark")}</th>
            <th scope="col">{format(lang, "colMeets")}</th>
          </tr>
        </thead>
        <tbody>
          {report.figures.map((f) => (
            <tr key={f.item} data-item={f.item}>
              <th scope="row">{F.label(f.label, lang)}</th>
              <td class="num" data-field="count">{F.number(f.count, lang)}</td>
              <td class="num" data-field="per100k">{F.metricValue(f.per100kPerMonth, lang, { rateAs: "number" })}</td>
              <td class="num">{f.benchmark === undefined ? "—" : F.number(f.benchmark, lang)}</td>
              <td>{f.meetsBenchmark === undefined ? "—" : <span class={`badge badge-${f.meetsBenchmark}`}>{format(lang, f.meetsBenchmark ? "yes" : "no")}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
