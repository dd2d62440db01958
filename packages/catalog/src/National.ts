/**
 * National programmes (国の事業・制度) as dated rule versions, each clause citing its source.
 *
 * - {@link helloWorkHandoff}: the Hello Work hand-off test of 生活保護受給者等就労自立促進事業 and its
 *   2005 predecessor — able to work, motivated, no barrier, consents (P5; Kushiro S1).
 * - {@link welfareOfficeSupport}: the welfare office's own employment support (被保護者就労支援) — a
 *   **different** rule: any recipient judged able to work, of working age 18–64, not a high-school
 *   student, not unable through illness or disability; motivation is not required and people
 *   already working are included (社援発0516第18号, P6–P8).
 * - {@link needyConsultation}: 自立相談支援事業 of the 生活困窮者自立支援法 (in force 2015-04-01).
 * - {@link employmentReadiness}: 就労準備支援事業, household income and asset tests.
 * - {@link housingBenefit}: 住居確保給付金 with its name history 住宅手当 (2009-10) → 住宅支援給付
 *   (2013-04) → 住居確保給付金 (2015-04) as dated versions.
 * - {@link integratedJobService}: the general job service of 一体的実施 under the Action Plan, the
 *   base of the general-public sites (Kawanishi, Shinagawa).
 *
 * @since 0.1.0
 * @module
 */
import { age, all, any, flag, inGroups, lbl, not, withinLast, type Lbl, type RuleNode } from "./internal/clauses.ts"
import { inferred, law, neediesAct, noticeShaen0516, page, seed, type Citation } from "./Sources.ts"

/**
 * One dated version of a programme's rule (規程の版): `[from, until)`, the programme's name while
 * the version applied, the rule and the citation for the version as a whole.
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * const first: National.VersionSpec | undefined = National.helloWorkHandoff.versions[0] // the 2005 entry test
 * ```
 */
export interface VersionSpec {
  readonly version: string
  readonly from: string
  readonly until?: string
  readonly name: Lbl
  readonly rule: RuleNode
  readonly citation: Citation
}

/**
 * A national programme's data: id, names, versions (in date order) and the programme-level sources.
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * const spec: National.NationalSpec = National.housingBenefit
 * spec.versions.map((v) => v.name.ja) // ["住宅手当", "住宅支援給付", "住居確保給付金"]
 * ```
 */
export interface NationalSpec {
  readonly id: string
  readonly labels: Lbl
  readonly versions: ReadonlyArray<VersionSpec>
  readonly citations: ReadonlyArray<Citation>
}

// ---------------------------------------------------------------------------------------------
// Shared clauses
// ---------------------------------------------------------------------------------------------

/**
 * The four-part entry test of the Hello Work hand-off (P5): healthy and able to work, strong wish
 * to work, no barrier such as family care or childcare, consents to take part. `prefix` keeps the
 * clause ids unique when a municipal overlay restates the test for a group it adds.
 * @category clauses
 * @since 0.1.0
 * @example
 * ```ts
 * const clauses = National.handoffReadiness("mirai") // able to work, motivated, no barrier, consents — with the ids mirai.able_to_work, …
 * ```
 */
export const handoffReadiness = (prefix: string): ReadonlyArray<RuleNode> => [
  flag(
    `${prefix}.able_to_work`,
    "able_to_work",
    lbl("稼働能力がある（健康で就労可能）", "healthy and able to work"),
    page("P5", "2005年度 生活保護受給者等就労支援事業の要件 (1) 稼働能力"),
    lbl("稼働能力が確認されていないため、ハローワークへの支援要請の対象外です", "Not referred to Hello Work: ability to work not established")
  ),
  flag(
    `${prefix}.motivated`,
    "motivated",
    lbl("就労意欲がある", "wishes to work"),
    page("P5", "要件 (2) 就労意欲"),
    lbl("就労意欲が確認できないため、ハローワークへの支援要請の対象外です（福祉事務所での意欲喚起が先です）", "Not referred to Hello Work: no wish to work yet (the welfare office raises motivation first)")
  ),
  flag(
    `${prefix}.no_work_barrier`,
    "work_barrier",
    lbl("就労阻害要因（家族の介護・育児等）がない", "no barrier to work such as family care or childcare"),
    page("P5", "要件 (3) 就労阻害要因なし"),
    lbl("介護・育児等の就労阻害要因があるため対象外です", "Not eligible: a barrier to work (care, childcare) is present"),
    false
  ),
  flag(
    `${prefix}.consents`,
    "consents_to_participate",
    lbl("事業への参加に同意している", "consents to take part"),
    page("P5", "要件 (4) 本人の同意"),
    lbl("本人の参加同意がないため対象外です", "Not eligible: no consent to take part")
  )
]

const handoffGroups2005 = inGroups(
  "hw_handoff.groups",
  ["welfare_recipient", "child_rearing_allowance_recipient"],
  lbl("生活保護受給者又は児童扶養手当受給者", "public-assistance or child-rearing-allowance recipient"),
  inferred(page("P4", "生活保護受給者等就労支援事業（平成17年度〜）"), "「等」read as child-rearing-allowance recipients")
)

const handoffGroups2013 = inGroups(
  "hw_handoff.groups",
  ["welfare_recipient", "child_rearing_allowance_recipient", "housing_benefit_recipient", "needy_person"],
  lbl("生活保護受給者、児童扶養手当受給者、住宅支援給付受給者その他の生活困窮者", "public-assistance, child-rearing-allowance or housing-benefit recipient, or another needy person"),
  page("P3", "支援対象者（生活保護受給者・児童扶養手当受給者・生活困窮者）")
)

const handoffRule = (groups: RuleNode, citation: Citation): RuleNode =>
  all(
    "hw_handoff",
    lbl("ハローワークへの支援要請（チーム支援）の対象", "referral to Hello Work team support"),
    [groups, ...handoffReadiness("hw_handoff")],
    citation
  )

/**
 * 生活保護受給者等就労自立促進事業 — the Hello Work hand-off test (ハローワークへの支援要請).
 * Versions: the 2005 programme 生活保護受給者等就労支援事業 (P4, P5), renamed 「福祉から就労」支援事業
 * from FY2011 (the name of Soja's 2011 agreement), and from FY2013 the 就労自立促進事業 with
 * permanent desks in welfare offices and needy persons added (P2, P3). The four-part entry test is
 * kept: seed sites still screen this way (S1 Kushiro).
 * @category programmes
 * @since 0.1.0
 * @example
 * ```ts
 * National.helloWorkHandoff.versions.map((v) => `${v.version} ${v.from}`) // ["2005 2005-04-01", "2011 2011-04-01", "2013 2013-04-01"]
 * ```
 */
export const helloWorkHandoff: NationalSpec = {
  id: "national.hw_handoff",
  labels: lbl("生活保護受給者等就労自立促進事業（ハローワークへの支援要請）", "Employment Self-Reliance Promotion Programme: Hello Work hand-off"),
  versions: [
    {
      version: "2005",
      from: "2005-04-01",
      until: "2011-04-01",
      name: lbl("生活保護受給者等就労支援事業", "Employment Support Programme for Public Assistance Recipients etc."),
      rule: handoffRule(handoffGroups2005, page("P5", "四つの要件")),
      citation: inferred(page("P4", "平成17年度創設"), "start taken as the first day of FY2005")
    },
    {
      version: "2011",
      from: "2011-04-01",
      until: "2013-04-01",
      name: lbl("「福祉から就労」支援事業", "'From Welfare to Work' Support Programme"),
      rule: handoffRule(handoffGroups2005, page("P5", "四つの要件")),
      citation: inferred(
        {
          source: "KCT news 2011-05-25 (総社市・ハローワーク総社「福祉から就労」支援事業の協定)",
          url: "https://www.tvkct2.chiroro-test.net/program/detail.php?id=4978"
        },
        "renaming taken from FY2011; same entry test"
      )
    },
    {
      version: "2013",
      from: "2013-04-01",
      name: lbl("生活保護受給者等就労自立促進事業", "Employment Self-Reliance Promotion Programme for Public Assistance Recipients etc."),
      rule: handoffRule(
        handoffGroups2013,
        seed("S1", "No.1 北海道釧路市 ハローワーク等との連携（就労意欲が高く直ちに求職活動を行える相談者を常設窓口に）")
      ),
      citation: page("P2", "平成25年度〜 生活保護受給者等就労自立促進事業")
    }
  ],
  citations: [page("P2"), page("P3"), page("P4"), page("P5"), seed("S1", "No.1 北海道釧路市")]
}

/**
 * Welfare-office employment support (福祉事務所の就労支援, 被保護者就労支援) — **not** the hand-off
 * test: a recipient the office judges able to work, of working age (18歳以上65歳未満), not a
 * high-school student and not unable to work through illness or disability. Motivation is not read
 * (support begins by raising it) and people already working are included.
 * @category programmes
 * @since 0.1.0
 * @example
 * ```ts
 * National.welfareOfficeSupport.versions[0]?.from // "2013-05-16"
 * ```
 */
export const welfareOfficeSupport: NationalSpec = {
  id: "national.welfare_office_support",
  labels: lbl("福祉事務所による就労支援（稼働能力を有する被保護者）", "Welfare-office employment support for recipients able to work"),
  versions: [
    {
      version: "2013",
      from: "2013-05-16",
      name: lbl("被保護者に対する就労支援", "Employment support for public-assistance recipients"),
      rule: all(
        "wo_support",
        lbl("福祉事務所の就労支援の対象", "target of welfare-office employment support"),
        [
          inGroups("wo_support.recipient", ["welfare_recipient"], lbl("生活保護受給者である", "receives public assistance"), law(noticeShaen0516, "対象者", "P6")),
          age(
            "wo_support.working_age",
            {
              min: 18,
              max: 64,
              whyNot: lbl("年齢 {value} 歳は稼働年齢（18〜64歳）の範囲外です", "Age {value} is outside the working age (18–64)")
            },
            lbl("稼働年齢（18歳以上65歳未満）", "working age (18 to 64)"),
            page("P7", "稼働年齢層（18歳以上65歳未満）")
          ),
          flag(
            "wo_support.judged_able",
            "judged_able_to_work",
            lbl("福祉事務所が稼働能力ありと判断した", "judged able to work by the welfare office"),
            law(noticeShaen0516, "稼働能力を有すると判断した者", "P6")
          ),
          not(
            "wo_support.not_high_school",
            lbl("高校生ではない", "not a high-school student"),
            flag("wo_support.high_school_student", "high_school_student", lbl("高校生である", "is a high-school student"), law(noticeShaen0516, "高校生を除く", "P6")),
            law(noticeShaen0516, "高校生を除く", "P6")
          ),
          not(
            "wo_support.not_unable",
            lbl("傷病・障害により就労できない者ではない", "not unable to work through illness or disability"),
            flag(
              "wo_support.unable_illness_disability",
              "unable_to_work_illness_disability",
              lbl("傷病・障害により就労できない", "cannot work because of illness or disability"),
              law(noticeShaen0516, "傷病・障害により就労が困難な者を除く", "P6")
            ),
            law(noticeShaen0516, "傷病・障害により就労が困難な者を除く", "P6")
          )
        ],
        law(noticeShaen0516, "就労意欲の有無を問わない・就労中の者を含む", "P6")
      ),
      citation: inferred(law(noticeShaen0516, "被保護者就労支援の対象者", "P6"), "in force from the notice's date, 2013-05-16 (0516)")
    }
  ],
  citations: [law(noticeShaen0516, "就労可能な被保護者の就労支援", "P6"), page("P7"), page("P8")]
}

const needyClauses = (prefix: string): ReadonlyArray<RuleNode> => [
  flag(
    `${prefix}.hardship`,
    "economic_hardship",
    lbl("現に経済的に困窮し、最低限度の生活を維持できなくなるおそれがある", "in economic hardship, at risk of falling below a minimum standard of living"),
    law(neediesAct, "第3条第1項（生活困窮者の定義）", "P16")
  ),
  not(
    `${prefix}.not_welfare_recipient`,
    lbl("生活保護を受給していない", "not receiving public assistance"),
    inGroups(`${prefix}.welfare_recipient`, ["welfare_recipient"], lbl("生活保護受給者である", "receives public assistance"), seed("S1", "調布市 リーフレット（生活保護を受けていない方）")),
    seed("S1", "調布市 リーフレット（生活保護を受けていない方）")
  )
]

/**
 * 自立相談支援事業 (needy-person consultation) of the 生活困窮者自立支援法, in force 2015-04-01.
 * @category programmes
 * @since 0.1.0
 * @example
 * ```ts
 * National.needyConsultation.versions[0]?.from // "2015-04-01"
 * ```
 */
export const needyConsultation: NationalSpec = {
  id: "national.needy_consultation",
  labels: lbl("生活困窮者自立相談支援事業", "Self-reliance consultation for needy persons"),
  versions: [
    {
      version: "2015",
      from: "2015-04-01",
      name: lbl("自立相談支援事業", "Self-reliance consultation"),
      rule: all("needy", lbl("生活困窮者（法第3条）", "needy person (Act Art. 3)"), needyClauses("needy"), law(neediesAct, "第3条", "P16")),
      citation: law(neediesAct, "平成27年4月1日施行", "P16")
    }
  ],
  citations: [law(neediesAct, "第3条", "P16"), page("P17"), seed("S0", "佐賀市長コメント（平成27年4月施行）")]
}

const readinessCore = (prefix: string): ReadonlyArray<RuleNode> => [
  flag(
    `${prefix}.not_ready`,
    "ready_for_ordinary_work",
    lbl("直ちに一般就労することが困難である", "cannot move straight into ordinary work"),
    page("P16", "就労準備支援事業（直ちに一般就労が困難な者）"),
    lbl("直ちに一般就労が可能なため、就労準備支援ではなく職業紹介の対象です", "Can work now: referred to job placement, not readiness support"),
    false
  ),
  flag(
    `${prefix}.income`,
    "household_income_within_limit",
    lbl("世帯の収入が基準額以下", "household income within the limit"),
    page("P23", "世帯単位の収入要件")
  ),
  flag(
    `${prefix}.assets`,
    "household_assets_within_limit",
    lbl("世帯の資産が基準額以下", "household assets within the limit"),
    page("P23", "世帯単位の資産要件")
  )
]

/**
 * 就労準備支援事業 (employment-readiness programme): needy persons who cannot move straight into
 * ordinary work, with household income and asset tests (P16, P22, P23). From 2025-04-01 the 2024
 * amendment opens it to 特定被保護者 (P18; the effective date is an inference).
 * @category programmes
 * @since 0.1.0
 * @example
 * ```ts
 * National.employmentReadiness.versions.length // 2
 * ```
 */
export const employmentReadiness: NationalSpec = {
  id: "national.employment_readiness",
  labels: lbl("就労準備支援事業", "Employment-readiness programme"),
  versions: [
    {
      version: "2015",
      from: "2015-04-01",
      until: "2025-04-01",
      name: lbl("就労準備支援事業", "Employment-readiness programme"),
      rule: all("readiness", lbl("就労準備支援事業の対象", "target of the readiness programme"), [...needyClauses("readiness"), ...readinessCore("readiness")], page("P16")),
      citation: law(neediesAct, "第3条第4項（就労準備支援事業）", "P16")
    },
    {
      version: "2025",
      from: "2025-04-01",
      name: lbl("就労準備支援事業", "Employment-readiness programme"),
      rule: any(
        "readiness",
        lbl("就労準備支援事業の対象（生活困窮者又は特定被保護者）", "target of the readiness programme (needy person or specified recipient)"),
        [
          all("readiness.needy_path", lbl("生活困窮者として", "as a needy person"), [...needyClauses("readiness"), ...readinessCore("readiness")], page("P16")),
          flag(
            "readiness.specified_recipient",
            "specified_welfare_recipient",
            lbl("特定被保護者である", "is a specified public-assistance recipient"),
            inferred(page("P18", "令和6年改正 特定被保護者"), "in force from 2025-04-01")
          )
        ],
        page("P18")
      ),
      citation: inferred(page("P18", "令和6年改正法"), "main provisions in force from 2025-04-01")
    }
  ],
  citations: [page("P16"), page("P22"), page("P23"), page("P18")]
}

const housingCommon = (version: string, jobLoss: RuleNode): ReadonlyArray<RuleNode> => [
  jobLoss,
  flag(
    `housing.${version}.housing`,
    "housing_lost_or_at_risk",
    lbl("住居を喪失した、又は喪失するおそれがある", "has lost, or may lose, the home"),
    page("P20", "住居確保給付金 支給対象者")
  ),
  flag(`housing.${version}.income`, "household_income_within_limit", lbl("世帯の収入が基準額以下", "household income within the limit"), page("P20", "収入要件")),
  flag(`housing.${version}.assets`, "household_assets_within_limit", lbl("世帯の資産が基準額以下", "household assets within the limit"), page("P20", "資産要件"))
]

const jobLossWithin2Years = (version: string): RuleNode =>
  withinLast(
    `housing.${version}.job_loss`,
    "job_loss_date",
    24,
    lbl("離職・廃業から2年以内", "within 2 years of losing the job or closing the business"),
    page("P19", "離職・廃業後2年以内")
  )

/**
 * 住居確保給付金 and its name history as dated versions (P19–P21): 住宅手当 from 2009-10,
 * 住宅支援給付 from 2013-04 (under 65, job-hunting at Hello Work), 住居確保給付金 from 2015-04
 * under the Act (job loss within 2 years or an equivalent income drop).
 * @category programmes
 * @since 0.1.0
 * @example
 * ```ts
 * National.housingBenefit.id // "national.housing_benefit"
 * ```
 */
export const housingBenefit: NationalSpec = {
  id: "national.housing_benefit",
  labels: lbl("住居確保給付金（旧 住宅手当・住宅支援給付）", "Housing security benefit (formerly housing allowance, housing support benefit)"),
  versions: [
    {
      version: "jutaku_teate",
      from: "2009-10-01",
      until: "2013-04-01",
      name: lbl("住宅手当", "Housing allowance"),
      rule: all(
        "housing.jutaku_teate",
        lbl("住宅手当の支給対象", "eligible for the housing allowance"),
        housingCommon("jutaku_teate", jobLossWithin2Years("jutaku_teate")),
        page("P21", "住宅手当（平成21年10月〜）")
      ),
      citation: page("P21", "住宅手当 平成21年10月創設")
    },
    {
      version: "jutaku_shien_kyufu",
      from: "2013-04-01",
      until: "2015-04-01",
      name: lbl("住宅支援給付", "Housing support benefit"),
      rule: all(
        "housing.jutaku_shien_kyufu",
        lbl("住宅支援給付の支給対象", "eligible for the housing support benefit"),
        [
          ...housingCommon("jutaku_shien_kyufu", jobLossWithin2Years("jutaku_shien_kyufu")),
          age(
            "housing.jutaku_shien_kyufu.under_65",
            { max: 64, whyNot: lbl("年齢 {value} 歳：住宅支援給付は65歳未満が対象です", "Age {value}: the housing support benefit is for people under 65") },
            lbl("65歳未満", "under 65"),
            page("P21", "住宅支援給付（平成25年4月〜）65歳未満")
          ),
          flag(
            "housing.jutaku_shien_kyufu.job_hunting",
            "job_hunting_at_hello_work",
            lbl("ハローワークで常用就職を目指し求職活動をしている", "job-hunting actively at Hello Work"),
            page("P21", "ハローワークでの求職活動")
          )
        ],
        page("P21", "住宅支援給付（平成25年4月〜）")
      ),
      citation: page("P21", "住宅支援給付 平成25年4月〜")
    },
    {
      version: "jukyo_kakuho",
      from: "2015-04-01",
      name: lbl("住居確保給付金", "Housing security benefit"),
      rule: all(
        "housing.jukyo_kakuho",
        lbl("住居確保給付金の支給対象", "eligible for the housing security benefit"),
        housingCommon(
          "jukyo_kakuho",
          any(
            "housing.jukyo_kakuho.job_loss_or_drop",
            lbl("離職・廃業から2年以内、又は同程度の収入減少", "within 2 years of job loss, or an equivalent income drop"),
            [
              jobLossWithin2Years("jukyo_kakuho"),
              flag(
                "housing.jukyo_kakuho.income_drop",
                "income_drop_equivalent",
                lbl("離職・廃業と同程度の収入減少", "income drop equivalent to losing the job"),
                page("P20", "同程度の収入減少（現行の要件。開始日は出典に記載なし）")
              )
            ],
            page("P19")
          )
        ),
        law(neediesAct, "第3条第3項（住居確保給付金）", "P19")
      ),
      citation: law(neediesAct, "平成27年4月1日施行", "P19")
    }
  ],
  citations: [page("P19"), page("P20"), page("P21"), seed("S3", "仙台市（住宅手当）"), seed("S0", "郡山市・岡山市・高松市（住宅支援給付）")]
}

/**
 * The general job service of 一体的実施 (Action Plan sites): job counselling and placement by Hello
 * Work with the municipality's employment services, for any resident looking for work (S2 stage 2,
 * S4, S0 Kawanishi). The national frame is dated from FY2011 (inference: the Action Plan's first
 * agreements, e.g. Takayama 2011-10, S0).
 * @category programmes
 * @since 0.1.0
 * @example
 * ```ts
 * National.integratedJobService.labels.en
 * ```
 */
export const integratedJobService: NationalSpec = {
  id: "national.integrated_job_service",
  labels: lbl("一体的実施（アクション・プラン）による職業相談・職業紹介", "Integrated job counselling and placement (Action Plan)"),
  versions: [
    {
      version: "2011",
      from: "2011-04-01",
      name: lbl("国と地方の一体的実施", "Integrated delivery by the state and the municipality"),
      rule: flag(
        "job_service.seeking_work",
        "seeking_work",
        lbl("求職中である", "is looking for work"),
        seed("S2", "第2段階 対象を求職中の一般市民へ拡大"),
        lbl("求職中でないため、職業相談・職業紹介の対象外です", "Not looking for work: outside job counselling and placement")
      ),
      citation: inferred(seed("S0", "高山市長コメント（平成23年10月 協定）"), "national frame dated from FY2011")
    }
  ],
  citations: [seed("S2", "平成23年3月31日 提案"), seed("S3", "協議中の提案一覧"), seed("S4", "品川区の一体的実施")]
}

/**
 * Every national programme of the catalogue. @category programmes @since 0.1.0
 * @example
 * ```ts
 * National.allNational.map((s) => s.id)
 * ```
 */
export const allNational: ReadonlyArray<NationalSpec> = [
  helloWorkHandoff,
  welfareOfficeSupport,
  needyConsultation,
  employmentReadiness,
  housingBenefit,
  integratedJobService
]
