import { Cohort, Model, Simulation } from "./src/index.ts"
import { Result } from "effect"
const model = Model.unsafeMake({"id":"generated","label":"generated","labelJa":"生成モデル","graph":{"id":"generated","version":"1","label":"generated graph","labelJa":"生成グラフ","nodes":[{"id":"n0","stage":"n0","label":"Node 0","labelJa":"段階0","rank":0},{"id":"n1","stage":"n1","label":"Node 1","labelJa":"段階1","rank":1}],"edges":[{"from":"n1","to":"n0","kind":"regression","reasons":["moved"]}],"reasons":[{"code":"moved","label":"moved","labelJa":"移行"}],"entry":["n0"],"goals":["n1"]},"substates":[],"exits":[],"covariates":[],"timeScale":"calendar","rows":[{"from":"n0","p":{"n0":1}},{"from":"n1","p":{"n1":1}}]})
const cohort = Cohort.unsafeMake(model, {"groups":[{"stage":"n0","covariates":{},"count":1,"entry":0}]})
const options = { months: 0, seed: 0, perPerson: true, record: true }
const whole = Result.getOrThrow(Simulation.run(model, cohort, options))
const a = Result.getOrThrow(Simulation.run(model, Cohort.slice(cohort, 0, 0), options))
const b = Result.getOrThrow(Simulation.run(model, Cohort.slice(cohort, 0, 1), options))
const ab = Result.getOrThrow(Simulation.combine(a, b))
console.log(Simulation.equals(ab, whole), Simulation.equals(whole, whole))
console.log(ab.segments.map(s => [s.start, s.size]), whole.segments.map(s => [s.start, s.size]))
const e = Simulation.empty(model, 0, 0)
console.log(Simulation.equals(Result.getOrThrow(Simulation.combine(e, whole)), whole))
