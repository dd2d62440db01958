/**
 * Follow-ups (定着支援): the 1/3/6/12-month follow-ups after placement that are due or overdue on
 * the date, most overdue first, each linked to its case. Figures from `GET /v1/reports/follow-ups`.
 */
import type { FollowUpReport } from "../Api.ts"
import { Controls, DateField } from "../components/Controls.tsx"
import { Empty, ErrorNotice, Loading } from "../components/Status.tsx"
import { paramDate } from "../Dates.ts"
import * as F from "../i18n/Format.ts"
import { format, type Lang } from "../i18n/Messages.ts"
import { useQuery, useServices } from "../Query.ts"
import { href, setParams } from "../Router.ts"

export function FollowUpsPage() {
  const { lang } = useServices()
  const asOf = paramDate("asOf")
  const report = useQuery((call) => call((c) => c.caseload.followUps({ query: { asOf } })), [asOf])
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{format(lang, "followTitle")}</h1>
      <p class="intro">{format(lang, "followIntro")}</p>
      <Controls lang={lang} label={format(lang, "asOf")} onApply={(v) => setParams({ asOf: v["asOf"] ?? asOf })}>
        <DateField name="asOf" label={format(lang, "asOf")} value={asOf} />
      </Controls>
      {report.status === "loading" ? (
        <Loading lang={lang} />
      ) : report.status === "failed" ? (
        <ErrorNotice lang={lang} failure={report.failure} onRetry={report.retry} />
      ) : (
        <FollowUpsView lang={lang} report={report.value} />
      )}
    </section>
  )
}

function FollowUpsView(props: { readonly lang: Lang; readonly report: FollowUpReport }) {
  const { lang, report } = props
  return (
    <>
      <dl class="summary" data-testid="follow-up-counts">
        <dt>{format(lang, "followOverdue")}</dt>
        <dd data-field="overdue">
          <span class="badge badge-overdue">{F.number(report.overdue, lang)}</span>
        </dd>
        <dt>{format(lang, "followDue")}</dt>
        <dd data-field="due">
          <span class="badge badge-due">{F.number(report.due, lang)}</span>
        </dd>
      </dl>
      {report.items.length === 0 ? (
        <Empty lang={lang} />
      ) : (
        <table class="data" data-testid="follow-ups-table">
          <caption>{format(lang, "followTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{format(lang, "colCase")}</th>
              <th scope="col">{format(lang, "colPlacedOn")}</th>
              <th scope="col">{format(lang, "colMilestone")}</th>
              <th scope="col">{format(lang, "colDueOn")}</th>
              <th scope="col">{format(lang, "colStatus")}</th>
              <th scope="col" class="num">{format(lang, "colDays")}</th>
            </tr>
          </thead>
          <tbody>
            {report.items.map((f) => (
              <tr key={`${f.caseId}-${f.placementId}-${f.milestone}`} data-case={f.caseId} data-status={f.status}>
                <th scope="row">
                  <a href={href({ page: "case", id: f.caseId })}>{f.caseId}</a>
                </th>
                <td>{F.date(f.placedOn, lang)}</td>
                <td>{format(lang, "milestone", { n: f.milestone })}</td>
                <td>{F.date(f.dueDate, lang)}</td>
                <td>
                  <span class={`badge badge-${f.status}`}>{format(lang, f.status === "due" ? "statusDue" : "statusOverdue")}</span>
                </td>
                <td class="num">{F.number(f.daysPastDue, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
