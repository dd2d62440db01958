// A simulation worker thread: runs the kernel on the persons it is sent and returns the tallies
// (transferred, not copied). Loaded by Simulation's pool; imports the kernel only.
import { parentPort } from "node:worker_threads"
import { run, type CohortColumns, type Kernel, type RunOutput } from "./kernel.ts"

interface Job {
  readonly id: number
  readonly kernel: Kernel
  readonly cohort: CohortColumns
  readonly months: number
  readonly seed: number
  readonly perPerson: boolean
  readonly log: boolean
  /** Whether the caller listens to progress (otherwise the result is the only message). */
  readonly progress: boolean
}

const buffersOf = (output: RunOutput): Array<ArrayBuffer> => {
  const t = output.tallies
  const views: Array<ArrayBufferView> = [t.occupancy, t.pending, t.flows, t.firstPlacement, t.persons]
  if (output.perPerson !== undefined) views.push(output.perPerson.firstPlacement, output.perPerson.finalState)
  if (output.log !== undefined) views.push(output.log.person, output.log.month, output.log.transition)
  return views.map((v) => v.buffer as ArrayBuffer)
}

parentPort!.on("message", (job: Job) => {
  try {
    let last = 0
    const output = run(job.kernel, job.cohort, {
      months: job.months,
      seed: job.seed,
      perPerson: job.perPerson,
      log: job.log,
      ...(job.progress
        ? {
            onProgress: (done: number) => {
              parentPort!.postMessage({ id: job.id, progress: done - last })
              last = done
            }
          }
        : {})
    })
    parentPort!.postMessage({ id: job.id, output }, buffersOf(output))
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) })
  }
})
