// The one shape of every form post: run the use case; on success redirect 303 with a flash message;
// on invalid input (422) or a stale version (409) re-render the form with the values the user typed.
import type { Request, Response } from 'express';
import { AppError, type FieldErrors } from '../domain/errors.ts';
import { flash } from '../middleware/auth.ts';

export async function submit<T>(
  req: Request,
  res: Response,
  opts: {
    run: () => Promise<T>;
    redirect: (result: T) => string;
    message: string;
    rerender: (state: { errors: FieldErrors; error: string; values: Record<string, unknown> }) => Promise<void> | void;
  },
): Promise<void> {
  try {
    const result = await opts.run();
    flash(req, 'ok', opts.message);
    res.redirect(303, opts.redirect(result));
  } catch (err) {
    if (err instanceof AppError && (err.code === 'VALIDATION' || err.code === 'CONFLICT')) {
      res.status(err.status);
      const values = { ...req.body };
      delete values.password;
      delete values.passwordConfirm;
      delete values._csrf;
      await opts.rerender({ errors: err.fields, error: err.message, values });
      return;
    }
    throw err;
  }
}
