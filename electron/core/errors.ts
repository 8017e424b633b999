import type { ApiError, ErrorCode, ErrorParams } from '../../shared/ipc/errors'

/**
 * Why a request was refused, in a form the UI can translate: a stable code ('loops.not_yours')
 * and the values its text needs. The English message stays as the fallback and for logs.
 */
export interface ErrorReason {
  reason: string
  params?: ErrorParams
}

/** An error meant for the user: its code drives the UI, its reason (if any) picks the translated text. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: string[],
    readonly detail?: ErrorReason,
  ) {
    super(message)
    this.name = 'AppError'
  }

  toApiError(): ApiError {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.detail ? { reason: this.detail.reason, params: this.detail.params ?? {} } : {}),
    }
  }
}

/** An AppError with a translatable reason. */
export function refusal(
  code: ErrorCode,
  reason: string,
  message: string,
  params: ErrorParams = {},
): AppError {
  return new AppError(code, message, undefined, { reason, params })
}

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what} not found`)
