// RFC 4180 CSV: reading with the line of every record (for errors that name line and column)
// and writing with quoting only where needed.

export interface CsvRecord {
  /** 1-based line where the record starts. */
  readonly line: number
  readonly fields: ReadonlyArray<string>
}

export type CsvParse = { readonly ok: true; readonly records: ReadonlyArray<CsvRecord> } | { readonly ok: false; readonly line: number; readonly column: number; readonly message: string }

/** Parses CSV text (a leading BOM is dropped; CRLF, LF and quoted fields with newlines accepted). */
export const parse = (text: string): CsvParse => {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const records: Array<CsvRecord> = []
  let fields: Array<string> = []
  let field = ""
  let line = 1, recordLine = 1
  let i = 0
  let quoted = false
  let fieldStarted = false
  let quoteLine = 1, quoteColumn = 1
  while (i < s.length) {
    const ch = s[i]!
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
        i++
        const next = s[i]
        if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
          return { ok: false, line, column: fields.length + 1, message: "a closing quote must end the field" }
        }
        continue
      }
      if (ch === "\n") line++
      field += ch
      i++
      continue
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true
      fieldStarted = true
      quoteLine = line
      quoteColumn = fields.length + 1
      i++
      continue
    }
    if (ch === '"') return { ok: false, line, column: fields.length + 1, message: "a quote inside an unquoted field" }
    if (ch === ",") {
      fields.push(field)
      field = ""
      fieldStarted = false
      i++
      continue
    }
    if (ch === "\r" || ch === "\n") {
      fields.push(field)
      if (!(fields.length === 1 && fields[0] === "")) records.push({ line: recordLine, fields })
      fields = []
      field = ""
      fieldStarted = false
      i += ch === "\r" && s[i + 1] === "\n" ? 2 : 1
      line++
      recordLine = line
      continue
    }
    field += ch
    fieldStarted = true
    i++
  }
  if (quoted) return { ok: false, line: quoteLine, column: quoteColumn, message: `the quoted field opened on line ${quoteLine} never closes` }
  if (fieldStarted || fields.length > 0) {
    fields.push(field)
    records.push({ line: recordLine, fields })
  }
  return { ok: true, records }
}

const needsQuotes = /[",\r\n]/

/** One CSV field, quoted when it holds a comma, quote or newline. */
export const field = (value: string | number): string => {
  const s = typeof value === "number" ? formatNumber(value) : value
  return needsQuotes.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** Numbers as plain decimals (no exponent for ordinary magnitudes), never NaN. */
export const formatNumber = (x: number): string => (Number.isFinite(x) ? (Number.isInteger(x) ? String(x) : String(Math.round(x * 1e10) / 1e10)) : "")

/** Lines → CSV text (LF line ends, a final newline). */
export const write = (rows: ReadonlyArray<ReadonlyArray<string | number>>): string => rows.map((r) => r.map(field).join(",")).join("\n") + "\n"
