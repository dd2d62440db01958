/**
 * Dates — the date notations of Japanese core-system exports (日付の書式), read through the core's
 * `Period` so that a date the calendar does not have is an error, never a shifted day.
 *
 * Formats (a mapping lists the ones a column may use, tried in order):
 * - `iso` — `2023-04-01`
 * - `slash` — `2023/04/01`, `2023/4/1`
 * - `compact` — `20230401`
 * - `kanji` — `2023年4月1日`
 * - `era` — `令和5年4月1日`, `平成31年4月30日`, `令和元年5月1日` (和暦, 元年 for year 1)
 * - `era-short` — `R5.4.1`, `H31/04/30`, `S63.12.31` (M/T/S/H/R + year.month.day)
 *
 * Every input is NFKC-normalised first, so full-width digits and separators (`２０２３／４／１`,
 * `令和５年４月１日`) read as their ASCII forms. An era date outside its era (平成31年5月1日: 令和
 * began on 2019-05-01) is rejected with the reason.
 *
 * @since 0.1.0
 * @module
 */
import { Period } from "@jiritsu/core"
import { Result, Schema } from "effect"

/**
 * A date notation (日付書式). @category formats @since 0.1.0
 * @example
 * ```ts
 * const formats: ReadonlyArray<Dates.DateFormat> = ["era", "era-short", "slash"] // 令和5年4月1日, R5.4.1, 2023/4/1
 * ```
 */
export const DateFormat = Schema.Literals(["iso", "slash", "compact", "kanji", "era", "era-short"])
/** @category formats */
export type DateFormat = typeof DateFormat.Type

/**
 * Why a text is not a date, in Japanese and English. @category errors @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const r = Dates.parse("平成31年5月1日", ["era"]) // 平成 ended on 30 April 2019
 * if (Result.isFailure(r)) {
 *   const problem: Dates.DateProblem = r.failure
 *   console.log(problem.reasonEn)
 * }
 * ```
 */
export interface DateProblem {
  readonly reasonJa: string
  readonly reasonEn: string
}

const WESTERN: ReadonlyArray<{ readonly format: DateFormat; readonly pattern: RegExp }> = [
  { format: "iso", pattern: /^(\d{4})-(\d{2})-(\d{2})$/ },
  { format: "slash", pattern: /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/ },
  { format: "compact", pattern: /^(\d{4})(\d{2})(\d{2})$/ },
  { format: "kanji", pattern: /^(\d{4})年(\d{1,2})月(\d{1,2})日$/ }
]

const ERA_LETTERS: Readonly<Record<string, Period.EraName>> = { M: "明治", T: "大正", S: "昭和", H: "平成", R: "令和" }
const ERA_SHORT = /^([MTSHR])(\d{1,2})[./-](\d{1,2})[./-](\d{1,2})$/i
const ERA_LONG = /^(明治|大正|昭和|平成|令和)(元|\d{1,2})年(\d{1,2})月(\d{1,2})日$/

const notADay = (text: string): DateProblem => ({
  reasonJa: `「${text}」は暦に存在しない日付です`,
  reasonEn: `"${text}" is not a day of the calendar`
})

const fromEraParts = (era: Period.EraName, year: number, month: number, day: number, text: string): Result.Result<Period.LocalDate, DateProblem> => {
  if (year < 1) return Result.fail({ reasonJa: `「${text}」の年が不正です（元年または1以上）`, reasonEn: `"${text}": the era year must be 元年 or at least 1` })
  const r = Period.fromEra({ era, year, month, day })
  return Result.isSuccess(r)
    ? Result.succeed(r.success)
    : Result.fail({
        reasonJa: `「${text}」は${era}の期間外か暦にない日付です（${r.failure.reason}）`,
        reasonEn: `"${text}" is not a day of the ${era} era (${r.failure.reason})`
      })
}

const tryFormat = (format: DateFormat, s: string, text: string): Result.Result<Period.LocalDate, DateProblem> | undefined => {
  if (format === "era") {
    const m = ERA_LONG.exec(s)
    return m === null ? undefined : fromEraParts(m[1] as Period.EraName, m[2] === "元" ? 1 : Number(m[2]), Number(m[3]), Number(m[4]), text)
  }
  if (format === "era-short") {
    const m = ERA_SHORT.exec(s)
    return m === null ? undefined : fromEraParts(ERA_LETTERS[m[1]!.toUpperCase()]!, Number(m[2]), Number(m[3]), Number(m[4]), text)
  }
  const spec = WESTERN.find((w) => w.format === format)!
  const m = spec.pattern.exec(s)
  if (m === null) return undefined
  const d = Period.fromParts(Number(m[1]), Number(m[2]), Number(m[3]))
  return d === undefined ? Result.fail(notADay(text)) : Result.succeed(d)
}

const formatExamples: Readonly<Record<DateFormat, string>> = {
  iso: "2023-04-01",
  slash: "2023/04/01",
  compact: "20230401",
  kanji: "2023年4月1日",
  era: "令和5年4月1日",
  "era-short": "R5.4.1"
}

/**
 * Reads a date in one of `formats` (tried in order; the first whose shape matches decides).
 * @category parsing
 * @since 0.1.0
 * @example
 * ```ts
 * Dates.parse("令和5年4月1日", ["era"]) // Success "2023-04-01"
 * Dates.parse("R5.4.1", ["era-short"]) // Success "2023-04-01"
 * Dates.parse("2023/02/30", ["slash"]) // Failure: 30 February is not a date
 * ```
 */
export const parse = (text: string, formats: ReadonlyArray<DateFormat>): Result.Result<Period.LocalDate, DateProblem> => {
  const s = text.normalize("NFKC").replace(/\s+/g, "")
  for (const format of formats) {
    const r = tryFormat(format, s, text)
    if (r !== undefined) return r
  }
  const examples = formats.map((f) => formatExamples[f]).join(", ")
  return Result.fail({
    reasonJa: `「${text}」は日付として読めません（書式の例: ${examples}）`,
    reasonEn: `"${text}" is not a date in the expected formats (e.g. ${examples})`
  })
}

/**
 * Every format, in the order a mapping without `formats` tries them. @category formats @since 0.1.0
 * @example
 * ```ts
 * Dates.parse("20230401", Dates.allFormats) // Success "2023-04-01"
 * ```
 */
export const allFormats: ReadonlyArray<DateFormat> = ["iso", "slash", "compact", "kanji", "era", "era-short"]
