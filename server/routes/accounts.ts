// Accounts of a commune and their roles (commune admin).
import { Router } from 'express';
import type { Services } from '../services/index.ts';
import { idParam, principal, requireLogin } from '../middleware/auth.ts';
import { roleLabels } from '../i18n/vi.ts';
import { ROLES } from '../services/accounts.ts';
import { submit } from './submit.ts';

export function accountRoutes(services: Services): Router {
  const r = Router();
  r.use('/xa/:communeId/tai-khoan', requireLogin);

  const formLocals = async (req: any) => {
    const p = principal(req);
    const communeId = idParam(req, 'communeId');
    const commune = await services.org.getCommune(p, communeId);
    const accounts = await services.accounts.listAccounts(p, communeId); // permission check
    const [bodies, people] = await Promise.all([services.org.listBodies(p, communeId), services.org.listPeople(p, communeId)]);
    return { commune, accounts, bodies, people, roles: ROLES, roleLabels };
  };

  r.get('/xa/:communeId/tai-khoan', async (req, res) => {
    const l = await formLocals(req);
    res.render('accounts/list', { title: 'Tài khoản', ...l });
  });

  r.get('/xa/:communeId/tai-khoan/moi', async (req, res) => {
    res.render('accounts/form', { title: 'Tạo tài khoản', ...(await formLocals(req)), account: null, values: { roles: [] }, errors: {}, error: null });
  });

  r.post('/xa/:communeId/tai-khoan', (req, res) => submit(req, res, {
    run: () => services.accounts.createAccount(principal(req), idParam(req, 'communeId'), req.body ?? {}),
    redirect: (a) => `/xa/${a.communeId}/tai-khoan`,
    message: 'Đã tạo tài khoản.',
    rerender: async ({ values, errors, error }) =>
      res.render('accounts/form', { title: 'Tạo tài khoản', ...(await formLocals(req)), account: null, values, errors, error }),
  }));

  const editValues = (a: Awaited<ReturnType<Services['accounts']['getAccount']>>) => ({
    displayName: a.displayName, personId: a.personId ?? '', active: a.active ? 'on' : '', version: a.version,
    roles: [...new Set(a.roles.map((r) => r.role))],
    secretaryBodies: a.roles.filter((r) => r.role === 'secretary').map((r) => String(r.bodyId)),
    signerBodies: a.roles.filter((r) => r.role === 'signer').map((r) => String(r.bodyId)),
  });

  r.get('/xa/:communeId/tai-khoan/:accountId', async (req, res) => {
    const l = await formLocals(req);
    const account = await services.accounts.getAccount(principal(req), l.commune.id, idParam(req, 'accountId'));
    res.render('accounts/form', { title: `Tài khoản ${account.username}`, ...l, account, values: editValues(account), errors: {}, error: null });
  });

  r.post('/xa/:communeId/tai-khoan/:accountId', async (req, res) => {
    const l = await formLocals(req);
    const account = await services.accounts.getAccount(principal(req), l.commune.id, idParam(req, 'accountId'));
    await submit(req, res, {
      run: async () => {
        const row = await services.accounts.updateAccount(principal(req), l.commune.id, account.id, req.body ?? {}, req.sessionID);
        if (row.id === principal(req).accountId) req.session.authEpoch = row.sessionEpoch; // admins editing themselves stay in
        return row;
      },
      redirect: () => `/xa/${l.commune.id}/tai-khoan`,
      message: 'Đã lưu tài khoản.',
      rerender: async ({ values, errors, error }) =>
        res.render('accounts/form', { title: `Tài khoản ${account.username}`, ...l, account, values, errors, error }),
    });
  });

  return r;
}
