// The governance CLI's commands as functions: list, show, advance and report (wiring is elsewhere).
import { parseIsoDate } from '../core/clock.ts';
import { InvalidValueError } from '../core/errors.ts';
import { eventDates } from './load-register.ts';
import { findProposal } from './implementation-date.ts';
import { checkTransition, phaseOf, STAGES, type Stage } from './lifecycle.ts';
import { renderChangeStatusReport, type ReportFormat } from './render-report.ts';
import type { Proposal, ProposalEvent, Register } from './schema.ts';

/** Filters for `governance list`; all optional, all must match. */
export interface ListFilter {
  readonly stage?: string;
  readonly path?: string;
  /** Case-insensitive text searched in the reference, title, proposer and organisation. */
  readonly text?: string;
}

/** `governance list`: one line per matching proposal (reference, stage, path, title). */
export function governanceList(register: Register, filter: ListFilter = {}): string {
  const text = filter.text?.toLowerCase();
  const rows = register.proposals.filter(
    (p) =>
      (filter.stage === undefined || p.stage === filter.stage) &&
      (filter.path === undefined || p.path === filter.path) &&
      (text === undefined ||
        [p.id, p.title, p.proposer, p.organisation].some((f) => f?.toLowerCase().includes(text))),
  );
  return rows
    .map((p) => [p.id, p.stage, p.path ?? '-', p.title ?? '(title not recorded)'].join('\t'))
    .join('\n');
}

function describeEvent(e: ProposalEvent): string {
  switch (e.kind) {
    case 'milestone':
      return e.text;
    case 'csc-decision':
      return `Change Sub-Committee: ${e.decision}`;
    case 'working-group':
      return 'Working Group meeting';
    case 'consultation':
      return `${e.type} consultation${e.responses === undefined ? '' : ` (${e.responses} responses)`}`;
    case 'assessment':
      return `DCC ${e.type === 'PA' ? 'Preliminary' : 'Impact'} Assessment${e.targetWorkingDays ? ` (target ${e.targetWorkingDays} WD)` : ''}`;
    case 'change-board-vote':
      return `Change Board vote: ${e.outcome}`;
    case 'authority-decision':
      return `Authority decision: ${e.outcome}`;
    case 'stage-change':
      return `Stage: ${e.from} → ${e.to}`;
  }
}

/** `governance show`: a proposal's record and its timeline of dated events. */
export function governanceShow(register: Register, id: string): string {
  const p = findProposal(register, id);
  const lines = [
    `${p.id} ${p.title ?? '(title not recorded)'}`,
    `Proposer: ${p.proposer ?? '-'}${p.organisation ? ` (${p.organisation})` : ''}`,
    `Raised: ${p.raised ?? '-'}   Path: ${p.path ?? '-'}   Stage: ${p.stage} (${phaseOf(p.stage)})`,
    ...(p.status ? [`Status: ${p.status}`] : []),
    'Timeline:',
  ];
  const timeline = timelineOf(p).map((t) => `  ${t.date}  ${t.text}`);
  return [...lines, ...timeline].join('\n');
}

/** A proposal's dated events as a timeline, oldest first (one entry per date an event has). */
export function timelineOf(p: Proposal): { readonly date: string; readonly text: string }[] {
  return p.events
    .flatMap((e) =>
      eventDates(e).map(([field, date]) => {
        const what = field === 'date' ? '' : ` ${field}`;
        return { date, text: `${describeEvent(e)}${what}${e.planned ? ' (planned)' : ''}` };
      }),
    )
    .sort((a, b) => (a.date === b.date ? a.text.localeCompare(b.text) : a.date < b.date ? -1 : 1));
}

/** A lifecycle step: the stage to move to, and the date it happened (YYYY-MM-DD). */
export interface AdvanceStep {
  readonly to: string;
  readonly date: string;
}

/**
 * `governance advance`: a new register with the proposal moved to `step.to` on `step.date`,
 * recorded as a stage-change event. Refuses a step the transition table does not allow
 * (IllegalTransitionError), an unknown stage, or a date before the proposal's last change.
 */
export function governanceAdvance(register: Register, id: string, step: AdvanceStep): Register {
  const p = findProposal(register, id);
  if (!(STAGES as readonly string[]).includes(step.to)) {
    throw new InvalidValueError('stage', step.to, `known stages are ${STAGES.join(', ')}`);
  }
  const to = step.to as Stage;
  const date = parseIsoDate(step.date, 'date');
  checkTransition(p, to);
  const last = [
    p.raised ?? '',
    ...p.events.filter((e) => e.kind === 'stage-change').map((e) => e.date),
  ]
    .sort()
    .at(-1);
  if (last !== undefined && date < last) {
    throw new InvalidValueError('date', date, `${id} last changed on ${last}`);
  }
  const moved: Proposal = {
    ...p,
    stage: to,
    events: [...p.events, { kind: 'stage-change', date, from: p.stage, to }],
  };
  return { ...register, proposals: register.proposals.map((q) => (q.id === id ? moved : q)) };
}

/** `governance report`: the Change Status Report as at a date, in Markdown or HTML. */
export function governanceReport(
  register: Register,
  options: { readonly asOf: string; readonly format: ReportFormat },
): string {
  return renderChangeStatusReport(register, options.asOf, options.format);
}
