// A scenario as a model transformation, compared with the baseline on common random numbers.
import { Cohort, Model, Scenario } from "@jiritsu/sim"

const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(20_000))
const desk: Scenario.Scenario = {
  id: "desk_push",
  label: "Hello Work desk in every ward: social life → job search +20 % for welfare recipients",
  labelJa: "全区にハローワーク窓口：生活保護受給者の社会生活自立→求職 2割増",
  steps: [{ _tag: "Scale", from: "social_life", to: "employment", factor: 1.2, when: { group: "welfare_recipient" } }]
}
const compared = await Scenario.compare(Model.kushiro, desk, cohort, { months: 36, seed: 2024, workers: 2 })
if (compared._tag === "Failure") throw new Error(compared.failure.message)
for (const d of compared.success.differences) {
  const f = (x: number) => (d.measure.startsWith("months") ? x.toFixed(2) : `${(x * 100).toFixed(2)} %`)
  console.log(`${d.measure}: ${f(d.baseline)} → ${f(d.scenario)}, difference ${f(d.difference)} [${f(d.lower)}, ${f(d.upper)}], se ${f(d.standardError)} (independent runs: ${f(d.independentStandardError)})`)
}

// A step the model cannot absorb is an error, not a negative probability.
const tooMuch = Scenario.apply(Model.kushiro, { ...desk, steps: [{ _tag: "Scale", from: "employment", to: "employed", factor: 4 }] })
if (tooMuch._tag === "Failure") console.log(tooMuch.failure.code, tooMuch.failure.path, tooMuch.failure.message)
