/**
 * Encoding — bytes to text for core-system files (文字コード): UTF-8 (with or without BOM) and
 * Shift_JIS as Windows writes it (CP932, NEC and IBM extensions included), declared or detected.
 *
 * Decoding uses the platform's `TextDecoder(…, { fatal: true })` with `stream: true`, fed in
 * segments that end at a line feed. A line feed is never part of a multi-byte character in either
 * encoding, so every segment starts on a character boundary: memory stays at one segment plus one
 * unfinished line (bounded by `maxLineBytes`), and any byte that does not decode is located exactly
 * (line, character column, byte offset). Detection (`auto`): a UTF-8 BOM means UTF-8; otherwise the
 * first segment with a non-ASCII byte decides — valid UTF-8 is UTF-8, else valid Shift_JIS is
 * Shift_JIS. UTF-16 files are refused.
 *
 * @since 0.1.0
 * @module
 */
import { isAscii } from "node:buffer"
import { Schema } from "effect"

/**
 * An encoding a file can be in (文字コード). @category encodings @since 0.1.0
 * @example
 * ```ts
 * const sjis: Encoding.Encoding = "shift_jis"
 * ```
 */
export const Encoding = Schema.Literals(["utf-8", "shift_jis"])
/** @category encodings */
export type Encoding = typeof Encoding.Type

/**
 * What the caller declares: an encoding, or `auto` to detect it. @category encodings @since 0.1.0
 * @example
 * ```ts
 * const declared: Encoding.Declared = "auto" // detect UTF-8 or Shift_JIS from the bytes
 * ```
 */
export const Declared = Schema.Literals(["auto", "utf-8", "shift_jis"])
/** @category encodings */
export type Declared = typeof Declared.Type

/**
 * A place in a file where bytes do not decode. @category problems @since 0.1.0
 * @example
 * ```ts
 * const reader = new Encoding.TextReader({ declared: "utf-8", maxLineBytes: 4096 })
 * const where = (p: Encoding.DecodeProblem): string => `line ${p.line}, character ${p.character}: ${p.value} (${p.code})`
 * console.log(reader.problems.map(where))
 * ```
 */
export interface DecodeProblem {
  readonly code: "invalid_encoding" | "truncated_character" | "unsupported_encoding" | "bom_mismatch"
  readonly line: number
  /** 1-based character position in the line. */
  readonly character: number
  readonly byteOffset: number
  /** The offending bytes, hex (`0x82 0x20`). */
  readonly value: string
  readonly reasonJa: string
  readonly reasonEn: string
}

/**
 * A line longer than the limit: reading stops (the file cannot be trusted past it). @category problems @since 0.1.0
 * @example
 * ```ts
 * const stop = new Encoding.LineTooLong(12, 4097, 4096)
 * stop.message // "line 12 is longer than 4096 bytes (the record limit); reading stopped at character 4097"
 * ```
 */
export class LineTooLong extends Error {
  readonly _tag = "LineTooLong"
  readonly line: number
  readonly character: number
  readonly limitBytes: number
  constructor(line: number, character: number, limitBytes: number) {
    super(`line ${line} is longer than ${limitBytes} bytes (the record limit); reading stopped at character ${character}`)
    this.line = line
    this.character = character
    this.limitBytes = limitBytes
  }
}

type Decoder = InstanceType<typeof TextDecoder>

const LF = 0x0a
const labelOf = (e: Encoding): string => (e === "utf-8" ? "utf-8" : "shift_jis")
const nameOf = (e: Encoding): string => (e === "utf-8" ? "UTF-8" : "Shift_JIS (CP932)")

const fatalDecoder = (e: Encoding): Decoder => new TextDecoder(labelOf(e), { fatal: true, ignoreBOM: true })
const lossyDecoder = (e: Encoding): Decoder => new TextDecoder(labelOf(e), { fatal: false, ignoreBOM: true })

const decodes = (e: Encoding, bytes: Uint8Array): boolean => {
  try {
    fatalDecoder(e).decode(bytes)
    return true
  } catch {
    return false
  }
}

const hex = (bytes: Uint8Array): string => [...bytes].map((b) => `0x${b.toString(16).padStart(2, "0").toUpperCase()}`).join(" ")

/**
 * Where the first undecodable byte of one line (no line feed inside) is: the shortest prefix that
 * fails even as a stream (an unfinished character at the end does not fail) ends at the bad byte.
 */
const locateInLine = (e: Encoding, line: Uint8Array): { readonly badAt: number; readonly truncated: boolean } => {
  let lo = 1
  let hi = line.length
  const failsAt = (k: number): boolean => {
    try {
      fatalDecoder(e).decode(line.subarray(0, k), { stream: true })
      return false
    } catch {
      return true
    }
  }
  if (!failsAt(hi)) return { badAt: lastCharStart(e, line), truncated: true }
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (failsAt(mid)) hi = mid
    else lo = mid + 1
  }
  return { badAt: lo - 1, truncated: false }
}

/** Start of the unfinished character at the end of a line (for a truncated-character report). */
const lastCharStart = (e: Encoding, line: Uint8Array): number => {
  for (let k = line.length - 1; k >= Math.max(0, line.length - 4); k--) {
    if (decodes(e, line.subarray(0, k))) return k
  }
  return Math.max(0, line.length - 1)
}

const charsIn = (e: Encoding, bytes: Uint8Array): number => lossyDecoder(e).decode(bytes, { stream: true }).length

/**
 * Options of {@link TextReader}. @category reading @since 0.1.0
 * @example
 * ```ts
 * const options: Encoding.Options = { declared: "auto", maxLineBytes: 65_536, maxProblems: 100 }
 * ```
 */
export interface Options {
  readonly declared: Declared
  readonly maxLineBytes: number
  /** Stop collecting problems after this many (the file is rejected anyway). */
  readonly maxProblems?: number
}

/**
 * Turns a byte stream into text segments (each ending at a line feed, the last maybe not),
 * collecting every decoding problem with its position. `encoding` is known once decided.
 * @category reading
 * @since 0.1.0
 * @example
 * ```ts
 * import { createReadStream } from "node:fs"
 * const reader = new Encoding.TextReader({ declared: "auto", maxLineBytes: 65_536 })
 * let text = ""
 * for await (const segment of reader.segments(createReadStream("受給者一覧.csv"))) text += segment
 * console.log(reader.encoding, reader.problems.length) // "shift_jis" 0
 * ```
 */
export class TextReader {
  encoding: Encoding | undefined
  /** The line where detection decided, for error hints. */
  decidedAtLine: number | undefined
  readonly problems: Array<DecodeProblem> = []
  /** Lines with a decoding problem (their fields are not checked further: they would only echo it). */
  readonly badLines = new Set<number>()
  problemCount = 0
  bytesRead = 0
  private nextLine = 1
  private decoder: Decoder | undefined
  private started = false

  readonly options: Options
  constructor(options: Options) {
    this.options = options
    if (options.declared !== "auto") this.decide(options.declared, 1)
  }

  private decide(e: Encoding, line: number): void {
    this.encoding = e
    this.decidedAtLine = line
    this.decoder = fatalDecoder(e)
  }

  private report(p: DecodeProblem): void {
    this.problemCount++
    if (this.badLines.size < 100_000) this.badLines.add(p.line)
    if (this.problems.length < (this.options.maxProblems ?? 100)) this.problems.push(p)
  }

  /** Reads `source` and yields text; throws {@link LineTooLong} when a line exceeds the limit. */
  async *segments(source: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
    let carry: Uint8Array = new Uint8Array(0)
    let offset = 0 // byte offset of carry[0] in the file
    for await (const raw of source) {
      let chunk = raw instanceof Uint8Array ? raw : new Uint8Array(raw as ArrayBuffer)
      this.bytesRead += chunk.length
      if (!this.started) {
        const start = this.start(chunk)
        if (start === "stop") return
        chunk = chunk.subarray(start)
        offset += start
        this.started = true
      }
      const lastLf = chunk.lastIndexOf(LF)
      if (lastLf < 0) {
        carry = concat(carry, chunk)
        if (carry.length > this.options.maxLineBytes) {
          throw new LineTooLong(this.nextLine, charsIn(this.encoding ?? "utf-8", carry.subarray(0, this.options.maxLineBytes)) + 1, this.options.maxLineBytes)
        }
        continue
      }
      const segment = concat(carry, chunk.subarray(0, lastLf + 1))
      const segmentOffset = offset
      carry = chunk.slice(lastLf + 1)
      offset = segmentOffset + segment.length
      if (maxLine(segment) > this.options.maxLineBytes) {
        throw new LineTooLong(this.nextLine + countLf(segment.subarray(0, longestLineStart(segment)), 0), 1, this.options.maxLineBytes)
      }
      yield this.decodeSegment(segment, segmentOffset, false)
    }
    if (!this.started) return
    if (carry.length > 0) yield this.decodeSegment(carry, offset, true)
  }

  /** Handles byte-order marks; returns how many bytes to skip, or "stop" for an unusable file. */
  private start(chunk: Uint8Array): number | "stop" {
    if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
      if (this.encoding === "shift_jis") {
        this.report({
          code: "bom_mismatch",
          line: 1,
          character: 1,
          byteOffset: 0,
          value: "0xEF 0xBB 0xBF",
          reasonJa: "Shift_JIS と指定されましたが、ファイルは UTF-8 の BOM で始まっています",
          reasonEn: "declared Shift_JIS, but the file starts with a UTF-8 byte-order mark"
        })
        return "stop"
      }
      this.decide("utf-8", 1)
      return 3
    }
    if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
      this.report({
        code: "unsupported_encoding",
        line: 1,
        character: 1,
        byteOffset: 0,
        value: hex(chunk.subarray(0, 2)),
        reasonJa: "UTF-16 のファイルには対応していません。UTF-8 または Shift_JIS で出力してください",
        reasonEn: "UTF-16 files are not supported; export the file as UTF-8 or Shift_JIS"
      })
      return "stop"
    }
    return 0
  }

  private decodeSegment(segment: Uint8Array, offset: number, final: boolean): string {
    const firstLine = this.nextLine
    this.nextLine += countLf(segment, 0)
    if (this.encoding === undefined) {
      if (isAscii(segment)) return Buffer.from(segment.buffer, segment.byteOffset, segment.length).toString("latin1")
      const detected: Encoding | undefined = decodes("utf-8", segment) ? "utf-8" : decodes("shift_jis", segment) ? "shift_jis" : undefined
      this.decide(detected ?? (looksUtf8(segment) ? "utf-8" : "shift_jis"), firstLine)
    }
    const e = this.encoding!
    try {
      return this.decoder!.decode(segment, { stream: !final })
    } catch {
      this.decoder = fatalDecoder(e)
      this.locate(segment, offset, firstLine, e)
      return lossyDecoder(e).decode(segment)
    }
  }

  private locate(segment: Uint8Array, offset: number, firstLine: number, e: Encoding): void {
    let start = 0
    let line = firstLine
    while (start < segment.length) {
      const lf = segment.indexOf(LF, start)
      const end = lf < 0 ? segment.length : lf
      const bytes = segment.subarray(start, end)
      if (!decodes(e, bytes)) {
        const { badAt, truncated } = locateInLine(e, bytes)
        const other: Encoding = e === "utf-8" ? "shift_jis" : "utf-8"
        const hint =
          decodes(other, bytes) && !isAscii(bytes)
            ? { ja: `（この行は ${nameOf(other)} としては読めます。文字コードの指定または混在を確認してください）`, en: ` (the line does decode as ${nameOf(other)}: check the declared encoding, or the file mixes encodings)` }
            : { ja: "", en: "" }
        const detected = this.options.declared === "auto" ? { ja: `${this.decidedAtLine}行目で${nameOf(e)}と判定`, en: `detected as ${nameOf(e)} at line ${this.decidedAtLine}` } : { ja: `${nameOf(e)}と指定`, en: `declared ${nameOf(e)}` }
        this.report({
          code: truncated ? "truncated_character" : "invalid_encoding",
          line,
          character: charsIn(e, bytes.subarray(0, badAt)) + 1,
          byteOffset: offset + start + badAt,
          value: hex(bytes.subarray(badAt, Math.min(bytes.length, badAt + (truncated ? 4 : 2)))),
          reasonJa: `${truncated ? "行末の文字が途中で切れています" : "文字として読めないバイトがあります"}（${detected.ja}）${hint.ja}`,
          reasonEn: `${truncated ? "a character is cut off at the end of the line" : "bytes that are not a character"} (${detected.en})${hint.en}`
        })
      }
      if (lf < 0) break
      start = lf + 1
      line++
    }
  }
}

const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  if (a.length === 0) return b
  const out = new Uint8Array(a.length + b.length)
  out.set(a, 0)
  out.set(b, a.length)
  return out
}

const countLf = (bytes: Uint8Array, from: number): number => {
  let n = 0
  for (let i = bytes.indexOf(LF, from); i >= 0; i = bytes.indexOf(LF, i + 1)) n++
  return n
}

const maxLine = (bytes: Uint8Array): number => {
  let max = 0
  let start = 0
  for (let i = bytes.indexOf(LF); i >= 0; i = bytes.indexOf(LF, i + 1)) {
    if (i - start > max) max = i - start
    start = i + 1
  }
  return Math.max(max, bytes.length - start)
}

const longestLineStart = (bytes: Uint8Array): number => {
  let max = -1
  let at = 0
  let start = 0
  for (let i = bytes.indexOf(LF); i >= 0; i = bytes.indexOf(LF, i + 1)) {
    if (i - start > max) {
      max = i - start
      at = start
    }
    start = i + 1
  }
  return at
}

/** Whether the bytes look like (possibly damaged) UTF-8 rather than Shift_JIS: multi-byte lead bytes of UTF-8 shape. */
const looksUtf8 = (bytes: Uint8Array): boolean => {
  let utf8 = 0
  for (let i = 0; i + 2 < bytes.length; i++) {
    const b = bytes[i]!
    if (b >= 0xe0 && b <= 0xef && (bytes[i + 1]! & 0xc0) === 0x80 && (bytes[i + 2]! & 0xc0) === 0x80) utf8++
  }
  return utf8 > 0
}

/**
 * Encodes text for a test or a sample file (UTF-8, or Shift_JIS through iconv-lite).
 * @category writing
 * @since 0.1.0
 */
export { encodeText } from "./internal/encode.ts"
