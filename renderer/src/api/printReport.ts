import { ApiCallError } from './transport'

/**
 * The dashboard report: in the desktop app a PDF saved through Electron's printToPDF (the user picks
 * where); in a plain browser (headless mode) the browser's print dialog, which can also save a PDF.
 * Resolves with the saved path, or null when printed by the browser or cancelled.
 */
export async function printReport(suggestedName: string): Promise<string | null> {
  const api = typeof window !== 'undefined' ? window.loopdesk : undefined
  if (!api?.printToPdf) {
    window.print()
    return null
  }
  const result = await api.printToPdf(suggestedName)
  if (!result.ok) throw new ApiCallError(result.error)
  return result.value?.path ?? null
}
