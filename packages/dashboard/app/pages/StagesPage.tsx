/**
 * Stage funnel and flows (段階の分布と推移): people per autonomy stage on the date (daily-life →
 * social → intermediate work → work), and the moves between stages in the period, regressions
 * shown apart. Figures from `GET /v1/reports/stages`.
 */
import { Period } from "@jiritsu/core"
import { useMemo } from "preact/hooks"
import type { StageReport } from "../Api.ts"
import { Chart, type ChartOption, palette } from "../components/Chart.tsx"
import { Controls, DateField } from "../components/Controls.tsx"
import { ErrorNotice, Loading } from "../components/Status.tsx"
import { paramDate } from "../Dates.ts"
import * as F from "../i18n/Format.ts"
import { format, type Lang, type MessageKey } from "../i18n/Messages.ts"
import { stageName } from "../i18n/Vocabulary.ts"
import { useQuery, useServices } from "../Query.ts"
import { setParams } from "../Router.ts"

const kindKeys: Readonly<Record<string, MessageKey>> = { forward: "kindForward", skip: "kindSkip", regression: "kindRegression", lateral: "kindLateral" }

export function StagesPage() {
  const { lang } = useServices()
  const asOf = paramDate("asOf")
  const from = paramDate("from", Period.fiscalYearWindow(Period.fiscalYearOf(asOf)).from)
  const report = useQuery((call) => call((c) => c.caseload.stages({ query: { asOf, from } })), [asOf, from])
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{format(lang, "stagesTitle")}</h1>
      <p class="intro">{format(lang, "stagesIntro")}</p>
      <Controls lang={lang} label={format(lang, "period")} onApply={(v) => setParams({ from: v["from"] ?? from, asOf: v["asOf"] ?? asOf })}>
        <DateField name="from" label={format(lang, "period")} value={from} />
        <DateField name="asOf" label={format(lang, "asOf")} value={asOf} />
      </Controls>
      {report.status === "loading" ? (
        <Loading lang={lang} />
      ) : report.status === "failed" ? (
        <ErrorNotice lang={lang} failure={report.failure} onRetry={report.retry} />
      ) : (
        <StagesView lang={lang} report={report.value} />
      )}
    </section>
  )
}

function StagesView(props: { readonly lang: Lang; readonly report: StageReport }) {
  const { lang, report } = props
  const funnel = useMemo(
    (): ChartOption => ({
      tooltip: { trigger: "item" },
      series: [
        {
          type: "funnel",
          sort: "none",
          left: "10%",
          width: "80%",
          minSize: "20%",
          gap: 2,
          label: { show: true, position: "inside", color: "#ffffff", formatter: "{b}: {c}" },
          itemStyle: { borderColor: "#ffffff" },
          color: ["#183a63", "#1f4e8c", "#2c6fb5", "#1f6f43"],
          data: report.stages.map((s) => ({ name: F.label(s.label, lang), value: s.people }))
        }
      ]
    }),
    [lang, report]
  )
  const flows = useMemo((): ChartOption => {
    const names = report.flows.map((f) => `${stageName(f.from, lang)} → ${stageName(f.to, lang)}`)
    return {
      grid: { left: 200, right: 40, top: 8, bottom: 24 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: names, inverse: true },
      series: [
        {
          type: "bar",
          label: { show: true, position: "right" },
          data: report.flows.map((f) => ({ value: f.moves, itemStyle: { color: palette[f.kind as keyof typeof palette] ?? palette.lateral } }))
        }
      ]
    }
  }, [lang, report])
  const total = report.stages.reduce((n, s) => n + s.people, 0)
  return (
    <>
      <div class="grid-2">
        <div>
          <h2>{format(lang, "funnelTitle")}</h2>
          <Chart option={funnel} label={report.stages.map((s) => `${F.label(s.label, lang)} ${s.people}`).join(", ")} height={300} caption={format(lang, "chartSummary")} testId="funnel-chart" />
          <table class="data" data-testid="stages-table">
            <caption>{format(lang, "funnelTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{format(lang, "colStage")}</th>
                <th scope="col" class="num">{format(lang, "colPeople")}</th>
              </tr>
            </thead>
            <tbody>
              {report.stages.map((s) => (
                <tr key={s.stage} data-stage={s.stage}>
                  <th scope="row">{F.label(s.label, lang)}</th>
                  <td class="num" data-field="people">{F.number(s.people, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="muted" data-testid="stages-total">
            {format(lang, "stagesTotal", { n: F.number(total, lang) })} · {format(lang, "notInStage", { n: F.number(report.notInStage, lang) })}
          </p>
        </div>
        <div>
          <h2>{format(lang, "flowsTitle")}</h2>
          <p class="muted">
            {F.date(report.window.from, lang)} – {F.date(Period.lastDay(report.window), lang)}
          </p>
          <Chart option={flows} label={report.flows.map((f) => `${stageName(f.from, lang)} → ${stageName(f.to, lang)} ${f.moves}`).join(", ")} height={Math.max(160, 34 * report.flows.length + 40)} caption={format(lang, "chartSummary")} testId="flows-chart" />
          <table class="data" data-testid="flows-table">
            <caption>{format(lang, "flowsTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{format(lang, "colFrom")}</th>
                <th scope="col">{format(lang, "colTo")}</th>
                <th scope="col">{format(lang, "colKind")}</th>
                <th scope="col" class="num">{format(lang, "colCount")}</th>
                <th scope="col" class="num">{format(lang, "colPeople")}</th>
              </tr>
            </thead>
            <tbody>
              {report.flows.map((f) => (
                <tr key={`${f.from}-${f.to}`} data-flow={`${f.from}->${f.to}`}>
                  <td>{stageName(f.from, lang)}</td>
                  <td>{stageName(f.to, lang)}</td>
                  <td>
                    <span class={`badge badge-${f.kind}`}>{format(lang, kindKeys[f.kind] ?? "kindLateral")}</span>
                  </td>
                  <td class="num" data-field="moves">{F.number(f.moves, lang)}</td>
                  <td class="num" data-field="people">{F.number(f.people, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </>
  )
}
