/**
 * Municipal variants (自治体独自の対象・要件) as overlays on a national base (上乗せ・横出し):
 * each variant names its base programme, the dates its site ran, and the exceptions it adds —
 * `include` for a target group the city adds, `exclude` for a person the site does not serve. A
 * variant never copies the base: when the national rule changes version, every overlay follows.
 *
 * Eleven source-document municipalities: Yokohama, Koriyama, Shinagawa, Takamatsu, Okayama, Soja, Kawanishi,
 * Kurume, Setouchi, Soka and Kushiro (docs/glossary.md). Soft age limits (おおむね) are
 * `soft` clauses staff may override with a reason.
 *
 * @since 0.1.0
 */
import { Rule } from "@jiritsu/core"
import { age, all, any, flag, inGroups, inheritCitation, lbl, not, oneOf, type ExceptionNode, type Lbl, type RuleNode } from "./internal/clauses.ts"
import { handoffReadiness } from "./National.ts"
import { inferred, page, seed, type Citation } from "./Sources.ts"

export { SHINAGAWA_SITE, shinagawaPlanFY2012, shinagawaPlanFY2013 } from "./internal/shinagawaPlans.ts"

/**
 * One period of a municipal variant (実施期間): `[from, until)` and the exceptions that applied.
 * @category model
 * @since 0.1.0
 */
export interface MunicipalWindow {
  readonly version: string
  readonly from: string
  readonly until?: string
  readonly exceptions: ReadonlyArray<ExceptionNode>
  readonly citation: Citation
}

/**
 * A municipal variant (自治体の独自ルール): id (`<city>.<service>`), labels, municipality and site
 * names, the national base it overlays, its dated windows and sources.
 * @category model
 * @since 0.1.0
 */
export interface MunicipalSpec {
  readonly id: string
  readonly labels: Lbl
  readonly municipality: Lbl
  readonly site: Lbl
  readonly base: string
  readonly windows: ReadonlyArray<MunicipalWindow>
  readonly citations: ReadonlyArray<Citation>
}

const include = (id: string, labels: Lbl, when: RuleNode, citation: Citation, priority = 10): ExceptionNode =>
  Rule.include({ id, ...labels, citation }, inheritCitation(when, citation), priority)

const exclude = (id: string, labels: Lbl, when: RuleNode, citation: Citation, whyNot?: Lbl, priority = 100): ExceptionNode =>
  Rule.exclude(whyNot === undefined ? { id, ...labels, citation } : { id, ...labels, citation, whyNot }, inheritCitation(when, citation), priority)

const wantsSupport = (prefix: string, citation: Citation): RuleNode =>
  flag(`${prefix}.wants_support`, "wants_employment_support", lbl("就労支援を希望している", "asks for employment support"), citation)

const consents = (prefix: string, citation: Citation): RuleNode =>
  flag(
    `${prefix}.consents`,
    "consents_to_participate",
    lbl("参加及びハローワークへの情報提供に同意している（同意書）", "consents to take part and to share data with Hello Work (consent form)"),
    citation,
    lbl("同意書がないため、ハローワークとの一体的支援の対象外です", "No consent form: outside joint support with Hello Work")
  )

// ---------------------------------------------------------------------------------------------
// Yokohama (横浜市) — Job Spot in ward offices
// ---------------------------------------------------------------------------------------------

const yokohamaProposal = (section: string): Citation => seed("S2", `平成24年11月8日 追加提案 ${section}`)
const FIRST_WARDS = ["tsurumi", "naka", "seya"] as const

const yokohamaGroups = (): ReadonlyArray<ExceptionNode> => [
  include(
    "yokohama.welfare",
    lbl("生活保護受給者のうち就労支援が必要な者", "public-assistance recipients who need employment support"),
    all("yokohama.welfare.when", lbl("就労支援が必要な生活保護受給者（同意あり）", "recipient needing support, with consent"), [
      inGroups("yokohama.welfare.group", ["welfare_recipient"], lbl("生活保護受給者", "public-assistance recipient"), yokohamaProposal("3(3)ア")),
      flag("yokohama.welfare.needs_support", "needs_employment_support", lbl("就労支援が必要", "needs employment support"), yokohamaProposal("3(3)ア")),
      consents("yokohama.welfare", yokohamaProposal("4(1)エ 同意書の徴取"))
    ]),
    yokohamaProposal("3(3)ア 生活保護受給者")
  ),
  include(
    "yokohama.needy",
    lbl("生活困窮者（住宅手当受給者、就労支援を希望する生活困窮等の相談者）", "needy persons (housing-benefit recipients; needy consultees asking for employment support)"),
    all("yokohama.needy.when", lbl("生活困窮者の要件（同意あり）", "needy-person test, with consent"), [
      any("yokohama.needy.which", lbl("住宅手当受給者、又は就労支援を希望する生活困窮等の相談者", "housing-benefit recipient, or needy consultee asking for support"), [
        inGroups("yokohama.needy.housing", ["housing_benefit_recipient"], lbl("住宅手当（住宅支援給付）受給者", "housing-benefit recipient"), yokohamaProposal("3(3)イ")),
        all("yokohama.needy.consultee", lbl("就労支援を希望する生活困窮等の相談者", "needy consultee asking for employment support"), [
          inGroups("yokohama.needy.group", ["needy_person", "welfare_applicant"], lbl("生活困窮等の相談者", "person consulting about hardship"), yokohamaProposal("3(3)イ")),
          wantsSupport("yokohama.needy", yokohamaProposal("3(3)イ"))
        ])
      ]),
      consents("yokohama.needy", yokohamaProposal("4(1)エ 同意書の徴取"))
    ]),
    yokohamaProposal("3(3)イ 生活困窮者")
  ),
  include(
    "yokohama.single_parent",
    lbl("ひとり親（母子・父子・寡婦）と保育所入所を申請した求職中の者", "single parents, and job-seekers who applied for a nursery place"),
    all("yokohama.single_parent.when", lbl("ひとり親等の要件（就労支援の希望・同意あり）", "single-parent test (asks for support, with consent)"), [
      any("yokohama.single_parent.which", lbl("ひとり親家庭支援の対象者、又は保育所入所を申請した求職中の者", "single-parent support client, or job-seeker with a nursery application"), [
        inGroups(
          "yokohama.single_parent.group",
          ["single_parent", "child_rearing_allowance_recipient"],
          lbl("児童扶養手当受給者などのひとり親", "single parent such as a child-rearing-allowance recipient"),
          yokohamaProposal("3(3)ウ")
        ),
        all("yokohama.nursery", lbl("保育所入所を申請した求職中の者", "job-seeker who applied for a nursery place"), [
          inGroups("yokohama.nursery.group", ["nursery_applicant"], lbl("保育所入所を申請した", "applied for a nursery place"), yokohamaProposal("3(3)ウ")),
          flag("yokohama.nursery.seeking_work", "seeking_work", lbl("求職中である", "is looking for work"), yokohamaProposal("3(3)ウ"))
        ])
      ]),
      wantsSupport("yokohama.single_parent", yokohamaProposal("3(3)ウ")),
      consents("yokohama.single_parent", yokohamaProposal("4(1)エ 同意書の徴取"))
    ]),
    yokohamaProposal("3(3)ウ ひとり親")
  )
]

const yokohamaWardExclusion = (version: "2013" | "2014"): ExceptionNode => {
  const firstWards = oneOf(
    `yokohama.ward.first_three`,
    "ward",
    FIRST_WARDS,
    lbl("鶴見区・中区・瀬谷区に居住", "lives in Tsurumi, Naka or Seya ward"),
    yokohamaProposal("3(2) 平成25年度における一体的実施の場所")
  )
  const served =
    version === "2013"
      ? firstWards
      : any("yokohama.ward.served", lbl("ジョブスポット設置区に居住", "lives in a ward with a Job Spot"), [
          firstWards,
          flag(
            "yokohama.ward.job_spot",
            "ward_office_has_job_spot",
            lbl("居住区の区役所にジョブスポットがある", "the ward office hosts a Job Spot"),
            inferred(seed("S0", "横浜市長コメント（現在では8区役所に広がっています）"), "the other five wards are not named in the source documents")
          )
        ])
  return exclude(
    "yokohama.outside_wards",
    lbl("ジョブスポット未設置区の居住者", "residents of wards without a Job Spot"),
    not("yokohama.ward.not_served", lbl("ジョブスポット設置区に居住していない", "does not live in a ward with a Job Spot"), served),
    version === "2013" ? yokohamaProposal("3(2)") : inferred(seed("S0", "横浜市長コメント"), "8 wards by FY2014"),
    version === "2013"
      ? lbl("平成25年度のジョブスポットは鶴見区・中区・瀬谷区のみのため対象外です", "Not served: in FY2013 Job Spots are only in Tsurumi, Naka and Seya wards")
      : lbl("居住区の区役所にジョブスポットがないため対象外です", "Not served: the ward office of residence has no Job Spot")
  )
}

/** Yokohama Job Spot (横浜市 ジョブスポット): three wards from 2013-04-15, eight by 2014. @category variants @since 0.1.0 */
export const yokohama: MunicipalSpec = {
  id: "yokohama.job_spot",
  labels: lbl("横浜市 ジョブスポット（区役所での一体的就労支援）", "Yokohama Job Spot (joint employment support in ward offices)"),
  municipality: lbl("横浜市", "Yokohama"),
  site: lbl("鶴見区役所・中区役所・瀬谷区役所（平成25年度）", "Tsurumi, Naka and Seya ward offices (FY2013)"),
  base: "national.hw_handoff",
  windows: [
    {
      version: "fy2013_three_wards",
      from: "2013-04-15",
      until: "2014-04-01",
      exceptions: [yokohamaWardExclusion("2013"), ...yokohamaGroups()],
      citation: seed("S0", "横浜市長コメント（平成25年4月15日に、3区役所で窓口をオープン）")
    },
    {
      version: "fy2014_eight_wards",
      from: "2014-04-01",
      exceptions: [yokohamaWardExclusion("2014"), ...yokohamaGroups()],
      citation: inferred(seed("S0", "横浜市長コメント（現在では8区役所に広がっています）"), "expansion dated from FY2014")
    }
  ],
  citations: [seed("S2", "平成24年11月8日 追加提案"), seed("S3", "市区町村 No.4 横浜市"), seed("S0", "横浜市長コメント")]
}

// ---------------------------------------------------------------------------------------------
// Sites that add people at the consultation / application stage
// ---------------------------------------------------------------------------------------------

const applicantInclusion = (city: string, ja: string, en: string, citation: Citation): ExceptionNode =>
  include(
    `${city}.applicant`,
    lbl(`生活保護の相談・申請段階の者（${ja}）`, `people at the public-assistance consultation or application stage (${en})`),
    all(`${city}.applicant.when`, lbl("相談・申請段階の者の要件", "test for people at the consultation stage"), [
      inGroups(`${city}.applicant.group`, ["welfare_applicant"], lbl("生活保護の相談・申請段階", "at the public-assistance consultation or application stage"), citation),
      ...handoffReadiness(`${city}.applicant`)
    ]),
    citation
  )

/** Koriyama (郡山市) ハローワークコーナー, 2013-10-01. @category variants @since 0.1.0 */
export const koriyama: MunicipalSpec = {
  id: "koriyama.hw_corner",
  labels: lbl("郡山市 ハローワークコーナー", "Koriyama Hello Work corner"),
  municipality: lbl("郡山市", "Koriyama"),
  site: lbl("郡山市役所内 ハローワークコーナー", "Hello Work corner in Koriyama city hall"),
  base: "national.hw_handoff",
  windows: [
    {
      version: "2013",
      from: "2013-10-01",
      exceptions: [applicantInclusion("koriyama", "郡山市", "Koriyama", seed("S0", "郡山市長コメント（生活保護の相談・申請段階の方を含めた生活困窮者）"))],
      citation: seed("S0", "郡山市長コメント（平成25年10月1日から市役所内に常設窓口）")
    }
  ],
  citations: [seed("S0", "郡山市長コメント")]
}

/** Takamatsu (高松市) ハローワーク高松・ジョブコーナー, 2013-10-01. @category variants @since 0.1.0 */
export const takamatsu: MunicipalSpec = {
  id: "takamatsu.job_corner",
  labels: lbl("高松市 ハローワーク高松・ジョブコーナー", "Takamatsu Hello Work job corner"),
  municipality: lbl("高松市", "Takamatsu"),
  site: lbl("高松市役所庁舎内 ジョブコーナー", "Job corner in Takamatsu city hall"),
  base: "national.hw_handoff",
  windows: [
    {
      version: "2013",
      from: "2013-10-01",
      exceptions: [applicantInclusion("takamatsu", "高松市", "Takamatsu", seed("S0", "高松市長コメント（その相談・申請段階にある生活困窮者等）"))],
      citation: seed("S0", "高松市長コメント（平成25年10月1日に開設）")
    }
  ],
  citations: [seed("S0", "高松市長コメント"), seed("S1", "第3章 高松（本文欠落）")]
}

/** Kurume (久留米市) 自立促進事業常設窓口, 2014-02-10. @category variants @since 0.1.0 */
export const kurume: MunicipalSpec = {
  id: "kurume.self_reliance_desk",
  labels: lbl("久留米市 ハローワーク久留米相談窓口（自立促進事業常設窓口）", "Kurume permanent self-reliance desk"),
  municipality: lbl("久留米市", "Kurume"),
  site: lbl("久留米市福祉事務所内", "in the Kurume welfare office"),
  base: "national.hw_handoff",
  windows: [
    {
      version: "2014",
      from: "2014-02-10",
      exceptions: [applicantInclusion("kurume", "久留米市", "Kurume", seed("S0", "久留米市長コメント（福祉事務所に生活相談に来られた方）"))],
      citation: seed("S0", "久留米市長コメント（平成26年2月10日からスタート）")
    }
  ],
  citations: [seed("S0", "久留米市長コメント（生活保護受給者等就労自立支援事業）")]
}

// ---------------------------------------------------------------------------------------------
// Okayama (岡山市) — two welfare offices
// ---------------------------------------------------------------------------------------------

const okayamaCitation = seed("S0", "岡山市長コメント（生活保護受給者、児童扶養手当受給者、住宅支援給付受給者等に対して相談時からの早期の就職支援）")

const okayamaExceptions = (offices: ReadonlyArray<string>, citation: Citation): ReadonlyArray<ExceptionNode> => [
  exclude(
    "okayama.other_office",
    lbl("福祉ジョブ・サポート・スペース併設の福祉事務所の管轄外", "outside the welfare offices that host a support space"),
    not(
      "okayama.office.not_served",
      lbl("併設福祉事務所の管轄ではない", "not under a hosting welfare office"),
      oneOf("okayama.office", "welfare_office", offices, lbl("併設福祉事務所の管轄", "under a hosting welfare office"), citation)
    ),
    citation,
    lbl("福祉ジョブ・サポート・スペースを併設した福祉事務所の管轄外のため対象外です", "Not served: the responsible welfare office hosts no support space")
  ),
  include(
    "okayama.early_support",
    lbl("住宅支援給付受給者・相談段階の者（相談時からの早期支援）", "housing-benefit recipients and consultees (support from the first consultation)"),
    all("okayama.early_support.when", lbl("早期支援の要件", "early-support test"), [
      inGroups(
        "okayama.early_support.group",
        ["housing_benefit_recipient", "welfare_applicant"],
        lbl("住宅支援給付（住宅手当）受給者又は生活保護の相談段階の者", "housing-benefit recipient or person consulting about public assistance"),
        seed("S3", "市区町村 No.12 岡山市（住宅手当受給者等の低所得者層）")
      ),
      ...handoffReadiness("okayama.early_support")
    ]),
    okayamaCitation
  )
]

/** Okayama (岡山市) 福祉ジョブ・サポート・スペース: 北区中央 from 2013-02, 南区南 from 2013-10. @category variants @since 0.1.0 */
export const okayama: MunicipalSpec = {
  id: "okayama.welfare_job_support_space",
  labels: lbl("岡山市 福祉ジョブ・サポート・スペース", "Okayama welfare job support space"),
  municipality: lbl("岡山市", "Okayama"),
  site: lbl("北区中央福祉事務所（平成25年2月）・南区南福祉事務所（平成25年10月）", "Kita-ku Chuo (2013-02) and Minami-ku Minami (2013-10) welfare offices"),
  base: "national.hw_handoff",
  windows: [
    {
      version: "kita_2013_02",
      from: "2013-02-01",
      until: "2013-10-01",
      exceptions: okayamaExceptions(["kita_chuo"], inferred(seed("S0", "岡山市長コメント（平成25年2月に北区中央福祉事務所に併設）"), "opening day taken as 1 February")),
      citation: inferred(seed("S0", "岡山市長コメント（平成25年2月）"), "opening day taken as 1 February")
    },
    {
      version: "kita_minami_2013_10",
      from: "2013-10-01",
      exceptions: okayamaExceptions(["kita_chuo", "minami"], seed("S0", "岡山市長コメント（平成25年10月に南区南福祉事務所内に開設）")),
      citation: seed("S0", "岡山市長コメント（平成25年10月 福祉ジョブ・サポート・スペース岡山南）")
    }
  ],
  citations: [seed("S0", "岡山市長コメント"), seed("S3", "市区町村 No.12 岡山市")]
}

// ---------------------------------------------------------------------------------------------
// Soja, Setouchi (Okayama prefecture)
// ---------------------------------------------------------------------------------------------

const sojaCitation = seed("S0", "総社市長コメント（生活困窮者、障がい者、日系外国人等に対するチーム支援）")

/** Soja (総社市) 就労支援ルーム inside Hello Work Soja, from 2011-07-01. @category variants @since 0.1.0 */
export const soja: MunicipalSpec = {
  id: "soja.employment_support_room",
  labels: lbl("総社市 就労支援ルーム（ハローワーク総社内）", "Soja employment support room (inside Hello Work Soja)"),
  municipality: lbl("総社市", "Soja"),
  site: lbl("ハローワーク総社 2階 就労支援ルーム", "Employment support room, Hello Work Soja"),
  base: "national.hw_handoff",
  windows: [
    {
      version: "2011",
      from: "2011-07-01",
      exceptions: [
        include(
          "soja.team_support",
          lbl("生活困窮者・障がい者・日系外国人（チーム支援）", "needy persons, disabled people, nikkei foreign residents (team support)"),
          all("soja.team_support.when", lbl("チーム支援の要件", "team-support test"), [
            inGroups(
              "soja.team_support.group",
              ["needy_person", "person_with_disability", "nikkei_foreign_resident"],
              lbl("生活困窮者、障がい者又は日系外国人", "needy person, disabled person or nikkei foreign resident"),
              sojaCitation
            ),
            wantsSupport("soja.team_support", sojaCitation),
            consents("soja.team_support", sojaCitation)
          ]),
          sojaCitation
        )
      ],
      citation: inferred(
        { source: "KCT news 2011-05-25 (就労支援ルームは7月1日から業務がスタート)", url: "https://www.tvkct2.chiroro-test.net/program/detail.php?id=4978" },
        "S0 gives 7月1日 without a year; the year 2011 comes from local news"
      )
    }
  ],
  citations: [sojaCitation, seed("S0", "総社市長コメント（障がい者千人雇用）")]
}

const setouchiCitation = seed("S0", "瀬戸内市長コメント（障害をお持ちの方、母子・父子家庭、子育て前後のお母さん、若年者）")

/** Setouchi (瀬戸内市) ジョブスポットせとうち, 2012-03-30. @category variants @since 0.1.0 */
export const setouchi: MunicipalSpec = {
  id: "setouchi.job_spot",
  labels: lbl("瀬戸内市 ジョブスポットせとうち", "Setouchi Job Spot"),
  municipality: lbl("瀬戸内市", "Setouchi"),
  site: lbl("瀬戸内市役所内 ジョブスポットせとうち", "Job Spot Setouchi in city hall"),
  base: "national.hw_handoff",
  windows: [
    {
      version: "2012",
      from: "2012-03-30",
      exceptions: [
        include(
          "setouchi.other_groups",
          lbl("障害者・ひとり親家庭・子育て前後の母・若年者", "disabled people, single-parent families, mothers around child-rearing, young people"),
          all("setouchi.other_groups.when", lbl("身近な利用者の要件", "test for the site's other users"), [
            inGroups(
              "setouchi.other_groups.group",
              ["person_with_disability", "single_parent", "parent_job_seeker", "youth"],
              lbl("障害者、ひとり親、子育て前後の母又は若年者", "disabled person, single parent, mother around child-rearing, or young person"),
              setouchiCitation
            ),
            wantsSupport("setouchi.other_groups", setouchiCitation),
            consents("setouchi.other_groups", setouchiCitation)
          ]),
          setouchiCitation
        )
      ],
      citation: seed("S0", "瀬戸内市長コメント（平成24年3月30日に開所）")
    }
  ],
  citations: [seed("S0", "瀬戸内市長コメント")]
}

// ---------------------------------------------------------------------------------------------
// General-public sites on the integrated job service: Kawanishi, Shinagawa
// ---------------------------------------------------------------------------------------------

const kawanishiCitation = seed("S0", "川西市長コメント（パートタイマー以外の一般の求職者も対象）")

/** Kawanishi (川西市) しごと・サポートセンター, renewed 2012-04. @category variants @since 0.1.0 */
export const kawanishiCentre: MunicipalSpec = {
  id: "kawanishi.work_support_centre",
  labels: lbl("川西市 川西しごと・サポートセンター", "Kawanishi work support centre"),
  municipality: lbl("川西市", "Kawanishi"),
  site: lbl("川西しごと・サポートセンター", "Kawanishi work support centre"),
  base: "national.integrated_job_service",
  windows: [
    {
      version: "2012",
      from: "2012-04-01",
      exceptions: [],
      citation: inferred(kawanishiCitation, "renewal of 平成24年4月 taken as 1 April")
    }
  ],
  citations: [kawanishiCitation]
}

const kawanishiYouthCitation = seed("S0", "川西市長コメント（若者キャリアサポート川西：概ね40歳未満の若年者）")

/** The soft youth limit of Kawanishi (概ね40歳未満). @category clauses @since 0.1.0 */
export const KAWANISHI_YOUTH_CLAUSE = "kawanishi.youth.under_40"

/** Kawanishi (川西市) 若者キャリアサポート川西: young people roughly under 40 (soft). @category variants @since 0.1.0 */
export const kawanishiYouth: MunicipalSpec = {
  id: "kawanishi.youth_career_support",
  labels: lbl("川西市 若者キャリアサポート川西", "Kawanishi youth career support"),
  municipality: lbl("川西市", "Kawanishi"),
  site: lbl("川西しごと・サポートセンター内", "inside the Kawanishi work support centre"),
  base: "national.integrated_job_service",
  windows: [
    {
      version: "2012",
      from: "2012-04-01",
      exceptions: [
        exclude(
          "kawanishi.youth.over_limit",
          lbl("概ね40歳以上の者（若年者向け窓口の対象外）", "people about 40 and over (outside the youth corner)"),
          not(
            "kawanishi.youth.not_young",
            lbl("概ね40歳未満ではない", "not roughly under 40"),
            age(
              KAWANISHI_YOUTH_CLAUSE,
              {
                max: 39,
                soft: true,
                whyNot: lbl("年齢 {value} 歳：若者キャリアサポートは概ね40歳未満が対象です（職員判断で利用可）", "Age {value}: the youth corner is for people roughly under 40 (staff may admit)")
              },
              lbl("概ね40歳未満", "roughly under 40"),
              kawanishiYouthCitation
            )
          ),
          kawanishiYouthCitation,
          lbl("若者キャリアサポート川西は概ね40歳未満が対象のため対象外です（職員判断で利用可）", "The youth corner is for people roughly under 40 (staff may admit with a reason)")
        )
      ],
      citation: inferred(kawanishiYouthCitation, "start of the youth corner taken from the centre's renewal in 2012-04")
    }
  ],
  citations: [kawanishiYouthCitation]
}

const shinagawaCentre = (section: string): Citation => seed("S4", section)

/** Shinagawa (品川区) 品川区就業センター, 2012-03-26: residents seeking work and home-work seekers. @category variants @since 0.1.0 */
export const shinagawaCentre_: MunicipalSpec = {
  id: "shinagawa.employment_centre",
  labels: lbl("品川区 品川区就業センター（職業相談・職業紹介、内職相談）", "Shinagawa employment centre (job counselling and placement, home work)"),
  municipality: lbl("品川区", "Shinagawa"),
  site: lbl("品川区立中小企業センター内 品川区就業センター", "Shinagawa employment centre, SME centre"),
  base: "national.integrated_job_service",
  windows: [
    {
      version: "2012",
      from: "2012-03-26",
      exceptions: [
        include(
          "shinagawa.homework",
          lbl("内職希望者（内職相談・あっ旋）", "home piece-work seekers (home-work counselling and brokering)"),
          inGroups("shinagawa.homework.group", ["homework_seeker"], lbl("内職を希望している", "looking for home piece-work"), shinagawaCentre("① 事業内容（内職就労支援員による内職相談・あっ旋）")),
          shinagawaCentre("① 事業内容（内職就労支援員による内職相談・あっ旋）")
        )
      ],
      citation: shinagawaCentre("平成24年3月26日事業開始")
    }
  ],
  citations: [shinagawaCentre("品川区(東京都)の一体的実施"), seed("S0", "品川区長コメント（平成26年4月1日）")]
}

/** Shinagawa (品川区) support for public-assistance recipients and mother-child households. @category variants @since 0.1.0 */
export const shinagawaWelfare: MunicipalSpec = {
  id: "shinagawa.welfare_support",
  labels: lbl("品川区 生活保護受給者等に対する就業支援事業", "Shinagawa employment support for public-assistance recipients etc."),
  municipality: lbl("品川区", "Shinagawa"),
  site: lbl("品川区就業センター（就労自立支援相談員・就職支援ナビゲーター）", "Shinagawa employment centre (city counsellor and HW navigator)"),
  base: "national.hw_handoff",
  windows: [
    {
      version: "2012",
      from: "2012-03-26",
      exceptions: [
        include(
          "shinagawa.single_parent",
          lbl("母子家庭等", "mother-child households etc."),
          all("shinagawa.single_parent.when", lbl("母子家庭等の要件", "test for mother-child households"), [
            inGroups("shinagawa.single_parent.group", ["single_parent"], lbl("母子家庭等（ひとり親）", "single-parent household"), shinagawaCentre("「品川区就業センター」について（生活保護受給者や母子家庭等への職業支援）")),
            ...handoffReadiness("shinagawa.single_parent")
          ]),
          shinagawaCentre("「品川区就業センター」について（生活保護受給者や母子家庭等への職業支援）")
        )
      ],
      citation: shinagawaCentre("① 事業内容（生活保護受給者等に対する就業支援）")
    }
  ],
  citations: [shinagawaCentre("① 事業内容"), shinagawaCentre("(1) 実施体制")]
}

/** The soft age limit of サポしながわ (おおむね55歳から). @category clauses @since 0.1.0 */
export const SAPO_SHINAGAWA_CLAUSE = "shinagawa.sapo.from_55"

const sapoCitation = shinagawaCentre("「品川区就業センター」について（平成24年7月 おおむね55歳からの無料職業紹介所「サポしながわ」移転）")

/** Shinagawa (品川区) サポしながわ: free placement office for people from about 55 (soft). @category variants @since 0.1.0 */
export const sapoShinagawa: MunicipalSpec = {
  id: "shinagawa.sapo_shinagawa",
  labels: lbl("品川区 サポしながわ（おおむね55歳からの無料職業紹介所）", "Shinagawa 'Sapo Shinagawa' (free placement from about 55)"),
  municipality: lbl("品川区", "Shinagawa"),
  site: lbl("品川区立中小企業センター内 サポしながわ", "Sapo Shinagawa, SME centre"),
  base: "national.integrated_job_service",
  windows: [
    {
      version: "2012_07",
      from: "2012-07-01",
      exceptions: [
        exclude(
          "shinagawa.sapo.under_limit",
          lbl("おおむね55歳未満の者", "people under about 55"),
          not(
            "shinagawa.sapo.not_senior",
            lbl("おおむね55歳以上ではない", "not about 55 or over"),
            age(
              SAPO_SHINAGAWA_CLAUSE,
              {
                min: 55,
                soft: true,
                whyNot: lbl("年齢 {value} 歳：サポしながわはおおむね55歳からが対象です（職員判断で利用可）", "Age {value}: Sapo Shinagawa serves people from about 55 (staff may admit)")
              },
              lbl("おおむね55歳以上", "about 55 or over"),
              sapoCitation
            )
          ),
          sapoCitation,
          lbl("サポしながわはおおむね55歳からが対象のため対象外です（職員判断で利用可）", "Sapo Shinagawa serves people from about 55 (staff may admit with a reason)")
        )
      ],
      citation: inferred(sapoCitation, "move in 平成24年7月 taken as 1 July")
    }
  ],
  citations: [sapoCitation, seed("S0", "品川区長コメント（隣接するおおむね55歳からの無料職業紹介所「サポしながわ」）")]
}

// ---------------------------------------------------------------------------------------------
// Soka (草加市) — Job Spot Soka and the silver centre
// ---------------------------------------------------------------------------------------------

const sokaCitation = (section: string): Citation => seed("S1", `第3章 No.2 ジョブスポット草加 ${section}`)

/** Soka (草加市) ジョブスポット草加: agreement of 2015-06-23; needy persons and recipients (the national groups). @category variants @since 0.1.0 */
export const sokaJobSpot: MunicipalSpec = {
  id: "soka.job_spot",
  labels: lbl("草加市 ジョブスポット草加", "Soka Job Spot"),
  municipality: lbl("草加市", "Soka"),
  site: lbl("草加市役所別館 ジョブスポット草加", "Job Spot Soka, city hall annex"),
  base: "national.hw_handoff",
  windows: [
    {
      version: "2015",
      from: "2015-06-23",
      exceptions: [],
      citation: sokaCitation("（平成27年6月23日 協定、生活困窮者・生活保護受給者等を支援対象）")
    }
  ],
  citations: [sokaCitation("事業の概要")]
}

/** The Soka silver-centre age clause (60歳以上). @category clauses @since 0.1.0 */
export const SOKA_SILVER_AGE_CLAUSE = "soka.silver.age_60"

const silverCitation = sokaCitation("草加市シルバー人材センターとの連携（60歳以上の方のうち常用就職が困難な方）")

/** Soka: referral of job-seekers 60+ who are unlikely to get regular work to the silver centre. @category variants @since 0.1.0 */
export const sokaSilver: MunicipalSpec = {
  id: "soka.silver_centre_referral",
  labels: lbl("草加市 シルバー人材センターへの紹介", "Soka referral to the Silver Human Resources Center"),
  municipality: lbl("草加市", "Soka"),
  site: lbl("ジョブスポット草加に隣接 草加市シルバー人材センター", "Soka Silver Human Resources Center, next to Job Spot Soka"),
  base: "national.integrated_job_service",
  windows: [
    {
      version: "2015",
      from: "2015-06-23",
      exceptions: [
        exclude(
          "soka.silver.not_referred",
          lbl("60歳未満、又は常用就職が困難でない者", "under 60, or likely to find regular work"),
          not(
            "soka.silver.not_eligible",
            lbl("60歳以上で常用就職が困難、に該当しない", "not (60+ and unlikely to get regular work)"),
            all("soka.silver.eligible", lbl("60歳以上で常用就職が困難", "60+ and unlikely to get regular work"), [
              age(
                SOKA_SILVER_AGE_CLAUSE,
                { min: 60, whyNot: lbl("年齢 {value} 歳：シルバー人材センターは60歳以上が対象です", "Age {value}: the silver centre is for people 60 and over") },
                lbl("60歳以上", "60 or over"),
                silverCitation
              ),
              flag("soka.silver.regular_difficult", "regular_employment_difficult", lbl("常用就職が困難", "unlikely to get regular employment"), silverCitation)
            ])
          ),
          silverCitation,
          lbl("60歳以上で常用就職が困難な方ではないため、シルバー人材センターへの紹介の対象外です", "Not referred to the silver centre: only people 60+ who are unlikely to get regular work")
        )
      ],
      citation: silverCitation
    }
  ],
  citations: [silverCitation, page("P24", "シルバー人材センター（原則60歳以上）")]
}

// ---------------------------------------------------------------------------------------------
// Kushiro (釧路市)
// ---------------------------------------------------------------------------------------------

const kushiroHandoffCitation = seed("S1", "第2章 No.1 北海道釧路市 ハローワーク等との連携（就労意欲が高く直ちに求職活動を行える相談者を常設窓口にワンストップでつなぐ）")

/** Kushiro (釧路市) Hello Work desk in the welfare office: only people who can job-hunt at once. @category variants @since 0.1.0 */
export const kushiroDesk: MunicipalSpec = {
  id: "kushiro.hw_desk",
  labels: lbl("釧路市 生活福祉事務所内ハローワーク常設窓口", "Kushiro Hello Work desk in the welfare office"),
  municipality: lbl("釧路市", "Kushiro"),
  site: lbl("釧路市生活福祉事務所（生活保護部門）内 常設窓口", "Permanent desk in the Kushiro welfare office"),
  base: "national.hw_handoff",
  windows: [
    {
      version: "2013",
      from: "2013-04-01",
      exceptions: [
        exclude(
          "kushiro.not_ready_now",
          lbl("直ちに求職活動を行えない者（中間的就労・ボランティアへ）", "people who cannot job-hunt at once (to intermediate work or volunteering)"),
          not(
            "kushiro.not_ready_now.when",
            lbl("直ちに求職活動を行えない", "cannot start job-hunting at once"),
            flag("kushiro.ready_now", "ready_to_job_hunt_now", lbl("直ちに求職活動を行える", "can start job-hunting at once"), kushiroHandoffCitation)
          ),
          kushiroHandoffCitation,
          lbl("直ちに求職活動を行える段階ではないため、中間的就労・ボランティア等で支援します", "Not ready to job-hunt now: supported through intermediate work or volunteering")
        )
      ],
      citation: inferred(kushiroHandoffCitation, "the desk's opening date is not in the source documents; dated from the national programme (FY2013)")
    }
  ],
  citations: [seed("S1", "第2章 No.1 北海道釧路市")]
}

/** Kushiro's housing security benefit: adds "able and willing to work" (P19). @category variants @since 0.1.0 */
export const kushiroHousing: MunicipalSpec = {
  id: "kushiro.housing_benefit",
  labels: lbl("釧路市 住居確保給付金", "Kushiro housing security benefit"),
  municipality: lbl("釧路市", "Kushiro"),
  site: lbl("釧路市（自立相談支援機関）", "Kushiro (consultation service)"),
  base: "national.housing_benefit",
  windows: [
    {
      version: "2015",
      from: "2015-04-01",
      exceptions: [
        exclude(
          "kushiro.housing.not_able_willing",
          lbl("就労能力及び就労意欲のない者", "people not able and willing to work"),
          not(
            "kushiro.housing.not_able_willing.when",
            lbl("就労能力と就労意欲がある、に該当しない", "not (able and willing to work)"),
            all("kushiro.housing.able_willing", lbl("就労能力と就労意欲がある", "able and willing to work"), [
              flag("kushiro.housing.able", "able_to_work", lbl("就労能力がある", "able to work"), page("P19", "就労能力及び就労意欲のある方")),
              flag("kushiro.housing.willing", "motivated", lbl("就労意欲がある", "willing to work"), page("P19", "就労能力及び就労意欲のある方"))
            ])
          ),
          page("P19", "就労能力及び就労意欲のある方"),
          lbl("釧路市の住居確保給付金は就労能力と就労意欲のある方が対象です", "Kushiro's housing benefit is for people able and willing to work")
        )
      ],
      citation: page("P19", "釧路市 住居確保給付金")
    }
  ],
  citations: [page("P19")]
}

/** Every municipal variant of the catalogue (eleven municipalities). @category variants @since 0.1.0 */
export const allMunicipal: ReadonlyArray<MunicipalSpec> = [
  yokohama,
  koriyama,
  shinagawaCentre_,
  shinagawaWelfare,
  sapoShinagawa,
  takamatsu,
  okayama,
  soja,
  kawanishiCentre,
  kawanishiYouth,
  kurume,
  setouchi,
  sokaJobSpot,
  sokaSilver,
  kushiroDesk,
  kushiroHousing
]
