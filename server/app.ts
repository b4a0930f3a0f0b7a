// createApp(services): middleware and routes, no listen() — tests build the app with their own services.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import session from 'express-session';
import connectPgSimple from 'connect-pg-simple';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Services } from './services/index.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { csrfToken, verifyCsrf } from './middleware/csrf.ts';
import { normalizeBody } from './middleware/normalize.ts';
import { errorHandler } from './middleware/error-handler.ts';
import { notFound } from './domain/errors.ts';
import { roleLabels } from './i18n/vi.ts';
import { authRoutes } from './routes/auth.ts';
import { homeRoutes } from './routes/home.ts';
import { communeRoutes } from './routes/communes.ts';
import { bodyRoutes } from './routes/bodies.ts';
import { peopleRoutes } from './routes/people.ts';
import { accountRoutes } from './routes/accounts.ts';
import { meetingRoutes } from './routes/meetings.ts';
import { templateRoutes } from './routes/templates.ts';
import { voteRoutes } from './routes/votes.ts';
import { liveRoutes } from './routes/live.ts';
import { writtenRoutes } from './routes/written.ts';
import { documentRoutes } from './routes/documents.ts';
import { registerRoutes } from './routes/register.ts';
import { verifyRoutes } from './routes/verify.ts';
import { regulationRoutes } from './routes/regulations.ts';
import { appointmentRoutes } from './routes/appointments.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface AppOptions {
  sessionSecret: string;
  secureCookies: boolean;
  production: boolean;
  log?: (err: unknown) => void;
}

export interface App {
  app: express.Express;
  /** Stops the session store's prune timer so the process can end. */
  close(): void;
}

export function createApp(services: Services, opts: AppOptions): App {
  const app = express();
  app.set('views', path.join(ROOT, 'views'));
  app.set('view engine', 'ejs');
  app.set('trust proxy', opts.secureCookies ? 1 : false);
  app.disable('x-powered-by');
  if (opts.production) app.enable('view cache');

  app.use(securityHeaders({ hsts: opts.secureCookies }));
  app.use('/static', express.static(path.join(ROOT, 'public'), { maxAge: opts.production ? '1d' : 0, index: false }));
  // Browsers ask for /favicon.ico on their own: answered here, before the session, so it never touches one.
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/static/icon.svg'));
  app.use(express.urlencoded({ extended: true, limit: '200kb', parameterLimit: 500 }));
  app.use(normalizeBody);

  const PgStore = connectPgSimple(session);
  // No touch on every request: a session lasts a working day from log-in, and a page view writes nothing.
  const store = new PgStore({ pool: services.database.sessionPool as any, tableName: 'session', createTableIfMissing: false, pruneSessionInterval: 15 * 60, disableTouch: true });
  app.use(session({
    name: 'hop.sid',
    secret: opts.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: opts.secureCookies, maxAge: 12 * 3600 * 1000 },
  }));

  passport.use(new LocalStrategy({ passReqToCallback: true }, async (req, username, password, done) => {
    try {
      const result = await services.accounts.login(username, password, req.ip ?? 'unknown');
      if (!result.ok) return done(null, false, { message: result.message });
      done(null, { accountId: result.accountId } as Express.User);
    } catch (err) {
      done(err);
    }
  }));
  passport.serializeUser((user, done) => done(null, (user as { accountId: number }).accountId));
  passport.deserializeUser(async (id: number, done) => {
    try {
      done(null, (await services.accounts.loadPrincipal(Number(id))) ?? false);
    } catch (err) {
      done(err);
    }
  });
  app.use(passport.initialize());
  app.use(passport.session());

  app.use(verifyCsrf);
  app.use((req, res, next) => {
    res.locals.user = req.user ?? null;
    const newToken = !req.session.csrfToken;
    res.locals.csrfToken = csrfToken(req);
    // A flash is shown by the next page a browser navigates to, and only there: not a background request (a live
    // stream reconnecting, an image) that would consume it unseen between a form's redirect and its page.
    const showsFlash = req.method === 'GET' && (req.get('accept') ?? '').includes('text/html');
    res.locals.flash = showsFlash ? req.session.flash ?? [] : [];
    res.locals.roleLabels = roleLabels;
    res.locals.path = req.path;
    res.locals.asList = (v: unknown) => (Array.isArray(v) ? v.map(String) : v === undefined || v === null || v === '' ? [] : [String(v)]);
    if (!(showsFlash && req.session.flash) && !newToken) return next();
    // A flash is shown once, and a new CSRF token must be stored before its form can be sent: either change is saved
    // before the page is rendered. Left to express-session's save at the response's end, the page (all but its last
    // byte) reaches the browser first; a click on it then races that save — the next form's flash was overwritten by
    // the stale "flash removed" session (seen on PostgreSQL), or its token not yet known.
    if (showsFlash) delete req.session.flash;
    req.session.save((err) => next(err));
  });

  app.use(authRoutes());
  app.use(verifyRoutes(services)); // public: before the routers that require a log-in
  app.use(homeRoutes(services));
  app.use(communeRoutes(services));
  app.use(bodyRoutes(services));
  app.use(peopleRoutes(services));
  app.use(accountRoutes(services));
  app.use(meetingRoutes(services));
  app.use(templateRoutes(services));
  app.use(voteRoutes(services));
  app.use(liveRoutes(services, services.live));
  app.use(writtenRoutes(services));
  app.use(documentRoutes(services));
  app.use(regulationRoutes(services));
  app.use(appointmentRoutes(services));
  app.use(registerRoutes(services));

  app.use(() => {
    throw notFound();
  });
  app.use(errorHandler(opts.log ?? ((err) => console.error(err))));

  return { app, close: () => { services.live.close(); store.close(); } };
}
