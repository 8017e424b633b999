import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectDelimiter, openCsv, type CsvRow } from '../../electron/core/import/csvSource'
import { invalidUtf8Offsets } from '../../electron/core/import/input'
import { readJsonRecords, type JsonItem } from '../../electron/core/import/jsonSource'
import { ImportFormatError, ValueError } from '../../electron/core/import/types'
import {
  parseBoolean,
  parseDay,
  parseLanguage,
  parseMoneyCents,
  parseNumber,
  parsePeriodStart,
  parseTimestamp,
} from '../../electron/core/import/values'

const FIXTURES = fileURLToPath(new URL('../fixtures/import', import.meta.url))

async function rowsOf(source: Buffer | string, chunkSize?: number): Promise<CsvRow[]> {
  const file = await openCsv(source, chunkSize ? { chunkSize } : {})
  const out: CsvRow[] = []
  for await (const row of file.rows) out.push(row)
  return out
}

async function jsonOf(text: string): Promise<JsonItem[]> {
  const out: JsonItem[] = []
  for await (const item of readJsonRecords(Buffer.from(text))) out.push(item)
  return out
}

describe('parseNumber', () => {
  it.each([
    ['7', 'auto', 7],
    ['7,5', 'auto', 7.5],
    ['7.5', 'auto', 7.5],
    ['1.234,56', 'auto', 1234.56],
    ['1,234.56', 'auto', 1234.56],
    ['1.234.567', 'auto', 1234567],
    ['1.234', 'de', 1234],
    ['1.234', 'en', 1.234],
    ['1,234', 'en', 1234],
    ['1,234', 'de', 1.234],
    ['0.500', 'de', 0.5],
    ['12.000,00', 'de', 12000],
    ['-3', 'auto', -3],
    ['+4', 'auto', 4],
    ['85 %', 'auto', 85],
    ['1 234,5', 'de', 1234.5],
    [' 9 ', 'auto', 9],
  ] as const)('%s (%s) is %d', (text, format, expected) => {
    expect(parseNumber(text, format)).toBe(expected)
  })
  it('reads an empty cell as null, never as 0', () => {
    expect(parseNumber('')).toBeNull()
    expect(parseNumber('   ')).toBeNull()
  })
  it.each(['abc', '1,2,3', '5.', '1.23.4', '7,5,'])('refuses %s', (text) => {
    expect(() => parseNumber(text)).toThrow(ValueError)
  })
  it('reads money as integer cents', () => {
    expect(parseMoneyCents('1.234,56 €', 'de')).toBe(123456)
    expect(parseMoneyCents('EUR 99')).toBe(9900)
    expect(parseMoneyCents('0.1', 'en')).toBe(10)
    expect(parseMoneyCents('')).toBeNull()
  })
})

describe('parseTimestamp', () => {
  it.each([
    ['2026-11-20T13:05:33Z', Date.UTC(2026, 10, 20, 13, 5, 33)],
    ['2026-11-20T13:05:33.250Z', Date.UTC(2026, 10, 20, 13, 5, 33, 250)],
    ['2026-11-20T14:05:33+01:00', Date.UTC(2026, 10, 20, 13, 5, 33)],
    // Formbricks: "YYYY-MM-DD HH:MM:SS" with a zone suffix in its different spellings
    ['2026-11-20 14:05:33 +01:00', Date.UTC(2026, 10, 20, 13, 5, 33)],
    ['2026-11-20 14:05:33 GMT+1', Date.UTC(2026, 10, 20, 13, 5, 33)],
    ['2026-11-20 13:05:33 UTC', Date.UTC(2026, 10, 20, 13, 5, 33)],
    ['2026-11-20 18:35:33 GMT+5:30', Date.UTC(2026, 10, 20, 13, 5, 33)],
    ['2026-11-20 08:05:33 EST', Date.UTC(2026, 10, 20, 13, 5, 33)],
    ['2026-11-20 14:05:33 Europe/Berlin', Date.UTC(2026, 10, 20, 13, 5, 33)],
    // no zone: the default zone, here Europe/Berlin (CET in November, CEST in July)
    ['2026-11-20 14:05:33', Date.UTC(2026, 10, 20, 13, 5, 33)],
    ['2026-07-20 14:05:33', Date.UTC(2026, 6, 20, 12, 5, 33)],
    // German
    ['23.11.2026', Date.UTC(2026, 10, 22, 23, 0)],
    ['23.11.2026 14:05', Date.UTC(2026, 10, 23, 13, 5)],
    ['23.11.26 14:05:09', Date.UTC(2026, 10, 23, 13, 5, 9)],
    ['3.7.2026, 08:00 Uhr', Date.UTC(2026, 6, 3, 6, 0)],
    // epoch seconds and milliseconds
    ['1795179933', Date.UTC(2026, 10, 20, 13, 5, 33)],
    ['1795179933000', Date.UTC(2026, 10, 20, 13, 5, 33)],
  ])('%s', (text, expected) => {
    expect(parseTimestamp(text, 'Europe/Berlin')).toBe(expected)
  })
  it('reads zone-less times in the zone it is given', () => {
    expect(parseTimestamp('2026-11-20 14:05:33', 'UTC')).toBe(Date.UTC(2026, 10, 20, 14, 5, 33))
    expect(parseTimestamp('2026-11-20 14:05:33', 'America/New_York')).toBe(Date.UTC(2026, 10, 20, 19, 5, 33))
  })
  it('moves a time in the spring-forward gap forward', () => {
    // 29 March 2026, 02:30 does not exist in Berlin; it is read as 03:30 CEST
    expect(parseTimestamp('29.03.2026 02:30')).toBe(Date.UTC(2026, 2, 29, 1, 30))
  })
  it('refuses impossible dates instead of rolling them over', () => {
    expect(() => parseTimestamp('31.02.2026')).toThrow("date '31.02.2026' is not a valid date")
    expect(() => parseTimestamp('2026-13-01')).toThrow('not a valid date')
    expect(() => parseTimestamp('20.11.2026 25:00')).toThrow('not a valid date')
    expect(() => parseTimestamp('29.02.2026')).toThrow('not a valid date')
    expect(parseTimestamp('29.02.2028', 'UTC')).toBe(Date.UTC(2028, 1, 29))
  })
  it('says what it expected for text that is no date', () => {
    expect(() => parseTimestamp('gestern')).toThrow(/'gestern' is not a date \(expected DD.MM.YYYY/)
    expect(() => parseTimestamp('11/20/2026')).toThrow(ValueError)
    expect(() => parseTimestamp('2026-11-20 14:05 XYZ')).toThrow("unknown time zone 'XYZ'")
  })
})

describe('day, period, language, yes/no', () => {
  it('reads calendar days', () => {
    expect(parseDay('15.06.2021')).toBe('2021-06-15')
    expect(parseDay('2021-6-5')).toBe('2021-06-05')
    expect(parseDay('2021-06-15T10:00:00Z')).toBe('2021-06-15')
    expect(() => parseDay('31.04.2021')).toThrow('not a valid date')
  })
  it('reads usage periods as their first day', () => {
    expect(parsePeriodStart('2026-11')).toBe('2026-11-01')
    expect(parsePeriodStart('11.2026')).toBe('2026-11-01')
    expect(parsePeriodStart('11/2026')).toBe('2026-11-01')
    expect(parsePeriodStart('03.11.2026')).toBe('2026-11-03')
  })
  it('maps language spellings', () => {
    expect(['de', 'DE', 'de-AT', 'Deutsch'].map(parseLanguage)).toEqual(['de', 'de', 'de', 'de'])
    expect(['en', 'EN-GB', 'English'].map(parseLanguage)).toEqual(['en', 'en', 'en'])
    expect(['fr', '', 'default'].map(parseLanguage)).toEqual([null, null, null])
  })
  it('maps yes/no spellings', () => {
    expect(['Yes', 'true', 'ja', '1'].map(parseBoolean)).toEqual([true, true, true, true])
    expect(['No', 'FALSE', 'nein', '0'].map(parseBoolean)).toEqual([false, false, false, false])
    expect(parseBoolean('')).toBeNull()
    expect(() => parseBoolean('vielleicht')).toThrow(ValueError)
  })
})

describe('CSV source', () => {
  it('detects the delimiter from the header line, ignoring quoted ones', () => {
    expect(detectDelimiter('a,b,c')).toBe(',')
    expect(detectDelimiter('Datum;Kommentar;"NPS, 0-10"')).toBe(';')
    expect(detectDelimiter('a\tb\tc')).toBe('\t')
    expect(detectDelimiter('nur eine Spalte')).toBe(',')
  })

  it('honours an Excel "sep=" line and counts it as a line', async () => {
    const rows = await rowsOf(Buffer.from('sep=;\nA;B\n1,5;2\n'))
    expect(rows).toEqual([
      { ok: true, line: 2, endLine: 2, fields: ['A', 'B'] },
      { ok: true, line: 3, endLine: 3, fields: ['1,5', '2'] },
    ])
  })

  it('strips a BOM and gives the start line of rows after multi-line quoted values (LF and CRLF)', async () => {
    const text = '\ufeffid,comment\r\n1,"eins\r\nzwei\r\ndrei"\r\n2,"a\nb"\r\n\r\n3,x\r\n'
    const rows = await rowsOf(Buffer.from(text))
    expect(rows).toEqual([
      { ok: true, line: 1, endLine: 1, fields: ['id', 'comment'] },
      { ok: true, line: 2, endLine: 4, fields: ['1', 'eins\nzwei\ndrei'] },
      { ok: true, line: 5, endLine: 6, fields: ['2', 'a\nb'] },
      { ok: true, line: 8, endLine: 8, fields: ['3', 'x'] },
    ])
  })

  it('reads every fixture the same whatever the chunk size (split CRLF, split UTF-8 sequences)', async () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.csv'))
    expect(files.length).toBeGreaterThanOrEqual(9)
    for (const f of files) {
      const whole = await rowsOf(path.join(FIXTURES, f))
      for (const size of [1, 2, 3, 7]) {
        expect(
          await rowsOf(readFileSync(path.join(FIXTURES, f)), size),
          `${f} in ${size}-byte chunks`,
        ).toEqual(whole)
      }
    }
  })

  it('refuses UTF-16 with a clear message', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,nps\n1,9\n', 'utf16le')])
    await expect(openCsv(utf16)).rejects.toThrow(
      new ImportFormatError(
        'the file is UTF-16 encoded; UTF-16 is not supported, export it as UTF-8 (Excel: "CSV UTF-8")',
      ),
    )
    await expect(openCsv(Buffer.from('id,nps\n1,9\n', 'utf16le'))).rejects.toThrow(/NUL bytes.*UTF-16/)
  })

  it('refuses workbooks and empty files', async () => {
    await expect(openCsv(Buffer.from([0x50, 0x4b, 3, 4, 20, 0]))).rejects.toThrow(/Excel workbook/)
    await expect(openCsv(Buffer.alloc(0))).rejects.toThrow('the file is empty')
    await expect(openCsv(Buffer.from([0xef, 0xbb, 0xbf]))).rejects.toThrow('the file is empty')
  })

  it('finds invalid UTF-8 bytes (stray, truncated, overlong, surrogate)', () => {
    expect(invalidUtf8Offsets(Buffer.from('aä', 'latin1'))).toEqual([1])
    expect(invalidUtf8Offsets(Buffer.from([0x61, 0xc3]))).toEqual([1])
    expect(invalidUtf8Offsets(Buffer.from([0xc0, 0xaf]))).toEqual([0, 1])
    expect(invalidUtf8Offsets(Buffer.from([0xed, 0xa0, 0x80]))).toEqual([0, 1, 2])
    expect(invalidUtf8Offsets(Buffer.from('Grüße €', 'utf8'))).toEqual([])
  })
})

describe('JSON source', () => {
  it('streams a JSON array with the line each element starts on', async () => {
    const text = '[\n  {"a": 1},\n  {\n    "a": "x, ]}"\n  },\n  7,\n  {"a": [1, {"b": 2}]}\n]\n'
    expect(await jsonOf(text)).toEqual([
      { ok: true, line: 2, value: { a: 1 } },
      { ok: true, line: 3, value: { a: 'x, ]}' } },
      { ok: true, line: 6, value: 7 },
      { ok: true, line: 7, value: { a: [1, { b: 2 }] } },
    ])
  })
  it('reports a broken element and reads on', async () => {
    const items = await jsonOf('[\n{"a": 1,},\n{"a": 2}\n]')
    expect(items[0]).toMatchObject({ ok: false, line: 2 })
    expect((items[0] as { reason: string }).reason).toMatch(/^not valid JSON/)
    expect(items[1]).toEqual({ ok: true, line: 3, value: { a: 2 } })
  })
  it('reports an array that is never closed', async () => {
    expect(await jsonOf('[{"a": 1},\n{"a": ')).toEqual([
      { ok: true, line: 1, value: { a: 1 } },
      { ok: false, line: 2, reason: 'this JSON value is never closed; the rest of the file was not read' },
    ])
  })
  it('reads NDJSON line by line, skipping blank lines', async () => {
    expect(await jsonOf('{"a":1}\n\n{"a":\n{"a":3}')).toEqual([
      { ok: true, line: 1, value: { a: 1 } },
      { ok: false, line: 3, reason: expect.stringMatching(/^not valid JSON/) as unknown as string },
      { ok: true, line: 4, value: { a: 3 } },
    ])
  })
})
