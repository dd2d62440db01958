/**
 * Verdict (判定結果) — the outcome of an eligibility evaluation with its full explanation.
 *
 * A verdict carries:
 * - the **outcome**: `eligible` (対象), `ineligible` (対象外) or `undetermined` (判定保留);
 * - the **trace**: one entry per clause (passed / failed / unknown / overridden), with the observed
 *   value, the citation, labels and the why-not sentence in Japanese and English;
 * - the **questions still open** (`missingFacts`, `nextQuestion`) when undetermined;
 * - the rule set id, version and the **content hash** of the rule that decided.
 *
 * The format is versioned: `format: "jiritsu.trace/1"`. Its JSON Schema ships with the package as
 * `@jiritsu/core/trace-schema.json` (generated from {@link Verdict}; a test keeps the file equal).
 *
 * A verdict from `Rule.evaluate` renders its text when it is first read: the outcome, missing
 * facts and next question are plain data from the start; the clause entries and the ja/en
 * sentences (`clauses`, `reasons`) are built the first time they are read — by your code,
 * `JSON.stringify`, {@link render}, a spread or `structuredClone` — and then kept. It is the same
 * document either way (JSON byte for byte); {@link materialize} gives it as plain data.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import { Labels } from "./Fact.ts"
import { decodeWith } from "./internal/decode.ts"
import { contentHash } from "./internal/hash.ts"
import { Citation } from "./internal/ruleSchema.ts"
import { formatValue } from "./internal/ruleText.ts"
import { materialize as materializeVerdict } from "./internal/ruleVerdict.ts"
import { LocalDate } from "./Period.ts"

/** The trace format identifier of this version of the library. @category format @since 0.1.0 */
export const TRACE_FORMAT = "jiritsu.trace/1" as const

/** Outcome of an evaluation: 対象 / 対象外 / 判定保留. @category model @since 0.1.0 */
export const Outcome = Schema.Literals(["eligible", "ineligible", "undetermined"])
/** @category model */
export type Outcome = typeof Outcome.Type

/** Status of one clause: 充足 / 不充足 / 不明 / 職員判断で充足扱い. @category model @since 0.1.0 */
export const ClauseStatus = Schema.Literals(["passed", "failed", "unknown", "overridden"])
/** @category model */
export type ClauseStatus = typeof ClauseStatus.Type

/**
 * A staff override of a soft clause (職員による判断): the clause counts as passed, and the trace
 * records who decided it and why.
 * @category model
 * @since 0.1.0
 */
export const Override = Schema.Struct({
  clauseId: Schema.String,
  reason: Schema.NonEmptyString,
  actor: Schema.NonEmptyString
})
/** @category model */
export type Override = typeof Override.Type

/** One clause of the trace. @category model @since 0.1.0 */
export const ClauseTrace = Schema.Struct({
  id: Schema.String,
  kind: Schema.String,
  depth: Schema.Int,
  parent: Schema.optionalKey(Schema.String),
  status: ClauseStatus.annotate({ description: "passed, failed, unknown, or overridden (a soft clause passed by staff decision)" }),
  labels: Labels,
  citation: Schema.optionalKey(Citation),
  soft: Schema.optionalKey(Schema.Boolean),
  /** The fact the clause reads, if any. */
  fact: Schema.optionalKey(Schema.String),
  /** The value observed (an age for `age` clauses, an aggregate for household clauses). */
  observed: Schema.optionalKey(Schema.Json),
  /**
   * The observed value in words, named by the fact's label and read with its value labels
   * (e.g. 「対象者区分: 生活保護受給者」, 「年齢 35歳」). Absent in traces written before 0.2.0.
   */
  observedText: Schema.optionalKey(
    Labels.annotate({ description: "The observed value in words, named by the fact's label and read with its value labels (e.g. 対象者区分: 生活保護受給者); since 0.2.0" })
  ),
  /** The condition in words. */
  expected: Labels,
  /** The sentence a caseworker reads out when the clause failed (or was overridden). */
  whyNot: Schema.optionalKey(Labels),
  /** Facts this clause still needs (only for unknown clauses that can still matter). */
  missing: Schema.optionalKey(Schema.Array(Schema.String)),
  override: Schema.optionalKey(Schema.Struct({ reason: Schema.String, actor: Schema.String }))
})
/** @category model */
export type ClauseTrace = typeof ClauseTrace.Type

/** A warning attached to a verdict (lenient evaluation outside the defined versions). @category model @since 0.1.0 */
export const VerdictWarning = Schema.Struct({
  code: Schema.Literals(["past_last_version", "before_first_version", "between_versions"]),
  message: Labels
})
/** @category model */
export type VerdictWarning = typeof VerdictWarning.Type

/** The rule set version that decided. @category model @since 0.1.0 */
export const VersionRef = Schema.Struct({
  id: Schema.String,
  version: Schema.String,
  effective: Schema.Struct({ from: LocalDate, until: Schema.optionalKey(LocalDate) }),
  citation: Schema.optionalKey(Citation)
})
/** @category model */
export type VersionRef = typeof VersionRef.Type

/** The next question to ask (次に確認すべき事項). @category model @since 0.1.0 */
export const Question = Schema.Struct({ fact: Schema.String, clauseId: Schema.String, labels: Labels })
/** @category model */
export type Question = typeof Question.Type

/**
 * A verdict in trace format `jiritsu.trace/1`.
 * @category model
 * @since 0.1.0
 */
export const Verdict = Schema.Struct({
  format: Schema.Literal(TRACE_FORMAT).annotate({ description: "Trace format and version of this document" }),
  outcome: Outcome.annotate({ description: "eligible (対象), ineligible (対象外) or undetermined (判定保留)" }),
  asOf: LocalDate.annotate({ description: "Evaluation date (基準日), YYYY-MM-DD" }),
  ruleId: Schema.String.annotate({ description: "Id of the root clause of the rule that decided" }),
  /** `sha256:` + hex of the canonical JSON of the rule that decided. */
  hash: Schema.String.annotate({ description: "Content hash of the rule that decided: sha256: + hex of its canonical JSON" }),
  ruleSet: Schema.optionalKey(VersionRef.annotate({ description: "Rule set id, version in force at asOf, its effective period and citation" })),
  /** When undetermined: every fact that could still decide, in trace order (filling them all decides). */
  missingFacts: Schema.Array(Schema.String).annotate({ description: "When undetermined: every fact that can still decide (member facts as household[2].income); filling them all decides" }),
  nextQuestion: Schema.optionalKey(Question.annotate({ description: "The first missing fact in rule order, with a question label (次に確認すべき事項)" })),
  /** When ineligible: the why-not sentences of the clauses that decided it. When undetermined: what is still needed. */
  reasons: Schema.Array(Labels).annotate({ description: "Why not (ineligible) or what is still needed (undetermined), as ja/en sentences" }),
  clauses: Schema.Array(ClauseTrace).annotate({ description: "One entry per clause, in rule order (pre-order), parents before children" }),
  warnings: Schema.Array(VerdictWarning).annotate({ description: "Lenient evaluation outside the defined versions" })
}).annotate({ identifier: "Verdict", title: "jiritsu verdict (trace format jiritsu.trace/1)" })
/** @category model */
export type Verdict = typeof Verdict.Type

/** A verdict document that could not be decoded. @category errors @since 0.1.0 */
export const VerdictDecodeError = Schema.TaggedStruct("VerdictDecodeError", {
  issues: Schema.Array(Schema.Struct({ path: Schema.Array(Schema.Union([Schema.String, Schema.Number])), message: Schema.String })),
  message: Schema.String
})
/** @category errors */
export type VerdictDecodeError = typeof VerdictDecodeError.Type

const decodeVerdict = decodeWith(Verdict)

/** Decodes a stored verdict (e.g. read back from a database). Never throws. @category decoding @since 0.1.0 */
export const decode = (input: unknown): Result.Result<Verdict, VerdictDecodeError> =>
  Result.mapError(decodeVerdict(input), (issues) => ({
    _tag: "VerdictDecodeError" as const,
    issues: issues.map((i) => ({ path: i.path.map((p) => (typeof p === "number" ? p : String(p))), message: i.message })),
    message: issues.map((i) => i.message).join("; ")
  }))

/** The JSON Schema (draft 2020-12) of the trace format, as shipped in `schema/jiritsu.trace-1.schema.json`. @category format @since 0.1.0 */
export const jsonSchema = (): Record<string, unknown> => {
  const doc = Schema.toJsonSchemaDocument(Verdict)
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://jiritsu.dev/schema/jiritsu.trace-1.schema.json",
    title: "jiritsu verdict trace, format jiritsu.trace/1",
    ...doc.schema,
    $defs: doc.definitions
  }
}

/** Outcome in Japanese / English. @category rendering @since 0.1.0 */
export const outcomeLabel = (outcome: Outcome, lang: "ja" | "en"): string =>
  lang === "ja"
    ? { eligible: "対象", ineligible: "対象外", undetermined: "判定保留" }[outcome]
    : { eligible: "eligible", ineligible: "ineligible", undetermined: "undetermined" }[outcome]

const statusMark: Record<ClauseStatus, string> = { passed: "✓", failed: "✗", unknown: "?", overridden: "⚑" }
// An exception that does not apply is not a failure: it gets its own marks.
const exceptionMark: Record<ClauseStatus, string> = { passed: "→", failed: "·", unknown: "?", overridden: "→" }

// The observed value named by its fact (「介護・育児等の就労阻害要因: あり」), so a clause labelled
// with a negation never shows a bare はい / いいえ; traces written before 0.2.0 have no
// observedText and show the value as before.
const showObserved = (c: ClauseTrace, lang: "ja" | "en"): string =>
  c.observedText !== undefined ? ` — ${c.observedText[lang]}` : c.observed === undefined ? "" : `: ${formatValue(c.observed, lang)}`

// Next to an observed value, the condition is marked as the requirement, so the two never read as one.
const conditionOf = (c: ClauseTrace, lang: "ja" | "en"): string => {
  const required = c.observedText === undefined ? "" : lang === "ja" ? "要件: " : "required: "
  return lang === "ja" ? `（${required}${c.expected.ja}）` : ` (${required}${c.expected.en})`
}

/**
 * Renders a verdict as indented text a caseworker (or a log) can read: outcome, reasons, the next
 * question, then the clause tree with marks ✓ passed, ✗ failed, ? unknown, ⚑ overridden (exceptions:
 * → applies, · does not apply), the observed value, and the condition of failed or unknown clauses.
 * @category rendering
 * @since 0.1.0
 */
export const render = (verdict: Verdict, lang: "ja" | "en" = "ja"): string => {
  const lines: Array<string> = []
  const head = verdict.ruleSet === undefined ? verdict.ruleId : `${verdict.ruleSet.id} ${verdict.ruleSet.version}`
  lines.push(`${lang === "ja" ? "判定" : "Outcome"}: ${outcomeLabel(verdict.outcome, lang)}  (${head}, ${verdict.asOf}, ${verdict.hash.slice(0, 19)}…)`)
  for (const w of verdict.warnings) lines.push(`  ! ${w.message[lang]}`)
  for (const r of verdict.reasons) lines.push(`  - ${r[lang]}`)
  if (verdict.nextQuestion !== undefined) {
    lines.push(`  ${lang === "ja" ? "次に確認" : "Next question"}: ${verdict.nextQuestion.labels[lang]} (${verdict.nextQuestion.fact})`)
  }
  for (const c of verdict.clauses) {
    const indent = "  ".repeat(c.depth + 1)
    const cite = c.citation === undefined ? "" : `  [${c.citation.source}${c.citation.section === undefined ? "" : ` ${c.citation.section}`}]`
    const over = c.override === undefined ? "" : `  (${c.override.actor}: ${c.override.reason})`
    const mark = c.kind === "exception" ? exceptionMark[c.status] : statusMark[c.status]
    const condition = c.kind !== "exception" && (c.status === "failed" || c.status === "unknown") ? conditionOf(c, lang) : ""
    lines.push(`${indent}${mark} ${c.labels[lang]}${showObserved(c, lang)}${condition}${cite}${over}`)
  }
  return lines.join("\n")
}

/** The why-not sentences of a verdict, in one language. @category rendering @since 0.1.0 */
export const whyNot = (verdict: Verdict, lang: "ja" | "en" = "ja"): ReadonlyArray<string> => verdict.reasons.map((r) => r[lang])

/**
 * Content hash of a whole verdict (`sha256:` + hex of its canonical JSON), for storing a decision
 * with the exact trace it was taken on; stable under JSON round-trips and key order.
 * @category format
 * @since 0.1.0
 */
export const contentHashOf = (verdict: Verdict): string => contentHash(verdict)

/**
 * The verdict as plain data, every sentence rendered: a new object whose fields are all data
 * properties (a verdict that already is plain data is returned as it is). For code that needs
 * plain objects, e.g. to freeze a verdict deeply or hand it to a library that copies descriptors.
 * @category format
 * @since 0.3.0
 */
export const materialize = (verdict: Verdict): Verdict => materializeVerdict(verdict)

/** True when the verdict is decided (eligible or ineligible). @category predicates @since 0.1.0 */
export const isDecided = (verdict: Verdict): boolean => verdict.outcome !== "undetermined"
