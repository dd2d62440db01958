/**
 * A case (ケース): its current state, the timeline of events with actor and reason, the person's
 * consents and the disclosure log — and the personal data as the signed-in organisation may see
 * it: for a Hello Work login the service sends only the permitted categories and lists the rest as
 * withheld (非開示), which this page shows as withheld, never as empty.
 */
import type { ComponentChildren } from "preact"
import { useState } from "preact/hooks"
import type { CaseEvent, CaseSummary, CaseView, ConsentView, DisclosureItem, PersonView } from "../Api.ts"
import { Empty, ErrorNotice, Loading } from "../components/Status.tsx"
import * as F from "../i18n/Format.ts"
import { format, type Lang } from "../i18n/Messages.ts"
import { categoryName, consentStateName, eventName, organisationName, phaseName, reasonName, roleName, stageName } from "../i18n/Vocabulary.ts"
import { allows } from "../Api.ts"
import { type QueryState, useQuery, useServices } from "../Query.ts"
import { go, href } from "../Router.ts"

export function CasePage(props: { readonly id: string | undefined }) {
  const { lang, principal } = useServices()
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{props.id === undefined ? format(lang, "navCase") : format(lang, "caseTitle", { id: props.id })}</h1>
      <p class="intro">{format(lang, "caseIntro")}</p>
      <OpenCase lang={lang} id={props.id} />
      {props.id !== undefined ? <CaseDetail lang={lang} id={props.id} /> : allows(principal, "cases.list") ? <CaseList lang={lang} /> : null}
    </section>
  )
}

function OpenCase(props: { readonly lang: Lang; readonly id: string | undefined }) {
  const [value, setValue] = useState(props.id ?? "")
  const submit = (e: Event) => {
    e.preventDefault()
    if (value.trim() !== "") go({ page: "case", id: value.trim() })
  }
  return (
    <form class="controls" onSubmit={submit} aria-label={format(props.lang, "caseOpen")}>
      <div class="field">
        <label for="case-id">{format(props.lang, "caseIdLabel")}</label>
        <input id="case-id" name="case" value={value} autoComplete="off" onInput={(e) => setValue((e.target as HTMLInputElement).value)} />
      </div>
      <button type="submit">{format(props.lang, "caseOpen")}</button>
    </form>
  )
}

function Section<A>(props: { readonly lang: Lang; readonly title: string; readonly query: QueryState<A> & { readonly retry: () => void }; readonly children: (a: A) => ComponentChildren; readonly testId: string }) {
  const { lang, query } = props
  return (
    <section aria-label={props.title} data-testid={props.testId}>
      <h2>{props.title}</h2>
      {query.status === "loading" ? <Loading lang={lang} /> : query.status === "failed" ? <ErrorNotice lang={lang} failure={query.failure} onRetry={query.retry} /> : props.children(query.value)}
    </section>
  )
}

function CaseList(props: { readonly lang: Lang }) {
  const { lang } = props
  const cases = useQuery((call) => call((c) => c.cases.list({ query: { limit: 50 } })), [])
  return (
    <Section lang={lang} title={format(lang, "caseList")} query={cases} testId="case-list">
      {(page: { readonly items: ReadonlyArray<CaseSummary> }) =>
        page.items.length === 0 ? (
          <Empty lang={lang} />
        ) : (
          <table class="data">
            <caption>{format(lang, "caseList")}</caption>
            <thead>
              <tr>
                <th scope="col">{format(lang, "colCase")}</th>
                <th scope="col">{format(lang, "casePhase")}</th>
                <th scope="col">{format(lang, "caseStage")}</th>
                <th scope="col" class="num">{format(lang, "colDays")}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <a href={href({ page: "case", id: c.id })}>{c.id}</a>
                  </th>
                  <td>{phaseName(c.phase, lang)}</td>
                  <td>{c.stage === undefined ? "—" : stageName(c.stage, lang)}</td>
                  <td class="num">{c.daysInStage === undefined ? "—" : F.number(c.daysInStage, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </Section>
  )
}

function CaseDetail(props: { readonly lang: Lang; readonly id: string }) {
  const { lang, id } = props
  const view = useQuery((call) => call((c) => c.cases.get({ params: { id } })).then((r) => r.body), [id])
  if (view.status === "loading") return <Loading lang={lang} />
  if (view.status === "failed") return <ErrorNotice lang={lang} failure={view.failure} onRetry={view.retry} />
  return (
    <>
      <Summary lang={lang} view={view.value} />
      <Timeline lang={lang} id={id} />
      {view.value.state.subjectId !== undefined ? <PersonSections lang={lang} subjectId={view.value.state.subjectId} /> : null}
    </>
  )
}

function Summary(props: { readonly lang: Lang; readonly view: CaseView }) {
  const { lang, view } = props
  const s = view.state
  return (
    <section aria-label={format(lang, "caseSummary")}>
      <h2>{format(lang, "caseSummary")}</h2>
      <dl class="summary" data-testid="case-summary">
        <dt>{format(lang, "casePhase")}</dt>
        <dd data-field="phase">{phaseName(s.phase, lang)}</dd>
        <dt>{format(lang, "caseStage")}</dt>
        <dd data-field="stage">{s.stage === undefined ? "—" : stageName(s.stage, lang)}</dd>
        {view.stay !== undefined ? (
          <>
            <dt>{format(lang, "colSince")}</dt>
            <dd>
              {F.date(view.stay.since, lang)}（{format(lang, "days", { n: view.stay.days })}）
            </dd>
          </>
        ) : null}
        {s.openedAt !== undefined ? (
          <>
            <dt>{format(lang, "caseOpened")}</dt>
            <dd>{F.date(s.openedAt, lang)}</dd>
          </>
        ) : null}
      </dl>
    </section>
  )
}

const reasonOf = (e: CaseEvent["event"], lang: Lang): string => {
  switch (e._tag) {
    case "StageMoved":
      return `${stageName(e.from, lang)} → ${stageName(e.to, lang)}: ${reasonName(e.reason, lang)}`
    case "CaseReopened":
      return e.reason
    case "CaseClosed":
      return e.reason
    case "Referred":
      return e.destination
    case "ReferralOutcomeRecorded":
      return e.outcome
    case "SeparationRecorded":
      return e.reason
    case "WelfareExitRecorded":
      return e.reason
    case "Assessed":
      return stageName(e.startingStage, lang)
    case "Evaluated":
      return e.outcome
    case "FollowUpRecorded":
      return format(lang, "milestone", { n: e.milestone })
    default:
      return ""
  }
}

function Timeline(props: { readonly lang: Lang; readonly id: string }) {
  const { lang, id } = props
  const events = useQuery((call) => call((c) => c.cases.events({ params: { id }, query: { limit: 200 } })), [id])
  return (
    <Section lang={lang} title={format(lang, "caseTimeline")} query={events} testId="case-timeline">
      {(page: { readonly items: ReadonlyArray<CaseEvent> }) => (
        <table class="data">
          <caption>{format(lang, "caseTimeline")}</caption>
          <thead>
            <tr>
              <th scope="col">{format(lang, "colWhen")}</th>
              <th scope="col">{format(lang, "colEvent")}</th>
              <th scope="col">{format(lang, "colActor")}</th>
              <th scope="col">{format(lang, "colReason")}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((stored) => {
              const e = stored.event
              return (
                <tr key={stored.version} data-event={e._tag}>
                  <td>{F.date(e.occurredAt, lang)}</td>
                  <th scope="row">{eventName(e._tag, lang)}</th>
                  <td>
                    {organisationName(e.actor.organisation, lang)} · {roleName(e.actor.role, lang)}
                    {e.actor.name !== undefined ? ` · ${e.actor.name}` : ""}
                  </td>
                  <td>{reasonOf(e, lang)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </Section>
  )
}

function PersonSections(props: { readonly lang: Lang; readonly subjectId: string }) {
  const { lang, subjectId } = props
  const { principal } = useServices()
  const person = useQuery((call) => call((c) => c.persons.get({ params: { id: subjectId }, query: {} })), [subjectId])
  return (
    <>
      <Section lang={lang} title={format(lang, "personData")} query={person} testId="person-data">
        {(p: PersonView) => <PersonData lang={lang} person={p} />}
      </Section>
      {/* The consent ledger and the disclosure log are the data controller's: shown only to those who may read them. */}
      {allows(principal, "persons.consents") && allows(principal, "disclosures.list") ? <ControllerSections lang={lang} subjectId={subjectId} /> : null}
    </>
  )
}

function ControllerSections(props: { readonly lang: Lang; readonly subjectId: string }) {
  const { lang, subjectId } = props
  const consents = useQuery((call) => call((c) => c.persons.consents({ params: { id: subjectId }, query: {} })), [subjectId])
  const disclosures = useQuery((call) => call((c) => c.disclosures.list({ query: { subject: subjectId } })), [subjectId])
  return (
    <>
      <Section lang={lang} title={format(lang, "consents")} query={consents} testId="consents">
        {(page: { readonly items: ReadonlyArray<ConsentView> }) =>
          page.items.length === 0 ? (
            <Empty lang={lang} />
          ) : (
            <table class="data">
              <caption>{format(lang, "consents")}</caption>
              <thead>
                <tr>
                  <th scope="col">{format(lang, "colPurpose")}</th>
                  <th scope="col">{format(lang, "colRecipient")}</th>
                  <th scope="col">{format(lang, "colCategories")}</th>
                  <th scope="col">{format(lang, "colState")}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((c) => (
                  <tr key={c.record.recordId} data-consent-state={c.state}>
                    <th scope="row">{c.record.purposes.join(", ")}</th>
                    <td>{c.record.recipients.map((r) => r.id ?? r.class).join(", ")}</td>
                    <td>{c.record.dataCategories.map((d) => categoryName(d.code, lang)).join("、")}</td>
                    <td>{consentStateName(c.state, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Section>
      <Section lang={lang} title={format(lang, "disclosures")} query={disclosures} testId="disclosures">
        {(page: { readonly items: ReadonlyArray<DisclosureItem> }) =>
          page.items.length === 0 ? (
            <Empty lang={lang} />
          ) : (
            <table class="data">
              <caption>{format(lang, "disclosures")}</caption>
              <thead>
                <tr>
                  <th scope="col">{format(lang, "colWhen")}</th>
                  <th scope="col">{format(lang, "colDisclosedTo")}</th>
                  <th scope="col">{format(lang, "colCategories")}</th>
                  <th scope="col">{format(lang, "colBasis")}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((d) => (
                  <tr key={d.disclosureId}>
                    <td>{F.instantDate(d.date, lang)}</td>
                    <th scope="row">{d.recipient.id ?? d.recipient.class}</th>
                    <td>{[...new Set(d.dataItems.map((i) => i.category))].map((c) => categoryName(c, lang)).join("、")}</td>
                    <td>{d.basis._tag === "law" ? d.basis.statute : d.basis._tag}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Section>
    </>
  )
}

const valueText = (v: unknown): string =>
  typeof v === "string" ? v : Array.isArray(v) && v.every((x) => typeof x === "string") ? v.join("、") : typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)

function PersonData(props: { readonly lang: Lang; readonly person: PersonView }) {
  const { lang, person } = props
  const rows = [
    ...Object.entries(person.data).map(([category, items]) => ({ category, withheld: false, text: Object.entries(items).map(([k, v]) => `${k}: ${valueText(v)}`).join("; ") })),
    ...person.withheld.map((category) => ({ category, withheld: true, text: "" }))
  ]
  return (
    <>
      {person.withheld.length > 0 ? <p class="notice notice-info">{format(lang, "withheldNote")}</p> : null}
      <table class="data" data-view={person.view}>
        <caption>{format(lang, "personData")}</caption>
        <thead>
          <tr>
            <th scope="col">{format(lang, "colCategory")}</th>
            <th scope="col">{format(lang, "colValue")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.category} data-category={r.category} data-withheld={r.withheld ? "true" : "false"}>
              <th scope="row">{categoryName(r.category, lang)}</th>
              <td>{r.withheld ? <span class="badge badge-withheld">{format(lang, "withheld")}</span> : r.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
