// One person at Yokohama's integrated desk in FY2013 (平成25年度), through every algebra of the core:
// the catalogue's eligibility rule → the written consent (同意書) → the case (intake … referral to
// Hello Work, placement) → the disclosure log → follow-ups due → counted in the site's metrics.
import { Catalogue, Programme } from "@jiritsu/catalog"
import { Case, Consent, Disclosure, Metric, Period, Verdict } from "@jiritsu/core"

type Outcome<A, E> = { readonly _tag: "Success"; readonly success: A } | { readonly _tag: "Failure"; readonly failure: E }

const orThrow = <A, E extends { readonly message: string }>(step: string, r: Outcome<A, E>): A => {
  if (r._tag === "Failure") throw new Error(`${step}: ${r.failure.message}`)
  return r.success
}

const d = Period.unsafeDate
const at = Period.unsafeInstant

const caseworker: Case.Actor = { organisation: "municipality", role: "caseworker" }
const specialist: Case.Actor = { organisation: "municipality", role: "employment_support_worker", title: "就労支援専門員" }
const navigator: Case.Actor = { organisation: "hello_work", role: "hw_navigator" }

/** What happened at the desk, as plain data a test can check and a console can print. */
export interface DeskReport {
  readonly eligibility: Verdict.Verdict
  readonly consentBeforeSigning: Consent.Decision
  readonly consentAfterSigning: Consent.Decision
  readonly employerWithoutItsOwnConsent: Consent.Decision
  readonly refusedReferral: string
  readonly caseState: Case.CaseState
  readonly events: ReadonlyArray<Case.Event>
  readonly disclosures: Disclosure.DisclosureLog
  readonly chainVerified: boolean
  readonly followUps: ReadonlyArray<Case.ScheduledFollowUp>
  /** What this case counts for in the site's business-plan figures (事業計画の実績). */
  readonly counted: ReadonlyArray<{ readonly metric: string; readonly label: string; readonly value: number | undefined }>
  readonly asOf: Period.LocalDate
}

const subjectRef = "yk-tsurumi-0412" // pseudonymous: the core never needs a name
const controller = { id: "yokohama-tsurumi-wo", name: "横浜市鶴見区福祉保健センター" }

export const runDesk = (): DeskReport => {
  // 1. Is she in scope of Yokohama's Job Spot (ジョブスポット) on the day the desk opened?
  const eligibility = orThrow(
    "eligibility",
    Catalogue.evaluate(Catalogue.catalogue, {
      programme: "yokohama.job_spot",
      asOf: "2013-04-15",
      facts: { ward: "tsurumi", target_groups: ["welfare_recipient"], needs_employment_support: true, consents_to_participate: true }
    })
  )

  // 2. The consent form (同意書) before any personal data reaches Hello Work.
  const referral: Consent.Request = {
    subjectRef,
    purpose: "employment-support-referral",
    recipient: { class: "hello-work", id: "hw-yokohama-tsurumi" },
    dataCategories: ["identity", "employment-history", "welfare-status"],
    action: "share",
    at: at("2013-04-22T01:00:00Z")
  }
  const consentBeforeSigning = Consent.decide(Consent.empty(), referral)

  const record = Programme.draftRecord(Programme.helloWorkReferralConsent, {
    recordId: "c-2013-0412",
    subjectRef,
    controller,
    validFrom: Consent.jstStartOfDay(d("2013-04-22")),
    validUntil: Consent.jstStartOfDay(d("2014-04-01")),
    evidence: { ref: "scan://2013/c-0412.pdf", sha256: "5e".repeat(32), recordedBy: "cw-tsurumi-07" },
    noticeVersion: "2013.1"
  })
  const signed = (eventId: string, kind: Consent.EventKind, when: string): Consent.LedgerEntry => ({
    _tag: "EventAppended",
    event: { eventId, recordId: record.recordId, kind, effectiveAt: at(when), recordedAt: at(when), actor: { _tag: "subject" }, method: "paper-signed" }
  })
  const ledger = orThrow(
    "consent ledger",
    Consent.fromEntries([{ _tag: "RecordAdded", record }, signed("ce-1", "requested", "2013-04-22T00:30:00Z"), signed("ce-2", "given", "2013-04-22T00:40:00Z")])
  )
  const consentAfterSigning = Consent.decide(ledger, referral)
  // Telling an employer about welfare status is a separate choice (開示/非開示): not covered.
  const employerWithoutItsOwnConsent = Consent.decide(ledger, {
    ...referral,
    purpose: "employer-disclosure",
    recipient: { class: "prospective-employer", id: "emp-tsurumi-logistics" },
    dataCategories: ["welfare-status"]
  })

  // 3. The case: intake → assessment → plan → coordination meeting → support decision → delivery.
  const script: ReadonlyArray<Case.Command> = [
    { _tag: "OpenCase", occurredAt: d("2013-04-15"), actor: caseworker, caseId: "tsurumi-2013-0412", subjectId: subjectRef, publicAssistance: true, route: "caseworker" },
    { _tag: "Assess", occurredAt: d("2013-04-18"), actor: specialist, startingStage: "intermediate_work_unpaid", summary: "職歴あり、ブランク2年" },
    { _tag: "DraftPlan", occurredAt: d("2013-04-19"), actor: specialist, planId: "plan-1", goals: ["倉庫・物流で週30時間の就労"] },
    { _tag: "HoldCoordinationMeeting", occurredAt: d("2013-04-22"), actor: caseworker, planId: "plan-1", outcome: "approved", participants: ["municipality", "hello_work"] },
    { _tag: "DecideSupport", occurredAt: d("2013-04-22"), actor: caseworker, planId: "plan-1", services: ["hello_work_referral"], authorisedStages: [] },
    { _tag: "StartDelivery", occurredAt: d("2013-04-23"), actor: specialist },
    { _tag: "MoveStage", occurredAt: d("2013-04-23"), actor: specialist, to: "employment", reason: "ready_for_job_search" }
  ]
  let state = Case.initial
  const events: Array<Case.Event> = []
  const run = (command: Case.Command): void => {
    const handled = orThrow(command._tag, Case.handle(state, command))
    state = handled.state
    events.push(...handled.events)
  }
  script.forEach(run)

  // Without a permitting consent decision the referral to Hello Work is refused — and changes nothing.
  const refer = { _tag: "Refer", occurredAt: d("2013-04-24"), actor: specialist, referralId: "hw-1", destination: "hello_work", channel: "desk" } as const
  const refused = Case.decide(state, { ...refer, consent: consentBeforeSigning })
  const refusedReferral = refused._tag === "Failure" ? `${refused.failure._tag}: ${refused.failure.messageJa}` : "accepted?!"
  run({ ...refer, consent: consentAfterSigning })

  // 4. The data actually given to Hello Work, on that decision, logged in the hash chain.
  const disclosed = orThrow(
    "disclosure",
    Disclosure.disclose(ledger, Disclosure.emptyLog, { ...referral, at: at("2013-04-24T01:00:00Z") }, {
      disclosureId: "d-2013-0001",
      dataItems: [
        { category: "identity", item: "氏名・生年月日・連絡先" },
        { category: "employment-history", item: "職歴（直近3件）" },
        { category: "welfare-status", item: "生活保護受給中" }
      ]
    })
  )

  // 5. Hello Work places her (not disclosed to the employer); follow-ups at 1, 3, 6, 12 months.
  run({ _tag: "RecordReferralOutcome", occurredAt: d("2013-06-03"), actor: navigator, referralId: "hw-1", outcome: "placed" })
  run({ _tag: "RecordPlacement", occurredAt: d("2013-06-10"), actor: navigator, placementId: "pl-1", employer: "emp-tsurumi-logistics", startDate: d("2013-06-10"), hoursPerWeek: 30, disclosure: "not_disclosed", referralId: "hw-1" })
  run({ _tag: "RecordFollowUp", occurredAt: d("2013-07-10"), actor: specialist, placementId: "pl-1", milestone: 1, contact: "person", stillEmployed: true })

  const asOf = d("2013-09-20")

  // 6. The case's events feed the site's metrics (a monoid: combine with every other case's tally).
  const metricEvents = orThrow("metrics", Case.toMetricEvents(events, { site: "yokohama_job_spot_tsurumi", targetGroups: ["welfare_recipient"] }))
  const tally = Metric.foldMap(metricEvents)
  const counted = ["new_consultations", "plans_made", "employment_support_clients", "placements", "placement_rate"].map((metric) => {
    const result = orThrow(metric, Metric.evaluate(tally, { metric }))
    const label = Metric.builtinMetrics.find((m) => m.id === metric)?.label.ja ?? metric
    return { metric, label, value: Metric.numberOf(result.value) }
  })

  return {
    eligibility,
    consentBeforeSigning,
    consentAfterSigning,
    employerWithoutItsOwnConsent,
    refusedReferral,
    caseState: state,
    events,
    disclosures: disclosed.log,
    chainVerified: Disclosure.verify(disclosed.log)._tag === "Success",
    followUps: Case.followUpSchedule(state, asOf),
    counted,
    asOf
  }
}

const decisionText = (decision: Consent.Decision): string =>
  decision._tag === "Permit"
    ? `提供可 Permit (${decision.basis._tag}: ${decision.recordIds.join(", ")})`
    : decision._tag === "Deny"
      ? `提供不可 Deny (${decision.reason})`
      : "根拠なし NoBasis"

export const formatDesk = (r: DeskReport): string =>
  [
    `\n━━ 一体的実施の窓口 — 横浜市鶴見区 ${Period.fiscalYearLabel(Period.fiscalYearOf(r.asOf))}（FY${Period.fiscalYearOf(r.asOf)}）━━`,
    "",
    "1. 対象者の確認 (eligibility)",
    Verdict.render(r.eligibility, "ja"),
    "",
    "2. 同意書 (consent before data reaches Hello Work)",
    `   署名前: ${decisionText(r.consentBeforeSigning)}`,
    `   署名後: ${decisionText(r.consentAfterSigning)}`,
    `   事業主への開示（別の同意が必要）: ${decisionText(r.employerWithoutItsOwnConsent)}`,
    "",
    "3. ケース (event-sourced case)",
    `   同意なしのハローワークへのつなぎ: ${r.refusedReferral}`,
    ...r.events.map((e) => `   ${e.occurredAt}  ${e._tag}`),
    `   現在の段階: ${r.caseState.stage}（${Period.formatEra(r.asOf)}時点）`,
    "",
    "4. 提供記録 (disclosure log, hash-chained)",
    ...r.disclosures.entries.map((e) => `   ${e.disclosureId} → ${e.recipient.class}:${e.recipient.id ?? "*"}  ${e.dataItems.map((i) => i.item).join(" / ")}  [${e.basis._tag}]`),
    `   チェーン検証: ${r.chainVerified ? "OK" : "改ざんあり"}`,
    "",
    `5. 定着支援 (follow-ups as of ${r.asOf})`,
    ...r.followUps.map((f) => `   ${f.milestone}か月  ${f.dueDate}  ${f.status}`),
    "",
    "6. 実績への計上 (counted in the site's metrics)",
    ...r.counted.map((c) => `   ${c.label} (${c.metric}): ${c.value === undefined ? "—（定義されない）" : c.metric.endsWith("_rate") ? `${(c.value * 100).toFixed(1)} %` : c.value}`)
  ].join("\n")
