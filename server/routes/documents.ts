// Official documents of a commune: list and create, the document page (text, PDF, changes since the
// previous version, audit trail) and each workflow step; issued files; signing certificates.
import { Router, type Request, type Response } from 'express';
import type { Services } from '../services/index.ts';
import { idParam, principal, requireLogin } from '../middleware/auth.ts';
import { submit } from './submit.ts';
import { fileFieldsUpload } from './upload.ts';
import { MAX_IMAGE_BYTES } from '../services/certificates.ts';
import { SIGN_MODE_LABELS } from '../domain/signoff.ts';

export function sendFile(res: Response, data: Buffer, type: string, name: string, inline: boolean) {
  res.type(type);
  res.setHeader('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  res.setHeader('Cache-Control', 'no-store');
  res.send(data);
}

const vnDate = (iso: string | null | undefined) => (iso ? iso.split('-').reverse().join('/') : '');
const vnTime = (d: Date | string | null | undefined) => (d ? new Date(d).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '');

export function documentRoutes(services: Services): Router {
  const r = Router();
  const { documents, issuance, certificates } = services;
  r.use('/xa/:communeId/van-ban', requireLogin);
  r.use('/xa/:communeId/chung-thu-so', requireLogin);
  r.use('/cho-ky', requireLogin);
  const base = (req: Request) => `/xa/${idParam(req, 'communeId')}/van-ban`;

  const listLocals = async (req: Request, extra: Record<string, unknown> = {}) => {
    const p = principal(req);
    const communeId = idParam(req, 'communeId');
    const commune = await services.org.getCommune(p, communeId);
    const wanted = typeof req.query['trang-thai'] === 'string' && req.query['trang-thai'] in documents.STATUS_LABELS ? req.query['trang-thai'] : '';
    const [docs, choices] = await Promise.all([documents.list(p, communeId, { status: wanted }), documents.draftingChoices(p, communeId)]);
    return { title: 'Văn bản', commune, docs, choices, wanted, labels: documents.STATUS_LABELS, values: {}, errors: {}, error: null, vnDate, ...extra };
  };

  r.get('/xa/:communeId/van-ban', async (req, res) => res.render('documents/list', await listLocals(req)));

  r.post('/xa/:communeId/van-ban', (req, res) => submit(req, res, {
    run: () => documents.create(principal(req), idParam(req, 'communeId'), req.body ?? {}),
    redirect: (doc) => `${base(req)}/${doc.id}`,
    message: 'Đã tạo dự thảo từ mẫu. Hãy sửa nội dung rồi trình ký.',
    rerender: async (state) => res.render('documents/list', await listLocals(req, state)),
  }));

  const showLocals = async (req: Request, extra: Record<string, unknown> = {}) => {
    const p = principal(req);
    const communeId = idParam(req, 'communeId');
    const raw = typeof req.query['so-voi'] === 'string' ? req.query['so-voi'] : '';
    const view = await documents.get(p, communeId, idParam(req, 'id'), /^\d{1,6}$/.test(raw) ? Number(raw) : null);
    const commune = await services.org.getCommune(p, communeId);
    return {
      title: view.doc.subject, commune, ...view, labels: documents.STATUS_LABELS, modeLabels: SIGN_MODE_LABELS, vnDate, vnTime,
      values: { text: view.current.text }, errors: {}, error: null, ...extra,
    };
  };

  r.get('/xa/:communeId/van-ban/:id', async (req, res) => res.render('documents/show', await showLocals(req)));

  r.get('/xa/:communeId/van-ban/:id/ban-xem.pdf', async (req, res) => {
    const raw = typeof req.query['phien-ban'] === 'string' ? req.query['phien-ban'] : '';
    const pdf = await documents.versionPdf(principal(req), idParam(req, 'communeId'), idParam(req, 'id'), /^\d{1,6}$/.test(raw) ? Number(raw) : null);
    sendFile(res, pdf, 'application/pdf', `van-ban-${idParam(req, 'id')}${raw ? '-v' + raw : ''}.pdf`, true);
  });

  r.get('/xa/:communeId/van-ban/:id/ban-chinh.pdf', async (req, res) => {
    const f = await issuance.file(principal(req), idParam(req, 'communeId'), idParam(req, 'id'), 'signedPdf');
    sendFile(res, f.data, 'application/pdf', `${f.name}.pdf`, true);
  });

  r.get('/xa/:communeId/van-ban/:id/ban-chinh.docx', async (req, res) => {
    const f = await issuance.file(principal(req), idParam(req, 'communeId'), idParam(req, 'id'), 'docx');
    sendFile(res, f.data, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', `${f.name}.docx`, false);
  });

  const action = (path: string, message: string, run: (req: Request) => Promise<{ id: number } | unknown>, redirect?: (req: Request, result: any) => string) =>
    r.post(`/xa/:communeId/van-ban/:id/${path}`, (req, res) => submit(req, res, {
      run: () => run(req),
      redirect: (result) => (redirect ? redirect(req, result) : `${base(req)}/${idParam(req, 'id')}`),
      message,
      rerender: async ({ errors, error, values }) => res.render('documents/show', await showLocals(req, {
        errors, error, ...(typeof values.text === 'string' ? { values: { text: values.text } } : {}),
      })),
    }));

  const args = (req: Request) => [principal(req), idParam(req, 'communeId'), idParam(req, 'id'), req.body ?? {}] as const;
  action('sua', 'Đã lưu phiên bản mới của văn bản.', (req) => documents.saveText(...args(req)));
  action('trinh-ky', 'Đã trình ký. Văn phòng sẽ kiểm tra trước khi chuyển lãnh đạo ký.', (req) => documents.submit(...args(req)));
  action('duyet', 'Đã duyệt; văn bản đã chuyển vào hộp "Chờ ký" của người ký.', (req) => documents.approve(...args(req)));
  action('tra-lai', 'Đã trả lại văn bản kèm ý kiến.', (req) => documents.returnForChanges(...args(req)), (req) => (principal(req).roles.some((x) => x.role === 'signer') ? '/cho-ky' : `${base(req)}/${idParam(req, 'id')}`));
  action('ky', 'Đã ký. Văn thư sẽ cấp số và ban hành.', (req) => documents.sign(...args(req)), () => '/cho-ky');
  action('ban-hanh', 'Đã cấp số, ký số và ban hành văn bản.', (req) => issuance.issue(...args(req)));
  action('thu-hoi', 'Đã ghi nhận việc thu hồi văn bản.', (req) => issuance.revoke(...args(req)));
  action('thay-the', 'Đã tạo dự thảo văn bản thay thế.', (req) => issuance.startCorrection(principal(req), idParam(req, 'communeId'), idParam(req, 'id')),
    (req, doc: { id: number }) => `${base(req)}/${doc.id}`);

  r.get('/cho-ky', async (req, res) => {
    const items = await documents.inbox(principal(req));
    res.render('documents/inbox', { title: 'Chờ ký', items, vnTime });
  });

  // ---- signing certificates (commune admin) ----
  const certLocals = async (req: Request, extra: Record<string, unknown> = {}) => {
    const p = principal(req);
    const communeId = idParam(req, 'communeId');
    const data = await certificates.list(p, communeId);
    const commune = await services.org.getCommune(p, communeId);
    return { title: 'Chứng thư số', commune, ...data, values: {}, errors: {}, error: null, vnTime, ...extra };
  };
  r.get('/xa/:communeId/chung-thu-so', async (req, res) => res.render('documents/certificates', await certLocals(req)));
  const parseP12 = fileFieldsUpload(['file', 'signature', 'seal'], MAX_IMAGE_BYTES, 'Tệp quá lớn (tệp chữ ký số tối đa 64 KB, ảnh tối đa 2 MB).');
  r.post('/xa/:communeId/chung-thu-so', async (req, res) => {
    const files = await parseP12(req, res);
    await submit(req, res, {
      run: () => certificates.upload(principal(req), idParam(req, 'communeId'), req.body ?? {}, files.file ?? null, { signature: files.signature ?? null, seal: files.seal ?? null }),
      redirect: () => `/xa/${idParam(req, 'communeId')}/chung-thu-so`,
      message: 'Đã lưu chứng thư số (được mã hóa khi lưu).',
      rerender: async (state) => res.render('documents/certificates', await certLocals(req, state)),
    });
  });

  return r;
}
