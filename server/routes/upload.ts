// Multipart uploads held in memory, with size limits and a Vietnamese refusal for every way a form can be wrong:
// too large (413), a multer limit (400 with the form's own message), or a cut or malformed body (400).
import type { Request, Response } from 'express';
import multer from 'multer';
import { AppError } from '../domain/errors.ts';
import { msg } from '../i18n/vi.ts';

interface UploadLimits { maxBytes: number; tooLarge: string; fields?: number; fieldSize?: number; badForm?: string }

// Browsers send UTF-8 file names without a charset parameter: read them as UTF-8 (Vietnamese names).
const memory = (l: UploadLimits, files: number) => multer({
  storage: multer.memoryStorage(), defParamCharset: 'utf8',
  limits: { fileSize: l.maxBytes, files, fields: l.fields ?? 10, fieldSize: l.fieldSize ?? 2000 },
});

/** Runs a multer handler, mapping each of its errors to an AppError with a Vietnamese message. */
function run(handler: ReturnType<ReturnType<typeof multer>['single']>, l: UploadLimits, req: Request, res: Response) {
  return new Promise<void>((resolve, reject) => {
    handler(req, res, (err: unknown) => {
      if (!err) return resolve();
      if (err instanceof multer.MulterError) {
        return reject(err.code === 'LIMIT_FILE_SIZE' ? new AppError('PAYLOAD_TOO_LARGE', l.tooLarge) : new AppError('BAD_REQUEST', l.badForm ?? 'Biểu mẫu tải tệp không hợp lệ.'));
      }
      reject(new AppError('BAD_REQUEST', msg.malformedUpload)); // the multipart parser's own errors: a cut or malformed body
    });
  });
}

/** One file field ("file") per multipart form. */
export function singleFileUpload(maxBytes: number, tooLarge: string, opts: Omit<UploadLimits, 'maxBytes' | 'tooLarge'> = {}) {
  const l = { maxBytes, tooLarge, ...opts };
  const handler = memory(l, 1).single('file');
  return (req: Request, res: Response) => run(handler, l, req, res);
}

/** Several named file fields, one file each (e.g. a certificate with its signature and seal images). */
export function fileFieldsUpload(names: string[], maxBytes: number, tooLarge: string) {
  const l = { maxBytes, tooLarge };
  const handler = memory(l, names.length).fields(names.map((name) => ({ name, maxCount: 1 })));
  return async (req: Request, res: Response): Promise<Record<string, Express.Multer.File | undefined>> => {
    await run(handler, l, req, res);
    const files = (req.files ?? {}) as Record<string, Express.Multer.File[]>;
    return Object.fromEntries(names.map((n) => [n, files[n]?.[0]]));
  };
}
