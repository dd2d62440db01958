// Eligibility benchmark: one realistic municipal rule (the integrated-support desk hand-off test,
// 15 clauses: target groups, working age 18–64, ability, motivation, no barrier, consent, ward,
// not a high-school student) over generated persons (seeded PRNG), evaluated WITH a per-clause
// trace by jiritsu and by the peers in the same run; then outcome-only evaluateMany over 1M persons
// against a hand-written closure of the same rule ("baseline").
import { ZenEngine } from "@gorules/zen-engine"
import { Period, Rule } from "@jiritsu/core"
import { Engine } from "json-rules-engine"
import Publicodes from "publicodes"
import { type BenchCase, writeReport } from "./report.ts"
import { prng } from "./prng.ts"

const AS_OF = Period.unsafeDate("2025-06-01")
const GROUPS = ["welfare_recipient", "welfare_applicant", "child_rearing_allowance_recipient", "housing_benefit_recipient", "needy_person"] as const
const OTHER_GROUPS = ["general_job_seeker", "youth", "person_with_disability"] as const
const SITE_WARDS = ["tsurumi", "naka", "seya"] as const
const ALL_WARDS = ["tsurumi", "naka", "seya", "kanagawa", "nishi", "minami", "hodogaya", "isogo", "kanazawa", "kohoku", "totsuka", "konan"] as const

// ---------------------------------------------------------------------------------------------
// The rule (jiritsu)
// ---------------------------------------------------------------------------------------------

const m = (id: string, ja: string, en: string, extra: Partial<Rule.Meta> = {}): Rule.Meta => ({ id, ja, en, ...extra })
const groupLabels: Record<(typeof GROUPS)[number], [string, string]> = {
  welfare_recipient: ["生活保護受給者", "welfare recipient"],
  welfare_applicant: ["生活保護の相談・申請段階の者", "welfare applicant"],
  child_rearing_allowance_recipient: ["児童扶養手当受給者", "child-rearing allowance recipient"],
  housing_benefit_recipient: ["住居確保給付金受給者", "housing benefit recipient"],
  needy_person: ["生活困窮者", "needy person"]
}

export const rule: Rule.Rule = Rule.all(m("hw_integrated_desk", "一体的実施 支援対象", "integrated desk hand-off", { citation: { source: "P5" } }), [
  Rule.any(
    m("target_group", "対象者区分", "target group", { citation: { source: "S2" } }),
    GROUPS.map((g) => Rule.intersects(m(`group_${g}`, groupLabels[g][0], groupLabels[g][1]), "target_groups", [g]))
  ),
  Rule.age(m("working_age", "就労可能年齢", "working age", { citation: { source: "P7" } }), "birth_date", { min: 18, max: 64 }),
  Rule.isTrue(m("able_to_work", "稼働能力", "able to work", { citation: { source: "P5", section: "(1)" } }), "able_to_work"),
  Rule.isTrue(m("motivation", "就労意欲", "wish to work", { soft: true, citation: { source: "P5", section: "(2)" } }), "wants_work"),
  Rule.isFalse(m("no_barrier", "就労阻害要因なし", "no barrier to work", { citation: { source: "P5", section: "(3)" } }), "care_barrier"),
  Rule.isTrue(m("consent", "支援への同意", "consents to take part", { citation: { source: "P5", section: "(4)" } }), "consent_given"),
  Rule.isIn(m("residence_ward", "実施区に居住", "lives in a site ward", { citation: { source: "S2" } }), "ward", [...SITE_WARDS]),
  Rule.not(m("not_hs_student", "高校生でない", "not a high-school student", { citation: { source: "P6" } }), Rule.isTrue(m("hs_student", "高校生", "high-school student"), "hs_student"))
])

// ---------------------------------------------------------------------------------------------
// Population (seeded)
// ---------------------------------------------------------------------------------------------


interface Person {
  readonly birth_date: string
  readonly target_groups: ReadonlyArray<string>
  readonly able_to_work: boolean
  readonly wants_work: boolean
  readonly care_barrier: boolean
  readonly consent_given: boolean
  readonly ward: string
  readonly hs_student: boolean
}

const DAY_1940 = Period.toDayNumber(Period.unsafeDate("1940-01-01"))
const DAY_2010 = Period.toDayNumber(Period.unsafeDate("2010-12-31"))

export const population = (n: number, seed = 20131015): Array<Person> => {
  const rnd = prng(seed)
  const pick = <A>(xs: ReadonlyArray<A>): A => xs[Math.floor(rnd() * xs.length)]!
  const out: Array<Person> = []
  for (let i = 0; i < n; i++) {
    const groups: Array<string> = []
    if (rnd() < 0.85) groups.push(pick(GROUPS))
    if (rnd() < 0.2) groups.push(pick(OTHER_GROUPS))
    const birth = Period.fromDayNumber(DAY_1940 + Math.floor(rnd() * (DAY_2010 - DAY_1940)))
    out.push({
      birth_date: birth,
      target_groups: groups,
      able_to_work: rnd() < 0.8,
      wants_work: rnd() < 0.75,
      care_barrier: rnd() < 0.15,
      consent_given: rnd() < 0.9,
      ward: rnd() < 0.7 ? pick(SITE_WARDS) : pick(ALL_WARDS),
      hs_student: Period.ageAt(birth, AS_OF) < 19 && rnd() < 0.5
    })
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Baseline: the same rule as a hand-written closure (the limit for JavaScript)
// ---------------------------------------------------------------------------------------------

const bound = (years: number) => `${String(Number(AS_OF.slice(0, 4)) - years).padStart(4, "0")}${AS_OF.slice(4)}`
const OLDEST_EXCLUDED = bound(65) // born on or before → 65 or older
const YOUNGEST_ALLOWED = bound(18) // born on or before → 18 or older

export const baseline = (p: Person): boolean => {
  const g = p.target_groups
  return (
    (g.includes("welfare_recipient") ||
      g.includes("welfare_applicant") ||
      g.includes("child_rearing_allowance_recipient") ||
      g.includes("housing_benefit_recipient") ||
      g.includes("needy_person")) &&
    p.birth_date <= YOUNGEST_ALLOWED &&
    p.birth_date > OLDEST_EXCLUDED &&
    p.able_to_work === true &&
    p.wants_work === true &&
    p.care_barrier === false &&
    p.consent_given === true &&
    (p.ward === "tsurumi" || p.ward === "naka" || p.ward === "seya") &&
    p.hs_student !== true
  )
}

// ---------------------------------------------------------------------------------------------
// Peers: the same rule in each engine's own format. Peers get the age precomputed (jiritsu
// computes it from the birth date); publicodes has no lists, so target groups become booleans.
// ---------------------------------------------------------------------------------------------

const withAge = (p: Person) => ({ ...p, age: Period.ageAt(Period.unsafeDate(p.birth_date), AS_OF) })

const jreEngine = (): Engine => {
  const engine = new Engine([], { allowUndefinedFacts: true })
  engine.addRule({
    conditions: {
      all: [
        { any: GROUPS.map((g) => ({ fact: "target_groups", operator: "contains", value: g })) },
        { fact: "age", operator: "greaterThanInclusive", value: 18 },
        { fact: "age", operator: "lessThanInclusive", value: 64 },
        { fact: "able_to_work", operator: "equal", value: true },
        { fact: "wants_work", operator: "equal", value: true },
        { fact: "care_barrier", operator: "equal", value: false },
        { fact: "consent_given", operator: "equal", value: true },
        { fact: "ward", operator: "in", value: [...SITE_WARDS] },
        { not: { fact: "hs_student", operator: "equal", value: true } }
      ]
    },
    event: { type: "eligible" }
  })
  return engine
}

const zenGraph = {
  nodes: [
    { id: "request", type: "inputNode", name: "request", position: { x: 0, y: 0 } },
    {
      id: "clauses",
      type: "expressionNode",
      name: "clauses",
      position: { x: 200, y: 0 },
      content: {
        expressions: [
          ...GROUPS.map((g, i) => ({ id: `g${i}`, key: `group_${g}`, value: `some(target_groups, # == '${g}')` })),
          { id: "tg", key: "target_group", value: GROUPS.map((g) => `$.group_${g}`).join(" or ") },
          { id: "wa", key: "working_age", value: "age >= 18 and age <= 64" },
          { id: "ab", key: "able_to_work_ok", value: "able_to_work == true" },
          { id: "mo", key: "motivation", value: "wants_work == true" },
          { id: "nb", key: "no_barrier", value: "care_barrier == false" },
          { id: "co", key: "consent", value: "consent_given == true" },
          { id: "rw", key: "residence_ward", value: `ward in [${SITE_WARDS.map((w) => `'${w}'`).join(", ")}]` },
          { id: "hs", key: "hs_student_now", value: "hs_student == true" },
          { id: "ns", key: "not_hs_student", value: "not $.hs_student_now" },
          {
            id: "el",
            key: "eligible",
            value: "$.target_group and $.working_age and $.able_to_work_ok and $.motivation and $.no_barrier and $.consent and $.residence_ward and $.not_hs_student"
          }
        ]
      }
    },
    { id: "response", type: "outputNode", name: "response", position: { x: 400, y: 0 } }
  ],
  edges: [
    { id: "e1", sourceId: "request", targetId: "clauses", type: "edge" },
    { id: "e2", sourceId: "clauses", targetId: "response", type: "edge" }
  ]
}

const publicodesRules = {
  age: { "par défaut": 0 },
  ward: { "par défaut": "'none'" },
  able_to_work: { "par défaut": "non" },
  wants_work: { "par défaut": "non" },
  care_barrier: { "par défaut": "non" },
  consent_given: { "par défaut": "non" },
  hs_student: { "par défaut": "non" },
  ...Object.fromEntries(GROUPS.map((g) => [`group_${g}`, { "par défaut": "non" }])),
  target_group: { "une de ces conditions": GROUPS.map((g) => `group_${g}`) },
  working_age: { "toutes ces conditions": ["age >= 18", "age <= 64"] },
  residence_ward: { "une de ces conditions": SITE_WARDS.map((w) => `ward = '${w}'`) },
  not_hs_student: { valeur: "hs_student = non" },
  eligible: {
    "toutes ces conditions": ["target_group", "working_age", "able_to_work", "wants_work", "care_barrier = non", "consent_given", "residence_ward", "not_hs_student"]
  }
}

const yesNo = (b: boolean) => (b ? "oui" : "non")
const publicodesSituation = (p: Person) => ({
  age: withAge(p).age,
  ward: `'${p.ward}'`,
  able_to_work: yesNo(p.able_to_work),
  wants_work: yesNo(p.wants_work),
  care_barrier: yesNo(p.care_barrier),
  consent_given: yesNo(p.consent_given),
  hs_student: yesNo(p.hs_student),
  ...Object.fromEntries(GROUPS.map((g) => [`group_${g}`, yesNo(p.target_groups.includes(g))]))
})

// ---------------------------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------------------------

const median = (xs: ReadonlyArray<number>): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** Median wall time (ms) of `runs` runs after one warm-up run. */
const timeSync = (runs: number, f: () => void): number => {
  f()
  const times: Array<number> = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    f()
    times.push(performance.now() - t0)
  }
  return median(times)
}

const timeAsync = async (runs: number, f: () => Promise<void>): Promise<number> => {
  await f()
  const times: Array<number> = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await f()
    times.push(performance.now() - t0)
  }
  return median(times)
}

const opsPerSecond = (count: number, ms: number): number => Math.round((count / ms) * 1000)

export async function main(): Promise<void> {
  const N_TRACE = 100_000
  const N_PEER = 5_000
  const N_MANY = 1_000_000
  const people = population(N_TRACE)
  const sample = people.slice(0, N_PEER)
  const sampleWithAge = sample.map(withAge)
  const clauseCount = Rule.clauses(rule).length

  // jiritsu first, on a fresh heap (the peers' engines leave large heaps behind); then the peers.
  // With per-clause trace.
  const jiritsuTraceMs = timeSync(7, () => {
    Rule.evaluateMany(rule, people, { asOf: AS_OF, trace: true })
  })
  const jiritsuVerdictMs = timeSync(3, () => {
    for (let i = 0; i < N_TRACE; i++) Rule.evaluate(rule, { asOf: AS_OF, facts: people[i] as never })
  })
  // Outcome only, 1M persons.
  const million = population(N_MANY, 7)
  const columns = Object.fromEntries(
    (["birth_date", "target_groups", "able_to_work", "wants_work", "care_barrier", "consent_given", "ward", "hs_student"] as const).map((k) => [k, million.map((p) => p[k])])
  )
  const manyMs = timeSync(7, () => {
    Rule.evaluateMany(rule, million, { asOf: AS_OF })
  })
  const columnsMs = timeSync(7, () => {
    Rule.evaluateMany(rule, { columns, length: N_MANY }, { asOf: AS_OF })
  })
  const baselineMs = timeSync(7, () => {
    const out = new Array<boolean>(N_MANY)
    for (let i = 0; i < N_MANY; i++) out[i] = baseline(million[i]!)
  })

  // Agreement: every engine must decide the sample the same way as jiritsu.
  const ours = Rule.evaluateMany(rule, sample, { asOf: AS_OF })
  const jre = jreEngine()
  const zen = new ZenEngine()
  const decision = zen.createDecision(zenGraph)
  const pub = new Publicodes(publicodesRules as never, { logger: { log() {}, warn() {}, error() {} } })
  let disagreements = 0
  for (let i = 0; i < sample.length; i++) {
    const expected = ours[i] === "eligible"
    const j = await jre.run(sampleWithAge[i]!)
    const z = await decision.evaluate(sampleWithAge[i]!, { trace: true })
    pub.setSituation(publicodesSituation(sample[i]!) as never)
    const pv = pub.evaluate("eligible").nodeValue === true
    if ((j.events.length > 0) !== expected || (z.result as { eligible: boolean }).eligible !== expected || pv !== expected || baseline(sample[i]!) !== expected) {
      disagreements++
    }
  }
  const eligibleShare = ours.filter((o) => o === "eligible").length / ours.length
  console.log(`agreement check on ${sample.length} persons: ${disagreements} disagreements; ${(eligibleShare * 100).toFixed(1)}% eligible; ${clauseCount} clauses`)

  const jreMs = await timeAsync(3, async () => {
    for (const p of sampleWithAge) await jre.run(p)
  })
  const zenSeqMs = await timeAsync(3, async () => {
    for (const p of sampleWithAge) await decision.evaluate(p, { trace: true })
  })
  const zenParMs = await timeAsync(3, async () => {
    for (let i = 0; i < sampleWithAge.length; i += 256) {
      await Promise.all(sampleWithAge.slice(i, i + 256).map((p) => decision.evaluate(p, { trace: true })))
    }
  })
  const publicodesMs = timeSync(3, () => {
    for (const p of sample) {
      pub.setSituation(publicodesSituation(p) as never)
      pub.evaluate("eligible")
    }
  })

  // The same jiritsu measurement once more, after the peers ran in this process (larger heap).
  const jiritsuTraceAfterMs = timeSync(7, () => {
    Rule.evaluateMany(rule, people, { asOf: AS_OF, trace: true })
  })

  const zenOps = Math.max(opsPerSecond(N_PEER, zenSeqMs), opsPerSecond(N_PEER, zenParMs))
  const peers = {
    "json-rules-engine": opsPerSecond(N_PEER, jreMs),
    "@gorules/zen-engine": zenOps,
    publicodes: opsPerSecond(N_PEER, publicodesMs)
  }
  const cases: Array<BenchCase> = [
    {
      case: "eval-with-trace",
      unit: "ops/s",
      higherIsBetter: true,
      results: { jiritsu: opsPerSecond(N_TRACE, jiritsuTraceMs), ...peers },
      note:
        `${clauseCount}-clause rule; jiritsu: evaluateMany(trace: true) over ${N_TRACE / 1000}k persons (status + observed value per clause, full Verdict on demand); ` +
        `peers on the first ${N_PEER / 1000}k of them: json-rules-engine engine.run (per-condition result + factResult), zen decision.evaluate(trace: true) ` +
        `(best of sequential ${opsPerSecond(N_PEER, zenSeqMs)}/s and 256-concurrent ${opsPerSecond(N_PEER, zenParMs)}/s), publicodes setSituation + evaluate (explanation tree). ` +
        `Peers get age precomputed; publicodes gets target groups as booleans. ${disagreements} outcome disagreements on the sample. ` +
        `jiritsu is timed first on a fresh heap; timed again after the peers in the same process it gave ${opsPerSecond(N_TRACE, jiritsuTraceAfterMs)}/s (GC of the trace buffers on a larger heap).`
    },
    {
      case: "evaluate-full-verdict",
      unit: "ops/s",
      higherIsBetter: true,
      results: { jiritsu: opsPerSecond(N_TRACE, jiritsuVerdictMs), ...peers },
      note: `jiritsu: one Rule.evaluate call per person returning the complete jiritsu.trace/1 Verdict (labels, citations, expected text, ja/en why-not sentences, content hash); peers as above`
    },
    {
      case: "evaluateMany-outcome-1M",
      unit: "ms",
      higherIsBetter: false,
      results: { jiritsu: Math.round(manyMs * 10) / 10, baseline: Math.round(baselineMs * 10) / 10 },
      note: `1M fact records, outcome only (three-valued); baseline = hand-written boolean closure of the same rule`
    },
    {
      case: "evaluateMany-columns-1M",
      unit: "ms",
      higherIsBetter: false,
      results: { jiritsu: Math.round(columnsMs * 10) / 10, baseline: Math.round(baselineMs * 10) / 10 },
      note: `same 1M persons given as columns (fact → array)`
    }
  ]
  writeReport("eligibility", cases)
}
