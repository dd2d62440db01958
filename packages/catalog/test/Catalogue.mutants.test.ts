// Pins down the parts of Catalogue that the broader catalogue tests reach only in passing: how an
// issue is rendered, the vocabulary checks clause by clause (exact paths and messages), how a
// municipal window is crossed with its base's versions (dates, notes, absent keys), extension
// (new facts, per-variant extras, duplicate ids) and the small queries (byMunicipality,
// programmesAt, evaluate / evaluateMany on unknown programmes and modes).
import { Period, Rule, RuleSet } from "@jiritsu/core"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Catalogue, Municipal, National, Programme, Sources, Vocabulary } from "../src/index.ts"

const cat = Catalogue.catalogue
const c = Sources.seed("S0", "t")
const m = (id: string) => ({ id, ja: `${id}（日）`, en: id, citation: c })
const d = Period.unsafeDate
const builtin = (id: string): Programme.Programme => {
  const p = Catalogue.get(cat, id)
  if (p === undefined) throw new Error(`no programme ${id}`)
  return p
}
const service = builtin("national.integrated_job_service")

const facts: Readonly<Record<string, Vocabulary.FactDecl>> = {
  flag: { type: "boolean", labels: { ja: "旗", en: "flag" } },
  n: { type: "number", labels: { ja: "数", en: "n" } },
  kind: { type: "string", labels: { ja: "種別", en: "kind" }, values: ["a", "b"], valueLabels: { a: { ja: "甲", en: "A" } } },
  free: { type: "string", labels: { ja: "自由", en: "free" } },
  born: { type: "date", labels: { ja: "生年月日", en: "born" } },
  tags: { type: "strings", labels: { ja: "札", en: "tags" } },
  household: { type: "members", labels: { ja: "世帯", en: "household" } },
  target_groups: { type: "strings", labels: { ja: "区分", en: "groups" }, values: ["ignored"], valueLabels: { ignored: { ja: "無視", en: "ignored" } } }
}
const groups = { youth: { ja: "若者", en: "youth" } }
const vocab = { facts, groups, programmes: cat.programmes }

/** A team programme (the integrated job service's extras) with one version reading `rule`. */
const prog = (rule: Rule.Rule, over: Partial<Programme.Programme> = {}): Programme.Programme => ({
  ...service,
  id: "t.p",
  ruleSet: RuleSet.make({ id: "t.p", ja: "t", en: "t", versions: [RuleSet.version({ version: "1", from: d("2020-01-01"), rule })] }),
  ...over
})
const at = (...rest: ReadonlyArray<string | number>) => ["t.p", "ruleSet", "versions", 0, "rule", ...rest]

describe("formatIssue / formatIssueIn / catalogueError", () => {
  it("renders file, line and column, path and message", () => {
    expect(Catalogue.formatIssue({ file: "v.json", line: 3, column: 5, path: ["municipal", 0, "base"], message: "unknown base" })).toBe("v.json:3:5: municipal.0.base: unknown base")
    expect(Catalogue.formatIssue({ file: "v.json", line: 3, path: ["municipal"], message: "m" })).toBe("v.json:3:1: municipal: m")
    expect(Catalogue.formatIssue({ file: "v.json", path: ["municipal"], message: "m" })).toBe("v.json: municipal: m")
    expect(Catalogue.formatIssue({ path: ["a", 1], message: "m" })).toBe("a.1: m")
    expect(Catalogue.formatIssue({ path: [], message: "m" })).toBe("(root): m")
  })

  it("localizes the message in Japanese and keeps the position", () => {
    expect(Catalogue.formatIssueIn("ja")({ file: "v.json", line: 2, column: 9, path: [], message: 'expected a string, got 3' })).toBe("v.json:2:9: (root): 文字列を指定してください（指定値: 3）")
    expect(Catalogue.formatIssueIn("en")({ file: "v.json", line: 2, column: 9, path: [], message: "expected a string, got 3" })).toBe("v.json:2:9: (root): expected a string, got 3")
  })

  it("builds an error whose message lists every issue, one a line", () => {
    const issues = [
      { path: ["facts", "x"], message: "unknown fact type" },
      { file: "f.json", line: 1, column: 2, path: [], message: "bad" }
    ]
    expect(Catalogue.catalogueError(issues)).toStrictEqual({ _tag: "CatalogueError", issues, message: "facts.x: unknown fact type\nf.json:1:2: (root): bad" })
  })
})

describe("vocabulary checks of validateProgramme", () => {
  it("walks every kind of node and reports each clause's fact, type and values with its exact path", () => {
    const rule = Rule.any(m("r"), [
      Rule.all(m("all"), [Rule.isTrue(m("u1"), "nope"), Rule.not(m("not"), Rule.isTrue(m("u2"), "nope2"))]),
      Rule.age(m("age"), "flag", { min: 18 }),
      Rule.eq(m("cmp"), "flag", "yes"),
      Rule.eq(m("cmpn"), "n", 3),
      Rule.eq(m("cmpk"), "kind", "z"),
      Rule.isIn(m("in"), "kind", ["a", "q", 3]),
      Rule.intersects(m("int"), "target_groups", ["youth", "martians"]),
      Rule.containsAll(m("ca"), "target_groups", ["venusians"]),
      Rule.containsAll(m("tags"), "tags", ["x"]),
      Rule.eq(m("free"), "free", "anything"),
      Rule.isIn(m("inb"), "flag", [true]),
      Rule.count(m("cnt"), "household", { where: Rule.eq(m("w"), "relation", "child"), op: "gte", value: 1 }),
      Rule.aggregate(m("agg"), "household", { fn: "sum", field: "income", where: Rule.eq(m("w2"), "relation", "self"), op: "lte", value: 5 }),
      Rule.count(m("cntn"), "n", { op: "gte", value: 1 }),
      Rule.overlay(m("ov"), Rule.isTrue(m("ob"), "nope3"), [Rule.include(m("ex"), Rule.isTrue(m("exw"), "nope4"))]),
      Rule.exists(m("has"), "kind")
    ])
    expect(Catalogue.validateProgramme(prog(rule), vocab)).toStrictEqual([
      { path: at("children", 0, "children", 0, "fact"), message: `unknown fact "nope" (declare it in the catalogue's facts)` },
      { path: at("children", 0, "children", 1, "child", "fact"), message: `unknown fact "nope2" (declare it in the catalogue's facts)` },
      { path: at("children", 1, "fact"), message: `fact "flag" is a boolean; a age clause needs date` },
      { path: at("children", 2, "value"), message: `fact "flag" is a boolean; compared with "yes"` },
      { path: at("children", 4, "value"), message: `unknown value of "kind" "z"` },
      { path: at("children", 5, "values", 1), message: `unknown value of "kind" "q"` },
      { path: at("children", 6, "values", 1), message: `unknown target group "martians"` },
      { path: at("children", 7, "values", 0), message: `unknown target group "venusians"` },
      { path: at("children", 13, "fact"), message: `fact "n" is a number; a count clause needs members` },
      { path: at("children", 14, "base", "fact"), message: `unknown fact "nope3" (declare it in the catalogue's facts)` },
      { path: at("children", 14, "exceptions", 0, "when", "fact"), message: `unknown fact "nope4" (declare it in the catalogue's facts)` }
    ])
  })

  it("names every allowed type of an `in` clause", () => {
    const rule = Rule.isIn(m("in"), "tags", ["x"])
    expect(Catalogue.validateProgramme(prog(rule), vocab)).toStrictEqual([
      { path: at("fact"), message: `fact "tags" is a strings; a in clause needs string or number or boolean` }
    ])
  })

  it("reports an unknown base, the core's whole-programme findings and the rule set's findings with their paths", () => {
    const rule = Rule.all(m("r"), [Rule.eq(m("k1"), "kind", "a"), Rule.eq(m("k2"), "kind", "b")])
    expect(Catalogue.validateProgramme(prog(rule, { base: "national.nothing", consent: [] }), vocab)).toStrictEqual([
      { path: ["t.p", "consent"], message: "consent (warning): the programme refers to Hello Work but has no consent template whose recipients include Hello Work" },
      {
        path: ["t.p", "ruleSet"],
        message: 'ContradictoryClauses (error): version 1: r: k1 and k2 contradict each other on fact "kind"; the clause can never pass'
      },
      { path: ["t.p", "base"], message: 'unknown base programme "national.nothing"' }
    ])
    expect(Catalogue.validateProgramme(prog(Rule.isTrue(m("f"), "flag"), { base: "national.hw_handoff" }), vocab)).toStrictEqual([])
  })

  it("check reports a duplicate programme id once per repeat", () => {
    const p = builtin("national.housing_benefit")
    expect(Catalogue.check({ ...cat, programmes: [...cat.programmes, p] })).toStrictEqual([{ path: ["national.housing_benefit"], message: 'duplicate programme id "national.housing_benefit"' }])
    const bad = prog(Rule.isTrue(m("f"), "nope"))
    expect(Catalogue.check({ ...cat, programmes: [bad] })).toStrictEqual([
      { path: at("fact"), message: `unknown fact "nope" (declare it in the catalogue's facts)` }
    ])
  })
})

describe("factSpecs", () => {
  it("takes target_groups' values and labels from the groups, every other fact's from its declaration, and adds no empty keys", () => {
    expect(Catalogue.factSpecs({ facts: { target_groups: facts.target_groups!, kind: facts.kind!, flag: facts.flag! }, groups })).toStrictEqual({
      target_groups: { type: "strings", labels: { ja: "区分", en: "groups" }, values: ["youth"], valueLabels: groups },
      kind: { type: "string", labels: { ja: "種別", en: "kind" }, values: ["a", "b"], valueLabels: { a: { ja: "甲", en: "A" } } },
      flag: { type: "boolean", labels: { ja: "旗", en: "flag" } }
    })
  })
})

describe("crossing windows with base versions", () => {
  const v1Rule = Rule.isTrue(m("b1"), "flag")
  const v2Rule = Rule.all(m("b2"), [Rule.isTrue(m("b2.f"), "flag"), Rule.count(m("b2.c"), "household", { where: Rule.eq(m("rel"), "relation", "child"), op: "gte", value: 1 })])
  const baseRules = RuleSet.make({
    id: "t.base",
    ja: "基礎事業",
    en: "base programme",
    versions: [
      RuleSet.version({ version: "v1", from: d("2010-01-01"), until: d("2015-01-01"), rule: v1Rule, notes: { ja: "旧", en: "old" } }),
      RuleSet.version({ version: "v2", from: d("2015-01-01"), rule: v2Rule })
    ]
  })
  const ex = Rule.include(m("t.inc"), Rule.isTrue(m("t.inc.w"), "n"))
  const w = (version: string, from: string, until?: string): Municipal.MunicipalWindow =>
    until === undefined ? { version, from, exceptions: [ex], citation: c } : { version, from, until, exceptions: [ex], citation: c }
  const spec: Municipal.MunicipalSpec = {
    id: "t.city",
    labels: { ja: "市の事業", en: "city programme" },
    municipality: { ja: "テスト市", en: "Test city" },
    site: { ja: "市役所", en: "city hall" },
    base: "t.base",
    windows: [w("w0", "2011-01-01", "2013-01-01"), w("w1", "2012-01-01", "2016-01-01"), w("w2", "2016-01-01"), w("w3", "2005-01-01", "2010-01-01")],
    citations: []
  }
  const rule = (r: Rule.Rule) => Rule.overlay({ id: "t.city", ja: "市の事業", en: "city programme", citation: c }, r, [ex])
  const oldNotes = { ja: "基礎: 旧", en: "base: old" }
  const baseNotes = { ja: "基礎: 基礎事業", en: "base: base programme" }

  it("keeps the overlap of each window with each base version, drops empty ones, and notes the base's name", () => {
    expect(Catalogue.overlayVersions(spec, baseRules)).toStrictEqual([
      { version: "w0/v1", from: "2011-01-01", until: "2013-01-01", rule: rule(v1Rule), citation: c, notes: oldNotes, baseVersion: "v1" },
      { version: "w1/v1", from: "2012-01-01", until: "2015-01-01", rule: rule(v1Rule), citation: c, notes: oldNotes, baseVersion: "v1" },
      { version: "w1/v2", from: "2015-01-01", until: "2016-01-01", rule: rule(v2Rule), citation: c, notes: baseNotes, baseVersion: "v2" },
      { version: "w2/v2", from: "2016-01-01", rule: rule(v2Rule), citation: c, notes: baseNotes, baseVersion: "v2" }
    ])
  })

  it("builds the municipal programme's versions, names and declared facts from the crossing", () => {
    const base: Programme.Programme = { ...service, id: "t.base", ruleSet: baseRules }
    const p = Catalogue.municipalProgramme({ ...spec, windows: [w("w1", "2012-01-01", "2016-01-01"), w("w2", "2016-01-01")] }, base, Catalogue.factSpecs({ facts, groups }))
    expect(p.ruleSet).toStrictEqual({
      id: "t.city",
      labels: { ja: "市の事業", en: "city programme" },
      facts: { flag: { type: "boolean", labels: { ja: "旗", en: "flag" } }, n: { type: "number", labels: { ja: "数", en: "n" } }, household: { type: "members", labels: { ja: "世帯", en: "household" } } },
      versions: [
        { version: "w1/v1", from: "2012-01-01", until: "2015-01-01", rule: rule(v1Rule), citation: c, notes: oldNotes },
        { version: "w1/v2", from: "2015-01-01", until: "2016-01-01", rule: rule(v2Rule), citation: c, notes: baseNotes },
        { version: "w2/v2", from: "2016-01-01", rule: rule(v2Rule), citation: c, notes: baseNotes }
      ]
    })
    expect(p.names).toStrictEqual([
      { version: "w1/v1", from: "2012-01-01", until: "2015-01-01", name: spec.labels },
      { version: "w1/v2", from: "2015-01-01", until: "2016-01-01", name: spec.labels },
      { version: "w2/v2", from: "2016-01-01", name: spec.labels }
    ])
    const cited = Catalogue.municipalProgramme({ ...spec, citations: [c] }, base, {})
    expect(cited.ruleSet.citation).toStrictEqual(c)
    expect(cited.ruleSet.facts).toStrictEqual({})
  })

  it("a national programme's versions carry their until (only when given), citation and name as notes", () => {
    const national: National.NationalSpec = {
      id: "t.nat",
      labels: { ja: "国", en: "nat" },
      versions: [
        { version: "a", from: "2010-01-01", until: "2012-01-01", rule: v1Rule, citation: c, name: { ja: "甲", en: "A" } },
        { version: "b", from: "2012-01-01", rule: v1Rule, citation: c, name: { ja: "乙", en: "B" } }
      ],
      citations: []
    }
    const p = Catalogue.nationalProgramme(national, { stageGraph: service.stageGraph, referrals: [], consent: [], targetPlans: [] }, {})
    expect(p.ruleSet.versions).toStrictEqual([
      { version: "a", from: "2010-01-01", until: "2012-01-01", rule: v1Rule, citation: c, notes: { ja: "甲", en: "A" } },
      { version: "b", from: "2012-01-01", rule: v1Rule, citation: c, notes: { ja: "乙", en: "B" } }
    ])
    // The programme itself: its kind, one dated name per version, no rule-set citation without one.
    expect(p.kind).toBe("national")
    expect(p.names).toStrictEqual([
      { version: "a", from: "2010-01-01", until: "2012-01-01", name: { ja: "甲", en: "A" } },
      { version: "b", from: "2012-01-01", name: { ja: "乙", en: "B" } }
    ])
    expect("citation" in p.ruleSet).toBe(false)
    const cited = Catalogue.nationalProgramme({ ...national, citations: [c] }, { stageGraph: service.stageGraph, referrals: [], consent: [], targetPlans: [] }, {})
    expect(cited.ruleSet.citation).toStrictEqual(c)
  })
})

describe("extending the catalogue", () => {
  const spec = (id: string, over: Partial<Municipal.MunicipalSpec> = {}): Municipal.MunicipalSpec => ({
    id,
    labels: { ja: "テスト", en: "test" },
    municipality: { ja: "テスト市", en: "Test city" },
    site: { ja: "市役所", en: "city hall" },
    base: "national.integrated_job_service",
    windows: [{ version: "2020", from: "2020-04-01", exceptions: [Rule.include(m(`${id}.inc`), Rule.isTrue(m(`${id}.inc.w`), "team_flag"))], citation: c }],
    citations: [],
    ...over
  })
  const team = { team_flag: { type: "boolean", labels: { ja: "チーム", en: "team" } } } as const

  it("adds the team's facts, applies each variant's own extras, and keeps existing programmes whole", () => {
    const r = Catalogue.extend(cat, {
      facts: team,
      groups: { care_leaver: { ja: "退所者", en: "care leaver" } },
      municipal: [
        { ...spec("t.one"), extras: { referrals: ["silver_center"] } },
        { ...spec("t.two"), extras: { referrals: ["private_placement"] } }
      ]
    })
    if (Result.isFailure(r)) throw new Error(r.failure.message)
    const next = r.success
    expect(next.facts.team_flag).toStrictEqual(team.team_flag)
    expect(Catalogue.get(next, "t.one")?.referrals).toStrictEqual(["silver_center"])
    expect(Catalogue.get(next, "t.two")?.referrals).toStrictEqual(["private_placement"])
    const housing = Catalogue.get(next, "national.hw_handoff")!
    expect(housing.ruleSet.versions).toStrictEqual(builtin("national.hw_handoff").ruleSet.versions)
    expect(housing.ruleSet.facts?.target_groups?.values).toContain("care_leaver")
    const out = Catalogue.evaluate(next, { programme: "t.one", asOf: "2020-05-01", facts: { team_flag: true } })
    expect(Result.isSuccess(out) && out.success.outcome).toBe("eligible")
  })

  it("rejects two added programmes with one id, and a bad until date", () => {
    const r = Catalogue.extend(cat, { facts: team, municipal: [spec("t.same"), spec("t.same")] })
    expect(Result.isFailure(r) && r.failure.issues.filter((i) => i.message.includes("already"))).toStrictEqual([{ path: ["t.same"], message: 'programme id "t.same" is already in the catalogue' }])
    const w = spec("t.x").windows[0]!
    const bad = Catalogue.extend(cat, { facts: team, municipal: [spec("t.x", { windows: [{ ...w, until: "2021-02-30" }] })] })
    expect(Result.isFailure(bad) && bad.failure.issues).toStrictEqual([{ path: ["municipal", 0, "windows", 0, "until"], message: 'not a calendar date: "2021-02-30"' }])
  })

  it("unsafeExtend returns the extended catalogue or throws with every issue", () => {
    expect(Catalogue.unsafeExtend(cat, { facts: team }).facts.team_flag).toStrictEqual(team.team_flag)
    expect(() => Catalogue.unsafeExtend(cat, { municipal: [spec("t.y", { base: "national.nothing" })] })).toThrow(
      new Error('catalogue extension is invalid:\nmunicipal.0.base: unknown base programme "national.nothing"')
    )
  })
})

describe("queries and evaluation", () => {
  it("byMunicipality finds a municipality by its English or Japanese name, and nothing for another", () => {
    const en = Catalogue.byMunicipality(cat, "Shinagawa").map((p) => p.id)
    expect(en).toStrictEqual(["shinagawa.employment_centre", "shinagawa.welfare_support", "shinagawa.sapo_shinagawa"])
    const ja = builtin("shinagawa.employment_centre").municipality!.ja
    expect(Catalogue.byMunicipality(cat, ja).map((p) => p.id)).toStrictEqual(en)
    expect(Catalogue.byMunicipality(cat, "Atlantis")).toStrictEqual([])
  })

  it("programmesAt counts a version from its first day up to, not including, its until", () => {
    const p = prog(Rule.isTrue(m("f"), "flag"), {
      ruleSet: RuleSet.make({ id: "t.p", ja: "t", en: "t", versions: [RuleSet.version({ version: "1", from: d("2020-01-01"), until: d("2021-01-01"), rule: Rule.isTrue(m("f"), "flag") })] })
    })
    const small = { ...cat, programmes: [p] }
    expect(Catalogue.programmesAt(small, "2019-12-31")).toStrictEqual([])
    expect(Catalogue.programmesAt(small, "2020-01-01")).toStrictEqual([p])
    expect(Catalogue.programmesAt(small, "2020-12-31")).toStrictEqual([p])
    expect(Catalogue.programmesAt(small, "2021-01-01")).toStrictEqual([])
    expect(Catalogue.programmesAt(small, "2030-01-01")).toStrictEqual([])
  })

  it("evaluate refuses an unknown programme, is strict by default, and passes the mode and overrides on", () => {
    expect(Catalogue.evaluate(cat, { programme: "nope", asOf: "2020-01-01", facts: {} })).toStrictEqual(
      Result.fail({ _tag: "UnknownProgramme", programme: "nope", message: 'no programme "nope" in the catalogue' })
    )
    const early = { programme: "national.welfare_office_support", asOf: "2010-01-01", facts: {} }
    const strict = Catalogue.evaluate(cat, early)
    expect(Result.isFailure(strict) && strict.failure._tag).toBe("VersionNotFound")
    const lenient = Catalogue.evaluate(cat, early, "lenient")
    expect(Result.isSuccess(lenient)).toBe(true)
    const facts = { seeking_work: false }
    const plain = Catalogue.evaluate(cat, { programme: "national.integrated_job_service", asOf: "2020-01-01", facts })
    expect(Result.isSuccess(plain) && plain.success.outcome).toBe("ineligible")
    const clauseId = Rule.clauses(service.ruleSet.versions[0]!.rule)[0]!.id
    const overridden = Catalogue.evaluate(cat, { programme: "national.integrated_job_service", asOf: "2020-01-01", facts, overrides: [{ clauseId, reason: "r", actor: "a" }] })
    expect(overridden).toStrictEqual(
      Result.fail({
        _tag: "OverrideRefused",
        clauseId,
        reason: "hard_clause",
        message: `clause "${clauseId}" is a hard requirement and cannot be overridden`,
        messageJa: "条項「求職中である」は必須要件のため、職員判断で変更できません"
      })
    )
  })

  it("evaluateMany refuses an unknown programme and is strict by default", () => {
    expect(Catalogue.evaluateMany(cat, "nope", [], d("2020-01-01"))).toStrictEqual(
      Result.fail({ _tag: "UnknownProgramme", programme: "nope", message: 'no programme "nope" in the catalogue' })
    )
    const strict = Catalogue.evaluateMany(cat, "national.welfare_office_support", [{}], d("2010-01-01"))
    expect(Result.isFailure(strict) && strict.failure._tag).toBe("VersionNotFound")
    expect(Result.isSuccess(Catalogue.evaluateMany(cat, "national.welfare_office_support", [{}], d("2010-01-01"), "lenient"))).toBe(true)
  })
})
