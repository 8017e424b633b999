import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { normalizeIntent } from '../../shared/domain/intent'
import {
  formbricksWebhookMappingSchema,
  parseFormbricksWebhook,
  readFormbricksCsv,
  suggestFormbricksMapping,
  type FormbricksWebhookMapping,
} from '../../electron/core/import/formbricks'
import {
  parseColumnMapping,
  readChurnCsv,
  readContactPointsCsv,
  readContactPointsJson,
  readCustomersCsv,
  readCustomersJson,
  readFeedbackCsv,
  readFeedbackJson,
  readTicketsCsv,
  readUsageCsv,
  readUsageJson,
  suggestFeedbackMapping,
} from '../../electron/core/import/generic'
import { readQualtricsCsv, suggestQualtricsMapping } from '../../electron/core/import/qualtrics'
import {
  ImportFormatError,
  describeRowError,
  type ColumnMapping,
  type FeedbackRecord,
  type RowResult,
} from '../../electron/core/import/types'

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url))

async function collect<T>(rows: AsyncIterable<RowResult<T>>): Promise<RowResult<T>[]> {
  const out: RowResult<T>[] = []
  for await (const row of rows) out.push(row)
  return out
}

function records<T>(rows: RowResult<T>[]): T[] {
  return rows.flatMap((r) => (r.ok ? [r.record] : []))
}

function failures<T>(rows: RowResult<T>[]): { line: number; reason: string; skipped?: true }[] {
  return rows.flatMap((r) =>
    r.ok
      ? []
      : [
          r.skipped
            ? { line: r.line, reason: r.reason, skipped: r.skipped }
            : { line: r.line, reason: r.reason },
        ],
  )
}

const qualtrics = (over: Partial<FeedbackRecord>): FeedbackRecord => ({
  source: 'qualtrics',
  sourceResponseId: '',
  customerKey: { kind: 'customer_no', value: '' },
  answeredAt: 0,
  nps: null,
  intentRaw: null,
  intentScale: null,
  comment: null,
  language: 'de',
  channel: 'email',
  ...over,
})

describe('Qualtrics CSV export', () => {
  // RecordedDate is written in Europe/Berlin (third header row), CET in November: UTC = local - 1 h
  it('parses every response to the exact record', async () => {
    const rows = await collect(readQualtricsCsv(fixture('qualtrics-export.csv')))
    expect(rows.filter((r) => r.ok).map((r) => r.line)).toEqual([4, 5, 7, 10, 12, 14, 15, 16, 17])
    expect(records(rows)).toEqual([
      qualtrics({
        sourceResponseId: 'R_2VfQ8mXk1LpA9sT',
        customerKey: { kind: 'customer_no', value: 'K-1000231' },
        answeredAt: Date.UTC(2026, 10, 20, 13, 5, 33),
        nps: 10, // "10 - Äußerst wahrscheinlich" in a choice-text export
        intentRaw: 9,
        intentScale: '0-10',
        comment: 'Schnelle Lieferung, freundlicher Support.',
      }),
      qualtrics({
        sourceResponseId: 'R_1dGx7PqRt3WmZ2b',
        customerKey: { kind: 'customer_no', value: 'K-1000458' },
        answeredAt: Date.UTC(2026, 10, 20, 14, 12, 9),
        nps: 8,
        intentRaw: 7,
        intentScale: '0-10',
        comment: 'Gut, aber die Hotline "Warteschleife" ist zu lang.\nBitte mehr Personal am Abend.',
      }),
      qualtrics({
        sourceResponseId: 'R_3kLm9NbVc4Xz8Qw',
        // no ExternalReference: the recipient e-mail, lower-cased
        customerKey: { kind: 'email', value: 'jonas.becker@example.com' },
        answeredAt: Date.UTC(2026, 10, 21, 8, 2, 47),
        nps: 0,
        intentRaw: 2,
        intentScale: '0-10',
        comment: 'Rechnung falsch.\nDreimal angerufen, nichts passiert.',
      }),
      qualtrics({
        sourceResponseId: 'R_9sDfGh2JkL4mN6p',
        customerKey: { kind: 'customer_no', value: 'K-1000502' },
        answeredAt: Date.UTC(2026, 10, 21, 10, 24, 18),
        nps: null, // the NPS question was skipped: empty, never 0
        intentRaw: 8,
        intentScale: '0-10',
        comment: 'Kein Kommentar zur Weiterempfehlung, aber die App ist super.',
      }),
      qualtrics({
        sourceResponseId: 'R_7hJk2LmN4pQr6St',
        customerKey: { kind: 'customer_no', value: 'K-1000777' },
        answeredAt: Date.UTC(2026, 10, 22, 8, 13, 5),
        nps: 9,
        intentRaw: 10,
        intentScale: '0-10',
        comment: 'Great service, thanks!',
        language: 'en',
      }),
      qualtrics({
        sourceResponseId: 'R_4aSd6FgH8jKl0Zx',
        customerKey: { kind: 'customer_no', value: 'K-1000815' },
        answeredAt: Date.UTC(2026, 10, 22, 12, 44, 10),
        nps: 6,
        channel: 'sms',
      }),
      qualtrics({
        sourceResponseId: 'R_8qWe1RtY3uIo5Pa',
        customerKey: { kind: 'customer_no', value: 'K-1000904' },
        answeredAt: Date.UTC(2026, 10, 23, 7, 2, 31),
        nps: 7,
        intentRaw: 6,
        intentScale: '0-10',
        comment: 'Preis-Leistung passt; Versand war 2 Tage zu spät.',
        channel: 'sms',
      }),
      qualtrics({
        sourceResponseId: 'R_0zXc2VbN4mL6kJh',
        customerKey: { kind: 'customer_no', value: 'K-1000999' },
        answeredAt: Date.UTC(2026, 10, 23, 18, 16, 12),
        nps: 3, // an unfinished response still counts
      }),
      qualtrics({
        sourceResponseId: 'R_5gHj7KlZ9xCv1Bn',
        customerKey: { kind: 'customer_no', value: 'K-1001012' },
        answeredAt: Date.UTC(2026, 10, 24, 9, 6, 40),
        nps: 10,
        intentRaw: 9,
        intentScale: '0-10',
        // the QID2_TEXT question, not the "Sonstiges" text of the product question
        comment: 'Alles bestens',
      }),
    ])
    expect(normalizeIntent(9, '0-10')).toBe(0.9)
  })

  it('skips preview, test and spam responses and counts them apart', async () => {
    const rows = await collect(readQualtricsCsv(fixture('qualtrics-export.csv')))
    expect(failures(rows)).toEqual([
      { line: 9, reason: 'skipped: preview/test/spam', skipped: true },
      { line: 11, reason: 'skipped: preview/test/spam', skipped: true },
      { line: 13, reason: 'skipped: preview/test/spam', skipped: true },
    ])
  })

  const numericExport = (rows: string[]): Buffer =>
    Buffer.from(
      [
        'ResponseId,RecordedDate,Status,ExternalReference,RecipientEmail,Q1_NPS_GROUP,Q1,Q3,Q2',
        '"Response ID","Recorded Date","Response Type","External Data Reference","Recipient Email","NPS - Group","Empfehlung?","Wie wahrscheinlich kaufen Sie wieder? (1 bis 5)","Warum?"',
        '"{""ImportId"":""_recordId""}","{""ImportId"":""recordedDate""}","{""ImportId"":""status""}","{""ImportId"":""externalDataReference""}","{""ImportId"":""recipientEmail""}","{""ImportId"":""QID1_NPS_GROUP""}","{""ImportId"":""QID1""}","{""ImportId"":""QID3""}","{""ImportId"":""QID2_TEXT""}"',
        ...rows,
      ].join('\n'),
    )

  it('reads a numeric export: status codes, UTC without a zone, intent scale from the question text', async () => {
    const rows = await collect(
      readQualtricsCsv(
        numericExport([
          'R_a,2026-11-20 14:05:33,0,K-1,,3,9,4,gut',
          'R_b,2026-11-20 14:06:00,1,K-2,,3,10,5,preview',
          'R_c,2026-11-20 14:07:00,2,K-3,,1,0,1,test',
          'R_d,2026-11-20 14:08:00,8,K-4,,1,0,1,spam',
          'R_e,2026-11-20 14:09:00,0,,,,,,',
          'R_f,2026-11-20 14:10:00,0,K-6,,1,11,2,',
          'R_a,2026-11-20 14:11:00,0,K-7,,2,7,3,',
        ]),
      ),
    )
    expect(rows[0]).toEqual({
      ok: true,
      line: 4,
      record: qualtrics({
        sourceResponseId: 'R_a',
        customerKey: { kind: 'customer_no', value: 'K-1' },
        answeredAt: Date.UTC(2026, 10, 20, 14, 5, 33),
        nps: 9,
        intentRaw: 4,
        intentScale: '1-5',
        comment: 'gut',
        language: null,
        channel: null,
      }),
    })
    expect(failures(rows).map(describeRowError)).toEqual([
      'line 5: skipped: preview/test/spam',
      'line 6: skipped: preview/test/spam',
      'line 7: skipped: preview/test/spam',
      'line 8: missing customer key: neither ExternalReference nor RecipientEmail is filled',
      'line 9: NPS 11 is outside 0-10',
      'line 10: duplicate response id "R_a" (first seen on line 4)',
    ])
  })

  it('shows what it detected, for the mapping step', async () => {
    expect(await suggestQualtricsMapping(fixture('qualtrics-export.csv'))).toEqual({
      responseId: 'ResponseId',
      answeredAt: 'RecordedDate',
      nps: 'Q1',
      intent: 'Q3',
      intentScale: '0-10',
      comment: 'Q2',
      language: 'UserLanguage',
      channel: 'DistributionChannel',
      customerKey: 'ExternalReference',
      customerKeyKind: 'customer_no',
    })
  })

  it('takes the mapping over the heuristics and refuses files that are not Qualtrics exports', async () => {
    const rows = await collect(
      readQualtricsCsv(numericExport(['R_a,2026-11-20 14:05:33,0,K-1,anna@example.de,3,9,4,gut']), {
        mapping: {
          intent: 'Q3',
          intentScale: '0-10',
          customerKey: 'RecipientEmail',
          customerKeyKind: 'email',
        },
        timeZone: 'Europe/Berlin',
      }),
    )
    expect(records(rows)[0]).toMatchObject({
      customerKey: { kind: 'email', value: 'anna@example.de' },
      intentScale: '0-10',
      answeredAt: Date.UTC(2026, 10, 20, 13, 5, 33),
    })
    await expect(collect(readQualtricsCsv(Buffer.from('a,b\nc,d\n')))).rejects.toThrow(
      'this is not a Qualtrics response export: the columns ResponseId and RecordedDate are missing',
    )
    await expect(
      collect(readQualtricsCsv(fixture('qualtrics-export.csv'), { mapping: { nps: 'Q9' } })),
    ).rejects.toThrow(ImportFormatError)
  })
})

const formbricks = (over: Partial<FeedbackRecord>): FeedbackRecord => ({
  source: 'formbricks',
  sourceResponseId: '',
  customerKey: { kind: 'customer_no', value: '' },
  answeredAt: 0,
  nps: null,
  intentRaw: null,
  intentScale: null,
  comment: null,
  language: null,
  channel: 'email',
  ...over,
})

const WEBHOOK_MAPPING: FormbricksWebhookMapping = {
  nps: 'nps7k2a1recommend',
  intent: 'again9x3b7repurchase',
  intentScale: '0-10',
  comment: 'why4h8c2reason',
}

describe('Formbricks', () => {
  it('parses the CSV export (quoted numbers, zone suffixes, multi-line answers)', async () => {
    const rows = await collect(readFormbricksCsv(fixture('formbricks-export.csv')))
    expect(failures(rows)).toEqual([])
    expect(rows.map((r) => r.line)).toEqual([2, 3, 5, 6, 7, 8, 9, 10, 11, 12])
    const got = records(rows)
    expect(got.slice(0, 6)).toEqual([
      formbricks({
        sourceResponseId: 'cm3qk1v7a0001xyz8fbr2d4e1',
        customerKey: { kind: 'customer_no', value: 'K-1000231' },
        answeredAt: Date.UTC(2026, 10, 20, 13, 5, 33), // "2026-11-20 14:05:33 GMT+1"
        nps: 9,
        intentRaw: 8,
        intentScale: '0-10',
        comment: 'Sehr zufrieden, schnelle Hilfe am Telefon.',
      }),
      formbricks({
        sourceResponseId: 'cm3qk2b8c0002xyz8fbr2d4e2',
        customerKey: { kind: 'customer_no', value: 'K-1000458' },
        answeredAt: Date.UTC(2026, 10, 20, 16, 40), // "… UTC"
        nps: 3,
        intentRaw: 2,
        intentScale: '0-10',
        comment: 'Die Rechnung war "kreativ" berechnet.\nBitte prüfen.',
      }),
      formbricks({
        sourceResponseId: 'cm3qk3d9e0003xyz8fbr2d4e3',
        customerKey: { kind: 'customer_no', value: 'K-1000502' },
        answeredAt: Date.UTC(2026, 10, 21, 9, 30), // ISO with Z
        nps: 7, // unfinished, only the NPS answered
        channel: 'app',
      }),
      formbricks({
        sourceResponseId: 'cm3qk4f0g0004xyz8fbr2d4e4',
        // no User ID: the e-mail attribute column
        customerKey: { kind: 'email', value: 'max.mustermann@example.de' },
        answeredAt: Date.UTC(2026, 10, 22, 9, 15), // "2026-11-22 10:15:00 +01:00"
        nps: 10,
        intentRaw: 10,
        intentScale: '0-10',
        comment: 'Top!',
        channel: null,
      }),
      formbricks({
        sourceResponseId: 'cm3qk5h1i0005xyz8fbr2d4e5',
        customerKey: { kind: 'customer_no', value: 'K-1000777' },
        answeredAt: Date.UTC(2026, 10, 22, 11, 0),
        nps: null, // skipped: empty, not 0
        intentRaw: 6,
        intentScale: '0-10',
        comment: 'Nur ein Kommentar.',
      }),
      formbricks({
        sourceResponseId: 'cm3qk6j2k0006xyz8fbr2d4e6',
        customerKey: { kind: 'customer_no', value: 'K-1000815' },
        answeredAt: Date.UTC(2026, 10, 22, 17, 45, 12),
        nps: 0,
        intentRaw: 0,
        intentScale: '0-10',
        comment: 'Kündige zum Monatsende.',
        channel: 'sms',
      }),
    ])
    expect(got.map((r) => r.nps)).toEqual([9, 3, 7, 10, null, 0, 8, 6, 9, 5])
  })

  it('shows what it detected, for the mapping step', async () => {
    expect(await suggestFormbricksMapping(fixture('formbricks-export.csv'))).toEqual({
      responseId: 'Response ID',
      answeredAt: 'Timestamp',
      nps: '1. Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?',
      intent: '3. Wie wahrscheinlich ist es, dass Sie erneut bei uns kaufen?',
      intentScale: '0-10',
      comment: '2. Was ist der Hauptgrund für Ihre Bewertung?',
      channel: 'source',
      customerKey: 'User ID',
      customerKeyKind: 'customer_no',
    })
  })

  it('maps a webhook to the same source and id as the CSV row of the same response', async () => {
    const payloads = JSON.parse(readFileSync(fixture('formbricks-webhook.json'), 'utf8')) as unknown[]
    const fromHook = parseFormbricksWebhook(payloads[0], WEBHOOK_MAPPING)
    const fromCsv = records(await collect(readFormbricksCsv(fixture('formbricks-export.csv')))).find(
      (r) => r.sourceResponseId === 'cm3qk9p5q0009xyz8fbr2d4e9',
    )
    expect(fromHook.ok).toBe(true)
    if (!fromHook.ok) return
    expect(fromHook.event).toBe('responseFinished')
    expect([fromHook.record.source, fromHook.record.sourceResponseId]).toEqual([
      fromCsv?.source,
      fromCsv?.sourceResponseId,
    ])
    // whole seconds on both sides, so the record is identical and an update changes nothing
    expect(fromHook.record).toEqual(fromCsv)
    expect(fromHook.record).toEqual(
      formbricks({
        sourceResponseId: 'cm3qk9p5q0009xyz8fbr2d4e9',
        customerKey: { kind: 'customer_no', value: 'K-1001012' },
        answeredAt: Date.UTC(2026, 10, 24, 8, 14, 7),
        nps: 9,
        intentRaw: 8,
        intentScale: '0-10',
        comment: 'Freundliche Beratung im Shop, gerne wieder.',
      }),
    )
  })

  it('maps a partial webhook without a contact through the e-mail attribute', () => {
    const payloads = JSON.parse(readFileSync(fixture('formbricks-webhook.json'), 'utf8')) as unknown[]
    expect(parseFormbricksWebhook(payloads[1], WEBHOOK_MAPPING)).toEqual({
      ok: true,
      event: 'responseUpdated',
      record: formbricks({
        sourceResponseId: 'cm3qkbt7u0011xyz8fbr2d4f1',
        customerKey: { kind: 'email', value: 'lea.wagner@example.org' },
        answeredAt: Date.UTC(2026, 10, 25, 7, 59, 58),
        nps: 10, // sent as the string "10"
        language: 'de',
        channel: null,
      }),
    })
  })

  it('gives a clear reason for payloads it cannot use', () => {
    expect(
      parseFormbricksWebhook({ event: 'responseFinished', data: { surveyId: 's' } }, WEBHOOK_MAPPING),
    ).toEqual({
      ok: false,
      reason:
        'not a Formbricks response webhook: data.id: Invalid input: expected string, received undefined; data.createdAt: Invalid input: expected string, received undefined; data.data: Invalid input: expected record, received undefined',
    })
    const base = {
      event: 'responseFinished',
      data: { id: 'r1', createdAt: '2026-11-20T10:00:00Z', surveyId: 's', contact: { userId: 'K-1' } },
    }
    expect(parseFormbricksWebhook({ ...base, event: 'displayCreated' }, WEBHOOK_MAPPING)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('event') as unknown as string,
    })
    expect(
      parseFormbricksWebhook(
        { ...base, data: { ...base.data, data: { nps7k2a1recommend: 11 } } },
        WEBHOOK_MAPPING,
      ),
    ).toEqual({ ok: false, reason: 'NPS 11 is outside 0-10' })
    expect(parseFormbricksWebhook({ ...base, data: { ...base.data, data: {} } }, WEBHOOK_MAPPING)).toEqual({
      ok: false,
      reason: 'skipped: no NPS, intent or comment answered',
      skipped: true,
    })
    expect(formbricksWebhookMappingSchema.safeParse({ nps: 'q1', intentScale: '1-7' }).success).toBe(false)
  })
})

const GENERIC: ColumnMapping = {
  responseId: 'response_id',
  customerKey: 'customer_no',
  customerKeyKind: 'customer_no',
  answeredAt: 'answered_at',
  nps: 'nps',
  intent: 'intent',
  intentScale: '1-5',
  comment: 'comment',
}

const generic = (file: string, mapping: ColumnMapping = GENERIC): Promise<RowResult<FeedbackRecord>[]> =>
  collect(readFeedbackCsv(fixture(file), mapping, { source: 'csv:test' }))

describe('generic feedback files', () => {
  it('reads a German Excel file: semicolons, BOM, CRLF, decimal commas, German dates', async () => {
    const mapping = parseColumnMapping({
      responseId: 'Antwort-ID',
      customerKey: 'Kundennummer',
      customerKeyKind: 'customer_no',
      answeredAt: 'Datum',
      nps: 'NPS',
      intent: 'Kaufabsicht',
      intentScale: 'percent',
      comment: 'Kommentar',
      language: 'Sprache',
      channel: 'Kanal',
    })
    const rows = await collect(
      readFeedbackCsv(fixture('feedback-semicolon-de.csv'), mapping, { source: 'csv:excel' }),
    )
    const base = { source: 'csv:excel', language: 'de' as const, intentScale: 'percent' as const }
    expect(rows).toEqual([
      {
        ok: true,
        line: 2,
        record: {
          ...base,
          sourceResponseId: 'A-7001',
          customerKey: { kind: 'customer_no', value: 'K-1000231' },
          answeredAt: Date.UTC(2026, 10, 23, 13, 5), // 23.11.2026 14:05 Berlin
          nps: 9,
          intentRaw: 87.5, // "87,5"
          comment: 'Sehr gute Beratung',
          channel: 'Telefon',
        },
      },
      {
        ok: true,
        line: 3,
        record: {
          ...base,
          sourceResponseId: 'A-7002',
          customerKey: { kind: 'customer_no', value: 'K-1000458' },
          answeredAt: Date.UTC(2026, 10, 23, 15, 30),
          nps: 4,
          intentRaw: 12.5,
          comment: 'Zu teuer; Vertrag kündige ich',
          channel: 'E-Mail',
        },
      },
      {
        ok: true,
        line: 4,
        record: {
          ...base,
          sourceResponseId: 'A-7003',
          customerKey: { kind: 'customer_no', value: 'K-1000502' },
          answeredAt: Date.UTC(2026, 10, 30, 23, 0), // 01.12.2026, midnight in Berlin
          nps: null,
          intentRaw: 60,
          comment: 'Mehr Filialen bitte.\nSonst alles gut.',
          channel: 'Filiale',
        },
      },
      {
        ok: true,
        line: 6,
        record: {
          ...base,
          sourceResponseId: 'A-7004',
          customerKey: { kind: 'customer_no', value: 'K-1000777' },
          answeredAt: Date.UTC(2026, 10, 24, 8, 0, 30),
          nps: 10,
          intentRaw: 100,
          comment: 'Top',
          language: 'en',
          channel: 'E-Mail',
        },
      },
      {
        ok: true,
        line: 7,
        record: {
          ...base,
          sourceResponseId: 'A-7005',
          customerKey: { kind: 'customer_no', value: 'K-1000815' },
          answeredAt: Date.UTC(2026, 10, 24, 8, 0),
          nps: 7,
          intentRaw: null,
          intentScale: null,
          comment: null,
          channel: 'Telefon',
        },
      },
    ])
    expect(normalizeIntent(87.5, 'percent')).toBe(0.875)
  })

  it('reads NDJSON with the usual property names and reports the bad lines', async () => {
    const rows = await collect(readFeedbackJson(fixture('feedback.ndjson'), { source: 'json:app' }))
    expect(records(rows)).toEqual([
      {
        source: 'json:app',
        sourceResponseId: 'N-1',
        customerKey: { kind: 'customer_no', value: 'K-1000231' },
        answeredAt: Date.UTC(2026, 10, 20, 13, 5, 33),
        nps: 9,
        intentRaw: 4,
        intentScale: '1-5',
        comment: 'Läuft.',
        language: 'de',
        channel: 'app',
      },
      {
        source: 'json:app',
        sourceResponseId: 'N-2',
        customerKey: { kind: 'email', value: 'deniz.yilmaz@example.de' },
        answeredAt: 1763651400000,
        nps: 2,
        intentRaw: null,
        intentScale: null,
        comment: 'Nie wieder.',
        language: 'de',
        channel: 'web',
      },
      {
        source: 'json:app',
        sourceResponseId: 'N-4',
        customerKey: { kind: 'customer_no', value: 'K-1000777' },
        answeredAt: Date.UTC(2026, 10, 22, 8, 13, 5),
        nps: null,
        intentRaw: 55.5,
        intentScale: 'percent',
        comment: 'Only intent and a comment.',
        language: 'en',
        channel: 'email',
      },
    ])
    const bad = failures(rows)
    expect(bad.map((b) => b.line)).toEqual([4, 6])
    expect(bad[0]?.reason).toMatch(/^not valid JSON/)
    expect(bad[1]?.reason).toBe('NPS 12 is outside 0-10')
  })

  it('reports bytes that are not UTF-8 per row, with the byte and its offset, and reads the rest', async () => {
    const rows = await generic('bad-encoding.csv')
    expect(records(rows).map((r) => r.sourceResponseId)).toEqual(['B-1', 'B-3'])
    expect(failures(rows)).toEqual([
      {
        line: 3,
        reason:
          'text is not valid UTF-8 (byte 0xFC at file offset 146); the file is probably Windows-1252/Latin-1 — export it again as UTF-8 (Excel: "CSV UTF-8")',
      },
      { line: 5, reason: expect.stringContaining('byte 0xFC at file offset 259') as unknown as string },
    ])
  })

  it('turns broken quotes into row errors and carries on', async () => {
    const rows = await generic('broken-quotes.csv')
    expect(records(rows).map((r) => [r.sourceResponseId, r.comment])).toEqual([
      ['Q-1', 'Alles gut'],
      ['Q-3', 'Zweizeiliger\nKommentar, korrekt zitiert'],
      ['Q-5', 'Passt'],
    ])
    expect(failures(rows).map(describeRowError)).toEqual([
      'line 3: broken quotes: text follows a closing quote (a quote inside a quoted value must be doubled: "")',
      'line 6: broken quotes: a quote appears inside an unquoted value (quote the whole value and double the inner quotes)',
      'line 8: broken quotes: a quoted value opened here is never closed; lines 8–10 were not read',
    ])
  })

  it('reports rows with missing or extra columns, with lines counted across multi-line values', async () => {
    const rows = await generic('missing-columns.csv')
    expect(records(rows).map((r) => r.sourceResponseId)).toEqual(['M-1', 'M-3', 'M-6'])
    expect(failures(rows).map(describeRowError)).toEqual([
      'line 3: expected 6 columns, found 4',
      'line 6: expected 6 columns, found 7 (an unquoted "," inside a value splits it)',
      'line 7: expected 6 columns, found 2',
    ])
  })

  it('reports out-of-range scores, bad dates and missing keys with readable reasons', async () => {
    const rows = await generic('out-of-range.csv')
    expect(records(rows).map((r) => [r.sourceResponseId, r.nps, r.intentRaw])).toEqual([
      ['O-1', 9, 4],
      ['O-10', 0, 1],
    ])
    expect(failures(rows).map(describeRowError)).toEqual([
      'line 3: NPS 11 is outside 0-10',
      'line 4: NPS -1 is outside 0-10',
      'line 5: NPS 9.5 is not a whole number 0-10',
      "line 6: NPS 'sehr gut' is not a number",
      'line 7: intent 7 is outside the 1-5 scale',
      'line 8: intent 0 is outside the 1-5 scale',
      "line 9: date '31.02.2026' is not a valid date",
      'line 10: missing customer key',
    ])
  })

  it('reports a duplicate response id with the line of its first occurrence', async () => {
    const rows = await generic('duplicate-ids.csv')
    expect(records(rows).map((r) => r.sourceResponseId)).toEqual(['D-1', 'D-2', 'D-3'])
    expect(failures(rows).map(describeRowError)).toEqual([
      'line 5: duplicate response id "D-1" (first seen on line 2)',
      'line 7: duplicate response id "D-2" (first seen on line 3)',
    ])
  })

  it('gives rows without a response id column a stable content id', async () => {
    const { responseId: _dropped, ...mapping } = GENERIC
    const first = records(await generic('out-of-range.csv', mapping))
    const second = records(await generic('out-of-range.csv', mapping))
    expect(first.map((r) => r.sourceResponseId)).toEqual(second.map((r) => r.sourceResponseId))
    expect(first[0]?.sourceResponseId).toMatch(/^row-[0-9a-f]{20}$/)
    expect(new Set(first.map((r) => r.sourceResponseId)).size).toBe(first.length)
  })

  it('validates and suggests mappings', async () => {
    expect(() => parseColumnMapping({ customerKey: 'k', customerKeyKind: 'customer_no' })).toThrow(
      'the column mapping names no NPS, intent or comment column',
    )
    expect(() => parseColumnMapping({ nps: 'n', customerKey: 'k', customerKeyKind: 'iban' })).toThrow(
      /customerKeyKind/,
    )
    expect(() => parseColumnMapping({ intent: 'i', customerKey: 'k', customerKeyKind: 'email' })).toThrow(
      'the column mapping names an intent column but no scale',
    )
    expect(
      suggestFeedbackMapping([
        'Antwort-ID',
        'Kundennummer',
        'Datum',
        'NPS',
        'Kaufabsicht',
        'Kommentar',
        'Sprache',
      ]),
    ).toEqual({
      responseId: 'Antwort-ID',
      customerKey: 'Kundennummer',
      customerKeyKind: 'customer_no',
      answeredAt: 'Datum',
      nps: 'NPS',
      intent: 'Kaufabsicht',
      intentScale: '0-10',
      comment: 'Kommentar',
      language: 'Sprache',
    })
    await expect(generic('missing-columns.csv', { ...GENERIC, channel: 'Kanal' })).rejects.toThrow(
      'the column "Kanal" chosen for the channel is not in the file (columns: response_id, customer_no, answered_at, nps, intent, comment)',
    )
  })
})

describe('customers, usage, tickets, churn', () => {
  it('reads customers.csv', async () => {
    const rows = await collect(readCustomersCsv(fixture('customers.csv')))
    expect(failures(rows)).toEqual([])
    expect(records(rows)).toEqual([
      {
        customerNo: 'K-1000231',
        firstName: 'Anna',
        lastName: 'Schmidt',
        company: null,
        email: 'anna.schmidt@example.de',
        phone: '030 1234567',
        language: 'de',
        vertical: 'telecom',
        valueCents: 123456,
        customerSince: '2019-03-01',
        contractEnd: '2027-02-28',
        city: 'Berlin',
        plan: 'Mobil L',
      },
      {
        customerNo: 'K-1000458',
        firstName: 'Deniz',
        lastName: 'Yilmaz',
        company: null,
        email: 'deniz.yilmaz@example.de',
        phone: '+49 89 7654321',
        language: 'de',
        vertical: 'telecom',
        valueCents: 8990,
        customerSince: '2021-06-15', // written 15.06.2021
        contractEnd: null,
        city: 'München',
        plan: 'Mobil S',
      },
      {
        customerNo: 'K-1000502',
        firstName: null,
        lastName: null,
        company: 'Wagner & Söhne GmbH',
        email: 'einkauf@wagner-soehne.example',
        phone: '0221/998877',
        language: 'de',
        vertical: 'saas',
        valueCents: 1200000,
        customerSince: '2020-01-15',
        contractEnd: '2026-12-31',
        city: 'Köln',
        plan: 'Business',
      },
      {
        customerNo: 'K-1000777',
        firstName: 'Chris',
        lastName: 'Taylor',
        company: null,
        email: 'chris.taylor@example.co.uk',
        phone: '+44 20 7946 0958',
        language: 'en',
        vertical: 'ecommerce',
        valueCents: null,
        customerSince: '2024-09-30',
        contractEnd: null,
        city: 'London',
        plan: null,
      },
      {
        customerNo: 'K-1000815',
        firstName: 'Peter',
        lastName: 'Hoffmann',
        company: '"Hoffmann, Peter" Consulting',
        email: 'p.hoffmann@example.de',
        phone: null,
        language: 'de',
        vertical: 'telecom',
        valueCents: 45000,
        customerSince: '2018-11-02',
        contractEnd: null,
        city: 'Hamburg',
        plan: 'Festnetz',
      },
    ])
  })

  it('reads German customer columns and reports bad customer rows', async () => {
    const csv = [
      'Kundennummer;Vorname;Nachname;E-Mail;Sprache;Branche;Wert;Kunde seit',
      'K-1;Jürgen;Müller;j.mueller@example.de;Deutsch;Telekommunikation;1.234,50;01.02.2020',
      'K-1;Doppelt;Müller;;de;telecom;0;01.02.2020',
      'K-3;;;;de;telecom;0;01.02.2020',
      'K-4;Eva;Lang;keine-mail;de;telecom;0;01.02.2020',
      'K-5;Ole;Berg;;fr;telecom;0;01.02.2020',
      'K-6;Ute;Kern;;de;Bäckerei;0;01.02.2020',
    ].join('\n')
    const rows = await collect(readCustomersCsv(Buffer.from(csv)))
    expect(records(rows)).toEqual([
      expect.objectContaining({
        customerNo: 'K-1',
        lastName: 'Müller',
        vertical: 'telecom',
        valueCents: 123450,
        customerSince: '2020-02-01',
        language: 'de',
      }),
    ])
    expect(failures(rows).map(describeRowError)).toEqual([
      'line 3: duplicate customer number "K-1" (first seen on line 2)',
      'line 4: missing name: neither last name nor company',
      "line 5: 'keine-mail' is not an e-mail address",
      "line 6: language 'fr' is not de or en",
      "line 7: vertical 'Bäckerei' is not one of telecom, ecommerce, saas",
    ])
    await expect(collect(readCustomersCsv(Buffer.from('Name,Ort\nA,B\n')))).rejects.toThrow(
      /the customer file has no column for customerNo/,
    )
  })

  it('reads customers from a JSON array', async () => {
    const json = JSON.stringify(
      [{ customerNo: 'K-9', lastName: 'Roth', email: 'ROTH@example.de', valueCents: 1999, vertical: 'saas' }],
      null,
      2,
    )
    expect(await collect(readCustomersJson(Buffer.from(json)))).toEqual([
      {
        ok: true,
        line: 2,
        record: expect.objectContaining({ customerNo: 'K-9', email: 'roth@example.de', valueCents: 1999 }),
      },
    ])
  })

  it('reads contact points, normalised the way the screen pop looks them up', async () => {
    const csv = [
      'Kundennummer;Typ;Kontakt;Bezeichnung;Hauptkontakt',
      'K-1;Telefon;030 1234567;privat;ja',
      'K-1;E-Mail;Anna@Example.de;;',
      'K-2;Fax;030 999;;',
      'K-2;Handy;12;;',
    ].join('\n')
    const rows = await collect(readContactPointsCsv(Buffer.from(csv)))
    expect(records(rows)).toEqual([
      {
        customerKey: { kind: 'customer_no', value: 'K-1' },
        kind: 'phone',
        value: '+49301234567',
        label: 'privat',
        isPrimary: true,
      },
      {
        customerKey: { kind: 'customer_no', value: 'K-1' },
        kind: 'email',
        value: 'anna@example.de',
        label: null,
        isPrimary: false,
      },
    ])
    expect(failures(rows).map(describeRowError)).toEqual([
      "line 4: contact kind 'Fax' is not phone or e-mail",
      "line 5: phone '12' is not a valid phone number",
    ])
    const ndjson = '{"customer_no": "K-3", "type": "email", "value": "x@example.de", "primary": true}\n'
    expect(records(await collect(readContactPointsJson(Buffer.from(ndjson))))).toEqual([
      {
        customerKey: { kind: 'customer_no', value: 'K-3' },
        kind: 'email',
        value: 'x@example.de',
        label: null,
        isPrimary: true,
      },
    ])
  })

  it('reads usage by month with the customer key from the first filled key column', async () => {
    const csv = [
      'Kundennummer;E-Mail;Monat;Nutzung',
      'K-1;;2026-10;12,5',
      ';a@example.de;11.2026;3',
      ';;11.2026;1',
      'K-2;;11.2026;-4',
    ].join('\n')
    const rows = await collect(readUsageCsv(Buffer.from(csv)))
    expect(records(rows)).toEqual([
      { customerKey: { kind: 'customer_no', value: 'K-1' }, periodStart: '2026-10-01', units: 12.5 },
      { customerKey: { kind: 'email', value: 'a@example.de' }, periodStart: '2026-11-01', units: 3 },
    ])
    expect(failures(rows).map(describeRowError)).toEqual([
      'line 4: missing customer key',
      'line 5: units -4 is negative',
    ])
    const ndjson = '{"phone": "030 1234567", "period": "2026-11", "units": 7}\n'
    expect(records(await collect(readUsageJson(Buffer.from(ndjson), { region: 'DE' })))).toEqual([
      { customerKey: { kind: 'phone', value: '+49301234567' }, periodStart: '2026-11-01', units: 7 },
    ])
  })

  it('reads tickets and churn events', async () => {
    const tickets = [
      'ticket_id,customer_no,subject,category,status,opened_at,closed_at',
      'T-1,K-1,Router defekt,Technik,geschlossen,20.11.2026 09:00,21.11.2026 10:30',
      'T-2,K-1,Rechnung unklar,Abrechnung,,2026-11-22T08:00:00Z,',
      'T-3,K-2,Kündigung,Vertrag,storniert,2026-11-22T08:00:00Z,',
      'T-4,K-2,Zeitreise,,closed,2026-11-22T08:00:00Z,2026-11-21T08:00:00Z',
    ].join('\n')
    const rows = await collect(readTicketsCsv(Buffer.from(tickets)))
    expect(records(rows)).toEqual([
      {
        ticketId: 'T-1',
        customerKey: { kind: 'customer_no', value: 'K-1' },
        subject: 'Router defekt',
        category: 'Technik',
        status: 'closed',
        openedAt: Date.UTC(2026, 10, 20, 8, 0),
        closedAt: Date.UTC(2026, 10, 21, 9, 30),
      },
      {
        ticketId: 'T-2',
        customerKey: { kind: 'customer_no', value: 'K-1' },
        subject: 'Rechnung unklar',
        category: 'Abrechnung',
        status: 'open',
        openedAt: Date.UTC(2026, 10, 22, 8, 0),
        closedAt: null,
      },
    ])
    expect(failures(rows).map(describeRowError)).toEqual([
      "line 4: status 'storniert' is not open, pending or closed",
      'line 5: the ticket is closed before it was opened',
    ])
    const churn = 'Kundennummer;Kündigungsdatum;Grund\nK-1;30.11.2026;Preis\nK-2;;Umzug\n'
    const churnRows = await collect(readChurnCsv(Buffer.from(churn)))
    expect(records(churnRows)).toEqual([
      {
        customerKey: { kind: 'customer_no', value: 'K-1' },
        churnedAt: Date.UTC(2026, 10, 29, 23, 0),
        reason: 'Preis',
      },
    ])
    expect(failures(churnRows).map(describeRowError)).toEqual(['line 3: missing churn date'])
  })
})
