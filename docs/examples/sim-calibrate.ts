// Calibration to published outcome ratios: the three worked examples.
import { Calibration, Model } from "@jiritsu/sim"

for (const problem of [Calibration.examples.yokohama2009, Calibration.examples.utsunomiya2013, Calibration.examples.gifu2012]) {
  const fit = Calibration.fit(Model.kushiro, problem)
  if (fit._tag === "Failure") throw new Error(fit.failure.message)
  const parameters = fit.success.parameters.map((p) => `${p.id} ×${p.value.toFixed(3)}`).join(", ")
  console.log(`${problem.id}: ${parameters} (converged ${fit.success.converged}, ${fit.success.iterations} iterations)`)
  for (const t of fit.success.targets) {
    const observed = t.observedCount === undefined ? `${(t.observed * 100).toFixed(1)} %` : `${t.observedCount} (${(t.observed * 100).toFixed(1)} %)`
    const range = t.predictiveLower === undefined ? "" : `, 95 % of ${fit.success.replicates} simulated cohorts of ${t.persons}: ${Math.round(t.predictiveLower)}–${Math.round(t.predictiveUpper!)}`
    console.log(`  ${t.id}: observed ${observed}, fitted ${(t.fitted * 100).toFixed(1)} % = ${t.fittedCount.toFixed(1)} persons${range}`)
  }
}
