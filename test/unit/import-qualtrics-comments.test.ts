import { describe, expect, it } from 'vitest'
import { readQualtricsCsv } from '../../electron/core/import/qualtrics'
import { previewFeedback } from '../../electron/core/import/sources'
import type { ColumnMapping, FeedbackRecord } from '../../electron/core/import/types'

const FILE = 'test/fixtures/import/qualtrics-export.csv'

async function comments(mapping: Partial<ColumnMapping>): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>()
  for await (const row of readQualtricsCsv(FILE, { mapping })) {
    if (row.ok) out.set((row.record as FeedbackRecord).sourceResponseId, row.record.comment)
  }
  return out
}

describe('Qualtrics surveys with several open-text questions', () => {
  it('lists the text columns in the preview; detection takes the first as the comment', async () => {
    const preview = await previewFeedback(FILE, 'qualtrics', undefined, 'DE')
    // Q2 is a text-entry question (ImportId QID2_TEXT), Q4_5_TEXT the "other" text of a choice.
    expect(preview.textColumns).toEqual(['Q2', 'Q4_5_TEXT'])
    expect(preview.mapping.comment).toBe('Q2')
    expect(preview.mapping.moreComments).toBeUndefined()
  })

  it('the mapping chooses another text column as the comment', async () => {
    const byOther = await comments({ comment: 'Q4_5_TEXT' })
    expect(byOther.get('R_5gHj7KlZ9xCv1Bn')).toBe('Smart-Home-Paket')
    expect(byOther.get('R_2VfQ8mXk1LpA9sT')).toBeNull()
  })

  it('further text columns are appended to the comment, empty answers left out', async () => {
    const both = await comments({ comment: 'Q2', moreComments: ['Q4_5_TEXT'] })
    expect(both.get('R_5gHj7KlZ9xCv1Bn')).toBe('Alles bestens\n\nSmart-Home-Paket')
    expect(both.get('R_2VfQ8mXk1LpA9sT')).toBe('Schnelle Lieferung, freundlicher Support.')
    expect(both.get('R_4aSd6FgH8jKl0Zx')).toBeNull()
    // The preview keeps the choice, so the mapping step shows it ticked.
    const preview = await previewFeedback(FILE, 'qualtrics', { moreComments: ['Q4_5_TEXT'] }, 'DE')
    expect(preview.mapping.moreComments).toEqual(['Q4_5_TEXT'])
  })

  it('a further column that is not in the file stops the import before any row', async () => {
    await expect(comments({ moreComments: ['Q9_TEXT'] })).rejects.toThrow(
      /"Q9_TEXT" chosen for a further comment/,
    )
  })
})
