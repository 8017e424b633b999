import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { findCallTrigger, parseCallUrl, resolveLaunchConfig } from '../../electron/core/cli/launchArgs'

describe('loopdesk:// call links', () => {
  it('accepts the link softphones send', () => {
    expect(parseCallUrl('loopdesk://call?number=%2B49301234567')).toEqual({
      ok: true,
      number: '+49301234567',
    })
    expect(parseCallUrl('loopdesk://call/?number=030%2F1234567')).toEqual({ ok: true, number: '030/1234567' })
  })

  it.each([
    ['loopdesk://call?number=%3Cscript%3Ealert(1)%3C%2Fscript%3E', /not a phone number/],
    ['loopdesk://call?number=javascript:alert(1)', /not a phone number/],
    ['loopdesk://call?number=030&number=040', /exactly one number/],
    ['loopdesk://call', /exactly one number/],
    ['loopdesk://settings?db=/etc/passwd', /only loopdesk:\/\/call/],
    ['loopdesk://call/../../etc?number=030', /only loopdesk:\/\/call/],
    ['loopdesk://user:pw@call?number=030123', /only loopdesk:\/\/call/],
    ['https://evil.example/call?number=030', /unsupported scheme/],
    ['loopdesk://call?number=' + '1'.repeat(200), /not a phone number/],
    ['not a url', /not a valid URL/],
  ])('refuses %s', (link, reason) => {
    const result = parseCallUrl(link)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.reason).toMatch(reason)
  })
})

describe('call triggers on the command line', () => {
  it('reads --call in both spellings and protocol links among other arguments', () => {
    expect(findCallTrigger(['--call', '+4930 1234567'])).toEqual({ ok: true, number: '+4930 1234567' })
    expect(findCallTrigger(['--call=030/1234567'])).toEqual({ ok: true, number: '030/1234567' })
    expect(findCallTrigger(['/usr/bin/electron', '.', 'loopdesk://call?number=0301234567'])).toEqual({
      ok: true,
      number: '0301234567',
    })
    expect(findCallTrigger(['/usr/bin/electron', '.'])).toBeNull()
    expect(findCallTrigger(['--call', '$(rm -rf /)'])?.ok).toBe(false)
  })
})

describe('launch configuration', () => {
  it('takes --db over LOOPDESK_DB over the user-data folder', () => {
    expect(resolveLaunchConfig([], {}, '/home/a/.config/LoopDesk').dbPath).toBe(
      path.resolve('/home/a/.config/LoopDesk/loopdesk.db'),
    )
    expect(resolveLaunchConfig([], { LOOPDESK_DB: '/tmp/x.db' }, '/d').dbPath).toBe(path.resolve('/tmp/x.db'))
    expect(resolveLaunchConfig(['--db', '/tmp/y.db'], { LOOPDESK_DB: '/tmp/x.db' }, '/d').dbPath).toBe(
      path.resolve('/tmp/y.db'),
    )
    expect(resolveLaunchConfig(['--db=/tmp/z.db'], {}, '/d').dbPath).toBe(path.resolve('/tmp/z.db'))
  })
  it('defaults to region DE with demo data, and validates the region', () => {
    expect(resolveLaunchConfig([], {}, '/d')).toMatchObject({ region: 'DE', demo: true })
    expect(resolveLaunchConfig(['--region', 'at', '--no-demo'], {}, '/d')).toMatchObject({
      region: 'AT',
      demo: false,
    })
    expect(() => resolveLaunchConfig(['--region', 'Germany'], {}, '/d')).toThrow(/two-letter country code/)
  })
})
