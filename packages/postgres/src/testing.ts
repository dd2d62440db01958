/**
 * `@jiritsu/postgres/testing` — a migrated database per test file.
 *
 * - With `DATABASE_URL` set: a fresh schema with a random name on that server, migrated, and
 *   dropped (CASCADE) when the layer is released, so parallel runs never see each other's rows.
 * - Without it: an embedded PGlite loaded from a **migrated template** (built once per machine
 *   and migration set, cached as a gzip dump in the temp directory), so each test file pays the
 *   ~1 s load instead of a fresh initdb and migration run.
 *
 * ```ts
 * import { layer } from "@effect/vitest"
 * import { TestDatabase } from "@jiritsu/postgres/testing"
 * layer(TestDatabase.layer())("my store", (it) => { it.effect("…", () => …) })
 * ```
 *
 * @since 0.1.0
 */
export * as TestDatabase from "./internal/testDatabase.ts"
