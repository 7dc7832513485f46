import fs from 'node:fs/promises'
import path from 'node:path'
import { assertFolder, assertKey, type ObjectStorage, type StoredObject } from './types.ts'

/**
 * Uploads in a folder on this machine (the default, `UPLOAD_DIR`): right for one instance, or
 * for several that mount the same folder. The layout is the one the portal always used
 * (`<uuid>.webp`, `proofs/…`, `pks/…`), so an existing folder keeps working as it is.
 */
export function localStorage(dir: string): ObjectStorage {
  const root = path.resolve(dir)
  const file = (key: string) => {
    assertKey(key)
    return path.join(root, ...key.split('/'))
  }
  const missing = (error: unknown) =>
    (error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR'

  return {
    kind: 'local',
    location: root,

    async put(key, body) {
      const target = file(key)
      await fs.mkdir(path.dirname(target), { recursive: true })
      // 'wx': a server-made name is never reused; nothing existing is ever overwritten.
      const handle = await fs.open(target, 'wx')
      try {
        await handle.writeFile(body)
        // Durable before the row that names it is written (and before the upload is acknowledged).
        await handle.sync()
      } catch (error) {
        await handle.close()
        await fs.rm(target, { force: true })
        throw error
      }
      await handle.close()
    },

    async get(key) {
      let handle: fs.FileHandle
      try {
        handle = await fs.open(file(key), 'r')
      } catch (error) {
        if (missing(error) || (error as NodeJS.ErrnoException).code === 'EISDIR') return null
        throw error
      }
      try {
        if (!(await handle.stat()).isFile()) return null
        const buf = await handle.readFile()
        const bytes = new Uint8Array(new ArrayBuffer(buf.length))
        bytes.set(buf)
        return { size: bytes.length, bytes }
      } finally {
        await handle.close()
      }
    },

    async remove(key) {
      await fs.rm(file(key), { force: true })
    },

    async *list(folder): AsyncIterable<StoredObject> {
      assertFolder(folder)
      const dir = folder ? path.join(root, ...folder.split('/')) : root
      let entries: import('node:fs').Dirent[]
      try {
        entries = await fs.readdir(dir, { withFileTypes: true })
      } catch (error) {
        if (missing(error)) return // nothing uploaded there yet
        throw error
      }
      for (const e of entries) {
        if (!e.isFile()) continue
        const stat = await fs.stat(path.join(dir, e.name)).catch(() => null)
        if (!stat?.isFile()) continue // removed meanwhile
        yield { key: folder ? `${folder}/${e.name}` : e.name, name: e.name, size: stat.size, modifiedAt: stat.mtime }
      }
    },

    async check() {
      await fs.mkdir(root, { recursive: true })
      await fs.access(root, fs.constants.R_OK | fs.constants.W_OK)
    },
  }
}
