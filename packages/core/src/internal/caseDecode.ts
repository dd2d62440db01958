import { Result, Schema, SchemaIssue } from "effect"

/** One decoding problem, with the path of the offending field and a readable message. */
export interface CaseDecodeIssue {
  readonly path: ReadonlyArray<string | number>
  readonly message: string
}

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()

/**
 * A total decoder reporting every issue with its path and Effect's standard message
 * ("Expected …, got …"). Used by Stage and Case for their boundary decoding.
 * @internal
 */
export const decodeAll = <S extends Schema.Top>(schema: S) => {
  const decode = Schema.decodeUnknownResult(schema as any, { errors: "all" }) as (input: unknown) => Result.Result<S["Type"], Schema.SchemaError>
  return (input: unknown): Result.Result<S["Type"], ReadonlyArray<CaseDecodeIssue>> =>
    Result.mapError(decode(input), (error) => {
      const issues = formatter(error.issue).issues.map((i) => ({
        path: (i.path ?? []).map((p) => (typeof p === "number" ? p : String(typeof p === "object" && p !== null && "key" in p ? p.key : p))),
        message: i.message
      }))
      return issues.length > 0 ? issues : [{ path: [], message: error.message }]
    })
}
