// The live view for the projector: a server-rendered page (the current item, attendance, a vote's progress as a
// count only, the result with an SVG bar chart drawn on the server) and its Server-Sent Events stream, which
// pushes the same panel again after every change. Without JavaScript the page refreshes itself every 5 seconds.
import { Router, type Request, type Response } from 'express';
import type { Services } from '../services/index.ts';
import { sseEvent, type LiveHub } from '../services/live.ts';
import { idParam, principal, requireLogin } from '../middleware/auth.ts';
import { notFound } from '../domain/errors.ts';
import { voteMsg } from '../i18n/vi.ts';
import { formatPercent } from '../domain/percent.ts';
import { isSecret } from '../domain/ballots.ts';

export function liveRoutes(services: Services, hub: LiveHub): Router {
  const r = Router();
  r.use('/xa/:communeId/hop/:meetingId/truc-tiep', requireLogin);
  r.use('/xa/:communeId/hop/:meetingId/su-kien', requireLogin);

  const locals = (snap: unknown) => ({ snap, voteMsg, formatPercent, isSecret });

  async function snapshotFor(req: Request) {
    const m = await services.meetings.loadMeeting(principal(req), idParam(req, 'communeId'), idParam(req, 'meetingId'));
    const snap = await services.votes.liveSnapshot(m.id);
    if (!snap) throw notFound();
    return snap;
  }

  const renderPanel = (res: Response, snap: unknown) => new Promise<string>((resolve, reject) =>
    res.app.render('votes/_live', locals(snap), (err, html) => (err ? reject(err) : resolve(html))));

  r.get('/xa/:communeId/hop/:meetingId/truc-tiep', async (req, res) => {
    const snap = await snapshotFor(req);
    res.setHeader('Cache-Control', 'no-store');
    res.render('votes/live', { ...locals(snap), title: `Trực tiếp — ${snap.name}`, stream: `/xa/${idParam(req, 'communeId')}/hop/${idParam(req, 'meetingId')}/su-kien` });
  });

  r.get('/xa/:communeId/hop/:meetingId/su-kien', async (req, res) => {
    const first = await snapshotFor(req);
    const meetingId = first.meeting.id;
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    let closed = false;
    const send = async (snap: unknown) => {
      if (closed || !snap) return;
      const html = await renderPanel(res, snap).catch(() => null);
      if (html === null || closed) return;
      const s = snap as { cast: number; motion: { id: number; status: string } | null };
      res.write(sseEvent({ event: 'update', id: Date.now(), data: [JSON.stringify({ cast: s.cast, motionId: s.motion?.id ?? null, status: s.motion?.status ?? null }), html] }));
    };
    const end = () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      offClose();
      clearInterval(ping);
      res.end();
    };
    const unsubscribe = hub.subscribe(meetingId, (snap) => void send(snap));
    const offClose = hub.onClose(end);
    const ping = setInterval(() => res.write(': ping\n\n'), 20000);
    ping.unref();
    req.on('close', end);
    res.write('retry: 3000\n\n');
    await send(first);
  });

  return r;
}
