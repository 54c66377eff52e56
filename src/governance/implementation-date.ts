// Implementation dates from a modification's rule and its decision date (e.g. MP141, MP176).
import { addWorkingDays } from '../core/calendar.ts';
import { parseIsoDate } from '../core/clock.ts';
import { NotFoundError } from '../core/errors.ts';
import type { Proposal, Register } from './schema.ts';

/** A resolved implementation date and where it comes from. */
export interface ImplementationDate {
  readonly date: string;
  /** The SEC Release id, when the date is a release. */
  readonly release: string | null;
  readonly basis: string;
}

/** Finds a proposal by id or throws NotFoundError. */
export function findProposal(register: Register, id: string): Proposal {
  const found = register.proposals.find((p) => p.id === id);
  if (!found) throw new NotFoundError('Proposal', id);
  return found;
}

/** The date of the latest approval: a Change Board approval or an Authority approval. */
export function decisionDate(proposal: Proposal): string | null {
  const approvals = proposal.events.flatMap((e) =>
    (e.kind === 'change-board-vote' || e.kind === 'authority-decision') &&
    e.outcome === 'approved' &&
    e.date.length === 10
      ? [e.date]
      : [],
  );
  return approvals.sort().at(-1) ?? null;
}

function releaseDate(register: Register, id: string, basis: string): ImplementationDate {
  const release = register.releases.find((r) => r.id === id);
  if (!release) throw new NotFoundError('SEC Release', id);
  return { date: release.date, release: id, basis: `${release.name}; ${basis}` };
}

/**
 * The implementation date of a modification, from its rule and its decision date (or
 * `decidedOn` for what-if runs); null when it is not decided or the decision is out of window.
 */
export function implementationDate(
  register: Register,
  id: string,
  decidedOn?: string,
): ImplementationDate | null {
  const p = findProposal(register, id);
  const rule = p.implementation;
  const decided = decidedOn === undefined ? decisionDate(p) : parseIsoDate(decidedOn, 'decidedOn');
  if (rule?.kind === 'assumed') return { date: rule.date, release: null, basis: rule.basis };
  if (decided === null) return null;
  if (rule === undefined) {
    return p.targetRelease === undefined
      ? null
      : releaseDate(register, p.targetRelease, `target release, approved ${decided}`);
  }
  const options = [...rule.options].sort((a, b) => a.decidedBy.localeCompare(b.decidedBy));
  const option = options.find((o) => decided <= o.decidedBy);
  if (option) {
    return releaseDate(register, option.release, `approved ${decided}, by ${option.decidedBy}`);
  }
  const fallback = rule.fallback;
  switch (fallback.kind) {
    case 'release':
      return decided <= fallback.decidedBy
        ? releaseDate(register, fallback.release, `approved ${decided}, by ${fallback.decidedBy}`)
        : null;
    case 'working-days-after-approval':
      return {
        date: addWorkingDays(decided, fallback.days),
        release: null,
        basis: `${fallback.days} working days after approval on ${decided}`,
      };
  }
}
