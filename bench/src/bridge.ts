// Bridge benchmark: a generated Shift_JIS file imported into the PostgreSQL server (DATABASE_URL),
// rows per second and peak RSS of the importing process, beside a plain COPY of the same rows
// (psql \copy, server-side decoding of SJIS, no validation, no idempotency) as the baseline.
// Each repetition runs in a fresh child process (peak RSS is per process) into a fresh database.
// The CLI runs as built JavaScript: bundled into one file by tsup (esbuild), as a packaged
// executable ships, so the process does not compile the workspace's TypeScript sources and every
// module of effect at start; the `cli-start-rss` case measures that difference.
import { execFileSync, spawnSync } from "node:child_process"
import { randomBytes } from "node:crypto"
import { mkdtempSync, rmSync, openSync, writeSync, closeSync, statSync } from "node:fs"
import { tmpdir, cpus, loadavg } from "node:os"
import { join, resolve } from "node:path"
import iconv from "iconv-lite"
import { build } from "tsup"
import { writeReport, type BenchCase } from "./report.ts"

const REPS = Number(process.env["BRIDGE_BENCH_REPS"] ?? 5)
const ROWS = Number(process.env["BRIDGE_BENCH_ROWS"] ?? 1_000_000)
const SMALL = Math.max(1, Math.floor(ROWS / 4))
const HEADER = "受給者番号,宛名番号,氏名カナ,制度,状態,開始日,終了日,生年月日,世帯番号,担当"
const root = join(import.meta.dirname, "..", "..")
const cliSource = join(root, "packages", "bridge", "src", "cli.ts")
const mapping = join(root, "docs", "guides", "samples", "welfare-status.mapping.json")

const generate = (path: string, rows: number): void => {
  const fd = openSync(path, "w")
  writeSync(fd, iconv.encode(`${HEADER}\r\n`, "cp932"))
  let chunk = ""
  for (let i = 0; i < rows; i++) {
    chunk += `HG-${i},${100000 + i},ﾔﾏﾀﾞ ﾀﾛｳ${i % 97},生活保護,${i % 10 === 0 ? "停止" : "受給中"},令和${1 + (i % 6)}年${5 + (i % 8)}月${1 + (i % 28)}日,,昭和${30 + (i % 30)}年${1 + (i % 12)}月${1 + (i % 28)}日,S-${i >> 2},第${1 + (i % 9)}係\r\n`
    if (chunk.length > 1_000_000) {
      writeSync(fd, iconv.encode(chunk, "cp932"))
      chunk = ""
    }
  }
  writeSync(fd, iconv.encode(chunk, "cp932"))
  closeSync(fd)
}

const psql = (url: string, args: ReadonlyArray<string>): string => execFileSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-At", ...args], { encoding: "utf8" }).trim()

const withDatabase = <A>(server: string, f: (url: string) => A): A => {
  const db = `jiritsu_bench_${randomBytes(5).toString("hex")}`
  psql(server, ["-c", `CREATE DATABASE ${db}`])
  const u = new URL(server)
  u.pathname = `/${db}`
  try {
    return f(u.toString())
  } finally {
    psql(server, ["-c", `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`])
  }
}

/**
 * The CLI bundled into `dir/cli.mjs`: every dependency inlined except the embedded database (the
 * PGlite module stays a dynamic import of its source, loaded only without DATABASE_URL).
 */
const bundleCli = async (dir: string): Promise<string> => {
  await build({
    config: false,
    entry: { cli: cliSource },
    outDir: dir,
    format: ["esm"],
    platform: "node",
    target: "node22",
    noExternal: [/./],
    splitting: false,
    dts: false,
    sourcemap: false,
    silent: true,
    outExtension: () => ({ js: ".mjs" }),
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    esbuildPlugins: [{ name: "embedded-stays-out", setup: (b) => void b.onResolve({ filter: /internal\/embedded\.ts$/ }, (a) => ({ path: resolve(a.resolveDir, a.path), external: true })) }]
  })
  return join(dir, "cli.mjs")
}

/** Peak RSS (MB) of a CLI process that loads every module and exits (`import --help`). */
const startRss = (cli: string): number => {
  const r = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, cli, "import", "--help"], { encoding: "utf8" })
  if (r.status !== 0) throw new Error(`${cli} import --help failed (${r.status}): ${r.stderr}`)
  return Number(r.stderr.trim().split("\n").pop()) / 1024
}

/** One import in a child process; returns rows/s (wall) and the child's peak RSS (MB). */
const importOnce = (cli: string, server: string, file: string, rows: number): { rate: number; peakMb: number } =>
  withDatabase(server, (url) => {
    const started = process.hrtime.bigint()
    const r = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, cli, "import", file, "--mapping", mapping, "--tenant", "131091", "--report", `${file}.errors.csv`], {
      env: { ...process.env, DATABASE_URL: url },
      encoding: "utf8"
    })
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    if (r.status !== 0) throw new Error(`import failed (${r.status}): ${r.stderr}`)
    if (!r.stdout.includes(`${rows} recorded`)) throw new Error(`import did not record every row: ${r.stdout}`)
    const peakKb = Number(r.stderr.trim().split("\n").pop())
    return { rate: rows / seconds, peakMb: peakKb / 1024 }
  })

/** The baseline: psql \copy of the same file into a plain table (CSV, server-side SJIS decoding). */
const copyOnce = (server: string, file: string, rows: number): number =>
  withDatabase(server, (url) => {
    psql(url, ["-c", "CREATE TABLE t (a text, b text, c text, d text, e text, f text, g text, h text, i text, j text)"])
    const started = process.hrtime.bigint()
    psql(url, ["-c", `\\copy t FROM '${file}' WITH (FORMAT csv, HEADER true, ENCODING 'SJIS')`])
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    const n = Number(psql(url, ["-c", "SELECT count(*) FROM t"]))
    if (n !== rows) throw new Error(`COPY loaded ${n} rows, expected ${rows}`)
    return rows / seconds
  })

const median = (xs: ReadonlyArray<number>): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const round = (x: number): number => Math.round(x * 10) / 10

export const main = async (): Promise<void> => {
  const server = process.env["DATABASE_URL"]
  if (server === undefined || server === "") {
    console.error("bridge bench: set DATABASE_URL to a PostgreSQL server (the benchmark imports into the server)")
    process.exit(2)
  }
  const dir = mkdtempSync(join(tmpdir(), "jiritsu-bench-bridge-"))
  try {
    const big = join(dir, "big.csv")
    const small = join(dir, "small.csv")
    generate(big, ROWS)
    generate(small, SMALL)
    const cli = await bundleCli(join(dir, "cli"))
    const starts = { bundled: [] as Array<number>, source: [] as Array<number> }
    for (let i = 0; i < REPS; i++) {
      starts.bundled.push(startRss(cli))
      starts.source.push(startRss(cliSource))
    }
    const bigMb = statSync(big).size / 1e6
    const smallMb = statSync(small).size / 1e6
    const runs: Array<{ rate: number; peakMb: number }> = []
    const smallRuns: Array<{ rate: number; peakMb: number }> = []
    const copies: Array<number> = []
    for (let i = 0; i < REPS; i++) {
      runs.push(importOnce(cli, server, big, ROWS))
      smallRuns.push(importOnce(cli, server, small, SMALL))
      copies.push(copyOnce(server, big, ROWS))
      console.log(`rep ${i + 1}/${REPS}: import ${Math.round(runs[i]!.rate)} rows/s, peak ${round(runs[i]!.peakMb)} MB; small file peak ${round(smallRuns[i]!.peakMb)} MB; COPY ${Math.round(copies[i]!)} rows/s`)
    }
    const spread = (xs: ReadonlyArray<number>) => ({ min: round(Math.min(...xs)), max: round(Math.max(...xs)) })
    const load = loadavg().map((x) => x.toFixed(1)).join(" / ")
    const cases: Array<BenchCase> = [
      {
        case: `import-shift_jis-${ROWS / 1e6}M-rows`,
        unit: "rows/s",
        higherIsBetter: true,
        results: { jiritsu: Math.round(median(runs.map((r) => r.rate))), baseline: Math.round(median(copies)) },
        spread: { jiritsu: spread(runs.map((r) => Math.round(r.rate))), baseline: spread(copies.map(Math.round)) },
        note: `median of ${REPS}; ${ROWS.toLocaleString("en")} rows, ${bigMb.toFixed(0)} MB Shift_JIS (CP932) CSV, wall clock of a whole \`jiritsu import\` child process, the CLI bundled into one JavaScript file (start, migrations, SHA-256 of the file, streaming decode with TextDecoder, Papa Parse on the decoded text, mapping with era dates and NFKC, Schema validation, content hashes, per-id lookup of earlier versions, versioned insert of every new row — hash as bytea, record as json, three indexes — into PostgreSQL in one transaction, commit); baseline: psql \\copy of the same file into a plain 10-text-column table (server-side SJIS decoding, no validation, no idempotency, no history). Each run into a fresh database. Goal ≥ 50,000 rows/s. Host load ${load} on ${cpus().length} cores`
      },
      {
        case: `import-peak-rss-${ROWS / 1e6}M-rows`,
        unit: "MB",
        higherIsBetter: false,
        results: { jiritsu: round(median(runs.map((r) => r.peakMb))) },
        spread: { jiritsu: spread(runs.map((r) => r.peakMb)) },
        note: `peak RSS (max resident set, /usr/bin/time %M) of the importing process (the bundled CLI, young generation kept at its initial size by the CLI), median of ${REPS}, ${bigMb.toFixed(0)} MB file; goal < 200 MB`
      },
      {
        case: `import-peak-rss-${SMALL / 1e6}M-rows`,
        unit: "MB",
        higherIsBetter: false,
        results: { jiritsu: round(median(smallRuns.map((r) => r.peakMb))) },
        spread: { jiritsu: spread(smallRuns.map((r) => r.peakMb)) },
        note: `the same for a ${smallMb.toFixed(0)} MB file (${SMALL.toLocaleString("en")} rows): flat in file size when this equals the ${ROWS.toLocaleString("en")}-row figure within noise`
      },
      {
        case: `import-shift_jis-${SMALL / 1e6}M-rows`,
        unit: "rows/s",
        higherIsBetter: true,
        results: { jiritsu: Math.round(median(smallRuns.map((r) => r.rate))) },
        spread: { jiritsu: spread(smallRuns.map((r) => Math.round(r.rate))) },
        note: `median of ${REPS}, smaller file (process start and migrations weigh more)`
      },
      {
        case: "cli-start-rss",
        unit: "MB",
        higherIsBetter: false,
        results: { jiritsu: round(median(starts.bundled)), baseline: round(median(starts.source)) },
        spread: { jiritsu: spread(starts.bundled), baseline: spread(starts.source) },
        note: `peak RSS of \`import --help\` (every module loaded, nothing read), median of ${REPS}: jiritsu = the bundled CLI the import cases run; baseline = the same CLI run from its TypeScript sources in the workspace (\`node packages/bridge/src/cli.ts\`, as \`pnpm run import\` does), which loads every module of effect and strips the types of each workspace file at start`
      }
    ]
    writeReport("bridge", cases)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
