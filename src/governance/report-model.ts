// The Change Status Report as a format-neutral document: sections of paragraphs, lists and tables.
import { averageDuration, computeAppendixA, type AppendixA } from './appendix-a.ts';
import { phaseOf, type Phase } from './lifecycle.ts';
import type { Proposal, ProposalEvent, Register } from './schema.ts';

/** A block of report content. */
export type Block =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | {
      readonly kind: 'table';
      readonly head: readonly string[];
      readonly rows: readonly string[][];
    };

/** A numbered section of the report. */
export interface Section {
  readonly title: string;
  readonly blocks: readonly Block[];
}

/** The whole report. */
export interface ReportDocument {
  readonly title: string;
  readonly asOf: string;
  readonly sections: readonly Section[];
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2020-02-07` as `7 February 2020`, `2020-01` as `January 2020`. */
export function longDate(when: string): string {
  const month = MONTHS[Number(when.slice(5, 7)) - 1] ?? when;
  const year = when.slice(0, 4);
  return when.length === 10 ? `${Number(when.slice(8))} ${month} ${year}` : `${month} ${year}`;
}

/** `MP097 ‘Improving SMETS2 …’`, or the bare reference when the title is not known. */
export function named(p: Proposal): string {
  return p.title === null ? p.id : `${p.id} ‘${p.title}’`;
}

/** Paragraph helper. */
export const para = (text: string): Block => ({ kind: 'paragraph', text });
/** List helper: a paragraph saying there are none when empty. */
export const listOr = (items: string[], none: string): Block =>
  items.length === 0 ? para(none) : { kind: 'list', items };

/** Events of one kind in the report month, with their proposal. */
export function eventsInMonth<K extends ProposalEvent['kind']>(
  register: Register,
  kind: K,
  month: string,
): { proposal: Proposal; event: Extract<ProposalEvent, { kind: K }> }[] {
  return register.proposals.flatMap((proposal) =>
    proposal.events.flatMap((e) =>
      e.kind === kind && 'date' in e && e.date.startsWith(month) && e.planned !== true
        ? [{ proposal, event: e as Extract<ProposalEvent, { kind: K }> }]
        : [],
    ),
  );
}

function summary(register: Register, appendix: AppendixA): Section {
  const phases: Phase[] = ['Define', 'Refine', 'Opine', 'Decision', 'Release'];
  const counts = phases.map((ph) =>
    String(register.proposals.filter((p) => phaseOf(p.stage) === ph).length),
  );
  const conversion = register.proposals.filter(
    (p) => p.stage === 'conversion' && p.status === undefined,
  );
  const reports = register.proposals.filter((p) => p.stage === 'report');
  const approved = eventsInMonth(register, 'change-board-vote', appendix.reportMonth)
    .filter((v) => v.event.outcome === 'approved')
    .map((v) => `${named(v.proposal)}${v.proposal.path ? ` (${v.proposal.path})` : ''}`);
  const authority = eventsInMonth(register, 'authority-decision', appendix.reportMonth).map(
    (d) => `${named(d.proposal)}: ${d.event.outcome}`,
  );
  return {
    title: 'Summary',
    blocks: [
      para('Proposals currently in each stage'),
      { kind: 'table', head: phases, rows: [counts] },
      { kind: 'heading', text: 'Draft Proposals for conversion' },
      listOr(
        conversion.map(named),
        'There are no Draft Proposals being presented to the Panel for conversion this month.',
      ),
      { kind: 'heading', text: 'Modification Reports' },
      listOr(
        reports.map(named),
        'There are no Modification Reports being presented to the Panel this month.',
      ),
      { kind: 'heading', text: 'Decisions' },
      listOr([...approved, ...authority], 'There were no decisions this month.'),
    ],
  };
}

function appendixSection(a: AppendixA): Section {
  const avg = (n: number | null): string => (n === null ? '–' : `${n} WD`);
  const cell = (n: number | null): string => (n === null ? '–' : `${n} WD`);
  return {
    title: 'Appendix A: DCC Preliminary Assessments and Impact Assessments',
    blocks: [
      para(
        `Durations in working days after the accepted date, up to and including ${longDate(a.asOf)}.`,
      ),
      {
        kind: 'table',
        head: ['Assessment', 'Total', 'Average duration'],
        rows: [
          [
            'Preliminary Assessments open',
            String(a.open.filter((r) => r.type === 'PA').length),
            avg(averageDuration(a.open, 'PA')),
          ],
          [
            `Preliminary Assessments completed during ${a.financialYear}`,
            String(a.completedInYear.filter((r) => r.type === 'PA').length),
            avg(averageDuration(a.completedInYear, 'PA')),
          ],
          [
            'Impact Assessments open',
            String(a.open.filter((r) => r.type === 'IA').length),
            avg(averageDuration(a.open, 'IA')),
          ],
          [
            `Impact Assessments completed during ${a.financialYear}`,
            String(a.completedInYear.filter((r) => r.type === 'IA').length),
            avg(averageDuration(a.completedInYear, 'IA')),
          ],
        ],
      },
      { kind: 'heading', text: 'Open Assessments' },
      {
        kind: 'table',
        head: ['Modification', 'Type', 'Accepted', 'Target duration', 'Current duration'],
        rows: a.open.map((r) => [
          r.proposal,
          r.type,
          longDate(r.accepted ?? ''),
          cell(r.targetWorkingDays),
          cell(r.duration),
        ]),
      },
      { kind: 'heading', text: `Assessments completed during ${a.financialYear}` },
      {
        kind: 'table',
        head: ['Modification', 'Type', 'Returned', 'Target duration', 'Actual duration'],
        rows: a.completedInYear.map((r) => [
          r.proposal,
          r.type,
          longDate(r.returned ?? ''),
          cell(r.targetWorkingDays),
          cell(r.duration),
        ]),
      },
      { kind: 'heading', text: `Assessments completed in ${longDate(a.reportMonth)}` },
      listOr(
        a.completedInMonth.map((r) => `${r.proposal} ${r.type}`),
        'None.',
      ),
    ],
  };
}

/** The summary section and Appendix A; the phase sections come from report-sections.ts. */
export function frameSections(
  register: Register,
  asOf: string,
): { summary: Section; appendix: Section; data: AppendixA } {
  const data = computeAppendixA(register, asOf);
  return { summary: summary(register, data), appendix: appendixSection(data), data };
}
