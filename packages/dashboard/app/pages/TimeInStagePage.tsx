/**
 * Time in stage and stagnation (滞留): the current stays per autonomy stage as a histogram, the
 * median and longest stay, the threshold, and the people past it (linked to their cases). Figures
 * from `GET /v1/reports/time-in-stage`.
 */
import { useMemo } from "preact/hooks"
import type { TimeInStageReport } from "../Api.ts"
import { Chart, type ChartOption } from "../components/Chart.tsx"
import { Controls, DateField } from "../components/Controls.tsx"
import { Empty, ErrorNotice, Loading } from "../components/Status.tsx"
import { paramDate } from "../Dates.ts"
import * as F from "../i18n/Format.ts"
import { format, type Lang } from "../i18n/Messages.ts"
import { stageName } from "../i18n/Vocabulary.ts"
import { useQuery, useServices } from "../Query.ts"
import { href, setParams } from "../Router.ts"

const bucketColours = ["#9fc3e7", "#5b8fc9", "#1f4e8c", "#8f1d16"]

export function TimeInStagePage() {
  const { lang } = useServices()
  const asOf = paramDate("asOf")
  const report = useQuery((call) => call((c) => c.caseload.timeInStage({ query: { asOf } })), [asOf])
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{format(lang, "timeTitle")}</h1>
      <p class="intro">{format(lang, "timeIntro")}</p>
      <Controls lang={lang} label={format(lang, "asOf")} onApply={(v) => setParams({ asOf: v["asOf"] ?? asOf })}>
        <DateField name="asOf" label={format(lang, "asOf")} value={asOf} />
      </Controls>
      {report.status === "loading" ? (
        <Loading lang={lang} />
      ) : report.status === "failed" ? (
        <ErrorNotice lang={lang} failure={report.failure} onRetry={report.retry} />
      ) : (
        <TimeView lang={lang} report={report.value} />
      )}
    </section>
  )
}

function TimeView(props: { readonly lang: Lang; readonly report: TimeInStageReport }) {
  const { lang, report } = props
  const option = useMemo((): ChartOption => {
    const bucketLabels = report.stages[0]?.buckets.map((b) => F.label(b.label, lang)) ?? []
    return {
      grid: { left: 140, right: 24, top: 36, bottom: 24 },
      legend: { top: 0 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: report.stages.map((s) => F.label(s.label, lang)), inverse: true },
      series: bucketLabels.map((name, i) => ({
        name,
        type: "bar",
        stack: "stays",
        itemStyle: { color: bucketColours[i % bucketColours.length] },
        data: report.stages.map((s) => s.buckets[i]?.people ?? 0)
      }))
    }
  }, [lang, report])
  return (
    <>
      <Chart option={option} label={report.stages.map((s) => `${F.label(s.label, lang)} ${s.people}`).join(", ")} height={260} caption={format(lang, "chartSummary")} testId="stays-chart" />
      <table class="data" data-testid="stays-table">
        <caption>{format(lang, "dataTable")}</caption>
        <thead>
          <tr>
            <th scope="col">{format(lang, "colStage")}</th>
            <th scope="col" class="num">{format(lang, "colPeople")}</th>
            <th scope="col" class="num">{format(lang, "colMedianDays")}</th>
            <th scope="col" class="num">{format(lang, "colMaxDays")}</th>
            <th scope="col" class="num">{format(lang, "colThreshold")}</th>
            <th scope="col" class="num">{format(lang, "colStagnating")}</th>
          </tr>
        </thead>
        <tbody>
          {report.stages.map((s) => (
            <tr key={s.stage} data-stage={s.stage}>
              <th scope="row">{F.label(s.label, lang)}</th>
              <td class="num" data-field="people">{F.number(s.people, lang)}</td>
              <td class="num" data-field="median">{s.medianDays === undefined ? "—" : F.number(s.medianDays, lang)}</td>
              <td class="num" data-field="max">{s.maxDays === undefined ? "—" : F.number(s.maxDays, lang)}</td>
              <td class="num">{s.thresholdDays === undefined ? format(lang, "noThreshold") : F.number(s.thresholdDays, lang)}</td>
              <td class="num" data-field="stagnating">{F.number(s.stagnating, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{format(lang, "stagnatingList")}</h2>
      {report.stagnating.length === 0 ? (
        <Empty lang={lang} />
      ) : (
        <table class="data" data-testid="stagnating-table">
          <caption>{format(lang, "stagnatingList")}</caption>
          <thead>
            <tr>
              <th scope="col">{format(lang, "colCase")}</th>
              <th scope="col">{format(lang, "colStage")}</th>
              <th scope="col">{format(lang, "colSince")}</th>
              <th scope="col" class="num">{format(lang, "colDays")}</th>
              <th scope="col" class="num">{format(lang, "colThreshold")}</th>
            </tr>
          </thead>
          <tbody>
            {report.stagnating.map((s) => (
              <tr key={s.caseId} data-case={s.caseId}>
                <th scope="row">
                  <a href={href({ page: "case", id: s.caseId })}>{s.caseId}</a>
                </th>
                <td>{stageName(s.stage, lang)}</td>
                <td>{F.date(s.since, lang)}</td>
                <td class="num" data-field="days">{F.number(s.days, lang)}</td>
                <td class="num">{F.number(s.thresholdDays, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
