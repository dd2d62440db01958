/**
 * Mapping — how a core system's CSV columns become status records (項目対応表), as a strict
 * configuration document (`jiritsu.mapping/1`) with a JSON Schema.
 *
 * ```json
 * {
 *   "format": "jiritsu.mapping/1",
 *   "source": "seikatsu-hogo",
 *   "encoding": "auto",
 *   "fields": {
 *     "sourceId": { "column": "受給者番号" },
 *     "personRef": { "column": "宛名番号" },
 *     "benefit": { "constant": "public_assistance" },
 *     "status": { "column": "状態", "values": { "受給中": "receiving", "停止": "suspended", "廃止": "ended" } },
 *     "effectiveFrom": { "column": "開始日", "formats": ["era", "slash"] },
 *     "nameKana": { "column": "氏名カナ", "normalize": "NFKC", "optional": true }
 *   }
 * }
 * ```
 *
 * Unknown keys are errors naming the nearest known key; the same rules are in the JSON Schema
 * (`@jiritsu/bridge/mapping-schema.json`) that editors validate against — a property test keeps the
 * two in agreement.
 *
 * @since 0.1.0
 * @module
 */
import { Result, Schema } from "effect"
import { readFile } from "node:fs/promises"
import * as Dates from "./Dates.ts"
import { decodeStrict, formatPath, type DocumentProblem } from "./internal/strict.ts"
import * as Status from "./Status.ts"

const Column = Schema.String.check(Schema.isNonEmpty()).annotate({ description: "a column name of the file's header (見出し)" })

/**
 * One column, or several joined with "-" (複合キー). @category fields @since 0.1.0
 * @example
 * ```ts
 * const single: Mapping.Columns = "受給者番号"
 * const composite: Mapping.Columns = ["世帯番号", "世帯員番号"] // joined with "-"
 * ```
 */
export const Columns = Schema.Union([Column, Schema.Array(Column).check(Schema.isMinLength(1))])
/** @category fields */
export type Columns = typeof Columns.Type

/**
 * A text field (文字項目). `normalize: "NFKC"` turns half-width katakana (ｶﾅ) and full-width
 * alphanumerics into their standard forms; `trim` (default true) drops surrounding spaces
 * (full-width included); an `optional` field may be empty.
 * @category fields
 * @since 0.1.0
 * @example
 * ```ts
 * const kana: Mapping.TextField = { column: "氏名カナ", normalize: "NFKC", optional: true } // ﾔﾏﾀﾞ → ヤマダ
 * ```
 */
export const TextField = Schema.Struct({
  column: Columns,
  optional: Schema.optionalKey(Schema.Boolean),
  trim: Schema.optionalKey(Schema.Boolean),
  normalize: Schema.optionalKey(Schema.Literals(["none", "NFKC"])),
  maxLength: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 65535 })))
})
/** @category fields */
export type TextField = typeof TextField.Type

/**
 * A date field (日付項目): the formats its column may use, tried in order. @category fields @since 0.1.0
 * @example
 * ```ts
 * const from: Mapping.DateField = { column: "開始日", formats: ["era", "era-short", "slash"] }
 * ```
 */
export const DateField = Schema.Struct({
  column: Column,
  formats: Schema.optionalKey(Schema.Array(Dates.DateFormat).check(Schema.isMinLength(1))),
  optional: Schema.optionalKey(Schema.Boolean)
})
/** @category fields */
export type DateField = typeof DateField.Type

const codeField = <S extends Schema.Top>(code: S) =>
  Schema.Union([
    Schema.Struct({
      column: Column,
      values: Schema.Record(Schema.String, code),
      normalize: Schema.optionalKey(Schema.Literals(["none", "NFKC"]))
    }),
    Schema.Struct({ constant: code })
  ])

/**
 * A coded field (コード項目): either a column whose texts `values` translates (`{"受給中":
 * "receiving"}`, matched after trimming and NFKC), or a `constant` for files of one kind.
 * @category fields
 * @since 0.1.0
 * @example
 * ```ts
 * const byColumn: Mapping.BenefitField = { column: "制度", values: { 生活保護: "public_assistance", 児童扶養手当: "child_rearing_allowance" } }
 * const fixed: Mapping.BenefitField = { constant: "housing_benefit" } // a file of one benefit
 * ```
 */
export const BenefitField = codeField(Status.Benefit)
/** @category fields */
export type BenefitField = typeof BenefitField.Type

/**
 * A status field (状態のコード項目): like {@link BenefitField}, a column whose texts `values`
 * translates into `Status.BenefitStatus` codes (`{"停止": "suspended"}`), or a `constant`.
 * @category fields @since 0.1.0
 * @example
 * ```ts
 * const status: Mapping.StatusField = { column: "状態", values: { 受給中: "receiving", 停止: "suspended", 廃止: "ended" } }
 * ```
 */
export const StatusField = codeField(Status.BenefitStatus)
/** @category fields */
export type StatusField = typeof StatusField.Type

/**
 * The fields of a status record and where each comes from. @category documents @since 0.1.0
 * @example
 * ```ts
 * const fields: Mapping.Fields = {
 *   sourceId: { column: "受給者番号" },
 *   personRef: { column: "宛名番号" },
 *   benefit: { constant: "public_assistance" },
 *   status: { column: "状態", values: { 受給中: "receiving", 廃止: "ended" } },
 *   effectiveFrom: { column: "開始日" }
 * }
 * ```
 */
export const Fields = Schema.Struct({
  sourceId: TextField,
  personRef: TextField,
  benefit: BenefitField,
  status: StatusField,
  effectiveFrom: DateField,
  effectiveUntil: Schema.optionalKey(DateField),
  birthDate: Schema.optionalKey(DateField),
  nameKana: Schema.optionalKey(TextField),
  householdRef: Schema.optionalKey(TextField),
  site: Schema.optionalKey(TextField)
})
/** @category documents */
export type Fields = typeof Fields.Type

const ExtraName = Schema.String.check(Schema.isPattern(/^[A-Za-z][A-Za-z0-9_]{0,63}$/u))

/**
 * A mapping document (項目対応表 `jiritsu.mapping/1`).
 * - `source`: the source system's name (連携元), the namespace of its row keys;
 * - `encoding`: `auto` (detect UTF-8 or Shift_JIS), `utf-8` or `shift_jis` (CP932);
 * - `onRowError`: `skip` (default: import the valid rows, report the others) or `reject-file`;
 * - `maxRecordBytes`: the longest record accepted (default 1 MiB);
 * - `extra`: further text columns kept with the record (and in its content hash).
 * @category documents
 * @since 0.1.0
 * @example
 * ```ts
 * const mapping: Mapping.Mapping = {
 *   format: "jiritsu.mapping/1",
 *   source: "seikatsu-hogo",
 *   encoding: "auto",
 *   fields: {
 *     sourceId: { column: "受給者番号" },
 *     personRef: { column: "宛名番号" },
 *     benefit: { constant: "public_assistance" },
 *     status: { column: "状態", values: { 受給中: "receiving", 停止: "suspended", 廃止: "ended" } },
 *     effectiveFrom: { column: "開始日", formats: ["era", "slash"] }
 *   }
 * }
 * ```
 */
export const Mapping = Schema.Struct({
  $schema: Schema.optionalKey(Schema.String),
  format: Schema.Literal("jiritsu.mapping/1"),
  source: Status.SourceName,
  description: Schema.optionalKey(Schema.String),
  encoding: Schema.optionalKey(Schema.Literals(["auto", "utf-8", "shift_jis"])),
  delimiter: Schema.optionalKey(Schema.Literals([",", "\t", ";", "|"])),
  onRowError: Schema.optionalKey(Schema.Literals(["skip", "reject-file"])),
  maxRecordBytes: Schema.optionalKey(Schema.Int.check(Schema.isBetween({ minimum: 1024, maximum: 64 * 1024 * 1024 }))),
  fields: Fields,
  extra: Schema.optionalKey(Schema.Record(ExtraName, TextField))
})
/** @category documents */
export type Mapping = typeof Mapping.Type

/**
 * The default record limit: 1 MiB. @category documents @since 0.1.0
 * @example
 * ```ts
 * const limit = (m: Mapping.Mapping): number => m.maxRecordBytes ?? Mapping.DEFAULT_MAX_RECORD_BYTES // 1,048,576
 * ```
 */
export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024

/**
 * A mapping document that is not valid, with every problem at its path.
 * @category errors
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const r = Mapping.decode({ format: "jiritsu.mapping/1", source: "seikatsu-hogo" }, "bad.mapping.json")
 * if (Result.isFailure(r)) {
 *   const e: Mapping.MappingError = r.failure
 *   for (const p of e.problems) console.log(`${p.path.join(".")}: ${p.message}`) // fields: …
 * }
 * ```
 */
export class MappingError extends Schema.TaggedError<MappingError>()("MappingError", {
  file: Schema.optionalKey(Schema.String),
  problems: Schema.Array(Schema.Struct({ path: Schema.Array(Schema.Union([Schema.String, Schema.Number])), message: Schema.String, messageJa: Schema.String }))
}) {
  override get message(): string {
    const where = this.file === undefined ? "mapping" : this.file
    return `${where}: ${this.problems.map((p) => `${formatPath(p.path)}: ${p.message}`).join("; ")}`
  }
}

const decodeDocument = decodeStrict(Mapping)

/**
 * Decodes a mapping document strictly. @category decoding @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const r = Mapping.decode(JSON.parse('{"format":"jiritsu.mapping/1"}'))
 * Result.isFailure(r) // true: source and fields are missing
 * ```
 */
export const decode = (input: unknown, file?: string): Result.Result<Mapping, MappingError> => {
  const r = decodeDocument(input)
  return Result.isSuccess(r) ? Result.succeed(r.success) : Result.fail(new MappingError({ ...(file === undefined ? {} : { file }), problems: r.failure as Array<DocumentProblem> }))
}

/**
 * Parses JSON text and decodes it; JSON syntax errors are reported as problems too. @category decoding @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const r = Mapping.parse("{ not json", "seikatsu-hogo.mapping.json")
 * Result.isFailure(r) // true: one problem at the root, "not JSON: …"
 * ```
 */
export const parse = (text: string, file?: string): Result.Result<Mapping, MappingError> => {
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""))
  } catch (e) {
    return Result.fail(
      new MappingError({ ...(file === undefined ? {} : { file }), problems: [{ path: [], message: `not JSON: ${(e as Error).message}`, messageJa: `JSONとして読めません: ${(e as Error).message}` }] })
    )
  }
  return decode(json, file)
}

/**
 * Reads a mapping file. @category decoding @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const mapping = await Mapping.load("seikatsu-hogo.mapping.json")
 * if (Result.isFailure(mapping)) console.error(mapping.failure.problems)
 * ```
 */
export const load = async (path: string): Promise<Result.Result<Mapping, MappingError>> => parse(await readFile(path, "utf8"), path)

/**
 * The JSON Schema (draft 2020-12) of mapping documents, generated from `Mapping` — what
 * `schema/jiritsu.mapping-1.schema.json` contains.
 * @category documents
 * @since 0.1.0
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs"
 * writeFileSync("jiritsu.mapping-1.schema.json", JSON.stringify(Mapping.jsonSchema(), null, 2)) // for editors' completion
 * ```
 */
export const jsonSchema = (): Record<string, unknown> => {
  const doc = Schema.toJsonSchemaDocument(Mapping, { onExcessProperty: "error" })
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://jiritsu.dev/schema/jiritsu.mapping-1.schema.json",
    title: "jiritsu CSV header mapping (jiritsu.mapping/1)",
    ...doc.schema,
    $defs: doc.definitions
  }
}

/**
 * The columns a mapping reads, with the field naming each. @category columns @since 0.1.0
 * @example
 * ```ts
 * const header = (m: Mapping.Mapping): ReadonlyArray<string> => Mapping.columnsOf(m).map((c) => c.column) // e.g. ["受給者番号", "宛名番号", "状態", "開始日"]
 * ```
 */
export const columnsOf = (m: Mapping): ReadonlyArray<{ readonly field: string; readonly column: string }> => {
  const out: Array<{ field: string; column: string }> = []
  const add = (field: string, spec: { readonly column?: Columns } | undefined): void => {
    if (spec === undefined || spec.column === undefined) return
    for (const column of typeof spec.column === "string" ? [spec.column] : spec.column) out.push({ field, column })
  }
  for (const [field, spec] of Object.entries(m.fields)) add(field, spec as { readonly column?: Columns } | undefined)
  for (const [name, spec] of Object.entries(m.extra ?? {})) add(`extra.${name}`, spec)
  return out
}
