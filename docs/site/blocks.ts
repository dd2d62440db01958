// Generated blocks inside hand-written pages: a page marks a block with
// `<!-- generated: NAME -->` … `<!-- /generated -->`, and `pnpm docs:gen` fills it from the code
// (a Mermaid diagram of the Kushiro stage graph, a rule tree, the consent states, the metric
// catalogue). The prose around it stays hand-written; the block cannot drift (a test regenerates it).
import { Catalogue } from "@jiritsu/catalog"
import { Consent, Metric, Rule, Stage } from "@jiritsu/core"

type Lang = "ja" | "en"

const fence = (lang: string, body: string): string => "```" + lang + "\n" + body.replace(/\n+$/, "") + "\n```"

const hwHandoff = () => {
  const p = Catalogue.get(Catalogue.catalogue, "national.hw_handoff")!
  return { rule: p.ruleSet.versions[p.ruleSet.versions.length - 1]!.rule, specs: p.ruleSet.facts }
}

const consentStates = (lang: Lang): string => {
  const ja: Record<Consent.ConsentState, string> = {
    None: "未作成",
    Requested: "依頼中",
    Deferred: "保留",
    Given: "同意あり",
    Refused: "拒否",
    Withdrawn: "撤回",
    Revoked: "取消",
    Expired: "期限切れ",
    Invalidated: "無効",
    EnteredInError: "誤登録"
  }
  const head = lang === "ja" ? "| 状態 | 日本語 | 終端 | 提供を許可 |" : "| state | Japanese | terminal | permits processing |"
  const rows = Consent.ConsentState.literals.map((s) => {
    const terminal = Consent.TERMINAL_STATES.includes(s) ? (lang === "ja" ? "はい" : "yes") : ""
    const permits = s === "Given" ? (lang === "ja" ? "はい" : "yes") : ""
    return `| \`${s}\` | ${ja[s]} | ${terminal} | ${permits} |`
  })
  return [head, "|---|---|---|---|", ...rows].join("\n")
}

const metricTable = (lang: Lang): string => {
  const head = lang === "ja" ? "| 指標 id | 指標 | 種類 |" : "| metric id | metric | kind |"
  const rows = [...Metric.defaultCatalog.metrics.values()].map((m) => {
    const kind = m._tag === "Ratio" ? (lang === "ja" ? `比率 ${m.numerator} / ${m.denominator}` : `ratio ${m.numerator} / ${m.denominator}`) : (lang === "ja" ? "件数" : "count")
    return `| \`${m.id}\` | ${m.label[lang]} | ${kind} |`
  })
  return [head, "|---|---|---|", ...rows].join("\n")
}

/** Every block a page may name, by name. */
export const blocks: Readonly<Record<string, () => string>> = {
  "stage-graph:kushiro:en": () => fence("mermaid", Stage.toMermaid(Stage.kushiroGraph, { labels: "en" })),
  "stage-graph:kushiro:ja": () => fence("mermaid", Stage.toMermaid(Stage.kushiroGraph, { labels: "ja" })),
  "rule:hw_handoff:en": () => fence("mermaid", Rule.toMermaid(hwHandoff().rule, { lang: "en", ...(hwHandoff().specs === undefined ? {} : { specs: hwHandoff().specs! }) })),
  "rule:hw_handoff:ja": () => fence("mermaid", Rule.toMermaid(hwHandoff().rule, { lang: "ja", ...(hwHandoff().specs === undefined ? {} : { specs: hwHandoff().specs! }) })),
  "consent-states:en": () => consentStates("en"),
  "consent-states:ja": () => consentStates("ja"),
  "metrics:en": () => metricTable("en"),
  "metrics:ja": () => metricTable("ja")
}

const BLOCK = /<!-- generated: ([\w:.-]+) -->\n[\s\S]*?<!-- \/generated -->/g

export interface BlockIssue {
  readonly line: number
  readonly name: string
  readonly problem: string
}

/** The page with every generated block filled; an unknown block name is an issue (with its line). */
export const fillBlocks = (text: string): { readonly text: string; readonly issues: ReadonlyArray<BlockIssue> } => {
  const issues: Array<BlockIssue> = []
  const filled = text.replace(BLOCK, (whole, name: string, offset: number) => {
    const make = blocks[name]
    if (make === undefined) {
      issues.push({ line: text.slice(0, offset).split("\n").length, name, problem: `no generated block "${name}" (known: ${Object.keys(blocks).join(", ")})` })
      return whole
    }
    return `<!-- generated: ${name} -->\n${make()}\n<!-- /generated -->`
  })
  return { text: filled, issues }
}
