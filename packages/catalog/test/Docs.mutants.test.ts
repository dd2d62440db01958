// Pins down the parts of Docs that the built-in catalogue never reaches: versions without notes or
// citations, clause tables (cell escaping, repeated clause ids, soft exceptions, clauses without a
// citation), programmes without facts, with an empty fact list or with partly labelled values, no
// consent or an empty benchmark list, consent to several recipients, a municipal programme without
// a municipality, two stage graphs with one id (the first wins), and the default language.
import { Period, Rule, RuleSet } from "@jiritsu/core"
import { describe, expect, it } from "vitest"
import { Catalogue, Docs, Programme } from "../src/index.ts"

const cat = Catalogue.catalogue
const service = ((): Programme.Programme => {
  const p = Catalogue.get(cat, "national.integrated_job_service")
  if (p === undefined) throw new Error("no integrated job service")
  return p
})()
const d = Period.unsafeDate
const cited = { source: "S1", section: "§2" }
const x = Rule.isTrue({ id: "x", ja: "条件x", en: "cond x", soft: true }, "f")
// An exception carrying `soft: true` (as a hand-built or decoded one can): it is still not soft.
const exc = { ...Rule.include({ id: "e", ja: "例外", en: "exception", citation: cited }, Rule.isTrue({ id: "w", ja: "条件w", en: "cond w" }, "g")), soft: true } as Rule.Exception
// `x` twice: its row appears once.
const ruleA = Rule.overlay({ id: "r", ja: "要件", en: "rule" }, Rule.all({ id: "all", ja: "全て", en: "all" }, [x, x]), [exc])

/** National, no facts, one version without notes or citation, no consent, benchmarks `[]`. */
const a: Programme.Programme = {
  ...service,
  id: "t.a",
  labels: { ja: "甲 | 乙\n丙", en: "A | B\nC" },
  consent: [],
  benchmarks: [],
  targetPlans: [],
  ruleSet: RuleSet.make({ id: "t.a", ja: "甲", en: "A", versions: [RuleSet.version({ version: "1", from: d("2020-04-01"), until: d("2021-03-31"), rule: ruleA })] })
}
/** Municipal without a municipality, an empty fact list, and a stage graph with a's id but other labels. */
const b: Programme.Programme = {
  ...a,
  id: "t.b",
  kind: "municipal",
  stageGraph: { ...service.stageGraph, label: "Other", labelJa: "別" },
  ruleSet: RuleSet.make({ id: "t.b", ja: "乙", en: "B", facts: {}, versions: [RuleSet.version({ version: "1", from: d("2020-04-01"), rule: x })] })
}
/** Facts with partly labelled values, a version with notes and citation, consent to two recipients. */
const c: Programme.Programme = {
  ...a,
  id: "t.c",
  consent: [{ ...service.consent[0]!, recipients: [{ class: "hello-work" }, { class: "welfare-office" }], actions: ["disclose", "share"] }],
  ruleSet: RuleSet.make({
    id: "t.c",
    ja: "丙",
    en: "C",
    facts: {
      f: { type: "boolean", labels: { ja: "旗", en: "flag" }, valueLabels: { false: { ja: "いいえ", en: "no" } } },
      g: { type: "string", labels: { ja: "種別", en: "kind" }, values: ["p", "q"] },
      h: { type: "string", labels: { ja: "区分", en: "class" }, values: ["p", "q"], valueLabels: { q: { ja: "乙", en: "Q" } } }
    },
    versions: [RuleSet.version({ version: "1", from: d("2020-04-01"), rule: x, notes: { ja: "初版", en: "first" }, citation: cited })]
  })
}
// b last: its stage graph has a's id but other labels, and the first one met is drawn.
const mini: Catalogue.Catalogue = { ...cat, programmes: [a, c, b] }

const page = (lang: "ja" | "en"): ReadonlyArray<string> => Docs.catalogueMarkdown(mini, { lang }).split("\n")
/** The lines after `start` up to (not including) the next anchor or `##` heading. */
const section = (lines: ReadonlyArray<string>, start: string): ReadonlyArray<string> => {
  const i = lines.indexOf(start)
  if (i < 0) throw new Error(`no line ${start}`)
  const rest = lines.slice(i + 1)
  const j = rest.findIndex((l) => l.startsWith("<a id=") || l.startsWith("## "))
  return j < 0 ? rest : rest.slice(0, j)
}
const mermaid = (rule: Rule.Rule, lang: "ja" | "en", specs?: Parameters<typeof Rule.toMermaid>[1]): ReadonlyArray<string> => ["```mermaid", ...Rule.toMermaid(rule, { lang, ...specs }).split("\n"), "```"]
const sources = (lang: "ja" | "en") => `- ${lang === "ja" ? "出典" : "sources"}: 横浜市 一体的実施の提案（平成23年3月31日・平成24年11月8日） — 平成23年3月31日 提案; 地方自治体と厚生労働省が直接協議中の提案一覧（平成24年末頃） — 協議中の提案一覧; 品川区の一体的実施（協定・事業計画・平成24〜25年度目標と実績） — 品川区の一体的実施`

describe("Docs.catalogueMarkdown on a small hand-made catalogue", () => {
  it("defaults to Japanese", () => {
    expect(Docs.catalogueMarkdown(mini)).toBe(Docs.catalogueMarkdown(mini, { lang: "ja" }))
    expect(Docs.catalogueMarkdown(mini).split("\n")[0]).toBe("# 事業カタログ (Programme catalogue)")
  })

  it("escapes `|` and line breaks in table cells, and counts no municipality for a municipal programme that names none", () => {
    const ja = page("ja")
    expect(ja[6]).toBe("国の事業 2 件、0 自治体の上乗せ・横出し 1 件（@jiritsu/core の公開 API で記述）。")
    expect(ja.slice(13, 16)).toStrictEqual([
      "| [`t.a`](#t.a) | 甲 \\| 乙 丙 | （国） | — | 2020-04-01 | 1 |",
      "| [`t.c`](#t.c) | 甲 \\| 乙 丙 | （国） | — | 2020-04-01 | 1 |",
      "| [`t.b`](#t.b) | 甲 \\| 乙 丙 | （国） | — | 2020-04-01 | 1 |"
    ])
    const en = page("en")
    expect(en[6]).toBe("2 national programmes and 1 municipal variants in 0 municipalities, built on @jiritsu/core's public API.")
    expect(en.slice(13, 16)).toStrictEqual([
      "| [`t.a`](#t.a) | A \\| B C | (national) | — | 2020-04-01 | 1 |",
      "| [`t.c`](#t.c) | A \\| B C | (national) | — | 2020-04-01 | 1 |",
      "| [`t.b`](#t.b) | A \\| B C | (national) | — | 2020-04-01 | 1 |"
    ])
  })

  it("renders a programme without facts, notes, citations or consent: one row per clause id, exceptions never soft", () => {
    expect(section(page("ja"), '<a id="t.a"></a>')).toStrictEqual([
      "",
      "### 甲 | 乙",
      "丙 — A | B",
      "C",
      "",
      "- id: `t.a` (national)",
      "- 支援段階グラフ: [`self_reliance_three_stages`](#self_reliance_three_stages)",
      "- つなぎ先: ハローワーク（常設窓口・巡回相談） (`hello_work`)",
      sources("ja"),
      "",
      "| 版 | 開始 | 終了 | 名称 | 出典 |",
      "|---|---|---|---|---|",
      "| `1` | 2020-04-01 | 2021-03-31 |  |  |",
      "",
      "#### ルール `1`（2020-04-01 〜 2021-03-31）",
      "",
      ...mermaid(ruleA, "ja"),
      "",
      "| 条項 id | 条項 | 種類 | おおむね | 出典 |",
      "|---|---|---|---|---|",
      "| `r` | 要件 | overlay |  |  |",
      "| `all` | 全て | all |  |  |",
      "| `x` | 条件x | compare | はい |  |",
      "| `e` | 例外 | exception |  | S1 — §2 |",
      "| `w` | 条件w | compare |  |  |",
      ""
    ])
    expect(section(page("en"), '<a id="t.a"></a>')).toStrictEqual([
      "",
      "### A | B",
      "C — 甲 | 乙",
      "丙",
      "",
      "- id: `t.a` (national)",
      "- stage graph: [`self_reliance_three_stages`](#self_reliance_three_stages)",
      "- referral destinations: Hello Work (permanent desk or visiting sessions) (`hello_work`)",
      sources("en"),
      "",
      "| version | from | until | name | citation |",
      "|---|---|---|---|---|",
      "| `1` | 2020-04-01 | 2021-03-31 |  |  |",
      "",
      "#### Rule `1` (2020-04-01 – 2021-03-31)",
      "",
      ...mermaid(ruleA, "en"),
      "",
      "| clause id | clause | kind | soft | citation |",
      "|---|---|---|---|---|",
      "| `r` | rule | overlay |  |  |",
      "| `all` | all | all |  |  |",
      "| `x` | cond x | compare | yes |  |",
      "| `e` | exception | exception |  | S1 — §2 |",
      "| `w` | cond w | compare |  |  |",
      ""
    ])
  })

  it("renders no facts table for an empty fact list", () => {
    const tail = (lang: "ja" | "en") => section(page(lang), '<a id="t.b"></a>').slice(10)
    expect(tail("ja")).toStrictEqual([
      "| 版 | 開始 | 終了 | 名称 | 出典 |",
      "|---|---|---|---|---|",
      "| `1` | 2020-04-01 | — |  |  |",
      "",
      "#### ルール `1`（2020-04-01 〜 現在）",
      "",
      ...mermaid(x, "ja", { specs: {} }),
      "",
      "| 条項 id | 条項 | 種類 | おおむね | 出典 |",
      "|---|---|---|---|---|",
      "| `x` | 条件x | compare | はい |  |",
      ""
    ])
    expect(tail("en")).toStrictEqual([
      "| version | from | until | name | citation |",
      "|---|---|---|---|---|",
      "| `1` | 2020-04-01 | — |  |  |",
      "",
      "#### Rule `1` (2020-04-01 – open)",
      "",
      ...mermaid(x, "en", { specs: {} }),
      "",
      "| clause id | clause | kind | soft | citation |",
      "|---|---|---|---|---|",
      "| `x` | cond x | compare | yes |  |",
      ""
    ])
  })

  it("lists allowed values with their labels where they have one, and every consent recipient", () => {
    const lines = (lang: "ja" | "en") => section(page(lang), '<a id="t.c"></a>')
    const ja = lines("ja")
    expect(ja.slice(12, 20)).toStrictEqual([
      "| `1` | 2020-04-01 | — | 初版 | S1 — §2 |",
      "",
      "判定に使う事実と取りうる値:",
      "",
      "| 事実 | 型 | 質問 | 取りうる値 |",
      "|---|---|---|---|",
      "| `f` | boolean | 旗 | `true`, `false` いいえ |",
      "| `g` | string | 種別 | `p`, `q` |"
    ])
    expect(ja[20]).toBe("| `h` | string | 区分 | `p`, `q` 乙 |")
    expect(ja.slice(-4)).toStrictEqual([
      "同意の目的と同意書:",
      "",
      "- `employment-support-referral` → hello-work, welfare-office (disclose, share; identity, contact, employment-history, skills, household, welfare-status*): ハローワークへの支援要請に係る個人情報の提供 — 「私は、就労支援を受けるため、福祉事務所がハローワークに私の氏名・連絡先・職歴・資格・世帯の状況・生活保護等の受給状況を提供し、ハローワークと福祉事務所が私の求職活動の状況を共有することに同意します。この同意はいつでも窓口で撤回できます。」 [横浜市 一体的実施の提案（平成23年3月31日・平成24年11月8日） — 平成24年11月8日 追加提案 4(1)エ ハローワーク職員に対する個人情報の提供（同意書の徴取）]",
      ""
    ])
    const en = lines("en")
    expect(en.slice(12, 21)).toStrictEqual([
      "| `1` | 2020-04-01 | — | first | S1 — §2 |",
      "",
      "Facts read, with their allowed values:",
      "",
      "| fact | type | question | allowed values |",
      "|---|---|---|---|",
      "| `f` | boolean | flag | `true`, `false` no |",
      "| `g` | string | kind | `p`, `q` |",
      "| `h` | string | class | `p`, `q` Q |"
    ])
    expect(en.slice(-4)).toStrictEqual([
      "Consent purposes and templates (同意書):",
      "",
      "- `employment-support-referral` → hello-work, welfare-office (disclose, share; identity, contact, employment-history, skills, household, welfare-status*): Providing personal data to Hello Work for job support — 「To receive job support, I agree that the welfare office gives Hello Work my name, contact details, work history, qualifications, household situation and benefit status, and that both share the state of my job search. I can withdraw this consent at the counter at any time.」 [横浜市 一体的実施の提案（平成23年3月31日・平成24年11月8日） — 平成24年11月8日 追加提案 4(1)エ ハローワーク職員に対する個人情報の提供（同意書の徴取）]",
      ""
    ])
  })

  it("draws a stage graph once, with the labels of the first programme that uses its id", () => {
    expect(section(page("ja"), '<a id="self_reliance_three_stages"></a>').slice(0, 4)).toStrictEqual([
      "",
      "### 自立の三類型（日常生活自立・社会生活自立・就労自立） — National definition of self-reliance: daily living, social life, work (`self_reliance_three_stages`)",
      "",
      "使用する事業: [`t.a`](#t.a), [`t.c`](#t.c), [`t.b`](#t.b)"
    ])
    expect(section(page("en"), '<a id="self_reliance_three_stages"></a>').slice(0, 4)).toStrictEqual([
      "",
      "### National definition of self-reliance: daily living, social life, work — 自立の三類型（日常生活自立・社会生活自立・就労自立） (`self_reliance_three_stages`)",
      "",
      "Used by: [`t.a`](#t.a), [`t.c`](#t.c), [`t.b`](#t.b)"
    ])
  })
})
