// Maps every error to a Vietnamese page (or JSON) with the right status; never a stack trace.
import type { ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../domain/errors.ts';
import { msg } from '../i18n/vi.ts';

/** Refusals worth a security log line; the request is named by method and path only (no query: it may carry a token). */
const LOGGED: Partial<Record<string, string>> = { CSRF: 'csrf.refused', FORBIDDEN: 'access.forbidden', TOO_MANY_REQUESTS: 'rate.limited' };

export function errorHandler(log: (err: unknown) => void, security?: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof AppError && LOGGED[err.code]) {
      security?.warn({ event: LOGGED[err.code], method: req.method, path: req.path, address: req.ip,
        accountId: (req.user as { accountId?: number } | undefined)?.accountId }, 'request refused');
    }
    let status = 500;
    let message = msg.serverError;
    if (err instanceof AppError) {
      status = err.status;
      message = err.message;
    } else if (err && typeof err === 'object' && 'type' in err && (err as any).type === 'entity.too.large') {
      status = 413; message = msg.payloadTooLarge;
    } else if (err && typeof err === 'object' && typeof (err as any).status === 'number' && (err as any).status >= 400 && (err as any).status < 500) {
      status = (err as any).status; message = msg.badRequest;
    } else {
      log(err);
    }
    if (status === 401 && req.method === 'GET') return res.redirect(303, '/dang-nhap');
    if (res.headersSent) return;
    res.status(status);
    if (req.accepts(['html', 'json']) === 'json') return res.json({ error: message });
    // Errors raised before the locals middleware ran (body parser, CSRF) still get the normal page.
    res.locals.user ??= req.user ?? null;
    res.locals.flash ??= [];
    res.locals.csrfToken ??= req.session?.csrfToken ?? '';
    res.render('error', { title: status === 404 ? 'Không tìm thấy' : 'Không thực hiện được', status, message }, (renderErr, html) => {
      if (renderErr) {
        log(renderErr);
        res.type('text/plain; charset=utf-8').send(message);
      } else res.send(html);
    });
  };
}
