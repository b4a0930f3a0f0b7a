// Papers of an agenda item: each upload is checked by its content, stored outside the web root under a
// random name, and kept as a new version (an old version is never replaced). Downloads only for those
// who may see the meeting.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { attachments, attachmentVersions } from '../../models/schema.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound, validation } from '../domain/errors.ts';
import { extensionOf, FILE_TYPE_EXTENSIONS, FILE_TYPE_LABELS, FILE_TYPE_MIME, sanitizeFileName, sniffFileType, zipPackageProblem } from '../domain/file-type.ts';
import { can } from '../domain/permissions.ts';
import type { Principal } from '../domain/permissions.ts';
import { canEditAgenda, type MeetingStatus } from '../domain/meetings.ts';
import { meetingMsg, zipProblemMessage } from '../i18n/vi.ts';
import * as repo from '../repositories/meetings.ts';
import { writeAudit } from '../repositories/audit.ts';
import { Form, type Input } from './form.ts';
import type { MeetingService } from './meetings.ts';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export interface UploadedFile {
  buffer: Buffer;
  originalname: string;
}

export function createAttachmentService(database: Database, meetings: MeetingService, uploadDir: string) {
  const { db } = database;

  return {
    /** Refuses (404 / 403) before a file of up to 20 MB is read into memory for someone who may not upload it. */
    async mayUpload(p: Principal, communeId: number, meetingId: number) {
      const m = await meetings.loadMeeting(p, communeId, meetingId);
      if (!can(p, 'meeting.prepare', { communeId, bodyId: m.bodyId })) throw new AppError('FORBIDDEN', 'Bạn không có quyền thực hiện thao tác này.');
    },

    async upload(p: Principal, communeId: number, meetingId: number, itemId: number, file: UploadedFile | undefined, input: Input) {
      const m = await meetings.loadMeeting(p, communeId, meetingId);
      if (!can(p, 'meeting.prepare', { communeId, bodyId: m.bodyId })) throw new AppError('FORBIDDEN', 'Bạn không có quyền thực hiện thao tác này.');
      const item = await repo.findAgendaItem(db, m.id, itemId);
      if (!item) throw notFound();
      if (!canEditAgenda(m.status as MeetingStatus)) throw new AppError('CONFLICT', meetingMsg.agendaLocked);
      const f = new Form(input);
      const attachmentId = f.int('attachmentId', { min: 1 });
      const title = f.optionalText('title', 300);
      f.check();
      if (!file || file.buffer.length === 0) throw validation({ file: meetingMsg.fileMissing });
      const originalName = sanitizeFileName(file.originalname);
      const type = sniffFileType(file.buffer);
      if (!type) throw validation({ file: meetingMsg.fileBadType });
      const zip = type === 'docx' || type === 'xlsx' ? zipPackageProblem(file.buffer) : null;
      if (zip) throw validation({ file: zipProblemMessage(zip) });
      const ext = extensionOf(originalName);
      if (ext && !FILE_TYPE_EXTENSIONS[type].includes(ext)) throw validation({ file: meetingMsg.fileTypeMismatch(ext, FILE_TYPE_LABELS[type]) });
      const existing = attachmentId === null ? null : await repo.findAttachment(db, m.id, attachmentId);
      if (attachmentId !== null && (!existing || existing.agendaItemId !== item.id)) throw notFound();

      // The file first (outside the transaction: a long transaction blocks PGlite); removed again if the rows fail.
      fs.mkdirSync(uploadDir, { recursive: true });
      const storedName = randomBytes(16).toString('hex');
      const target = path.join(uploadDir, storedName);
      fs.writeFileSync(target, file.buffer, { flag: 'wx', mode: 0o600 });
      try {
        return await database.transaction(async (tx) => {
          // A new version of an existing paper: lock its row first, so two simultaneous uploads cannot both read the
          // same highest version and break attachment_versions_uq; the second waits and takes the next number.
          const a = existing ? (await repo.lockAttachment(tx, m.id, existing.id))! : (await tx.insert(attachments).values({
            meetingId: m.id, agendaItemId: item.id, title: title ?? originalName.replace(/\.[^.]+$/, ''),
          }).returning())[0]!;
          const version = await repo.nextVersionNumber(tx, a.id);
          const [v] = await tx.insert(attachmentVersions).values({
            attachmentId: a.id, version, originalName, storedName, fileType: type, size: file.buffer.length,
            sha256: createHash('sha256').update(file.buffer).digest('hex'), uploadedBy: p.accountId,
          }).returning();
          await writeAudit(tx, { accountId: p.accountId, communeId, action: 'attachment.upload', entity: 'meeting', entityId: m.id, after: { attachment: a.id, ...v } });
          return { attachment: a, version: v! };
        });
      } catch (err) {
        fs.rmSync(target, { force: true });
        throw err;
      }
    },

    /** The stored file of one version, for a download response. */
    async download(p: Principal, communeId: number, meetingId: number, versionId: number) {
      const m = await meetings.loadMeeting(p, communeId, meetingId);
      const row = await repo.findVersion(db, m.id, versionId);
      if (!row) throw notFound();
      const file = path.join(uploadDir, row.v.storedName);
      if (!/^[0-9a-f]{32}$/.test(row.v.storedName) || !fs.existsSync(file)) throw notFound();
      return { path: file, name: row.v.originalName, mime: FILE_TYPE_MIME[row.v.fileType as keyof typeof FILE_TYPE_MIME] ?? 'application/octet-stream', size: row.v.size };
    },
  };
}
