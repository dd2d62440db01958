import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { coverage } from "./coverage.ts"
import { Period, Rule, RuleSet } from "@jiritsu/core"
import { arbContiguousRuleSet, arbFacts, arbLocalDate, arbRuleSet } from "./arbitraries.ts"

const d = Period.unsafeDate
const meta = (id: string, ja: string, en: string): Rule.Meta => ({ id, ja, en })

// 住宅手当 (2009-10) → 住宅支援給付 (2013-04, under 65 and job-hunting at Hello Work) → 住居確保給付金 (2015-04).
const lostHome = Rule.isTrue(meta("lost_home", "住居喪失（おそれ）", "lost or at risk of losing housing"), "housing_loss")
const jobLoss = Rule.withinLast(meta("job_loss", "離職後2年以内", "lost work within 2 years"), "job_loss_date", 24)
const under65 = Rule.age(meta("under65", "65歳未満", "under 65"), "birth_date", { max: 64 })
const housing = RuleSet.make({
  id: "housing_benefit",
  ja: "住居確保給付金",
  en: "housing security benefit",
  facts: {
    housing_loss: { type: "boolean", labels: { ja: "住居喪失の状況", en: "housing loss" } },
    job_loss_date: { type: "date", labels: { ja: "離職日", en: "date of job loss" } },
    birth_date: { type: "date", labels: { ja: "生年月日", en: "date of birth" } }
  },
  versions: [
    RuleSet.version({ version: "住宅手当", from: d("2009-10-01"), until: d("2013-04-01"), rule: Rule.all(meta("v1", "住宅手当", "housing allowance"), [lostHome, jobLoss]) }),
    RuleSet.version({
      version: "住宅支援給付",
      from: d("2013-04-01"),
      until: d("2015-04-01"),
      rule: Rule.all(meta("v2", "住宅支援給付", "housing support benefit"), [lostHome, jobLoss, under65]),
      citation: { source: "P21" }
    }),
    RuleSet.version({ version: "住居確保給付金", from: d("2015-04-01"), rule: Rule.all(meta("v3", "住居確保給付金", "housing security benefit"), [lostHome, jobLoss]), citation: { source: "P19" } })
  ]
})

const applicant = { housing_loss: true, job_loss_date: "2013-01-10", birth_date: "1948-01-01" }

describe("RuleSet: versions as of a date", () => {
  it("evaluates the version in force and says which one", () => {
    const v2013 = RuleSet.evaluate(housing, { asOf: d("2013-06-01"), facts: applicant }, { mode: "strict" })
    expect(Result.isSuccess(v2013) && v2013.success).toMatchObject({
      outcome: "ineligible",
      ruleSet: { id: "housing_benefit", version: "住宅支援給付", effective: { from: "2013-04-01", until: "2015-04-01" }, citation: { source: "P21" } }
    })
    const v2012 = RuleSet.evaluate(housing, { asOf: d("2013-03-31"), facts: applicant }, { mode: "strict" })
    expect(Result.isSuccess(v2012) && v2012.success.outcome).toBe("eligible")
    expect(Result.isSuccess(v2012) && v2012.success.hash).toBe(Rule.hash(housing.versions[0]!.rule))
  })

  it("is explicit before the first version: strict fails, lenient warns", () => {
    const strict = RuleSet.evaluate(housing, { asOf: d("2009-01-01"), facts: applicant }, { mode: "strict" })
    expect(Result.isFailure(strict) && strict.failure).toMatchObject({ _tag: "VersionNotFound", position: "before_first_version" })
    const lenient = RuleSet.evaluate(housing, { asOf: d("2009-01-01"), facts: applicant }, { mode: "lenient" })
    expect(Result.isSuccess(lenient) && lenient.success.warnings.map((w) => w.code)).toEqual(["before_first_version"])
  })

  it("is explicit past the last version and in gaps", () => {
    const closed = RuleSet.make({ id: "c", ja: "c", en: "c", versions: [RuleSet.version({ version: "a", from: d("2013-04-01"), until: d("2014-04-01"), rule: lostHome }), RuleSet.version({ version: "b", from: d("2015-04-01"), until: d("2016-04-01"), rule: lostHome })] })
    const past = RuleSet.versionAt(closed, d("2016-04-01"), "strict")
    expect(Result.isFailure(past) && past.failure.position).toBe("past_last_version")
    const lenient = RuleSet.versionAt(closed, d("2020-01-01"), "lenient")
    expect(Result.isSuccess(lenient) && [lenient.success.version.version, lenient.success.warning?.code]).toEqual(["b", "past_last_version"])
    const gap = RuleSet.versionAt(closed, d("2014-10-01"), "lenient")
    expect(Result.isSuccess(gap) && [gap.success.version.version, gap.success.warning?.code]).toEqual(["a", "between_versions"])
    expect(RuleSet.check(closed).map((f) => f._tag)).toEqual(["VersionGap"])
  })

  it("reports overlapping versions and rule findings per version", () => {
    const overlapping = RuleSet.make({
      id: "o",
      ja: "o",
      en: "o",
      versions: [
        RuleSet.version({ version: "a", from: d("2013-04-01"), rule: lostHome }),
        RuleSet.version({ version: "b", from: d("2015-04-01"), rule: Rule.any(meta("never", "空", "empty"), []) })
      ]
    })
    const findings = RuleSet.check(overlapping)
    expect(findings.map((f) => f._tag)).toEqual(["VersionOverlap", "VersionRuleFinding"])
    expect(RuleSet.check(housing)).toEqual([])
  })

  it("decodes rule-set documents at the boundary and checks declared facts", () => {
    const doc = JSON.parse(JSON.stringify(housing))
    expect(Result.isSuccess(RuleSet.decode(doc))).toBe(true)
    doc.versions[1].until = "2013-01-01"
    const bad = RuleSet.decode(doc)
    expect(Result.isFailure(bad) && bad.failure.issues.some((i) => i.path.join(".") === "versions.1.until")).toBe(true)
    const wrongType = RuleSet.evaluateUnknown(housing, { asOf: "2016-01-01", facts: { birth_date: "1948-02-30" } }, { mode: "strict" })
    expect(Result.isFailure(wrongType) && wrongType.failure).toMatchObject({ _tag: "InputDecodeError", issues: [{ path: ["facts", "birth_date"] }] })
  })

  it("asks the next question with the declared label", () => {
    const v = RuleSet.evaluate(housing, { asOf: d("2016-01-01"), facts: { housing_loss: true } }, { mode: "strict" })
    expect(Result.isSuccess(v) && v.success.nextQuestion).toEqual({ fact: "job_loss_date", clauseId: "job_loss", labels: { ja: "離職日を確認してください", en: "Ask for date of job loss" } })
  })

  it("builds a municipal overlay of every version without copying the base", () => {
    const city = RuleSet.withOverlay(housing, { id: "kushiro_housing", ja: "釧路市", en: "Kushiro" }, meta("kushiro", "釧路市上乗せ", "Kushiro variant"), [
      Rule.exclude(meta("unwilling", "就労意欲なし", "not willing to work"), Rule.isFalse(meta("wants_work", "就労意欲", "wish to work"), "wants_work"))
    ])
    expect(city.versions.length).toBe(3)
    const v = RuleSet.evaluate(city, { asOf: d("2016-01-01"), facts: { ...applicant, job_loss_date: "2015-06-01", wants_work: false } }, { mode: "strict" })
    expect(Result.isSuccess(v) && v.success.outcome).toBe("ineligible")
  })
})

describe("RuleSet: what each outcome of a version look-up says, given a rule set with a gap", () => {
  const v = (version: string, from: string, until?: string) => RuleSet.version({ version, from: d(from), ...(until === undefined ? {} : { until: d(until) }), rule: lostHome })
  const closed = RuleSet.make({ id: "c", ja: "c", en: "c", versions: [v("a", "2013-04-01", "2014-04-01"), v("b", "2015-04-01", "2016-04-01")] })
  const texts = (asOf: string) => {
    const strict = RuleSet.versionAt(closed, d(asOf), "strict")
    const lenient = RuleSet.versionAt(closed, d(asOf), "lenient")
    return { strict: Result.isFailure(strict) ? strict.failure : undefined, lenient: Result.isSuccess(lenient) ? lenient.success : undefined }
  }

  it("before the first version, between versions, past the last: strict refuses naming the position; lenient applies the nearest earlier version (or the first) and warns with the same words", () => {
    const cases = [
      ["2013-03-31", "before_first_version", "a", "c: 2013-03-31 is before the first version (applied a)", "c: 基準日 2013-03-31 は最初の版より前です（版 a を適用）"],
      ["2014-04-01", "between_versions", "a", "c: no version in force on 2014-04-01 (applied the preceding a)", "c: 基準日 2014-04-01 に有効な版がありません（直前の版 a を適用）"],
      ["2016-04-01", "past_last_version", "b", "c: 2016-04-01 is past the last version (applied b)", "c: 基準日 2016-04-01 は最後の版の終了後です（版 b を適用）"]
    ] as const
    for (const [asOf, position, applied, en, ja] of cases) {
      const { strict, lenient } = texts(asOf)
      expect(strict).toEqual({ _tag: "VersionNotFound", ruleSetId: "c", asOf, position, message: en, messageJa: ja })
      expect(lenient).toEqual({ version: closed.versions.find((x) => x.version === applied), warning: { code: position, message: { ja, en } } })
    }
    expect(texts("2015-04-01").lenient).toEqual({ version: closed.versions[1] })
  })

  it("check says which versions overlap or leave a gap, and which label is used twice", () => {
    const messages = (rs: RuleSet.RuleSet) => RuleSet.check(rs).map((f) => [f._tag, f.severity, f.message.en, f.message.ja])
    expect(messages(closed)).toEqual([["VersionGap", "error", "no version is in force between a and b ([2014-04-01, 2015-04-01))", "版 a と b の間（2014-04-01〜2015-04-01）に有効な版がありません"]])
    expect(RuleSet.check(closed)[0]).toMatchObject({ after: "a", before: "b", from: "2014-04-01", until: "2015-04-01" })
    expect(RuleSet.check(RuleSet.make({ id: "o", ja: "o", en: "o", versions: [v("a", "2013-04-01"), v("b", "2014-04-01")] }))[0]).toMatchObject({ _tag: "VersionOverlap", versions: ["a", "b"], from: "2014-04-01" })
    const twice = RuleSet.make({ id: "t", ja: "t", en: "t", versions: [v("b", "2015-04-01"), v("a", "2013-04-01", "2015-04-02"), v("a", "2016-04-01")] })
    expect(messages(twice)).toEqual([
      ["DuplicateVersion", "error", 'version "a" is defined 2 times', "版「a」が2回定義されています"],
      ["VersionOverlap", "error", "versions a and b overlap from 2015-04-01", "版 a と b の有効期間が 2015-04-01 から重なっています"],
      ["VersionOverlap", "error", "versions b and a overlap from 2016-04-01", "版 b と a の有効期間が 2016-04-01 から重なっています"]
    ])
    const touching = RuleSet.make({ id: "t", ja: "t", en: "t", versions: [v("a", "2013-04-01", "2015-04-01"), v("b", "2015-04-01")] })
    expect(RuleSet.check(touching)).toEqual([])
    const empty = RuleSet.make({ id: "e", ja: "e", en: "e", versions: [RuleSet.version({ version: "x", from: d("2013-04-01"), rule: Rule.any(meta("never", "空", "empty"), []) })] })
    const [f] = RuleSet.check(empty)
    expect(f?._tag === "VersionRuleFinding" && [f.version, f.severity, f.message.en.startsWith("version x: "), f.message.ja.startsWith("版 x: ")]).toEqual(["x", f?.severity, true, true])
  })

  it("the range runs from the first version to the latest end, or stays open when any version is open", () => {
    expect(RuleSet.range(closed)).toEqual({ from: "2013-04-01", until: "2016-04-01" })
    expect(RuleSet.range(RuleSet.make({ id: "c", ja: "c", en: "c", versions: [v("a", "2013-04-01", "2017-04-01"), v("b", "2015-04-01", "2016-04-01")] }))).toEqual({ from: "2013-04-01", until: "2017-04-01" })
    expect(RuleSet.range(housing)).toEqual({ from: "2009-10-01" })
  })

  it("a verdict cites the version's citation, else the rule set's; a declared fact of the wrong type is named under facts", () => {
    const cited = RuleSet.make({ id: "c", ja: "c", en: "c", citation: { source: "S9" }, versions: [v("a", "2013-04-01", "2014-04-01"), RuleSet.version({ version: "b", from: d("2014-04-01"), rule: lostHome, citation: { source: "P1" } })] })
    const at = (asOf: string) => {
      const r = RuleSet.evaluate(cited, { asOf: d(asOf), facts: {} }, { mode: "strict" })
      return Result.isSuccess(r) ? r.success.ruleSet : undefined
    }
    expect([at("2013-06-01"), at("2014-06-01")]).toStrictEqual([
      { id: "c", version: "a", effective: { from: "2013-04-01", until: "2014-04-01" }, citation: { source: "S9" } },
      { id: "c", version: "b", effective: { from: "2014-04-01" }, citation: { source: "P1" } }
    ])
    const r = RuleSet.evaluateUnknown(housing, { asOf: "2016-01-01", facts: { housing_loss: "yes", birth_date: "1948-02-30" } }, { mode: "strict" })
    expect(Result.isFailure(r) && r.failure.message).toBe('facts.housing_loss: expected a boolean, got "yes"; facts.birth_date: expected a calendar date YYYY-MM-DD, got "1948-02-30"')
    expect(Result.isFailure(RuleSet.evaluateUnknown(housing, { asOf: "2016-13-01", facts: {} }, { mode: "strict" }))).toBe(true)
  })

  it("make and version keep exactly the optional parts given; an overlay cites its own source and adds its facts to the base's", () => {
    const bare = RuleSet.make({ id: "b", ja: "b", en: "b", versions: [v("a", "2013-04-01")] })
    expect(["citation" in bare, "facts" in bare, "until" in bare.versions[0]!, "citation" in bare.versions[0]!, "notes" in bare.versions[0]!]).toEqual([false, false, false, false, false])
    expect(RuleSet.version({ version: "a", from: d("2013-04-01"), rule: lostHome, notes: { ja: "旧要綱", en: "old rules" } }).notes).toEqual({ ja: "旧要綱", en: "old rules" })
    expect(RuleSet.make({ id: "b", ja: "b", en: "b", versions: [v("a", "2013-04-01")], facts: housing.facts! }).facts).toEqual(housing.facts)
    const wants = { wants_work: { type: "boolean" as const, labels: { ja: "就労意欲", en: "wish to work" } } }
    const city = RuleSet.withOverlay(housing, { id: "k", ja: "k", en: "k", citation: { source: "S1" }, facts: wants }, meta("k", "k", "k"), [])
    expect([city.citation, city.facts]).toEqual([{ source: "S1" }, { ...housing.facts, ...wants }])
    expect("citation" in RuleSet.withOverlay(housing, { id: "k", ja: "k", en: "k" }, meta("k", "k", "k"), [])).toBe(false)
    expect(RuleSet.withOverlay(bare, { id: "k", ja: "k", en: "k", facts: wants }, meta("k", "k", "k"), []).facts).toEqual(wants)
  })

  it("decoding: a version must end after it begins; the message lists every issue, the root as (root)", () => {
    const doc = JSON.parse(JSON.stringify(closed))
    doc.versions[0].until = doc.versions[0].from
    const r = RuleSet.decode(doc)
    expect(Result.isFailure(r) && r.failure.issues).toEqual([{ path: ["versions", 0, "until"], message: "expected until after from (versions are [from, until))" }])
    const root = RuleSet.decode(null)
    expect(Result.isFailure(root) && root.failure.message.startsWith("(root): ")).toBe(true)
    const two = RuleSet.decode({ ...JSON.parse(JSON.stringify(closed)), id: 3, ja: 4 })
    expect(Result.isFailure(two) && two.failure.message).toBe('(root): unknown key "ja"; allowed keys: id, labels, citation, facts, versions; id: Expected string, got 3')
  })

  it("evaluateUnknown with and without declared facts: undeclared facts pass, declared ones are typed", () => {
    const undeclared = RuleSet.evaluateUnknown(closed, { asOf: "2013-06-01", facts: { housing_loss: true, shoe_size: 42 } }, { mode: "strict" })
    expect(Result.isSuccess(undeclared) && undeclared.success.outcome).toBe("eligible")
    const typed = RuleSet.evaluateUnknown(housing, { asOf: "2016-01-01", facts: { housing_loss: true, shoe_size: 42 } }, { mode: "strict" })
    expect(Result.isSuccess(typed) && typed.success.outcome).toBe("undetermined")
  })

  it("evaluateMany: strict outside the range refuses; with trace, the batch of the version in force, read with the declared facts", () => {
    const population = [{ housing_loss: true, job_loss_date: "2015-06-01" }, { housing_loss: false }, { housing_loss: true }]
    const outside = RuleSet.evaluateMany(housing, population, { asOf: d("2000-01-01"), mode: "strict" })
    expect(Result.isFailure(outside) && outside.failure.position).toBe("before_first_version")
    const traced = RuleSet.evaluateMany(housing, population, { asOf: d("2016-01-01"), mode: "strict", trace: true })
    expect(Result.isSuccess(traced) && [traced.success.outcomes, traced.success.clauseCount, traced.success.verdict(2).nextQuestion]).toEqual([
      ["eligible", "ineligible", "undetermined"],
      Rule.clauses(housing.versions[2]!.rule).length,
      { fact: "job_loss_date", clauseId: "job_loss", labels: { ja: "離職日を確認してください", en: "Ask for date of job loss" } }
    ])
    const outcomes = RuleSet.evaluateMany(housing, population, { asOf: d("2016-01-01"), mode: "strict" })
    expect(Result.isSuccess(outcomes) && outcomes.success).toEqual(["eligible", "ineligible", "undetermined"])
  })

  it("the Mermaid chart of the version in force, in either language, and of the nearest version outside the range", () => {
    const chart = (asOf: string, lang?: "ja" | "en") => {
      const r = lang === undefined ? RuleSet.toMermaid(housing, d(asOf)) : RuleSet.toMermaid(housing, d(asOf), lang)
      return Result.isSuccess(r) ? r.success : ""
    }
    expect(chart("2014-01-01", "en")).toBe(Rule.toMermaid(housing.versions[1]!.rule, { lang: "en", specs: housing.facts! }))
    expect(chart("2014-01-01")).toBe(Rule.toMermaid(housing.versions[1]!.rule, { lang: "ja", specs: housing.facts! }))
    expect(chart("2000-01-01", "en")).toBe(Rule.toMermaid(housing.versions[0]!.rule, { lang: "en", specs: housing.facts! }))
  })
})

const boundaryDates = (rs: RuleSet.RuleSet): ReadonlyArray<Period.LocalDate> =>
  rs.versions.flatMap((v) => [v.from, ...(v.until !== undefined ? [v.until] : [])]).flatMap((x) => [Period.addDays(x, -1), x, Period.addDays(x, 1)])

describe("properties", () => {
  it("exactly one version applies at every date inside a check-clean rule set's range (≥ 50 % of runs with two versions or more, ≥ 20 % with an open end)", () => {
    const cov = coverage({ versions: 0.5, openEnd: 0.2 })
    fc.assert(
      fc.property(arbContiguousRuleSet, arbLocalDate, (rs, date) => {
        cov.run()
        cov.hit("versions", rs.versions.length >= 2)
        cov.hit("openEnd", RuleSet.range(rs).until === undefined)
        expect(RuleSet.check(rs).filter((f) => f._tag !== "VersionRuleFinding")).toEqual([])
        const range = RuleSet.range(rs)
        for (const day of [date, ...boundaryDates(rs)]) {
          const inside = range.from <= day && (range.until === undefined || day < range.until)
          expect(RuleSet.versionsAt(rs, day).length).toBe(inside ? 1 : 0)
          const strict = RuleSet.versionAt(rs, day, "strict")
          expect(Result.isSuccess(strict)).toBe(inside)
          if (Result.isSuccess(strict)) expect(strict.success.version).toBe(RuleSet.versionsAt(rs, day)[0])
        }
      })
    )
    cov.check()
  })

  it("check reports no overlap and no gap exactly when one version applies at every date of the range (≥ 12 % of runs clean, ≥ 10 % with an overlap, ≥ 10 % with a gap)", () => {
    const cov = coverage({ clean: 0.12, overlap: 0.1, gap: 0.1 })
    fc.assert(
      fc.property(arbRuleSet, (rs) => {
        cov.run()
        const findings = RuleSet.check(rs)
        cov.hit("overlap", findings.some((f) => f._tag === "VersionOverlap"))
        cov.hit("gap", findings.some((f) => f._tag === "VersionGap"))
        const clean = findings.every((f) => f._tag !== "VersionOverlap" && f._tag !== "VersionGap")
        cov.hit("clean", clean)
        const range = RuleSet.range(rs)
        const inside = boundaryDates(rs).filter((day) => range.from <= day && (range.until === undefined || day < range.until))
        const exactlyOne = inside.every((day) => RuleSet.versionsAt(rs, day).length === 1)
        expect(clean).toBe(exactlyOne)
      })
    )
    cov.check()
  })

  it("lenient evaluation always yields a verdict; strict agrees with it wherever a version is in force (≥ 20 % of runs inside the range, ≥ 20 % outside)", () => {
    const cov = coverage({ inForce: 0.2, outside: 0.2 })
    fc.assert(
      fc.property(arbContiguousRuleSet, arbFacts, arbLocalDate, (rs, facts, asOf) => {
        cov.run()
        const lenient = RuleSet.evaluate(rs, { asOf, facts: facts as never }, { mode: "lenient" })
        expect(Result.isSuccess(lenient)).toBe(true)
        const strict = RuleSet.evaluate(rs, { asOf, facts: facts as never }, { mode: "strict" })
        cov.hit(Result.isSuccess(strict) ? "inForce" : "outside")
        if (Result.isSuccess(strict) && Result.isSuccess(lenient)) {
          expect(strict.success).toEqual(lenient.success)
          expect(strict.success.warnings).toEqual([])
        }
        if (Result.isFailure(strict) && Result.isSuccess(lenient)) {
          expect(lenient.success.warnings.map((w) => w.code)).toEqual([strict.failure._tag === "VersionNotFound" ? strict.failure.position : "?"])
        }
      })
    )
    cov.check()
  })

  it("evaluateMany ≡ evaluate element-wise for the version in force (≥ 30 % of runs with three people or more)", () => {
    const cov = coverage({ population: 0.3 })
    fc.assert(
      fc.property(arbContiguousRuleSet, fc.array(arbFacts, { maxLength: 5 }), arbLocalDate, (rs, population, asOf) => {
        cov.run()
        cov.hit("population", population.length >= 3)
        const many = RuleSet.evaluateMany(rs, population, { asOf, mode: "lenient" })
        const single = population.map((facts) => RuleSet.evaluate(rs, { asOf, facts: facts as never }, { mode: "lenient" }))
        expect(Result.isSuccess(many) && many.success).toEqual(single.map((r) => (Result.isSuccess(r) ? r.success.outcome : "error")))
      })
    )
    cov.check()
  })

  it("the rule-set hash is stable under a JSON round-trip and decoding (≥ 50 % of runs with two versions or more)", () => {
    const cov = coverage({ versions: 0.5 })
    fc.assert(
      fc.property(arbContiguousRuleSet, (rs) => {
        cov.run()
        cov.hit("versions", rs.versions.length >= 2)
        const decoded = RuleSet.decode(JSON.parse(JSON.stringify(rs)))
        expect(Result.isSuccess(decoded) && RuleSet.hash(decoded.success)).toBe(RuleSet.hash(rs))
      })
    )
    cov.check()
  })

  it("malformed rule-set documents give typed errors with paths, never a throw (≥ 20 % of runs break each of from, version and rule)", () => {
    const cov = coverage({ from: 0.2, version: 0.2, rule: 0.2 })
    fc.assert(
      fc.property(arbContiguousRuleSet, fc.nat(), fc.constantFrom<unknown>(null, 5, "2013-02-30", {}, [], "x"), (rs, pick, wrong) => {
        cov.run()
        const doc = JSON.parse(JSON.stringify(rs)) as { versions: Array<Record<string, unknown>> }
        const i = pick % doc.versions.length
        const key = ["from", "version", "rule"][pick % 3]!
        doc.versions[i]![key] = wrong
        const r = RuleSet.decode(doc)
        cov.hit(key as "from")
        if (Result.isFailure(r)) {
          expect(r.failure._tag).toBe("RuleSetDecodeError")
          expect(r.failure.issues.some((x) => x.path[0] === "versions" && x.path[2] === key)).toBe(true)
        } else {
          // Only a version label replaced by a non-empty string is still valid.
          expect(key === "version" && typeof wrong === "string" && wrong !== "").toBe(true)
        }
      })
    )
    cov.check()
  })
})
