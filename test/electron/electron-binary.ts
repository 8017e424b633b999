import fs from 'node:fs'
import path from 'node:path'

/**
 * Where the Electron binary is, without triggering the electron package's lazy download
 * (requiring 'electron' would try to fetch it, which this workplace's network refuses).
 */
export function electronBinary(): string | null {
  const pkgDir = path.resolve('node_modules/electron')
  const pathFile = path.join(pkgDir, 'path.txt')
  if (!fs.existsSync(pathFile)) return null
  const binary = path.join(pkgDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim())
  return fs.existsSync(binary) ? binary : null
}
