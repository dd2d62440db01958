/**
 * Export — reports handed back to the welfare systems (帳票出力) as CSV in UTF-8 or Shift_JIS
 * (CP932, through iconv-lite), or JSON.
 *
 * A report is a {@link Table}: columns with Japanese and English headings, rows of text. Before any
 * byte is written every value is encoded and decoded back: a character the encoding cannot hold
 * (〜 WAVE DASH, 𠮷, a lone surrogate, ¥ in Shift_JIS …) fails the export with
 * {@link Unencodable} naming row, column, character and code point (and the usual substitute
 * where there is one) — it is never written as `?`.
 *
 * @since 0.1.0
 * @module
 */
import { Result, Schema } from "effect"
import { csvLine } from "./internal/csvWrite.ts"
import { encodeText, unencodable } from "./internal/encode.ts"

/**
 * A column: its key and headings. @category tables @since 0.1.0
 * @example
 * ```ts
 * const column: Export.Column = { key: "name", ja: "氏名", en: "name" }
 * ```
 */
export interface Column {
  readonly key: string
  readonly ja: string
  readonly en: string
}

/**
 * A report as a table (帳票). @category tables @since 0.1.0
 * @example
 * ```ts
 * const table: Export.Table = {
 *   title: { ja: "支援対象者一覧", en: "people supported" },
 *   columns: [{ key: "id", ja: "番号", en: "id" }, { key: "ward", ja: "区", en: "ward" }],
 *   rows: [{ id: "1", ward: "鶴見区" }]
 * }
 * ```
 */
export interface Table {
  readonly title: { readonly ja: string; readonly en: string }
  readonly columns: ReadonlyArray<Column>
  readonly rows: ReadonlyArray<Readonly<Record<string, string>>>
}

/**
 * Output encodings. @category encoding @since 0.1.0
 * @example
 * ```ts
 * const encoding: Export.OutputEncoding = "shift_jis"
 * ```
 */
export const OutputEncoding = Schema.Literals(["utf-8", "shift_jis"])
/** @category encoding */
export type OutputEncoding = typeof OutputEncoding.Type

/**
 * Output formats. @category encoding @since 0.1.0
 * @example
 * ```ts
 * const format: Export.Format = "csv"
 * ```
 */
export const Format = Schema.Literals(["csv", "json"])
/** @category encoding */
export type Format = typeof Format.Type

/**
 * One value that cannot be written. @category errors @since 0.1.0
 * @example
 * ```ts
 * const table: Export.Table = { title: { ja: "一覧", en: "list" }, columns: [{ key: "name", ja: "氏名", en: "name" }], rows: [{ name: "髙橋" }] }
 * const problems: ReadonlyArray<Export.UnencodableValue> = Export.check(table, "shift_jis") // 髙 is not in Shift_JIS
 * problems.map((p) => `row ${p.row} ${p.column}: ${p.character} ${p.codePoint} → ${p.suggestion ?? "?"}`)
 * ```
 */
export interface UnencodableValue {
  /** 1-based data row (0 = the heading line). */
  readonly row: number
  readonly column: string
  readonly value: string
  readonly character: string
  readonly codePoint: string
  readonly position: number
  readonly suggestion?: string
}

/**
 * The export was refused: these values would not survive the encoding. @category errors @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const table: Export.Table = { title: { ja: "一覧", en: "list" }, columns: [{ key: "name", ja: "氏名", en: "name" }], rows: [{ name: "髙橋" }] }
 * const r = Export.toCsv(table, "shift_jis")
 * if (Result.isFailure(r)) {
 *   const refused: Export.Unencodable = r.failure
 *   console.log(refused.values.length) // 1: nothing is written
 * }
 * ```
 */
export class Unencodable extends Schema.TaggedError<Unencodable>()("Unencodable", {
  encoding: OutputEncoding,
  values: Schema.Array(Schema.Unknown)
}) {
  override get message(): string {
    const v = this.values as ReadonlyArray<UnencodableValue>
    const shown = v
      .slice(0, 5)
      .map((x) => `row ${x.row} ${x.column}: "${x.character}" (${x.codePoint})${x.suggestion === undefined ? "" : ` — use "${x.suggestion}"`}`)
      .join("; ")
    return `${v.length} value(s) cannot be written in ${this.encoding}: ${shown}${v.length > 5 ? "; …" : ""}`
  }
}

/** Headings of a column as written (日本語 / English). */
const heading = (c: Column): string => (c.ja === c.en ? c.ja : `${c.ja} ${c.en}`)

/**
 * Every value of a table that does not round-trip through the encoding. @category encoding @since 0.1.0
 * @example
 * ```ts
 * const table: Export.Table = { title: { ja: "一覧", en: "list" }, columns: [{ key: "name", ja: "氏名", en: "name" }], rows: [{ name: "山田" }] }
 * Export.check(table, "shift_jis") // []: every value survives
 * ```
 */
export const check = (table: Table, encoding: OutputEncoding): ReadonlyArray<UnencodableValue> => {
  const out: Array<UnencodableValue> = []
  const visit = (row: number, column: string, value: string): void => {
    for (const u of unencodable(value, encoding)) out.push({ row, column, value, ...u })
  }
  for (const c of table.columns) visit(0, c.key, heading(c))
  table.rows.forEach((r, i) => {
    for (const c of table.columns) visit(i + 1, c.key, r[c.key] ?? "")
  })
  return out
}

/**
 * The table as CSV bytes (CRLF; UTF-8 with a BOM unless `bom: false`), or the values that cannot
 * be encoded.
 * @category csv
 * @since 0.1.0
 * @example
 * ```ts
 * const table: Export.Table = { title: { ja: "一覧", en: "list" }, columns: [{ key: "name", ja: "氏名", en: "name" }], rows: [{ name: "山田" }] }
 * const csv = Export.toCsv(table, "utf-8") // Success: BOM, "氏名 name\r\n山田\r\n" (headings as the table has them)
 * const plain = Export.toCsv(table, "utf-8", { bom: false })
 * ```
 */
export const toCsv = (table: Table, encoding: OutputEncoding = "utf-8", options: { readonly bom?: boolean } = {}): Result.Result<Buffer, Unencodable> => {
  const problems = check(table, encoding)
  if (problems.length > 0) return Result.fail(new Unencodable({ encoding, values: problems }))
  const text = [csvLine(table.columns.map(heading)), ...table.rows.map((r) => csvLine(table.columns.map((c) => r[c.key] ?? "")))].join("")
  const bytes = encodeText(text, encoding)
  return Result.succeed(encoding === "utf-8" && options.bom !== false ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) : bytes)
}

/**
 * The table as JSON (`{ title, columns, rows }`, UTF-8). JSON holds every Unicode scalar value;
 * lone surrogates are still refused (they are not text).
 * @category json
 * @since 0.1.0
 * @example
 * ```ts
 * const table: Export.Table = { title: { ja: "一覧", en: "list" }, columns: [{ key: "name", ja: "氏名", en: "name" }], rows: [{ name: "髙橋" }] }
 * const json = Export.toJson(table) // Success: JSON holds 髙
 * ```
 */
export const toJson = (table: Table): Result.Result<Buffer, Unencodable> => {
  const problems = check(table, "utf-8")
  if (problems.length > 0) return Result.fail(new Unencodable({ encoding: "utf-8", values: problems }))
  return Result.succeed(Buffer.from(JSON.stringify({ title: table.title, columns: table.columns, rows: table.rows }, null, 2) + "\n", "utf8"))
}

/**
 * Either format. @category encoding @since 0.1.0
 * @example
 * ```ts
 * const table: Export.Table = { title: { ja: "一覧", en: "list" }, columns: [{ key: "name", ja: "氏名", en: "name" }], rows: [{ name: "山田" }] }
 * const bytes = Export.encode(table, "json")
 * ```
 */
export const encode = (table: Table, format: Format, encoding: OutputEncoding = "utf-8"): Result.Result<Buffer, Unencodable> =>
  format === "json" ? toJson(table) : toCsv(table, encoding)
