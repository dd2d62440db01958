/**
 * Display formatting only — figures arrive computed from the API; this turns them into text.
 * Japanese dates and fiscal years use the core's era labels (令和7年4月1日, 令和7年度).
 */
import { Metric, Period } from "@jiritsu/core"
import type { Lang } from "./Messages.ts"
import { format } from "./Messages.ts"

const enDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })
const enMonth = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" })
const numberFormats: { readonly [L in Lang]: Intl.NumberFormat } = {
  ja: new Intl.NumberFormat("ja-JP", { maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 })
}

const utc = (d: string): Date => new Date(`${d}T00:00:00Z`)

/** 2025-04-01 → 令和7年4月1日 / 1 Apr 2025. */
export const date = (d: Period.LocalDate, lang: Lang): string => (lang === "ja" ? Period.formatEra(d) : enDate.format(utc(d)))

/** An instant shown as its calendar date in Japan (JST). */
export const instantDate = (i: Period.Instant, lang: Lang): string => date(jstDate(i), lang)

const JST_OFFSET_MS = 9 * 60 * 60 * 1000
const jstDate = (i: Period.Instant): Period.LocalDate => new Date(Date.parse(i) + JST_OFFSET_MS).toISOString().slice(0, 10) as Period.LocalDate

/** 2025-04 → 令和7年4月 / Apr 2025. */
export const month = (ym: Period.YearMonth, lang: Lang): string => {
  if (lang === "en") return enMonth.format(utc(Period.firstDayOf(ym)))
  const e = Period.toEra(Period.firstDayOf(ym))
  return `${e.era}${e.year === 1 ? "元" : e.year}年${e.month}月`
}

/** 2025 → 令和7年度 / FY2025. */
export const fiscalYear = (fy: Period.FiscalYear, lang: Lang): string => (lang === "ja" ? Period.fiscalYearLabel(fy) : `FY${fy}`)

/** A plain number in the user's locale (at most one decimal). */
export const number = (n: number, lang: Lang): string => numberFormats[lang].format(n)

/** 0.6734 → 67.3%. */
export const percent = (x: number, lang: Lang): string => `${numberFormats[lang].format(Math.round(x * 1000) / 10)}%`

/** A bilingual label in the user's language. */
export const label = (l: Metric.Label, lang: Lang): string => (lang === "ja" ? l.ja : l.en) || l.ja || l.en

/**
 * A metric value as text: counts and averages as numbers, rates as percentages unless `rateAs`
 * says they are plain numbers (a per-100k rate); an undefined value says "not defined".
 */
export const metricValue = (v: Metric.MetricValue, lang: Lang, options: { readonly rateAs?: "percent" | "number" } = {}): string => {
  switch (v._tag) {
    case "Count":
    case "Average":
      return number(v.value, lang)
    case "Rate":
      return options.rateAs === "number" ? number(v.value, lang) : percent(v.value, lang)
    case "NotDefined":
      return format(lang, "notDefined")
  }
}

/** The number inside a value, for a chart (undefined values are gaps). */
export const chartValue = (v: Metric.MetricValue): number | null => Metric.numberOf(v) ?? null
