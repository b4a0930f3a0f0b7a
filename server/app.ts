// createApp(services): middleware and routes, no listen() — tests build the app with their own services.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import session from 'express-session';
import connectPgSimple from 'connect-pg-simple';
import passport from 'passport';
import type { Services } from './services/index.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { csrfToken, verifyCsrf } from './middleware/csrf.ts';
import { normalizeBody } from './middleware/normalize.ts';
import { errorHandler } from './middleware/error-handler.ts';
import { AppError, notFound } from './domain/errors.ts';
import { authMsg, roleLabels } from './i18n/vi.ts';
import { flash, type SessionUser } from './middleware/auth.ts';
import { deviceCookies } from './middleware/device-cookie.ts';
import { authRoutes } from './routes/auth.ts';
import { accountSelfRoutes } from './routes/account-self.ts';
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
  /** SESSION_SECRET_PREVIOUS: cookies signed with it are still accepted (and re-signed), so rotation logs no one out. */
  previousSessionSecrets?: string[];
  secureCookies: boolean;
  production: boolean;
  /** TRUST_PROXY: the proxies whose X-Forwarded-For is believed (a hop count or addresses); none when absent. */
  trustProxy?: number | string | false;
  /** Unexpected errors (500); the security log (services.logger) gets refusals. */
  log?: (err: unknown) => void;
}

/** Paths an admin who must use two-factor sign-in may reach before enrolling. */
const ENROL_PATHS = /^\/(tai-khoan-cua-toi\/xac-thuc-hai-buoc(\/.*)?|dang-xuat)$/;
/** Last seen is written at most this often (a page view otherwise writes nothing). */
const SEEN_EVERY_MS = 10 * 60 * 1000;

export interface App {
  app: express.Express;
  /** Stops the session store's prune timer so the process can end. */
  close(): void;
}

export function createApp(services: Services, opts: AppOptions): App {
  const app = express();
  app.set('views', path.join(ROOT, 'views'));
  app.set('view engine', 'ejs');
  // X-Forwarded-For is believed only from the proxies TRUST_PROXY names: otherwise anyone could pick their own address
  // and walk around the per-address log-in limit.
  app.set('trust proxy', opts.trustProxy ?? false);
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
    secret: [opts.sessionSecret, ...(opts.previousSessionSecrets ?? [])],
    store,
    resave: false,
    saveUninitialized: false,
    rolling: false,
    // Behind a TLS proxy without TRUST_PROXY, the Secure cookie is still set (from X-Forwarded-Proto); addresses
    // (req.ip) keep ignoring X-Forwarded-For. With TRUST_PROXY, express-session follows the app's setting.
    proxy: opts.secureCookies && !opts.trustProxy ? true : undefined,
    cookie: { httpOnly: true, sameSite: 'lax', secure: opts.secureCookies, maxAge: 12 * 3600 * 1000 },
  }));

  // A redirect that carries a flash saves the session first. Left to express-session's save at the response's end, the
  // 303's headers leave before the save finishes and the browser follows them at once: under load the next page read
  // the session without its flash ("Đã ban hành" missing in the e2e journeys on PostgreSQL).
  app.use((req, res, next) => {
    const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
    res.redirect = ((...args: unknown[]) => {
      if (!req.session?.flash?.length) return redirect(...args);
      req.session.save((err) => (err ? next(err) : redirect(...args)));
    }) as typeof res.redirect;
    next();
  });

  // A passport of this app's own (not the module's singleton), so two apps in one process never share strategies.
  const authenticator = new passport.Passport();
  authenticator.serializeUser((user, done) => done(null, (user as { accountId: number }).accountId));
  authenticator.deserializeUser(async (id: number, done) => {
    try {
      done(null, (await services.accounts.loadPrincipal(Number(id))) ?? false);
    } catch (err) {
      done(err);
    }
  });
  app.use(authenticator.initialize());
  app.use(authenticator.session());
  app.use((req, _res, next) => {
    const user = req.user as SessionUser | undefined;
    if (!user) return next();
    // Logged in before the password was changed or reset (or the account's sessions were ended): no longer valid.
    if ((req.session.authEpoch ?? 0) !== user.sessionEpoch) return req.logout((err) => next(err));
    const meta = req.session.meta;
    const now = services.clock.now();
    if (meta && now.getTime() - Date.parse(meta.seenAt ?? meta.startedAt) > SEEN_EVERY_MS) meta.seenAt = now.toISOString();
    next();
  });

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

  // System and commune admins may be required to use two-factor sign-in: until they enrol, nothing else opens.
  app.use((req, res, next) => {
    const user = req.user as SessionUser | undefined;
    if (!user || user.totpEnabled || !services.accountSecurity.requiredFor(user) || ENROL_PATHS.test(req.path)) return next();
    if (req.method !== 'GET') return next(new AppError('FORBIDDEN', authMsg.totpRequired));
    flash(req, 'error', authMsg.totpRequired);
    res.redirect(303, '/tai-khoan-cua-toi/xac-thuc-hai-buoc');
  });

  const devices = deviceCookies([opts.sessionSecret, ...(opts.previousSessionSecrets ?? [])], opts.secureCookies);
  app.use(authRoutes(services, devices));
  app.use(accountSelfRoutes(services));
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
  app.use(errorHandler(opts.log ?? ((err) => services.logger.error({ err }, 'unexpected error')), services.logger));

  return { app, close: () => { services.live.close(); store.close(); } };
}
