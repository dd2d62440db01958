/**
 * ErrorReport — the row-level error report (エラー一覧) of an import: one line per problem with the
 * file's line, the column (見出し), the value, and the reason in Japanese and English, written as
 * CSV for the staff who fix the source data.
 *
 * `scope` says what the problem stops: a `row` problem rejects that row only (the valid rows are
 * imported); a `file` problem (wrong encoding, a missing column, an empty file, an overlong line)
 * rejects the whole file — nothing of it is imported.
 *
 * @since 0.1.0
 * @module
 */
import { Schema } from "effect"
import { csvLine } from "./internal/csvWrite.ts"
import { encodeText, unencodable, type OutputEncoding } from "./internal/encode.ts"

/**
 * What went wrong (エラー種別).
 * File: `invalid_encoding`, `truncated_character`, `unsupported_encoding`, `bom_mismatch`,
 * `empty_file`, `no_rows`, `missing_column`, `duplicate_column`, `record_too_long`, `csv_syntax`,
 * `row_errors` (the mapping's `onRowError: "reject-file"`).
 * Row: `column_count`, `required`, `invalid_date`, `unknown_code`, `too_long`,
 * `replacement_character`, `invalid_value`, `unclosed_quote`.
 * @category report
 * @since 0.1.0
 * @example
 * ```ts
 * const code: ErrorReport.ErrorCode = "invalid_date"
 * ```
 */
export const ErrorCode = Schema.Literals([
  "invalid_encoding",
  "truncated_character",
  "unsupported_encoding",
  "bom_mismatch",
  "empty_file",
  "no_rows",
  "missing_column",
  "duplicate_column",
  "record_too_long",
  "csv_syntax",
  "row_errors",
  "column_count",
  "required",
  "invalid_date",
  "unknown_code",
  "too_long",
  "replacement_character",
  "invalid_value",
  "unclosed_quote"
])
/** @category report */
export type ErrorCode = typeof ErrorCode.Type

/**
 * One problem (エラー): `line` is the file's physical line (1 = the header); `column` the header
 * name when a column is concerned; `character` the 1-based character position in the line where
 * a decoding or syntax problem starts; `field` the mapped field.
 * @category report
 * @since 0.1.0
 * @example
 * ```ts
 * const e: ErrorReport.RowError = {
 *   file: "受給者一覧.csv", line: 3, column: "開始日", field: "startDate", value: "平成31年5月1日",
 *   code: "invalid_date", scope: "row", reasonJa: "日付として読めません", reasonEn: "not a date"
 * }
 * ```
 */
export const RowError = Schema.Struct({
  file: Schema.String,
  line: Schema.Int,
  column: Schema.optionalKey(Schema.String),
  character: Schema.optionalKey(Schema.Int),
  field: Schema.optionalKey(Schema.String),
  value: Schema.String,
  code: ErrorCode,
  scope: Schema.Literals(["row", "file"]),
  reasonJa: Schema.String,
  reasonEn: Schema.String
})
/** @category report */
export type RowError = typeof RowError.Type

/**
 * The report's header line (bilingual). @category report @since 0.1.0
 * @example
 * ```ts
 * ErrorReport.header[0] // "ファイル file"
 * ```
 */
export const header: ReadonlyArray<string> = ["ファイル file", "行 line", "列 column", "文字位置 character", "項目 field", "値 value", "種別 code", "範囲 scope", "理由", "reason"]

const escapeUnencodable = (text: string, encoding: OutputEncoding): string => {
  const bad = unencodable(text, encoding)
  if (bad.length === 0) return text
  let out = ""
  for (const c of text) out += bad.some((b) => b.character === c) ? `[${`U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`}]` : c
  return out
}

/** A value as shown in the report: control characters visible, long values cut. */
const shown = (value: string): string => {
  const visible = value.replace(/\r/g, "\\r").replace(/\n/g, "\\n")
  return visible.length > 200 ? `${visible.slice(0, 200)}…（${visible.length}文字）` : visible
}

/**
 * The report as CSV text (CRLF line ends). In Shift_JIS, characters the encoding cannot hold are
 * written as `[U+XXXX]` (the report must never lose what was wrong).
 * @category report
 * @since 0.1.0
 * @example
 * ```ts
 * const e: ErrorReport.RowError = { file: "a.csv", line: 2, value: "", code: "required", scope: "row", reasonJa: "必須項目です", reasonEn: "required" }
 * const csv = ErrorReport.toCsv([e]) // the header line, then one line per problem (CRLF)
 * ```
 */
export const toCsv = (errors: Iterable<RowError>, encoding: OutputEncoding = "utf-8"): string => {
  const lines = [csvLine(header)]
  for (const e of errors) {
    lines.push(
      csvLine(
        [e.file, String(e.line), e.column ?? "", e.character === undefined ? "" : String(e.character), e.field ?? "", shown(e.value), e.code, e.scope, e.reasonJa, e.reasonEn].map((v) =>
          escapeUnencodable(v, encoding)
        )
      )
    )
  }
  return lines.join("")
}

/**
 * The report as bytes: UTF-8 with a BOM (so spreadsheet software detects it) or Shift_JIS. @category report @since 0.1.0
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs"
 * const e: ErrorReport.RowError = { file: "a.csv", line: 2, value: "", code: "required", scope: "row", reasonJa: "必須項目です", reasonEn: "required" }
 * writeFileSync("errors.csv", ErrorReport.toBytes([e], "shift_jis")) // for the sending system's staff
 * ```
 */
export const toBytes = (errors: Iterable<RowError>, encoding: OutputEncoding = "utf-8"): Buffer => {
  const text = toCsv(errors, encoding)
  return encoding === "utf-8" ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), encodeText(text, "utf-8")]) : encodeText(text, "shift_jis")
}

/**
 * A one-line description of a problem, for logs and terminals. @category report @since 0.1.0
 * @example
 * ```ts
 * const e: ErrorReport.RowError = { file: "a.csv", line: 2, column: "氏名", value: "", code: "required", scope: "row", reasonJa: "必須項目です", reasonEn: "required" }
 * console.log(ErrorReport.describe(e))
 * ```
 */
export const describe = (e: RowError): string =>
  `${e.file}:${e.line}${e.character === undefined ? "" : `:${e.character}`}${e.column === undefined ? "" : ` [${e.column}]`} ${e.code}: ${e.reasonEn} / ${e.reasonJa}`
