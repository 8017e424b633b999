import type { ApiError, ErrorCode } from '../../shared/ipc/contract'

/** An error meant for the user: its message is shown as is, its code drives the UI. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: string[],
  ) {
    super(message)
    this.name = 'AppError'
  }

  toApiError(): ApiError {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message }
  }
}

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what} not found`)
