// Meetings: the commune's calendar, "my meetings", a body's new meeting, the meeting page (details, agenda,
// papers, guests, status), attendance with the quorum of the day, the body's quorum rule, and the
// meeting's documents (PDF/DOCX).
import { Router, type Request, type Response } from 'express';
import { singleFileUpload } from './upload.ts';
import type { Services } from '../services/index.ts';
import { idParam, principal, requireLogin } from '../middleware/auth.ts';
import { AppError, notFound } from '../domain/errors.ts';
import { isIsoDate } from '../domain/membership.ts';
import { canEditAgenda, canRecordAttendance, checkAttendanceDay, isClockTime, meetingKindLabel, type MeetingStatus } from '../domain/meetings.ts';
import type { BodyKind } from '../domain/bodies.ts';
import { agendaKindLabels, attendanceStatusLabels, bodyKindLabels, meetingMsg, meetingStatusLabels } from '../i18n/vi.ts';
import { MAX_UPLOAD_BYTES } from '../services/attachments.ts';
import { MEETING_DOCUMENT_TITLES, type MeetingDocumentKind } from '../services/meeting-documents.ts';
import { vnClock } from '../services/meetings.ts';
import { submit } from './submit.ts';
import { FREQUENCY_LABELS } from '../domain/regulations.ts';

const labels = { agendaKindLabels, attendanceStatusLabels, bodyKindLabels, meetingStatusLabels, meetingKindLabel, documentTitles: MEETING_DOCUMENT_TITLES, vnClock };
const viDate = (iso: string) => iso.split('-').reverse().join('/');

export function meetingRoutes(services: Services): Router {
  const r = Router();
  const { meetings: svc } = services;
  r.use('/xa/:communeId/hop', requireLogin);
  r.use('/hop-cua-toi', requireLogin);

  const parseUpload = singleFileUpload(MAX_UPLOAD_BYTES, meetingMsg.fileTooLarge(MAX_UPLOAD_BYTES / 1024 / 1024),
    { fields: 20, fieldSize: 10_000, badForm: meetingMsg.fileBadType });

  // ---- calendar and my meetings ----

  r.get('/xa/:communeId/hop', async (req, res) => {
    const q = typeof req.query.thang === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(req.query.thang) ? req.query.thang : services.clock.today().slice(0, 7);
    const cal = await svc.calendar(principal(req), idParam(req, 'communeId'), q);
    const [y, m] = q.split('-').map(Number);
    const shift = (d: number) => { const t = new Date(Date.UTC(y!, m! - 1 + d, 1)); return t.toISOString().slice(0, 7); };
    res.render('meetings/calendar', { title: `Lịch họp tháng ${m}/${y}`, ...cal, prev: shift(-1), next: shift(1), viDate, FREQUENCY_LABELS, ...labels });
  });

  r.get('/hop-cua-toi', async (req, res) => {
    const mine = await svc.myMeetings(principal(req));
    res.render('meetings/mine', { title: 'Cuộc họp của tôi', ...mine, viDate, ...labels });
  });

  // ---- new meeting of a body ----

  /** The form for a new meeting; the chair is pre-selected per the Quy chế in force on the date shown (or typed). */
  const newLocals = async (req: Request, values: Record<string, unknown>, errors = {}, error: string | null = null) => {
    const day = typeof values.date === 'string' && isIsoDate(values.date) ? values.date : services.clock.today();
    const form = await svc.newMeetingForm(principal(req), idParam(req, 'communeId'), idParam(req, 'bodyId'), day);
    const chairPersonId = values.chairPersonId ? values.chairPersonId : form.presiding?.personId ?? '';
    return { title: 'Cuộc họp mới', ...form, values: { ...values, chairPersonId }, errors, error, meeting: null, ...labels };
  };

  r.get('/xa/:communeId/co-quan/:bodyId/hop/moi', requireLogin, async (req, res) => {
    const day = typeof req.query.ngay === 'string' && isIsoDate(req.query.ngay) ? req.query.ngay : services.clock.today();
    res.render('meetings/form', await newLocals(req, { date: day, startTime: '07:30', days: 1 }));
  });

  r.post('/xa/:communeId/co-quan/:bodyId/hop', requireLogin, (req, res) => submit(req, res, {
    run: () => svc.createMeeting(principal(req), idParam(req, 'communeId'), idParam(req, 'bodyId'), req.body ?? {}),
    redirect: (m) => `/xa/${m.communeId}/hop/${m.id}`,
    message: 'Đã tạo cuộc họp. Hãy thêm chương trình.',
    rerender: async ({ values, errors, error }) => res.render('meetings/form', await newLocals(req, values, errors, error)),
  }));

  // ---- the meeting page ----

  const showLocals = async (req: Request, extra: Record<string, unknown> = {}) => {
    const p = principal(req);
    const communeId = idParam(req, 'communeId');
    const { meeting: m, commune, body, agenda, files, guests, ordinal, name, att, regulationChair, names } = await svc.meetingPage(p, communeId, idParam(req, 'meetingId'));
    const kind = body.kind as BodyKind;
    const d = { ordinal, name };
    const nameOf = (id: number | null) => (id === null ? null : names.get(id) ?? '');
    const can = svc.permissionsFor(p, m);
    const mine = p.personId !== null ? att.roster.find((x) => x.personId === p.personId) : undefined;
    const today = services.clock.today();
    return {
      title: d.name, commune, body, meeting: m, ...d, agenda, files, guests, att, can, nameOf,
      chairNote: regulationChair ? meetingMsg.chairPerRegulation(regulationChair.name) : null,
      editable: canEditAgenda(m.status as MeetingStatus), recording: canRecordAttendance(m.status as MeetingStatus),
      myState: mine ? { person: mine, latest: att.latest.get(mine.personId) ?? null, canCheckIn: checkAttendanceDay({ ...m, status: m.status as MeetingStatus }, today).ok } : null,
      documents: services.meetingDocuments.documentsFor(kind), viDate,
      values: {}, errors: {}, error: null, section: null as string | null, ...labels, ...extra,
    };
  };

  r.get('/xa/:communeId/hop/:meetingId', async (req, res) => {
    res.render('meetings/show', await showLocals(req));
  });

  /** A failed form on the meeting page re-renders the page with the message at the form it came from. */
  const onShow = (section: string) => async (req: Request, res: Response, state: { values: Record<string, unknown>; errors: Record<string, string>; error: string }) =>
    res.render('meetings/show', await showLocals(req, { ...state, section }));

  const back = (req: Request, hash = '') => `/xa/${idParam(req, 'communeId')}/hop/${idParam(req, 'meetingId')}${hash}`;

  const editLocals = async (req: Request, values: Record<string, unknown> | null, errors = {}, error: string | null = null) => {
    const p = principal(req);
    const m = await svc.loadMeeting(p, idParam(req, 'communeId'), idParam(req, 'meetingId'));
    const form = await svc.newMeetingForm(p, m.communeId, m.bodyId, m.date);
    return { title: 'Sửa cuộc họp', ...form, meeting: m, values: values ?? { ...m, closedSession: m.closedSession ? 'on' : '' }, errors, error, ...labels };
  };

  r.get('/xa/:communeId/hop/:meetingId/sua', async (req, res) => {
    res.render('meetings/form', await editLocals(req, null));
  });

  r.post('/xa/:communeId/hop/:meetingId', (req, res) => submit(req, res, {
    run: () => svc.updateMeeting(principal(req), idParam(req, 'communeId'), idParam(req, 'meetingId'), req.body ?? {}),
    redirect: () => back(req),
    message: 'Đã lưu cuộc họp.',
    rerender: async ({ values, errors, error }) => res.render('meetings/form', await editLocals(req, values, errors, error)),
  }));

  r.post('/xa/:communeId/hop/:meetingId/trang-thai', (req, res) => submit(req, res, {
    run: () => svc.transition(principal(req), idParam(req, 'communeId'), idParam(req, 'meetingId'), req.body ?? {}),
    redirect: () => back(req),
    message: ({ convene: 'Đã triệu tập cuộc họp.', reopen_draft: 'Đã đưa cuộc họp về trạng thái chuẩn bị.', open: 'Đã khai mạc cuộc họp.', close: 'Đã bế mạc cuộc họp.' } as Record<string, string>)[String(req.body?.action)] ?? 'Đã lưu.',
    rerender: (s) => onShow('status')(req, res, s),
  }));

  // ---- agenda ----

  r.post('/xa/:communeId/hop/:meetingId/chuong-trinh', (req, res) => submit(req, res, {
    run: () => svc.addAgendaItem(principal(req), idParam(req, 'communeId'), idParam(req, 'meetingId'), req.body ?? {}),
    redirect: () => back(req, '#chuong-trinh'),
    message: 'Đã thêm nội dung vào chương trình.',
    rerender: (s) => onShow('agenda-new')(req, res, s),
  }));

  r.post('/xa/:communeId/hop/:meetingId/chuong-trinh/thu-tu', async (req, res) => {
    // Drag and drop posts with fetch and wants JSON; the up/down buttons post a normal form.
    const wantsJson = req.get('x-requested-with') === 'fetch';
    try {
      await svc.reorderAgenda(principal(req), idParam(req, 'communeId'), idParam(req, 'meetingId'), req.body ?? {});
      if (wantsJson) return res.json({ ok: true });
      res.redirect(303, back(req, '#chuong-trinh'));
    } catch (err) {
      if (err instanceof AppError && (err.code === 'CONFLICT' || err.code === 'VALIDATION')) {
        if (wantsJson) return res.status(err.status).json({ error: err.message });
        res.status(err.status);
        return onShow('agenda')(req, res, { values: {}, errors: err.fields, error: err.message });
      }
      throw err;
    }
  });

  r.post('/xa/:communeId/hop/:meetingId/chuong-trinh/:itemId', (req, res) => submit(req, res, {
    run: () => svc.updateAgendaItem(principal(req), idParam(req, 'communeId'), idParam(req, 'meetingId'), idParam(req, 'itemId'), req.body ?? {}),
    redirect: () => back(req, '#chuong-trinh'),
    message: 'Đã lưu nội dung.',
    rerender: (s) => onShow(`agenda-${req.params.itemId}`)(req, res, s),
  }));

  r.post('/xa/:communeId/hop/:meetingId/chuong-trinh/:itemId/xoa', (req, res) => submit(req, res, {
    run: () => svc.deleteAgendaItem(principal(req), idParam(req, 'communeId'), idParam(req, 'meetingId'), idParam(req, 'itemId'), req.body ?? {}),
    redirect: () => back(req, '#chuong-trinh'),
    message: 'Đã xóa nội dung khỏi chương trình.',
    rerender: (s) => onShow('agenda')(req, res, s),
  }));

  r.post('/xa/:communeId/hop/:meetingId/chuong-trinh/:itemId/tai-lieu', async (req, res) => {
    await services.attachments.mayUpload(principal(req), idParam(req, 'communeId'), idParam(req, 'meetingId'));
    await parseUpload(req, res);
    await submit(req, res, {
      run: () => services.attachments.upload(principal(req), idParam(req, 'communeId'), idParam(req, 'meetingId'), idParam(req, 'itemId'), req.file, req.body ?? {}),
      redirect: () => back(req, `#muc-${req.params.itemId}`),
      message: 'Đã tải tài liệu lên.',
      rerender: (s) => onShow(`upload-${req.params.itemId}`)(req, res, s),
    });
  });

  r.get('/xa/:communeId/hop/:meetingId/tai-lieu/:versionId', async (req, res) => {
    const f = await services.attachments.download(principal(req), idParam(req, 'communeId'), idParam(req, 'meetingId'), idParam(req, 'versionId'));
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.attachment(f.name);
    res.type(f.mime);
    res.sendFile(f.path);
  });

  // ---- guests ----

  r.post('/xa/:communeId/hop/:meetingId/khach-moi', (req, res) => submit(req, res, {
    run: () => svc.addGuest(principal(req), idParam(req, 'communeId'), idParam(req, 'meetingId'), req.body ?? {}),
    redirect: () => back(req, '#khach-moi'),
    message: 'Đã thêm khách mời.',
    rerender: (s) => onShow('guests')(req, res, s),
  }));

  r.post('/xa/:communeId/hop/:meetingId/khach-moi/:guestId/xoa', (req, res) => submit(req, res, {
    run: () => svc.removeGuest(principal(req), idParam(req, 'communeId'), idParam(req, 'meetingId'), idParam(req, 'guestId'), req.body ?? {}),
    redirect: () => back(req, '#khach-moi'),
    message: 'Đã bỏ khách mời.',
    rerender: (s) => onShow('guests')(req, res, s),
  }));

  // ---- attendance and quorum ----

  const attendanceLocals = async (req: Request, extra: Record<string, unknown> = {}) => {
    const base = await showLocals(req);
    const day = typeof req.query.ngay === 'string' && isIsoDate(req.query.ngay) ? req.query.ngay : base.meeting.date;
    const time = typeof req.query.luc === 'string' && isClockTime(req.query.luc) ? req.query.luc : null;
    const at = time ? await svc.presenceAt(principal(req), base.meeting.communeId, base.meeting.id, day, time) : null;
    return { ...base, title: `Điểm danh — ${base.name}`, at, atDay: day, atTime: time ?? '', ...extra };
  };

  r.get('/xa/:communeId/hop/:meetingId/diem-danh', async (req, res) => {
    res.render('meetings/attendance', await attendanceLocals(req));
  });

  const onAttendance = async (req: Request, res: Response, s: { values: Record<string, unknown>; errors: Record<string, string>; error: string }) =>
    res.render('meetings/attendance', await attendanceLocals(req, { ...s }));

  r.post('/xa/:communeId/hop/:meetingId/diem-danh', (req, res) => submit(req, res, {
    run: () => svc.recordAttendance(principal(req), idParam(req, 'communeId'), idParam(req, 'meetingId'), req.body ?? {}),
    redirect: (e) => back(req, `/diem-danh#n-${e.personId}`),
    message: 'Đã ghi điểm danh.',
    rerender: (s) => onAttendance(req, res, s),
  }));

  r.post('/xa/:communeId/hop/:meetingId/diem-danh/tat-ca', (req, res) => submit(req, res, {
    run: () => svc.markAllPresent(principal(req), idParam(req, 'communeId'), idParam(req, 'meetingId'), req.body ?? {}),
    redirect: () => back(req, '/diem-danh'),
    message: 'Đã ghi có mặt cho tất cả người chưa điểm danh.',
    rerender: (s) => onAttendance(req, res, s),
  }));

  r.post('/xa/:communeId/hop/:meetingId/diem-danh/toi', (req, res) => submit(req, res, {
    run: () => svc.selfCheckIn(principal(req), idParam(req, 'communeId'), idParam(req, 'meetingId')),
    redirect: () => back(req),
    message: 'Đã ghi nhận bạn có mặt.',
    rerender: (s) => onShow('self')(req, res, s),
  }));

  // ---- documents ----

  r.get('/xa/:communeId/hop/:meetingId/van-ban/:kind.:format', async (req, res) => {
    const kind = String(req.params.kind) as MeetingDocumentKind;
    const format = String(req.params.format);
    if (!(kind in MEETING_DOCUMENT_TITLES) || (format !== 'pdf' && format !== 'docx')) throw notFound();
    const out = await services.meetingDocuments.render(principal(req), idParam(req, 'communeId'), idParam(req, 'meetingId'), kind, format);
    res.setHeader('Cache-Control', 'private, no-store');
    res.type(format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    res.setHeader('Content-Disposition', `${format === 'pdf' && req.query.tai !== '1' ? 'inline' : 'attachment'}; filename="${out.filename}"`);
    res.send(out.buffer);
  });

  // ---- the body's quorum rule ----

  const rulesLocals = async (req: Request, values: Record<string, unknown> = {}, errors = {}, error: string | null = null) => {
    const v = await svc.bodyRules(principal(req), idParam(req, 'communeId'), idParam(req, 'bodyId'));
    return { title: `Quy tắc họp — ${v.body.name}`, ...v, values: { effectiveFrom: v.today, quorumNumerator: 2, quorumDenominator: 3, quorumComparison: 'at_least', ...values }, errors, error, viDate };
  };

  r.get('/xa/:communeId/co-quan/:bodyId/quy-tac-hop', requireLogin, async (req, res) => {
    res.render('meetings/rules', await rulesLocals(req));
  });

  r.post('/xa/:communeId/co-quan/:bodyId/quy-tac-hop', requireLogin, (req, res) => submit(req, res, {
    run: () => svc.addBodyRule(principal(req), idParam(req, 'communeId'), idParam(req, 'bodyId'), req.body ?? {}),
    redirect: () => `/xa/${idParam(req, 'communeId')}/co-quan/${idParam(req, 'bodyId')}/quy-tac-hop`,
    message: 'Đã lưu quy tắc họp.',
    rerender: async ({ values, errors, error }) => res.render('meetings/rules', await rulesLocals(req, values, errors, error)),
  }));

  return r;
}
