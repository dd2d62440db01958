// What the catalogue's file formats (test cases, variants) share: the calendar-date field, the JSON
// Schema document (strict: no unknown keys anywhere), reading a file (UTF-8, size and depth limits,
// BOM), JSON with positions (every issue carries the line and column of the offending value),
// Schema issues flattened into path-named problems (unknown keys with "did you mean", enumerations
// with their values) and the Japanese wording of every message.
import { Period } from "@jiritsu/core"
import { Result, Schema, SchemaIssue } from "effect"
import { findNodeAtLocation, type Node, type ParseError, parseTree, printParseErrorCode } from "jsonc-parser"
import { readFileSync, statSync } from "node:fs"

/** One problem in a file: the file, the path inside it, where it is (1-based) and why. */
export interface FileIssue {
  readonly file?: string
  readonly path: ReadonlyArray<string | number>
  readonly line?: number
  readonly column?: number
  readonly message: string
}

const DATE_PATTERN = "^(18(7[3-9]|[89][0-9])|19[0-9]{2}|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}$"

/**
 * A calendar date field (Period.LocalDate: a real day, 1873–9999). Its JSON Schema says the same:
 * `format: date` (a real day: ajv-formats and editors check it) and the year range as a pattern.
 */
export const CalendarDate = Period.LocalDate.check(Schema.isPattern(new RegExp(DATE_PATTERN, "u"), { toJsonSchema: () => ({ format: "date", pattern: DATE_PATTERN }) }))

/** The JSON Schema (draft 2020-12) document of a file format: every object closed (`additionalProperties: false`). */
export const fileJsonSchema = (schema: Schema.Top, id: string, title: string): Record<string, unknown> => {
  const doc = Schema.toJsonSchemaDocument(schema, { onExcessProperty: "error" })
  return { $schema: "https://json-schema.org/draft/2020-12/schema", $id: id, title, ...doc.schema, $defs: doc.definitions }
}

// ---------------------------------------------------------------------------------------------
// Did you mean
// ---------------------------------------------------------------------------------------------

const distance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    previous = current
  }
  return previous[b.length]!
}

/** The candidate a misspelt word most likely meant: within a third of its length (1–3 edits), or the same word in another case. */
export const suggest = (word: string, candidates: Iterable<string>): string | undefined => {
  if (word.length > 64) return undefined
  let best: string | undefined
  let bestDistance = Infinity
  for (const c of candidates) {
    if (c === word) continue
    const d = c.toLowerCase() === word.toLowerCase() ? 0.5 : distance(word, c)
    if (d < bestDistance) [best, bestDistance] = [c, d]
  }
  return best !== undefined && bestDistance <= Math.min(3, Math.max(1, Math.floor(word.length / 3))) ? best : undefined
}

/** ` (did you mean "x"?)` or nothing. */
export const didYouMean = (word: unknown, candidates: Iterable<string>): string => {
  const guess = typeof word === "string" ? suggest(word, candidates) : undefined
  return guess === undefined ? "" : ` (did you mean ${JSON.stringify(guess)}?)`
}

// ---------------------------------------------------------------------------------------------
// Schema issues → path-named problems
// ---------------------------------------------------------------------------------------------

const describe = (value: unknown): string => {
  if (value === undefined) return "nothing"
  if (value === null) return "null"
  if (typeof value === "string") return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}…` : JSON.stringify(value)
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : `a list of ${value.length}`
  if (typeof value === "object") return "an object"
  return String(value)
}

const valueAt = (input: unknown, path: ReadonlyArray<string | number>): unknown =>
  path.reduce<unknown>((v, k) => (typeof v === "object" && v !== null ? (v as Record<string | number, unknown>)[k] : undefined), input)

interface AstLike {
  readonly _tag?: string
  readonly literal?: unknown
  readonly types?: ReadonlyArray<AstLike>
  readonly propertySignatures?: ReadonlyArray<{ readonly name: PropertyKey }>
}

const literalsOf = (ast: AstLike | undefined): ReadonlyArray<unknown> | undefined =>
  ast?._tag === "Literal" ? [ast.literal] : ast?._tag === "Union" && ast.types?.every((t) => t._tag === "Literal") ? ast.types.map((t) => t.literal) : undefined

const standardFormatter = SchemaIssue.makeFormatterStandardSchemaV1()

const leafMessage = (issue: SchemaIssue.Issue, value: unknown): string => {
  const ast = (issue as { readonly ast?: AstLike }).ast
  const literals = literalsOf(ast)
  if (literals !== undefined) {
    const list = literals.map((l) => JSON.stringify(l)).join(", ")
    return `${literals.length === 1 ? `expected ${list}` : `expected one of ${list}`}, got ${describe(value)}${didYouMean(value, literals.filter((l): l is string => typeof l === "string"))}`
  }
  if (issue._tag === "MissingKey") return "missing (required)"
  let text: unknown
  try {
    text = issue._tag === "AnyOf" || issue._tag === "Composite" ? standardFormatter(issue).issues[0]?.message : SchemaIssue.defaultLeafHook(issue as SchemaIssue.Leaf)
  } catch {
    text = undefined
  }
  if (typeof text !== "string" || text === "") return `has none of the allowed forms, got ${describe(value)}`
  return /^Expected /.test(text) && !text.includes(", got") ? `${text}, got ${describe(value)}` : text
}

/** Every Schema issue of a decoding failure, with its path; unknown keys are named on their object. */
export const schemaIssues = (error: Schema.SchemaError, input: unknown): ReadonlyArray<FileIssue> => {
  const out: Array<FileIssue> = []
  const visit = (issue: SchemaIssue.Issue, path: ReadonlyArray<string | number>): void => {
    switch (issue._tag) {
      case "Pointer":
        return visit(issue.issue, [...path, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))])
      case "Composite":
      case "AnyOf":
        if (issue.issues.length > 0) {
          for (const sub of issue.issues) visit(sub, path)
          return
        }
        out.push({ path, message: leafMessage(issue, valueAt(input, path)) })
        return
      case "Filter": {
        const message = SchemaIssue.defaultCheckHook(issue)
        if (message !== undefined) {
          out.push({ path, message })
          return
        }
        return visit(issue.issue, path)
      }
      case "Encoding":
        return visit(issue.issue, path)
      case "UnexpectedKey": {
        const key = String(path[path.length - 1])
        const allowed = ((issue.ast as AstLike).propertySignatures ?? []).map((p) => String(p.name))
        const hint = didYouMean(key, allowed)
        out.push({ path: path.slice(0, -1), message: hint !== "" ? `unknown key ${JSON.stringify(key)}${hint}` : `unknown key ${JSON.stringify(key)}; allowed keys: ${allowed.join(", ")}` })
        return
      }
      default:
        out.push({ path, message: leafMessage(issue, valueAt(input, path)) })
    }
  }
  visit(error.issue, [])
  return dedupe(out)
}

const dedupe = (issues: ReadonlyArray<FileIssue>): ReadonlyArray<FileIssue> => {
  const seen = new Set<string>()
  return issues.filter((i) => {
    const key = `${i.path.join("\u0000")}\u0001${i.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** A strict decoder of a file-format schema: every issue, unknown keys are errors. */
export const strictDecode = <S extends Schema.Top>(schema: S) => {
  const decode = Schema.decodeUnknownResult(schema as never, { errors: "all", onExcessProperty: "error" }) as (u: unknown) => Result.Result<S["Type"], Schema.SchemaError>
  return (input: unknown): Result.Result<S["Type"], ReadonlyArray<FileIssue>> => Result.mapError(decode(input), (e) => schemaIssues(e, input))
}

/** Prefixes the path of issues found by a decoder of one part of a document. */
export const under = (prefix: ReadonlyArray<string | number>, issues: ReadonlyArray<{ readonly path: ReadonlyArray<string | number>; readonly message: string }>): ReadonlyArray<FileIssue> =>
  issues.map((i) => ({ path: [...prefix, ...i.path], message: i.message }))

// ---------------------------------------------------------------------------------------------
// Reading files and JSON with positions
// ---------------------------------------------------------------------------------------------

/** Larger files are refused before they are read (a case or variant file is a few hundred kB). */
export const MAX_FILE_BYTES = 16 * 1024 * 1024
/** Deeper nesting is refused before parsing (rules nest a dozen levels; decoders recurse). */
export const MAX_DEPTH = 200

/** Reads a file as UTF-8 text: missing, too large and non-UTF-8 files (e.g. Shift_JIS) are issues. */
export const readText = (path: string): Result.Result<string, FileIssue> => {
  try {
    const size = statSync(path).size
    if (size > MAX_FILE_BYTES) return Result.fail({ file: path, path: [], message: `file too large (${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)` })
    const bytes = readFileSync(path)
    return Result.succeed(new TextDecoder("utf-8", { fatal: true }).decode(bytes))
  } catch (e) {
    const error = e as NodeJS.ErrnoException
    if (error instanceof TypeError) return Result.fail({ file: path, path: [], message: "not UTF-8 text (save the file as UTF-8; Shift_JIS files are not read)" })
    return Result.fail({ file: path, path: [], message: `cannot read: ${error.message}` })
  }
}

/** A parsed JSON document with the position of every value. */
export interface JsonDocument {
  readonly value: unknown
  /** Line and column (1-based) of the value at a path, or of its nearest existing ancestor; of the key itself when `key` is given. */
  readonly locate: (path: ReadonlyArray<string | number>, key?: string) => { readonly line: number; readonly column: number } | undefined
}

const lineStarts = (text: string): ReadonlyArray<number> => {
  const starts = [0]
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1)
  return starts
}

const positionAt = (starts: ReadonlyArray<number>, offset: number): { readonly line: number; readonly column: number } => {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= offset) lo = mid
    else hi = mid - 1
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 }
}

// The deepest nesting of arrays and objects, counted without parsing (strings skipped).
const nestingDepth = (text: string): number => {
  let depth = 0
  let max = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92) i++
      else if (c === 34) inString = false
    } else if (c === 34) inString = true
    else if (c === 123 || c === 91) max = Math.max(max, ++depth)
    else if (c === 125 || c === 93) depth--
  }
  return max
}

const PARSE_ERRORS: Readonly<Record<string, string>> = {
  InvalidSymbol: "unexpected character",
  InvalidNumberFormat: "invalid number",
  PropertyNameExpected: "a key in double quotes expected",
  ValueExpected: "a value expected",
  ColonExpected: "':' expected",
  CommaExpected: "',' expected",
  CloseBraceExpected: "'}' expected",
  CloseBracketExpected: "']' expected",
  EndOfFileExpected: "nothing more expected after the document",
  InvalidCommentToken: "comments are not allowed in JSON",
  UnexpectedEndOfComment: "comments are not allowed in JSON",
  UnexpectedEndOfString: "unterminated string",
  UnexpectedEndOfNumber: "unterminated number",
  InvalidUnicode: "invalid \\u escape",
  InvalidEscapeCharacter: "invalid escape character",
  InvalidCharacter: "invalid character in a string (control characters must be escaped)"
}

const duplicateKeys = (root: Node, starts: ReadonlyArray<number>): ReadonlyArray<FileIssue> => {
  const out: Array<FileIssue> = []
  const visit = (node: Node, path: ReadonlyArray<string | number>): void => {
    if (node.type === "array") node.children?.forEach((c, i) => visit(c, [...path, i]))
    if (node.type !== "object") return
    const seen = new Set<string>()
    for (const property of node.children ?? []) {
      const [keyNode, valueNode] = property.children ?? []
      if (keyNode === undefined) continue
      const key = String(keyNode.value)
      if (seen.has(key)) out.push({ path, ...positionAt(starts, keyNode.offset), message: `duplicate key ${JSON.stringify(key)} (JSON keeps only the last one)` })
      seen.add(key)
      if (valueNode !== undefined) visit(valueNode, [...path, key])
    }
  }
  visit(root, [])
  return out
}

/**
 * Parses JSON text (a leading byte-order mark is allowed) keeping the position of every value.
 * Syntax errors, duplicate keys and excessive nesting are issues with line and column.
 */
export const parseJson = (raw: string): Result.Result<JsonDocument, ReadonlyArray<FileIssue>> => {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw
  const shift = raw.length - text.length
  const starts = lineStarts(raw)
  if (text.trim() === "") return Result.fail([{ path: [], line: 1, column: 1, message: "not valid JSON: the file is empty" }])
  const depth = nestingDepth(text)
  if (depth > MAX_DEPTH) return Result.fail([{ path: [], line: 1, column: 1, message: `nested ${depth} levels deep (the limit is ${MAX_DEPTH})` }])
  const errors: Array<ParseError> = []
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false })
  if (errors.length > 0 || tree === undefined) {
    const first = errors[0]
    const code = first === undefined ? "ValueExpected" : printParseErrorCode(first.error)
    return Result.fail([{ path: [], ...positionAt(starts, (first?.offset ?? 0) + shift), message: `not valid JSON: ${PARSE_ERRORS[code] ?? code}` }])
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    return Result.fail([{ path: [], line: 1, column: 1, message: `not valid JSON: ${(e as Error).message}` }])
  }
  const duplicates = duplicateKeys(tree, starts)
  if (duplicates.length > 0) return Result.fail(duplicates.map((d) => ({ ...d, column: d.column! + (d.line === 1 ? shift : 0) })))
  const locate = (path: ReadonlyArray<string | number>, key?: string) => {
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(tree, [...path.slice(0, n)])
      if (node === undefined) continue
      if (key !== undefined && n === path.length && node.type === "object") {
        const property = node.children?.find((p) => p.children?.[0]?.value === key)
        if (property !== undefined) return positionAt(starts, property.offset + shift)
      }
      return positionAt(starts, node.offset + shift)
    }
    return undefined
  }
  return Result.succeed({ value, locate })
}

const UNKNOWN_KEY = /^unknown key ("(?:[^"\\]|\\.)*")/

/** Adds line and column to issues found in a document read from JSON text. */
export const withPositions = (doc: JsonDocument, issues: ReadonlyArray<FileIssue>): ReadonlyArray<FileIssue> =>
  issues.map((i) => {
    if (i.line !== undefined) return i
    const key = UNKNOWN_KEY.exec(i.message)
    const at = doc.locate(i.path, key === null ? undefined : (JSON.parse(key[1]!) as string))
    return at === undefined ? i : { ...i, ...at }
  })

// ---------------------------------------------------------------------------------------------
// Japanese wording (--lang ja)
// ---------------------------------------------------------------------------------------------

const JA: ReadonlyArray<readonly [RegExp, (...m: ReadonlyArray<string>) => string]> = [
  [/^unknown key (".*?") \(did you mean (".*?")\?\)$/, (k, g) => `不明なキー ${k}（${g} の誤りではありませんか）`],
  [/^unknown key (".*?"); allowed keys: (.*)$/, (k, a) => `不明なキー ${k}（使えるキー: ${a}）`],
  [/^unknown fact (".*?") \(did you mean (".*?")\?\)$/, (k, g) => `不明な事実 ${k}（${g} の誤りではありませんか）`],
  [/^unknown fact (".*?")(.*)$/, (k, rest) => `不明な事実 ${k}${rest.replace(" (declare it in the catalogue's facts)", "（カタログの facts で定義してください）")}`],
  [/^unknown programme (".*?") \(did you mean (".*?")\?\)$/, (k, g) => `不明な事業 ${k}（${g} の誤りではありませんか）`],
  [/^unknown programme (".*?")$/, (k) => `不明な事業 ${k}`],
  [/^unknown base programme (".*?")(.*)$/, (k, rest) => `不明な基礎事業 ${k}${rest}`],
  [/^unknown target group (".*?")(.*)$/, (k, rest) => `不明な対象者区分 ${k}${rest.replace(/ \(did you mean (".*?")\?\)/, "（$1 の誤りではありませんか）")}`],
  [/^expected one of (.*), got (.*?)(?: \(did you mean (".*?")\?\))?$/, (l, g, d) => `次のいずれかを指定してください: ${l}（指定値: ${g}）${d === undefined ? "" : `。${d} の誤りではありませんか`}`],
  [/^(windows\.\d+\.until) \((.*?)\) is not after (windows\.\d+\.from) \((.*?)\)$/, (u, uv, f, fv) => `${u}（${uv}）が ${f}（${fv}）より後になっていません`],
  [/^(windows\.\d+\.from) \((.*?)\) is before (windows\.\d+\.until) \((.*?)\): the windows overlap$/, (f, fv, u, uv) => `${f}（${fv}）が ${u}（${uv}）より前です: 期間が重なっています`],
  [/^(windows\.\d+\.from) \((.*?)\) is before (windows\.\d+\.from) \((.*?)\): windows must be in date order$/, (a, av, b, bv) => `${a}（${av}）が ${b}（${bv}）より前です: 期間は日付順に並べてください`],
  [/^missing \(required\)$/, () => "必須項目がありません"],
  [/^not valid JSON: (.*)$/, (m) => `JSON として正しくありません: ${m}`],
  [/^duplicate key (".*?")/, (k) => `キー ${k} が重複しています（JSON では最後のものだけが残ります）`],
  [/^not UTF-8 text/, () => "UTF-8 のテキストではありません（UTF-8 で保存してください。Shift_JIS のファイルは読めません）"],
  [/^cannot read: (.*)$/, (m) => `読み込めません: ${m}`],
  [/^file too large \((.*?); the limit is (.*?)\)$/, (s, l) => `ファイルが大きすぎます（${s}。上限は ${l}）`],
  [/^nested (\d+) levels deep \(the limit is (\d+)\)$/, (d, l) => `入れ子が深すぎます（${d} 段。上限は ${l} 段）`],
  [/^expected a calendar date YYYY-MM-DD \(1873–9999\), got (.*)$/, (g) => `日付 YYYY-MM-DD（1873〜9999年）を指定してください（指定値: ${g}）`],
  [/^expected a calendar date YYYY-MM-DD, got (.*)$/, (g) => `日付 YYYY-MM-DD を指定してください（指定値: ${g}）`],
  [/^expected a boolean, got (.*)$/, (g) => `真偽値を指定してください（指定値: ${g}）`],
  [/^expected a number, got (.*)$/, (g) => `数値を指定してください（指定値: ${g}）`],
  [/^expected a string, got (.*)$/, (g) => `文字列を指定してください（指定値: ${g}）`],
  [/^expected a list of strings, got (.*)$/, (g) => `文字列のリストを指定してください（指定値: ${g}）`],
  [/^Expected (.*), got (.*)$/, (e, g) => `${e} が必要です（指定値: ${g}）`],
  [/^Expected a value with a length of at least (\d+)(.*)$/, (n, rest) => `長さ ${n} 以上が必要です${rest}`],
  [/^Missing key/, () => "必須項目がありません"],
  [/^internal error while checking: (.*)$/, (m) => `検査中の内部エラー: ${m}`]
]

/** A message in the reader's language: Japanese wording for every message the formats produce. */
export const localize = (message: string, lang: "ja" | "en"): string => {
  if (lang === "en") return message
  for (const [pattern, render] of JA) {
    const m = pattern.exec(message)
    if (m !== null) return render(...m.slice(1).map((g) => g as string))
  }
  return message
}
