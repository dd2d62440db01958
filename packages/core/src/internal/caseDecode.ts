import { Result, type Schema } from "effect"
import { decodeWith } from "./decode.ts"

/** One decoding problem, with the path of the offending field and a readable message. */
export interface CaseDecodeIssue {
  readonly path: ReadonlyArray<string | number>
  readonly message: string
}

/**
 * The shared boundary decoder (internal/decode.ts) with paths narrowed to strings and numbers,
 * as Stage and Case report them.
 * @internal
 */
export const decodeAll = <S extends Schema.Top>(schema: S) => {
  const decode = decodeWith(schema)
  return (input: unknown): Result.Result<S["Type"], ReadonlyArray<CaseDecodeIssue>> =>
    Result.mapError(decode(input), (issues) =>
      issues.map((i) => ({ path: i.path.map((p) => (typeof p === "number" ? p : String(p))), message: i.message }))
    )
}
