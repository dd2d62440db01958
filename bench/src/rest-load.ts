// The load generator of the rest bench, in its own process (so it does not share the service's
// event loop): autocannon against one URL, printing one JSON line with latency percentiles,
// throughput, errors and non-2xx counts. Requests vary by a counter so each connection can hit its
// own case (`{n}` in the path is replaced by the request's index modulo `spread`).
import autocannon from "autocannon"

interface Job {
  readonly url: string
  readonly method: "GET" | "POST"
  readonly body?: string
  readonly headers: Record<string, string>
  readonly connections: number
  readonly duration: number
  readonly overallRate?: number
  readonly spread?: number
}

const job = JSON.parse(process.argv[2]!) as Job
let n = 0
const r = await autocannon({
  url: job.url,
  connections: job.connections,
  duration: job.duration,
  ...(job.overallRate !== undefined ? { overallRate: job.overallRate } : {}),
  requests: [
    {
      method: job.method,
      headers: job.headers,
      setupRequest: (request) => {
        const i = n++ % (job.spread ?? 1)
        return { ...request, path: String(request.path ?? "").replaceAll("%7Bn%7D", String(i)).replaceAll("{n}", String(i)), ...(job.body !== undefined ? { body: job.body } : {}) }
      }
    }
  ]
})
process.stdout.write(`${JSON.stringify({ p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, total: r.requests.total, errors: r.errors, non2xx: r.non2xx, timeouts: r.timeouts })}\n`)
