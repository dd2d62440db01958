// Shared test helpers: the sample files, the mapping, encoders, byte streams.
import { Result } from "effect"
import iconv from "iconv-lite"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import * as Mapping from "../src/Mapping.ts"

export const samplesDir = join(import.meta.dirname, "..", "..", "..", "docs", "guides", "samples")
export const goldenDir = join(import.meta.dirname, "golden")
export const sampleUtf8 = join(samplesDir, "welfare-status.utf-8.csv")
export const sampleSjis = join(samplesDir, "welfare-status.shift_jis.csv")

export const orThrow = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(String((r.failure as { message?: string }).message ?? r.failure))
  return r.success
}

export const mapping: Mapping.Mapping = orThrow(Mapping.parse(readFileSync(join(samplesDir, "welfare-status.mapping.json"), "utf8")))

export const sjis = (text: string): Buffer => iconv.encode(text, "cp932")
export const utf8 = (text: string): Buffer => Buffer.from(text, "utf8")

/** A byte stream from chunks (each chunk yielded separately, so characters may be split). */
export async function* chunks(...parts: ReadonlyArray<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield p
}

/** Splits bytes into chunks of `size` (splitting multi-byte characters on purpose). */
export async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

export const HEADER = "受給者番号,宛名番号,氏名カナ,制度,状態,開始日,終了日,生年月日,世帯番号,担当"
