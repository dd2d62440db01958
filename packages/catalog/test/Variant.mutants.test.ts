/**
 * Variant files, pinned down where the mutation run found them loose: the format checks on values
 * that are not plain records, every window problem with its exact path and message, the window a
 * composed version's issue is mapped back to (windows spanning several, one or no base versions,
 * boundaries that coincide with the base's), issues of whole programmes and rule sets, a second
 * variant, the `file` field only when a file is named, unreadable files and internal errors.
 */
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Catalogue, Variant } from "../src/index.ts"

const cat = Catalogue.catalogue
const fixture = fileURLToPath(new URL("./fixtures/sakura.variant.json", import.meta.url))
const doc = (): any => JSON.parse(readFileSync(fixture, "utf8"))

const issuesOf = (d: unknown, file?: string): ReadonlyArray<Catalogue.Issue> => {
  const r = Variant.decode(d, cat, file)
  return Result.isFailure(r) ? r.failure.issues : []
}

// An include exception for one target group (an unknown group is an issue at its `values.0`).
const exceptionFor = (group: string) => {
  const e = doc().variants[0].windows[0].exceptions[0]
  return { ...e, id: `sakura.${group}`, when: { ...e.when, id: `sakura.${group}.group`, values: [group] } }
}
const window = (version: string, from: string, until: string | undefined, groups: ReadonlyArray<string> = []) => ({
  ...doc().variants[0].windows[0],
  version,
  from,
  ...(until === undefined ? {} : { until }),
  exceptions: groups.map(exceptionFor)
})
const withWindows = (base: string, windows: ReadonlyArray<unknown>) => {
  const d = doc()
  d.variants[0].base = base
  d.variants[0].windows = windows
  return d
}
const at = (j: number, group: string, k = 0, x = 0): Catalogue.Issue => ({
  path: ["variants", k, "windows", j, "exceptions", x, "when", "values", 0],
  message: `unknown target group "${group}"`
})

describe("format checks on values that are not plain records", () => {
  it("null is refused as a whole document (no rule is looked for inside it)", () => {
    expect(Variant.checkFormat(null)).toEqual([{ path: [], message: "Expected VariantFile, got null" }])
    expect(issuesOf(null)).toEqual([{ path: [], message: "Expected VariantFile, got null" }])
  })

  it("an exception that is a list or a function is refused as such; its `when` is not decoded", () => {
    const withException = (e: unknown) => {
      const d = doc()
      d.variants[0].windows[0].exceptions = [e]
      return d
    }
    const bogus = { when: { kind: "bogus" } }
    expect(Variant.checkFormat(withException(Object.assign([], bogus)))).toEqual([
      { path: ["variants", 0, "windows", 0, "exceptions", 0], message: "Expected object, got an empty list" }
    ])
    expect(Variant.checkFormat(withException(Object.assign(() => 1, bogus)))).toEqual([
      { path: ["variants", 0, "windows", 0, "exceptions", 0], message: expect.stringMatching(/^Expected object, got /) }
    ])
  })

  it("an exception without `when` is reported once, as missing", () => {
    const d = doc()
    delete d.variants[0].windows[0].exceptions[0].when
    expect(Variant.checkFormat(d)).toEqual([{ path: ["variants", 0, "windows", 0, "exceptions", 0, "when"], message: "missing (required)" }])
  })
})

describe("windows", () => {
  it("a window ending on its first day, one out of order and one without until before another", () => {
    const d = withWindows("national.integrated_job_service", [
      window("a", "2022-04-01", "2022-04-01"),
      window("b", "2022-03-01", "2022-03-31"),
      window("c", "2022-03-31", undefined),
      window("d", "2023-01-01", undefined)
    ])
    expect(issuesOf(d)).toEqual([
      { path: ["variants", 0, "windows", 0, "until"], message: "windows.0.until (2022-04-01) is not after windows.0.from (2022-04-01)" },
      { path: ["variants", 0, "windows", 1, "from"], message: "windows.1.from (2022-03-01) is before windows.0.from (2022-04-01): windows must be in date order" },
      { path: ["variants", 0, "windows", 2, "until"], message: "windows.2 has no until, so it overlaps windows.3 (from 2023-01-01): give windows.2.until" }
    ])
  })

  it("a window ending before it starts", () => {
    const d = withWindows("national.integrated_job_service", [window("a", "2022-04-01", "2022-03-01")])
    expect(issuesOf(d)).toEqual([{ path: ["variants", 0, "windows", 0, "until"], message: "windows.0.until (2022-03-01) is before windows.0.from (2022-04-01)" }])
  })

  it("overlapping windows, a gap, and two windows starting the same day (an overlap, not disorder)", () => {
    const d = withWindows("national.integrated_job_service", [
      window("a", "2022-04-01", "2023-04-01"),
      window("b", "2023-03-01", "2024-01-01"),
      window("c", "2024-02-01", "2025-01-01"),
      window("d", "2024-02-01", undefined)
    ])
    expect(issuesOf(d)).toEqual([
      { path: ["variants", 0, "windows", 1, "from"], message: "windows.1.from (2023-03-01) is before windows.0.until (2023-04-01): the windows overlap" },
      { path: ["variants", 0, "windows", 2, "from"], message: "windows.1.until (2024-01-01) leaves a gap before windows.2.from (2024-02-01): no rule is in force in between" },
      { path: ["variants", 0, "windows", 3, "from"], message: "windows.3.from (2024-02-01) is before windows.2.until (2025-01-01): the windows overlap" }
    ])
  })

  it("adjacent windows load", () => {
    const d = withWindows("national.integrated_job_service", [window("a", "2022-04-01", "2023-04-01"), window("b", "2023-04-01", undefined)])
    expect(Result.isSuccess(Variant.decode(d, cat))).toBe(true)
  })
})

describe("fact declarations", () => {
  it("a file without facts (or groups) loads", () => {
    const d = doc()
    delete d.facts
    delete d.groups
    d.variants[0].windows[0].exceptions = []
    const r = Variant.decode(d, cat)
    expect(Result.isSuccess(r) && Catalogue.get(r.success, "sakura.youth_desk")?.ruleSet.versions.map((v) => v.version)).toEqual(["2022/2011"])
  })
})

describe("issues in exceptions are located in the window they came from", () => {
  // national.hw_handoff: 2005 [2005-04-01, 2011-04-01), 2011 [2011-04-01, 2013-04-01), 2013 [2013-04-01, …)
  it("windows spanning two, two and one base versions", () => {
    const d = withWindows("national.hw_handoff", [
      window("a", "2010-04-01", "2012-04-01", ["nobody0"]),
      window("b", "2012-04-01", "2014-04-01", ["nobody1"]),
      window("c", "2014-04-01", undefined, ["nobody2"])
    ])
    expect(issuesOf(d)).toEqual([at(0, "nobody0"), at(0, "nobody0"), at(1, "nobody1"), at(1, "nobody1"), at(2, "nobody2")])
  })

  it("windows whose dates coincide with the base's version boundaries: one base version each", () => {
    const d = withWindows("national.hw_handoff", [
      window("a", "2008-04-01", "2011-04-01", ["nobody0"]),
      window("b", "2011-04-01", "2013-04-01", ["nobody1"]),
      window("c", "2013-04-01", undefined, ["nobody2"])
    ])
    expect(issuesOf(d)).toEqual([at(0, "nobody0"), at(1, "nobody1"), at(2, "nobody2")])
  })

  it("a window before the base's first version yields no version; the next spans all three", () => {
    const d = withWindows("national.hw_handoff", [window("a", "2000-04-01", "2005-04-01"), window("b", "2005-04-01", undefined, ["school_leaver", "nobody1"])])
    expect(issuesOf(d)).toEqual([at(1, "nobody1", 0, 1), at(1, "nobody1", 0, 1), at(1, "nobody1", 0, 1)])
  })

  it("an issue in the second variant names that variant", () => {
    const d = doc()
    d.variants.push({ ...doc().variants[0], id: "sakura.second", windows: [window("x", "2022-04-01", undefined, ["nobody"])] })
    expect(issuesOf(d)).toEqual([at(0, "nobody", 1)])
  })
})

describe("issues of a whole programme or rule set", () => {
  it("a variant id already in the catalogue is reported on the variant", () => {
    const d = doc()
    d.variants[0].id = "national.hw_handoff"
    expect(issuesOf(d)).toEqual([{ path: ["variants", 0], message: 'programme id "national.hw_handoff" is already in the catalogue' }])
  })

  it("a rule-set finding (a clause id used twice) is reported on the variant's windows", () => {
    const d = doc()
    d.variants[0].windows[0].exceptions[1].id = "sakura.school_leaver"
    expect(issuesOf(d)).toEqual([{ path: ["variants", 0, "windows"], message: 'DuplicateClauseId (error): version 2022/2011: clause id "sakura.school_leaver" is used 2 times' }])
  })
})

describe("the file an issue names", () => {
  const broken = () => {
    const d = doc()
    d.variants[0].base = "national.nothing"
    return d
  }
  const problem = { path: ["variants", 0, "base"], message: 'unknown base programme "national.nothing"' }

  it("decode adds `file` only when a file is named", () => {
    expect(issuesOf(broken())).toStrictEqual([problem])
    expect(issuesOf(broken(), "v.json")).toStrictEqual([{ ...problem, file: "v.json" }])
  })

  it("parse adds `file` only when a file is named", () => {
    const text = JSON.stringify(broken())
    const r = Variant.parse(text, cat)
    const issues = Result.isFailure(r) ? r.failure.issues : []
    expect(issues).toHaveLength(1)
    expect(Object.keys(issues[0]!).sort()).toEqual(["column", "line", "message", "path"])
    expect(issues[0]).toMatchObject(problem)
  })

  it("a file that cannot be read is one issue naming the file", () => {
    const missing = "/nonexistent/jiritsu/x.variant.json"
    const r = Variant.loadFile(missing, cat)
    expect(Result.isFailure(r) && r.failure.issues).toStrictEqual([
      { file: missing, path: [], message: `cannot read: ENOENT: no such file or directory, stat '${missing}'` }
    ])
  })

  it("a document that throws while it is read is an internal error at the root, never a throw", () => {
    const d = {
      format: "jiritsu.variant/1",
      get variants(): never {
        throw new Error("boom")
      }
    }
    expect(issuesOf(d, "v.json")).toStrictEqual([{ file: "v.json", path: [], message: expect.stringMatching(/^internal error while checking: /) }])
  })
})
