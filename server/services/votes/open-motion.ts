// "Mở biểu quyết": the secretary of the body opens the vote on a motion, during the session, once. A secret
// electronic vote gets its running counts now, every key at 0 (each ballot then adds to all of them).
import { z } from 'zod';
import { checkOpenMotion, tallyKeysOf, type OpenRefusal } from '../../domain/ballots.ts';
import { voteMsg } from '../../i18n/vi.ts';
import * as repo from '../../repositories/votes.ts';
import { decide, type UseCase } from '../use-case.ts';
import { loadMotionForUpdate, type MotionParams } from './access.ts';

type State = Awaited<ReturnType<typeof loadMotionForUpdate>>;

export const openMotion: UseCase<MotionParams, object, State, null, repo.MotionRow, OpenRefusal> = {
  action: 'motion.open',
  permission: 'meeting.record',
  input: z.object({}),
  versioned: true,
  stale: voteMsg.stale,

  async load(tx, at, params) {
    const state = await loadMotionForUpdate(tx, at.principal, params);
    return { state, scope: { communeId: params.communeId, bodyId: state.meeting.bodyId }, version: state.motion.version };
  },

  rule({ meeting, motion }) {
    const check = checkOpenMotion(meeting.status, motion.status as 'pending' | 'open' | 'closed');
    return check.ok ? decide(null) : { ok: false, reason: check.reason };
  },

  refusal: (reason) => ({ MEETING_NOT_IN_SESSION: voteMsg.meetingNotInSession, NOT_PENDING: voteMsg.notPending })[reason],

  async write(tx, { meeting, motion }, _d, _i, at) {
    const row = await repo.updateMotion(tx, motion, { status: 'open', openedAt: at.now });
    if (motion.method === 'electronic_secret') {
      const candidateIds = motion.kind === 'election' ? (await repo.candidatesOf(tx, motion.id)).map((c) => c.id) : null;
      await repo.createSecretTallies(tx, motion.id, tallyKeysOf(candidateIds));
    }
    return { result: row, audit: { entity: 'motion', entityId: motion.id, before: { status: motion.status }, after: { status: 'open' } }, notify: meeting.id };
  },
};
