#!/usr/bin/env node
/**
 * `@jiritsu/bridge/cli` — the `import`, `export` and `sync` subcommands of the `jiritsu` command
 * (and of `pnpm import|export|sync` in the workspace).
 *
 * - `import <file> --mapping <json>`: imports a CSV file atomically; writes the row-level error
 *   report (`--report`, default `<file>.errors.csv`); exit 0 imported, 3 imported with row errors,
 *   1 file rejected (nothing imported), 2 usage or configuration error.
 * - `export <national|business-plan|case-list|changes> …`: writes a report as CSV (UTF-8 or
 *   Shift_JIS) or JSON.
 * - `sync --inbox <dir> --mapping <json>`: imports every file of an inbox not imported yet.
 *
 * The database is `DATABASE_URL` (a server) or embedded PGlite (`JIRITSU_DATA_DIR`, default in
 * memory); the municipality comes from `--tenant` or `JIRITSU_TENANT`.
 *
 * @since 0.1.0
 */
import { Case, Metric, Period, Target } from "@jiritsu/core"
import { Database, Migrations, Tenant } from "@jiritsu/postgres"
import { Effect, Layer, Result } from "effect"
import type { SqlClient } from "effect/sql"
import { readdirSync, readFileSync, writeFileSync, createWriteStream, type WriteStream } from "node:fs"
import { join, resolve } from "node:path"
import { parseArgs } from "node:util"
import { setFlagsFromString } from "node:v8"
import * as ErrorReport from "./ErrorReport.ts"
import * as Export from "./Export.ts"
import * as ImportStore from "./ImportStore.ts"
import * as Mapping from "./Mapping.ts"
import * as Reports from "./Reports.ts"
import * as Status from "./Status.ts"

/**
 * The subcommands this plugin provides. @category cli @since 0.1.0
 * @example
 * ```ts
 * commands.map((c) => c.name) // ["import", "export", "sync"]
 * ```
 */
export const commands: ReadonlyArray<{ readonly name: string; readonly summary: string; readonly summaryJa: string }> = [
  { name: "import", summary: "import a core system's CSV file (UTF-8 or Shift_JIS) with a header mapping", summaryJa: "基幹システムのCSVファイル（UTF-8・Shift_JIS）を項目対応表で取り込む" },
  { name: "export", summary: "write a report: national survey, business plan, coordination-meeting case list, changes", summaryJa: "帳票を出力する（支援状況調査・事業計画・支援調整会議事例一覧・変更一覧）" },
  { name: "sync", summary: "import every new file of an inbox directory (file-exchange pull)", summaryJa: "受信フォルダの未取込ファイルをすべて取り込む" }
]

/**
 * Where output goes (tests pass their own). @category cli @since 0.1.0
 * @example
 * ```ts
 * import type { Io } from "@jiritsu/bridge/cli"
 * const lines: Array<string> = []
 * const io: Io = { out: (l) => lines.push(l), err: (l) => lines.push(l), isTty: false, env: {}, cwd: process.cwd() }
 * await main([], io) // 2, and the usage written to io.err (here into `lines`)
 * ```
 */
export interface Io {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
  readonly isTty: boolean
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
}

const defaultIo = (): Io => ({
  out: (l) => process.stdout.write(l + "\n"),
  err: (l) => process.stderr.write(l + "\n"),
  isTty: process.stderr.isTTY === true,
  env: process.env,
  cwd: process.cwd()
})

const NAMES = new Set(commands.map((c) => c.name))

const usage = `usage:
  jiritsu import <file> --mapping <mapping.json> [--encoding auto|utf-8|shift_jis] [--report <errors.csv>] [--report-encoding utf-8|shift_jis] [--tenant <code>]
  jiritsu export national --events <events.json> --month <YYYY-MM> [--population <n>] [--format csv|json] [--encoding utf-8|shift_jis] [--out <file>]
  jiritsu export business-plan --plan <plan.json> --events <events.json> --as-of <YYYY-MM-DD> [...]
  jiritsu export case-list --cases <cases.json> --as-of <YYYY-MM-DD> --key-env <VARIABLE> [...]
  jiritsu export changes [--since <cursor>] [--tenant <code>] [...]
  jiritsu sync --inbox <dir> --mapping <mapping.json> [--tenant <code>]`

/**
 * Runs a subcommand. `argv` starts with the subcommand (`["import", "file.csv", …]`); when the
 * dispatcher passes only what follows it, the subcommand is read from the process arguments.
 * @category cli
 * @since 0.1.0
 * @example
 * ```ts
 * const exitCode = await main(["import", "受給者一覧.csv", "--mapping", "seikatsu-hogo.mapping.json"]) // 0 when imported
 * ```
 */
export const main = async (argv: ReadonlyArray<string>, io: Io = defaultIo()): Promise<number> => {
  let command = argv[0]
  let rest = argv.slice(1)
  if (command === undefined || !NAMES.has(command)) {
    const inferred = inferCommand(argv)
    if (inferred === undefined) {
      io.err(usage)
      return 2
    }
    command = inferred
    rest = [...argv]
  }
  try {
    if (command === "import") return await importCommand(rest, io)
    if (command === "export") return await exportCommand(rest, io)
    return await syncCommand(rest, io)
  } catch (e) {
    io.err(`jiritsu ${command}: ${e instanceof Error ? e.message : String(e)}`)
    return 2
  }
}

/** The subcommand before `argv` on the process command line (`jiritsu import a.csv` → import). */
const inferCommand = (argv: ReadonlyArray<string>): string | undefined => {
  const args = process.argv.slice(2)
  const at = argv.length === 0 ? args.length : args.findIndex((a, i) => args.slice(i, i + argv.length).join("\u0000") === argv.join("\u0000"))
  const before = at > 0 ? args[at - 1] : undefined
  return before !== undefined && NAMES.has(before) ? before : undefined
}

class UsageError extends Error {}

const parse = <O extends Record<string, { readonly type: "string" | "boolean" }>>(args: ReadonlyArray<string>, options: O) => {
  try {
    const all = { ...options, tenant: { type: "string" as const }, help: { type: "boolean" as const } }
    const r = parseArgs({ args: [...args], options: all, allowPositionals: true, strict: true })
    return r as unknown as { readonly values: { readonly [K in keyof O]?: O[K]["type"] extends "boolean" ? boolean : string } & { readonly tenant?: string; readonly help?: boolean }; readonly positionals: ReadonlyArray<string> }
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${usage}`)
  }
}

const tenantOf = (value: string | undefined, io: Io): Tenant.MunicipalityCode => {
  const raw = value ?? io.env["JIRITSU_TENANT"]
  if (raw === undefined) throw new UsageError("the municipality is not set: pass --tenant <地方公共団体コード> or set JIRITSU_TENANT (e.g. 131091 for 品川区)")
  const r = Tenant.parseCode(raw)
  if (Result.isFailure(r)) throw new UsageError(`--tenant: ${r.failure.message}`)
  return r.success
}

/** The database from the environment, migrated (the bridge's namespace included). */
const databaseLayer = (io: Io): Layer.Layer<SqlClient.SqlClient, unknown> =>
  Layer.effectDiscard(Effect.asVoid(Migrations.run({ namespaces: [ImportStore.migrations] }))).pipe(Layer.provideMerge(Database.layerFromEnv(io.env)))

const run = <A, E>(effect: Effect.Effect<A, E, SqlClient.SqlClient | Tenant.Tenant>, tenant: Tenant.MunicipalityCode, io: Io): Promise<Result.Result<A, E>> =>
  Effect.runPromise(Effect.result(effect).pipe(Effect.provide(Layer.merge(databaseLayer(io), Tenant.layer(tenant))))) as Promise<Result.Result<A, E>>

/** Every change since the cursor, page by page in one session (one page used to stop at 100,000 rows, silently). */
const allChangesSince = (since: string | undefined) =>
  Effect.gen(function* () {
    const changes: Array<Status.StatusChange> = []
    let cursor = since
    for (;;) {
      const page = yield* ImportStore.changesSince(cursor, 50_000)
      for (const c of page.changes) changes.push(c)
      if (!page.hasMore) return changes
      cursor = page.cursor
    }
  })

const loadMapping = async (path: string | undefined): Promise<Mapping.Mapping> => {
  if (path === undefined) throw new UsageError(`--mapping <mapping.json> is required\n${usage}`)
  const m = await Mapping.load(path)
  if (Result.isFailure(m)) throw new UsageError(`mapping ${path}:\n${m.failure.problems.map((p) => `  ${p.path.join(".") || "(document)"}: ${p.message} / ${p.messageJa}`).join("\n")}`)
  return m.success
}

const encodingOption = (v: string | undefined, name: string): "utf-8" | "shift_jis" | undefined => {
  if (v === undefined) return undefined
  if (v === "utf-8" || v === "utf8") return "utf-8"
  if (v === "shift_jis" || v === "sjis" || v === "cp932") return "shift_jis"
  throw new UsageError(`${name}: expected utf-8 or shift_jis, got ${v}`)
}

// ---------------------------------------------------------------------------------------------
// Progress
// ---------------------------------------------------------------------------------------------

/** A progress display: a bar redrawn in place on a TTY, a plain line every few seconds otherwise. */
const progress = (io: Io, label: string) => {
  const started = Date.now()
  let lastPrint = 0
  const line = (rows: number, errors: number): string => {
    const seconds = (Date.now() - started) / 1000
    const perSecond = seconds > 0 ? Math.round(rows / seconds) : 0
    return `${label}: ${rows.toLocaleString("en")} rows · ${perSecond.toLocaleString("en")} rows/s · ${errors.toLocaleString("en")} errors`
  }
  return {
    update: (rows: number, errors: number) => {
      const now = Date.now()
      if (io.isTty) {
        if (now - lastPrint > 100) process.stderr.write(`\r\x1b[2K${line(rows, errors)}`)
      } else if (now - lastPrint > 2000) io.err(line(rows, errors))
      else return
      lastPrint = now
    },
    done: (rows: number, errors: number) => {
      if (io.isTty) process.stderr.write(`\r\x1b[2K`)
      io.err(line(rows, errors))
    }
  }
}

// ---------------------------------------------------------------------------------------------
// import
// ---------------------------------------------------------------------------------------------

const reportWriter = (path: string, encoding: "utf-8" | "shift_jis") => {
  let stream: WriteStream | undefined
  let count = 0
  const open = (): WriteStream => {
    if (stream === undefined) {
      stream = createWriteStream(path)
      stream.write(ErrorReport.toBytes([], encoding))
    }
    return stream
  }
  return {
    write: (errors: ReadonlyArray<ErrorReport.RowError>) => {
      if (errors.length === 0) return
      count += errors.length
      const bytes = ErrorReport.toBytes(errors, encoding)
      // Skip the header line (and BOM) of each chunk after the first.
      const text = encoding === "utf-8" ? bytes.subarray(3) : bytes
      const firstBreak = text.indexOf(0x0a)
      open().write(text.subarray(firstBreak + 1))
    },
    count: () => count,
    close: () => new Promise<void>((r) => (stream === undefined ? r() : stream.end(() => r())))
  }
}

const importFileWith = async (file: string, mapping: Mapping.Mapping, options: { readonly encoding?: "utf-8" | "shift_jis"; readonly report: string; readonly reportEncoding: "utf-8" | "shift_jis"; readonly tenant: Tenant.MunicipalityCode }, io: Io): Promise<number> => {
  const report = reportWriter(options.report, options.reportEncoding)
  const bar = progress(io, file)
  let rows = 0
  let errors = 0
  const r = await run(
    ImportStore.importFile(file, mapping, {
      ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
      onErrors: (e) => report.write(e),
      onProgress: (p) => {
        rows = p.rows
        errors = p.errors
        bar.update(rows, errors)
      }
    }),
    options.tenant,
    io
  )
  bar.done(rows, errors)
  if (Result.isFailure(r)) {
    const e = r.failure
    if (e instanceof ImportStore.FileRejected) {
      const all = e.errors as ReadonlyArray<ErrorReport.RowError>
      writeFileSync(options.report, ErrorReport.toBytes(all, options.reportEncoding))
      for (const x of all.filter((x) => x.scope === "file").slice(0, 10)) io.err(ErrorReport.describe(x))
      io.err(`${file}: rejected — nothing of it was imported (取り込んでいません). Report: ${options.report}`)
      return 1
    }
    await report.close()
    io.err(`${file}: ${(e as Error).message ?? String(e)}`)
    return 2
  }
  await report.close()
  const v = r.success
  if (v.status === "already_imported") {
    io.out(`${file}: already imported (same content, sha256 ${v.fileHash.slice(0, 12)}…) — nothing changed / 取込済みのため変更なし`)
    return 0
  }
  io.out(
    `${file}: imported ${v.summary!.validRows.toLocaleString("en")} of ${v.summary!.rows.toLocaleString("en")} rows (${v.summary!.encoding ?? "ascii"}): ${v.recorded} recorded, ${v.changed} changed, ${v.unchanged} unchanged; ${v.summary!.rowErrors} row errors${v.summary!.rowErrors > 0 ? ` → ${options.report}` : ""}`
  )
  return v.summary!.rowErrors > 0 ? 3 : 0
}

const importCommand = async (args: ReadonlyArray<string>, io: Io): Promise<number> => {
  const { values, positionals } = parse(args, { mapping: { type: "string" }, encoding: { type: "string" }, report: { type: "string" }, "report-encoding": { type: "string" } } as const)
  if (values.help === true) return (io.out(usage), 0)
  const file = positionals[0]
  if (file === undefined || positionals.length > 1) throw new UsageError(`import takes one file\n${usage}`)
  const mapping = await loadMapping(values.mapping)
  const tenant = tenantOf(values.tenant, io)
  const encoding = values.encoding === "auto" ? undefined : encodingOption(values.encoding, "--encoding")
  const path = resolve(io.cwd, file)
  return importFileWith(path, mapping, { ...(encoding === undefined ? {} : { encoding }), report: values.report ?? `${path}.errors.csv`, reportEncoding: encodingOption(values["report-encoding"], "--report-encoding") ?? "utf-8", tenant }, io)
}

// ---------------------------------------------------------------------------------------------
// sync
// ---------------------------------------------------------------------------------------------

const syncCommand = async (args: ReadonlyArray<string>, io: Io): Promise<number> => {
  const { values } = parse(args, { inbox: { type: "string" }, mapping: { type: "string" }, encoding: { type: "string" } } as const)
  if (values.help === true) return (io.out(usage), 0)
  if (values.inbox === undefined) throw new UsageError(`--inbox <dir> is required\n${usage}`)
  const mapping = await loadMapping(values.mapping)
  const tenant = tenantOf(values.tenant, io)
  const dir = resolve(io.cwd, values.inbox)
  const files = readdirSync(dir).filter((f) => /\.(csv|txt)$/i.test(f) && !f.endsWith(".errors.csv")).sort()
  let worst = 0
  for (const f of files) {
    const path = join(dir, f)
    const encoding = encodingOption(values.encoding === "auto" ? undefined : values.encoding, "--encoding")
    const code = await importFileWith(path, mapping, { ...(encoding === undefined ? {} : { encoding }), report: `${path}.errors.csv`, reportEncoding: "utf-8", tenant }, io)
    worst = Math.max(worst, code === 3 ? 3 : code)
  }
  io.out(`sync: ${files.length} file(s) in ${dir}`)
  return worst
}

// ---------------------------------------------------------------------------------------------
// export
// ---------------------------------------------------------------------------------------------

const readJson = (path: string | undefined, what: string): unknown => {
  if (path === undefined) throw new UsageError(`--${what} <file.json> is required\n${usage}`)
  try {
    return JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""))
  } catch (e) {
    throw new UsageError(`--${what} ${path}: ${(e as Error).message}`)
  }
}

const loadTally = (path: string | undefined): Metric.Tally => {
  const raw = readJson(path, "events")
  if (!Array.isArray(raw)) throw new UsageError(`--events ${path}: expected a JSON array of metric events`)
  const events = Metric.decodeEvents(raw)
  if (Result.isFailure(events)) throw new UsageError(`--events ${path}: ${events.failure.message}`)
  return Metric.foldMap(events.success)
}

const dateOption = (v: string | undefined, name: string): Period.LocalDate => {
  const r = v === undefined ? undefined : Period.parseDate(v)
  if (r === undefined || Result.isFailure(r)) throw new UsageError(`${name} <YYYY-MM-DD> is required`)
  return r.success
}

const writeTable = (table: Export.Table, values: { readonly format?: string | undefined; readonly encoding?: string | undefined; readonly out?: string | undefined }, io: Io): number => {
  const format = values.format ?? "csv"
  if (format !== "csv" && format !== "json") throw new UsageError(`--format: expected csv or json, got ${format}`)
  const encoding = encodingOption(values.encoding, "--encoding") ?? "utf-8"
  const bytes = Export.encode(table, format, encoding)
  if (Result.isFailure(bytes)) {
    for (const v of bytes.failure.values as ReadonlyArray<Export.UnencodableValue>) {
      io.err(`row ${v.row}, ${v.column}: "${v.character}" (${v.codePoint}) cannot be written in ${encoding}${v.suggestion === undefined ? "" : ` — use "${v.suggestion}"`} / この文字は出力できません`)
    }
    io.err(`export refused: ${bytes.failure.values.length} value(s) do not survive ${encoding}; nothing was written`)
    return 1
  }
  if (values.out === undefined) process.stdout.write(bytes.success)
  else {
    writeFileSync(resolve(io.cwd, values.out), bytes.success)
    io.err(`${table.title.ja}: ${table.rows.length} rows → ${values.out} (${format}, ${format === "json" ? "utf-8" : encoding})`)
  }
  return 0
}

const exportCommand = async (args: ReadonlyArray<string>, io: Io): Promise<number> => {
  const { values, positionals } = parse(args, {
    format: { type: "string" },
    encoding: { type: "string" },
    out: { type: "string" },
    events: { type: "string" },
    month: { type: "string" },
    population: { type: "string" },
    plan: { type: "string" },
    "as-of": { type: "string" },
    cases: { type: "string" },
    "key-env": { type: "string" },
    since: { type: "string" },
    "include-closed": { type: "boolean" }
  } as const)
  if (values.help === true) return (io.out(usage), 0)
  const report = positionals[0]
  switch (report) {
    case "national": {
      const month = values.month === undefined || !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month) ? undefined : Period.unsafeMonth(values.month)
      if (month === undefined) throw new UsageError("--month <YYYY-MM> is required")
      const population = values.population === undefined ? undefined : Number(values.population)
      if (population !== undefined && !(population > 0)) throw new UsageError("--population must be a positive number")
      const table = Reports.national(loadTally(values.events), month, population === undefined ? {} : { population })
      if (Result.isFailure(table)) throw new UsageError(table.failure.message)
      return writeTable(table.success, values, io)
    }
    case "business-plan": {
      const plan = Target.decodePlan(readJson(values.plan, "plan"))
      if (Result.isFailure(plan)) throw new UsageError(`--plan ${values.plan}: ${plan.failure.message}`)
      const table = Reports.businessPlan(plan.success, loadTally(values.events), dateOption(values["as-of"], "--as-of"))
      if (Result.isFailure(table)) throw new UsageError(table.failure.message)
      return writeTable(table.success, values, io)
    }
    case "case-list": {
      const keyName = values["key-env"]
      const key = keyName === undefined ? undefined : io.env[keyName]
      if (key === undefined || key.length < 16) throw new UsageError("--key-env <VARIABLE> must name an environment variable holding the pseudonymisation key (16+ characters)")
      const raw = readJson(values.cases, "cases")
      if (!Array.isArray(raw)) throw new UsageError(`--cases ${values.cases}: expected a JSON array of { events: [...], targetGroups?: [...] }`)
      const cases: Array<Reports.CaseInput> = raw.map((c: { events?: unknown; targetGroups?: ReadonlyArray<string> }, i: number) => {
        if (!Array.isArray(c.events)) throw new UsageError(`--cases ${values.cases}: [${i}].events must be an array`)
        const events = c.events.map((e: unknown, j: number) => {
          const d = Case.decodeEvent(e)
          if (Result.isFailure(d)) throw new UsageError(`--cases ${values.cases}: [${i}].events[${j}]: ${d.failure.map((x) => x.message).join("; ")}`)
          return d.success
        })
        return { events, ...(c.targetGroups === undefined ? {} : { targetGroups: c.targetGroups }) }
      })
      return writeTable(Reports.caseList(cases, dateOption(values["as-of"], "--as-of"), { key, ...(values["include-closed"] === true ? { includeClosed: true } : {}) }), values, io)
    }
    case "changes": {
      const tenant = tenantOf(values.tenant, io)
      const r = await run(allChangesSince(values.since), tenant, io)
      if (Result.isFailure(r)) throw new Error(r.failure.message)
      const changes = r.success
      const table: Export.Table = {
        title: { ja: "受給状況の変更一覧", en: "benefit status changes" },
        columns: [
          { key: "position", ja: "番号", en: "position" },
          { key: "source", ja: "連携元", en: "source" },
          { key: "kind", ja: "種別", en: "kind" },
          { key: "sourceId", ja: "連携元キー", en: "source id" },
          { key: "personRef", ja: "宛名番号", en: "person" },
          { key: "benefit", ja: "制度", en: "benefit" },
          { key: "previousStatus", ja: "変更前", en: "previous status" },
          { key: "status", ja: "状態", en: "status" },
          { key: "effectiveOn", ja: "異動日", en: "effective on" }
        ],
        rows: changes.map((c) => ({
          position: c.position,
          source: c.source,
          kind: c.kind === "recorded" ? "新規" : "変更",
          sourceId: c.sourceId,
          personRef: c.personRef,
          benefit: Status.benefitLabels[c.benefit].ja,
          previousStatus: c.previousStatus === undefined ? "" : Status.statusLabels[c.previousStatus].ja,
          status: Status.statusLabels[c.status].ja,
          effectiveOn: c.effectiveOn
        }))
      }
      return writeTable(table, values, io)
    }
    default:
      throw new UsageError(`export: unknown report ${JSON.stringify(report ?? "")}; one of national, business-plan, case-list, changes\n${usage}`)
  }
}

const isMain = (() => {
  try {
    return process.argv[1] !== undefined && resolve(process.argv[1]) === new URL(import.meta.url).pathname
  } catch {
    return false
  }
})()

/**
 * Exits once stdout and stderr have been flushed: writes to a pipe are asynchronous, and exiting at
 * once cut a long export short (`export … --format json | …` ended mid-row). The exit itself stays
 * explicit, since an embedded database's handles would keep the process alive.
 */
const exitAfterFlush = (code: number): void => {
  process.exitCode = code
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)))
}

if (isMain) {
  // The import streams rows through short-lived batches; V8 otherwise doubles the young generation
  // whenever a batch survives a scavenge, up to ≈ 130 MB of mostly garbage. Kept at its initial
  // size it holds the process near 190 MB instead of 320 MB, for the same CPU time (bench/README.md).
  setFlagsFromString("--semi-space-growth-factor=1")
  // Batches that outlive a scavenge die in the old generation, which V8 lets grow to about four
  // times what survived its last full collection (≈ 25 MB here) before collecting again. Letting
  // it grow to at most double keeps a 1M-row import near 180 MB instead of 220 MB, for about
  // 20 % more CPU time in the collector (bench/README.md); V8 reads this flag at each collection.
  setFlagsFromString("--heap-growing-percent=100")
  main(process.argv.slice(2)).then(exitAfterFlush, (e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`)
    exitAfterFlush(2)
  })
}
