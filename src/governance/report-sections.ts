// The Define, Refine, Opine and Release sections of the Change Status Report.
import { averageDuration, type AppendixA } from './appendix-a.ts';
import { compareWhen } from './load-register.ts';
import {
  eventsInMonth,
  listOr,
  longDate,
  named,
  para,
  type Block,
  type Section,
} from './report-model.ts';
import type { Register } from './schema.ts';

/** Define: new Draft Proposals raised in the month, and the CSC's decisions. */
export function defineSection(register: Register, a: AppendixA): Section {
  const raised = register.proposals.filter((p) => p.raised?.startsWith(a.reportMonth));
  const blocks: Block[] = [{ kind: 'heading', text: 'New Draft Proposals' }];
  if (raised.length === 0) blocks.push(para('No Draft Proposals were raised this month.'));
  for (const p of raised) {
    const by =
      p.proposer === null
        ? ''
        : ` by ${p.proposer}${p.organisation ? ` of ${p.organisation}` : ''}`;
    blocks.push(para(`${named(p)} was raised${by} on ${longDate(p.raised ?? '')}.`));
  }
  blocks.push({ kind: 'heading', text: 'Change Sub-Committee decisions' });
  const decisions = new Map<string, string[]>();
  for (const { proposal, event } of eventsInMonth(register, 'csc-decision', a.reportMonth)) {
    decisions.set(event.decision, [...(decisions.get(event.decision) ?? []), named(proposal)]);
  }
  if (decisions.size === 0) blocks.push(para('The CSC made no decisions this month.'));
  for (const [decision, items] of decisions) {
    blocks.push(para(`${decision}:`), { kind: 'list', items });
  }
  return { title: 'Define', blocks };
}

/** Refine: Working Group meetings, Refinement Consultations, IA requests and DCC timescales. */
export function refineSection(register: Register, a: AppendixA): Section {
  const wgs = register.meetings.filter((m) => m.body === 'Working Group');
  const last = wgs.filter((m) => m.date <= a.asOf && m.planned !== true).at(-1);
  const next = wgs.find((m) => m.date > a.asOf);
  const blocks: Block[] = [{ kind: 'heading', text: 'Working Group meetings' }];
  if (last) {
    const on = register.proposals.filter((p) =>
      p.events.some((e) => e.kind === 'working-group' && e.date === last.date),
    );
    blocks.push(
      para(
        `The last monthly Working Group meeting was held on ${longDate(last.date)}, and included:`,
      ),
    );
    blocks.push(listOr(on.map(named), 'No modifications.'));
  }
  if (next)
    blocks.push(
      para(
        `The next monthly Working Group meeting will be held on ${longDate(next.date)}.${next.note ? ` ${next.note}.` : ''}`,
      ),
    );
  const consultations = register.proposals.flatMap((p) =>
    p.events.flatMap((e) =>
      e.kind === 'consultation' && e.type === 'refinement' ? [{ p, e }] : [],
    ),
  );
  const open = consultations.filter(
    ({ e }) =>
      e.planned !== true &&
      compareWhen(e.opens, a.asOf) <= 0 &&
      (e.closes === undefined || compareWhen(e.closes, a.asOf) >= 0),
  );
  const expected = consultations.filter(
    ({ e }) => e.planned === true && compareWhen(e.opens, a.asOf) >= 0,
  );
  blocks.push({ kind: 'heading', text: 'Refinement Consultations' });
  blocks.push(
    listOr(
      open.map(({ p }) => named(p)),
      'There are currently no Modification Proposals out for Refinement Consultation.',
    ),
  );
  if (expected.length > 0) {
    blocks.push(para('Refinement Consultations expected to be issued:'), {
      kind: 'list',
      items: expected.map(({ p, e }) => `${named(p)} (${longDate(e.opens)})`),
    });
  }
  const requested = register.proposals.filter((p) =>
    p.events.some(
      (e) => e.kind === 'assessment' && e.type === 'IA' && e.requested?.startsWith(a.reportMonth),
    ),
  );
  blocks.push({ kind: 'heading', text: 'Impact Assessment requests' });
  blocks.push(
    listOr(
      requested.map(named),
      `No Impact Assessments were requested in ${longDate(a.reportMonth)}.`,
    ),
  );
  blocks.push({ kind: 'heading', text: 'DCC Assessment timescales' });
  const pa = averageDuration(a.open, 'PA');
  const ia = averageDuration(a.open, 'IA');
  blocks.push(
    para(
      `Open Preliminary Assessments: ${a.open.filter((r) => r.type === 'PA').length} (average ${pa ?? '–'} WD); open Impact Assessments: ${a.open.filter((r) => r.type === 'IA').length} (average ${ia ?? '–'} WD). See Appendix A.`,
    ),
  );
  return { title: 'Refine', blocks };
}

/** Opine: Modification Report Consultations, Change Board votes and Authority decisions. */
export function opineSection(register: Register, a: AppendixA): Section {
  const mrc = register.proposals.filter((p) =>
    p.events.some(
      (e) =>
        e.kind === 'consultation' &&
        e.type === 'modification-report' &&
        e.planned !== true &&
        compareWhen(e.opens, a.asOf) <= 0 &&
        (e.closes === undefined || compareWhen(e.closes, a.asOf) >= 0),
    ),
  );
  const votes = eventsInMonth(register, 'change-board-vote', a.reportMonth);
  const decisions = eventsInMonth(register, 'authority-decision', a.reportMonth);
  const withAuthority = register.proposals.filter((p) => p.stage === 'authority');
  return {
    title: 'Opine',
    blocks: [
      { kind: 'heading', text: 'Modification Report Consultations' },
      listOr(
        mrc.map(named),
        'There are no Modification Proposals currently out for Modification Report Consultation.',
      ),
      { kind: 'heading', text: 'Change Board votes' },
      listOr(
        votes.map(
          ({ proposal, event }) =>
            `${named(proposal)}: ${event.outcome.replace(/-/g, ' ')} on ${longDate(event.date)}${event.note ? ` (${event.note})` : ''}`,
        ),
        'The Change Board voted on no modifications this month.',
      ),
      { kind: 'heading', text: 'Authority decisions' },
      listOr(
        decisions.map(({ proposal, event }) => `${named(proposal)}: ${event.outcome}`),
        'There were no Authority decisions in the last month.',
      ),
      ...(withAuthority.length > 0
        ? [
            para('Currently with the Authority for decision:'),
            { kind: 'list', items: withAuthority.map(named) } as Block,
          ]
        : []),
    ],
  };
}

/** Release: the modifications approved for each coming SEC Release. */
export function releaseSection(register: Register, a: AppendixA): Section {
  const blocks: Block[] = [];
  for (const r of register.releases.filter((x) => x.date > a.asOf)) {
    const mods = register.proposals.filter(
      (p) =>
        p.targetRelease === r.id &&
        (p.stage === 'approved' || p.stage === 'pending-implementation'),
    );
    if (mods.length > 0) {
      blocks.push(para(`Approved for implementation in the ${r.name} (${longDate(r.date)}):`), {
        kind: 'list',
        items: mods.map(named),
      });
    }
  }
  return {
    title: 'Release',
    blocks:
      blocks.length > 0
        ? blocks
        : [para('No modifications are approved for a coming SEC Release.')],
  };
}
