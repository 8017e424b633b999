import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** A fresh folder per test file under the OS temp dir, removed by the caller's cleanup. */
export function tempDir(prefix = 'loopdesk-test-'): {
  dir: string
  file: (name: string) => string
  cleanup: () => void
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  return {
    dir,
    file: (name) => path.join(dir, name),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}
