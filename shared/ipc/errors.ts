// Kept free of zod so the renderer can use the error codes without bundling the schemas.
export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ApiError {
  code: ErrorCode
  message: string
  /** Field-level problems for VALIDATION errors, e.g. "lastName: Required". */
  issues?: string[]
  /** A stable code for the UI to translate ('loops.not_yours'); `message` is the English fallback. */
  reason?: string
  /** The values the reason's text needs (ids, state names). */
  params?: ErrorParams
}

export type ErrorParams = Record<string, string | number>

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError }
