/**
 * Display names (表示名) of the core's codes that the API sends bare: event kinds, actors' roles and
 * organisations, process phases, consent states, data categories. Stage and reason names come with
 * the stage graph itself.
 */
import { Consent, Stage } from "@jiritsu/core"
import type { Lang } from "./Messages.ts"

type Names = Readonly<Record<string, readonly [ja: string, en: string]>>

const eventNames: Names = {
  CaseOpened: ["受付", "case opened"],
  CaseReopened: ["再支援の開始", "case reopened"],
  Assessed: ["アセスメント", "assessed"],
  PlanDrafted: ["支援プラン作成", "plan drafted"],
  CoordinationMeetingHeld: ["支援調整会議", "coordination meeting"],
  SupportDecided: ["支援決定", "support decided"],
  DeliveryStarted: ["支援提供の開始", "delivery started"],
  Monitored: ["モニタリング", "monitored"],
  Evaluated: ["評価", "evaluated"],
  CaseClosed: ["終結", "case closed"],
  EmergencySupportProvided: ["緊急的な支援", "emergency support"],
  PreConsultationHeld: ["事前相談", "pre-consultation"],
  StageMoved: ["段階の移動", "stage moved"],
  Referred: ["つなぎ（紹介）", "referred"],
  ReferralOutcomeRecorded: ["紹介結果", "referral outcome"],
  PlacementRecorded: ["就職", "placement"],
  FollowUpRecorded: ["フォローアップ", "follow-up"],
  SeparationRecorded: ["離職", "separation"],
  WelfareExitRecorded: ["保護脱却", "welfare exit"]
}

const roleNames: Names = {
  caseworker: ["ケースワーカー", "caseworker"],
  employment_support_worker: ["就労支援員", "employment support worker"],
  hw_navigator: ["就職支援ナビゲーター", "Hello Work navigator"],
  contractor: ["委託事業者", "contractor"],
  supervisor: ["査察指導員", "supervisor"],
  researcher: ["研究者", "researcher"],
  admin: ["システム管理者", "administrator"]
}

const organisationNames: Names = {
  municipality: ["福祉事務所", "welfare office"],
  hello_work: ["ハローワーク", "Hello Work"],
  contractor: ["委託事業者", "contractor"],
  consultation_agency: ["自立相談支援機関", "consultation agency"]
}

const phaseNames: Names = {
  none: ["未受付", "none"],
  intake: ["受付", "intake"],
  assessed: ["アセスメント済", "assessed"],
  planned: ["プラン作成済", "planned"],
  coordinated: ["調整会議済", "coordinated"],
  decided: ["支援決定済", "decided"],
  delivery: ["支援中", "in delivery"],
  monitoring: ["モニタリング中", "monitoring"],
  evaluated: ["評価済", "evaluated"],
  closed: ["終結", "closed"]
}

const consentStateNames: Names = {
  None: ["未作成", "none"],
  Requested: ["依頼中", "requested"],
  Deferred: ["保留", "deferred"],
  Given: ["同意あり", "given"],
  Refused: ["拒否", "refused"],
  Withdrawn: ["撤回", "withdrawn"],
  Revoked: ["取消", "revoked"],
  Expired: ["期限切れ", "expired"],
  Invalidated: ["無効", "invalidated"],
  EnteredInError: ["誤登録", "entered in error"]
}

const categoryNames: Names = {
  "*": ["すべての情報", "all data"],
  identity: ["本人確認情報", "identity"],
  contact: ["連絡先", "contact"],
  "welfare-status": ["生活保護の受給状況", "welfare status"],
  "employment-history": ["職歴", "employment history"],
  "support-plan": ["支援プラン", "support plan"],
  "job-search": ["求職活動", "job search"],
  household: ["世帯", "household"],
  income: ["収入", "income"],
  health: ["健康状態", "health"],
  disability: ["障害", "disability"],
  skills: ["資格・技能", "skills"]
}

const pick = (names: Names, code: string, lang: Lang): string => {
  const entry = names[code]
  return entry === undefined ? code : lang === "ja" ? entry[0] : entry[1]
}

export const eventName = (tag: string, lang: Lang): string => pick(eventNames, tag, lang)
export const roleName = (role: string, lang: Lang): string => pick(roleNames, role, lang)
export const organisationName = (kind: string, lang: Lang): string => pick(organisationNames, kind, lang)
export const phaseName = (phase: string, lang: Lang): string => pick(phaseNames, phase, lang)
export const consentStateName = (state: string, lang: Lang): string => pick(consentStateNames, state, lang)
/** Japanese names are the core's own (Consent.dataCategories). */
export const categoryName = (code: string, lang: Lang): string =>
  lang === "ja" && Object.hasOwn(Consent.dataCategories, code) ? Consent.dataCategories[code as keyof typeof Consent.dataCategories] : pick(categoryNames, code, lang)

/** A stage or stage node (daily_living, intermediate_work_paid …) by the graph's own names. */
export const stageName = (code: string, lang: Lang, graph: Stage.StageGraph = Stage.kushiroGraph): string => {
  const node = Stage.node(graph, code) ?? graph.nodes.find((n) => n.stage === code)
  if (node === undefined) return code
  if (node.id === code) return lang === "ja" ? node.labelJa : node.label
  // An autonomy stage with several nodes: its name is the common part of its nodes' names.
  return stageGroupNames[code]?.[lang === "ja" ? 0 : 1] ?? code
}

const stageGroupNames: Names = { intermediate_work: ["中間的就労", "Intermediate work"] }

/** A reason code's name from the stage graph (理由コード). */
export const reasonName = (code: string, lang: Lang, graph: Stage.StageGraph = Stage.kushiroGraph): string => {
  const r = Stage.reasonOf(graph, code)
  return r === undefined ? code : lang === "ja" ? r.labelJa : r.label
}
