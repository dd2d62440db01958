/**
 * Household means tests (世帯の収入・資産要件) as rules over household members (世帯員), for
 * municipalities that evaluate the income and asset tests themselves instead of recording a
 * finding (`household_income_within_limit`, `household_assets_within_limit`).
 *
 * The limits (基準額) depend on the municipality (級地) and the household size, and the sources
 * give no figures (P23 says only that the tests are per household). So the catalogue ships the
 * *shape* of the test; a municipality supplies its table. Built with the core's household
 * aggregates: `count` of members and `sum` of a member field.
 *
 * @since 0.1.0
 * @module
 */
import { Rule } from "@jiritsu/core"
import type { Citation } from "./Sources.ts"

/**
 * A municipality's limit table, by household size: entry `i` applies to households of `i + 1`
 * members; the last entry applies to that size and larger.
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * const limits: Household.MeansLimits = { monthlyIncome: [84_000, 130_000, 172_000], assets: [504_000, 780_000, 1_000_000], citation: Sources.law("みらい市 住居確保給付金事務取扱要領（例）", "収入・資産要件") } // by household size 1, 2, 3
 * ```
 */
export interface MeansLimits {
  /** Monthly household income limit in yen (月額の世帯収入の上限). */
  readonly monthlyIncome: ReadonlyArray<number>
  /** Household asset limit in yen (世帯の金融資産の上限). */
  readonly assets: ReadonlyArray<number>
  readonly citation: Citation
}

/**
 * The member fields the test reads: `monthly_income` and `assets` of each member of `household`. @category model @since 0.1.0
 * @example
 * ```ts
 * Household.memberFields.income // "monthly_income"
 * ```
 */
export const memberFields = { income: "monthly_income", assets: "assets" } as const

const yen = (n: number): string => n.toLocaleString("ja-JP")

/**
 * The means test: for the household's size, the sum of members' monthly income and the sum of
 * their assets are within the limits. An unknown member figure leaves it undetermined, and the
 * verdict names it (e.g. `household[1].monthly_income`).
 * @category constructors
 * @since 0.1.0
 * @example
 * ```ts
 * const rule = Household.meansTest("kushiro.housing", { monthlyIncome: [84_000, 130_000], assets: [504_000, 780_000], citation: Sources.law("みらい市 住居確保給付金事務取扱要領（例）", "収入・資産要件") })
 * Rule.factsOf(rule) // ["household", "household[].monthly_income", "household[].assets"]
 * ```
 */
export const meansTest = (prefix: string, limits: MeansLimits): Rule.Rule => {
  if (limits.monthlyIncome.length === 0 || limits.monthlyIncome.length !== limits.assets.length) {
    throw new RangeError("Household.meansTest: income and asset tables must be non-empty and of the same length")
  }
  const cite = { citation: limits.citation }
  const last = limits.monthlyIncome.length
  return Rule.any(
    { id: `${prefix}.means`, ja: "世帯の収入・資産が基準額以下", en: "household income and assets within the limits", ...cite },
    limits.monthlyIncome.map((income, i) => {
      const size = i + 1
      const orMore = size === last
      const assets = limits.assets[i]!
      return Rule.all({ id: `${prefix}.means.size_${size}`, ja: `世帯員${size}人${orMore ? "以上" : ""}の基準`, en: `limits for ${size}${orMore ? "+" : ""} members`, ...cite }, [
        Rule.count(
          { id: `${prefix}.means.size_${size}.members`, ja: `世帯員が${size}人${orMore ? "以上" : ""}`, en: `${size}${orMore ? " or more" : ""} household members`, ...cite },
          "household",
          { op: orMore ? "gte" : "eq", value: size }
        ),
        Rule.aggregate(
          { id: `${prefix}.means.size_${size}.income`, ja: `世帯の月収合計が${yen(income)}円以下`, en: `household monthly income ≤ ¥${yen(income)}`, ...cite },
          "household",
          { fn: "sum", field: memberFields.income, op: "lte", value: income }
        ),
        Rule.aggregate(
          { id: `${prefix}.means.size_${size}.assets`, ja: `世帯の資産合計が${yen(assets)}円以下`, en: `household assets ≤ ¥${yen(assets)}`, ...cite },
          "household",
          { fn: "sum", field: memberFields.assets, op: "lte", value: assets }
        )
      ])
    })
  )
}
