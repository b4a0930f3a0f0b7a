// One in-memory file field ("file") per multipart form, with a size limit and a Vietnamese refusal.
import type { Request, Response } from 'express';
import multer from 'multer';
import { AppError } from '../domain/errors.ts';
import { msg } from '../i18n/vi.ts';

export function singleFileUpload(maxBytes: number, tooLarge: string) {
  const upload = multer({ storage: multer.memoryStorage(), defParamCharset: 'utf8', limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 2000 } }).single('file');
  return (req: Request, res: Response) => new Promise<void>((resolve, reject) => {
    upload(req, res, (err: unknown) => {
      if (!err) return resolve();
      if (err instanceof multer.MulterError) {
        return reject(new AppError(err.code === 'LIMIT_FILE_SIZE' ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', err.code === 'LIMIT_FILE_SIZE' ? tooLarge : 'Biểu mẫu tải tệp không hợp lệ.'));
      }
      reject(new AppError('BAD_REQUEST', msg.malformedUpload)); // the multipart parser's own errors: a cut or malformed body
    });
  });
}

/** Several named file fields, one file each (e.g. a certificate with its signature and seal images). */
export function fileFieldsUpload(names: string[], maxBytes: number, tooLarge: string) {
  const upload = multer({ storage: multer.memoryStorage(), defParamCharset: 'utf8', limits: { fileSize: maxBytes, files: names.length, fields: 10, fieldSize: 2000 } })
    .fields(names.map((name) => ({ name, maxCount: 1 })));
  return (req: Request, res: Response) => new Promise<Record<string, Express.Multer.File | undefined>>((resolve, reject) => {
    upload(req, res, (err: unknown) => {
      if (!err) {
        const files = (req.files ?? {}) as Record<string, Express.Multer.File[]>;
        return resolve(Object.fromEntries(names.map((n) => [n, files[n]?.[0]])));
      }
      if (err instanceof multer.MulterError) {
        return reject(new AppError(err.code === 'LIMIT_FILE_SIZE' ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', err.code === 'LIMIT_FILE_SIZE' ? tooLarge : 'Biểu mẫu tải tệp không hợp lệ.'));
      }
      reject(new AppError('BAD_REQUEST', msg.malformedUpload)); // the multipart parser's own errors: a cut or malformed body
    });
  });
}
