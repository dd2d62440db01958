import { Consent, Period, Rule, RuleSet, Stage, Target, type Verdict } from "@jiritsu/core"
import { Result, Schema } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Catalogue, Municipal, National, Programme, Sources } from "../src/index.ts"
import { arbCompleteFacts, arbDate, arbFacts } from "./arbitraries.ts"

const cat = Catalogue.catalogue
const national = cat.programmes.filter((p) => p.kind === "national")
const municipal = cat.programmes.filter((p) => p.kind === "municipal")
const programme = (id: string): Programme.Programme => {
  const p = Catalogue.get(cat, id)
  if (p === undefined) throw new Error(`no programme ${id}`)
  return p
}
const evaluate = (id: string, asOf: string, facts: unknown, overrides?: ReadonlyArray<Verdict.Override>) =>
  Catalogue.evaluate(cat, overrides === undefined ? { programme: id, asOf, facts } : { programme: id, asOf, facts, overrides })
const outcomeOf = (r: ReturnType<typeof evaluate>): string => (Result.isSuccess(r) ? r.success.outcome : r.failure._tag)

describe("the built-in catalogue", () => {
  it("has the national programmes of docs/glossary.md and variants in at least ten source-document municipalities", () => {
    expect(national.map((p) => p.id)).toEqual([
      "national.hw_handoff",
      "national.welfare_office_support",
      "national.needy_consultation",
      "national.employment_readiness",
      "national.housing_benefit",
      "national.integrated_job_service"
    ])
    const cities = new Set(municipal.map((p) => p.municipality?.en))
    for (const city of ["Yokohama", "Koriyama", "Shinagawa", "Takamatsu", "Okayama", "Soja", "Kawanishi", "Kurume", "Setouchi", "Soka", "Kushiro"]) {
      expect(cities.has(city), city).toBe(true)
    }
  })

  it("cites a source on every clause of every version", () => {
    for (const p of cat.programmes) {
      for (const v of p.ruleSet.versions) {
        for (const c of Rule.clauses(v.rule)) {
          const source = c.citation?.source ?? ""
          const titled = Object.values(Sources.documents).some((d) => d.ja === source)
          expect(titled || /^(P\d+$|KCT |生活|社援発)/.test(source), `${p.id} ${v.version} ${c.id}: ${source}`).toBe(true)
        }
      }
    }
  })

  it("keeps the name history of the housing benefit as dated versions", () => {
    const housing = programme("national.housing_benefit")
    expect(Programme.nameAt(housing, "2009-09-30")).toBeUndefined()
    expect(Programme.nameAt(housing, "2009-10-01")?.ja).toBe("住宅手当")
    expect(Programme.nameAt(housing, "2013-03-31")?.ja).toBe("住宅手当")
    expect(Programme.nameAt(housing, "2013-04-01")?.ja).toBe("住宅支援給付")
    expect(Programme.nameAt(housing, "2015-03-31")?.ja).toBe("住宅支援給付")
    expect(Programme.nameAt(housing, "2015-04-01")?.ja).toBe("住居確保給付金")
    expect(housing.ruleSet.versions.map((v) => v.notes?.ja)).toEqual(["住宅手当", "住宅支援給付", "住居確保給付金"])
  })

  it("models the welfare-office test apart from the Hello Work hand-off test", () => {
    const facts = {
      target_groups: ["welfare_recipient"],
      birth_date: "1980-01-01",
      judged_able_to_work: true,
      high_school_student: false,
      unable_to_work_illness_disability: false,
      able_to_work: true,
      motivated: false,
      work_barrier: false,
      consents_to_participate: true
    }
    expect(outcomeOf(evaluate("national.welfare_office_support", "2016-01-01", facts))).toBe("eligible")
    expect(outcomeOf(evaluate("national.hw_handoff", "2016-01-01", facts))).toBe("ineligible")
    expect(Rule.factsOf(programme("national.welfare_office_support").ruleSet.versions[0]!.rule)).not.toContain("motivated")
  })

  it("crosses a municipal variant's windows with its base's versions (Okayama)", () => {
    const okayama = programme("okayama.welfare_job_support_space")
    expect(okayama.ruleSet.versions.map((v) => [v.version, v.from, v.until])).toEqual([
      ["kita_2013_02/2011", "2013-02-01", "2013-04-01"],
      ["kita_2013_02/2013", "2013-04-01", "2013-10-01"],
      ["kita_minami_2013_10/2013", "2013-10-01", undefined]
    ])
  })

  it("carries Shinagawa's FY2012 and FY2013 business-plan targets exactly as published in S4", () => {
    const plans = programme("shinagawa.employment_centre").targetPlans
    const table = (fy: number) =>
      Object.fromEntries(plans.find((p) => p.fiscalYear === fy)!.targets.map((t) => [t.id, [t.comparator, t.value, t.basis, t.metric]]))
    expect(table(2013)).toEqual({
      resident_counselling: [">=", 1200, "monthly-average", "consultations"],
      resident_placements: [">=", 500, "annual-total", "placements"],
      welfare_counselling: [">=", 90, "monthly-average", "consultations"],
      homework: [">=", 100, "annual-total", "homework_contacts"],
      employer_information: [">=", 120, "annual-total", "employer_contacts"]
    })
    expect(table(2012)).toEqual({
      resident_counselling: [">=", 800, "monthly-average", "consultations"],
      resident_placements: [">=", 400, "annual-total", "placements"],
      welfare_counselling: [">=", 60, "monthly-average", "consultations"],
      homework: [">=", 50, "annual-total", "homework_contacts"],
      employer_information: [">=", 100, "annual-total", "employer_contacts"]
    })
    for (const plan of plans) expect(Result.isSuccess(Target.validatePlan(plan))).toBe(true)
  })

  it("validates every target plan, and carries the national placement-rate target (≥ 67 % from FY2017) and benchmarks", () => {
    for (const p of cat.programmes) for (const plan of p.targetPlans) expect(Result.isSuccess(Target.validatePlan(plan)), `${p.id} ${plan.id}`).toBe(true)
    const [rate] = programme("national.hw_handoff").targetPlans
    expect(rate!.targets.map((t) => [t.metric, t.comparator, t.value, t.window.from, t.window.until])).toEqual([["placement_rate", ">=", 0.67, "2017-04-01", "2018-04-01"]])
    expect(Programme.placementRatePlan(2020).targets[0]!.window.from).toBe("2020-04-01")
    expect(programme("national.needy_consultation").benchmarks).toBe(Target.benchmarks)
  })

  it("gives every programme a valid stage graph, core referral destinations and consent templates", () => {
    const decodeRecord = Schema.decodeUnknownResult(Consent.ConsentRecord)
    for (const p of cat.programmes) {
      expect(Stage.validate(p.stageGraph).filter((f) => f.severity === "error"), p.id).toEqual([])
      expect(p.referrals.length, p.id).toBeGreaterThan(0)
      for (const d of p.referrals) expect(Programme.destinations).toContain(d)
      expect(p.consent.length, p.id).toBeGreaterThan(0)
      for (const t of p.consent) {
        const record = Programme.draftRecord(t, {
          recordId: `rec-${t.id}`,
          subjectRef: "person-0001",
          controller: { id: "welfare-office-x", name: "X市福祉事務所" },
          validFrom: Period.unsafeInstant("2024-04-01T00:00:00Z"),
          validUntil: Period.unsafeInstant("2025-04-01T00:00:00Z"),
          evidence: { ref: "scan/0001.pdf", sha256: "0".repeat(64), recordedBy: "staff-1" },
          noticeVersion: "1"
        })
        expect(Result.isSuccess(decodeRecord(record)), `${p.id} ${t.id}`).toBe(true)
        expect(Consent.recordProblems(record, Consent.defaultPolicy), `${p.id} ${t.id}`).toEqual([])
        expect(Result.isSuccess(Consent.verifyNotice(record, t.notice.ja))).toBe(true)
      }
    }
    expect(programme("kushiro.hw_desk").stageGraph).toBe(Stage.kushiroGraph)
    expect(programme("soka.silver_centre_referral").referrals).toEqual(["silver_center"])
  })

  it("keeps consent to Hello Work apart from disclosure to an employer (two templates, two purposes)", () => {
    const hw = programme("national.hw_handoff").consent
    expect(hw.map((t) => t.purpose)).toEqual(["employment-support-referral", "employer-disclosure"])
    expect(hw[0]!.recipients.map((r) => r.class)).toEqual(["hello-work"])
    expect(hw[1]!.recipients.map((r) => r.class)).toEqual(["prospective-employer"])
  })
})

describe("queries and populations", () => {
  it("lists the programmes in force at a date", () => {
    const ids = (d: string) => Catalogue.programmesAt(cat, d).map((p) => p.id)
    expect(ids("2012-01-01")).toContain("national.hw_handoff")
    expect(ids("2012-01-01")).not.toContain("national.needy_consultation")
    expect(ids("2012-01-01")).not.toContain("yokohama.job_spot")
    expect(ids("2015-04-01")).toContain("national.needy_consultation")
    expect(ids("2004-12-31")).toEqual([])
  })

  it("describes a programme as of a date, as plain JSON", () => {
    const housing = programme("national.housing_benefit")
    const d = Programme.describeAt(housing, "2014-01-01")
    expect(d?.version).toEqual({ version: "jutaku_shien_kyufu", from: "2013-04-01", until: "2015-04-01", name: { ja: "住宅支援給付", en: "Housing support benefit" } })
    expect(d?.questions.map((q) => q.fact)).toContain("job_hunting_at_hello_work")
    expect(JSON.parse(JSON.stringify(d))).toEqual(d)
    expect(Programme.describeAt(housing, "2009-09-30")).toBeUndefined()
    const yokohama = Programme.describeAt(programme("yokohama.job_spot"), "2013-05-01")!
    expect(yokohama.questions.find((q) => q.fact === "ward")?.values).toContain("seya")
    expect(yokohama.consentPurposes.map((c) => c.purpose)).toEqual(["employment-support-referral", "employer-disclosure"])
  })

  it("evaluates a population and refuses an unknown programme", () => {
    const r = Catalogue.evaluateMany(cat, "national.integrated_job_service", [{ seeking_work: true }, { seeking_work: false }, {}], Period.unsafeDate("2020-01-01"))
    expect(Result.isSuccess(r) && r.success).toEqual(["eligible", "ineligible", "undetermined"])
    expect(Result.isFailure(Catalogue.evaluateMany(cat, "nope", [], Period.unsafeDate("2020-01-01")))).toBe(true)
  })
})

describe("static checks (every programme)", () => {
  it.each(cat.programmes.map((p) => [p.id, p] as const))("%s: no version gaps or overlaps, no dead clauses, no overlay conflicts", (_, p) => {
    expect(RuleSet.check(p.ruleSet)).toEqual([])
    expect(Catalogue.validateProgramme(p, cat)).toEqual([])
  })

  it("the whole catalogue checks clean", () => {
    expect(Catalogue.check(cat)).toEqual([])
  })
})

describe("extending the catalogue", () => {
  const variant = (overrides: Partial<Municipal.MunicipalSpec>): Municipal.MunicipalSpec => ({
    id: "testcity.desk",
    labels: { ja: "テスト市 窓口", en: "Test city desk" },
    municipality: { ja: "テスト市", en: "Test city" },
    site: { ja: "市役所", en: "city hall" },
    base: "national.hw_handoff",
    windows: [
      {
        version: "2020",
        from: "2020-04-01",
        exceptions: [
          Rule.include(
            { id: "testcity.youth", ja: "若者", en: "young people", citation: Sources.seed("S0", "test") },
            Rule.intersects({ id: "testcity.youth.group", ja: "若者", en: "young person", citation: Sources.seed("S0", "test") }, "target_groups", ["youth"]),
            10
          )
        ],
        citation: Sources.seed("S0", "test")
      }
    ],
    citations: [],
    ...overrides
  })

  it("adds a valid variant and evaluates it", () => {
    const next = Catalogue.extend(cat, { municipal: [variant({})] })
    expect(Result.isSuccess(next)).toBe(true)
    if (Result.isFailure(next)) return
    const r = Catalogue.evaluate(next.success, { programme: "testcity.desk", asOf: "2020-04-01", facts: { target_groups: ["youth"] } })
    expect(outcomeOf(r)).toBe("eligible")
    expect(next.success.programmes.length).toBe(cat.programmes.length + 1)
  })

  const issuesOf = (ext: Catalogue.Extension) => {
    const r = Catalogue.extend(cat, ext)
    return Result.isFailure(r) ? r.failure.issues : []
  }

  it("rejects an unknown target group with its path", () => {
    const bad = variant({})
    const exception = Rule.include(
      { id: "testcity.x", ja: "x", en: "x", citation: Sources.seed("S0", "t") },
      Rule.intersects({ id: "testcity.x.g", ja: "g", en: "g", citation: Sources.seed("S0", "t") }, "target_groups", ["martians"]),
      10
    )
    const issues = issuesOf({ municipal: [{ ...bad, windows: [{ ...bad.windows[0]!, exceptions: [exception] }] }] })
    expect(issues).toContainEqual({
      path: ["testcity.desk", "ruleSet", "versions", 0, "rule", "exceptions", 0, "when", "values", 0],
      message: 'unknown target group "martians"'
    })
  })

  it("accepts the same group once the team declares it", () => {
    const bad = variant({})
    const exception = Rule.include(
      { id: "testcity.x", ja: "x", en: "x", citation: Sources.seed("S0", "t") },
      Rule.intersects({ id: "testcity.x.g", ja: "g", en: "g", citation: Sources.seed("S0", "t") }, "target_groups", ["martians"]),
      10
    )
    const r = Catalogue.extend(cat, {
      groups: { martians: { ja: "火星人", en: "martians" } },
      municipal: [{ ...bad, windows: [{ ...bad.windows[0]!, exceptions: [exception] }] }]
    })
    expect(Result.isSuccess(r)).toBe(true)
  })

  it("rejects an unknown fact, a wrong base, a bad date, a duplicate id and overlapping windows", () => {
    const w = variant({}).windows[0]!
    const unknownFact = Rule.exclude({ id: "testcity.f", ja: "f", en: "f", citation: Sources.seed("S0", "t") }, Rule.isTrue({ id: "testcity.f.c", ja: "c", en: "c", citation: Sources.seed("S0", "t") }, "shoe_size"), 100)
    expect(issuesOf({ municipal: [variant({ windows: [{ ...w, exceptions: [unknownFact] }] })] }).map((i) => i.message)).toContain('unknown fact "shoe_size" (declare it in the catalogue\'s facts)')
    expect(issuesOf({ municipal: [variant({ base: "national.nothing" })] })).toEqual([{ path: ["municipal", 0, "base"], message: 'unknown base programme "national.nothing"' }])
    expect(issuesOf({ municipal: [variant({ windows: [{ ...w, from: "2020-02-30" }] })] })).toEqual([
      { path: ["municipal", 0, "windows", 0, "from"], message: 'not a calendar date: "2020-02-30"' }
    ])
    expect(issuesOf({ municipal: [variant({ id: "yokohama.job_spot" })] }).map((i) => i.message)).toContain('programme id "yokohama.job_spot" is already in the catalogue')
    const overlapping = variant({ windows: [w, { ...w, version: "2021", from: "2021-04-01" }] })
    expect(issuesOf({ municipal: [overlapping] }).some((i) => i.message.startsWith("VersionOverlap"))).toBe(true)
  })

  it("validates a whole programme a team supplies (a bad version date, a Hello Work referral without consent)", () => {
    const base = programme("national.integrated_job_service")
    const badDate = {
      ...base,
      id: "team.service",
      ruleSet: { ...base.ruleSet, id: "team.service", versions: [{ ...base.ruleSet.versions[0]!, from: "2020-02-30" as Period.LocalDate }] }
    }
    expect(issuesOf({ programmes: [badDate] }).map((i) => i.path)).toContainEqual(["team.service", "ruleSet", "versions", 0, "from"])
    const noConsent = { ...base, id: "team.service", ruleSet: { ...base.ruleSet, id: "team.service" }, consent: [] }
    expect(issuesOf({ programmes: [noConsent] }).map((i) => i.message)).toContainEqual(expect.stringContaining("consent (warning)"))
  })

  it("reports an overlay conflict (include and exclude at the same priority)", () => {
    const c = Sources.seed("S0", "t")
    const clash = variant({
      windows: [
        {
          ...variant({}).windows[0]!,
          exceptions: [
            Rule.include({ id: "testcity.in", ja: "in", en: "in", citation: c }, Rule.intersects({ id: "testcity.in.g", ja: "g", en: "g", citation: c }, "target_groups", ["youth"]), 5),
            Rule.exclude({ id: "testcity.out", ja: "out", en: "out", citation: c }, Rule.isTrue({ id: "testcity.out.c", ja: "c", en: "c", citation: c }, "employed"), 5)
          ]
        }
      ]
    })
    expect(issuesOf({ municipal: [clash] }).some((i) => i.message.includes("OverlayConflict"))).toBe(true)
  })
})

// ---------------------------------------------------------------------------------------------

const rangeOf = (p: Programme.Programme) => RuleSet.range(p.ruleSet)
const inRange = (p: Programme.Programme, d: string) => d >= rangeOf(p).from && (rangeOf(p).until === undefined || d < rangeOf(p).until!)
const order = { ineligible: 0, undetermined: 1, eligible: 2 } as const

const exceptionEffects = (spec: Municipal.MunicipalSpec): ReadonlySet<string> => new Set(spec.windows.flatMap((w) => w.exceptions.map((e) => e.effect)))
const includeOnly = Municipal.allMunicipal.filter((m) => exceptionEffects(m).size === 1 && exceptionEffects(m).has("include"))
const excludeOnly = Municipal.allMunicipal.filter((m) => exceptionEffects(m).size === 1 && exceptionEffects(m).has("exclude"))

const softClauses = cat.programmes.flatMap((p) =>
  p.ruleSet.versions.flatMap((v) => Rule.clauses(v.rule).flatMap((c) => (c.kind !== "exception" && c.soft === true ? [{ p, v, id: c.id }] : [])))
)
const hardClauses = cat.programmes.flatMap((p) =>
  p.ruleSet.versions.flatMap((v) => Rule.clauses(v.rule).flatMap((c) => (c.kind !== "exception" && c.soft !== true ? [{ p, v, id: c.id }] : [])))
)

describe("properties", () => {
  it("every overlay with no exceptions equals its base", () => {
    const specs = Catalogue.factSpecs(cat)
    const stripped = Municipal.allMunicipal.map((m) => {
      const base = programme(m.base)
      return { base, bare: Catalogue.municipalProgramme({ ...m, windows: m.windows.map((w) => ({ ...w, exceptions: [] })) }, base, specs) }
    })
    fc.assert(
      fc.property(fc.constantFrom(...stripped), arbFacts, arbDate, ({ base, bare }, facts, asOf) => {
        fc.pre(inRange(bare, asOf))
        const a = RuleSet.evaluate(bare.ruleSet, { asOf, facts: facts as never }, { mode: "strict" })
        const b = RuleSet.evaluate(base.ruleSet, { asOf, facts: facts as never }, { mode: "strict" })
        expect(Result.isSuccess(a) && Result.isSuccess(b)).toBe(true)
        if (Result.isSuccess(a) && Result.isSuccess(b)) {
          expect(a.success.outcome).toBe(b.success.outcome)
          expect(a.success.missingFacts).toEqual(b.success.missingFacts)
        }
      })
    )
  })

  it("every catalogue rule set: exactly one version at each date in range, none before", () => {
    fc.assert(
      fc.property(fc.constantFrom(...cat.programmes), arbDate, (p, d) => {
        expect(RuleSet.versionsAt(p.ruleSet, d).length).toBe(inRange(p, d) ? 1 : 0)
      })
    )
  })

  it("soft-limit override only flips soft clauses: the overridden clause and its ancestors change, nothing else", () => {
    fc.assert(
      fc.property(fc.constantFrom(...softClauses), arbFacts, arbDate, ({ p, v, id }, facts, asOf) => {
        fc.pre(asOf >= v.from && (v.until === undefined || asOf < v.until))
        const plain = Rule.evaluate(v.rule, { asOf, facts: facts as never })
        const over = Rule.evaluate(v.rule, { asOf, facts: facts as never, overrides: [{ clauseId: id, reason: "おおむね", actor: "staff" }] })
        if (Result.isFailure(plain) || Result.isFailure(over)) throw new Error(`${p.id}: override of soft clause ${id} refused`)
        const parentOf = new Map(over.success.clauses.map((c) => [c.id, c.parent]))
        const path = new Set<string>()
        for (let cur: string | undefined = id; cur !== undefined; cur = parentOf.get(cur)) path.add(cur)
        over.success.clauses.forEach((c, i) => {
          if (c.id === id) expect(c.status).toBe(plain.success.clauses[i]!.status === "passed" ? "passed" : "overridden")
          else if (!path.has(c.id)) expect(c.status).toBe(plain.success.clauses[i]!.status)
        })
        expect(order[over.success.outcome]).toBeGreaterThanOrEqual(order[plain.success.outcome])
      })
    )
  })

  it("an override of a hard clause is refused", () => {
    fc.assert(
      fc.property(fc.constantFrom(...hardClauses), arbDate, ({ v, id }, asOf) => {
        const r = Rule.evaluate(v.rule, { asOf, facts: {}, overrides: [{ clauseId: id, reason: "r", actor: "a" }] })
        expect(Result.isFailure(r) && r.failure.reason).toBe("hard_clause")
      })
    )
  })

  it("include-only variants never serve fewer people than their base; exclude-only never more", () => {
    const pairs = [
      ...includeOnly.map((m) => ({ m, dir: 1 as const })),
      ...excludeOnly.map((m) => ({ m, dir: -1 as const }))
    ]
    expect(includeOnly.length).toBeGreaterThan(3)
    expect(excludeOnly.length).toBeGreaterThan(3)
    fc.assert(
      fc.property(fc.constantFrom(...pairs), arbFacts, arbDate, ({ m, dir }, facts, asOf) => {
        const variantP = programme(m.id)
        fc.pre(inRange(variantP, asOf))
        const a = outcomeOf(evaluate(m.id, asOf, facts)) as keyof typeof order
        const b = outcomeOf(evaluate(m.base, asOf, facts)) as keyof typeof order
        if (dir === 1) expect(order[a]).toBeGreaterThanOrEqual(order[b])
        else expect(order[a]).toBeLessThanOrEqual(order[b])
      })
    )
  })

  it("the welfare-office test ignores motivation and current work", () => {
    fc.assert(
      fc.property(arbCompleteFacts, fc.date({ min: new Date("2013-05-16"), max: new Date("2030-12-31"), noInvalidDate: true }), (facts, date) => {
        const asOf = Period.unsafeDate(date.toISOString().slice(0, 10))
        const flipped = { ...facts, motivated: !facts["motivated"], employed: !facts["employed"] }
        expect(outcomeOf(evaluate("national.welfare_office_support", asOf, facts))).toBe(outcomeOf(evaluate("national.welfare_office_support", asOf, flipped)))
      })
    )
  })

  it("the Hello Work hand-off test never admits someone without the wish to work", () => {
    fc.assert(
      fc.property(arbFacts, arbDate, (facts, asOf) => {
        fc.pre(asOf >= "2005-04-01")
        expect(outcomeOf(evaluate("national.hw_handoff", asOf, { ...facts, motivated: false }))).toBe("ineligible")
      })
    )
  })

  it("national versions switch exactly at their boundaries", () => {
    const boundaries = national.flatMap((p) => p.ruleSet.versions.slice(1).map((v, i) => ({ p, before: p.ruleSet.versions[i]!, after: v })))
    fc.assert(
      fc.property(fc.constantFrom(...boundaries), ({ p, before, after }) => {
        const dayBefore = Period.addDays(after.from, -1)
        expect(RuleSet.versionsAt(p.ruleSet, dayBefore).map((v) => v.version)).toEqual([before.version])
        expect(RuleSet.versionsAt(p.ruleSet, after.from).map((v) => v.version)).toEqual([after.version])
      })
    )
    expect(National.allNational.length).toBe(6)
  })
  it("evaluateMany equals evaluate element-wise on every programme", () => {
    fc.assert(
      fc.property(fc.constantFrom(...cat.programmes), fc.array(arbFacts, { maxLength: 8 }), arbDate, (p, people, asOf) => {
        fc.pre(inRange(p, asOf))
        const many = Catalogue.evaluateMany(cat, p.id, people as never, asOf)
        expect(Result.isSuccess(many) && many.success).toEqual(people.map((f) => outcomeOf(evaluate(p.id, asOf, f))))
      })
    )
  })

  it("every catalogue programme: a decided verdict never changes when more facts become known", () => {
    fc.assert(
      fc.property(fc.constantFrom(...cat.programmes), arbCompleteFacts, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), arbDate, (p, complete, mask, asOf) => {
        fc.pre(inRange(p, asOf))
        const partial = Object.fromEntries(Object.entries(complete).filter((_, i) => mask[i % mask.length]))
        const a = outcomeOf(evaluate(p.id, asOf, partial))
        const b = outcomeOf(evaluate(p.id, asOf, complete))
        if (a === "eligible" || a === "ineligible") expect(b).toBe(a)
        expect(b === "eligible" || b === "ineligible").toBe(true)
      })
    )
  })
})
