// The home page: what this person has to do today, by role.
import { Router } from 'express';
import type { Services } from '../services/index.ts';
import { principal, requireLogin } from '../middleware/auth.ts';

export function homeRoutes(services: Services): Router {
  const r = Router();
  r.get('/', requireLogin, async (req, res) => {
    const p = principal(req);
    const home = await services.home.forPrincipal(p);
    res.render('home', { title: 'Trang chủ', home });
  });
  return r;
}
