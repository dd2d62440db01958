/**
 * Vitest helper (テスト補助): runs declarative rule test cases as vitest tests, one `it` per case,
 * with the verdict trace in the failure message.
 *
 * ```ts
 * import { describeRuleCases } from "@jiritsu/catalog/vitest"
 * describeRuleCases(new URL("../cases", import.meta.url), { catalogue })
 * ```
 *
 * @since 0.1.0
 * @module
 */
import { relative } from "node:path"
import { fileURLToPath } from "node:url"
import { Result } from "effect"
import { describe, it } from "vitest"
import * as Catalogue from "./Catalogue.ts"
import * as TestCase from "./TestCase.ts"

/**
 * Options of {@link describeRuleCases}. @category vitest @since 0.1.0
 * @example
 * ```ts
 * import { Catalogue } from "@jiritsu/catalog"
 * import type { Options } from "@jiritsu/catalog/vitest"
 *
 * const options: Options = { catalogue: Catalogue.catalogue, lang: "ja" }
 * ```
 */
export interface Options {
  /** The catalogue to run against (default: the built-in one). */
  readonly catalogue?: Catalogue.Catalogue
  /** The describe title (default: "declarative rule cases"). */
  readonly title?: string
  /** Language of the trace in failure messages (default: en). */
  readonly lang?: "ja" | "en"
}

const toPath = (p: string | URL): string => (p instanceof URL ? fileURLToPath(p) : p)

/**
 * Declares one vitest test per case found under the paths (files or directories of `*.json`). An
 * invalid file is a failing test naming every issue (file, path, reason); no files at all is a
 * failing test too, so a mistyped path cannot pass silently.
 * @category vitest
 * @since 0.1.0
 * @example
 * ```ts
 * // my-rules.test.ts: one vitest test per declarative case, failures in the language of the desk.
 * describeRuleCases(new URL("./cases/", import.meta.url), { lang: "ja" })
 * ```
 */
export const describeRuleCases = (paths: string | URL | ReadonlyArray<string | URL>, options: Options = {}): void => {
  const cat = options.catalogue ?? Catalogue.catalogue
  const roots = (Array.isArray(paths) ? paths : [paths]).map(toPath)
  const files = roots.flatMap((r) => TestCase.findFiles(r))
  describe(options.title ?? "declarative rule cases", () => {
    if (files.length === 0) {
      it("finds test-case files", () => {
        throw new Error(`no test-case files under ${roots.join(", ")}`)
      })
      return
    }
    for (const file of files) {
      describe(relative(process.cwd(), file), () => {
        const loaded = TestCase.loadFile(file, cat)
        if (Result.isFailure(loaded)) {
          it("is a valid test-case file", () => {
            throw new Error(loaded.failure.message)
          })
          return
        }
        for (const c of loaded.success.cases) {
          it(c.name, () => {
            const r = TestCase.runCase(cat, c, file)
            if (!r.passed) throw new Error(TestCase.formatFailure(r, options.lang))
          })
        }
      })
    }
  })
}
