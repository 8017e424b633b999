import path from 'node:path'
import { isCountryCode } from '../../../shared/domain/phone'

export type CallTrigger = { ok: true; number: string } | { ok: false; reason: string }

const PHONE_CHARS = /^[+\d\s()./-]{3,40}$/

function checkNumber(raw: string): CallTrigger {
  const number = raw.trim()
  if (!PHONE_CHARS.test(number)) {
    return {
      ok: false,
      reason: `"${number.slice(0, 60)}" is not a phone number (only digits, spaces, + ( ) . / - allowed)`,
    }
  }
  return { ok: true, number }
}

/**
 * Parses a `loopdesk://call?number=...` link as softphones and CTI tools send it. Anything else
 * (other hosts, scripts, paths, credentials) is refused: the link comes from outside the app.
 */
export function parseCallUrl(link: string): CallTrigger {
  let url: URL
  try {
    url = new URL(link)
  } catch {
    return { ok: false, reason: 'not a valid URL' }
  }
  if (url.protocol !== 'loopdesk:') return { ok: false, reason: `unsupported scheme ${url.protocol}` }
  if (
    url.hostname !== 'call' ||
    (url.pathname !== '' && url.pathname !== '/') ||
    url.username ||
    url.password
  ) {
    return { ok: false, reason: 'only loopdesk://call?number=... links are supported' }
  }
  const numbers = url.searchParams.getAll('number')
  if (numbers.length !== 1 || numbers[0] === undefined)
    return { ok: false, reason: 'the link needs exactly one number parameter' }
  return checkNumber(numbers[0])
}

function optionValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === name) return argv[i + 1]
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1)
  }
  return undefined
}

/** A call handed over on the command line: `--call +4930...` or a protocol link among the arguments. */
export function findCallTrigger(argv: readonly string[]): CallTrigger | null {
  const direct = optionValue(argv, '--call')
  if (direct !== undefined) return checkNumber(direct)
  const link = argv.find((a) => a.toLowerCase().startsWith('loopdesk:'))
  return link === undefined ? null : parseCallUrl(link)
}

export interface LaunchConfig {
  dbPath: string
  region: string
  demo: boolean
}

/** Where the database lives and how the core behaves: flags win over environment over defaults. */
export function resolveLaunchConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  defaultDir: string,
): LaunchConfig {
  const dbPath = optionValue(argv, '--db') ?? env.LOOPDESK_DB ?? path.join(defaultDir, 'loopdesk.db')
  const region = (optionValue(argv, '--region') ?? env.LOOPDESK_REGION ?? 'DE').toUpperCase()
  if (!isCountryCode(region))
    throw new Error(`--region must be a two-letter country code such as DE, got "${region}"`)
  const demo = !(argv.includes('--no-demo') || env.LOOPDESK_NO_DEMO === '1')
  return { dbPath: path.resolve(dbPath), region, demo }
}
