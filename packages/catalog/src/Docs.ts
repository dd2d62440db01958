/**
 * Docs (文書生成) — renders a catalogue as Markdown with Mermaid diagrams: every programme's
 * versions and name history, its rule tree (Mermaid flowchart from `Rule.toMermaid`), referral
 * destinations, consent templates, target plans, and the stage graphs (`Stage.toMermaid`).
 * `docs/catalogue.md` is this text for the built-in catalogue (a test keeps them equal;
 * regenerate with `pnpm --filter @jiritsu/catalog gen-docs`).
 *
 * @since 0.1.0
 */
import { Rule, Stage, Target } from "@jiritsu/core"
import type { Catalogue } from "./Catalogue.ts"
import { destinationLabels, type Programme } from "./Programme.ts"
import type { Citation } from "./Sources.ts"

const cite = (c: Citation): string => `${c.source}${c.section === undefined ? "" : ` — ${c.section}`}${c.url === undefined ? "" : ` <${c.url}>`}`

const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n/g, " ")

const fence = (lang: string, body: string): ReadonlyArray<string> => ["```" + lang, body, "```"]

const versionsTable = (p: Programme): ReadonlyArray<string> => [
  "| version | from | until | name / base | citation |",
  "|---|---|---|---|---|",
  ...p.ruleSet.versions.map((v) => {
    const name = v.notes === undefined ? "" : `${v.notes.ja} / ${v.notes.en}`
    return `| \`${v.version}\` | ${v.from} | ${v.until ?? "—"} | ${cell(name)} | ${v.citation === undefined ? "" : cell(cite(v.citation))} |`
  })
]

const ruleSection = (p: Programme): ReadonlyArray<string> => {
  const shown = p.kind === "national" ? p.ruleSet.versions : p.ruleSet.versions.slice(-1)
  return shown.flatMap((v) => [
    "",
    `#### Rule \`${v.version}\` (${v.from} – ${v.until ?? "open"})`,
    "",
    ...fence("mermaid", Rule.toMermaid(v.rule, { lang: "ja", ...(p.ruleSet.facts === undefined ? {} : { specs: p.ruleSet.facts }) }))
  ])
}

const consentSection = (p: Programme): ReadonlyArray<string> =>
  p.consent.length === 0
    ? []
    : [
        "",
        "Consent purposes and templates (同意書):",
        "",
        ...p.consent.map(
          (c) =>
            `- \`${c.purpose}\` → ${c.recipients.map((r) => r.class).join(", ")} (${c.actions.join(", ")}; ${c.dataCategories
              .map((d) => (d.sensitive ? `${d.code}*` : d.code))
              .join(", ")}): ${c.labels.ja} — 「${c.notice.ja}」 [${cite(c.citation)}]`
        )
      ]

const planSection = (p: Programme): ReadonlyArray<string> =>
  p.targetPlans.flatMap((plan) => [
    "",
    `Target plan \`${plan.id}\` (FY${plan.fiscalYear}: ${plan.label.ja}):`,
    "",
    "| target | metric | comparator | value | basis | window |",
    "|---|---|---|---|---|---|",
    ...plan.targets.map(
      (t) => `| ${cell(Target.describeTarget(t).ja)} | \`${t.metric}\` | ${t.comparator} | ${t.value} | ${t.basis} | ${t.window.from} – ${t.window.until} |`
    )
  ])

const benchmarkSection = (p: Programme): ReadonlyArray<string> =>
  p.benchmarks === undefined || p.benchmarks.length === 0
    ? []
    : [
        "",
        "National benchmarks (目安値, per 100,000 population per month):",
        "",
        "| FY | item | per 100k per month | source |",
        "|---|---|---|---|",
        ...p.benchmarks.map((b) => `| ${b.fiscalYear} | \`${b.item}\` | ${b.per100kPerMonth} | ${cell(b.citation)} |`)
      ]

const programmeSection = (p: Programme): ReadonlyArray<string> => [
  "",
  `### ${p.labels.ja} — ${p.labels.en}`,
  "",
  `- id: \`${p.id}\` (${p.kind})`,
  ...(p.municipality === undefined ? [] : [`- municipality: ${p.municipality.ja} (${p.municipality.en})`]),
  ...(p.site === undefined ? [] : [`- site: ${p.site.ja} (${p.site.en})`]),
  ...(p.base === undefined ? [] : [`- overlays: \`${p.base}\``]),
  `- stage graph: \`${p.stageGraph.id}\``,
  `- referral destinations: ${p.referrals.map((d) => `${destinationLabels[d].ja} (\`${d}\`)`).join(", ")}`,
  `- facts read: ${Object.keys(p.ruleSet.facts ?? {})
    .map((f) => `\`${f}\``)
    .join(", ")}`,
  `- sources: ${p.citations.map(cite).join("; ")}`,
  "",
  ...versionsTable(p),
  ...ruleSection(p),
  ...consentSection(p),
  ...planSection(p),
  ...benchmarkSection(p)
]

const graphSection = (cat: Catalogue): ReadonlyArray<string> => {
  const graphs = new Map<string, Stage.StageGraph>()
  for (const p of cat.programmes) if (!graphs.has(p.stageGraph.id)) graphs.set(p.stageGraph.id, p.stageGraph)
  return [...graphs.values()].flatMap((g) => [
    "",
    `### ${g.labelJa} — ${g.label} (\`${g.id}\`)`,
    "",
    `Used by: ${cat.programmes
      .filter((p) => p.stageGraph.id === g.id)
      .map((p) => `\`${p.id}\``)
      .join(", ")}`,
    "",
    ...fence("mermaid", Stage.toMermaid(g))
  ])
}

/**
 * The Markdown of a catalogue (deterministic: same catalogue, same text).
 * @category docs
 * @since 0.1.0
 */
export const catalogueMarkdown = (cat: Catalogue): string => {
  const national = cat.programmes.filter((p) => p.kind === "national")
  const municipal = cat.programmes.filter((p) => p.kind === "municipal")
  const municipalities = new Set(municipal.map((p) => p.municipality?.en))
  const lines = [
    "# Programme catalogue (事業カタログ)",
    "",
    "<!-- Generated from packages/catalog/src by `pnpm --filter @jiritsu/catalog gen-docs`. Do not edit by hand: a test compares this file with the code. -->",
    "",
    `${national.length} national programmes and ${municipal.length} municipal variants in ${municipalities.size} municipalities, built on @jiritsu/core's public API.`,
    "Every clause cites its source: a source document by its title, a public page (P2…) or a statute or notice — see [Sources](sources.md); the terms are in the [glossary](glossary.md).",
    "Municipal variants are overlays on a national base: their versions are the site's windows crossed with the base's versions (`<window>/<base version>`).",
    "Soft limits (おおむね) are marked in the rule diagrams' conditions and can be overridden by staff with a reason. `*` marks a sensitive (要配慮) data category.",
    "",
    "| id | programme | municipality | base | from | versions |",
    "|---|---|---|---|---|---|",
    ...cat.programmes.map(
      (p) =>
        `| \`${p.id}\` | ${cell(p.labels.ja)} | ${p.municipality?.ja ?? "（国）"} | ${p.base === undefined ? "—" : `\`${p.base}\``} | ${p.ruleSet.versions[0]!.from} | ${p.ruleSet.versions.length} |`
    ),
    "",
    "## National programmes (国の事業・制度)",
    ...national.flatMap(programmeSection),
    "",
    "## Municipal variants (自治体の上乗せ・横出し)",
    ...municipal.flatMap(programmeSection),
    "",
    "## Stage graphs (支援段階)",
    ...graphSection(cat),
    ""
  ]
  return lines.join("\n")
}
