// Signing certificates: an admin uploads a PKCS#12 for a body (its organisation certificate) or for a signer's
// account; the file and its password are stored encrypted under a key derived from SIGNING_KEY. A demo
// install without any certificate gets a self-signed one per body on its first issuance.
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { signingCertificates } from '../../models/schema.ts';
import type { Database, Executor } from '../db/database.ts';
import { AppError, forbidden, notFound, validation } from '../domain/errors.ts';
import { can, canSeeCommune, type Principal } from '../domain/permissions.ts';
import {
  checkValidityAt, generateSelfSignedP12, inspectP12, openSecret, sealSecret, SIGNING_MESSAGES, type KeyRing,
} from '../signing/index.ts';
import { writeAudit } from '../repositories/audit.ts';
import * as orgRepo from '../repositories/org.ts';
import * as repo from '../repositories/issuance.ts';
import { accountRoles, accounts } from '../../models/schema.ts';
import type { Clock } from './clock.ts';
import { decodePng, pngSizeMm } from './pdf-stamp.ts';

export const MAX_P12_BYTES = 64 * 1024;
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export interface UploadedFile {
  buffer: Buffer;
  originalname: string;
  size: number;
}

export interface StampImageFile {
  png: Buffer;
  widthMm: number;
  heightMm: number;
}

export interface UsableCertificate {
  row: Pick<repo.CertificateRow, 'id' | 'subject' | 'selfSigned'> & Partial<repo.CertificateRow>;
  p12: Buffer;
  password: string;
  /** The signer's signature image and the body's seal image to place on the document, when configured. */
  images?: { signature: StampImageFile; seal?: StampImageFile } | null;
}

/** An uploaded image for the signature or the seal: an 8-bit RGB/RGBA PNG; null when none was sent. */
function readImage(file: UploadedFile | null, field: string): Buffer | null {
  if (!file || file.size === 0) return null;
  if (file.size > MAX_IMAGE_BYTES) throw validation({ [field]: 'Ảnh quá lớn (tối đa 2 MB).' });
  try {
    decodePng(file.buffer);
    pngSizeMm(file.buffer);
  } catch {
    throw validation({ [field]: 'Ảnh phải là tệp PNG (8 bit, nền trong suốt).' });
  }
  return file.buffer;
}

const imageOf = (png: Buffer | null | undefined): StampImageFile | undefined => (png ? { png, ...pngSizeMm(png) } : undefined);

const context = (communeId: number, fingerprint: string, what: 'p12' | 'password') => `${what}:commune:${communeId}:${fingerprint}`;

/** The HKDF purpose of the certificates' key (also what version 1 derived from SESSION_SECRET). */
export const CERTIFICATE_KEY_PURPOSE = 'signing-p12-at-rest';
export const certificateContext = context;

export function createCertificateService(database: Database, clock: Clock, opts: { keys: KeyRing; demoCertificates: boolean }) {
  const { db } = database;

  async function requireManage(p: Principal, communeId: number) {
    if (!canSeeCommune(p, communeId) || !(await orgRepo.findCommune(db, communeId))) throw notFound();
    if (!can(p, 'certificate.manage', { communeId })) throw forbidden();
  }

  function open(row: repo.CertificateRow): UsableCertificate {
    const p12 = openSecret(opts.keys, CERTIFICATE_KEY_PURPOSE, row.p12Sealed, context(row.communeId, row.fingerprintSha256, 'p12'));
    const password = openSecret(opts.keys, CERTIFICATE_KEY_PURPOSE, row.passwordSealed, context(row.communeId, row.fingerprintSha256, 'password')).toString('utf8');
    return { row, p12, password };
  }

  async function store(ex: Executor, communeId: number, target: { bodyId: number | null; accountId: number | null }, label: string,
    p12: Buffer, password: string, info: { subject: string; issuer: string; serial?: string; fingerprintSha256?: string; notBefore: Date; notAfter: Date; selfSigned?: boolean },
    uploadedBy: number | null, images: { signaturePng?: Buffer | null; sealPng?: Buffer | null } = {}) {
    const fp = info.fingerprintSha256 ?? '';
    // A newer certificate for the same target replaces the older one (kept, inactive, for the record).
    await ex.update(signingCertificates).set({ active: false }).where(and(
      eq(signingCertificates.communeId, communeId),
      target.bodyId === null ? eq(signingCertificates.accountId, target.accountId!) : eq(signingCertificates.bodyId, target.bodyId),
    ));
    const [row] = await ex.insert(signingCertificates).values({
      communeId, bodyId: target.bodyId, accountId: target.accountId, label, subject: info.subject, issuer: info.issuer,
      serial: info.serial ?? '', fingerprintSha256: fp, notBefore: info.notBefore, notAfter: info.notAfter,
      p12Sealed: sealSecret(opts.keys, CERTIFICATE_KEY_PURPOSE, p12, context(communeId, fp, 'p12')),
      passwordSealed: sealSecret(opts.keys, CERTIFICATE_KEY_PURPOSE, Buffer.from(password, 'utf8'), context(communeId, fp, 'password')),
      selfSigned: info.selfSigned ?? false, uploadedBy, signaturePng: images.signaturePng ?? null, sealPng: images.sealPng ?? null,
    }).returning();
    return row!;
  }

  return {
    async list(p: Principal, communeId: number) {
      await requireManage(p, communeId);
      const rows = await repo.certificatesOf(db, communeId);
      const bodies = await orgRepo.listBodies(db, communeId);
      const signers = await db.select({ id: accounts.id, displayName: accounts.displayName }).from(accounts)
        .innerJoin(accountRoles, eq(accountRoles.accountId, accounts.id))
        .where(and(eq(accounts.communeId, communeId), eq(accountRoles.role, 'signer')));
      const uniqueSigners = [...new Map(signers.map((s) => [s.id, s])).values()];
      return {
        certificates: rows.map(({ p12Sealed: _a, passwordSealed: _b, signaturePng, sealPng, ...r }) => ({ ...r, hasSignature: !!signaturePng, hasSeal: !!sealPng })),
        bodies: bodies.filter((b) => b.issuerCode),
        signers: uniqueSigners,
        now: clock.now(),
      };
    },

    /** Stores an uploaded P12 after checking it opens with the password and is valid today. */
    async upload(p: Principal, communeId: number, input: Record<string, unknown>, file: UploadedFile | null, images: { signature?: UploadedFile | null; seal?: UploadedFile | null } = {}) {
      await requireManage(p, communeId);
      const target = typeof input.target === 'string' ? input.target : '';
      const password = typeof input.password === 'string' ? input.password : '';
      const m = /^(body|account):(\d{1,9})$/.exec(target);
      const errors: Record<string, string> = {};
      if (!m) errors.target = 'Vui lòng chọn cơ quan hoặc người ký dùng chứng thư số này.';
      if (!file || file.size === 0) errors.file = 'Vui lòng chọn tệp chữ ký số (.p12 hoặc .pfx).';
      else if (file.size > MAX_P12_BYTES) errors.file = 'Tệp chữ ký số quá lớn (tối đa 64 KB).';
      if (Object.keys(errors).length) throw validation(errors);
      const id = Number(m![2]);
      let bodyId: number | null = null;
      let accountId: number | null = null;
      let label: string;
      if (m![1] === 'body') {
        const body = await orgRepo.findBody(db, communeId, id);
        if (!body) throw validation({ target: 'Cơ quan không thuộc xã này.' });
        bodyId = body.id;
        label = body.name;
      } else {
        const [acc] = await db.select().from(accounts).where(and(eq(accounts.id, id), eq(accounts.communeId, communeId)));
        if (!acc) throw validation({ target: 'Người ký không thuộc xã này.' });
        accountId = acc.id;
        label = acc.displayName;
      }
      const signaturePng = readImage(images.signature ?? null, 'signature');
      const sealPng = readImage(images.seal ?? null, 'seal');
      const info = inspectP12(file!.buffer, password, clock.now());
      if (!info.ok) {
        const field = info.reason === 'WRONG_PASSWORD' ? 'password' : 'file';
        throw validation({ [field]: SIGNING_MESSAGES[info.reason] }, `Không lưu chứng thư số: ${SIGNING_MESSAGES[info.reason]}`);
      }
      return database.transaction(async (tx) => {
        const row = await store(tx, communeId, { bodyId, accountId }, label, file!.buffer, password, info, p.accountId, { signaturePng, sealPng });
        await writeAudit(tx, { accountId: p.accountId, communeId, action: 'certificate.upload', entity: 'certificate', entityId: row.id,
          after: { label, subject: info.subject, issuer: info.issuer, notAfter: info.notAfter, fingerprint: info.fingerprintSha256 } });
        return row;
      });
    },

    /**
     * The certificate an issuance signs with: the signer's own, else the body's; in a demo install a
     * self-signed one is made for the body. Refuses (422) a missing or expired certificate.
     */
    async forIssuance(communeId: number, bodyId: number, signerAccountId: number | null): Promise<UsableCertificate> {
      const rows = (await repo.certificatesOf(db, communeId)).filter((r) => r.active);
      let row = (signerAccountId !== null ? rows.find((r) => r.accountId === signerAccountId) : undefined) ?? rows.find((r) => r.bodyId === bodyId);
      if (!row) {
        if (!opts.demoCertificates) {
          throw new AppError('VALIDATION', 'Chưa có chứng thư số cho cơ quan hoặc người ký văn bản này; quản trị xã cần tải lên tệp .p12 trước khi ban hành. Văn bản chưa được cấp số.');
        }
        const body = await orgRepo.findBody(db, communeId, bodyId);
        const commune = await orgRepo.findCommune(db, communeId);
        if (!body || !commune) throw notFound();
        const now = clock.now();
        const password = randomBytes(18).toString('base64url');
        const p12 = generateSelfSignedP12({
          commonName: body.name, organization: `${commune.kind} ${commune.name}, ${commune.province}`, password,
          validFrom: new Date(now.getTime() - 86_400_000), validTo: new Date(now.getTime() + 2 * 365 * 86_400_000),
        });
        const info = inspectP12(p12, password);
        if (!info.ok) throw new Error(`demo certificate: ${info.reason}`);
        row = await database.transaction(async (tx) => {
          const stored = await store(tx, communeId, { bodyId, accountId: null }, `${body.name} (tự cấp, bản trình diễn)`, p12, password, { ...info, selfSigned: true }, null);
          await writeAudit(tx, { accountId: null, communeId, action: 'certificate.demo', entity: 'certificate', entityId: stored.id, after: { label: stored.label, subject: info.subject } });
          return stored;
        });
      }
      const valid = checkValidityAt({ notBefore: row.notBefore, notAfter: row.notAfter }, clock.now());
      if (!valid.ok) {
        throw new AppError('VALIDATION', `${SIGNING_MESSAGES[valid.reason]} (${row.label}, hiệu lực đến ${row.notAfter.toISOString().slice(0, 10).split('-').reverse().join('/')}). Văn bản chưa được cấp số.`);
      }
      // The signer's signature image (their own row first, else the body's) and the body's seal image.
      const fresh = (await repo.certificatesOf(db, communeId)).filter((r) => r.active);
      const bodyRow = fresh.find((r) => r.bodyId === bodyId);
      const signerRow = signerAccountId !== null ? fresh.find((r) => r.accountId === signerAccountId) : undefined;
      const signature = imageOf(signerRow?.signaturePng ?? bodyRow?.signaturePng);
      const seal = imageOf(bodyRow?.sealPng ?? signerRow?.sealPng);
      return { ...open(row), images: signature ? { signature, seal } : null };
    },
  };
}

export type CertificateService = ReturnType<typeof createCertificateService>;
