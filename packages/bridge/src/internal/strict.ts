// Strict decoding of user-written documents: every Schema issue flattened to a path-named problem,
// unknown keys reported with the nearest known key ("did you mean …?"), in Japanese and English.
import { Result, Schema, SchemaIssue } from "effect"

/** One problem in a document, at a path. */
export interface DocumentProblem {
  readonly path: ReadonlyArray<string | number>
  readonly message: string
  readonly messageJa: string
}

/** Levenshtein distance, for "did you mean". */
export const editDistance = (a: string, b: string): number => {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!
    prev[0] = i
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1))
      diag = up
    }
  }
  return prev[b.length]!
}

/** The candidates closest to `word` (case-insensitive), if any is close enough to be a likely typo. */
export const suggest = (word: string, candidates: Iterable<string>): ReadonlyArray<string> => {
  const w = word.toLowerCase()
  const scored = [...candidates].map((c) => ({ c, d: editDistance(w, c.toLowerCase()) }))
  const limit = word.length <= 3 ? 1 : Math.max(2, Math.floor(word.length / 3))
  const best = Math.min(...scored.map((s) => s.d))
  if (best <= limit) return scored.filter((s) => s.d === best).map((s) => s.c)
  // Short words (Japanese headings are often 3 characters): a candidate keeping every character in order.
  const within = (small: string, big: string): boolean => {
    let i = 0
    for (const ch of big) if (ch === small[i]) i++
    return i === small.length
  }
  return [...candidates].filter((c) => w.length >= 2 && (within(w, c.toLowerCase()) || within(c.toLowerCase(), w)))
}

export const didYouMean = (word: string, candidates: Iterable<string>): { readonly en: string; readonly ja: string } => {
  const s = suggest(word, candidates)
  return s.length === 0 ? { en: "", ja: "" } : { en: ` — did you mean ${s.map((x) => `"${x}"`).join(" or ")}?`, ja: `（${s.map((x) => `「${x}」`).join("または")}の誤りではありませんか）` }
}

export const formatPath = (path: ReadonlyArray<string | number>): string =>
  path.length === 0 ? "(document)" : path.map((p) => (typeof p === "number" ? `[${p}]` : `.${p}`)).join("").replace(/^\./, "")

const standard = SchemaIssue.makeFormatterStandardSchemaV1()

const knownKeys = (ast: unknown): ReadonlyArray<string> => {
  const props = (ast as { propertySignatures?: ReadonlyArray<{ name: PropertyKey }> }).propertySignatures ?? []
  return props.map((p) => String(p.name))
}

const toPath = (path: ReadonlyArray<PropertyKey>): Array<string | number> => path.map((p) => (typeof p === "number" ? p : String(p)))

const problemsOf = (issue: SchemaIssue.Issue, path: ReadonlyArray<string | number>): Array<DocumentProblem> => {
  switch (issue._tag) {
    case "Pointer":
      return problemsOf(issue.issue, [...path, ...toPath(issue.path)])
    case "Composite":
      return issue.issues.flatMap((i) => problemsOf(i, path))
    case "AnyOf": {
      if (issue.issues.length === 0) break
      // Report the alternative the document came closest to (fewest problems).
      const alternatives = issue.issues.map((i) => problemsOf(i, path))
      return alternatives.reduce((a, b) => (b.length < a.length ? b : a))
    }
    case "UnexpectedKey": {
      const key = String(path[path.length - 1])
      const known = knownKeys(issue.ast)
      const hint = didYouMean(key, known)
      return [
        {
          path,
          message: `unknown key "${key}"${hint.en}${hint.en === "" && known.length > 0 ? ` (known keys: ${known.join(", ")})` : ""}`,
          messageJa: `未知のキー「${key}」です${hint.ja}`
        }
      ]
    }
    case "MissingKey":
      return [{ path, message: `missing required key "${String(path[path.length - 1])}"`, messageJa: `必須のキー「${String(path[path.length - 1])}」がありません` }]
    default:
      break
  }
  const out = standard(issue).issues
  return out.map((i) => {
    const at = [...path, ...toPath((i.path ?? []).map((p) => (typeof p === "object" && p !== null && "key" in p ? (p as { key: PropertyKey }).key : p) as PropertyKey))]
    return { path: at, message: i.message, messageJa: `値が不正です: ${i.message}` }
  })
}

/** Decodes `input` strictly (unknown keys are errors), returning every problem with its path. */
export const decodeStrict = <S extends Schema.Top & { readonly DecodingServices: never }>(schema: S) => {
  const decode = Schema.decodeUnknownResult(schema as never, { errors: "all", onExcessProperty: "error" }) as (u: unknown) => Result.Result<S["Type"], Schema.SchemaError>
  return (input: unknown): Result.Result<S["Type"], ReadonlyArray<DocumentProblem>> => {
    const r = decode(input)
    return Result.isSuccess(r) ? Result.succeed(r.success) : Result.fail(problemsOf(r.failure.issue, []))
  }
}
