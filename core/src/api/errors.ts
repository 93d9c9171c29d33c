/**
 * The typed errors every operation can end in. A clerk sees `message` (already in their
 * language); a screen can also use `key`/`params` and the per-field map to mark fields.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export type Params = Record<string, string | number>;

/** One field's problem: an i18n key with its parameters, and the rendered message. */
export interface FieldError {
  key: string;
  params?: Params;
  message: string;
}

/** What crosses every transport (IPC, HTTP) when an operation fails. */
export interface ApiErrorBody {
  code: ErrorCode;
  key: string;
  params?: Params;
  message: string;
  fields?: Record<string, FieldError>;
}

export type ApiResponse<T> = { ok: true; result: T } | { ok: false; error: ApiErrorBody };

/**
 * Thrown by handlers. `key` is an i18n key in resources/locales; the dispatcher renders it in
 * the caller's language. `commit` keeps the transaction's writes although the call fails
 * (a failed sign-in must still count the attempt).
 */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: string,
    readonly params: Params = {},
    readonly fields: Record<string, { key: string; params?: Params }> = {},
    readonly commit = false,
  ) {
    super(key);
    this.name = 'ApiError';
  }
}

export const fail = {
  validation: (fields: Record<string, { key: string; params?: Params }>, key = 'errors.validation') =>
    new ApiError('VALIDATION', key, {}, fields),
  field: (field: string, key: string, params?: Params) =>
    new ApiError('VALIDATION', key, params ?? {}, { [field]: { key, ...(params ? { params } : {}) } }),
  unauthenticated: (key = 'errors.unauthenticated', params?: Params) => new ApiError('UNAUTHENTICATED', key, params),
  forbidden: (key = 'errors.forbidden') => new ApiError('FORBIDDEN', key),
  notFound: (key = 'errors.notFound', params?: Params) => new ApiError('NOT_FOUND', key, params),
  conflict: (key: string, params?: Params, field?: string) =>
    new ApiError('CONFLICT', key, params ?? {}, field ? { [field]: { key, ...(params ? { params } : {}) } } : {}),
  rateLimited: (key: string, params?: Params) => new ApiError('RATE_LIMITED', key, params),
};
