import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The lint rules are the guard that keeps electron/core runnable under plain Node and the
// renderer away from privileged code; this proves they fire on the imports they must refuse.
const eslint = new ESLint({ cwd: process.cwd() })

async function restrictedImportErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('layer boundaries', () => {
  it.each([
    ['electron/core/services/x.ts', "import { app } from 'electron'\nexport const a = app"],
    ['electron/core/services/x.ts', "import { x } from '../../main/security'\nexport const a = x"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron'\nexport const a = ipcRenderer"],
    [
      'renderer/src/x.ts',
      "import { createCore } from '../../electron/core/core'\nexport const a = createCore",
    ],
    ['renderer/src/x.ts', "import fs from 'node:fs'\nexport const a = fs"],
    ['shared/domain/x.ts', "import Database from 'better-sqlite3'\nexport const a = Database"],
    ['shared/domain/x.ts', "import { x } from '../../renderer/src/store'\nexport const a = x"],
  ])('refuses the import in %s', async (file, code) => {
    expect(await restrictedImportErrors(file, code)).toHaveLength(1)
  })

  it('allows the intended direction', async () => {
    expect(
      await restrictedImportErrors(
        'renderer/src/x.ts',
        "import { contract } from '../../shared/ipc/contract'\nexport const a = contract",
      ),
    ).toEqual([])
    expect(
      await restrictedImportErrors(
        'electron/main/x.ts',
        "import { app } from 'electron'\nexport const a = app",
      ),
    ).toEqual([])
  })
})
