/**
 * Demo (デモデータ) — a Shinagawa-like municipality (品川区, demo) generated from a seed, relative to
 * a date: a few hundred people with personal data in every category, consent records in every
 * state (given, requested, deferred, refused, withdrawn, revoked, expired, invalidated, entered in
 * error, and none at all), cases in every phase and every stage (decided by the core, so every one
 * is a case the rules allow), referrals to Hello Work only where a consent permits them,
 * placements with follow-ups done, due and overdue, separations and welfare exits, the disclosures
 * made to Hello Work, and the current fiscal year's business plan re-dated from the catalogue's
 * Shinagawa FY2013 plan. A second, small municipality (釧路市) shows tenant isolation.
 *
 * {@link generate} is pure (the same seed and date give the same data); {@link seed} writes it
 * through any `Store`.
 *
 * @since 0.1.0
 * @module
 */
import { Catalogue, Municipal } from "@jiritsu/catalog"
import { Case, Consent, Metric, Period, Programme, Target } from "@jiritsu/core"
import { Effect, Result } from "effect"
import type { TokenEntry } from "./Authentication.ts"
import type * as Contract from "./Contract.ts"
import * as Enforcement from "./Enforcement.ts"
import type { Principal } from "./Principal.ts"
import type { Site } from "./Site.ts"
import { Store } from "./Store.ts"

/**
 * The demo's main municipality: 品川区 (131091). @category sites @since 0.1.0
 * @example
 * ```ts
 * Demo.SHINAGAWA // "131091": the tenant of every demo token but one
 * ```
 */
export const SHINAGAWA = "131091" as Site["tenant"]
/**
 * The demo's second municipality: 釧路市 (012068). @category sites @since 0.1.0
 * @example
 * ```ts
 * const kushiroCases = (data: Demo.DemoData) => data.cases.filter((c) => c.tenant === Demo.KUSHIRO) // never visible to a Shinagawa token
 * ```
 */
export const KUSHIRO = "012068" as Site["tenant"]

/**
 * The demo sites. @category sites @since 0.1.0
 * @example
 * ```ts
 * Demo.sites.map((s) => s.name.en) // ["Shinagawa (demo)", "Kushiro (demo)"]
 * ```
 */
export const sites: ReadonlyArray<Site> = [
  {
    tenant: SHINAGAWA,
    name: { ja: "品川区（デモ）", en: "Shinagawa (demo)" },
    population: 404_000,
    metricSite: Municipal.SHINAGAWA_SITE,
    helloWorkOffice: "hw-shinagawa",
    controller: { id: "shinagawa-welfare-office", name: "品川区福祉事務所（デモ）" }
  },
  {
    tenant: KUSHIRO,
    name: { ja: "釧路市（デモ）", en: "Kushiro (demo)" },
    population: 160_000,
    metricSite: "kushiro_hw_desk",
    helloWorkOffice: "hw-kushiro",
    controller: { id: "kushiro-welfare-office", name: "釧路市福祉事務所（デモ）" }
  }
]

const principal = (id: string, name: string, kind: Principal["organisation"]["kind"], org: string, tenant: Site["tenant"], roles: Principal["roles"], title?: string): Principal => ({
  id,
  name,
  ...(title === undefined ? {} : { title }),
  organisation: { kind, id: org },
  tenant,
  roles
})

/**
 * The demo tokens, one per role (and one of the second municipality). Well known on purpose: the
 * service listens on 127.0.0.1 unless told otherwise.
 * @category tokens
 * @since 0.1.0
 * @example
 * ```ts
 * for (const t of Demo.tokens) console.log(`${t.label}: ${t.token}`) // "caseworker (ケースワーカー): demo-shinagawa-caseworker", …
 * ```
 */
export const tokens: ReadonlyArray<TokenEntry> = [
  { label: "caseworker (ケースワーカー)", token: "demo-shinagawa-caseworker", principal: principal("cw-shinagawa-01", "品川 一郎", "municipality", "shinagawa-welfare-office", SHINAGAWA, ["caseworker"]) },
  {
    label: "employment support worker (就労支援員)",
    token: "demo-shinagawa-support-worker",
    principal: principal("esw-shinagawa-01", "大井 花子", "municipality", "shinagawa-welfare-office", SHINAGAWA, ["employment_support_worker"], "就労支援相談員")
  },
  { label: "Hello Work navigator (就職支援ナビゲーター)", token: "demo-hellowork-navigator", principal: principal("hw-nav-01", "五反田 健", "hello_work", "hw-shinagawa", SHINAGAWA, ["hw_navigator"]) },
  { label: "supervisor (査察指導員)", token: "demo-shinagawa-supervisor", principal: principal("sv-shinagawa-01", "戸越 真理", "municipality", "shinagawa-welfare-office", SHINAGAWA, ["supervisor"]) },
  { label: "researcher (研究者)", token: "demo-shinagawa-researcher", principal: principal("rs-01", "荏原 研", "municipality", "shinagawa-welfare-office", SHINAGAWA, ["researcher"]) },
  { label: "admin (システム管理者)", token: "demo-shinagawa-admin", principal: principal("admin-01", "管理者", "municipality", "shinagawa-welfare-office", SHINAGAWA, ["admin"]) },
  { label: "Kushiro caseworker (another municipality)", token: "demo-kushiro-caseworker", principal: principal("cw-kushiro-01", "釧路 太郎", "municipality", "kushiro-welfare-office", KUSHIRO, ["caseworker"]) }
]

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

/** mulberry32: small, fast, good enough for demo data; the same seed gives the same stream. */
const rng = (seed: number) => {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
    pick: <A>(items: ReadonlyArray<A>): A => items[Math.floor(next() * items.length)]!,
    chance: (p: number): boolean => next() < p,
    weighted: <A extends string>(weights: Readonly<Record<A, number>>): A => {
      const entries = Object.entries(weights) as Array<[A, number]>
      let r = next() * entries.reduce((s, [, w]) => s + w, 0)
      for (const [k, w] of entries) if ((r -= w) < 0) return k
      return entries[entries.length - 1]![0]
    }
  }
}
type Rng = ReturnType<typeof rng>

const familyNames = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "清水", "森"]
const givenNames = ["翔太", "美咲", "健一", "由美", "大輔", "陽子", "拓也", "恵", "誠", "直子", "浩二", "愛", "隆", "真由美", "亮", "香織", "修", "智子", "悟", "明美"]
const towns = ["北品川", "南品川", "東品川", "西品川", "大崎", "五反田", "大井", "西大井", "戸越", "中延", "荏原", "旗の台", "小山", "二葉", "八潮"]
const jobs = ["倉庫作業", "飲食店ホール", "清掃", "介護補助", "警備", "事務補助", "配送", "製造ライン", "小売販売", "調理補助"]
const skills = ["普通自動車免許", "フォークリフト", "介護職員初任者研修", "日商簿記3級", "パソコン基礎", "調理師", "なし"]

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

/**
 * What {@link generate} makes. @category model @since 0.1.0
 * @example
 * ```ts
 * const referred = (data: Demo.DemoData) => data.disclosures.map((d) => d.decision.request.subjectRef) // the people Hello Work received data on
 * ```
 */
export interface DemoData {
  readonly persons: ReadonlyArray<{ readonly tenant: Site["tenant"]; readonly person: Contract.Person }>
  readonly consents: ReadonlyArray<{ readonly tenant: Site["tenant"]; readonly subjectRef: string; readonly entries: ReadonlyArray<Consent.LedgerEntry> }>
  readonly cases: ReadonlyArray<{ readonly tenant: Site["tenant"]; readonly id: string; readonly events: ReadonlyArray<Case.Event> }>
  readonly disclosures: ReadonlyArray<{ readonly tenant: Site["tenant"]; readonly decision: Consent.Permit; readonly disclosureId: string; readonly dataItems: ReadonlyArray<{ readonly category: Consent.RequestedCategory; readonly item: string }> }>
  readonly plans: ReadonlyArray<{ readonly tenant: Site["tenant"]; readonly plan: Target.Plan }>
}

/**
 * Options of {@link generate}. @category model @since 0.1.0
 * @example
 * ```ts
 * const options: Demo.Options = { today: Period.unsafeDate("2024-09-30"), seed: 7, people: 50 }
 * ```
 */
export interface Options {
  /** The seed (default 2013). */
  readonly seed?: number
  /** The day the demo is "today" (its latest event is on or before it). */
  readonly today: Period.LocalDate
  /** People in Shinagawa (default 220); Kushiro gets a tenth. */
  readonly people?: number
}

const consentStates = {
  Given: 46,
  None: 6,
  Requested: 8,
  Deferred: 5,
  Refused: 7,
  Withdrawn: 8,
  Revoked: 5,
  Expired: 7,
  Invalidated: 4,
  EnteredInError: 4
} as const
type ConsentTarget = keyof typeof consentStates

const staff = (id: string): Consent.Actor => ({ _tag: "staff", staffId: id })

const personData = (r: Rng, publicAssistance: boolean, birthDate: Period.LocalDate): Contract.PersonalData => {
  const household = r.int(1, 4)
  const data: Record<string, Contract.PersonalData[string]> = {
    identity: { name: `${r.pick(familyNames)} ${r.pick(givenNames)}`, birthDate },
    contact: { phone: `03-${r.int(3000, 7999)}-${String(r.int(0, 9999)).padStart(4, "0")}`, address: `東京都品川区${r.pick(towns)}${r.int(1, 6)}-${r.int(1, 30)}` },
    household: { size: household, members: Array.from({ length: household - 1 }, () => ({ relation: r.pick(["子", "配偶者", "親"]), age: r.int(1, 80) })) },
    income: { monthly: publicAssistance ? r.int(0, 60) * 1000 : r.int(60, 180) * 1000, assets: r.int(0, 30) * 10000 },
    "employment-history": { last: r.pick(jobs), years: r.int(0, 20), monthsOutOfWork: r.int(1, 60) },
    skills: { licences: [r.pick(skills)] },
    "welfare-status": { publicAssistance, ...(publicAssistance ? { since: Period.addDays(birthDate, r.int(20 * 365, 40 * 365)) } : {}) }
  }
  if (r.chance(0.2)) data["health"] = { condition: r.pick(["腰痛", "うつ症状（通院中）", "糖尿病", "睡眠障害"]) }
  if (r.chance(0.1)) data["disability"] = { certificate: r.pick(["精神障害者保健福祉手帳2級", "療育手帳B2", "身体障害者手帳4級"]) }
  return data as Contract.PersonalData
}

const instantOf = (date: Period.LocalDate, hourJst: number, minute = 0): Period.Instant =>
  new Date(Date.parse(`${date}T00:00:00+09:00`) + hourJst * 3_600_000 + minute * 60_000).toISOString() as Period.Instant

/** The consent entries of one person, aiming at a state; dates from `from`, never after `today`. */
const consentEntries = (r: Rng, target: ConsentTarget, subjectRef: string, recordId: string, site: Site, from: Period.LocalDate, today: Period.LocalDate): ReadonlyArray<Consent.LedgerEntry> => {
  if (target === "None") return []
  const programme = Catalogue.get(Catalogue.catalogue, "shinagawa.welfare_support")!
  const referral = programme.consent.find((t) => t.id === "hw_referral")!
  const expiredNow = target === "Expired"
  const validFrom = Consent.jstStartOfDay(from)
  const validUntil = expiredNow ? Consent.jstStartOfDay(Period.minDate(Period.addDays(from, r.int(40, 200)), Period.addDays(today, -1))) : Consent.jstStartOfDay(Period.addDays(today, r.int(120, 540)))
  const record = Programme.draftRecord(referral, {
    recordId,
    subjectRef,
    controller: site.controller,
    validFrom,
    validUntil,
    evidence: { ref: `scan://consent/${recordId}.pdf`, sha256: (recordId.charCodeAt(recordId.length - 1).toString(16).padStart(2, "0")).repeat(32), recordedBy: "cw-shinagawa-01" },
    noticeVersion: "2024.1"
  })
  const entries: Array<Consent.LedgerEntry> = [{ _tag: "RecordAdded", record }]
  let step = 0
  const event = (kind: Consent.EventKind, date: Period.LocalDate, actor: Consent.Actor, extra: Partial<Consent.ConsentEvent> = {}) => {
    const at = instantOf(date, 10, step++)
    entries.push({ _tag: "EventAppended", event: { eventId: `${recordId}-e${step}`, recordId, kind, effectiveAt: at, recordedAt: at, actor, method: actor._tag === "staff" ? "counter" : "paper-signed", ...extra } })
  }
  event("requested", from, staff("cw-shinagawa-01"))
  if (target === "Requested") return entries
  if (target === "Deferred") return (event("deferred", from, { _tag: "subject" }), entries)
  if (target === "Refused") return (event("refused", from, { _tag: "subject" }), entries)
  event("given", from, { _tag: "subject" })
  const later = (days: number) => Period.minDate(Period.addDays(from, days), today)
  switch (target) {
    case "Withdrawn":
      event("withdrawn", later(r.int(20, 120)), { _tag: "subject" }, { reason: "本人の申出" })
      break
    case "Revoked":
      event("revoked", later(r.int(20, 120)), staff("sv-shinagawa-01"), { reason: "事業終了に伴う取消" })
      break
    case "Invalidated":
      event("invalidated", later(r.int(5, 60)), staff("sv-shinagawa-01"), { reason: "署名者の確認不備（本人以外の署名）" })
      break
    case "EnteredInError":
      event("entered-in-error", later(r.int(1, 10)), staff("cw-shinagawa-01"), { reason: "別人の記録として誤登録" })
      break
    case "Given":
      if (r.chance(0.3)) event("reaffirmed", later(r.int(60, 300)), { _tag: "subject" })
      break
    default:
      break
  }
  return entries
}

const caseworker: Case.Actor = { organisation: "municipality", role: "caseworker" }
const supportWorker: Case.Actor = { organisation: "municipality", role: "employment_support_worker", title: "就労支援相談員" }
const navigator: Case.Actor = { organisation: "hello_work", role: "hw_navigator" }

// The next forward move from each stage of the Kushiro graph (with its reason code); from social
// life and unpaid intermediate work some people go straight to work.
const forward = (r: Rng, stage: string | undefined): { readonly to: string; readonly reason: string } | undefined => {
  switch (stage) {
    case "daily_living":
      return { to: "social_life", reason: "daily_routine_established" }
    case "social_life":
      return r.chance(0.2) ? { to: "employment", reason: "ready_now" } : { to: "intermediate_work_unpaid", reason: "ready_for_work_experience" }
    case "intermediate_work_unpaid":
      return r.chance(0.5) ? { to: "employment", reason: "ready_for_job_search" } : { to: "intermediate_work_paid", reason: "ready_for_paid_training" }
    case "intermediate_work_paid":
      return { to: "employment", reason: "job_offer" }
    default:
      return undefined
  }
}

/** Runs a case script through the core: each accepted command's events, up to the first refusal or `today`. */
const caseEvents = (
  r: Rng,
  id: string,
  subjectId: string,
  publicAssistance: boolean,
  birthDate: Period.LocalDate,
  opened: Period.LocalDate,
  today: Period.LocalDate,
  ledger: Consent.Ledger,
  site: Site,
  dueFollowUp: boolean
) => {
  let state = Case.initial
  let date = opened
  const events: Array<Case.Event> = []
  const depth = dueFollowUp ? "delivery" : r.weighted({ intake: 5, assessed: 6, planned: 5, coordinated: 4, decided: 5, delivery: 40, evaluated: 5, closed: 10 })
  const run = (command: Case.Command): boolean => {
    if (command.occurredAt > today) return false
    const context = Enforcement.commandContext(command as Contract.CaseCommand, ledger, subjectId, instantOf(command.occurredAt, 11), site.helloWorkOffice)
    const handled = Case.handle(state, command, context)
    if (Result.isFailure(handled)) return false
    state = handled.success.state
    events.push(...handled.success.events)
    date = command.occurredAt
    return true
  }
  const after = (min: number, max: number) => Period.addDays(date, r.int(min, max))
  if (!run({ _tag: "OpenCase", occurredAt: opened, actor: caseworker, caseId: id, subjectId, publicAssistance, birthDate, route: r.pick(["walk_in", "caseworker", "hello_work", "outreach"] as const) })) return { events, state }
  if (r.chance(0.08)) run({ _tag: "ProvideEmergencySupport", occurredAt: after(0, 3), actor: caseworker, kind: r.pick(["food", "housing", "cash_loan"] as const) })
  if (depth === "intake") return { events, state }
  const start = dueFollowUp ? "employment" : r.weighted({ daily_living: 3, social_life: 4, intermediate_work_unpaid: 2, employment: 2 })
  if (!run({ _tag: "Assess", occurredAt: after(2, 10), actor: supportWorker, startingStage: start, summary: "初回面談" })) return { events, state }
  if (depth === "assessed") return { events, state }
  if (!run({ _tag: "DraftPlan", occurredAt: after(3, 14), actor: supportWorker, planId: "plan-1", goals: ["生活リズムの安定", "週20時間以上の就労"] })) return { events, state }
  if (depth === "planned") return { events, state }
  if (!run({ _tag: "HoldCoordinationMeeting", occurredAt: after(1, 10), actor: caseworker, planId: "plan-1", outcome: "approved", participants: ["municipality", "hello_work"] })) return { events, state }
  if (depth === "coordinated") return { events, state }
  if (!run({ _tag: "DecideSupport", occurredAt: after(0, 5), actor: caseworker, planId: "plan-1", services: ["employment_support", "hello_work_referral"], authorisedStages: ["intermediate_work_paid"] })) return { events, state }
  if (depth === "decided") return { events, state }
  if (!run({ _tag: "StartDelivery", occurredAt: after(0, 7), actor: supportWorker })) return { events, state }
  // Move forward along the graph a random number of steps.
  const steps = r.int(0, 4)
  for (let i = 0; i < steps; i++) {
    const next = forward(r, state.stage)
    if (next === undefined || !run({ _tag: "MoveStage", occurredAt: after(20, 90), actor: supportWorker, to: next.to, reason: next.reason })) break
  }
  if (!dueFollowUp && r.chance(0.3)) run({ _tag: "RecordMonitoring", occurredAt: after(10, 40), actor: supportWorker, note: "定期面談" })
  if (state.stage === "employment" || (state.stage === "intermediate_work_paid" && r.chance(0.5))) {
    const referred = run({ _tag: "Refer", occurredAt: after(1, 20), actor: supportWorker, referralId: "hw-1", destination: "hello_work", channel: "desk" })
    if (!referred) run({ _tag: "Refer", occurredAt: after(1, 20), actor: supportWorker, referralId: "ready-1", destination: "employment_readiness" })
    if (referred && (dueFollowUp || r.chance(0.7))) {
      const placedOn = dueFollowUp ? withDueFollowUp(today, r) : after(14, 90)
      if (run({ _tag: "RecordReferralOutcome", occurredAt: placedOn, actor: navigator, referralId: "hw-1", outcome: "placed" })) {
        run({ _tag: "RecordPlacement", occurredAt: placedOn, actor: navigator, placementId: "pl-1", employer: `emp-${r.int(1, 40)}`, startDate: placedOn, hoursPerWeek: r.pick([20, 30, 40]), disclosure: "not_disclosed", referralId: "hw-1" })
        for (const milestone of Case.followUpMilestones) {
          const due = Period.addMonths(placedOn, milestone)
          // Some follow-ups are left undone on purpose: they show as due or overdue.
          if (due > today || dueFollowUp || r.chance(0.25)) break
          run({ _tag: "RecordFollowUp", occurredAt: due, actor: supportWorker, placementId: "pl-1", milestone, contact: "person", stillEmployed: true })
        }
        if (r.chance(0.12)) run({ _tag: "RecordSeparation", occurredAt: after(30, 120), actor: supportWorker, placementId: "pl-1", reason: r.pick(["resigned", "contract_ended"] as const), returnTo: { stage: "intermediate_work_unpaid", reason: "separated" } })
        else if (publicAssistance && r.chance(0.5)) run({ _tag: "RecordWelfareExit", occurredAt: after(30, 90), actor: caseworker, reason: "employment_income", placementId: "pl-1" })
      }
    } else if (referred && r.chance(0.5)) {
      run({ _tag: "RecordReferralOutcome", occurredAt: after(30, 90), actor: navigator, referralId: "hw-1", outcome: "not_placed", returnTo: { stage: "intermediate_work_unpaid", reason: "job_search_failed" } })
    }
  }
  if (depth === "evaluated") run({ _tag: "Evaluate", occurredAt: after(10, 60), actor: supportWorker, outcome: "continue", note: "プランを見直して継続" })
  if (depth === "closed") {
    if (run({ _tag: "Evaluate", occurredAt: after(10, 60), actor: supportWorker, outcome: "close", note: "目標達成" })) run({ _tag: "CloseCase", occurredAt: after(0, 10), actor: caseworker, reason: "evaluated" })
  }
  return { events, state }
}

/** A placement started `days` ago (a follow-up fell due lately): keeps "due" follow-ups in every demo. */
const withDueFollowUp = (today: Period.LocalDate, r: Rng) => Period.addDays(Period.addMonths(today, -1), -r.int(0, 10))

/**
 * Where each of the plan's targets stands today in the demo (actual ÷ pro-rated expectation, in
 * the plan's order): some ahead, some on pace, some behind — what a site manager meets in a real
 * year, so that every verdict of the targets page shows up.
 */
const DEMO_PACE: ReadonlyArray<number> = [1.1, 0.8, 1.25, 0.6, 0.95, 1.4, 0.7]

/** The demo is about a fiftieth of the real centre's caseload. */
const SCALE = 0.08

/**
 * The current fiscal year's plan: the catalogue's Shinagawa FY2013 plan re-dated, same indicators,
 * bases and citations, each target's value set from the demo's own activity so that, as of
 * `today`, it stands at its `DEMO_PACE` (the demo is a small fraction of the real centre, whose
 * targets would all read "behind"). A target with nothing counted yet keeps the FY2013 value
 * scaled to the demo's size (×0.08).
 */
const currentPlan = (today: Period.LocalDate, tally: Metric.Tally): Target.Plan => {
  const source = Catalogue.get(Catalogue.catalogue, "shinagawa.employment_centre")!.targetPlans.find((p) => p.id === "shinagawa_fy2013")!
  const fy = Period.fiscalYearOf(today)
  const window = Period.fiscalYearWindow(fy)
  const redated = source.targets.map((t) => ({ ...t, fiscalYear: fy, window }))
  const targets = redated.map((t, i) => {
    const progress = Target.progress(t, tally, today)
    const pace = Result.isSuccess(progress) ? Metric.numberOf(progress.success.pace) : undefined
    // Nothing counted yet (the demo records no 内職 brokering or employer contacts): the FY2013
    // value scaled to the demo's size, so the page shows a target with no activity behind it.
    if (pace === undefined || pace === 0) return { ...t, value: Math.ceil(t.value * SCALE) }
    const wanted = DEMO_PACE[i % DEMO_PACE.length]!
    const isRatio = Metric.defaultCatalog.metrics.get(t.metric)?._tag === "Ratio"
    const value = isRatio ? Math.min(1, Math.round(t.value * (pace / wanted) * 100) / 100) : Math.max(1, Math.round(t.value * (pace / wanted)))
    return { ...t, value }
  })
  return {
    ...source,
    id: `shinagawa_fy${fy}_demo`,
    label: {
      ja: `${source.label.ja}（デモ: 平成25年度の指標を${Period.fiscalYearLabel(fy)}に適用し、目標値をデモの規模に合わせて設定）`,
      en: `${source.label.en} (demo: the FY2013 indicators applied to FY${fy}, target values set to the demo's size)`
    },
    fiscalYear: fy,
    targets
  }
}

/** The tally the service will hold for one tenant's demo cases: the same counting as `seed`'s appends. */
const siteTally = (cases: DemoData["cases"], tenant: Site["tenant"]): Metric.Tally => {
  const site = sites.find((s) => s.tenant === tenant)!
  const streams = cases
    .filter((c) => c.tenant === tenant && c.events.length > 0)
    .map(({ events }) => ({ events, context: { site: site.metricSite, targetGroups: metricGroups(events) } }))
  const tally = Case.toMetricTally(streams)
  if (Result.isFailure(tally)) throw new Error(`demo metrics: ${tally.failure.message}`)
  return tally.success
}

/** A case's target groups for counting: welfare recipients (被保護者) or other people in need. */
const metricGroups = (events: ReadonlyArray<Case.Event>): ReadonlyArray<string> => {
  const opened = events[0]
  return opened !== undefined && opened._tag === "CaseOpened" && opened.publicAssistance ? ["welfare_recipient"] : ["needy_person"]
}

/**
 * Generates the demo (pure): the same `seed` and `today` give the same data.
 * @category generation
 * @since 0.1.0
 * @example
 * ```ts
 * const data = Demo.generate({ today: Period.unsafeDate("2024-09-30"), people: 50 })
 * Demo.summarise(data).people // 55: 50 in Shinagawa, 5 in Kushiro — the same every time for this seed and date
 * ```
 */
export const generate = (options: Options): DemoData => {
  const today = options.today
  const r = rng(options.seed ?? 2013)
  const persons: Array<DemoData["persons"][number]> = []
  const consents: Array<DemoData["consents"][number]> = []
  const cases: Array<DemoData["cases"][number]> = []
  const disclosures: Array<DemoData["disclosures"][number]> = []
  const people = options.people ?? 220
  const plan: Array<{ tenant: Site["tenant"]; n: number; prefix: string }> = [
    { tenant: SHINAGAWA, n: people, prefix: "sg" },
    { tenant: KUSHIRO, n: Math.max(1, Math.round(people / 10)), prefix: "ks" }
  ]
  for (const { tenant, n, prefix } of plan) {
    const site = sites.find((s) => s.tenant === tenant)!
    for (let i = 1; i <= n; i++) {
      const no = String(i).padStart(4, "0")
      const subjectRef = `p-${prefix}-${no}`
      const publicAssistance = r.chance(0.6)
      const birthDate = Period.addDays(today, -r.int(19 * 365, 63 * 365))
      // Every 20th person was placed a month ago and awaits the 1-month follow-up (定着支援): "due" today.
      const dueFollowUp = i % 20 === 0
      const opened = dueFollowUp ? Period.addDays(withDueFollowUp(today, r), -r.int(80, 100)) : Period.addDays(today, -r.int(20, 540))
      const person: Contract.Person = { id: subjectRef, data: personData(r, publicAssistance, birthDate), createdAt: instantOf(opened, 9) }
      persons.push({ tenant, person })
      const target = dueFollowUp ? "Given" : r.weighted(consentStates)
      const entries = consentEntries(r, target, subjectRef, `cr-${prefix}-${no}`, site, opened, today)
      consents.push({ tenant, subjectRef, entries })
      const ledger = entries.reduce((l, e) => {
        const applied = Consent.apply(l, e)
        if (Result.isFailure(applied)) throw new Error(`demo consent ${subjectRef}: ${applied.failure.message}`)
        return applied.success
      }, Consent.empty())
      const { events, state } = caseEvents(r, `c-${prefix}-${no}`, subjectRef, publicAssistance, birthDate, opened, today, ledger, site, dueFollowUp)
      cases.push({ tenant, id: `c-${prefix}-${no}`, events })
      const referral = state.referrals.find((x) => x.destination === "hello_work")
      if (referral !== undefined) {
        const decision = Consent.decide(ledger, {
          subjectRef,
          purpose: Enforcement.DEFAULT_PURPOSE,
          recipient: { class: "hello-work", id: site.helloWorkOffice },
          dataCategories: Enforcement.REFERRAL_CATEGORIES as unknown as Consent.Request["dataCategories"],
          action: "disclose",
          at: instantOf(referral.referredAt, 12)
        })
        if (decision._tag === "Permit") {
          disclosures.push({
            tenant,
            decision,
            disclosureId: `d-${prefix}-${no}`,
            dataItems: [
              { category: "identity" as Consent.RequestedCategory, item: "name" },
              { category: "identity" as Consent.RequestedCategory, item: "birthDate" },
              { category: "contact" as Consent.RequestedCategory, item: "phone" },
              { category: "employment-history" as Consent.RequestedCategory, item: "last" }
            ]
          })
        }
      }
    }
  }
  disclosures.sort((a, b) => (a.decision.request.at < b.decision.request.at ? -1 : 1))
  return { persons, consents, cases, disclosures, plans: [{ tenant: SHINAGAWA, plan: currentPlan(today, siteTally(cases, SHINAGAWA)) }] }
}

/**
 * A count of what {@link seed} wrote. @category seeding @since 0.1.0
 * @example
 * ```ts
 * const line = (s: Demo.Summary) => `${s.people} people, ${s.cases} cases, ${s.consentRecords} consent records, ${s.disclosures} disclosures`
 * ```
 */
export interface Summary {
  readonly people: number
  readonly cases: number
  readonly consentRecords: number
  readonly disclosures: number
  readonly plans: number
}

/**
 * What a demo holds, counted. @category seeding @since 0.1.0
 * @example
 * ```ts
 * const summary = Demo.summarise(Demo.generate({ today: Period.unsafeDate("2024-09-30") }))
 * summary.plans // 1: the current fiscal year's Shinagawa plan
 * ```
 */
export const summarise = (data: DemoData): Summary => ({
  people: data.persons.length,
  cases: data.cases.length,
  consentRecords: data.consents.filter((c) => c.entries.length > 0).length,
  disclosures: data.disclosures.length,
  plans: data.plans.length
})

/**
 * Writes the demo through the `Store`, unless it is already there (the first person exists):
 * `true` when it wrote, `false` when it found the demo in place.
 * @category seeding
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * const data = Demo.generate({ today: Period.unsafeDate("2024-09-30") })
 * const wrote = await Effect.runPromise(Demo.seed(data).pipe(Effect.provide(PostgresStore.layerFrom({ dataDir: "memory://" })))) // true
 * ```
 */
export const seed = (data: DemoData): Effect.Effect<boolean, never, Store> =>
  Effect.gen(function*() {
    const store = yield* Store
    const first = data.persons[0]
    if (first !== undefined && (yield* store.persons.get(first.tenant, first.person.id)) !== undefined) return false
    // One transaction: a start interrupted while seeding leaves no half demo behind.
    yield* store.atomically(write(data))
    return true
  })

const write = (data: DemoData): Effect.Effect<void, never, Store> =>
  Effect.gen(function*() {
    const store = yield* Store
    yield* Effect.forEach(data.persons, ({ tenant, person }) => store.persons.create(tenant, person).pipe(Effect.ignore), { discard: true })
    // The ledger is append-only in recorded order: records first, then every event by recordedAt.
    const entries = data.consents.flatMap(({ tenant, subjectRef, entries }) => entries.map((entry) => ({ tenant, subjectRef, entry })))
    const key = (e: Consent.LedgerEntry) => (e._tag === "EventAppended" ? `1${e.event.recordedAt}` : e._tag === "GrantAdded" ? `1${e.grant.recordedAt}` : "0")
    entries.sort((x, y) => (key(x.entry) < key(y.entry) ? -1 : key(x.entry) > key(y.entry) ? 1 : 0))
    yield* Effect.forEach(entries, ({ tenant, subjectRef, entry }) => store.consents.apply(tenant, subjectRef, entry).pipe(Effect.orDie), { discard: true })
    yield* Effect.forEach(
      data.cases.filter((c) => c.events.length > 0),
      ({ tenant, id, events }) => {
        const site = sites.find((s) => s.tenant === tenant)!
        return store.cases
          .append(tenant, id, 0, events, { principalId: "demo-seed", requestId: "demo-seed", metrics: { site: site.metricSite, targetGroups: metricGroups(events) } })
          .pipe(Effect.ignore)
      },
      { discard: true }
    )
    for (const d of data.disclosures) yield* store.disclosures.append(d.tenant, d.decision, { disclosureId: d.disclosureId, dataItems: d.dataItems as never }).pipe(Effect.orDie)
    for (const p of data.plans) yield* store.plans.create(p.tenant, p.plan).pipe(Effect.ignore)
  })
