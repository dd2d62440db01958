/**
 * The catalogue's vocabulary (用語): target groups (支援対象者の区分, docs/glossary.md) and the facts
 * (判定に用いる事実) its rules read, with Japanese and English labels.
 *
 * Facts are declared once here so that a fact record or a declarative test case can be validated
 * at the boundary: an unknown target group or an unknown fact name is an error naming its path.
 *
 * @since 0.1.0
 * @module
 */
import { Schema } from "effect"

/**
 * Target groups (支援対象者の区分), stable ids of docs/glossary.md plus the few sub-groups a source document
 * site names on its own (Yokohama's nursery applicants, Shinagawa's home-work seekers).
 * @category target groups
 * @since 0.1.0
 * @example
 * ```ts
 * Vocabulary.targetGroups.single_parent.ja // "ひとり親（母子・父子・寡婦）"
 * ```
 */
export const targetGroups = {
  welfare_recipient: { ja: "生活保護受給者（被保護者）", en: "public-assistance recipient" },
  welfare_applicant: { ja: "生活保護の相談・申請段階の者", en: "person at the public-assistance consultation or application stage" },
  child_rearing_allowance_recipient: { ja: "児童扶養手当受給者", en: "child-rearing allowance recipient" },
  single_parent: { ja: "ひとり親（母子・父子・寡婦）", en: "single parent (mother, father, widow)" },
  housing_benefit_recipient: {
    ja: "住居確保給付金受給者（旧 住宅手当・住宅支援給付）",
    en: "housing-benefit recipient (formerly housing allowance, housing support benefit)"
  },
  needy_person: { ja: "生活困窮者", en: "needy person" },
  person_with_disability: { ja: "障害者", en: "person with a disability" },
  nikkei_foreign_resident: { ja: "日系外国人", en: "foreign resident of Japanese descent" },
  youth: { ja: "若者・若年者", en: "young person" },
  older_worker_55: { ja: "おおむね55歳からの求職者", en: "job-seeker from about 55" },
  older_worker_60: { ja: "60歳以上で常用就職が困難な者", en: "aged 60+ and unlikely to get regular employment" },
  parent_job_seeker: { ja: "子育て中／子育て後の女性・母", en: "mother raising, or done raising, children" },
  long_term_unemployed: { ja: "長期離職者", en: "long-term unemployed" },
  general_job_seeker: { ja: "求職中の一般市民", en: "resident looking for work" },
  homework_seeker: { ja: "内職希望者", en: "home piece-work seeker" },
  nursery_applicant: { ja: "保育所入所を申請した求職中の者", en: "job-seeker who applied for a nursery place" }
} as const satisfies Record<string, { readonly ja: string; readonly en: string }>

/**
 * A target group id. @category target groups
 * @example
 * ```ts
 * const group: Vocabulary.TargetGroup = "welfare_recipient"
 * ```
 */
export type TargetGroup = keyof typeof targetGroups

/**
 * All target group ids, in the order of docs/glossary.md @category target groups @since 0.1.0
 * @example
 * ```ts
 * Vocabulary.targetGroupIds.includes("youth") // true
 * ```
 */
export const targetGroupIds = Object.keys(targetGroups) as ReadonlyArray<TargetGroup>

/**
 * Schema of a target group id. @category target groups @since 0.1.0
 * @example
 * ```ts
 * import { Schema } from "effect"
 *
 * Schema.is(Vocabulary.TargetGroupId)("welfare_recipient") // true
 * ```
 */
export const TargetGroupId = Schema.Literals(targetGroupIds as [TargetGroup, ...Array<TargetGroup>])

/**
 * The type of a declared fact. Same vocabulary as the core's fact specs. @category facts
 * @example
 * ```ts
 * const kind: Vocabulary.FactKind = "members"
 * ```
 */
export type FactKind = "boolean" | "number" | "string" | "date" | "strings" | "members"

/**
 * A declared fact: its type, labels and (for strings) allowed values. @category facts
 * @example
 * ```ts
 * const decl: Vocabulary.FactDecl = { type: "boolean", labels: { ja: "就労準備支援事業を利用中", en: "already in the readiness programme" } }
 * ```
 */
export interface FactDecl {
  readonly type: FactKind
  readonly labels: { readonly ja: string; readonly en: string }
  readonly values?: ReadonlyArray<string>
  /** Labels of values (値の表示名), shown in traces and why-not sentences instead of the raw ids. */
  readonly valueLabels?: Readonly<Record<string, { readonly ja: string; readonly en: string }>>
}

/**
 * The facts catalogue rules read (事実の定義), with the question asked when one is missing.
 * Booleans are the caseworker's or the office's findings; `target_groups` is the list of groups a
 * person belongs to (closed set {@link targetGroups}).
 * @category facts
 * @since 0.1.0
 * @example
 * ```ts
 * Vocabulary.facts.birth_date.labels.ja // "生年月日"
 * ```
 */
export const facts = {
  birth_date: { type: "date", labels: { ja: "生年月日", en: "date of birth" } },
  target_groups: { type: "strings", labels: { ja: "該当する対象者区分", en: "target groups" }, values: targetGroupIds },
  able_to_work: { type: "boolean", labels: { ja: "稼働能力がある（健康で就労可能）", en: "healthy and able to work" } },
  motivated: { type: "boolean", labels: { ja: "就労意欲がある", en: "wishes to work" } },
  work_barrier: {
    type: "boolean",
    labels: { ja: "就労阻害要因（家族の介護・育児等）がある", en: "has a barrier to work (family care, childcare …)" }
  },
  consents_to_participate: { type: "boolean", labels: { ja: "事業への参加に同意している", en: "consents to take part" } },
  ready_to_job_hunt_now: { type: "boolean", labels: { ja: "直ちに求職活動を行える", en: "can start job-hunting immediately" } },
  judged_able_to_work: {
    type: "boolean",
    labels: { ja: "福祉事務所が稼働能力ありと判断した", en: "judged able to work by the welfare office" }
  },
  high_school_student: { type: "boolean", labels: { ja: "高校生である", en: "is a high-school student" } },
  unable_to_work_illness_disability: {
    type: "boolean",
    labels: { ja: "傷病・障害により就労できない", en: "cannot work because of illness or disability" }
  },
  employed: { type: "boolean", labels: { ja: "既に就労している", en: "is already working" } },
  needs_employment_support: { type: "boolean", labels: { ja: "就労支援が必要である", en: "needs employment support" } },
  wants_employment_support: { type: "boolean", labels: { ja: "就労支援を希望している", en: "asks for employment support" } },
  economic_hardship: {
    type: "boolean",
    labels: {
      ja: "現に経済的に困窮し、最低限度の生活を維持できなくなるおそれがある",
      en: "in economic hardship, at risk of falling below a minimum standard of living"
    }
  },
  ready_for_ordinary_work: {
    type: "boolean",
    labels: { ja: "直ちに一般就労が可能である", en: "can move straight into ordinary work" }
  },
  specified_welfare_recipient: {
    type: "boolean",
    labels: { ja: "特定被保護者である", en: "is a specified public-assistance recipient (特定被保護者)" }
  },
  household_income_within_limit: {
    type: "boolean",
    labels: { ja: "世帯の収入が基準額以下である", en: "household income within the limit" }
  },
  household_assets_within_limit: {
    type: "boolean",
    labels: { ja: "世帯の資産が基準額以下である", en: "household assets within the limit" }
  },
  job_loss_date: {
    type: "date",
    labels: { ja: "離職・廃業の日", en: "date of losing the job or closing the business" }
  },
  income_drop_equivalent: {
    type: "boolean",
    labels: {
      ja: "離職・廃業と同程度の収入減少がある",
      en: "income dropped to a level equivalent to losing the job"
    }
  },
  housing_lost_or_at_risk: {
    type: "boolean",
    labels: { ja: "住居を喪失した、又は喪失するおそれがある", en: "has lost, or may lose, the home" }
  },
  job_hunting_at_hello_work: {
    type: "boolean",
    labels: { ja: "ハローワークで常用就職を目指し求職活動をしている", en: "job-hunting actively at Hello Work" }
  },
  seeking_work: { type: "boolean", labels: { ja: "求職中である", en: "is looking for work" } },
  regular_employment_difficult: {
    type: "boolean",
    labels: { ja: "常用就職が困難である", en: "unlikely to get regular employment" }
  },
  household: {
    type: "members",
    labels: { ja: "世帯員（月収 monthly_income・資産 assets）", en: "household members (monthly_income, assets)" }
  },
  ward: {
    type: "string",
    labels: { ja: "居住区（横浜市）", en: "ward of residence (Yokohama)" },
    values: [
      "tsurumi", "kanagawa", "nishi", "naka", "minami", "konan", "hodogaya", "asahi", "isogo",
      "kanazawa", "kohoku", "midori", "aoba", "tsuzuki", "totsuka", "sakae", "izumi", "seya"
    ],
    valueLabels: {
      tsurumi: { ja: "鶴見区", en: "Tsurumi" },
      kanagawa: { ja: "神奈川区", en: "Kanagawa" },
      nishi: { ja: "西区", en: "Nishi" },
      naka: { ja: "中区", en: "Naka" },
      minami: { ja: "南区", en: "Minami" },
      konan: { ja: "港南区", en: "Konan" },
      hodogaya: { ja: "保土ケ谷区", en: "Hodogaya" },
      asahi: { ja: "旭区", en: "Asahi" },
      isogo: { ja: "磯子区", en: "Isogo" },
      kanazawa: { ja: "金沢区", en: "Kanazawa" },
      kohoku: { ja: "港北区", en: "Kohoku" },
      midori: { ja: "緑区", en: "Midori" },
      aoba: { ja: "青葉区", en: "Aoba" },
      tsuzuki: { ja: "都筑区", en: "Tsuzuki" },
      totsuka: { ja: "戸塚区", en: "Totsuka" },
      sakae: { ja: "栄区", en: "Sakae" },
      izumi: { ja: "泉区", en: "Izumi" },
      seya: { ja: "瀬谷区", en: "Seya" }
    }
  },
  ward_office_has_job_spot: {
    type: "boolean",
    labels: { ja: "居住区の区役所にジョブスポットが設置されている", en: "the ward office of residence hosts a Job Spot" }
  },
  welfare_office: {
    type: "string",
    labels: { ja: "担当福祉事務所（岡山市）", en: "responsible welfare office (Okayama)" },
    values: ["kita_chuo", "kita_kita", "naka", "higashi", "minami_nishi", "minami"],
    valueLabels: {
      kita_chuo: { ja: "北区中央福祉事務所", en: "Kita-ku Chuo welfare office" },
      kita_kita: { ja: "北区北福祉事務所", en: "Kita-ku Kita welfare office" },
      naka: { ja: "中区福祉事務所", en: "Naka-ku welfare office" },
      higashi: { ja: "東区福祉事務所", en: "Higashi-ku welfare office" },
      minami_nishi: { ja: "南区西福祉事務所", en: "Minami-ku Nishi welfare office" },
      minami: { ja: "南区南福祉事務所", en: "Minami-ku Minami welfare office" }
    }
  }
} as const satisfies Record<string, FactDecl>

/**
 * A fact name the catalogue declares. @category facts
 * @example
 * ```ts
 * const name: Vocabulary.FactName = "target_groups"
 * ```
 */
export type FactName = keyof typeof facts

/**
 * All declared fact names. @category facts @since 0.1.0
 * @example
 * ```ts
 * Vocabulary.factNames.includes("birth_date") // true
 * ```
 */
export const factNames = Object.keys(facts) as ReadonlyArray<FactName>

/**
 * Whether a name is a declared catalogue fact. @category facts @since 0.1.0
 * @example
 * ```ts
 * Vocabulary.isFactName("birth_date") // true
 * Vocabulary.isFactName("birthday") // false
 * ```
 */
export const isFactName = (name: string): name is FactName => Object.hasOwn(facts, name)

/**
 * Whether a string is a target group id. @category target groups @since 0.1.0
 * @example
 * ```ts
 * Vocabulary.isTargetGroup("single_parent") // true
 * ```
 */
export const isTargetGroup = (s: string): s is TargetGroup => Object.hasOwn(targetGroups, s)
