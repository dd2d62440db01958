// Eligibility benchmark: one realistic municipal rule (the integrated-support desk hand-off test,
// 15 clauses: target groups, working age 18–64, ability, motivation, no barrier, consent, ward,
// not a high-school student) over generated persons (seeded PRNG), in one run:
// - batch-trace: jiritsu's batch API with a per-clause trace (evaluateMany, trace buffers reused)
//   against each peer's fastest mode for many persons (none of them has a batch API);
// - per-call-trace / per-call-verdict: one call per person on every side;
// - batch-outcome-1M / columns-outcome-1M: outcome only over 1M persons against a one-pass
//   hand-written closure of the same rule (the limit for JavaScript).
// See bench/README.md for what each side returns.
import { ZenEngine } from "@gorules/zen-engine"
import { Period, Rule } from "@jiritsu/core"
import { Engine } from "json-rules-engine"
import Publicodes from "publicodes"
import { fastest, machine, measured, median, milliseconds, perSecond, type Samples, timeAsync, timeSync, writeReport } from "./report.ts"
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
// Baseline: the same rule as a hand-written closure, one pass over the target groups (the limit
// for JavaScript: no unknowns, no type checks, short-circuit in rule order)
// ---------------------------------------------------------------------------------------------

const bound = (years: number) => `${String(Number(AS_OF.slice(0, 4)) - years).padStart(4, "0")}${AS_OF.slice(4)}`
const OLDEST_EXCLUDED = bound(65) // born on or before → 65 or older
const YOUNGEST_ALLOWED = bound(18) // born on or before → 18 or older

const inGroups = (groups: ReadonlyArray<string>): boolean => {
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]
    if (g === "welfare_recipient" || g === "welfare_applicant" || g === "child_rearing_allowance_recipient" || g === "housing_benefit_recipient" || g === "needy_person") return true
  }
  return false
}

export const baseline = (p: Person): boolean =>
  inGroups(p.target_groups) &&
  p.birth_date <= YOUNGEST_ALLOWED &&
  p.birth_date > OLDEST_EXCLUDED &&
  p.able_to_work === true &&
  p.wants_work === true &&
  p.care_barrier === false &&
  p.consent_given === true &&
  (p.ward === "tsurumi" || p.ward === "naka" || p.ward === "seya") &&
  p.hs_student !== true

/** The same closure over columns (fact → array by person). */
const baselineColumns = (c: Columns, i: number): boolean =>
  inGroups(c.target_groups[i]!) &&
  c.birth_date[i]! <= YOUNGEST_ALLOWED &&
  c.birth_date[i]! > OLDEST_EXCLUDED &&
  c.able_to_work[i] === true &&
  c.wants_work[i] === true &&
  c.care_barrier[i] === false &&
  c.consent_given[i] === true &&
  (c.ward[i] === "tsurumi" || c.ward[i] === "naka" || c.ward[i] === "seya") &&
  c.hs_student[i] !== true

type Columns = { readonly [K in keyof Person]: ReadonlyArray<Person[K]> }

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
// Agreement: every engine decides the sample as jiritsu does; zen's clause results equal
// jiritsu's clause statuses (zen's result holds every clause, which is why it runs without trace)
// ---------------------------------------------------------------------------------------------

const ZEN_CLAUSES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(GROUPS.map((g) => [`group_${g}`, `group_${g}`])),
  target_group: "target_group",
  working_age: "working_age",
  able_to_work_ok: "able_to_work",
  motivation: "motivation",
  no_barrier: "no_barrier",
  consent: "consent",
  residence_ward: "residence_ward",
  hs_student_now: "hs_student",
  not_hs_student: "not_hs_student",
  eligible: "hw_integrated_desk"
}

const RUNS = 7

export async function main(): Promise<void> {
  const startedOn = machine()
  const N_TRACE = 100_000
  const N_PEER = 5_000
  const N_MANY = 1_000_000
  const people = population(N_TRACE)
  const sample = people.slice(0, N_PEER)
  const sampleWithAge = sample.map(withAge)
  const clauseCount = Rule.clauses(rule).length
  let sink = 0

  // jiritsu first, on a fresh heap (the peers' engines leave large heaps behind); then the peers.
  const buffers = Rule.traceBuffers()
  const batchTrace = timeSync(RUNS, () => {
    sink += Rule.evaluateMany(rule, people, { asOf: AS_OF, trace: true, buffers }).outcomes.length
  })
  const batchTraceFresh = timeSync(RUNS, () => {
    sink += Rule.evaluateMany(rule, people, { asOf: AS_OF, trace: true }).outcomes.length
  })
  const perCallTrace = timeSync(RUNS, () => {
    for (let i = 0; i < N_TRACE; i++) sink += Rule.evaluateMany(rule, [people[i]!], { asOf: AS_OF, trace: true }).statuses[0]!
  })
  const perCallVerdict = timeSync(RUNS, () => {
    for (let i = 0; i < N_TRACE; i++) sink += verdictOf(people[i]!).missingFacts.length
  })
  // The same verdicts with every sentence rendered (what a screen showing the whole trace reads).
  const perCallRendered = timeSync(RUNS, () => {
    for (let i = 0; i < N_TRACE; i++) {
      const v = verdictOf(people[i]!)
      sink += v.clauses.length + v.reasons.length
    }
  })

  // Outcome only, 1M persons.
  const million = population(N_MANY, 7)
  const columns = Object.fromEntries(
    (["birth_date", "target_groups", "able_to_work", "wants_work", "care_barrier", "consent_given", "ward", "hs_student"] as const).map((k) => [k, million.map((p) => p[k])])
  ) as unknown as Columns
  const many = timeSync(RUNS, () => {
    sink += Rule.evaluateMany(rule, million, { asOf: AS_OF }).length
  })
  const byColumns = timeSync(RUNS, () => {
    sink += Rule.evaluateMany(rule, { columns: columns as unknown as Record<string, ReadonlyArray<unknown>>, length: N_MANY }, { asOf: AS_OF }).length
  })
  const closure = timeSync(RUNS, () => {
    const out = new Array<boolean>(N_MANY)
    for (let i = 0; i < N_MANY; i++) out[i] = baseline(million[i]!)
    sink += out.length
  })
  const closureColumns = timeSync(RUNS, () => {
    const out = new Array<boolean>(N_MANY)
    for (let i = 0; i < N_MANY; i++) out[i] = baselineColumns(columns, i)
    sink += out.length
  })
  const outcomes = Rule.evaluateMany(rule, million, { asOf: AS_OF })
  const closureDisagreements = million.filter((p, i) => baseline(p) !== (outcomes[i] === "eligible")).length

  // Agreement on the sample.
  const ours = Rule.evaluateMany(rule, sample, { asOf: AS_OF, trace: true })
  const slotOf = new Map(Rule.clauses(rule).map((c, i) => [c.id, i] as const))
  const jre = jreEngine()
  const zen = new ZenEngine()
  const decision = zen.createDecision(zenGraph)
  const pub = new Publicodes(publicodesRules as never, { logger: { log() {}, warn() {}, error() {} } })
  let disagreements = 0
  let clauseDisagreements = 0
  for (let i = 0; i < sample.length; i++) {
    const expected = ours.outcomes[i] === "eligible"
    const j = await jre.run(sampleWithAge[i]!)
    const z = (await decision.evaluate(sampleWithAge[i]!)).result as Record<string, boolean>
    pub.setSituation(publicodesSituation(sample[i]!) as never)
    const pv = pub.evaluate("eligible").nodeValue === true
    if ((j.events.length > 0) !== expected || z["eligible"] !== expected || pv !== expected || baseline(sample[i]!) !== expected) disagreements++
    for (const [key, id] of Object.entries(ZEN_CLAUSES)) {
      if ((z[key] === true) !== (ours.statuses[i * clauseCount + slotOf.get(id)!] === 1)) clauseDisagreements++
    }
  }
  const eligibleShare = ours.outcomes.filter((o) => o === "eligible").length / ours.outcomes.length
  console.log(
    `agreement on ${sample.length} persons: ${disagreements} outcome disagreements, ${clauseDisagreements} zen clause disagreements; ` +
      `${(eligibleShare * 100).toFixed(1)}% eligible; ${clauseCount} clauses; one-pass closure vs jiritsu on 1M: ${closureDisagreements} disagreements`
  )
  if (disagreements + clauseDisagreements + closureDisagreements > 0) throw new Error("bench: the engines disagree; timings would mean nothing")

  // Peers, each in its fastest documented mode returning per-clause results, on the first 5k persons.
  const jreRuns = await timeAsync(RUNS, async () => {
    for (const p of sampleWithAge) sink += (await jre.run(p)).results.length
  })
  const zenSequential = await timeAsync(RUNS, async () => {
    for (const p of sampleWithAge) sink += (await decision.evaluate(p)).result.eligible ? 1 : 0
  })
  const zenConcurrent = await timeAsync(RUNS, async () => {
    for (let i = 0; i < sampleWithAge.length; i += 256) {
      const batch = await Promise.all(sampleWithAge.slice(i, i + 256).map((p) => decision.evaluate(p)))
      sink += batch.length
    }
  })
  const zenTraced = await timeAsync(RUNS, async () => {
    for (let i = 0; i < sampleWithAge.length; i += 256) {
      const batch = await Promise.all(sampleWithAge.slice(i, i + 256).map((p) => decision.evaluate(p, { trace: true })))
      sink += batch.length
    }
  })
  const publicodesRuns = timeSync(RUNS, () => {
    for (const p of sample) {
      pub.setSituation(publicodesSituation(p) as never)
      sink += pub.evaluate("eligible").nodeValue === true ? 1 : 0
    }
  })
  // jiritsu once more, after the peers ran in this process (a larger heap): for the note.
  const batchTraceAfter = timeSync(RUNS, () => {
    sink += Rule.evaluateMany(rule, people, { asOf: AS_OF, trace: true, buffers }).outcomes.length
  })
  const zenBest = fastest(zenSequential, zenConcurrent)
  const zenMode = zenBest === zenSequential ? "sequential" : "256 concurrent"
  const peers = { "json-rules-engine": jreRuns, "@gorules/zen-engine": zenBest, publicodes: publicodesRuns }
  const peerValue = perSecond(N_PEER)
  const rate = (samples: Samples, n: number) => Math.round(perSecond(n)(median(samples.wall)))

  // Every side of a case is scaled to persons per second from its own population size.
  const scaled = (samples: Samples, n: number): Samples => {
    const k = N_PEER / n
    return { wall: samples.wall.map((ms) => ms * k), cpu: samples.cpu.map((ms) => ms * k) }
  }
  const peersNote =
    `Peers on the first ${N_PEER / 1000}k of the same persons, one call per person (none has a batch API): json-rules-engine: engine.run on one reused Engine ` +
    `(per-condition result and factResult); zen: decision.evaluate without trace — its result holds every clause's value (checked equal to jiritsu's ` +
    `statuses, ${clauseDisagreements} differences) — fastest of sequential ${rate(zenSequential, N_PEER)}/s and 256 concurrent ${rate(zenConcurrent, N_PEER)}/s ` +
    `(used: ${zenMode}; with trace: true, 256 concurrent, ${rate(zenTraced, N_PEER)}/s); publicodes: setSituation + evaluate (value and explanation tree). ` +
    `Peers get the age precomputed, publicodes gets target groups as booleans. ${disagreements} outcome disagreements.`

  writeReport(
    "eligibility",
    [
      measured({
        case: "batch-trace",
        unit: "ops/s",
        higherIsBetter: true,
        value: peerValue,
        cpu: true,
        sides: { jiritsu: scaled(batchTrace, N_TRACE), ...peers },
        note:
          `persons/s. ${clauseCount}-clause rule. jiritsu: Rule.evaluateMany(trace: true) over ${N_TRACE / 1000}k persons with Rule.traceBuffers() reused ` +
          `from batch to batch — returns every person's outcome plus status and observed value of every clause (full Verdict of any person on demand); ` +
          `with fresh buffers per batch ${rate(batchTraceFresh, N_TRACE)}/s; timed again after the peers ran (larger heap) ${rate(batchTraceAfter, N_TRACE)}/s. ` +
          peersNote
      }),
      measured({
        case: "per-call-trace",
        unit: "ops/s",
        higherIsBetter: true,
        value: peerValue,
        cpu: true,
        sides: { jiritsu: scaled(perCallTrace, N_TRACE), ...peers },
        note:
          `persons/s, one call per person on every side. jiritsu: Rule.evaluateMany(rule, [person], { trace: true }) for each of ${N_TRACE / 1000}k persons ` +
          `— returns the outcome and every clause's status and observed value (a TraceBatch of one). ` +
          peersNote
      }),
      measured({
        case: "per-call-verdict",
        unit: "ops/s",
        higherIsBetter: true,
        value: peerValue,
        cpu: true,
        sides: { jiritsu: scaled(perCallVerdict, N_TRACE), ...peers },
        note:
          `persons/s, one call per person on every side. jiritsu: Rule.evaluate for each of ${N_TRACE / 1000}k persons — returns a jiritsu.trace/1 Verdict: ` +
          `outcome, missing facts, next question and rule hash as data; its clause entries and ja/en sentences are rendered on first read. ` +
          `With every clause entry and sentence read: ${rate(perCallRendered, N_TRACE)}/s. ` +
          peersNote
      }),
      measured({
        case: "batch-outcome-1M",
        unit: "ms",
        higherIsBetter: false,
        value: milliseconds,
        cpu: true,
        sides: { jiritsu: many, baseline: closure },
        note:
          `ms for 1M fact records, outcome only. jiritsu: Rule.evaluateMany → eligible / ineligible / undetermined per person (three-valued: ` +
          `unknown facts, type checks); baseline: a hand-written boolean closure of the same rule, one pass over the target groups, no unknowns ` +
          `(${closureDisagreements} disagreements on the 1M)`
      }),
      measured({
        case: "columns-outcome-1M",
        unit: "ms",
        higherIsBetter: false,
        value: milliseconds,
        cpu: true,
        sides: { jiritsu: byColumns, baseline: closureColumns },
        note: `ms for the same 1M persons given as columns (fact → array by person). jiritsu: Rule.evaluateMany({ columns }) → three-valued outcomes; baseline: the one-pass closure reading the same columns`
      })
    ],
    startedOn
  )
  if (sink === 0) console.log("")
}

const verdictOf = (facts: Person) => {
  const r = Rule.evaluate(rule, { asOf: AS_OF, facts })
  if (r._tag === "Failure") throw new Error(r.failure.message)
  return r.success
}
