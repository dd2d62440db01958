// Encoding text for export: UTF-8 through Buffer, Shift_JIS (CP932) through iconv-lite; every value
// is decoded back and compared, so a character the encoding cannot hold is found (iconv-lite would
// write "?" and map ¥ to a backslash; UTF-8 would write U+FFFD for a lone surrogate).
import iconv from "iconv-lite"

export type OutputEncoding = "utf-8" | "shift_jis"

/** A character that cannot be written in the encoding, with a suggestion where a usual one exists. */
export interface Unencodable {
  readonly character: string
  readonly codePoint: string
  /** 1-based character position in the value. */
  readonly position: number
  readonly suggestion?: string
}

// The usual substitutes Windows users expect in Shift_JIS files.
const SUBSTITUTES: Readonly<Record<string, string>> = { "\u301C": "\uFF5E", "\u2212": "\uFF0D", "\u00A5": "\uFFE5", "\u2016": "\u2225", "\u00A2": "\uFFE0", "\u00A3": "\uFFE1", "\u00AC": "\uFFE2", "\u2014": "\u2015" }

const encodeRaw = (text: string, encoding: OutputEncoding): Buffer => (encoding === "utf-8" ? Buffer.from(text, "utf8") : iconv.encode(text, "cp932"))
const decodeRaw = (bytes: Buffer, encoding: OutputEncoding): string => (encoding === "utf-8" ? bytes.toString("utf8") : iconv.decode(bytes, "cp932"))

const codePoint = (c: string): string => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`

/** The characters of `text` that do not survive the encoding (empty when it round-trips). */
export const unencodable = (text: string, encoding: OutputEncoding): ReadonlyArray<Unencodable> => {
  if (decodeRaw(encodeRaw(text, encoding), encoding) === text) return []
  const out: Array<Unencodable> = []
  let position = 0
  for (const c of text) {
    position++
    if (decodeRaw(encodeRaw(c, encoding), encoding) !== c) {
      const suggestion = encoding === "shift_jis" ? SUBSTITUTES[c] : undefined
      out.push({ character: c, codePoint: codePoint(c), position, ...(suggestion === undefined ? {} : { suggestion }) })
    }
  }
  return out
}

/**
 * Encodes text for a test or a sample file (UTF-8, or Shift_JIS through iconv-lite); the text must
 * round-trip (check first with `Export.check`).
 * @category writing
 * @since 0.1.0
 * @example
 * ```ts
 * const bytes = Encoding.encodeText("氏名,生年月日\r\n", "shift_jis") // a Shift_JIS sample file for a test
 * ```
 */
export const encodeText = (text: string, encoding: OutputEncoding): Buffer => encodeRaw(text, encoding)
