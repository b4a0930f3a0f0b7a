// The motion a vote use case acts on: of a meeting this principal may see (else 404), locked for the change.
import type { Executor } from '../../db/database.ts';
import { notFound } from '../../domain/errors.ts';
import type { Principal } from '../../domain/permissions.ts';
import * as repo from '../../repositories/votes.ts';
import { loadVisibleMeeting } from '../meetings/access.ts';

export interface MotionParams { communeId: number; meetingId: number; motionId: number }

/** The meeting (visible to `p`) and its motion, the motion row locked FOR UPDATE: the version read is the one changed. */
export async function loadMotionForUpdate(tx: Executor, p: Principal, { communeId, meetingId, motionId }: MotionParams) {
  const meeting = await loadVisibleMeeting(tx, p, communeId, meetingId);
  const motion = await repo.lockMotion(tx, communeId, motionId, 'update');
  if (!motion || motion.meetingId !== meeting.id) throw notFound();
  return { meeting, motion };
}
