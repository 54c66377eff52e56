// The Modification Proposal lifecycle as an explicit transition table (SEC Section D).
import { IllegalTransitionError } from '../core/errors.ts';

/** Every lifecycle stage a Draft or Modification Proposal can be in. */
export const STAGES = [
  'raised',
  'development',
  'conversion',
  'refinement',
  'report',
  'change-board',
  'sent-back',
  'authority',
  'approved',
  'rejected',
  'pending-implementation',
  'implemented',
  'withdrawn',
  'deferred',
] as const;
/** One lifecycle stage. */
export type Stage = (typeof STAGES)[number];

/** The routes a modification can take to a decision (SEC D2.7 and D4). */
export const PATHS = [
  'Authority-led',
  'Authority-determined',
  'Self-Governance',
  'Fast-Track',
  'Urgent',
] as const;
/** One modification path. */
export type ModificationPath = (typeof PATHS)[number];

/** The report phases the Change Status Report groups stages into. */
export type Phase = 'Define' | 'Refine' | 'Opine' | 'Decision' | 'Release' | 'Closed';

const WITHDRAWABLE: readonly Stage[] = ['withdrawn', 'deferred'];

/** Allowed next stages; Change Board and Authority steps depend on the path, see `allowedSteps`. */
const TRANSITIONS: Readonly<Record<Stage, readonly Stage[]>> = {
  raised: ['development', ...WITHDRAWABLE],
  development: ['conversion', ...WITHDRAWABLE],
  // The Panel converts a Draft Proposal; the CSC may send it straight to the Report Phase.
  conversion: ['refinement', 'report', 'development', ...WITHDRAWABLE],
  refinement: ['report', ...WITHDRAWABLE],
  report: ['change-board', 'refinement', ...WITHDRAWABLE],
  'change-board': ['approved', 'rejected', 'authority', 'sent-back'],
  // Sent back by the Change Board or the Authority for clarification or more refinement.
  'sent-back': ['refinement', 'report', 'change-board', 'withdrawn'],
  authority: ['approved', 'rejected', 'sent-back'],
  approved: ['pending-implementation'],
  rejected: [],
  'pending-implementation': ['implemented'],
  implemented: [],
  withdrawn: [],
  // A deferred (on hold) proposal resumes where the work left off.
  deferred: ['development', 'refinement', 'withdrawn'],
};

/** True when the Authority, not the Change Board, decides (Fast-Track is decided by the Panel). */
export function needsAuthority(path: ModificationPath): boolean {
  return path === 'Authority-led' || path === 'Authority-determined' || path === 'Urgent';
}

/** The stages a proposal on `path` may move to from `from`. */
export function allowedSteps(from: Stage, path: ModificationPath | null): readonly Stage[] {
  const all = TRANSITIONS[from];
  if (from !== 'change-board' || path === null) return all;
  const authority = needsAuthority(path);
  return all.filter((s) => (authority ? s !== 'approved' && s !== 'rejected' : s !== 'authority'));
}

/** Refuses a step the table does not allow, naming the proposal, both stages and what is allowed. */
export function checkTransition(
  subject: { readonly id: string; readonly stage: Stage; readonly path: ModificationPath | null },
  to: Stage,
): void {
  const allowed = allowedSteps(subject.stage, subject.path);
  if (!allowed.includes(to)) {
    throw new IllegalTransitionError(subject.id, subject.stage, to, allowed);
  }
}

/** The Change Status Report section a stage belongs to. */
export function phaseOf(stage: Stage): Phase {
  switch (stage) {
    case 'raised':
    case 'development':
    case 'conversion':
      return 'Define';
    case 'refinement':
    case 'deferred':
      return 'Refine';
    case 'report':
    case 'change-board':
    case 'sent-back':
      return 'Opine';
    case 'authority':
    case 'approved':
      return 'Decision';
    case 'pending-implementation':
      return 'Release';
    case 'rejected':
    case 'implemented':
    case 'withdrawn':
      return 'Closed';
  }
}
