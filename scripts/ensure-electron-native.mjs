#!/usr/bin/env node
// Makes sure an Electron-ABI build of better-sqlite3 exists in build/native/electron-<abi>/.
// The Node-ABI build in node_modules/better-sqlite3/build (made by `npm install`, used by `npm test`)
// is never touched, so `npm start` and `npm test` work in either order. The main process passes
// this file to better-sqlite3 through its `nativeBinding` option.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const electronPkg = require('electron/package.json')
const abi = fs.readFileSync(require.resolve('electron/abi_version'), 'utf8').trim()
const sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'))
const targetDir = path.join(root, 'build', 'native', `electron-${abi}`)
const target = path.join(targetDir, 'better_sqlite3.node')

if (fs.existsSync(target)) process.exit(0)

console.log(`Preparing better-sqlite3 for Electron ${electronPkg.version} (ABI ${abi}) ...`)
const work = path.join(root, 'build', 'native', `.work-${abi}`)
fs.rmSync(work, { recursive: true, force: true })
fs.cpSync(sqliteDir, work, {
  recursive: true,
  filter: (src) => !src.includes(`${path.sep}build${path.sep}`) && !src.endsWith(`${path.sep}build`),
})

// npm sets npm_config_nodedir when a global nodedir is configured; it would make node-gyp compile
// against Node's headers instead of Electron's.
const env = { ...process.env }
for (const key of Object.keys(env))
  if (/^npm_config_(nodedir|target|runtime|dist_url)$/i.test(key)) delete env[key]

function run(command, args) {
  const result = spawnSync(command, args, { cwd: work, env, stdio: 'inherit' })
  return result.status === 0
}

const built = path.join(work, 'build', 'Release', 'better_sqlite3.node')
const common = ['--runtime', 'electron', '--target', electronPkg.version, '--arch', process.arch]
let ok = false
try {
  // 1. The prebuilt binary the better-sqlite3 project publishes for this Electron version.
  ok = run(process.execPath, [
    require.resolve('prebuild-install/bin.js'),
    ...common,
    '--platform',
    process.platform,
  ])
} catch {
  ok = false
}
if (!ok || !fs.existsSync(built)) {
  // 2. Compile from source against Electron's headers (needs a C++ toolchain).
  const npmCli = process.env.npm_execpath
  const nodeGyp = npmCli
    ? path.resolve(path.dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')
    : null
  if (nodeGyp && fs.existsSync(nodeGyp)) {
    ok = run(process.execPath, [
      nodeGyp,
      'rebuild',
      '--release',
      `--target=${electronPkg.version}`,
      '--runtime=electron',
      `--arch=${process.arch}`,
      '--dist-url=https://electronjs.org/headers',
    ])
  }
}
if (!ok || !fs.existsSync(built)) {
  console.error(
    'Could not get better-sqlite3 for Electron: neither a prebuilt binary nor a source build worked.\n' +
      'Check the network connection (prebuilt binaries and Electron headers are downloaded) and a C++ toolchain.\n' +
      '`npm test` and headless mode (`npm run web`) do not need this step.',
  )
  process.exit(1)
}
fs.mkdirSync(targetDir, { recursive: true })
fs.copyFileSync(built, target)
fs.rmSync(work, { recursive: true, force: true })
console.log(`better-sqlite3 for Electron ready: ${path.relative(root, target)}`)
