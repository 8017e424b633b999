import Database from 'better-sqlite3'

// Tests run under plain Node and need the Node-ABI build of better-sqlite3. If someone replaced it
// with an Electron build (e.g. by running electron-rebuild by hand), say so instead of failing obscurely.
try {
  new Database(':memory:').close()
} catch (err) {
  throw new Error(
    `better-sqlite3 does not load under Node ${process.version}: ${(err as Error).message}\n` +
      'Run `npm rebuild better-sqlite3` to restore the Node build (the Electron build lives in build/native/).',
  )
}
