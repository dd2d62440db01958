// Kill-and-rerun with a real child process: a SIGKILL in the middle of an import leaves nothing of
// the file; running the import again completes it exactly once.
import { spawn, execFileSync } from "node:child_process"
import { randomBytes } from "node:crypto"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { HEADER, samplesDir, sjis } from "./helpers.ts"

const cli = join(import.meta.dirname, "..", "src", "cli.ts")
const mappingFile = join(samplesDir, "welfare-status.mapping.json")
const serverUrl = process.env["DATABASE_URL"]
const ROWS = 150_000

const psql = (url: string, sql: string): string => execFileSync("psql", [url, "-At", "-c", sql], { encoding: "utf8" }).trim()

describe(`kill and re-run (${serverUrl ? "PostgreSQL server" : "embedded PGlite in a data directory"})`, () => {
  const dir = mkdtempSync(join(tmpdir(), "jiritsu-kill-"))
  const file = join(dir, "big.csv")
  const db = `jiritsu_kill_${randomBytes(5).toString("hex")}`
  let env: Record<string, string> = {}
  beforeAll(() => {
    const lines = [HEADER]
    for (let i = 0; i < ROWS; i++) lines.push(`K-${i},${i},ﾔﾏﾀﾞ ﾀﾛｳ,生活保護,受給中,令和${1 + (i % 6)}年${5 + (i % 8)}月${1 + (i % 28)}日,,昭和50年1月1日,S-${i},第1係`)
    writeFileSync(file, sjis(lines.join("\r\n") + "\r\n"))
    const base = { ...process.env, JIRITSU_TENANT: "131091" } as Record<string, string>
    if (serverUrl) {
      psql(serverUrl, `CREATE DATABASE ${db}`)
      const u = new URL(serverUrl)
      u.pathname = `/${db}`
      env = { ...base, DATABASE_URL: u.toString() }
    } else {
      env = { ...base, DATABASE_URL: "", JIRITSU_DATA_DIR: join(dir, "pgdata") }
    }
  })
  afterAll(() => {
    if (serverUrl) psql(serverUrl, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`)
    rmSync(dir, { recursive: true, force: true })
  })

  const runImport = (killAfterProgress: boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [cli, "import", file, "--mapping", mappingFile, "--report", join(dir, "errors.csv")], { env, stdio: ["ignore", "pipe", "pipe"] })
      let stderr = ""
      let stdout = ""
      child.stdout.on("data", (d) => (stdout += d))
      child.stderr.on("data", (d) => {
        stderr += d
        // The first progress line with rows counted: the transaction is open and writing.
        if (killAfterProgress && /: [1-9][\d,]* rows/.test(stderr)) child.kill("SIGKILL")
      })
      child.on("exit", (code, signal) => resolve({ code, signal, stderr, stdout }))
    })

  const count = (): number => {
    if (serverUrl) return Number(psql(env["DATABASE_URL"]!, "SELECT count(*) FROM bridge_versions"))
    // PGlite: ask through the CLI (the data directory belongs to one process at a time).
    // Into a file: 150,000 rows of JSON are over execFileSync's stdout buffer.
    const out = join(dir, "changes.json")
    execFileSync(process.execPath, [cli, "export", "changes", "--format", "json", "--out", out], { env, stdio: ["ignore", "ignore", "pipe"] })
    return (JSON.parse(readFileSync(out, "utf8")) as { rows: ReadonlyArray<unknown> }).rows.length
  }

  it("a killed import leaves nothing; the re-run imports every row once; a third run changes nothing", async () => {
    const killed = await runImport(true)
    expect(killed.signal).toBe("SIGKILL")
    expect(count()).toBe(0)
    const rerun = await runImport(false)
    expect(rerun.code, rerun.stderr).toBe(0)
    expect(rerun.stdout).toMatch(`${ROWS} recorded`)
    expect(count()).toBe(ROWS)
    const third = await runImport(false)
    expect(third.stdout).toMatch(/already imported/)
    expect(count()).toBe(ROWS)
  }, 600_000)
})
