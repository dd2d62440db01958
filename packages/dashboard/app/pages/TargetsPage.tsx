/**
 * Targets vs plan (事業計画の目標と実績): the Shinagawa-style table as a picture — per target the
 * actual, the pro-rated expectation, the target, the forecast to the year's end, the verdict, and a
 * mark where the actual covers only part of the year. Every figure is the service's
 * (`GET /v1/targets/plans/{id}/progress`); this page only lays them out.
 */
import { type Period, Target } from "@jiritsu/core"
import { useMemo } from "preact/hooks"
import type { PlanProgress, Plan } from "../Api.ts"
import { Chart, type ChartOption, palette } from "../components/Chart.tsx"
import { Controls, DateField, SelectField } from "../components/Controls.tsx"
import { Empty, ErrorNotice, Loading } from "../components/Status.tsx"
import { paramDate } from "../Dates.ts"
import * as F from "../i18n/Format.ts"
import { format, type Lang } from "../i18n/Messages.ts"
import { useQuery, useServices } from "../Query.ts"
import { hashParams, setParams } from "../Router.ts"

export function TargetsPage() {
  const { lang } = useServices()
  const asOf = paramDate("asOf")
  const plans = useQuery((call) => call((c) => c.targets.listPlans({ query: {} })), [])
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{format(lang, "targetsTitle")}</h1>
      <p class="intro">{format(lang, "targetsIntro")}</p>
      {plans.status === "loading" ? (
        <Loading lang={lang} />
      ) : plans.status === "failed" ? (
        <ErrorNotice lang={lang} failure={plans.failure} onRetry={plans.retry} />
      ) : plans.value.items.length === 0 ? (
        <Empty lang={lang}>{format(lang, "noPlans")}</Empty>
      ) : (
        <PlanView lang={lang} plans={plans.value.items} planId={hashParams().get("plan") ?? plans.value.items[0]!.id} asOf={asOf} />
      )}
    </section>
  )
}

function PlanView(props: { readonly lang: Lang; readonly plans: ReadonlyArray<Plan>; readonly planId: string; readonly asOf: Period.LocalDate }) {
  const { lang, plans, planId, asOf } = props
  const progress = useQuery((call) => call((c) => c.targets.progress({ params: { id: planId }, query: { asOf, lang } })), [planId, asOf, lang])
  return (
    <>
      <Controls lang={lang} label={format(lang, "plan")} onApply={(v) => setParams({ plan: v["plan"] ?? planId, asOf: v["asOf"] ?? asOf })}>
        <SelectField name="plan" label={format(lang, "plan")} value={planId} options={plans.map((p) => ({ value: p.id, label: `${F.fiscalYear(p.fiscalYear, lang)} ${F.label(p.label, lang)}` }))} />
        <DateField name="asOf" label={format(lang, "asOf")} value={asOf} />
      </Controls>
      {progress.status === "loading" ? (
        <Loading lang={lang} />
      ) : progress.status === "failed" ? (
        <ErrorNotice lang={lang} failure={progress.failure} onRetry={progress.retry} />
      ) : (
        <ProgressView lang={lang} progress={progress.value} />
      )}
    </>
  )
}

function ProgressView(props: { readonly lang: Lang; readonly progress: PlanProgress }) {
  const { lang, progress } = props
  const { report } = progress
  const anyPartial = report.rows.some((r) => r.coverage.partial)
  return (
    <>
      <h2 data-testid="plan-heading">{F.label(report.heading, lang)}</h2>
      <div class="cards" data-testid="target-charts">
        {report.rows.map((row, i) => (
          <TargetChart key={row.target.id} lang={lang} row={row} targetText={F.label(progress.rows[i]!.target, lang)} />
        ))}
      </div>
      <table class="data" data-testid="targets-table">
        <caption>{format(lang, "dataTable")}</caption>
        <thead>
          <tr>
            <th scope="col">{format(lang, "colProgramme")}</th>
            <th scope="col">{format(lang, "colIndicator")}</th>
            <th scope="col">{format(lang, "colTarget")}</th>
            <th scope="col" class="num">{format(lang, "colActual")}</th>
            <th scope="col">{format(lang, "colCoverage")}</th>
            <th scope="col" class="num">{format(lang, "colExpected")}</th>
            <th scope="col" class="num">{format(lang, "colAchievement")}</th>
            <th scope="col" class="num">{format(lang, "colForecast")}</th>
            <th scope="col">{format(lang, "colVerdict")}</th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((p, i) => {
            const row = progress.rows[i]!
            return (
              <tr key={p.target.id} data-target={p.target.id}>
                <td>{F.label(row.programme, lang)}</td>
                <th scope="row">{F.label(row.indicator, lang)}</th>
                <td>{F.label(row.target, lang)}</td>
                <td class="num" data-field="actual">{F.metricValue(p.actual, lang)}</td>
                <td>
                  {F.label(row.coverage, lang)} {p.coverage.partial ? <span class="badge badge-partial">{format(lang, "partialMark")}</span> : null}
                </td>
                <td class="num" data-field="expected">{p.actual._tag === "Rate" ? F.percent(p.expected, lang) : F.number(p.expected, lang)}</td>
                <td class="num" data-field="achievement">{F.metricValue(p.achievement, lang)}</td>
                <td class="num" data-field="forecast">{F.metricValue(p.forecast, lang)}</td>
                <td data-field="verdict">
                  <span class={`badge badge-${p.verdict}`}>{F.label(Target.verdictLabels[p.verdict], lang)}</span>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {anyPartial ? <p class="muted">{format(lang, "partialNote")}</p> : null}
    </>
  )
}

type Progress = PlanProgress["report"]["rows"][number]

function TargetChart(props: { readonly lang: Lang; readonly row: Progress; readonly targetText: string }) {
  const { lang, row } = props
  const percent = row.actual._tag === "Rate"
  const option = useMemo((): ChartOption => {
    const names = [format(lang, "seriesActual"), format(lang, "seriesExpected"), format(lang, "seriesForecast")]
    const values = [F.chartValue(row.actual), row.expected, F.chartValue(row.forecast)]
    const scale = (v: number | null) => (v === null ? null : percent ? Math.round(v * 1000) / 10 : v)
    return {
      grid: { left: 96, right: 48, top: 8, bottom: 24 },
      xAxis: { type: "value", splitNumber: 3, axisLabel: { formatter: percent ? "{value}%" : "{value}", hideOverlap: true } },
      yAxis: { type: "category", data: names, inverse: true, axisTick: { show: false } },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      series: [
        {
          type: "bar",
          barWidth: "55%",
          data: values.map((v, i) => ({
            value: scale(v),
            itemStyle: { color: [palette.actual, palette.expected, palette.forecast][i], ...(i === 0 && row.coverage.partial ? { decal: { symbol: "rect", dashArrayX: [1, 0], dashArrayY: [4, 3], rotation: -0.8 } } : {}) }
          })),
          label: { show: true, position: "right", formatter: ({ value }: { value: number | null }) => (value === null ? "—" : percent ? `${value}%` : F.number(value, lang)) },
          markLine: {
            symbol: "none",
            lineStyle: { color: palette.target, type: "dashed", width: 2 },
            label: { show: false },
            data: [{ xAxis: scale(row.target.value) }]
          }
        }
      ]
    }
  }, [lang, row])
  const verdict = F.label(Target.verdictLabels[row.verdict], lang)
  const summary = `${F.label(row.target.label, lang)}: ${format(lang, "seriesActual")} ${F.metricValue(row.actual, lang)}, ${format(lang, "seriesTarget")} ${
    percent ? F.percent(row.target.value, lang) : F.number(row.target.value, lang)
  }, ${verdict}`
  return (
    <div class="card">
      <h3 class="card-title">
        {F.label(row.target.label, lang)} <span class={`badge badge-${row.verdict}`}>{verdict}</span>
        {row.coverage.partial ? <span class="badge badge-partial">{format(lang, "partialMark")}</span> : null}
      </h3>
      <p class="card-target">
        <span class="legend-target" aria-hidden="true" /> {format(lang, "seriesTarget")}: {props.targetText}
      </p>
      <Chart option={option} label={summary} height={130} />
    </div>
  )
}
