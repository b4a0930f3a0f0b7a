// Re-encrypts every secret sealed under an older key — certificates (and their passwords) and TOTP secrets — under
// the current SIGNING_KEY, in one transaction with an audit row per record. Run by `npm run rotate-signing-key`
// after SIGNING_KEY changed (the old value in SIGNING_KEY_PREVIOUS), and once after upgrading from a release that
// derived the key from SESSION_SECRET.
import { eq } from 'drizzle-orm';
import { accountTotp, accounts, signingCertificates } from '../../models/schema.ts';
import type { Database } from '../db/database.ts';
import { writeAudit } from '../repositories/audit.ts';
import { openSecret, sealedKeyId, sealSecret, SecretDecryptError, type KeyRing } from '../signing/index.ts';
import { TOTP_KEY_PURPOSE, totpContext } from './accounts.ts';
import { CERTIFICATE_KEY_PURPOSE, certificateContext } from './certificates.ts';

export interface RotationReport { certificates: number; totpSecrets: number; alreadyCurrent: number; keyId: string }

export class RotationError extends Error {}

export async function rotateDataKey(database: Database, keys: KeyRing): Promise<RotationReport> {
  const to = keys.current.id;
  const report: RotationReport = { certificates: 0, totpSecrets: 0, alreadyCurrent: 0, keyId: to };
  const unreadable: string[] = [];
  await database.transaction(async (tx) => {
    for (const row of await tx.select().from(signingCertificates)) {
      const from = [sealedKeyId(row.p12Sealed), sealedKeyId(row.passwordSealed)];
      if (from.every((k) => k === to)) { report.alreadyCurrent++; continue; }
      const p12Context = certificateContext(row.communeId, row.fingerprintSha256, 'p12');
      const passwordContext = certificateContext(row.communeId, row.fingerprintSha256, 'password');
      let p12: Buffer;
      let password: Buffer;
      try {
        p12 = openSecret(keys, CERTIFICATE_KEY_PURPOSE, row.p12Sealed, p12Context);
        password = openSecret(keys, CERTIFICATE_KEY_PURPOSE, row.passwordSealed, passwordContext);
      } catch (err) {
        if (!(err instanceof SecretDecryptError)) throw err;
        unreadable.push(`chứng thư số #${row.id} (khóa ${from[0]})`);
        continue;
      }
      await tx.update(signingCertificates).set({
        p12Sealed: sealSecret(keys, CERTIFICATE_KEY_PURPOSE, p12, p12Context),
        passwordSealed: sealSecret(keys, CERTIFICATE_KEY_PURPOSE, password, passwordContext),
      }).where(eq(signingCertificates.id, row.id));
      await writeAudit(tx, { accountId: null, communeId: row.communeId, action: 'certificate.rekey', entity: 'signing_certificate', entityId: row.id,
        before: { keyId: from[0] }, after: { keyId: to } });
      report.certificates++;
    }
    const totpRows = await tx.select({ t: accountTotp, communeId: accounts.communeId }).from(accountTotp).innerJoin(accounts, eq(accounts.id, accountTotp.accountId));
    for (const { t, communeId } of totpRows) {
      const from = sealedKeyId(t.secretSealed);
      if (from === to) { report.alreadyCurrent++; continue; }
      let secret: Buffer;
      try {
        secret = openSecret(keys, TOTP_KEY_PURPOSE, t.secretSealed, totpContext(t.accountId));
      } catch (err) {
        if (!(err instanceof SecretDecryptError)) throw err;
        unreadable.push(`mã bí mật xác thực hai bước của tài khoản #${t.accountId} (khóa ${from})`);
        continue;
      }
      await tx.update(accountTotp).set({ secretSealed: sealSecret(keys, TOTP_KEY_PURPOSE, secret, totpContext(t.accountId)) })
        .where(eq(accountTotp.accountId, t.accountId));
      await writeAudit(tx, { accountId: null, communeId, action: 'account.totp_rekey', entity: 'account', entityId: t.accountId,
        before: { keyId: from }, after: { keyId: to } });
      report.totpSecrets++;
    }
    // All or nothing: a record no key of the ring opens means a key is missing from the environment.
    if (unreadable.length) {
      throw new RotationError(`Không giải mã được ${unreadable.length} bản ghi bằng SIGNING_KEY, SIGNING_KEY_PREVIOUS hay SESSION_SECRET `
        + `(khóa cũ chưa được khai báo?): ${unreadable.join('; ')}. Không bản ghi nào bị thay đổi.`);
    }
  });
  return report;
}
