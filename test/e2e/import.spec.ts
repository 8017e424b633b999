import fs from 'node:fs'
import Database from 'better-sqlite3'
import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, openApp } from './support'

/**
 * A small Qualtrics response export (UTF-8 with BOM, three header rows) built per run, so the
 * response ids are new to the test database: five answers of demo customers K-1000001..K-1000005,
 * one of an unknown customer number (rejected) and one survey preview (skipped).
 */
function qualtricsExport(runId: string): { csv: Buffer; unknownLine: number } {
  const header = [
    'ResponseId,RecordedDate,Status,Finished,ExternalReference,RecipientEmail,Q1,Q1_NPS_GROUP,Q2,Q3_TEXT',
    [
      'Response ID',
      'Recorded Date',
      'Response Type',
      'Finished',
      'External Data Reference',
      'Recipient Email',
      '"Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen weiterempfehlen?"',
      '"Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen weiterempfehlen? - Group"',
      '"Wie wahrscheinlich ist es, dass Sie erneut bei uns kaufen?"',
      'Was ist der wichtigste Grund für Ihre Bewertung?',
    ].join(','),
    [
      '{"ImportId":"_recordId"}',
      '{"ImportId":"recordedDate","timeZone":"Europe/Berlin"}',
      '{"ImportId":"status"}',
      '{"ImportId":"finished"}',
      '{"ImportId":"externalDataReference"}',
      '{"ImportId":"recipientEmail"}',
      '{"ImportId":"QID1"}',
      '{"ImportId":"QID1_NPS_GROUP"}',
      '{"ImportId":"QID2"}',
      '{"ImportId":"QID3_TEXT"}',
    ]
      .map((cell) => `"${cell.replace(/"/g, '""')}"`)
      .join(','),
  ]
  const row = (
    n: number,
    status: string,
    ref: string,
    nps: number,
    group: string,
    intent: number,
    text: string,
  ) =>
    [
      `R_${runId}${n}`,
      `2026-11-2${n % 8} 1${n}:05:33`,
      status,
      'True',
      ref,
      '',
      nps,
      group,
      intent,
      `"${text.replace(/"/g, '""')}"`,
    ].join(',')
  const rows = [
    row(1, 'IP Address', 'K-1000001', 10, 'Promoter', 9, 'Schnelle Hilfe, gerne wieder.'),
    row(2, 'IP Address', 'K-1000002', 8, 'Passive', 7, 'Gut, aber die Hotline war lange besetzt.'),
    row(3, 'IP Address', 'K-1000003', 3, 'Detractor', 2, 'Rechnung falsch, zu teuer.'),
    row(4, 'IP Address', 'K-1000004', 9, 'Promoter', 4, 'Service top; Preis hoch.'),
    row(5, 'IP Address', 'K-1000005', 6, 'Detractor', 5, 'Geht so.'),
    row(6, 'IP Address', 'K-9999999', 7, 'Passive', 6, 'Kunde unbekannt'),
    row(7, 'Survey Preview', '', 10, 'Promoter', 10, 'Test vom Umfrageteam'),
  ]
  // Three header rows, then the data: the unknown customer is the sixth data row.
  const unknownLine = header.length + 6
  return { csv: Buffer.from(`\uFEFF${[...header, ...rows].join('\r\n')}\r\n`, 'utf8'), unknownLine }
}

const FILE_NAME = 'qualtrics-export.csv'

/** Records of a CSV: CRLFs outside quoted cells. */
function csvRecords(text: string): number {
  let quoted = false
  let records = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '"') quoted = !quoted
    else if (!quoted && c === '\r' && text[i + 1] === '\n') records++
  }
  return records
}

async function count(page: Page, key: string): Promise<number> {
  return Number(await page.getByTestId(`import-count-${key}`).getAttribute('data-count'))
}

/** Chooses the file and the Qualtrics format, checks the preview, starts and waits for the report. */
async function importFile(page: Page, csv: Buffer): Promise<void> {
  await page.getByTestId('import-format').selectOption('qualtrics')
  await page.getByTestId('import-file').setInputFiles({ name: FILE_NAME, mimeType: 'text/csv', buffer: csv })

  const upload = page.getByTestId('import-upload-progress')
  await expect(upload).toHaveAttribute('aria-valuenow', '100')

  // Step 2: the preview of the first rows and the mapping, prefilled by the core's detection.
  const preview = page.getByTestId('import-preview')
  await expect(preview).toBeVisible()
  await expect(preview.getByRole('columnheader', { name: /^ResponseId/ })).toBeVisible()
  await expect(preview).toContainText('K-1000001')
  await expect(page.getByTestId('import-format')).toHaveValue('qualtrics')
  await expect(page.getByTestId('import-map-nps')).toHaveValue('Q1')
  await expect(page.getByTestId('import-map-comment')).toHaveValue('Q3_TEXT')
  const sample = page.getByTestId('import-sample')
  await expect(sample).toBeVisible()
  await expect(sample.getByTestId('import-sample-row').first()).toHaveAttribute('data-result', 'ok')
  // A skipped or rejected row (when the sample reaches it) says so in words, not only in colour.
  const notOk = sample.locator('[data-testid="import-sample-row"]:not([data-result="ok"])')
  for (const text of await notOk.allTextContents()) expect(text).toMatch(/Übersprungen|Abgelehnt/)
  await expectAccessible(page, 'import: preview and mapping')

  // Step 3: import, with progress, until the report is there.
  await page.getByTestId('import-start').click()
  await expect(page.getByTestId('import-progress')).toBeVisible()
  const report = page.getByTestId('import-report')
  await expect(report).toBeVisible({ timeout: 20_000 })
  await expect(report).toHaveAttribute('data-state', 'done')
  await expect(page.getByTestId('import-progress-text')).toContainText('Zeilen verarbeitet')
}

test.describe('import of survey responses', () => {
  test('a Qualtrics export: preview, mapping, import, report, rejects download; a re-run adds nothing', async ({
    page,
  }) => {
    const runId = Date.now().toString(36)
    const { csv, unknownLine } = qualtricsExport(runId)

    await openApp(page)
    await page.getByTestId('nav-import').click()
    await expect(page.getByTestId('nav-import')).toHaveAttribute('aria-selected', 'true')
    const view = page.getByTestId('import-view')
    await expect(view).toBeVisible()
    await expect(view.getByLabel('Datei mit Umfrageantworten (CSV, JSON, NDJSON)')).toBeVisible()
    await expect(view.getByRole('heading', { name: '1. Datei wählen' })).toBeVisible()
    await expectAccessible(page, 'import: choose a file')

    await importFile(page, csv)

    // The report: five answers imported, the unknown customer rejected with its line, the preview skipped.
    expect(await count(page, 'imported')).toBeGreaterThanOrEqual(5)
    expect(await count(page, 'rejected')).toBe(1)
    expect(await count(page, 'skipped')).toBe(1)
    const rejects = page.getByTestId('import-reject-row')
    await expect(rejects).toHaveCount(1)
    await expect(rejects.first()).toHaveAttribute('data-line', String(unknownLine))
    await expect(rejects.first()).toContainText('K-9999999')
    await expect(page.getByRole('heading', { name: 'Ergebnis' })).toBeFocused()
    await expectAccessible(page, 'import: report')

    // The report as CSV for Excel: BOM, ';', the counts first, then the rejected rows with line and reason.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-rejects-download').click(),
    ])
    expect(download.suggestedFilename()).toBe('qualtrics-export_importbericht.csv')
    const text = fs.readFileSync((await download.path()) as string, 'utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    const lines = text.slice(1).trimEnd().split('\r\n')
    const imported = await count(page, 'imported')
    expect(lines.slice(0, 7)).toEqual([
      `Importiert;${imported}`,
      'Aktualisiert;0',
      'Bereits vorhanden;0',
      'Übersprungen (Vorschau/Test/Spam, ohne Antwort);1',
      'Abgelehnt;1',
      '',
      'Zeile;Grund',
    ])
    expect(lines).toHaveLength(8)
    expect(lines[7]).toMatch(new RegExp(`^${unknownLine};.*K-9999999`))

    // The same file again: every answer is already there, nothing is added twice.
    await page.getByTestId('import-again').click()
    await expect(page.getByTestId('import-file')).toBeFocused()
    await expect(page.getByTestId('import-report')).toHaveCount(0)
    await importFile(page, csv)
    expect(await count(page, 'imported')).toBe(0)
    expect(await count(page, 'duplicates')).toBeGreaterThanOrEqual(5)
    expect(await count(page, 'rejected')).toBe(1)
    expect(await count(page, 'skipped')).toBe(1)
    await expectAccessible(page, 'import: report of the re-run')
  })

  test('a customers file picked by kind of data: imported with E.164 phones, bad rows by line, a re-run adds nothing', async ({
    page,
  }) => {
    const runId = Date.now().toString(36).toUpperCase()
    const csv = Buffer.from(
      [
        '\uFEFFKundennummer;Vorname;Nachname;Telefon;Sprache;Branche;Kunde seit',
        `N-${runId}-1;Lena;Vogt;030 555 01 01;de;telecom;01.02.2024`,
        `N-${runId}-2;Tom;Baker;+44 20 7946 0999;en;saas;2023-06-30`,
        `N-${runId}-3;Kai;Ohne;0123;de;telecom;2023-06-30`,
      ].join('\r\n'),
      'utf8',
    )
    await openApp(page)
    await page.getByTestId('nav-import').click()
    await page.getByTestId('import-type').selectOption('customers')
    // Survey exports hold answers only: the format list offers CSV and JSON for customers.
    await expect(page.getByTestId('import-format').locator('option[value="qualtrics"]')).toHaveCount(0)

    const run = async () => {
      await page
        .getByTestId('import-file')
        .setInputFiles({ name: 'kunden.csv', mimeType: 'text/csv', buffer: csv })
      await expect(page.getByTestId('import-preview')).toContainText(`N-${runId}-1`)
      // No answer mapping for customers: the columns are found by their names.
      await expect(page.getByTestId('import-by-name')).toBeVisible()
      await expect(page.getByTestId('import-map-nps')).toHaveCount(0)
      await expectAccessible(page, 'import: customers preview')
      await page.getByTestId('import-start').click()
      const report = page.getByTestId('import-report')
      await expect(report).toHaveAttribute('data-state', 'done', { timeout: 20_000 })
    }

    await run()
    expect(await count(page, 'imported')).toBe(2)
    expect(await count(page, 'rejected')).toBe(1)
    const rejects = page.getByTestId('import-reject-row')
    await expect(rejects).toHaveCount(1)
    await expect(rejects.first()).toHaveAttribute('data-line', '4')
    await expect(rejects.first()).toContainText('0123')
    await expectAccessible(page, 'import: customers report')

    // Again: every customer is already there, nothing is added twice.
    await page.getByTestId('import-again').click()
    await expect(page.getByTestId('import-type')).toHaveValue('feedback')
    await page.getByTestId('import-type').selectOption('customers')
    await run()
    expect(await count(page, 'imported')).toBe(0)
    expect(await count(page, 'duplicates')).toBe(2)
  })

  test('a generic CSV goes under a source named after the file; the saved mapping comes back for that source', async ({
    page,
  }) => {
    const runId = Date.now().toString(36)
    // Column names the detection does not know: the mapping is chosen by hand once.
    const csv = Buffer.from(
      [
        'kd;q7;nr;wann',
        `K-1000011;9;${runId}-1;03.11.2026 10:00`,
        `K-1000012;3;${runId}-2;03.11.2026 11:00`,
      ].join('\r\n'),
      'utf8',
    )
    await openApp(page)
    await page.getByTestId('nav-import').click()
    const choose = async (name: string) => {
      await page.getByTestId('import-format').selectOption('generic-csv')
      await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/csv', buffer: csv })
      await expect(page.getByTestId('import-preview')).toContainText('K-1000011')
    }
    await choose('hotline-umfrage_2026-11-03.csv')
    const source = page.getByTestId('import-source')
    await expect(source).toHaveValue('hotline-umfrage')
    await expect(page.getByLabel('Quelle (Name des Umfragewerkzeugs)')).toBeVisible()

    // An invalid name says why and blocks the start; a valid one is taken over on Enter.
    await source.fill('hotline/umfrage')
    await expect(page.getByText('Nur Buchstaben, Ziffern, Leerzeichen')).toBeVisible()
    await expect(page.getByTestId('import-start')).toBeDisabled()
    await expectAccessible(page, 'import: invalid source name')
    await source.fill(`hotline-${runId}`)
    await source.press('Enter')
    await expect(page.getByTestId('import-preview-loading')).toHaveCount(0)

    await page.getByTestId('import-map-customerKey').selectOption('kd')
    await page.getByTestId('import-map-nps').selectOption('q7')
    await page.getByTestId('import-map-responseId').selectOption('nr')
    await page.getByTestId('import-map-answeredAt').selectOption('wann')
    await expect(page.getByTestId('import-sample-row').first()).toHaveAttribute('data-result', 'ok')
    await expect(page.getByTestId('import-start')).toBeEnabled()
    await page.getByTestId('import-start').click()
    await expect(page.getByTestId('import-report')).toHaveAttribute('data-state', 'done', { timeout: 20_000 })
    expect(await count(page, 'imported')).toBe(2)
    const db = new Database(process.env.LOOPDESK_E2E_DB as string, { readonly: true })
    try {
      expect(
        db.prepare(`SELECT count(*) FROM feedback WHERE source = ?`).pluck().get(`hotline-${runId}`),
      ).toBe(2)
    } finally {
      db.close()
    }

    // The next file of that source: name it, and the mapping chosen last time is offered again.
    await page.getByTestId('import-again').click()
    await choose('export.csv')
    await source.fill(`hotline-${runId}`)
    await source.press('Enter')
    await expect(page.getByTestId('import-map-nps')).toHaveValue('q7')
    await expect(page.getByTestId('import-map-customerKey')).toHaveValue('kd')
    await expectAccessible(page, 'import: source with a saved mapping')
  })

  test('export: customers with ";" for German Excel, downloaded with one line per customer', async ({
    page,
  }) => {
    await openApp(page)
    await page.getByTestId('nav-import').click()
    const panel = page.getByTestId('export-panel')
    await expect(panel.getByRole('heading', { name: 'Daten exportieren' })).toBeVisible()
    await expect(page.getByTestId('export-delimiter')).toHaveValue(';')
    await page.getByTestId('export-kind').selectOption('customers')
    await expectAccessible(page, 'export: choose what')

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('export-start').click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^loopdesk_kunden_\d{4}-\d{2}-\d{2}\.csv$/)
    const text = fs.readFileSync((await download.path()) as string, 'utf8')
    expect(text.startsWith('\uFEFF')).toBe(true)
    const lines = text.slice(1).split('\r\n')
    expect(lines.pop()).toBe('')
    const header = lines[0]?.split(';') ?? []
    expect(header.slice(0, 3)).toEqual(['customer_no', 'first_name', 'last_name'])
    expect(header).toEqual(expect.arrayContaining(['segment', 'risk_score', 'risk_reasons']))
    const db = new Database(process.env.LOOPDESK_E2E_DB as string, { readonly: true })
    let customers: number
    try {
      customers = db.prepare(`SELECT count(*) FROM customers`).pluck().get() as number
    } finally {
      db.close()
    }
    // Cells may hold line breaks inside quotes: count records (line ends outside quotes), not raw lines.
    expect(csvRecords(text) - 1).toBe(customers)
    await expect(page.getByTestId('export-status')).toHaveAttribute('data-state', 'done')
    await expect(page.getByTestId('export-status')).toHaveAttribute('data-rows', String(customers))
    await expect(page.getByTestId('export-status')).toContainText('Export fertig')
    await expectAccessible(page, 'export: done')
  })

  test('a file of Formbricks webhooks: recognised, question ids as columns, mapping saved for its survey', async ({
    page,
  }) => {
    const runId = Date.now().toString(36)
    const hook = (n: number, nps: number, text: string) =>
      JSON.stringify({
        event: 'responseFinished',
        data: {
          id: `fb-${runId}-${n}`,
          createdAt: '2026-11-25T08:00:00.000Z',
          surveyId: `survey${runId}`,
          data: { q_recommend: nps, q_why: text },
          contact: { userId: `K-100002${n}` },
        },
      })
    const ndjson = Buffer.from([hook(1, 9, 'Sehr freundlich'), hook(2, 4, 'Zu lange gewartet')].join('\n'))
    await openApp(page)
    await page.getByTestId('nav-import').click()
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'hooks.ndjson', mimeType: 'application/x-ndjson', buffer: ndjson })
    await expect(page.getByTestId('import-format')).toHaveValue('formbricks-webhook')
    const preview = page.getByTestId('import-preview')
    await expect(preview.getByRole('columnheader', { name: /^q_recommend/ })).toBeVisible()
    await expect(page.getByTestId('import-map-nps')).toHaveValue('q_recommend')
    await expect(page.getByTestId('import-map-comment')).toHaveValue('q_why')
    await expect(page.getByTestId('import-webhook-survey')).toContainText(`survey${runId}`)
    // No source field: Formbricks answers go under "formbricks", the mapping under the survey.
    await expect(page.getByTestId('import-source')).toHaveCount(0)
    await expectAccessible(page, 'import: Formbricks webhook file')
    await page.getByTestId('import-start').click()
    await expect(page.getByTestId('import-report')).toHaveAttribute('data-state', 'done', { timeout: 20_000 })
    expect(await count(page, 'imported')).toBe(2)
  })

  test('a Qualtrics survey with two text questions: the mapping appends the second to the comment', async ({
    page,
  }) => {
    await openApp(page)
    await page.getByTestId('nav-import').click()
    await page.getByTestId('import-format').selectOption('qualtrics')
    await page.getByTestId('import-file').setInputFiles('test/fixtures/import/qualtrics-export.csv')
    await expect(page.getByTestId('import-map-comment')).toHaveValue('Q2')
    const more = page.getByTestId('import-more-comments')
    await expect(more).toBeVisible()
    await expect(more).toHaveAccessibleName('Weitere Textfragen an den Kommentar anhängen')
    const other = page.getByRole('checkbox', { name: 'Q4_5_TEXT' })
    await expect(other).not.toBeChecked()
    await other.check()
    await expect(page.getByTestId('import-preview-loading')).toHaveCount(0)
    await expect(other).toBeChecked()
    await expectAccessible(page, 'import: further text questions')
    await page.getByTestId('import-start').click()
    await expect(page.getByTestId('import-report')).toHaveAttribute('data-state', 'done', { timeout: 20_000 })
    const db = new Database(process.env.LOOPDESK_E2E_DB as string, { readonly: true })
    try {
      expect(
        db
          .prepare(`SELECT comment FROM feedback WHERE source = 'qualtrics' AND source_response_id = ?`)
          .pluck()
          .get('R_5gHj7KlZ9xCv1Bn'),
      ).toBe('Alles bestens\n\nSmart-Home-Paket')
    } finally {
      db.close()
    }
  })
})
