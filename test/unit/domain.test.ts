import { describe, expect, it } from 'vitest'
import { formatPhone, looksLikePhone, normalizePhone } from '../../shared/domain/phone'
import { isNpsScore, npsGroup } from '../../shared/domain/nps'
import { intentBand, normalizeIntent } from '../../shared/domain/intent'
import { segmentOf } from '../../shared/domain/segment'

describe('phone normalisation (default region DE)', () => {
  it.each([
    ['+49 30 1234567', '+49301234567'],
    ['030/1234567', '+49301234567'],
    ['0049301234567', '+49301234567'],
    ['(030) 123 45 67', '+49301234567'],
    ['030-123 4567', '+49301234567'],
    ['tel:+49-151-23456789', '+4915123456789'],
    ['0151 23456789', '+4915123456789'],
    ['+44 7911 123456', '+447911123456'],
    ['0044 7911 123456', '+447911123456'],
  ])('%s -> %s', (input, e164) => {
    expect(normalizePhone(input)).toEqual({ ok: true, e164 })
  })

  it('uses the configured region for national numbers', () => {
    // 07911 123456 is a UK mobile in national notation, and a German landline (area code 07911) in DE.
    expect(normalizePhone('07911 123456', 'GB')).toEqual({ ok: true, e164: '+447911123456' })
    expect(normalizePhone('07911 123456', 'DE')).toEqual({ ok: true, e164: '+497911123456' })
  })

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['<script>alert(1)</script>', 'not_a_number'],
    ['030; DROP TABLE customers', 'not_a_number'],
    ['12', 'not_a_number'],
    ['0000000', 'invalid'],
    ['+49 1', 'invalid'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(normalizePhone(input)).toEqual({ ok: false, reason })
  })

  it('tells phone-like input from names and customer numbers', () => {
    expect(looksLikePhone('030/1234567')).toBe(true)
    expect(looksLikePhone('+49 151')).toBe(true)
    expect(looksLikePhone('Müller')).toBe(false)
    expect(looksLikePhone('K-1000001')).toBe(false)
    expect(looksLikePhone('1234')).toBe(false)
  })

  it('formats for display', () => {
    expect(formatPhone('+49301234567')).toBe('+49 30 1234567')
    expect(formatPhone('+49301234567', 'national')).toBe('030 1234567')
  })
})

describe('NPS groups', () => {
  it('follows 0-6 detractor, 7-8 passive, 9-10 promoter', () => {
    const groups = Array.from({ length: 11 }, (_, score) => npsGroup(score))
    expect(groups).toEqual([
      ...Array<string>(7).fill('detractor'),
      'passive',
      'passive',
      'promoter',
      'promoter',
    ])
  })
  it.each([-1, 11, 7.5, Number.NaN])('refuses %s', (score) => {
    expect(isNpsScore(score)).toBe(false)
    expect(() => npsGroup(score)).toThrow(RangeError)
  })
})

describe('purchase intent', () => {
  it('normalises each scale to 0-1', () => {
    expect(normalizeIntent(7, '0-10')).toBeCloseTo(0.7) // 7/10
    expect(normalizeIntent(1, '1-5')).toBe(0) // (1-1)/4
    expect(normalizeIntent(4, '1-5')).toBe(0.75) // (4-1)/4
    expect(normalizeIntent(5, '1-5')).toBe(1)
    expect(normalizeIntent(35, 'percent')).toBeCloseTo(0.35)
  })
  it('refuses values outside the scale instead of clamping', () => {
    expect(() => normalizeIntent(0, '1-5')).toThrow(RangeError)
    expect(() => normalizeIntent(11, '0-10')).toThrow(RangeError)
    expect(() => normalizeIntent(3.5, '0-10')).toThrow(RangeError)
    expect(() => normalizeIntent(101, 'percent')).toThrow(RangeError)
  })
  it('bands at 0.7 and 0.4 by default, configurable', () => {
    expect(intentBand(0.7)).toBe('high')
    expect(intentBand(0.69)).toBe('medium')
    expect(intentBand(0.4)).toBe('medium')
    expect(intentBand(0.39)).toBe('low')
    expect(intentBand(0.6, { high: 0.6, medium: 0.3 })).toBe('high')
  })
})

describe('segments (NPS group x intent band)', () => {
  it('maps the matrix as in the design notes', () => {
    expect(segmentOf('promoter', 'high')).toBe('loyal_advocate')
    expect(segmentOf('promoter', 'low')).toBe('at_risk_promoter')
    expect(segmentOf('detractor', 'high')).toBe('captive_critic')
    expect(segmentOf('detractor', 'low')).toBe('churn_risk')
    expect(segmentOf('passive', 'high')).toBe('undecided')
    expect(segmentOf('promoter', 'medium')).toBe('undecided')
    expect(segmentOf('detractor', 'medium')).toBe('undecided')
  })
})
