/**
 * Reader — a core system's CSV file to validated status records (ファイル読込), streaming.
 *
 * Bytes are decoded by {@link Encoding.TextReader} (UTF-8 or Shift_JIS, declared or detected),
 * parsed as text by Papa Parse (RFC 4180 quoting; a quote inside an unquoted field is read as a
 * character, as spreadsheet programs read it), mapped by a {@link Mapping.Mapping}, and each row
 * is validated against `Status.StatusRecord`. Memory is constant in the file's size: rows come out in batches, and
 * only one decoded segment and one batch are held at a time.
 *
 * Every problem is a {@link ErrorReport.RowError} with file, line and column. Row problems reject
 * their row; file problems (encoding, header, empty file, overlong record, broken quoting) reject
 * the file, and {@link ReadSummary.rejected} tells the consumer to apply nothing of it.
 *
 * @since 0.1.0
 * @module
 */
import { Result, Schema } from "effect"
import Papa from "papaparse"
import { createHash, hash as oneShotHash } from "node:crypto"
import { createReadStream } from "node:fs"
import * as Dates from "./Dates.ts"
import * as Encoding from "./Encoding.ts"
import type * as ErrorReport from "./ErrorReport.ts"
import * as Mapping from "./Mapping.ts"
import { didYouMean } from "./internal/strict.ts"
import * as Status from "./Status.ts"

/**
 * A valid row: its line, the record and the record's content hash. @category reading @since 0.1.0
 * @example
 * ```ts
 * const ids = (rows: ReadonlyArray<Reader.ValidRow>) => rows.map((r) => `${r.line}: ${r.record.sourceId} ${r.contentHash.slice(0, 8)}`)
 * ```
 */
export interface ValidRow {
  readonly line: number
  readonly record: Status.StatusRecord
  readonly contentHash: string
  /** The record's {@link canonicalJson}: the text its content hash is taken of, stored as written. */
  readonly json: string
}

/**
 * A batch of rows and the problems found among them. @category reading @since 0.1.0
 * @example
 * ```ts
 * const check = async (mapping: Mapping.Mapping) => {
 *   for await (const batch of Reader.read("受給者一覧.csv", mapping)) {
 *     const b: Reader.Batch = batch
 *     console.log(b.rows.length, b.errors.length)
 *   }
 * }
 * ```
 */
export interface Batch {
  readonly rows: ReadonlyArray<ValidRow>
  readonly errors: ReadonlyArray<ErrorReport.RowError>
}

/**
 * The outcome of reading a file: counts, the detected encoding, the file's SHA-256, and whether the
 * file is rejected (then `fileErrors` says why and nothing of it may be applied).
 * @category reading
 * @since 0.1.0
 * @example
 * ```ts
 * const summarise = async (mapping: Mapping.Mapping) => {
 *   const { summary } = await Reader.readAll("受給者一覧.csv", mapping)
 *   const s: Reader.ReadSummary = summary
 *   return `${s.encoding}: ${s.validRows}/${s.rows} rows${s.rejected ? " — file rejected" : ""}`
 * }
 * ```
 */
export interface ReadSummary {
  readonly file: string
  readonly encoding: Encoding.Encoding | undefined
  readonly fileHash: string
  readonly bytes: number
  readonly lines: number
  readonly rows: number
  readonly validRows: number
  readonly rowErrors: number
  readonly rejected: boolean
  readonly fileErrors: ReadonlyArray<ErrorReport.RowError>
}

/**
 * Options of {@link read}. @category reading @since 0.1.0
 * @example
 * ```ts
 * const options: Reader.Options = { file: "受給者一覧_2024-04.csv", encoding: "shift_jis", batchSize: 1000, maxErrors: 100 }
 * ```
 */
export interface Options {
  /** The name used in error reports (default: the path). */
  readonly file?: string
  /** Overrides the mapping's `encoding`. */
  readonly encoding?: Encoding.Declared
  /**
   * Rows per batch (default 5,000). Every row of a batch stays alive until the database has applied
   * it, so the size trades memory for speed: fewer, larger batches mean fewer round trips and more
   * rows held at once (measurements in bench/README.md).
   */
  readonly batchSize?: number
  /** Row problems kept per batch before only counting (default unlimited). */
  readonly maxErrors?: number
}

/**
 * Where the bytes come from: a path, or any async iterable of byte chunks (a stream). @category reading @since 0.1.0
 * @example
 * ```ts
 * import { createReadStream } from "node:fs"
 * const fromPath: Reader.Source = "受給者一覧.csv"
 * const fromStream: Reader.Source = createReadStream("受給者一覧.csv")
 * ```
 */
export type Source = string | AsyncIterable<Uint8Array>

const sourceBytes = (source: Source): AsyncIterable<Uint8Array> => (typeof source === "string" ? createReadStream(source, { highWaterMark: 256 * 1024 }) : source)

interface Bound {
  readonly field: string
  readonly column: string
  readonly index: number
}

type Extract = (cells: ReadonlyArray<string>, out: Record<string, unknown>, problems: Array<FieldProblem>) => void

interface FieldProblem {
  readonly field: string
  readonly column: string | undefined
  readonly value: string
  readonly code: ErrorReport.ErrorCode
  readonly reasonJa: string
  readonly reasonEn: string
}

const REPLACEMENT = "\uFFFD"

/** Header name comparison: exact, then after NFKC and trimming (full-width spaces, ｶﾅ). */
const normalHeader = (s: string): string => s.normalize("NFKC").trim()

const bindColumn = (header: ReadonlyArray<string>, column: string): number => {
  const exact = header.indexOf(column)
  if (exact >= 0) return exact
  const n = normalHeader(column)
  return header.findIndex((h) => normalHeader(h) === n)
}

const textExtractor = (field: string, spec: Mapping.TextField, indexes: ReadonlyArray<number>, columns: ReadonlyArray<string>, target: (out: Record<string, unknown>, v: string) => void): Extract => {
  const trim = spec.trim ?? true
  const nfkc = spec.normalize === "NFKC"
  const column = columns.join("+")
  return (cells, out, problems) => {
    let raw = ""
    let value = ""
    for (let i = 0; i < indexes.length; i++) {
      const cell = cells[indexes[i]!] ?? ""
      const v = nfkc ? (trim ? cell.trim() : cell).normalize("NFKC") : trim ? cell.trim() : cell
      raw = i === 0 ? cell : `${raw}-${cell}`
      value = i === 0 ? v : `${value}-${v}`
    }
    const empty = indexes.length === 1 ? value === "" : raw.split("-").every((p) => p.trim() === "")
    if (empty) {
      if (spec.optional !== true) problems.push({ field, column, value: raw, code: "required", reasonJa: `「${column}」は必須です`, reasonEn: `${column} is required` })
      return
    }
    if (value.includes(REPLACEMENT)) {
      problems.push({ field, column, value: raw, code: "replacement_character", reasonJa: "置換文字（U+FFFD）を含みます。出力元で文字が失われています", reasonEn: "contains U+FFFD (a character was lost before the file was written)" })
      return
    }
    if (spec.maxLength !== undefined && [...value].length > spec.maxLength) {
      problems.push({ field, column, value: raw, code: "too_long", reasonJa: `${spec.maxLength}文字を超えています`, reasonEn: `longer than ${spec.maxLength} characters` })
      return
    }
    target(out, value)
  }
}

const DATE_MEMO = 4096

const dateExtractor = (field: string, spec: Mapping.DateField, index: number): Extract => {
  const formats = spec.formats ?? Dates.allFormats
  // A column's dates repeat from row to row (the first of the month, a batch's decision day): the
  // parsed results of the last few thousand distinct texts are kept, so memory stays bounded.
  const memo = new Map<string, ReturnType<typeof Dates.parse>>()
  return (cells, out, problems) => {
    const raw = cells[index] ?? ""
    if (raw.trim() === "") {
      if (spec.optional !== true) problems.push({ field, column: spec.column, value: raw, code: "required", reasonJa: `「${spec.column}」は必須です`, reasonEn: `${spec.column} is required` })
      return
    }
    let r = memo.get(raw)
    if (r === undefined) {
      r = Dates.parse(raw, formats)
      if (memo.size >= DATE_MEMO) memo.clear()
      memo.set(raw, r)
    }
    if (Result.isSuccess(r)) out[field] = r.success
    else problems.push({ field, column: spec.column, value: raw, code: "invalid_date", reasonJa: r.failure.reasonJa, reasonEn: r.failure.reasonEn })
  }
}

const codeExtractor = (field: string, spec: Mapping.BenefitField | Mapping.StatusField, index: number): Extract => {
  if ("constant" in spec) {
    const constant = spec.constant
    return (_cells, out) => {
      out[field] = constant
    }
  }
  const nfkc = spec.normalize !== "none"
  const norm = (s: string): string => (nfkc ? s.trim().normalize("NFKC") : s.trim())
  const table = new Map<string, string>(Object.entries(spec.values).map(([k, v]) => [norm(k), v]))
  const allowed = [...Object.keys(spec.values)]
  return (cells, out, problems) => {
    const raw = cells[index] ?? ""
    const code = table.get(norm(raw))
    if (code !== undefined) {
      out[field] = code
      return
    }
    if (raw.trim() === "") {
      problems.push({ field, column: spec.column, value: raw, code: "required", reasonJa: `「${spec.column}」は必須です`, reasonEn: `${spec.column} is required` })
      return
    }
    const hint = didYouMean(norm(raw), allowed)
    problems.push({
      field,
      column: spec.column,
      value: raw,
      code: "unknown_code",
      reasonJa: `「${raw}」は対応表にない値です（使える値: ${allowed.join("、")}）${hint.ja}`,
      reasonEn: `"${raw}" is not in the mapping's values (known: ${allowed.join(", ")})${hint.en}`
    })
  }
}

/** Binds a mapping to a header: an extractor per field, or the header problems. */
const bind = (
  m: Mapping.Mapping,
  header: ReadonlyArray<string>
): Result.Result<{ readonly extract: ReadonlyArray<Extract>; readonly columnOfField: ReadonlyMap<string, string> }, ReadonlyArray<{ readonly column: string; readonly field: string; readonly code: "missing_column" | "duplicate_column"; readonly reasonJa: string; readonly reasonEn: string }>> => {
  const problems: Array<{ column: string; field: string; code: "missing_column" | "duplicate_column"; reasonJa: string; reasonEn: string }> = []
  const bound: Array<Bound> = []
  for (const { field, column } of Mapping.columnsOf(m)) {
    const index = bindColumn(header, column)
    if (index < 0) {
      const hint = didYouMean(column, header)
      problems.push({
        column,
        field,
        code: "missing_column",
        reasonJa: `対応表の項目 ${field} が指す列「${column}」が見出しにありません${hint.ja}（見出し: ${header.join("、")}）`,
        reasonEn: `the mapping's field ${field} names column "${column}", which the header does not have${hint.en} (header: ${header.join(", ")})`
      })
      continue
    }
    if (header.filter((h) => normalHeader(h) === normalHeader(column)).length > 1) {
      problems.push({ column, field, code: "duplicate_column", reasonJa: `見出し「${column}」が複数あります`, reasonEn: `the header has more than one column "${column}"` })
      continue
    }
    bound.push({ field, column, index })
  }
  if (problems.length > 0) return Result.fail(problems)
  const indexOf = (field: string): ReadonlyArray<number> => bound.filter((b) => b.field === field).map((b) => b.index)
  const columnsFor = (field: string): ReadonlyArray<string> => bound.filter((b) => b.field === field).map((b) => b.column)
  const extract: Array<Extract> = []
  const f = m.fields
  const setField = (name: string) => (out: Record<string, unknown>, v: string) => {
    out[name] = v
  }
  for (const name of ["sourceId", "personRef", "nameKana", "householdRef", "site"] as const) {
    const spec = f[name]
    if (spec !== undefined) extract.push(textExtractor(name, spec, indexOf(name), columnsFor(name), setField(name)))
  }
  extract.push(codeExtractor("benefit", f.benefit, indexOf("benefit")[0] ?? -1))
  extract.push(codeExtractor("status", f.status, indexOf("status")[0] ?? -1))
  for (const name of ["effectiveFrom", "effectiveUntil", "birthDate"] as const) {
    const spec = f[name]
    if (spec !== undefined) extract.push(dateExtractor(name, spec, indexOf(name)[0]!))
  }
  for (const [name, spec] of Object.entries(m.extra ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const field = `extra.${name}`
    extract.push(
      textExtractor(field, spec, indexOf(field), columnsFor(field), (out, v) => {
        const extra = (out["extra"] ??= {}) as Record<string, string>
        extra[name] = v
      })
    )
  }
  const columnOfField = new Map<string, string>()
  for (const b of bound) if (!columnOfField.has(b.field)) columnOfField.set(b.field, b.column)
  return Result.succeed({ extract, columnOfField })
}

const FIELD_ORDER = ["sourceId", "personRef", "benefit", "status", "effectiveFrom", "effectiveUntil", "birthDate", "nameKana", "householdRef", "site", "extra"] as const

/**
 * Canonical JSON of a record: fixed key order, `extra` keys sorted (they are inserted sorted) — the
 * text {@link contentHash} hashes, so an unchanged row is recognised whatever its column order.
 * @category reading
 * @since 0.1.0
 * @example
 * ```ts
 * Reader.canonicalJson({ personRef: "A-1", sourceId: "R-1", benefit: "public_assistance", status: "receiving", effectiveFrom: Period.unsafeDate("2023-04-01") })
 * // '{"sourceId":"R-1","personRef":"A-1",…}': the same record always gives the same text
 * ```
 */
export const canonicalJson = (r: Status.StatusRecord): string => {
  // Written out key by key (no ordered copy of the record per row): the same text as
  // JSON.stringify of the record with its keys in FIELD_ORDER.
  let out = ""
  for (let i = 0; i < FIELD_ORDER.length; i++) {
    const v = (r as Record<string, unknown>)[FIELD_ORDER[i]!]
    if (v !== undefined) out += `${out === "" ? "{" : ","}${KEY_PREFIX[i]}${JSON.stringify(v)}`
  }
  return out === "" ? "{}" : `${out}}`
}
const KEY_PREFIX = FIELD_ORDER.map((k) => `${JSON.stringify(k)}:`)

/**
 * The content hash of a record (SHA-256 of its canonical JSON, hex). @category reading @since 0.1.0
 * @example
 * ```ts
 * const hash = Reader.contentHash({ sourceId: "R-1", personRef: "A-1", benefit: "public_assistance", status: "receiving", effectiveFrom: Period.unsafeDate("2023-04-01") }) // 64 hex digits
 * ```
 */
// One-shot `hash` (no Hash object per row): the same SHA-256 hex as createHash().update().digest().
export const contentHash = (r: Status.StatusRecord): string => oneShotHash("sha256", canonicalJson(r), "hex")

const checkRecord = Schema.decodeUnknownResult(Status.StatusRecord)


/**
 * Reads a file (or byte stream) with a mapping: yields batches of valid rows and row problems,
 * and returns the {@link ReadSummary}. Never throws for bad input: file problems end the read
 * with `rejected: true`.
 * @category reading
 * @since 0.1.0
 * @example
 * ```ts
 * import { createWriteStream } from "node:fs"
 * const report = async (mapping: Mapping.Mapping) => {
 *   const out = createWriteStream("errors.csv")
 *   const it = Reader.read("受給者一覧.csv", mapping, { batchSize: 5000 })
 *   for (;;) {
 *     const next = await it.next()
 *     if (next.done === true) return next.value // the ReadSummary
 *     out.write(ErrorReport.toCsv(next.value.errors))
 *   }
 * }
 * ```
 */
export async function* read(source: Source, mapping: Mapping.Mapping, options: Options = {}): AsyncGenerator<Batch, ReadSummary, undefined> {
  const file = options.file ?? (typeof source === "string" ? source : "(stream)")
  const batchSize = options.batchSize ?? 5000
  const maxRecordBytes = mapping.maxRecordBytes ?? Mapping.DEFAULT_MAX_RECORD_BYTES
  const hash = createHash("sha256")
  const text = new Encoding.TextReader({ declared: options.encoding ?? mapping.encoding ?? "auto", maxLineBytes: maxRecordBytes })
  const fileErrors: Array<ErrorReport.RowError> = []
  let rows: Array<ValidRow> = []
  let errors: Array<ErrorReport.RowError> = []
  let header: ReadonlyArray<string> | undefined
  let binding: { readonly extract: ReadonlyArray<Extract>; readonly columnOfField: ReadonlyMap<string, string> } | undefined
  let stopped = false
  let lastLine = 0
  let rowCount = 0
  let validCount = 0
  let rowErrorCount = 0
  let lines = 0

  const fileError = (e: Omit<ErrorReport.RowError, "file" | "scope">): void => {
    fileErrors.push({ file, scope: "file", ...e })
  }
  let recordEnd = 0
  const undecodable = (from: number, to: number): boolean => {
    for (let l = from; l <= to; l++) if (text.badLines.has(l)) return true
    return false
  }
  const rowError = (e: Omit<ErrorReport.RowError, "file" | "scope">): void => {
    if (text.badLines.size > 0 && undecodable(e.line, Math.max(e.line, recordEnd))) return
    rowErrorCount++
    if (options.maxErrors === undefined || errors.length < options.maxErrors) errors.push({ file, scope: "row", ...e })
  }

  const onRecord = (cells: ReadonlyArray<string>, endLine: number): void => {
    const line = lastLine + 1
    lastLine = endLine
    recordEnd = endLine
    if (stopped) return
    if (header === undefined) {
      header = cells.map((c, i) => (i === 0 ? c.replace(/^\uFEFF/, "") : c))
      const b = bind(mapping, header)
      if (Result.isFailure(b)) {
        const read = text.encoding === undefined ? { ja: "", en: "" } : { ja: `（${text.encoding}として読みました。文字コードの指定を確認してください）`, en: ` (read as ${text.encoding}: is that the file's encoding?)` }
        for (const p of b.failure) fileError({ line, column: p.column, field: p.field, value: p.column, code: p.code, reasonJa: p.reasonJa + (p.code === "missing_column" ? read.ja : ""), reasonEn: p.reasonEn + (p.code === "missing_column" ? read.en : "") })
        stopped = true
      } else binding = b.success
      return
    }
    if (cells.length === 1 && cells[0] === "") return // a blank line
    rowCount++
    if (cells.length !== header.length) {
      rowError({
        line,
        value: cells.join(","),
        code: "column_count",
        reasonJa: `列の数が見出しと違います（見出し${header.length}列、この行${cells.length}列）`,
        reasonEn: `expected ${header.length} columns as in the header, found ${cells.length}`
      })
      return
    }
    const out: Record<string, unknown> = {}
    const problems: Array<FieldProblem> = []
    for (const extract of binding!.extract) extract(cells, out, problems)
    if (problems.length > 0) {
      for (const p of problems) rowError({ line, ...(p.column === undefined ? {} : { column: p.column }), field: p.field, value: p.value, code: p.code, reasonJa: p.reasonJa, reasonEn: p.reasonEn })
      return
    }
    const checked = checkRecord(out)
    if (Result.isFailure(checked)) {
      const field = String(checked.failure.issue._tag === "Pointer" ? (checked.failure.issue.path[0] ?? "") : "effectiveUntil")
      const column = binding!.columnOfField.get(field)
      rowError({
        line,
        ...(column === undefined ? {} : { column }),
        field,
        value: column === undefined ? "" : (cells[header.indexOf(column)] ?? ""),
        code: "invalid_value",
        reasonJa: `値が不正です: ${checked.failure.message}`,
        reasonEn: checked.failure.message
      })
      return
    }
    validCount++
    // The decoded record has its keys in the schema's order, which is the canonical order, so its
    // JSON is the canonical text (a property test holds the two equal): one native stringify per
    // row, reused as the stored record.
    const json = JSON.stringify(checked.success)
    rows.push({ line, record: checked.success, contentHash: oneShotHash("sha256", json, "hex"), json })
  }

  /** A record cut off by the end of the file inside a quoted field (a truncated last line). */
  const unclosedQuote = (): void => {
    const line = lastLine + 1
    rowCount++
    rowError({
      line,
      value: "",
      code: "unclosed_quote",
      reasonJa: `${line}行目で始まる引用符（"）が閉じられないままファイルが終わっています（最終行の欠落）`,
      reasonEn: `the quote opened on line ${line} is not closed before the end of the file (truncated last line)`
    })
  }
  const recordTooLong = (): void => {
    const line = lastLine + 1
    fileError({ line, value: "", code: "record_too_long", reasonJa: `${line}行目からのレコードが上限（${maxRecordBytes}バイト）を超えています`, reasonEn: `the record starting on line ${line} exceeds the limit of ${maxRecordBytes} bytes` })
    stopped = true
  }
  const brokenQuoting = (message: string): void => {
    fileError({
      line: lastLine + 1,
      value: "",
      code: "csv_syntax",
      reasonJa: `CSVの書式が崩れています（引用符の使い方）。以降の行は信頼できないため読込を中止しました: ${message}`,
      reasonEn: `broken CSV quoting; reading stopped, as the lines after it cannot be trusted: ${message}`
    })
    stopped = true
  }
  /** Whether a text is over the record limit in UTF-8 bytes (counted only when its length allows it). */
  const overLimit = (text: string): boolean => text.length > maxRecordBytes || (text.length * 3 > maxRecordBytes && Buffer.byteLength(text, "utf8") > maxRecordBytes)

  // Physical line numbers from character offsets in the decoded text (a CR LF inside quotes is one
  // line, a record may span several): the offsets of the line feeds seen so far, consumed as
  // records end.
  let lfOffsets: Array<number> = []
  let lfNext = 0
  let lfPassed = 0
  let seen = 0
  // One scan per segment serves both the line numbers and the file's line count.
  const noteLineFeeds = (segment: string): void => {
    for (let i = segment.indexOf("\n"); i >= 0; i = segment.indexOf("\n", i + 1)) {
      lfOffsets.push(seen + i)
      lines++
    }
    seen += segment.length
  }
  /** The line on which a record ends, given the characters consumed through its terminator. */
  const lineEndingAt = (consumed: number): number => {
    while (lfNext < lfOffsets.length && lfOffsets[lfNext]! < consumed - 1) {
      lfNext++
      lfPassed++
    }
    if (lfNext > 4096) {
      lfOffsets = lfOffsets.slice(lfNext)
      lfNext = 0
    }
    return lfPassed + 1
  }

  // Papa Parse's parser over the decoded text, one segment at a time: each call parses the text
  // left over from the last one (a record not yet ended) and the new segment, and reports complete
  // records only; the end of the file parses what is left as the last record.
  let parser: Papa.Parser | undefined
  let pending = ""
  let pendingAt = 0
  let recordStart = 0
  const onStep = (step: ParserStep): void => {
    if (stopped) return
    const end = step.meta.cursor
    const problem = step.errors[0]
    const start = recordStart
    recordStart = end
    if (problem?.code === "MissingQuotes") return unclosedQuote()
    if (problem !== undefined) return brokenQuoting(problem.message)
    if (end - start > maxRecordBytes / 3 && overLimit(pendingText(start, end))) return recordTooLong()
    onRecord(step.data[0]!, lineEndingAt(end))
    if (stopped) parser?.abort()
  }
  let input = ""
  const pendingText = (from: number, to: number): string => input.slice(from - pendingAt, to - pendingAt)
  const parse = (segment: string, last: boolean): void => {
    noteLineFeeds(segment)
    input = pending + segment
    if (parser === undefined) {
      const newline = lineBreakOf(input, last)
      if (newline === undefined) {
        // No line break yet: the first record is still being read.
        pending = input
        if (overLimit(pending)) recordTooLong()
        return
      }
      parser = new Papa.Parser({ delimiter: mapping.delimiter ?? ",", newline, quoteChar: '"', step: onStep })
    }
    const done = parser.parse(input, pendingAt, !last) as ParserStep
    if (stopped) return
    pending = input.slice(done.meta.cursor - pendingAt)
    pendingAt = done.meta.cursor
    recordStart = pendingAt
    // A record still open past the limit: broken quoting when a quote inside it was misplaced (the
    // parser then reads on to the next quote), else a record that is simply too long.
    if (!last && overLimit(pending)) {
      const misplaced = done.errors.find((e) => e.code === "InvalidQuotes")
      if (misplaced !== undefined) brokenQuoting(misplaced.message)
      else recordTooLong()
    }
  }

  const hashing = async function* (bytes: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of bytes) {
      hash.update(chunk)
      yield chunk
    }
  }

  const flush = (): Batch => {
    const b = { rows, errors }
    rows = []
    errors = []
    return b
  }

  try {
    for await (const segment of text.segments(hashing(sourceBytes(source)))) {
      parse(segment, false)
      if (stopped) break
      if (rows.length >= batchSize || errors.length >= batchSize) yield flush()
    }
    if (!stopped) parse("", true)
  } catch (e) {
    if (e instanceof Encoding.LineTooLong) {
      fileError({
        line: e.line,
        character: e.character,
        value: "",
        code: "record_too_long",
        reasonJa: `${e.line}行目が上限（${e.limitBytes}バイト）を超えて長いため、読込を中止しました（${e.character}文字目で上限）`,
        reasonEn: `line ${e.line} is longer than the limit of ${e.limitBytes} bytes; reading stopped at character ${e.character}`
      })
      stopped = true
    } else throw e
  }

  const structural = fileErrors.splice(0, fileErrors.length)
  for (const p of text.problems) fileError({ line: p.line, character: p.character, value: p.value, code: p.code, reasonJa: p.reasonJa, reasonEn: p.reasonEn })
  if (text.problemCount > text.problems.length) {
    const more = text.problemCount - text.problems.length
    fileError({ line: lines, value: "", code: "invalid_encoding", reasonJa: `ほかに${more}件の文字コードの誤りがあります`, reasonEn: `${more} more encoding problems not listed` })
  }
  fileErrors.push(...structural)
  if (fileErrors.length === 0 && header === undefined) {
    fileError({ line: 1, value: "", code: "empty_file", reasonJa: "ファイルが空です（見出し行がありません）", reasonEn: "the file is empty (no header line)" })
  } else if (fileErrors.length === 0 && rowCount === 0) {
    fileError({ line: 1, value: header!.join(","), code: "no_rows", reasonJa: "見出し行だけで、データ行がありません", reasonEn: "the file has a header but no data rows" })
  }
  if (fileErrors.length === 0 && mapping.onRowError === "reject-file" && rowErrorCount > 0) {
    fileError({ line: 1, value: String(rowErrorCount), code: "row_errors", reasonJa: `${rowErrorCount}行にエラーがあるため、対応表の指定（onRowError: reject-file）によりファイル全体を取り込みません`, reasonEn: `${rowErrorCount} rows have errors, and the mapping says onRowError: reject-file` })
  }
  const last = flush()
  if (last.rows.length > 0 || last.errors.length > 0) yield last
  return {
    file,
    encoding: text.encoding,
    fileHash: hash.digest("hex"),
    bytes: text.bytesRead,
    lines,
    rows: rowCount,
    validRows: validCount,
    rowErrors: rowErrorCount,
    rejected: fileErrors.length > 0,
    fileErrors
  }
}

/** What Papa Parse's parser passes for each record (`data` holds the one record) and returns. */
interface ParserStep {
  readonly data: ReadonlyArray<Array<string>>
  readonly errors: ReadonlyArray<{ readonly code: string; readonly message: string }>
  readonly meta: { readonly cursor: number }
}

/**
 * The line break of a file: the first one outside quotes, CR LF, LF or CR; `undefined` while the
 * text read so far has none yet (or ends in a CR that a LF may follow). Like other CSV readers and
 * spreadsheet programs, one file has one line break; another inside a field is part of the field.
 */
const lineBreakOf = (text: string, last: boolean): "\r\n" | "\n" | "\r" | undefined => {
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0x22) quoted = !quoted
    else if (quoted) continue
    else if (c === 0x0a) return "\n"
    else if (c === 0x0d) {
      if (i + 1 < text.length) return text.charCodeAt(i + 1) === 0x0a ? "\r\n" : "\r"
      return last ? "\r" : undefined
    }
  }
  return last ? "\n" : undefined
}

/**
 * Reads a whole file into memory (tests, small files): every valid row, every problem, the summary.
 * @category reading
 * @since 0.1.0
 * @example
 * ```ts
 * const small = async (mapping: Mapping.Mapping) => {
 *   const { rows, errors, summary } = await Reader.readAll("受給者一覧.csv", mapping)
 *   return `${summary.encoding}: ${rows.length} valid rows, ${errors.length} reported`
 * }
 * ```
 */
export const readAll = async (source: Source, mapping: Mapping.Mapping, options: Options = {}): Promise<{ readonly rows: ReadonlyArray<ValidRow>; readonly errors: ReadonlyArray<ErrorReport.RowError>; readonly summary: ReadSummary }> => {
  const rows: Array<ValidRow> = []
  const errors: Array<ErrorReport.RowError> = []
  const it = read(source, mapping, options)
  for (;;) {
    const next = await it.next()
    if (next.done === true) return { rows, errors: [...next.value.fileErrors, ...errors], summary: next.value }
    rows.push(...next.value.rows)
    errors.push(...next.value.errors)
  }
}
