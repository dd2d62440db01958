// Sentences a caseworker can read out: the condition of a clause in words, and why it failed.
import { describeValue, labelOf, type FactSpecs, type Labels } from "../Fact.ts"
import type { CompareOp, Exception, Rule } from "./ruleSchema.ts"

type Lang = "ja" | "en"

const symbols: Record<CompareOp, string> = { eq: "=", neq: "≠", gt: ">", gte: "≥", lt: "<", lte: "≤" }

/** A value as a person reads it. */
export const formatValue = (value: unknown, lang: Lang): string => {
  if (value === undefined) return lang === "ja" ? "不明" : "unknown"
  if (value === null) return lang === "ja" ? "なし" : "none"
  if (typeof value === "boolean") return lang === "ja" ? (value ? "はい" : "いいえ") : value ? "yes" : "no"
  if (Array.isArray(value)) {
    if (value.length === 0) return lang === "ja" ? "なし" : "none"
    return value.map((v) => (typeof v === "object" && v !== null ? "…" : formatValue(v, lang))).join(lang === "ja" ? "・" : ", ")
  }
  if (typeof value === "object") {
    const r = value as { min?: unknown; max?: unknown }
    if ("min" in r && "max" in r) return `${formatValue(r.min, lang)}${lang === "ja" ? "〜" : "–"}${formatValue(r.max, lang)}`
    return JSON.stringify(value) ?? "…"
  }
  return String(value)
}

// Compared values read with the fact's value labels (welfare_recipient → 生活保護受給者).
const list = (specs: FactSpecs | undefined, fact: string, values: ReadonlyArray<unknown>, lang: Lang): string =>
  values.map((v) => describeValue(specs, fact, v, lang)).join(lang === "ja" ? "・" : ", ")

const AGGREGATE_NAMES: Record<"sum" | "min" | "max", Labels> = {
  sum: { ja: "合計", en: "total" },
  min: { ja: "最小値", en: "lowest" },
  max: { ja: "最大値", en: "highest" }
}


const window = (from: string | undefined, until: string | undefined, lang: Lang): string => {
  if (lang === "ja") {
    if (from !== undefined && until !== undefined) return `${from}以降${until}より前`
    if (from !== undefined) return `${from}以降`
    if (until !== undefined) return `${until}より前`
    return "いつでも"
  }
  if (from !== undefined && until !== undefined) return `from ${from}, before ${until}`
  if (from !== undefined) return `on or after ${from}`
  if (until !== undefined) return `before ${until}`
  return "any date"
}

const ageRange = (min: number | undefined, max: number | undefined, lang: Lang): string => {
  if (lang === "ja") {
    if (min !== undefined && max !== undefined) return `${min}〜${max}歳`
    if (min !== undefined) return `${min}歳以上`
    if (max !== undefined) return `${max}歳以下`
    return "年齢制限なし"
  }
  if (min !== undefined && max !== undefined) return `aged ${min}–${max}`
  if (min !== undefined) return `aged ${min} or over`
  if (max !== undefined) return `aged ${max} or under`
  return "any age"
}

// A list of no values: membership in it never holds, containing all of it always does.
const emptyListText = (node: Rule | Exception, fact: string, lang: Lang): string =>
  node.kind === "containsAll"
    ? lang === "ja" ? `${fact}（値の指定なし・常に充足）` : `${fact} (no values listed; always met)`
    : lang === "ja" ? `${fact}（値の指定なし・常に不充足）` : `${fact} (no values listed; never met)`

/** The condition of a clause in words. */
export const expectedText = (node: Rule | Exception, specs: FactSpecs | undefined, lang: Lang): string => {
  const fact = (name: string) => labelOf(specs, name, lang)
  if ((node.kind === "in" || node.kind === "intersects" || node.kind === "containsAll") && node.values.length === 0) return emptyListText(node, fact(node.fact), lang)
  switch (node.kind) {
    case "all":
      return lang === "ja" ? "すべてに該当" : "all of"
    case "any":
      return lang === "ja" ? "いずれかに該当" : "any of"
    case "not":
      return lang === "ja" ? "次に該当しないこと" : "none of"
    case "overlay":
      return lang === "ja" ? "基本要件（例外規定あり）" : "base rule with exceptions"
    case "exception":
      return lang === "ja"
        ? `優先度${node.priority}の例外（${node.effect === "include" ? "対象に追加" : "対象から除外"}）`
        : `exception, priority ${node.priority} (${node.effect})`
    case "compare":
      return `${fact(node.fact)} ${symbols[node.op]} ${describeValue(specs, node.fact, node.value, lang)}`
    case "in":
      return lang === "ja"
        ? `${fact(node.fact)}が${list(specs, node.fact, node.values, lang)}のいずれか`
        : `${fact(node.fact)} is one of ${list(specs, node.fact, node.values, lang)}`
    case "between":
      return `${fact(node.fact)} ${formatValue(node.min, lang)}${lang === "ja" ? "〜" : "–"}${formatValue(node.max, lang)}`
    case "exists":
      return lang === "ja" ? `${fact(node.fact)}あり` : `${fact(node.fact)} on file`
    case "age":
      return ageRange(node.min, node.max, lang)
    case "dateIn":
      return `${fact(node.fact)}: ${window(node.from, node.until, lang)}`
    case "withinLast":
      return lang === "ja" ? `${fact(node.fact)}が基準日前${node.months}か月以内` : `${fact(node.fact)} within the last ${node.months} months`
    case "asOfIn":
      return lang === "ja" ? `基準日が${window(node.from, node.until, lang)}` : `evaluation date ${window(node.from, node.until, lang)}`
    case "intersects":
      if (node.values.length === 1) {
        return lang === "ja" ? `${fact(node.fact)}に${list(specs, node.fact, node.values, lang)}を含む` : `${list(specs, node.fact, node.values, lang)} among ${fact(node.fact)}`
      }
      return lang === "ja"
        ? `${fact(node.fact)}が${list(specs, node.fact, node.values, lang)}のいずれかを含む`
        : `any of ${list(specs, node.fact, node.values, lang)} among ${fact(node.fact)}`
    case "containsAll":
      return lang === "ja"
        ? `${fact(node.fact)}が${list(specs, node.fact, node.values, lang)}をすべて含む`
        : `all of ${list(specs, node.fact, node.values, lang)} among ${fact(node.fact)}`
    case "count":
      return lang === "ja"
        ? `${fact(node.fact)}のうち該当する人数 ${symbols[node.op]} ${node.value}`
        : `number of matching ${fact(node.fact)} ${symbols[node.op]} ${node.value}`
    case "aggregate":
      return lang === "ja"
        ? `${fact(node.fact)}の${node.field}の${AGGREGATE_NAMES[node.fn].ja} ${symbols[node.op]} ${node.value}`
        : `${AGGREGATE_NAMES[node.fn].en} ${node.field} of ${fact(node.fact)} ${symbols[node.op]} ${node.value}`
  }
}

/** What a clause observes, by name: the fact, or what the clause computes from it (a count, a total). */
const observedName = (node: Rule | Exception, specs: FactSpecs | undefined, lang: Lang): string => {
  const fact = "fact" in node ? labelOf(specs, node.fact, lang) : ""
  switch (node.kind) {
    case "age":
      return lang === "ja" ? "年齢" : "age"
    case "asOfIn":
      return lang === "ja" ? "基準日" : "evaluation date"
    case "count":
      return lang === "ja" ? `${fact}のうち該当する人数` : `matching ${fact}`
    case "aggregate":
      return lang === "ja" ? `${fact}の${node.field}の${AGGREGATE_NAMES[node.fn].ja}` : `${AGGREGATE_NAMES[node.fn].en} ${node.field} of ${fact}`
    default:
      return fact
  }
}

const defaultWhyNot = (node: Rule | Exception, specs: FactSpecs | undefined): Labels => {
  switch (node.kind) {
    case "count":
    case "aggregate": {
      // The value is the count or total, not the member list: name it as such.
      const name = { ja: observedName(node, specs, "ja"), en: observedName(node, specs, "en") }
      return { ja: `{label}：${name.ja}が {value} のため要件（{expected}）を満たしていません`, en: `{label}: ${name.en} is {value}, required {expected}` }
    }
    case "age":
      return { ja: "年齢 {value} 歳は{label}（{expected}）の範囲外です", en: "Age {value} is outside {label} ({expected})" }
    case "not":
      // The negation failed because its child holds: name the child, not the negated label
      // (「就労阻害要因なし」に該当するため… would be a double negative).
      return { ja: `${node.child.labels.ja}に該当するため対象外です`, en: `Not eligible: ${node.child.labels.en} applies` }
    case "exception":
      return { ja: "{label}のため対象外です", en: "Not eligible because of {label}" }
    case "all":
    case "any":
    case "overlay":
      return { ja: "{label}の要件を満たしていません", en: "{label} is not met" }
    case "exists":
      return { ja: "{label}：{fact}が確認できません", en: "{label}: no {fact} on file" }
    case "asOfIn":
      return { ja: "{label}：基準日 {value} は対象期間外です（{expected}）", en: "{label}: the date {value} is outside the period ({expected})" }
    case "intersects":
    case "containsAll": {
      const wanted = { ja: list(specs, node.fact, node.values, "ja"), en: list(specs, node.fact, node.values, "en") }
      if (node.values.length === 0) return { ja: "{label}：{fact}が {value} のため要件（{expected}）を満たしていません", en: "{label}: {fact} is {value}, required {expected}" }
      if (node.values.length === 1) return { ja: `{fact}（{value}）に${wanted.ja}が含まれていません`, en: `${wanted.en} not among {fact} ({value})` }
      return node.kind === "intersects"
        ? { ja: `{fact}（{value}）に${wanted.ja}のいずれも含まれていません`, en: `None of ${wanted.en} among {fact} ({value})` }
        : { ja: `{fact}（{value}）に${wanted.ja}の一部が含まれていません`, en: `Not all of ${wanted.en} among {fact} ({value})` }
    }
    default:
      return { ja: "{label}：{fact}が {value} のため要件（{expected}）を満たしていません", en: "{label}: {fact} is {value}, required {expected}" }
  }
}

const fill = (template: string, values: Readonly<Record<string, string>>): string =>
  template.replace(/\{(label|value|expected|fact)\}/g, (_, key: string) => values[key] ?? "")

/**
 * How the observed value of a clause reads: with the fact's value labels for fact clauses; as a
 * plain number or date for the values a clause computes (an age, a count, an aggregate, the
 * evaluation date), which are not values of the fact it reads.
 */
const valueFormatter = (node: Rule | Exception, specs: FactSpecs | undefined): ((observed: unknown, lang: Lang) => string) => {
  switch (node.kind) {
    case "age":
    case "asOfIn":
    case "count":
    case "aggregate":
      return formatValue
    default:
      return "fact" in node ? (observed, lang) => describeValue(specs, node.fact, observed, lang) : formatValue
  }
}

/** The why-not sentence of a failed clause, with the observed value. */
export const whyNotText = (node: Rule | Exception, observed: unknown, specs: FactSpecs | undefined): Labels => whyNotRenderer(node, specs)(observed)

type Renderer = (observed: unknown) => Labels

const NO_SPECS: FactSpecs = {}

/** A per-clause, per-declarations memo (the trace renders the same clause for many persons). */
const memo = <A>(make: (node: Rule | Exception, specs: FactSpecs | undefined) => A) => {
  const cache = new WeakMap<Rule | Exception, WeakMap<FactSpecs, A>>()
  return (node: Rule | Exception, specs: FactSpecs | undefined): A => {
    let perNode = cache.get(node)
    if (perNode === undefined) {
      perNode = new WeakMap()
      cache.set(node, perNode)
    }
    const key = specs ?? NO_SPECS
    let hit = perNode.get(key)
    if (hit === undefined) {
      hit = make(node, specs)
      perNode.set(key, hit)
    }
    return hit
  }
}

/**
 * A compiled why-not template: everything but the observed value is filled in once per clause
 * (and fact declarations), so rendering a verdict only formats the value.
 */
export const whyNotRenderer: (node: Rule | Exception, specs: FactSpecs | undefined) => Renderer = memo((node, specs) => {
  const template = node.whyNot ?? defaultWhyNot(node, specs)
  const format = valueFormatter(node, specs)
  const split = (lang: Lang): ReadonlyArray<string> =>
    fill(template[lang].replace(/\{value\}/g, "\u0000"), {
      label: node.labels[lang],
      value: "",
      expected: expectedText(node, specs, lang),
      fact: "fact" in node ? labelOf(specs, node.fact, lang) : ""
    }).split("\u0000")
  const ja = split("ja")
  const en = split("en")
  if (ja.length === 1 && en.length === 1) {
    const constant: Labels = { ja: ja[0]!, en: en[0]! }
    return () => constant
  }
  return byValue((observed) => ({
    ja: ja.length === 1 ? ja[0]! : ja.join(format(observed, "ja")),
    en: en.length === 1 ? en[0]! : en.join(format(observed, "en"))
  }))
})

/**
 * The observed value of a clause in words, named by what was observed — the FACT's label, not
 * the clause's (a clause 「就労阻害要因なし」 over the fact 「就労阻害要因」 shows
 * 「就労阻害要因: あり」, never 「就労阻害要因なし: はい」).
 */
export const observedRenderer: (node: Rule | Exception, specs: FactSpecs | undefined) => Renderer = memo((node, specs) => {
  const format = valueFormatter(node, specs)
  const prefix = (lang: Lang): string => (node.kind === "age" ? (lang === "ja" ? "年齢 " : "age ") : `${observedName(node, specs, lang)}: `)
  const ja = prefix("ja")
  const en = prefix("en")
  const ageUnit = node.kind === "age"
  return byValue((observed) => ({
    ja: `${ja}${format(observed, "ja")}${ageUnit && typeof observed === "number" ? "歳" : ""}`,
    en: `${en}${format(observed, "en")}`
  }))
})

/**
 * Observed values repeat across a caseload (booleans, wards, ages, target-group lists): a
 * renderer that keeps the (read-only) texts of scalars and short string lists rather than building
 * two strings per clause per verdict.
 */
const byValue = (render: Renderer): Renderer => {
  let yes: Labels | undefined
  let no: Labels | undefined
  const small: Array<Labels | undefined> = []
  const others = new Map<unknown, Labels>()
  // Lists key by their elements, one Map level per element (no key string to build and hash).
  const lists: ListNode = { labels: undefined, next: new Map() }
  let listNodes = 0
  return (observed) => {
    if (observed === true) return (yes ??= render(true))
    if (observed === false) return (no ??= render(false))
    // Ages and counts: small non-negative integers, by index.
    if (typeof observed === "number" && observed >= 0 && observed < SMALL && Number.isInteger(observed) && !Object.is(observed, -0)) {
      return (small[observed] ??= render(observed))
    }
    if (typeof observed !== "object" || observed === null) {
      let hit = others.get(observed)
      if (hit === undefined) {
        hit = render(observed)
        if (others.size >= CACHE_LIMIT) others.clear()
        others.set(observed, hit)
      }
      return hit
    }
    if (!Array.isArray(observed) || observed.length > 8) return render(observed)
    let node = lists
    for (let i = 0; i < observed.length; i++) {
      const v: unknown = observed[i]
      if (typeof v !== "string") return render(observed)
      let next = node.next.get(v)
      if (next === undefined) {
        if (listNodes >= CACHE_LIMIT) {
          lists.next.clear()
          lists.labels = undefined
          listNodes = 0
          return render(observed)
        }
        next = { labels: undefined, next: new Map() }
        node.next.set(v, next)
        listNodes++
      }
      node = next
    }
    return (node.labels ??= render(observed))
  }
}

interface ListNode {
  labels: Labels | undefined
  readonly next: Map<string, ListNode>
}

const SMALL = 150
const CACHE_LIMIT = 256

/** The condition of a clause in both languages, computed once per clause. */
export const expectedLabels: (node: Rule | Exception, specs: FactSpecs | undefined) => Labels = memo((node, specs) => ({
  ja: expectedText(node, specs, "ja"),
  en: expectedText(node, specs, "en")
}))

/** The sentence for a clause that cannot be decided yet. */
export const pendingText = (node: Rule | Exception, missing: ReadonlyArray<string>, specs: FactSpecs | undefined): Labels => ({
  ja: `${node.labels.ja}を判定するには「${missing.map((m) => labelOf(specs, m, "ja")).join("」「")}」の確認が必要です`,
  en: `To decide ${node.labels.en}, ask for: ${missing.map((m) => labelOf(specs, m, "en")).join(", ")}`
})
