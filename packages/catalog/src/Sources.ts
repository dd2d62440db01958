/**
 * Sources (出典) the catalogue cites: five source documents (S0–S4), statutes and notices, and
 * public pages (P2…), each described in docs/sources.md.
 *
 * Every clause of every catalogue rule carries a citation built here, so that a verdict's trace
 * can say which paragraph of which document a condition comes from.
 *
 * @since 0.1.0
 * @module
 */
import { Schema } from "effect"

/**
 * A citation (出典): the source key (`S0`…`S4`, `P2`…`P56`, or a statute/notice), the section,
 * heading or paragraph, and a URL where one exists. The same shape as the core's rule citations.
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * const c: Sources.Citation = Sources.page("P2", "平成25年度〜 生活保護受給者等就労自立促進事業")
 * ```
 */
export const Citation = Schema.Struct({
  source: Schema.NonEmptyString,
  section: Schema.optionalKey(Schema.String),
  url: Schema.optionalKey(Schema.String)
})
/** @category model */
export type Citation = typeof Citation.Type

/**
 * The source documents' keys. @category documents @since 0.1.0
 * @example
 * ```ts
 * const key: Sources.SeedKey = "S4"
 * ```
 */
export const SeedKey = Schema.Literals(["S0", "S1", "S2", "S3", "S4"])
/** @category documents */
export type SeedKey = typeof SeedKey.Type

/**
 * The source documents (原資料): their public titles in Japanese (as cited) and a short description in
 * English.
 * @category documents
 * @since 0.3.0
 * @example
 * ```ts
 * Sources.documents.S0.ja // "一体的実施に関する市区長コメント集（2013–14年頃）"
 * ```
 */
export const documents: Readonly<Record<SeedKey, { readonly ja: string; readonly en: string }>> = {
  S0: {
    ja: "一体的実施に関する市区長コメント集（2013–14年頃）",
    en: "Mayors' statements on city + Hello Work desks, c. 2013–14"
  },
  S1: {
    ja: "生活困窮者自立支援制度と関係機関の連携事例集（日本能率協会総合研究所、令和4年3月）",
    en: "MHLW-funded casebook, JMA Research Institute, March 2022"
  },
  S2: {
    ja: "横浜市 一体的実施の提案（平成23年3月31日・平成24年11月8日）",
    en: "Yokohama proposals, 2011-03-31 and 2012-11-08"
  },
  S3: {
    ja: "地方自治体と厚生労働省が直接協議中の提案一覧（平成24年末頃）",
    en: "MHLW list of municipal proposals under negotiation, c. late 2012"
  },
  S4: {
    ja: "品川区の一体的実施（協定・事業計画・平成24〜25年度目標と実績）",
    en: "Shinagawa: agreement, business plan, FY2012–13 targets and actuals"
  }
}

/**
 * Public pages the catalogue cites, by key (listed in docs/sources.md).
 * @category public sources
 * @since 0.1.0
 * @example
 * ```ts
 * Sources.publicPages.P2 // "https://judgit.net/projects/9164"
 * ```
 */
export const publicPages = {
  P2: "https://judgit.net/projects/9164",
  P3: "https://seikathuhogomanabou.com/syuurouziritusokusinzigyou",
  P4: "https://www.mhlw.go.jp/topics/2006/bukyoku/syokuan/09.html",
  P5: "https://heart-clinic.net/?p=214",
  P6: "https://tabbycatnote.net/archives/182",
  P7: "https://www.mhlw.go.jp/topics/bukyoku/syakai/z-fukushi/data/data04.html",
  P8: "https://public2.legalcrud.com/izumo_city/reiki/act/110001525.html",
  P16: "https://www.pref.aichi.jp/soshiki/chiikifukushi/seikatsukonkyu.html",
  P17: "https://www.mhlw.go.jp/stf/seisakunitsuite/bunya/0000059382.html",
  P18: "http://www.shugiin.go.jp/internet/itdb_gian.nsf/html/gian/honbun/houan/g21309009.htm",
  P19: "https://www.city.kushiro.lg.jp/kenfuku/fukushi/1005014/1005015.html",
  P20: "https://www.pref.tokushima.lg.jp/ippannokata/kenko/chiikifukushi/7215727",
  P21: "https://word.place/w/%E4%BD%8F%E5%AE%85%E6%94%AF%E6%8F%B4%E7%B5%A6%E4%BB%98.html",
  P22: "https://b.hatena.ne.jp/goat_zzz/%E9%9B%87%E7%94%A8",
  P23: "https://www.wam.go.jp/wamappl/shqa.nsf/vQA/9AF5A48A94DC8BFD49257FF1002F2C33",
  P24: "https://www.wam.go.jp/content/wamnet/pcpub/top/fukushiworkguide/jobguideworkplace/jobguide_wkpl76.html",
  P25: "https://meddetoxexh.pages.dev/posts/zrqqrgbkrku-1ed4e2ae1509db6fc01bd2f3836d4835",
  P27: "https://paperzz.com/doc/5405220/",
  P32: "https://www-city-kurashiki-okayama-jp.cache.yimg.jp/fukushi/welfare/1013554/1015437/1004313.html",
  P34: "http://www.city.kawanishi.hyogo.jp/kurashi/fukushi_kaigo/seikatusien/1015695/index.html",
  P35: "https://www.city.kushiro.lg.jp/kenfuku/fukushi/1005006/1005011.html",
  P38: "https://fdocument.pub/document/ecceecicei-mhlwgojp-1-oece.html",
  P42: "https://expydoc.com/doc/9784585/",
  P43: "http://yomande.com/joubun/330_chihoujichi/part2/cp9_pg1.html"
} as const

/**
 * A public page key the catalogue cites. @category public sources
 * @example
 * ```ts
 * const key: Sources.PublicPageKey = "P2"
 * ```
 */
export type PublicPageKey = keyof typeof publicPages

/**
 * Cites a source document by its title at a section, heading or municipality paragraph, e.g.
 * `seed("S2", "平成24年11月8日 提案 3(3) 支援対象")`.
 * @category constructors
 * @since 0.1.0
 * @example
 * ```ts
 * Sources.seed("S4", "No.1 北海道釧路市") // { source: "生活困窮者自立支援制度と関係機関の連携事例集…", section: "No.1 北海道釧路市" }
 * ```
 */
export const seed = (key: SeedKey, section: string): Citation => ({ source: documents[key].ja, section })

/**
 * Cites a public page (with its URL), optionally at a section.
 * @category constructors
 * @since 0.1.0
 * @example
 * ```ts
 * Sources.page("P4") // { source: "P4", url: "https://www.mhlw.go.jp/topics/2006/bukyoku/syokuan/09.html" }
 * ```
 */
export const page = (key: PublicPageKey, section?: string): Citation =>
  section === undefined ? { source: key, url: publicPages[key] } : { source: key, section, url: publicPages[key] }

/**
 * Cites a statute or notice (法令・通知), e.g. `law("生活困窮者自立支援法", "第3条")`.
 * @category constructors
 * @since 0.1.0
 * @example
 * ```ts
 * Sources.law(Sources.neediesAct, "第9条第1項") // { source: "生活困窮者自立支援法（平成25年法律第105号）", section: "第9条第1項" }
 * ```
 */
export const law = (name: string, article: string, via?: PublicPageKey): Citation =>
  via === undefined
    ? { source: name, section: article }
    : { source: name, section: `${article} (via ${via})`, url: publicPages[via] }

/**
 * Marks a citation as an interpretation (推定) rather than a statement of the source: "(inference: …)".
 * @category constructors
 * @since 0.1.0
 * @example
 * ```ts
 * Sources.inferred(Sources.page("P4", "平成17年度創設"), "start taken as the first day of FY2005")
 * ```
 */
export const inferred = (c: Citation, why: string): Citation => ({
  ...c,
  section: `${c.section === undefined ? "" : `${c.section}; `}(inference: ${why})`
})

/**
 * The notice on welfare-office employment support (被保護者就労支援事業), 2013. @category statutes
 * @example
 * ```ts
 * Sources.law(Sources.noticeShaen0516, "第2")
 * ```
 */
export const noticeShaen0516 = "社援発0516第18号（平成25年5月16日）"
/**
 * The Act for Self-Reliance Support of Needy Persons (Act No. 105 of 2013). @category statutes
 * @example
 * ```ts
 * Sources.neediesAct // "生活困窮者自立支援法（平成25年法律第105号）"
 * ```
 */
export const neediesAct = "生活困窮者自立支援法（平成25年法律第105号）"
/**
 * The Public Assistance Act. @category statutes
 * @example
 * ```ts
 * Sources.law(Sources.publicAssistanceAct, "第27条の3")
 * ```
 */
export const publicAssistanceAct = "生活保護法（昭和25年法律第144号）"
