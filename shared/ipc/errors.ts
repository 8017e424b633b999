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
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError }
