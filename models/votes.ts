// Votes and elections (issue 5): motions on agenda items or sent between sessions (phiếu lấy ý kiến), their
// rounds, ballots and candidates. A closed motion carries its frozen result; nothing about it changes again.
import {
  pgTable, pgEnum, serial, integer, text, boolean, timestamp, bigserial, jsonb, index, uniqueIndex, primaryKey,
} from 'drizzle-orm/pg-core';
import { accounts, bodies, communes, people } from './org.ts';
import { agendaItems, meetings } from './meetings.ts';

export const motionKind = pgEnum('motion_kind', ['resolution', 'decision', 'personnel', 'election', 'removal', 'procedural']);
/**
 * named: show of hands recorded by name by the secretary; totals: show of hands, totals only; secret: paper secret
 * ballot, totals from the counting board's record; electronic / electronic_secret: members vote from their phones;
 * written: opinion-taking between sessions with a deadline.
 */
export const voteMethod = pgEnum('vote_method', ['named', 'totals', 'secret', 'electronic', 'electronic_secret', 'written']);
export const motionStatus = pgEnum('motion_status', ['pending', 'open', 'closed']);
export const voteChoice = pgEnum('vote_choice', ['for', 'against', 'abstain']);
export const ballotSource = pgEnum('ballot_source', ['secretary', 'electronic', 'online', 'paper']);

export const motions = pgTable('motions', {
  id: serial('id').primaryKey(),
  communeId: integer('commune_id').notNull().references(() => communes.id),
  bodyId: integer('body_id').notNull().references(() => bodies.id),
  /** Null for written opinion-taking between sessions. */
  meetingId: integer('meeting_id').references(() => meetings.id),
  agendaItemId: integer('agenda_item_id').references(() => agendaItems.id),
  title: text('title').notNull(),
  kind: motionKind('kind').notNull(),
  method: voteMethod('method').notNull(),
  status: motionStatus('status').notNull().default('pending'),
  /** A re-vote is a new motion with round + 1 that supersedes the closed one (kept as it was). */
  round: integer('round').notNull().default(1),
  supersedesId: integer('supersedes_id'),
  /** Elections: how many are to be elected (k of n). */
  electSeats: integer('elect_seats'),
  /** HĐND: seats of the council (Điều 49.2 applies when fewer than 2/3 are filled). */
  councilSeats: integer('council_seats'),
  /** Party: the base of "more than half" (in_office | total) and the committee's total when it differs. */
  partyBase: text('party_base'),
  partyTotal: integer('party_total'),
  /** Written opinion-taking: closed at this moment under the same rules. */
  deadline: timestamp('deadline', { withTimezone: true }),
  createdBy: integer('created_by').references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  openedAt: timestamp('opened_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  closedBy: integer('closed_by').references(() => accounts.id),
  version: integer('version').notNull().default(1),
  // ---- the frozen result, written once on close ----
  rule: text('rule'),
  article: text('article'),
  total: integer('total'),
  inOffice: integer('in_office'),
  present: integer('present'),
  votesFor: integer('votes_for'),
  against: integer('against'),
  abstain: integer('abstain'),
  invalid: integer('invalid'),
  notVoting: integer('not_voting'),
  required: integer('required'),
  base: text('base'),
  baseCount: integer('base_count'),
  passed: boolean('passed'),
  decidedByChairman: boolean('decided_by_chairman'),
  chairmanSide: text('chairman_side'),
  /** The sentence the minutes use, computed by describeVoteResult. */
  wording: text('wording'),
  /** Named methods: who was in the room when the vote closed. */
  presentPersonIds: jsonb('present_person_ids'),
  /** Secret ballots: the counting board (ban kiểm phiếu) and its figures. */
  countingBoard: jsonb('counting_board'),
  ballotsIssued: integer('ballots_issued'),
  ballotsCollected: integer('ballots_collected'),
}, (t) => [
  index('motions_meeting_idx').on(t.meetingId, t.id),
  index('motions_body_idx').on(t.bodyId, t.status),
  // One re-vote per round: two secretaries pressing "vote again" create one new round.
  uniqueIndex('motions_supersedes_uq').on(t.supersedesId),
]);

/** Named ballots (show of hands by name, electronic named, written opinions): one per person and motion. */
export const namedBallots = pgTable('named_ballots', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  motionId: integer('motion_id').notNull().references(() => motions.id),
  personId: integer('person_id').notNull().references(() => people.id),
  choice: voteChoice('choice').notNull(),
  source: ballotSource('source').notNull(),
  recordedBy: integer('recorded_by').references(() => accounts.id),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('named_ballots_uq').on(t.motionId, t.personId)]);

/** Secret electronic ballots, part 1: who has voted (nobody votes twice). No choice, no time. */
export const ballotReceipts = pgTable('ballot_receipts', {
  motionId: integer('motion_id').notNull().references(() => motions.id),
  personId: integer('person_id').notNull().references(() => people.id),
}, (t) => [primaryKey({ columns: [t.motionId, t.personId] })]);

/**
 * Secret electronic ballots, part 2: what was voted, with no person, no time and a random id, so nothing
 * links a ballot to its receipt. `choice` for a motion; `marks` (agreed candidate ids) for an election.
 */
export const secretBallots = pgTable('secret_ballots', {
  id: text('id').primaryKey(),
  motionId: integer('motion_id').notNull().references(() => motions.id),
  choice: voteChoice('choice'),
  marks: jsonb('marks'),
}, (t) => [index('secret_ballots_motion_idx').on(t.motionId)]);

/**
 * Secret electronic ballots as running counts, one row per counted key of a motion ('ballots', 'for', 'against',
 * 'abstain', or 'candidate:<id>' for an election), all created when the motion opens. Every ballot updates every
 * row of its motion (adding 0 or 1), so no row's version says which key the last voter chose, and there is no
 * ballot row whose order or transaction could be matched with a receipt.
 */
export const secretTallies = pgTable('secret_tallies', {
  motionId: integer('motion_id').notNull().references(() => motions.id),
  key: text('key').notNull(),
  count: integer('count').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.motionId, t.key] })]);

/** Candidates of an election motion, with their frozen result. */
export const candidates = pgTable('candidates', {
  id: serial('id').primaryKey(),
  motionId: integer('motion_id').notNull().references(() => motions.id),
  personId: integer('person_id').references(() => people.id),
  name: text('name').notNull(),
  nominatedBy: text('nominated_by').notNull(),
  position: integer('position').notNull(),
  agree: integer('agree'),
  elected: boolean('elected'),
}, (t) => [index('candidates_motion_idx').on(t.motionId, t.position)]);
