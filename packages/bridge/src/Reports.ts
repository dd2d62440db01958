/**
 * Reports — the tables the bridge hands back (報告帳票), built on the core's `Target`, `Metric`
 * and `Case`:
 *
 * - {@link national}: the national monthly support-status figures (生活困窮者自立支援 支援状況調査:
 *   new consultations, plans, employment-support clients, people placed, earning more), with the
 *   per-100k-per-month rate and the benchmark (目安値) where one exists;
 * - {@link businessPlan}: the Shinagawa-style business-plan table (事業計画の目標と実績): each
 *   target against its actual, pro-rated expectation, forecast and verdict;
 * - {@link caseList}: the case list for the support coordination meeting (支援調整会議),
 *   **pseudonymised**: a keyed pseudonym (HMAC-SHA-256) instead of any identifier, an age band
 *   instead of a birth date, no names.
 *
 * Each returns an `Export.Table`; write it with `Export.toCsv` (UTF-8 or Shift_JIS) or `Export.toJson`.
 *
 * @since 0.1.0
 * @module
 */
import { Case, Metric, Period, Target } from "@jiritsu/core"
import { Result } from "effect"
import { createHmac } from "node:crypto"
import type * as Export from "./Export.ts"

const count = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1))
const rate = (v: Metric.MetricValue): string => (v._tag === "NotDefined" ? "" : v.value.toFixed(2))

/**
 * The national survey items for one month (月次 支援状況調査).
 * @category national
 * @since 0.1.0
 * @example
 * ```ts
 * const table = Reports.national(Metric.empty, Period.unsafeMonth("2024-04"), { population: 400_000 }) // Success: one row per survey item
 * ```
 */
export const national = (
  tally: Metric.Tally,
  month: Period.YearMonth,
  options: { readonly population?: number; readonly filter?: Target.TargetFilter } = {}
): Result.Result<Export.Table, Metric.MetricError> =>
  Result.map(Target.nationalMonthlyFigures(tally, month, options), (figures) => ({
    title: { ja: `支援状況調査（${Period.formatEra(Period.firstDayOf(month)).replace(/1日$/, "")}分）`, en: `Support-status survey, ${month}` },
    columns: [
      { key: "month", ja: "対象月", en: "month" },
      { key: "item", ja: "項目コード", en: "item" },
      { key: "label", ja: "項目", en: "label" },
      { key: "count", ja: "件数・人数", en: "count" },
      { key: "per100k", ja: "人口10万人当たり", en: "per 100k per month" },
      { key: "benchmark", ja: "目安値", en: "benchmark" },
      { key: "meets", ja: "目安達成", en: "meets benchmark" }
    ],
    rows: figures.map((f) => ({
      month,
      item: f.item,
      label: f.label.ja,
      count: count(f.count),
      per100k: rate(f.per100kPerMonth),
      benchmark: f.benchmark === undefined ? "" : String(f.benchmark),
      meets: f.meetsBenchmark === undefined ? "" : f.meetsBenchmark ? "達成" : "未達"
    }))
  }))

/**
 * A business plan's targets and actuals as of a date (事業計画 目標・実績表), Shinagawa style.
 * @category business plan
 * @since 0.1.0
 * @example
 * ```ts
 * const plan: Target.Plan = { id: "fy2013", label: { ja: "事業計画", en: "business plan" }, fiscalYear: Period.unsafeFiscalYear(2013), targets: [] }
 * const table = Reports.businessPlan(plan, Metric.empty, Period.unsafeDate("2013-10-01"))
 * ```
 */
export const businessPlan = (plan: Target.Plan, tally: Metric.Tally, asOf: Period.LocalDate): Result.Result<Export.Table, Target.TargetError> =>
  Result.map(Target.report(plan, tally, asOf), (report) => ({
    title: report.heading,
    columns: [
      { key: "programme", ja: "事業", en: "programme" },
      { key: "indicator", ja: "指標", en: "indicator" },
      { key: "target", ja: "目標", en: "target" },
      { key: "actual", ja: "実績", en: "actual" },
      { key: "window", ja: "集計期間", en: "window" },
      { key: "achievement", ja: "達成率", en: "achievement" },
      { key: "expected", ja: "按分目標", en: "pro-rated target" },
      { key: "forecast", ja: "年度末見通し", en: "forecast" },
      { key: "verdict", ja: "評価", en: "verdict" }
    ],
    rows: Target.reportRows(report).map((r) => ({
      programme: r.programme.ja,
      indicator: r.indicator.ja,
      target: r.target.ja,
      actual: r.actual.ja,
      window: r.coverage.ja,
      achievement: r.achievement,
      expected: r.expected,
      forecast: r.forecast,
      verdict: r.verdict.ja
    }))
  }))

/**
 * A case to list: its events (as stored) and, optionally, its target groups. @category case list @since 0.1.0
 * @example
 * ```ts
 * const input: Reports.CaseInput = { events: [], targetGroups: ["welfare_recipient"] }
 * ```
 */
export interface CaseInput {
  readonly events: Iterable<Case.Event>
  readonly targetGroups?: ReadonlyArray<string>
}

/**
 * A stable pseudonym (仮名ID) of an identifier under a secret key: `P-` and 12 base32 characters of
 * HMAC-SHA-256(key, id). The same key gives the same pseudonym at every meeting; without the key
 * it cannot be reversed or recomputed. The key is a parameter (never generated here).
 * @category case list
 * @since 0.1.0
 * @example
 * ```ts
 * Reports.pseudonym("a-secret-key-of-32-characters!!!", "p-17") // "P-" and 12 characters, the same at every meeting
 * ```
 */
export const pseudonym = (key: string, id: string): string => {
  const digest = createHmac("sha256", key).update(id).digest()
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
  let out = ""
  for (let i = 0; i < 12; i++) out += alphabet[digest[i]! & 31]
  return `P-${out}`
}

/**
 * A 10-year age band (年代) as of a date; exact ages are not shown. @category case list @since 0.1.0
 * @example
 * ```ts
 * Reports.ageBand(Period.unsafeDate("1985-06-01"), Period.unsafeDate("2024-04-01")) // "30代"
 * Reports.ageBand(undefined, Period.unsafeDate("2024-04-01")) // "不明"
 * ```
 */
export const ageBand = (birth: Period.LocalDate | undefined, asOf: Period.LocalDate): string => {
  if (birth === undefined) return "不明"
  const age = Period.ageAt(birth, asOf)
  if (age < 20) return "20歳未満"
  if (age >= 70) return "70歳以上"
  return `${Math.floor(age / 10) * 10}代`
}

const phaseJa: Readonly<Record<Case.Phase, string>> = {
  none: "未開始",
  intake: "相談受付",
  assessed: "アセスメント済",
  planned: "プラン策定",
  coordinated: "支援調整会議承認",
  decided: "支援決定",
  delivery: "支援実施",
  monitoring: "モニタリング",
  evaluated: "評価",
  closed: "終結"
}

const stageJa: Readonly<Record<string, string>> = { daily_living: "日常生活自立", social_life: "社会生活自立", intermediate_work: "中間的就労", employment: "就労自立" }

/**
 * The case list for the support coordination meeting (支援調整会議 事例一覧), as of a date,
 * pseudonymised with `key`. Closed cases are left out unless `includeClosed`.
 * @category case list
 * @since 0.1.0
 * @example
 * ```ts
 * const table = Reports.caseList([], Period.unsafeDate("2024-04-01"), { key: process.env["JIRITSU_PSEUDONYM_KEY"] ?? "" })
 * const csv = Export.toCsv(table, "shift_jis")
 * ```
 */
export const caseList = (cases: Iterable<CaseInput>, asOf: Period.LocalDate, options: { readonly key: string; readonly includeClosed?: boolean }): Export.Table => {
  if (options.key.length < 16) throw new RangeError("Reports.caseList: the pseudonymisation key must be at least 16 characters")
  const rows: Array<Record<string, string>> = []
  for (const c of cases) {
    const state = Case.replay(c.events)
    if (state.subjectId === undefined) continue
    if (state.phase === "closed" && options.includeClosed !== true) continue
    const stay = Case.currentStay(state, asOf)
    const followUps = Case.followUpSchedule(state, asOf)
    const nextFollowUp = followUps.filter((f) => f.status === "due" || f.status === "overdue" || f.status === "upcoming").sort((a, b) => (a.dueDate < b.dueDate ? -1 : 1))[0]
    rows.push({
      pseudonym: pseudonym(options.key, state.subjectId),
      ageBand: ageBand(state.birthDate, asOf),
      publicAssistance: state.publicAssistance ? "受給" : "",
      targetGroups: (c.targetGroups ?? []).join(" "),
      phase: phaseJa[state.phase],
      stage: stay === undefined ? "" : (stageJa[stay.autonomyStage] ?? stay.autonomyStage),
      daysInStage: stay === undefined ? "" : String(stay.days),
      openedAt: state.openedAt ?? "",
      planRevisions: String(state.planRevisions),
      openReferrals: state.referrals.filter((r) => r.status === "open" || r.status === "accepted").map((r) => r.destination).join(" "),
      placements: String(state.placements.length),
      nextFollowUp: nextFollowUp === undefined ? "" : `${nextFollowUp.dueDate}（${nextFollowUp.milestone}か月${nextFollowUp.status === "overdue" ? "・期限超過" : nextFollowUp.status === "due" ? "・期限" : ""}）`,
      lastEventAt: state.lastEventAt ?? ""
    })
  }
  rows.sort((a, b) => (a["pseudonym"]! < b["pseudonym"]! ? -1 : 1))
  return {
    title: { ja: `支援調整会議 事例一覧（${Period.formatEra(asOf)}現在・仮名化）`, en: `Support coordination meeting case list (as of ${asOf}, pseudonymised)` },
    columns: [
      { key: "pseudonym", ja: "仮名ID", en: "pseudonym" },
      { key: "ageBand", ja: "年代", en: "age band" },
      { key: "publicAssistance", ja: "生活保護", en: "public assistance" },
      { key: "targetGroups", ja: "対象者区分", en: "target groups" },
      { key: "phase", ja: "支援段階", en: "phase" },
      { key: "stage", ja: "自立段階", en: "autonomy stage" },
      { key: "daysInStage", ja: "段階の在籍日数", en: "days in stage" },
      { key: "openedAt", ja: "相談受付日", en: "opened" },
      { key: "planRevisions", ja: "プラン見直し回数", en: "plan revisions" },
      { key: "openReferrals", ja: "つなぎ先（継続中）", en: "open referrals" },
      { key: "placements", ja: "就職件数", en: "placements" },
      { key: "nextFollowUp", ja: "次回定着確認", en: "next follow-up" },
      { key: "lastEventAt", ja: "最終記録日", en: "last event" }
    ],
    rows
  }
}
