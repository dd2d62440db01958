import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Case, Consent, Period, Programme, Rule, RuleSet, Stage, Target } from "@jiritsu/core"
import { arbCorruptedProgramme, arbProgramme } from "./arbitraries.ts"
import { samplePlan } from "./fixtures/plan.ts"
import { coverage } from "./coverage.ts"

const d = Period.unsafeDate
const cite = { source: "S2", section: "4(1)エ 同意書の徴取" }

const hwConsent: Programme.ConsentTemplate = {
  id: "hw_referral",
  purpose: "employment-support-referral",
  labels: { ja: "ハローワークへの情報提供", en: "data to Hello Work" },
  recipients: [{ class: "hello-work" }],
  dataCategories: [{ code: "identity", sensitive: false }, { code: "welfare-status", sensitive: true }],
  actions: ["disclose"],
  notice: { ja: "私は…に同意します。", en: "I agree that …" },
  citation: cite
}

const handoff: Programme.Programme = {
  id: "sample.hw_handoff",
  labels: { ja: "就労自立促進事業（例）", en: "hand-off (sample)" },
  kind: "national",
  names: [
    { version: "2005", from: d("2005-04-01"), until: d("2013-04-01"), name: { ja: "生活保護受給者等就労支援事業", en: "2005 programme" } },
    { version: "2013", from: d("2013-04-01"), name: { ja: "生活保護受給者等就労自立促進事業", en: "2013 programme" } }
  ],
  ruleSet: RuleSet.make({
    id: "sample.hw_handoff",
    ja: "要件",
    en: "test",
    versions: [
      RuleSet.version({ version: "2005", from: d("2005-04-01"), rule: Rule.isTrue({ id: "motivated", ja: "就労意欲", en: "motivated" }, "motivated") })
    ]
  }),
  stageGraph: Stage.kushiroGraph,
  referrals: ["hello_work"],
  consent: [hwConsent],
  targetPlans: [],
  citations: [cite]
}

/** The parameters of one drafted consent record, shared by the drafting tests. */
const draftParams: Programme.DraftParams = {
  recordId: "c-1",
  subjectRef: "p-1",
  controller: { id: "wo", name: "福祉事務所" },
  validFrom: Consent.jstStartOfDay(d("2013-04-01")),
  validUntil: Consent.jstStartOfDay(d("2014-04-01")),
  evidence: { ref: "scan://c-1", sha256: "ab".repeat(32), recordedBy: "cw-1" },
  noticeVersion: "2013.1"
}

describe("Programme", () => {
  it("names the programme as of a date (名称の変遷)", () => {
    expect(Programme.nameAt(handoff, "2012-06-01")?.ja).toBe("生活保護受給者等就労支援事業")
    expect(Programme.nameAt(handoff, "2013-04-01")?.ja).toBe("生活保護受給者等就労自立促進事業")
    expect(Programme.nameAt(handoff, "2004-01-01")).toBeUndefined()
  })

  it("checks a clean programme without findings", () => {
    expect(Programme.check(handoff).filter((f) => f.severity === "error")).toEqual([])
  })

  it("finds overlapping names and a Hello Work referral without a consent template", () => {
    const broken: Programme.Programme = {
      ...handoff,
      names: [handoff.names[0]!, { ...handoff.names[1]!, from: d("2012-04-01") }],
      consent: []
    }
    const findings = Programme.check(broken)
    expect(findings.map((f) => f.part).sort()).toEqual(["consent", "names"])
    expect(findings.find((f) => f.part === "names")?.path).toEqual(["names", 1, "from"])
  })

  it("drafts a consent record the ledger accepts, and a decision that permits the referral", () => {
    const record = Programme.draftRecord(hwConsent, draftParams)
    const at = Period.unsafeInstant
    const ledger = Consent.fromEntries([
      { _tag: "RecordAdded", record },
      { _tag: "EventAppended", event: { eventId: "e0", recordId: "c-1", kind: "requested", effectiveAt: at("2013-04-02T00:00:00Z"), recordedAt: at("2013-04-02T00:00:00Z"), actor: { _tag: "subject" }, method: "paper-signed" } },
      { _tag: "EventAppended", event: { eventId: "e1", recordId: "c-1", kind: "given", effectiveAt: at("2013-04-02T00:00:00Z"), recordedAt: at("2013-04-02T00:00:00Z"), actor: { _tag: "subject" }, method: "paper-signed" } }
    ])
    expect(ledger._tag).toBe("Success")
    if (ledger._tag !== "Success") return
    const decision = Consent.decide(ledger.success, {
      subjectRef: "p-1",
      purpose: "employment-support-referral",
      recipient: { class: "hello-work", id: "hw-1" },
      dataCategories: ["identity", "welfare-status"],
      action: "share",
      at: at("2013-05-01T00:00:00Z")
    })
    expect(decision._tag).toBe("Permit")
    // The Case port accepts the decision as it is.
    const port: Case.ConsentDecision = decision
    expect(port._tag).toBe("Permit")
  })

  it("decodes a programme document and names the field of a bad one", () => {
    const json = JSON.parse(JSON.stringify(handoff)) as unknown
    const decoded = Programme.decode(json)
    expect(decoded._tag === "Success" && decoded.success).toEqual(handoff)
    const bad = Programme.decode({ ...(json as object), kind: "regional" })
    expect(bad._tag).toBe("Failure")
    if (bad._tag === "Failure") expect(bad.failure.issues[0]?.path).toEqual(["kind"])
    const typo = Programme.decode({ ...(json as object), referals: [] })
    expect(typo._tag).toBe("Failure")
  })

  it("carries target plans that validate against the metrics catalogue", () => {
    const withPlan = { ...handoff, targetPlans: [samplePlan] }
    expect(Programme.check(withPlan).filter((f) => f.part === "targetPlans")).toEqual([])
  })
})

describe("Programme: what check reports, given a programme", () => {
  const name = (version: string, from: string, until?: string): Programme.DatedName => ({ version, from: d(from), ...(until === undefined ? {} : { until: d(until) }), name: { ja: `名称${version}`, en: `name ${version}` } })
  const namesFindings = (names: ReadonlyArray<Programme.DatedName>) => Programme.check({ ...handoff, names }).filter((f) => f.part === "names")

  it("a name must end after it begins, and two names may not share a day — whatever order they are listed in", () => {
    expect(namesFindings([name("a", "2013-04-01", "2013-04-01")])).toEqual([{ part: "names", path: ["names", 0, "until"], severity: "error", message: "name a: until 2013-04-01 is not after from 2013-04-01" }])
    expect(namesFindings([name("later", "2014-04-01"), name("earlier", "2013-04-01", "2014-04-02")])).toEqual([{ part: "names", path: ["names", 0, "from"], severity: "error", message: "names earlier and later overlap" }])
    expect(namesFindings([name("later", "2014-04-01"), name("earlier", "2013-04-01", "2014-04-01")])).toEqual([])
    expect(namesFindings([name("open", "2013-04-01"), name("next", "2015-04-01")])).toEqual([{ part: "names", path: ["names", 1, "from"], severity: "error", message: "names open and next overlap" }])
  })

  it("of two names starting the same day, the one listed later is reported", () => {
    expect(namesFindings([name("a", "2013-04-01", "2014-04-01"), name("b", "2013-04-01")]).map((f) => f.path)).toEqual([["names", 1, "from"]])
    expect(namesFindings([name("b", "2013-04-01"), name("a", "2013-04-01", "2014-04-01")]).map((f) => f.path)).toEqual([["names", 1, "from"]])
  })

  it("property: a long name history in any order has the findings of the same history in date order (≥ 35 % of runs list 33 names or more — past the length sorting switches strategy —, ≥ 20 % have an overlap)", () => {
    const history = fc.integer({ min: 2, max: 60 }).chain((n) =>
      fc.tuple(fc.constant(n), fc.array(fc.boolean(), { minLength: n, maxLength: n }), fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: n, maxLength: n }))
    )
    const cov = coverage({ long: 0.35, overlap: 0.2 })
    fc.assert(
      fc.property(history, ([n, overlaps, order]) => {
        cov.run()
        // Name i runs from April of 1990 + i to April of the next year, or a day longer where it overlaps.
        const names = Array.from({ length: n }, (_, i) => name(`v${i}`, `${1990 + i}-04-01`, `${1991 + i}-04-0${overlaps[i] && i < n - 1 ? 2 : 1}`))
        const shuffled = order.map((i) => names[i]!)
        const inOrder = namesFindings(names).map((f) => f.message).sort()
        cov.hit("long", n >= 33)
        cov.hit("overlap", inOrder.length > 0)
        expect(namesFindings(shuffled).map((f) => f.message).sort()).toEqual(inOrder)
        expect(inOrder.length).toBe(overlaps.filter((o, i) => o && i < n - 1).length)
      })
    )
    cov.check()
  })

  it("a Hello Work referral needs a consent template with Hello Work among its recipients; one recipient among others is enough", () => {
    const warning = { part: "consent", path: ["consent"], severity: "warning", message: "the programme refers to Hello Work but has no consent template whose recipients include Hello Work" }
    const consentFindings = (p: Programme.Programme) => Programme.check(p).filter((f) => f.part === "consent")
    expect(consentFindings({ ...handoff, consent: [{ ...hwConsent, recipients: [{ class: "welfare-office" }, { class: "hello-work" }] }] })).toEqual([])
    expect(consentFindings({ ...handoff, consent: [{ ...hwConsent, recipients: [{ class: "welfare-office" }] }] })).toEqual([warning])
    expect(consentFindings({ ...handoff, referrals: [], consent: [] })).toEqual([])
    expect(consentFindings({ ...handoff, consent: [hwConsent, { ...hwConsent, id: "empty", dataCategories: [] }] })).toEqual([
      { part: "consent", path: ["consent", 1, "dataCategories"], severity: "error", message: "template empty names no data categories" }
    ])
  })

  it("an invalid target plan is reported at the plan's own path", () => {
    const bad = { ...samplePlan, targets: [{ ...samplePlan.targets[0]!, metric: "no_such_metric" }] } as Target.Plan
    const findings = Programme.check({ ...handoff, targetPlans: [samplePlan, bad] }).filter((f) => f.part === "targetPlans")
    const r = Target.validatePlan(bad)
    expect(Result.isFailure(r)).toBe(true)
    if (Result.isFailure(r)) expect(findings).toEqual([{ part: "targetPlans", path: ["targetPlans", 1, ...r.failure.path], severity: "error", message: r.failure.message }])
  })

  it("decode's message lists every issue as path: message", () => {
    const json = JSON.parse(JSON.stringify(handoff)) as Record<string, unknown>
    const bad = Programme.decode({ ...json, kind: "regional", names: [{ ...(json.names as Array<object>)[0], from: "2005-13-01" }] })
    expect(Result.isFailure(bad)).toBe(true)
    if (Result.isFailure(bad)) {
      expect(bad.failure.issues.map((i) => i.path)).toEqual([["kind"], ["names", 0, "from"]])
      expect(bad.failure.message).toBe(bad.failure.issues.map((i) => `${i.path[0]}${i.path.slice(1).map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("")}: ${i.message}`).join("; "))
    }
  })

  it("a drafted record: the person consents for themself, under Japanese law (APPI ch. 5), on paper, to the template's scope; kept 5 years after closure and withdrawn at the counter unless the params say otherwise", () => {
    const params = draftParams
    const record = Programme.draftRecord(hwConsent, params)
    expect(record).toMatchObject({
      expressedBy: { _tag: "self" },
      jurisdiction: "JP",
      applicableLaw: ["個人情報の保護に関する法律 第5章"],
      notice: Consent.noticeOf("programme-consent.hw_referral", "2013.1", "ja", hwConsent.notice.ja),
      collectionMethod: "paper-signed",
      purposes: [hwConsent.purpose],
      recipients: hwConsent.recipients,
      decision: "permit",
      exceptions: [],
      retention: { years: 5, rule: "支援終結後5年", storage: "福祉事務所 ケース記録" },
      withdrawalMethod: { channel: "counter", description: "窓口で撤回届を提出（Withdraw at the counter with a form）" }
    })
    const retention = { years: 3, rule: "3年", storage: "本庁" }
    const withdrawalMethod: Consent.ConsentRecord["withdrawalMethod"] = { channel: "online", description: "電子申請" }
    expect(Programme.draftRecord(hwConsent, { ...params, retention, withdrawalMethod })).toMatchObject({ retention, withdrawalMethod })
  })
})

describe("properties", () => {
  it("a programme round-trips through JSON and its hash is stable under re-serialisation (≥ 30 % of runs carry a target plan, ≥ 30 % a consent template)", () => {
    const cov = coverage({ plan: 0.3, consent: 0.3 })
    fc.assert(
      fc.property(arbProgramme, (p) => {
        cov.run()
        cov.hit("plan", p.targetPlans.length > 0)
        cov.hit("consent", p.consent.length > 0)
        const json = JSON.parse(JSON.stringify(p)) as unknown
        const decoded = Programme.decode(json)
        expect(decoded._tag).toBe("Success")
        if (decoded._tag === "Success") expect(Programme.hash(decoded.success)).toBe(Programme.hash(p))
      })
    )
    cov.check()
  })

  it("a document with any one leaf of the wrong type is refused, naming that leaf or its parent (≥ 12 % of runs corrupt the rule set, ≥ 10 % the stage graph, ≥ 20 % a leaf four levels deep or more)", () => {
    const cov = coverage({ ruleSet: 0.12, stageGraph: 0.1, deep: 0.2 })
    fc.assert(
      fc.property(arbCorruptedProgramme, ({ doc, path }) => {
        cov.run()
        cov.hit("ruleSet", path[0] === "ruleSet")
        cov.hit("stageGraph", path[0] === "stageGraph")
        cov.hit("deep", path.length >= 4)
        const r = Programme.decode(doc)
        expect(r._tag).toBe("Failure")
        if (r._tag !== "Failure") return
        const named = r.failure.issues.map((i) => i.path.join("/"))
        const prefixes = path.map((_, i) => path.slice(0, path.length - i).join("/"))
        expect(named.some((n) => prefixes.includes(n) || n.startsWith(path.join("/")))).toBe(true)
      })
    )
    cov.check()
  })

  it("check never throws and every finding names its part and a path that exists in the programme (≥ 30 % of runs have a finding)", () => {
    const cov = coverage({ finding: 0.3 })
    /** The value at a path, or undefined where the path leaves the document. */
    const at = (value: unknown, path: ReadonlyArray<string | number>): unknown =>
      path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<string | number, unknown>)[k] : undefined), value)
    fc.assert(
      fc.property(arbProgramme, (p) => {
        cov.run()
        const findings = Programme.check(p)
        cov.hit("finding", findings.length > 0)
        for (const f of findings) {
          expect(f.message.length).toBeGreaterThan(0)
          expect(f.path[0]).toBe(f.part)
          // The part and the first step inside it exist (deeper steps may name a missing key, e.g. a rule's path).
          expect(at(p, f.path.slice(0, 2))).toBeDefined()
        }
      })
    )
    cov.check()
  })
})
