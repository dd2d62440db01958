/**
 * Docs (文書生成) — renders a catalogue as Markdown with Mermaid diagrams, in Japanese or English:
 * every programme with its versions and name history, a rule tree per version (Mermaid flowchart
 * from `Rule.toMermaid`) with the clause ids a team can override or extend, the facts each
 * programme reads with their allowed values, the referral destinations, consent templates, target
 * plans, and the stage graphs (`Stage.toMermaid`).
 * `docs/catalogue.md` (English) and `docs/ja/catalogue.md` (Japanese) are this text for the
 * built-in catalogue (a test keeps them equal; regenerate with `pnpm --filter @jiritsu/catalog gen-docs`).
 *
 * @since 0.1.0
 * @module
 */
import { Fact, Rule, Stage, Target } from "@jiritsu/core"
import type { Catalogue } from "./Catalogue.ts"
import { destinationLabels, type Programme } from "./Programme.ts"
import type { Citation } from "./Sources.ts"

/**
 * Options of {@link catalogueMarkdown}.
 * @example
 * ```ts
 * const options: Docs.Options = { lang: "en" }
 * ```
 * @category docs
 * @since 0.4.0
 */
export interface Options {
  /** The language of the page: labels, headings, diagrams (default `"ja"`). */
  readonly lang?: "ja" | "en"
}

type Lang = "ja" | "en"

const TEXT = {
  ja: {
    title: "事業カタログ (Programme catalogue)",
    generated: "<!-- Generated from packages/catalog/src by `pnpm --filter @jiritsu/catalog gen-docs`. Do not edit by hand: a test compares this file with the code. -->",
    summary: (n: number, m: number, k: number) => `国の事業 ${n} 件、${k} 自治体の上乗せ・横出し ${m} 件（@jiritsu/core の公開 API で記述）。`,
    citations: "各条項は出典（資料名、公開ページ P2…、法令・通知）を持ちます — [出典](../sources.md)。用語は[用語集](../glossary.md)を参照。",
    overlays: "自治体の事業は国の事業への上乗せ（オーバーレイ）で、版は実施期間と国の版の組合せです（`<期間>/<国の版>`）。",
    soft: "「おおむね」の条件（soft）はルール図に示し、職員が理由を付けて上書きできます。`*` は要配慮個人情報のデータ区分です。",
    otherLang: "English: [Programme catalogue](../catalogue.md)",
    overviewHead: "| id | 事業 | 自治体 | 基礎 | 開始 | 版 |",
    national: "国の事業・制度 (National programmes)",
    municipal: "自治体の上乗せ・横出し (Municipal variants)",
    graphs: "支援段階 (Stage graphs)",
    nationalMark: "（国）",
    municipality: "自治体",
    site: "実施場所",
    overlaysBase: "基礎とする国の事業",
    stageGraph: "支援段階グラフ",
    referrals: "つなぎ先",
    sources: "出典",
    versionsHead: "| 版 | 開始 | 終了 | 名称 | 出典 |",
    rule: (v: string, from: string, until: string | undefined) => `ルール \`${v}\`（${from} 〜 ${until ?? "現在"}）`,
    clausesHead: "| 条項 id | 条項 | 種類 | おおむね | 出典 |",
    factsTitle: "判定に使う事実と取りうる値:",
    factsHead: "| 事実 | 型 | 質問 | 取りうる値 |",
    anyValue: "（任意）",
    consentTitle: "同意の目的と同意書:",
    plan: (id: string, fy: number, label: string) => `事業計画 \`${id}\`（${fy}年度: ${label}）:`,
    planHead: "| 目標 | 指標 | 比較 | 値 | 基準 | 期間 |",
    benchmarks: "国の目安値（人口10万人当たり月間）:",
    benchmarksHead: "| 年度 | 項目 | 10万人当たり月間 | 出典 |",
    usedBy: "使用する事業",
    yes: "はい",
    no: ""
  },
  en: {
    title: "Programme catalogue (事業カタログ)",
    generated: "<!-- Generated from packages/catalog/src by `pnpm --filter @jiritsu/catalog gen-docs`. Do not edit by hand: a test compares this file with the code. -->",
    summary: (n: number, m: number, k: number) => `${n} national programmes and ${m} municipal variants in ${k} municipalities, built on @jiritsu/core's public API.`,
    citations: "Every clause cites its source: a source document by its title, a public page (P2…) or a statute or notice — see [Sources](sources.md); the terms are in the [glossary](glossary.md).",
    overlays: "Municipal variants are overlays on a national base: their versions are the site's windows crossed with the base's versions (`<window>/<base version>`).",
    soft: "Soft limits (おおむね) are marked in the rule diagrams' conditions and can be overridden by staff with a reason. `*` marks a sensitive (要配慮) data category.",
    otherLang: "日本語: [事業カタログ](ja/catalogue.md)",
    overviewHead: "| id | programme | municipality | base | from | versions |",
    national: "National programmes (国の事業・制度)",
    municipal: "Municipal variants (自治体の上乗せ・横出し)",
    graphs: "Stage graphs (支援段階)",
    nationalMark: "(national)",
    municipality: "municipality",
    site: "site",
    overlaysBase: "overlays",
    stageGraph: "stage graph",
    referrals: "referral destinations",
    sources: "sources",
    versionsHead: "| version | from | until | name | citation |",
    rule: (v: string, from: string, until: string | undefined) => `Rule \`${v}\` (${from} – ${until ?? "open"})`,
    clausesHead: "| clause id | clause | kind | soft | citation |",
    factsTitle: "Facts read, with their allowed values:",
    factsHead: "| fact | type | question | allowed values |",
    anyValue: "(any)",
    consentTitle: "Consent purposes and templates (同意書):",
    plan: (id: string, fy: number, label: string) => `Target plan \`${id}\` (FY${fy}: ${label}):`,
    planHead: "| target | metric | comparator | value | basis | window |",
    benchmarks: "National benchmarks (目安値, per 100,000 population per month):",
    benchmarksHead: "| FY | item | per 100k per month | source |",
    usedBy: "Used by",
    yes: "yes",
    no: ""
  }
} as const

const cite = (c: Citation): string => `${c.source}${c.section === undefined ? "" : ` — ${c.section}`}${c.url === undefined ? "" : ` <${c.url}>`}`

const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ")

const fence = (lang: string, body: string): ReadonlyArray<string> => ["```" + lang, body.replace(/\n+$/, ""), "```"]

const tableHead = (head: string): ReadonlyArray<string> => [head, head.replace(/[^|]+/g, "---")]

const specsOf = (p: Programme): Fact.FactSpecs | undefined => p.ruleSet.facts

const versionsTable = (p: Programme, lang: Lang): ReadonlyArray<string> => [
  ...tableHead(TEXT[lang].versionsHead),
  ...p.ruleSet.versions.map((v) => {
    const name = v.notes?.[lang] ?? ""
    return `| \`${v.version}\` | ${v.from} | ${v.until ?? "—"} | ${cell(name)} | ${v.citation === undefined ? "" : cell(cite(v.citation))} |`
  })
]

const clausesTable = (rule: Rule.Rule, lang: Lang): ReadonlyArray<string> => {
  const seen = new Set<string>()
  const rows = Rule.clauses(rule).filter((c) => !seen.has(c.id) && seen.add(c.id) !== undefined)
  return [
    ...tableHead(TEXT[lang].clausesHead),
    ...rows.map((c) => {
      const soft = c.kind !== "exception" && c.soft === true ? TEXT[lang].yes : TEXT[lang].no
      return `| \`${c.id}\` | ${cell(c.labels[lang])} | ${c.kind} | ${soft} | ${c.citation === undefined ? "" : cell(cite(c.citation))} |`
    })
  ]
}

const ruleSection = (p: Programme, lang: Lang): ReadonlyArray<string> =>
  p.ruleSet.versions.flatMap((v) => [
    "",
    `#### ${TEXT[lang].rule(v.version, v.from, v.until)}`,
    "",
    ...fence("mermaid", Rule.toMermaid(v.rule, { lang, ...(specsOf(p) === undefined ? {} : { specs: specsOf(p)! }) })),
    "",
    ...clausesTable(v.rule, lang)
  ])

const allowedValues = (spec: Fact.FactSpec, lang: Lang): string => {
  if (spec.type === "boolean") return ["true", "false"].map((v) => `\`${v}\` ${spec.valueLabels?.[v]?.[lang] ?? ""}`.trim()).join(", ")
  if (spec.values === undefined) return TEXT[lang].anyValue
  return spec.values.map((v) => `\`${v}\`${spec.valueLabels?.[v] === undefined ? "" : ` ${spec.valueLabels[v]![lang]}`}`).join(", ")
}

const factsSection = (p: Programme, lang: Lang): ReadonlyArray<string> => {
  const specs = specsOf(p)
  if (specs === undefined || Object.keys(specs).length === 0) return []
  return [
    "",
    TEXT[lang].factsTitle,
    "",
    ...tableHead(TEXT[lang].factsHead),
    ...Object.entries(specs).map(([name, spec]) => `| \`${name}\` | ${spec.type} | ${cell(spec.labels[lang])} | ${cell(allowedValues(spec, lang))} |`)
  ]
}

const consentSection = (p: Programme, lang: Lang): ReadonlyArray<string> =>
  p.consent.length === 0
    ? []
    : [
        "",
        TEXT[lang].consentTitle,
        "",
        ...p.consent.map(
          (c) =>
            `- \`${c.purpose}\` → ${c.recipients.map((r) => r.class).join(", ")} (${c.actions.join(", ")}; ${c.dataCategories
              .map((d) => (d.sensitive ? `${d.code}*` : d.code))
              .join(", ")}): ${c.labels[lang]} — 「${c.notice[lang]}」 [${cite(c.citation)}]`
        )
      ]

const planSection = (p: Programme, lang: Lang): ReadonlyArray<string> =>
  p.targetPlans.flatMap((plan) => [
    "",
    TEXT[lang].plan(plan.id, plan.fiscalYear, plan.label[lang]),
    "",
    ...tableHead(TEXT[lang].planHead),
    ...plan.targets.map(
      (t) => `| ${cell(Target.describeTarget(t)[lang])} | \`${t.metric}\` | ${t.comparator} | ${t.value} | ${t.basis} | ${t.window.from} – ${t.window.until} |`
    )
  ])

const benchmarkSection = (p: Programme, lang: Lang): ReadonlyArray<string> =>
  p.benchmarks === undefined || p.benchmarks.length === 0
    ? []
    : [
        "",
        TEXT[lang].benchmarks,
        "",
        ...tableHead(TEXT[lang].benchmarksHead),
        ...p.benchmarks.map((b) => `| ${b.fiscalYear} | \`${b.item}\` | ${b.per100kPerMonth} | ${cell(b.citation)} |`)
      ]

/**
 * The anchor of a programme's section in the catalogue page (its id, e.g. `national.hw_handoff`).
 * @example
 * ```ts
 * Docs.programmeAnchor("yokohama.job_spot") // "yokohama.job_spot"
 * ```
 * @category docs
 * @since 0.4.0
 */
export const programmeAnchor = (id: string): string => id

const programmeSection = (lang: Lang) => (p: Programme): ReadonlyArray<string> => {
  const t = TEXT[lang]
  const other: Lang = lang === "ja" ? "en" : "ja"
  return [
    "",
    `<a id="${programmeAnchor(p.id)}"></a>`,
    "",
    `### ${p.labels[lang]} — ${p.labels[other]}`,
    "",
    `- id: \`${p.id}\` (${p.kind})`,
    ...(p.municipality === undefined ? [] : [`- ${t.municipality}: ${p.municipality[lang]} (${p.municipality[other]})`]),
    ...(p.site === undefined ? [] : [`- ${t.site}: ${p.site[lang]} (${p.site[other]})`]),
    ...(p.base === undefined ? [] : [`- ${t.overlaysBase}: [\`${p.base}\`](#${programmeAnchor(p.base)})`]),
    `- ${t.stageGraph}: [\`${p.stageGraph.id}\`](#${p.stageGraph.id})`,
    `- ${t.referrals}: ${p.referrals.map((d) => `${destinationLabels[d][lang]} (\`${d}\`)`).join(", ")}`,
    `- ${t.sources}: ${p.citations.map(cite).join("; ")}`,
    "",
    ...versionsTable(p, lang),
    ...factsSection(p, lang),
    ...ruleSection(p, lang),
    ...consentSection(p, lang),
    ...planSection(p, lang),
    ...benchmarkSection(p, lang)
  ]
}

const graphSection = (cat: Catalogue, lang: Lang): ReadonlyArray<string> => {
  const graphs = new Map<string, Stage.StageGraph>()
  for (const p of cat.programmes) if (!graphs.has(p.stageGraph.id)) graphs.set(p.stageGraph.id, p.stageGraph)
  return [...graphs.values()].flatMap((g) => [
    "",
    `<a id="${g.id}"></a>`,
    "",
    `### ${lang === "ja" ? `${g.labelJa} — ${g.label}` : `${g.label} — ${g.labelJa}`} (\`${g.id}\`)`,
    "",
    `${TEXT[lang].usedBy}: ${cat.programmes
      .filter((p) => p.stageGraph.id === g.id)
      .map((p) => `[\`${p.id}\`](#${programmeAnchor(p.id)})`)
      .join(", ")}`,
    "",
    ...fence("mermaid", Stage.toMermaid(g, { labels: lang }))
  ])
}

/**
 * The Markdown of a catalogue, in Japanese (default) or English; deterministic (same catalogue,
 * same text), so a team can generate the page of its own extended catalogue and keep it in a test.
 * @example
 * ```ts
 * import { Catalogue, Docs } from "@jiritsu/catalog"
 *
 * const page = Docs.catalogueMarkdown(Catalogue.catalogue, { lang: "en" })
 * page.startsWith("# Programme catalogue") // true
 * ```
 * @category docs
 * @since 0.1.0
 */
export const catalogueMarkdown = (cat: Catalogue, options: Options = {}): string => {
  const lang = options.lang ?? "ja"
  const t = TEXT[lang]
  const national = cat.programmes.filter((p) => p.kind === "national")
  const municipal = cat.programmes.filter((p) => p.kind === "municipal")
  const municipalities = new Set(municipal.flatMap((p) => (p.municipality === undefined ? [] : [p.municipality.en])))
  const lines = [
    `# ${t.title}`,
    "",
    t.generated,
    "",
    t.otherLang,
    "",
    t.summary(national.length, municipal.length, municipalities.size),
    t.citations,
    t.overlays,
    t.soft,
    "",
    ...tableHead(t.overviewHead),
    ...cat.programmes.map(
      (p) =>
        `| [\`${p.id}\`](#${programmeAnchor(p.id)}) | ${cell(p.labels[lang])} | ${p.municipality?.[lang] ?? t.nationalMark} | ${p.base === undefined ? "—" : `\`${p.base}\``} | ${p.ruleSet.versions[0]!.from} | ${p.ruleSet.versions.length} |`
    ),
    "",
    `## ${t.national}`,
    ...national.flatMap(programmeSection(lang)),
    "",
    `## ${t.municipal}`,
    ...municipal.flatMap(programmeSection(lang)),
    "",
    `## ${t.graphs}`,
    ...graphSection(cat, lang),
    ""
  ]
  return lines.join("\n")
}
