// Shinagawa's business-plan targets (品川区就業センター 事業計画), FY2012 and FY2013, as data
// built on the core's Target mechanism. Source: seed 004 (S4) "(2) 事業目標と取組状況".
// Exported through Municipal.ts.
import { Period, type Target } from "@jiritsu/core"

/** The site id used by the Shinagawa plans' filters (品川区就業センター, opened 2012-03-26). @category target plans @since 0.1.0 */
export const SHINAGAWA_SITE = "shinagawa_employment_centre"

const SOURCE = "品川区の一体的実施（協定・事業計画・平成24〜25年度目標と実績） (2) 事業目標と取組状況"

// 生活保護受給者等: recipients of public assistance and mother-child households (S4: 生活保護受給者や母子家庭等);
// reading 等 as single parents and child-rearing-allowance recipients is an inference (docs/glossary.md).
const WELFARE_GROUPS = ["welfare_recipient", "child_rearing_allowance_recipient", "single_parent"]

const programmes = {
  residents: { ja: "地域住民に対する就職支援事業", en: "job support for residents" },
  welfare: { ja: "生活保護受給者等に対する就業支援事業", en: "employment support for public-assistance recipients etc." },
  homework: { ja: "内職相談・あっ旋事業", en: "home-work consultation and brokering" },
  employers: { ja: "事業者の経営・雇用支援事業", en: "management and hiring support for employers" }
} as const

const targetsOf = (
  fy: Period.FiscalYear,
  values: { counselling: number; placements: number; welfare: number; homework: number; employers: number },
  citation: string,
  withBrokeringBreakdown: boolean
): ReadonlyArray<Target.Target> => {
  const window = Period.fiscalYearWindow(fy)
  const common = { fiscalYear: fy, window, comparator: ">=" as const, citation }
  const site = { sites: [SHINAGAWA_SITE] }
  return [
    {
      ...common,
      id: "resident_counselling",
      programme: programmes.residents,
      label: { ja: "職業相談・職業紹介", en: "job counselling and referral" },
      metric: "consultations",
      filter: site,
      value: values.counselling,
      basis: "monthly-average"
    },
    {
      ...common,
      id: "resident_placements",
      programme: programmes.residents,
      label: { ja: "就職件数", en: "job placements" },
      metric: "placements",
      filter: site,
      value: values.placements,
      basis: "annual-total"
    },
    {
      ...common,
      id: "welfare_counselling",
      programme: programmes.welfare,
      label: { ja: "職業相談・職業紹介（生活保護受給者等）", en: "job counselling and referral (public-assistance recipients etc.)" },
      metric: "consultations",
      filter: { ...site, targetGroups: WELFARE_GROUPS },
      value: values.welfare,
      basis: "monthly-average"
    },
    {
      ...common,
      id: "homework",
      programme: programmes.homework,
      label: { ja: "内職相談・あっ旋", en: "home-work consultation and brokering" },
      metric: "homework_contacts",
      filter: site,
      value: values.homework,
      basis: "annual-total",
      ...(withBrokeringBreakdown ? { breakdown: { metric: "homework_brokerings", label: { ja: "あっ旋", en: "brokered" } } } : {})
    },
    {
      ...common,
      id: "employer_information",
      programme: programmes.employers,
      label: { ja: "事業主に対する採用・雇用見込み等の情報収集", en: "information gathering from employers (hiring outlook)" },
      metric: "employer_contacts",
      filter: site,
      value: values.employers,
      basis: "annual-total"
    }
  ]
}

const FY2012 = 2012 as Period.FiscalYear
const FY2013 = 2013 as Period.FiscalYear

/**
 * 平成24年度 品川区就業センター 事業計画: 月間延べ800人以上の職業相談・職業紹介, 就職年間400件,
 * 生活保護受給者等 月間延べ60人以上, 内職相談・あっ旋 延べ50人以上, 情報収集 延べ100社以上.
 * The placement target reads "年間400件" without 以上; it is taken as a floor (>=). The FY2012 actuals
 * give no brokered sub-figure, so this plan reports none.
 * @category target plans
 * @since 0.1.0
 */
export const shinagawaPlanFY2012: Target.Plan = {
  id: "shinagawa_fy2012",
  label: { ja: "品川区就業センター 事業計画", en: "Shinagawa Employment Centre business plan" },
  fiscalYear: FY2012,
  targets: targetsOf(FY2012, { counselling: 800, placements: 400, welfare: 60, homework: 50, employers: 100 }, `${SOURCE} (参考)24年度目標`, false),
  citation: SOURCE
}

/**
 * 平成25年度 品川区就業センター 事業計画: 月間延べ1,200人以上の職業相談・職業紹介, 就職件数年間500件,
 * 生活保護受給者等 月間延べ90人以上, 年間延べ100人以上の内職相談・あっ旋, 年間延べ120社以上の情報収集.
 * @category target plans
 * @since 0.1.0
 */
export const shinagawaPlanFY2013: Target.Plan = {
  id: "shinagawa_fy2013",
  label: { ja: "品川区就業センター 事業計画", en: "Shinagawa Employment Centre business plan" },
  fiscalYear: FY2013,
  targets: targetsOf(FY2013, { counselling: 1200, placements: 500, welfare: 90, homework: 100, employers: 120 }, `${SOURCE} 25年度事業目標`, true),
  citation: SOURCE
}
