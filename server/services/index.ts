// createServices(database): every use case the routes call, with the clock and costs injected (no singletons).
import { randomBytes } from 'node:crypto';
import { pino, type Logger } from 'pino';
import type { Database } from '../db/database.ts';
import { systemClock, type Clock } from './clock.ts';

export { systemClock, type Clock };
import { createAccountService } from './accounts.ts';
import { createAccountSecurityService } from './account-security.ts';
import { createKeyRing, type KeyRing } from '../signing/index.ts';
import { createOrgService } from './org.ts';
import { createHomeService } from './home.ts';
import { createTemplateService } from './templates.ts';
import type { HashCost } from './passwords.ts';
import os from 'node:os';
import path from 'node:path';
import { createMeetingService } from './meetings.ts';
import { createAttachmentService } from './attachments.ts';
import { createMeetingDocumentService } from './meeting-documents.ts';
import { createVoteLiveHub, createVoteService } from './votes.ts';
import { createWrittenOpinionService } from './written-opinions.ts';
import { listAudit } from '../repositories/audit.ts';
import { can, canSeeCommune, type Principal } from '../domain/permissions.ts';
import { forbidden, notFound } from '../domain/errors.ts';
import { createSignoffServices, type SignoffOptions } from './issuance.ts';
import { createRegulationService } from './regulations.ts';
import { createResolutionDraftService } from './resolution-drafts.ts';
import { createAppointmentService } from './appointments.ts';
import { runUseCase, type UseCase } from './use-case.ts';

export interface ServiceOptions {
  clock?: Clock;
  hashCost?: HashCost;
  uploadDir?: string;
  signoff?: SignoffOptions;
  /** Structured security log (pino); silent when absent, as in tests. */
  logger?: Logger;
  /** SIGNING_KEY and the keys it replaced: certificates and TOTP secrets are sealed under it. */
  keys?: KeyRing;
  /** The password check (a test counts real checks through it). */
  verifyPassword?: (password: string, stored: string) => Promise<boolean>;
  /** REQUIRE_2FA_ADMINS: system and commune admins must enrol in two-factor sign-in before anything else. */
  require2faAdmins?: boolean;
}

export function createServices(database: Database, opts: ServiceOptions = {}) {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? pino({ level: 'silent' });
  const keys = opts.keys ?? opts.signoff?.keys ?? createKeyRing({ current: opts.signoff?.signingSecret ?? randomBytes(32).toString('hex') });
  const accounts = createAccountService(database, { clock, hashCost: opts.hashCost, logger, keys, verifyPassword: opts.verifyPassword });
  const org = createOrgService(database, clock);
  const meetings = createMeetingService(database, clock);
  // Uploaded papers live outside the web root; tests and tools without a setting get a private temp folder.
  const uploadDir = opts.uploadDir ?? path.join(os.tmpdir(), `commune-uploads-${process.pid}`);
  const votes = createVoteService(database, clock, meetings);
  const live = createVoteLiveHub(votes);
  const signoff = createSignoffServices(database, clock, { ...opts.signoff, keys });
  const templates = createTemplateService(database);
  /** Runs one use case module (server/services/<area>/<verb>.ts) in its transaction; the live view is told after. */
  const run = <P, I, S, D, R, C extends string>(uc: UseCase<P, I, S, D, R, C>, p: Principal, params: P, raw: unknown) =>
    runUseCase(uc, { database, clock, notify: (meetingId) => votes.notify(meetingId) }, p, params, raw);
  return {
    run,
    database,
    clock,
    org,
    meetings,
    attachments: createAttachmentService(database, meetings, uploadDir),
    meetingDocuments: createMeetingDocumentService(database, meetings, votes, templates),
    votes,
    live,
    writtenOpinions: createWrittenOpinionService(database, clock, votes),
    logger,
    keys,
    accounts,
    accountSecurity: createAccountSecurityService(database, { clock, logger, keys, accounts, require2faAdmins: opts.require2faAdmins ?? false }),
    home: createHomeService(database, clock),
    templates,
    ...signoff,
    regulations: createRegulationService(database, clock, { documents: signoff.documents }),
    appointments: createAppointmentService(database, clock, { documents: signoff.documents, meetings }),
    resolutionDrafts: createResolutionDraftService(database, { documents: signoff.documents, meetings }),
    async audit(p: Principal, communeId: number) {
      if (!canSeeCommune(p, communeId)) throw notFound();
      if (!can(p, 'audit.read', { communeId })) throw forbidden();
      return listAudit(database.db, communeId);
    },
  };
}

export type Services = ReturnType<typeof createServices>;
