// Kept apart from the zod contract so the sandboxed preload bundles only these two strings.
/** The single IPC channel the preload invokes, and the one main pushes events on. */
export const IPC_INVOKE_CHANNEL = 'loopdesk:invoke'
export const IPC_EVENT_CHANNEL = 'loopdesk:event'
/** Electron only: save the current view as a PDF (the dashboard report); headless mode prints instead. */
export const IPC_PRINT_PDF_CHANNEL = 'loopdesk:print-pdf'
