// The packages the install test builds, packs and installs into a project outside the workspace.
// A new package joins with one line: its folder and the README example (a docs/examples file that
// imports only published entry points) to run against the installed tarballs.
export interface PackedPackage {
  /** The package folder, relative to the repository root. */
  readonly dir: string
  /** The README's example, relative to the repository root; it runs in the consumer project. */
  readonly readmeExample?: string
}

export const packages: ReadonlyArray<PackedPackage> = [
  { dir: "packages/core", readmeExample: "docs/examples/readme-core.ts" },
  { dir: "packages/catalog", readmeExample: "docs/examples/readme-catalog.ts" },
  { dir: "packages/postgres", readmeExample: "docs/examples/readme-postgres.ts" },
  { dir: "packages/sim", readmeExample: "docs/examples/readme-sim.ts" }
]
