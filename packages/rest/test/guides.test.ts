// The two service guides, checked against a live service: every curl block of "Integrating over
// HTTP" runs with real curl and answers the status it says; the access table, the error codes and
// the problem example are the service's; the token file sample parses.
import { execFile } from "node:child_process"
import { promisify } from "node:util"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { Result } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Access from "../src/Access.ts"
import * as Authentication from "../src/Authentication.ts"
import * as Demo from "../src/Demo.ts"
import * as PostgresStore from "../src/PostgresStore.ts"
import * as Problem from "../src/Problem.ts"
import * as Server from "../src/Server.ts"
import { call, database } from "./support/service.ts"
import { Layer } from "effect"

const guides = join(import.meta.dirname, "..", "..", "..", "docs", "guides")
const integrating = readFileSync(join(guides, "integrating-over-http.md"), "utf8")
const running = readFileSync(join(guides, "running-the-reference-service.md"), "utf8")

let service: Server.Running

beforeAll(async () => {
  service = await Server.start({ port: 0, sites: Demo.sites, logRequests: false, store: PostgresStore.layer().pipe(Layer.provideMerge(database())), authentication: Authentication.layerFromTokens(Demo.tokens) })
})
afterAll(() => service?.close())

describe("Integrating over HTTP", () => {
  const blocks = [...integrating.matchAll(/```sh\n([\s\S]*?)\n```/g)].map((m) => m[1]!).filter((b) => b.includes("curl "))

  it("has curl examples, each with the status it answers", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6)
    for (const b of blocks) expect(b).toMatch(/# expect: \d{3}$/)
  })

  // Asynchronously: the service answers from this very process.
  const sh = promisify(execFile)

  it("every curl block runs against the service and answers the status it says", async () => {
    for (const block of blocks) {
      const expected = Number(/# expect: (\d{3})$/.exec(block)![1])
      const command = block.replace(/# expect: \d{3}$/, "").replaceAll("http://127.0.0.1:3000", service.url).replace(/^curl /, `curl -w '\\nHTTP %{http_code}\\n' `)
      const { stdout: output } = await sh("sh", ["-c", command], { encoding: "utf8" })
      const status = Number(/HTTP (\d{3})\n?$/.exec(output)?.[1])
      expect(status, `${block}\n→ ${output.slice(0, 400)}`).toBe(expected)
      const body = output.replace(/\nHTTP \d{3}\n?$/, "")
      expect(() => JSON.parse(body), body).not.toThrow()
    }
  })

  it("the access table is the service's", () => {
    const rows = [...integrating.matchAll(/^\| `([a-z]+\.[A-Za-z]+)` \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$/gm)]
    expect(rows.map((r) => r[1]).sort()).toEqual([...Access.operations].sort())
    for (const [, op, roles, orgs] of rows) {
      const rule = Access.policy[op as Access.Operation]
      expect(roles!.trim().split(", "), op).toEqual([...rule.roles])
      expect(orgs!.trim() === "any" ? 4 : orgs!.trim().split(", ").length, op).toBe(rule.organisations.length)
    }
  })

  it("every problem code is in the errors table", () => {
    for (const code of Problem.Code.literals) expect(integrating, code).toContain(`| \`${code}\` |`)
  })

  it("the 400 example is what the service answers", async () => {
    const example = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(integrating)![1]!)
    const reply = await call(service.url)("POST", "/v1/eligibility/evaluate", { token: "demo-shinagawa-caseworker", body: { programme: "national.hw_handoff", asOf: "2024-02-30", facts: {} } })
    expect(reply.status).toBe(400)
    expect(Object.keys(reply.body).sort()).toEqual(Object.keys(example).sort())
    expect(reply.body.field).toBe(example.field)
    expect(reply.body.errors[0].path).toEqual(example.errors[0].path)
    expect(reply.body.code).toBe(example.code)
  })
})

describe("Running the reference service", () => {
  it("the token file sample is a valid jiritsu.tokens/1 file", () => {
    const sample = /```json\n([\s\S]*?)\n```/.exec(running)![1]!
    const parsed = Authentication.parseTokenFile(sample, "sample.json")
    expect(Result.isSuccess(parsed), Result.isFailure(parsed) ? parsed.failure.message : "").toBe(true)
  })

  it("the options table lists every option of the command", async () => {
    const { usage } = await import("../src/cli.ts")
    for (const option of usage.match(/--[a-z-]+/g)!) if (option !== "--help") expect(running, option).toContain(`\`${option}`)
  })
})
