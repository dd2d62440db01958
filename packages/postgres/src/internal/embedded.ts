// Embedded PostgreSQL: a PGlite instance behind a pglite-socket server on a unix socket in a
// private temporary directory, so the same wire client (@effect/sql-pg) talks to it as to a server.
import { PGlite } from "@electric-sql/pglite"
import { PGLiteSocketServer } from "@electric-sql/pglite-socket"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

export interface EmbeddedOptions {
  /** A directory, or `memory://` (default). */
  readonly dataDir?: string
  /** Start from a dump made with `dumpDataDir` (a migrated template). */
  readonly loadDataDir?: Blob
  readonly maxConnections: number
}

export interface Embedded {
  readonly db: PGlite
  readonly socketPath: string
  readonly stop: () => Promise<void>
}

export const startEmbedded = async (options: EmbeddedOptions): Promise<Embedded> => {
  const db = await PGlite.create({
    dataDir: options.dataDir ?? "memory://",
    ...(options.loadDataDir !== undefined ? { loadDataDir: options.loadDataDir } : {})
  })
  const dir = mkdtempSync(join(tmpdir(), "jiritsu-pglite-"))
  const socketPath = join(dir, ".s.PGSQL.5432")
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: options.maxConnections })
  try {
    await server.start()
  } catch (error) {
    await db.close()
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  let stopped = false
  return {
    db,
    socketPath,
    stop: async () => {
      if (stopped) return
      stopped = true
      try {
        await server.stop()
      } finally {
        await db.close().catch(() => undefined)
        rmSync(dir, { recursive: true, force: true })
      }
    }
  }
}
