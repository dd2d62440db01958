// The packages the documentation site covers. A new package joins with one line: its folder (its
// entry points, JSON Schemas and README come from its package.json), and for the REST service the
// function that returns its OpenAPI document.
import { readFileSync } from "node:fs"
import { join } from "node:path"

export const repoRoot = join(import.meta.dirname, "..", "..")

export interface DocumentedPackage {
  /** The package folder, relative to the repository root. */
  readonly dir: string
  /**
   * The OpenAPI 3.1 document the service serves at `/openapi.json` (e.g.
   * `OpenApi.fromApi(Api)` from `effect/http-api`); the REST reference page is generated from it.
   */
  readonly openapi?: () => Promise<unknown>
  /**
   * Doc comments still to write: the package's undocumented exports are listed by name in
   * `docs/site/pending-docs.json` (`node docs/site/check.ts --update-pending` rewrites the list).
   * The check then fails on an undocumented export that is not listed (a new one) and on a listed
   * export that is documented now (take it off the list), so the list only shrinks. Examples that
   * do not compile fail always. Remove the flag when the list of the package is empty.
   */
  readonly pendingDocs?: true
}

export const packages: ReadonlyArray<DocumentedPackage> = [
  { dir: "packages/core" },
  { dir: "packages/catalog" },
  { dir: "packages/postgres" },
  { dir: "packages/bridge" },
  { dir: "packages/sim" },
  // The document the service serves at /openapi.json, from the API definition alone (no server).
  { dir: "packages/rest", openapi: async () => (await import("effect/http-api")).OpenApi.fromApi((await import("@jiritsu/rest/api")).Api.Api) },
  { dir: "packages/dashboard" }
]

export interface Manifest {
  readonly name: string
  readonly description?: string
  readonly private?: boolean
  readonly exports?: Record<string, string | null | Record<string, unknown>>
}

export const manifestOf = (pkg: DocumentedPackage): Manifest => JSON.parse(readFileSync(join(repoRoot, pkg.dir, "package.json"), "utf8")) as Manifest

/** One TypeScript entry point of a package: its import specifier and source file (relative to the repository root). */
export interface EntryPoint {
  readonly specifier: string
  readonly file: string
}

/** The package's TypeScript entry points, from its export map (`"."`, `"./vitest"`, `"./cli"`…; wildcards and blocked paths skipped). */
export const entryPointsOf = (pkg: DocumentedPackage): ReadonlyArray<EntryPoint> => {
  const manifest = manifestOf(pkg)
  return Object.entries(manifest.exports ?? {})
    .filter((e): e is [string, string] => typeof e[1] === "string" && e[1].endsWith(".ts") && !e[0].includes("*"))
    .map(([key, file]) => ({ specifier: key === "." ? manifest.name : `${manifest.name}/${key.slice(2)}`, file: join(pkg.dir, file) }))
}

/** One JSON Schema a package publishes: its export path and file (relative to the repository root). */
export interface PublishedSchema {
  readonly packageName: string
  readonly specifier: string
  readonly file: string
}

export const schemasOf = (pkg: DocumentedPackage): ReadonlyArray<PublishedSchema> => {
  const manifest = manifestOf(pkg)
  return Object.entries(manifest.exports ?? {})
    .filter((e): e is [string, string] => typeof e[1] === "string" && e[1].endsWith(".schema.json"))
    .map(([key, file]) => ({ packageName: manifest.name, specifier: `${manifest.name}/${key.slice(2)}`, file: join(pkg.dir, file) }))
}
