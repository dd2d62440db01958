/**
 * Catalogue (事業カタログ) — every programme of the source documents, ready to evaluate, check,
 * render and extend.
 *
 * - {@link catalogue}: the built-in catalogue (6 national programmes, 16 municipal variants in
 *   11 municipalities), its vocabulary of facts and target groups.
 * - {@link evaluate}: a verdict (with trace, version and hash) for one programme, date and facts.
 * - {@link validateProgramme} / {@link check}: static checks — version gaps and overlaps, dead
 *   clauses, overlay conflicts (the core's `RuleSet.check`), plus the catalogue's own vocabulary
 *   checks (unknown fact, unknown target group, wrong fact type, wrong base).
 * - {@link extend}: a team adds its own municipal variants, target groups and facts; everything
 *   new is validated and the result is a new catalogue value.
 *
 * @since 0.1.0
 * @module
 */
import { Fact, Period, Programme as CoreProgramme, Rule, RuleSet, Target, type Verdict } from "@jiritsu/core"
import { Result, Schema } from "effect"
import type { ExceptionNode, Lbl, RuleNode } from "./internal/clauses.ts"
import { localize } from "./internal/fileFormat.ts"
import { allMunicipal, shinagawaPlanFY2012, shinagawaPlanFY2013, type MunicipalSpec } from "./Municipal.ts"
import { allNational, type NationalSpec } from "./National.ts"
import {
  placementRatePlan,
  consultationIntakeConsent,
  employerDisclosureConsent,
  helloWorkReferralConsent,
  kushiroGraph,
  readinessConsent,
  selfRelianceGraph,
  welfareSupportConsent,
  type ConsentTemplate,
  type DatedName,
  type Programme
} from "./Programme.ts"
import { facts as builtinFacts, targetGroups as builtinGroups, type FactDecl } from "./Vocabulary.ts"

// ---------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------

/**
 * A catalogue: programmes plus the vocabulary their rules and test cases may use.
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * const cat: Catalogue.Catalogue = Catalogue.catalogue
 * cat.programmes.length // 22
 * ```
 */
export interface Catalogue {
  readonly programmes: ReadonlyArray<Programme>
  readonly facts: Readonly<Record<string, FactDecl>>
  readonly groups: Readonly<Record<string, Lbl>>
}

/**
 * One problem found while loading or checking (読込・検査の指摘): file, path, reason and — for a
 * file read from JSON text — the line and column (1-based) of the offending value.
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * const issue: Catalogue.Issue = { file: "variants.json", line: 12, column: 7, path: ["municipal", 0, "base"], message: "no programme national.hw_handof (did you mean national.hw_handoff?)" }
 * ```
 */
export const Issue = Schema.Struct({
  file: Schema.optionalKey(Schema.String),
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  /** @since 0.3.0 */
  line: Schema.optionalKey(Schema.Number),
  /** @since 0.3.0 */
  column: Schema.optionalKey(Schema.Number),
  message: Schema.String
})
/** @category errors */
export type Issue = typeof Issue.Type

/**
 * A programme or catalogue that failed validation, with every issue. @category errors @since 0.1.0
 * @example
 * ```ts
 * const r = Catalogue.extend(Catalogue.catalogue, { facts: { "bad name": { type: "boolean", labels: { ja: "x", en: "x" } } } })
 * if (r._tag === "Failure") { const e: Catalogue.CatalogueError = r.failure; console.log(e.issues.length) }
 * ```
 */
export const CatalogueError = Schema.TaggedStruct("CatalogueError", {
  issues: Schema.Array(Issue),
  message: Schema.String
})
/** @category errors */
export type CatalogueError = typeof CatalogueError.Type

/**
 * Renders an issue as `file:line:column: path: message` (the position when known; editors and
 * terminals jump to it), in English or Japanese.
 * @category errors
 * @since 0.3.0
 * @example
 * ```ts
 * const issue: Catalogue.Issue = { file: "variants.json", line: 3, column: 5, path: ["municipal", 0, "base"], message: "unknown base" }
 * Catalogue.formatIssueIn("ja")(issue) // "variants.json:3:5: municipal.0.base: unknown base" (labels in Japanese)
 * ```
 */
export const formatIssueIn = (lang: "ja" | "en") => (issue: Issue): string => {
  const where = issue.file === undefined ? "" : `${issue.file}${issue.line === undefined ? "" : `:${issue.line}:${issue.column ?? 1}`}: `
  return `${where}${issue.path.length === 0 ? "(root)" : issue.path.join(".")}: ${localize(issue.message, lang)}`
}

/**
 * {@link formatIssueIn} English: `file:line:column: path: message`. @category errors @since 0.1.0
 * @example
 * ```ts
 * Catalogue.formatIssue({ file: "variants.json", line: 3, column: 5, path: ["municipal"], message: "expected an array" }) // "variants.json:3:5: municipal: expected an array"
 * ```
 */
export const formatIssue: (issue: Issue) => string = formatIssueIn("en")

/**
 * Builds a {@link CatalogueError} from issues. @category errors @since 0.1.0
 * @example
 * ```ts
 * const e = Catalogue.catalogueError([{ path: ["facts", "x"], message: "unknown fact type" }])
 * e.message // "facts.x: unknown fact type"
 * ```
 */
export const catalogueError = (issues: ReadonlyArray<Issue>): CatalogueError => ({
  _tag: "CatalogueError",
  issues,
  message: issues.map(formatIssue).join("\n")
})

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/**
 * The fact specs of a catalogue as the core reads them (`Fact.FactSpecs`): `target_groups` takes
 * its allowed values and their labels (値の表示名) from the catalogue's groups.
 * @category vocabulary
 * @since 0.1.0
 * @example
 * ```ts
 * const specs = Catalogue.factSpecs(Catalogue.catalogue)
 * specs.target_groups?.values?.includes("welfare_recipient") // true
 * ```
 */
export const factSpecs = (cat: Pick<Catalogue, "facts" | "groups">): Fact.FactSpecs => {
  const out: Record<string, Fact.FactSpec> = {}
  for (const [name, decl] of Object.entries(cat.facts)) {
    const values = name === "target_groups" ? Object.keys(cat.groups) : decl.values
    const valueLabels = name === "target_groups" ? cat.groups : decl.valueLabels
    out[name] = {
      type: decl.type,
      labels: decl.labels,
      ...(values === undefined ? {} : { values }),
      ...(valueLabels === undefined ? {} : { valueLabels })
    }
  }
  return out
}

const specsFor = (rules: ReadonlyArray<RuleNode>, all: Fact.FactSpecs): Fact.FactSpecs => {
  const out: Record<string, Fact.FactSpec> = {}
  for (const rule of rules) {
    for (const f of Rule.factsOf(rule)) {
      const root = f.split("[")[0]!
      if (Object.hasOwn(all, root)) out[root] = all[root]!
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Building programmes
// ---------------------------------------------------------------------------------------------

/**
 * What a programme carries beside its rules. @category model @since 0.1.0
 * @example
 * ```ts
 * const base = Catalogue.get(Catalogue.catalogue, "national.hw_handoff")!
 * const extras: Catalogue.Extras = { stageGraph: base.stageGraph, referrals: ["hello_work"], consent: [], targetPlans: [] }
 * ```
 */
export interface Extras {
  readonly stageGraph: Programme["stageGraph"]
  readonly referrals: Programme["referrals"]
  readonly consent: ReadonlyArray<ConsentTemplate>
  readonly targetPlans: ReadonlyArray<Target.Plan>
  readonly benchmarks?: ReadonlyArray<Target.Benchmark>
}

const nationalExtras: Readonly<Record<string, Extras>> = {
  "national.hw_handoff": {
    stageGraph: selfRelianceGraph,
    referrals: ["hello_work", "employment_readiness", "youth_support_station", "workplace_experience"],
    consent: [helloWorkReferralConsent, employerDisclosureConsent],
    targetPlans: [placementRatePlan(2017)]
  },
  "national.welfare_office_support": {
    stageGraph: selfRelianceGraph,
    referrals: ["hello_work", "employment_readiness", "workplace_experience", "certified_work_training"],
    consent: [welfareSupportConsent, helloWorkReferralConsent],
    targetPlans: []
  },
  "national.needy_consultation": {
    stageGraph: selfRelianceGraph,
    referrals: [
      "hello_work",
      "employment_readiness",
      "household_budget_support",
      "certified_work_training",
      "youth_support_station",
      "transition_support",
      "continuous_support_a",
      "continuous_support_b",
      "disability_work_life_center",
      "private_placement"
    ],
    consent: [consultationIntakeConsent, helloWorkReferralConsent],
    targetPlans: [],
    benchmarks: Target.benchmarks
  },
  "national.employment_readiness": {
    stageGraph: selfRelianceGraph,
    referrals: ["workplace_experience", "certified_work_training", "hello_work"],
    consent: [readinessConsent, consultationIntakeConsent],
    targetPlans: []
  },
  "national.housing_benefit": {
    stageGraph: selfRelianceGraph,
    referrals: ["hello_work"],
    consent: [consultationIntakeConsent],
    targetPlans: []
  },
  "national.integrated_job_service": {
    stageGraph: selfRelianceGraph,
    referrals: ["hello_work"],
    consent: [helloWorkReferralConsent],
    targetPlans: []
  }
}

const municipalExtras: Readonly<Record<string, Partial<Extras>>> = {
  "kushiro.hw_desk": { stageGraph: kushiroGraph, referrals: ["hello_work", "private_placement", "certified_work_training", "workplace_experience"] },
  "kushiro.housing_benefit": { stageGraph: kushiroGraph },
  "soka.job_spot": { referrals: ["hello_work", "silver_center", "transition_support"] },
  "soka.silver_centre_referral": { referrals: ["silver_center"] },
  "shinagawa.employment_centre": { targetPlans: [shinagawaPlanFY2012, shinagawaPlanFY2013] }
}

const toVersion = (v: { version: string; from: string; until?: string; rule: RuleNode; citation?: Rule.Citation; notes?: Lbl }): RuleSet.Version =>
  RuleSet.version({
    version: v.version,
    from: Period.unsafeDate(v.from),
    ...(v.until === undefined ? {} : { until: Period.unsafeDate(v.until) }),
    rule: v.rule,
    ...(v.citation === undefined ? {} : { citation: v.citation }),
    ...(v.notes === undefined ? {} : { notes: v.notes })
  })

/**
 * Builds the programme of a national spec: a rule set whose versions carry the programme's name
 * at the time (`notes`), the declared facts it reads, and the extras.
 * @category constructors
 * @since 0.1.0
 * @example
 * ```ts
 * const base = Catalogue.get(Catalogue.catalogue, "national.hw_handoff")!
 * const p = Catalogue.nationalProgramme(National.helloWorkHandoff, { stageGraph: base.stageGraph, referrals: base.referrals, consent: base.consent, targetPlans: [] }, Catalogue.factSpecs(Catalogue.catalogue))
 * p.ruleSet.versions.map((v) => v.version) // ["2005", "2011", "2013"]
 * ```
 */
export const nationalProgramme = (spec: NationalSpec, extras: Extras, specs: Fact.FactSpecs): Programme => ({
  id: spec.id,
  labels: spec.labels,
  kind: "national",
  names: spec.versions.map((v) => datedName(v.version, v.from, v.until, v.name)),
  ruleSet: RuleSet.make({
    id: spec.id,
    ja: spec.labels.ja,
    en: spec.labels.en,
    ...(spec.citations[0] === undefined ? {} : { citation: spec.citations[0] }),
    facts: specsFor(
      spec.versions.map((v) => v.rule),
      specs
    ),
    versions: spec.versions.map((v) => toVersion({ ...v, notes: v.name }))
  }),
  ...extras,
  citations: spec.citations
})

const datedName = (version: string, from: string, until: string | undefined, name: Lbl): DatedName =>
  until === undefined
    ? { version, from: Period.unsafeDate(from), name }
    : { version, from: Period.unsafeDate(from), until: Period.unsafeDate(until), name }

const later = (a: string, b: string): string => (a > b ? a : b)
const earlier = (a: string | undefined, b: string | undefined): string | undefined =>
  a === undefined ? b : b === undefined ? a : a < b ? a : b

/**
 * The versions of a municipal overlay: every window of the variant crossed with every base version
 * it overlaps (`<window>/<base version>`), each rule an overlay of the base version's rule with the
 * window's exceptions. A national amendment thus reaches every variant without copying.
 * @category constructors
 * @since 0.1.0
 * @example
 * ```ts
 * const base = Catalogue.get(Catalogue.catalogue, "national.hw_handoff")!
 * Catalogue.overlayVersions(Municipal.yokohama, base.ruleSet).map((v) => v.version) // ["fy2013_three_wards/2013", …]
 * ```
 */
export const overlayVersions = (spec: MunicipalSpec, base: RuleSet.RuleSet): ReadonlyArray<{
  readonly version: string
  readonly from: string
  readonly until?: string
  readonly rule: RuleNode
  readonly citation: Rule.Citation
  readonly notes: Lbl
  readonly baseVersion: string
}> =>
  spec.windows.flatMap((w) =>
    base.versions.flatMap((v) => {
      const from = later(w.from, v.from)
      const until = earlier(w.until, v.until)
      if (until !== undefined && from >= until) return []
      const rule = Rule.overlay({ id: spec.id, ja: spec.labels.ja, en: spec.labels.en, citation: w.citation }, v.rule, w.exceptions as ReadonlyArray<ExceptionNode>)
      const notes = v.notes ?? base.labels
      return [
        {
          version: `${w.version}/${v.version}`,
          from,
          ...(until === undefined ? {} : { until }),
          rule,
          citation: w.citation,
          notes: { ja: `基礎: ${notes.ja}`, en: `base: ${notes.en}` },
          baseVersion: v.version
        }
      ]
    })
  )

/**
 * Builds the programme of a municipal variant on its base programme.
 * @category constructors
 * @since 0.1.0
 * @example
 * ```ts
 * const base = Catalogue.get(Catalogue.catalogue, "national.hw_handoff")!
 * const p = Catalogue.municipalProgramme(Municipal.yokohama, base, Catalogue.factSpecs(Catalogue.catalogue))
 * p.base // "national.hw_handoff"
 * ```
 */
export const municipalProgramme = (spec: MunicipalSpec, base: Programme, specs: Fact.FactSpecs, extras: Partial<Extras> = {}): Programme => {
  const versions = overlayVersions(spec, base.ruleSet)
  return {
    id: spec.id,
    labels: spec.labels,
    kind: "municipal",
    municipality: spec.municipality,
    site: spec.site,
    base: base.id,
    names: versions.map((v) => datedName(v.version, v.from, v.until, spec.labels)),
    ruleSet: RuleSet.make({
      id: spec.id,
      ja: spec.labels.ja,
      en: spec.labels.en,
      ...(spec.citations[0] === undefined ? {} : { citation: spec.citations[0] }),
      facts: specsFor(
        versions.map((v) => v.rule),
        specs
      ),
      versions: versions.map(toVersion)
    }),
    stageGraph: extras.stageGraph ?? base.stageGraph,
    referrals: extras.referrals ?? base.referrals,
    consent: extras.consent ?? base.consent,
    targetPlans: extras.targetPlans ?? [],
    citations: spec.citations
  }
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

type Path = ReadonlyArray<string | number>

const walk = (node: RuleNode | ExceptionNode, path: Path, visit: (node: RuleNode | ExceptionNode, path: Path) => void): void => {
  visit(node, path)
  switch (node.kind) {
    case "all":
    case "any":
      node.children.forEach((c, i) => walk(c, [...path, "children", i], visit))
      return
    case "not":
      walk(node.child, [...path, "child"], visit)
      return
    case "overlay":
      walk(node.base, [...path, "base"], visit)
      node.exceptions.forEach((e, i) => walk(e, [...path, "exceptions", i], visit))
      return
    case "exception":
      walk(node.when, [...path, "when"], visit)
      return
    // A count's or an aggregate's `where` reads the members' own fields, not the catalogue's
    // facts, so it is not walked.
    default:
      return
  }
}

const expectedType: Partial<Record<RuleNode["kind"], ReadonlyArray<Fact.FactType>>> = {
  age: ["date"],
  dateIn: ["date"],
  withinLast: ["date"],
  intersects: ["strings"],
  containsAll: ["strings"],
  count: ["members"],
  aggregate: ["members"],
  in: ["string", "number", "boolean"]
}

const valuesOf = (node: RuleNode): ReadonlyArray<unknown> => {
  switch (node.kind) {
    case "in":
    case "intersects":
    case "containsAll":
      return node.values
    case "compare":
      return [node.value]
    default:
      return []
  }
}

const vocabularyIssues = (rule: RuleNode, specs: Fact.FactSpecs, at: Path): ReadonlyArray<Issue> => {
  const issues: Array<Issue> = []
  walk(rule, at, (node, path) => {
    if (node.kind === "exception" || !("fact" in node)) return
    const spec = Object.hasOwn(specs, node.fact) ? specs[node.fact] : undefined
    if (spec === undefined) {
      issues.push({ path: [...path, "fact"], message: `unknown fact "${node.fact}" (declare it in the catalogue's facts)` })
      return
    }
    const types = expectedType[node.kind]
    if (types !== undefined && !types.includes(spec.type)) {
      issues.push({ path: [...path, "fact"], message: `fact "${node.fact}" is a ${spec.type}; a ${node.kind} clause needs ${types.join(" or ")}` })
    }
    if (node.kind === "compare" && spec.type === "boolean" && typeof node.value !== "boolean") {
      issues.push({ path: [...path, "value"], message: `fact "${node.fact}" is a boolean; compared with ${JSON.stringify(node.value)}` })
    }
    if (spec.values !== undefined) {
      const allowed = new Set(spec.values)
      valuesOf(node).forEach((v, i) => {
        if (typeof v === "string" && !allowed.has(v)) {
          const what = node.fact === "target_groups" ? "target group" : `value of "${node.fact}"`
          issues.push({ path: [...path, node.kind === "compare" ? "value" : "values", ...(node.kind === "compare" ? [] : [i])], message: `unknown ${what} "${v}"` })
        }
      })
    }
  })
  return issues
}

/**
 * Validates a programme against a catalogue's vocabulary and the core's static checks: the
 * programme decodes as a core `Programme` (dates, ids, shapes, referral destinations); the core's
 * `Programme.check` finds nothing (stage graph, name periods, target plans, consent for Hello
 * Work); every clause reads a declared fact of the right type with allowed values (known target
 * groups); versions have no gaps or overlaps, no clause is dead, no overlay conflicts; the base
 * exists.
 * @category validation
 * @since 0.1.0
 * @example
 * ```ts
 * const p = Catalogue.get(Catalogue.catalogue, "yokohama.job_spot")!
 * Catalogue.validateProgramme(p, Catalogue.catalogue) // [] — decodes and checks through the core's Programme
 * ```
 */
export const validateProgramme = (programme: Programme, cat: Pick<Catalogue, "facts" | "groups" | "programmes">): ReadonlyArray<Issue> => {
  const issues: Array<Issue> = []
  const decoded = CoreProgramme.decode(programme)
  if (Result.isFailure(decoded)) {
    return decoded.failure.issues.map((i) => ({ path: [programme.id, ...i.path], message: i.message }))
  }
  // The core's whole-programme checks (stage graph, name periods, target plans, consent for Hello
  // Work referrals); the rule set's findings are reported below with their tags.
  for (const f of CoreProgramme.check(programme)) {
    if (f.part !== "ruleSet") issues.push({ path: [programme.id, ...f.path], message: `${f.part} (${f.severity}): ${f.message}` })
  }
  const specs = factSpecs(cat)
  programme.ruleSet.versions.forEach((v, i) => issues.push(...vocabularyIssues(v.rule, specs, [programme.id, "ruleSet", "versions", i, "rule"])))
  for (const f of RuleSet.check(programme.ruleSet)) {
    const tag = f._tag === "VersionRuleFinding" ? f.finding._tag : f._tag
    issues.push({ path: [programme.id, "ruleSet"], message: `${tag} (${f.severity}): ${f.message.en}` })
  }
  if (programme.base !== undefined && !cat.programmes.some((p) => p.id === programme.base)) {
    issues.push({ path: [programme.id, "base"], message: `unknown base programme "${programme.base}"` })
  }
  return issues
}

/**
 * Static checks of every programme of a catalogue (see {@link validateProgramme}), plus duplicate
 * programme ids. An empty list means the catalogue is clean.
 * @category validation
 * @since 0.1.0
 * @example
 * ```ts
 * Catalogue.check(Catalogue.catalogue) // [] for the built-in catalogue
 * ```
 */
export const check = (cat: Catalogue): ReadonlyArray<Issue> => {
  const issues: Array<Issue> = []
  const seen = new Set<string>()
  for (const p of cat.programmes) {
    if (seen.has(p.id)) issues.push({ path: [p.id], message: `duplicate programme id "${p.id}"` })
    seen.add(p.id)
    issues.push(...validateProgramme(p, cat))
  }
  return issues
}

// ---------------------------------------------------------------------------------------------
// The built-in catalogue and extension
// ---------------------------------------------------------------------------------------------

const buildMunicipal = (
  specs: ReadonlyArray<MunicipalSpec>,
  programmes: ReadonlyArray<Programme>,
  factSpecsAll: Fact.FactSpecs,
  extrasOf: (id: string) => Partial<Extras>
): Result.Result<ReadonlyArray<Programme>, CatalogueError> => {
  const out: Array<Programme> = []
  const issues: Array<Issue> = []
  specs.forEach((spec, i) => {
    const base = programmes.find((p) => p.id === spec.base)
    if (base === undefined) {
      issues.push({ path: ["municipal", i, "base"], message: `unknown base programme "${spec.base}"` })
      return
    }
    const bad = spec.windows.flatMap((w, j) =>
      [
        ["from", w.from],
        ["until", w.until]
      ].flatMap(([k, d]) =>
        d !== undefined && Result.isFailure(Period.parseDate(d)) ? [{ path: ["municipal", i, "windows", j, k!], message: `not a calendar date: ${JSON.stringify(d)}` }] : []
      )
    )
    if (bad.length > 0) {
      issues.push(...bad)
      return
    }
    out.push(municipalProgramme(spec, base, factSpecsAll, extrasOf(spec.id)))
  })
  return issues.length > 0 ? Result.fail(catalogueError(issues)) : Result.succeed(out)
}

const builtinVocabulary = { facts: builtinFacts as Readonly<Record<string, FactDecl>>, groups: builtinGroups as Readonly<Record<string, Lbl>> }

const buildBuiltin = (): Catalogue => {
  const specs = factSpecs(builtinVocabulary)
  const national = allNational.map((n) => nationalProgramme(n, nationalExtras[n.id]!, specs))
  const municipal = buildMunicipal(allMunicipal, national, specs, (id) => municipalExtras[id] ?? {})
  if (Result.isFailure(municipal)) throw new Error(municipal.failure.message)
  return { programmes: [...national, ...municipal.success], ...builtinVocabulary }
}

/**
 * The built-in catalogue (組み込みカタログ): the national programmes and the source-document municipalities'
 * variants with their vocabulary.
 * @category catalogue
 * @since 0.1.0
 * @example
 * ```ts
 * Catalogue.catalogue.programmes.filter((p) => p.kind === "national").map((p) => p.id) // ["national.hw_handoff", …]
 * ```
 */
export const catalogue: Catalogue = buildBuiltin()

/**
 * What a team adds to a catalogue. @category extension @since 0.1.0
 * @example
 * ```ts
 * const ext: Catalogue.Extension = { groups: { care_leaver: { ja: "児童養護施設等の退所者", en: "care leaver" } } }
 * ```
 */
export interface Extension {
  readonly groups?: Readonly<Record<string, Lbl>>
  readonly facts?: Readonly<Record<string, FactDecl>>
  readonly municipal?: ReadonlyArray<MunicipalSpec & { readonly extras?: Partial<Extras> }>
  readonly programmes?: ReadonlyArray<Programme>
}

/**
 * Extends a catalogue with a team's target groups, facts, municipal variants and programmes. Every
 * programme of the result is validated (unknown facts or groups, bad dates, version gaps and
 * overlaps, dead clauses, overlay conflicts); on any issue the extension fails with all of them.
 * @category extension
 * @since 0.1.0
 * @example
 * ```ts
 * const r = Catalogue.extend(Catalogue.catalogue, { groups: { care_leaver: { ja: "児童養護施設等の退所者", en: "care leaver" } } })
 * if (r._tag === "Success") console.log(r.success.groups.care_leaver?.ja) // 児童養護施設等の退所者
 * else console.log(r.failure.message) // every issue with its path
 * ```
 */
export const extend = (cat: Catalogue, ext: Extension): Result.Result<Catalogue, CatalogueError> => {
  const vocabulary = { facts: { ...cat.facts, ...(ext.facts ?? {}) }, groups: { ...cat.groups, ...(ext.groups ?? {}) } }
  const specs = factSpecs(vocabulary)
  const declared = [...cat.programmes, ...(ext.programmes ?? [])]
  const municipal = buildMunicipal(ext.municipal ?? [], declared, specs, (id) => ext.municipal?.find((m) => m.id === id)?.extras ?? {})
  if (Result.isFailure(municipal)) return Result.fail(municipal.failure)
  const added = [...(ext.programmes ?? []), ...municipal.success]
  // Existing programmes read the extended vocabulary too (e.g. a new target group is a valid value
  // of `target_groups` everywhere), so their declared facts are re-derived from it.
  const redeclared = cat.programmes.map((p) => withVocabulary(p, specs))
  const next: Catalogue = { programmes: [...redeclared, ...added], ...vocabulary }
  const issues: Array<Issue> = []
  const ids = new Set(cat.programmes.map((p) => p.id))
  for (const p of added) {
    if (ids.has(p.id)) issues.push({ path: [p.id], message: `programme id "${p.id}" is already in the catalogue` })
    ids.add(p.id)
    issues.push(...validateProgramme(p, next))
  }
  return issues.length > 0 ? Result.fail(catalogueError(issues)) : Result.succeed(next)
}

const withVocabulary = (p: Programme, specs: Fact.FactSpecs): Programme => ({
  ...p,
  ruleSet: { ...p.ruleSet, facts: specsFor(p.ruleSet.versions.map((v) => v.rule), specs) }
})

/**
 * {@link extend} for module-level data: throws a readable error on any issue. @category extension @since 0.1.0
 * @example
 * ```ts
 * const cat = Catalogue.unsafeExtend(Catalogue.catalogue, { groups: { care_leaver: { ja: "児童養護施設等の退所者", en: "care leaver" } } }) // throws on an invalid extension
 * ```
 */
export const unsafeExtend = (cat: Catalogue, ext: Extension): Catalogue => {
  const r = extend(cat, ext)
  if (Result.isFailure(r)) throw new Error(`catalogue extension is invalid:\n${r.failure.message}`)
  return r.success
}

// ---------------------------------------------------------------------------------------------
// Queries and evaluation
// ---------------------------------------------------------------------------------------------

/**
 * The programme with this id. @category queries @since 0.1.0
 * @example
 * ```ts
 * Catalogue.get(Catalogue.catalogue, "national.housing_benefit")?.labels.ja // "住居確保給付金（旧 住宅手当・住宅支援給付）"
 * ```
 */
export const get = (cat: Catalogue, id: string): Programme | undefined => cat.programmes.find((p) => p.id === id)

/**
 * The programmes of one municipality (by English name) . @category queries @since 0.1.0
 * @example
 * ```ts
 * Catalogue.byMunicipality(Catalogue.catalogue, "Shinagawa").map((p) => p.id) // ["shinagawa.employment_centre", "shinagawa.welfare_support", "shinagawa.sapo_shinagawa"]
 * ```
 */
export const byMunicipality = (cat: Catalogue, municipality: string): ReadonlyArray<Programme> =>
  cat.programmes.filter((p) => p.municipality?.en === municipality || p.municipality?.ja === municipality)

/**
 * No programme with the requested id. @category errors @since 0.1.0
 * @example
 * ```ts
 * const r = Catalogue.evaluate(Catalogue.catalogue, { programme: "national.no_such", asOf: "2014-01-01", facts: {} })
 * if (r._tag === "Failure" && r.failure._tag === "UnknownProgramme") { const e: Catalogue.UnknownProgramme = r.failure; console.log(e.message) }
 * ```
 */
export const UnknownProgramme = Schema.TaggedStruct("UnknownProgramme", { programme: Schema.String, message: Schema.String })
/** @category errors */
export type UnknownProgramme = typeof UnknownProgramme.Type

/**
 * A request to evaluate a programme (判定依頼). @category evaluation @since 0.1.0
 * @example
 * ```ts
 * const request: Catalogue.Request = { programme: "national.welfare_office_support", asOf: "2014-01-01", facts: { judged_able_to_work: true } }
 * ```
 */
export interface Request {
  readonly programme: string
  readonly asOf: string
  readonly facts: unknown
  readonly overrides?: ReadonlyArray<Verdict.Override>
}

/**
 * Why an evaluation produced no verdict. @category evaluation
 * @example
 * ```ts
 * const r = Catalogue.evaluate(Catalogue.catalogue, { programme: "national.welfare_office_support", asOf: "2010-01-01", facts: {} })
 * if (r._tag === "Failure") { const e: Catalogue.EvaluationError = r.failure; console.log(e._tag) } // VersionNotFound (strict mode)
 * ```
 */
export type EvaluationError = UnknownProgramme | RuleSet.VersionNotFound | Rule.OverrideRefused | Rule.InputDecodeError

/**
 * Evaluates a programme as of a date (strict by default: no version in force is an error). Facts
 * are decoded against the programme's declared facts at the boundary.
 * @category evaluation
 * @since 0.1.0
 * @example
 * ```ts
 * const r = Catalogue.evaluate(Catalogue.catalogue, { programme: "national.welfare_office_support", asOf: "2020-06-14", facts: { target_groups: ["welfare_recipient"], birth_date: "2002-06-15", judged_able_to_work: true } })
 * if (r._tag === "Success") console.log(Verdict.render(r.success, "ja")) // 判定: 対象外 … 年齢 17 歳は稼働年齢（18〜64歳）の範囲外です
 * ```
 */
export const evaluate = (cat: Catalogue, request: Request, mode: RuleSet.Mode = "strict"): Result.Result<Verdict.Verdict, EvaluationError> => {
  const programme = get(cat, request.programme)
  if (programme === undefined) {
    return Result.fail({ _tag: "UnknownProgramme", programme: request.programme, message: `no programme "${request.programme}" in the catalogue` })
  }
  const input = request.overrides === undefined ? { asOf: request.asOf, facts: request.facts } : { asOf: request.asOf, facts: request.facts, overrides: request.overrides }
  return RuleSet.evaluateUnknown(programme.ruleSet, input, { mode })
}

/**
 * The programmes with a version in force at a date (実施中の事業), e.g. for a programme list as of
 * a day.
 * @category queries
 * @since 0.1.0
 * @example
 * ```ts
 * Catalogue.programmesAt(Catalogue.catalogue, "2010-01-01").map((p) => p.id) // the programmes with a version in force on that day
 * ```
 */
export const programmesAt = (cat: Catalogue, asOf: string): ReadonlyArray<Programme> =>
  cat.programmes.filter((p) => p.ruleSet.versions.some((v) => v.from <= asOf && (v.until === undefined || asOf < v.until)))

/**
 * Evaluates a population (records or columns) against one programme as of a date, outcomes only
 * (the core's `RuleSet.evaluateMany`: the same outcomes as {@link evaluate}, without the trace).
 * Facts are not decoded here: decode them at the boundary first (`Fact.decodeFacts`).
 * @category evaluation
 * @since 0.1.0
 * @example
 * ```ts
 * const r = Catalogue.evaluateMany(Catalogue.catalogue, "national.hw_handoff", [{ target_groups: ["welfare_recipient"], able_to_work: true }, {}], Period.unsafeDate("2014-01-01"))
 * if (r._tag === "Success") console.log(r.success) // ["undetermined", "undetermined"] — motivation and consent still to ask
 * ```
 */
export const evaluateMany = (
  cat: Catalogue,
  programme: string,
  population: Rule.Population,
  asOf: Period.LocalDate,
  mode: RuleSet.Mode = "strict"
): Result.Result<ReadonlyArray<Verdict.Outcome>, UnknownProgramme | RuleSet.VersionNotFound> => {
  const p = get(cat, programme)
  if (p === undefined) return Result.fail({ _tag: "UnknownProgramme", programme, message: `no programme "${programme}" in the catalogue` })
  return RuleSet.evaluateMany(p.ruleSet, population, { asOf, mode })
}
