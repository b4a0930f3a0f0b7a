// One error type with a closed set of codes, mapped to HTTP status in one place (STYLE.md §3).

export const ERROR_STATUS = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  VALIDATION: 422,
  CONFLICT: 409, // somebody else saved first (optimistic lock), or a unique value is taken
  BAD_REQUEST: 400,
  CSRF: 403,
  TOO_MANY_REQUESTS: 429,
  PAYLOAD_TOO_LARGE: 413,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Field name → Vietnamese message. */
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly fields: FieldErrors = {},
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (message = 'Không tìm thấy trang hoặc bản ghi này.') => new AppError('NOT_FOUND', message);
export const validation = (fields: FieldErrors, message = 'Thông tin chưa hợp lệ, vui lòng kiểm tra các ô được đánh dấu.') =>
  new AppError('VALIDATION', message, fields);
export const conflict = (message: string) => new AppError('CONFLICT', message);
export const forbidden = (message = 'Bạn không có quyền thực hiện thao tác này.') => new AppError('FORBIDDEN', message);
