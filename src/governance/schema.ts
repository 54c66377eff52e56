// Schemas of the Modification Register data file; the register's types are inferred from them.
import { z } from 'zod';
import { PATHS, STAGES } from './lifecycle.ts';

/** A day (YYYY-MM-DD), or a month (YYYY-MM) where the source gives only the month. */
const when = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'expected YYYY-MM-DD or YYYY-MM');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const common = {
  /** True for a date the source gives as planned or expected, not yet happened. */
  planned: z.boolean().optional(),
  note: z.string().optional(),
};

/** The party categories that vote at the Change Board (SEC D8). */
export const VOTE_CATEGORIES = [
  'large-supplier',
  'small-supplier',
  'electricity-network',
  'gas-network',
  'other-sec-party',
  'consumer',
] as const;

/** SEC Party categories a modification's report marks as impacted (plus the DCC). */
export const PARTY_CATEGORIES = [
  ...VOTE_CATEGORIES.filter((c) => c !== 'consumer'),
  'dcc',
] as const;

const eventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('milestone'), date: when, text: z.string().min(1), ...common }),
  z.object({ kind: z.literal('csc-decision'), date: when, decision: z.string().min(1), ...common }),
  z.object({ kind: z.literal('working-group'), date: when, ...common }),
  z.object({
    kind: z.literal('consultation'),
    type: z.enum(['refinement', 'modification-report', 'request-for-information']),
    opens: when,
    closes: when.optional(),
    responses: z.number().int().nonnegative().optional(),
    ...common,
  }),
  z.object({
    kind: z.literal('assessment'),
    type: z.enum(['PA', 'IA']),
    requested: when.optional(),
    accepted: day.optional(),
    targetWorkingDays: z.number().int().positive().optional(),
    returned: when.optional(),
    /** The current duration the source prints for an open assessment, kept for the fidelity test. */
    printedDuration: z.number().int().nonnegative().optional(),
    ...common,
  }),
  z.object({
    kind: z.literal('change-board-vote'),
    date: when,
    outcome: z.enum([
      'approved',
      'rejected',
      'recommended-approval',
      'recommended-rejection',
      'sent-back',
      'impact-assessment-approved',
    ]),
    votes: z
      .array(
        z.object({
          category: z.enum(VOTE_CATEGORIES),
          for: z.number().int().nonnegative(),
          against: z.number().int().nonnegative(),
          abstain: z.number().int().nonnegative(),
        }),
      )
      .optional(),
    ...common,
  }),
  /** A lifecycle step applied to the register (by `governanceAdvance`). */
  z.object({
    kind: z.literal('stage-change'),
    date: day,
    from: z.enum(STAGES),
    to: z.enum(STAGES),
    ...common,
  }),
  z.object({
    kind: z.literal('authority-decision'),
    date: when,
    outcome: z.enum(['approved', 'rejected', 'sent-back']),
    ...common,
  }),
]);

/** When a modification is implemented, as its Modification Report recommends. */
const implementationSchema = z.discriminatedUnion('kind', [
  /** A release if approved on or before `decidedBy`, otherwise the fallback. */
  z.object({
    kind: z.literal('release-if-decided-by'),
    options: z.array(z.object({ decidedBy: day, release: z.string().min(1) })).min(1),
    fallback: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('release'), release: z.string().min(1), decidedBy: day }),
      z.object({ kind: z.literal('working-days-after-approval'), days: z.number().int() }),
    ]),
  }),
  /** A fixed date the source does not give, assumed by opendsp; `basis` says why. */
  z.object({ kind: z.literal('assumed'), date: day, basis: z.string().min(1) }),
]);

const proposalSchema = z.object({
  id: z
    .string()
    .regex(/^(DP\d{3}|MP\d{3}[A-Z]?|SECMP\d{4})$/, 'expected DPnnn, MPnnn or SECMPnnnn'),
  title: z.string().min(1).nullable(),
  proposer: z.string().min(1).nullable(),
  organisation: z.string().min(1).nullable(),
  raised: day.nullable(),
  path: z.enum(PATHS).nullable(),
  stage: z.enum(STAGES),
  /** True when the source does not state the stage and it is inferred (e.g. from an open assessment). */
  stageInferred: z.boolean().optional(),
  status: z.string().optional(),
  targetRelease: z.string().optional(),
  implementedIn: z.string().optional(),
  implementation: implementationSchema.optional(),
  /** SEC Party categories its Modification Report marks as impacted; absent where not given. */
  partiesImpacted: z.array(z.enum(PARTY_CATEGORIES)).optional(),
  events: z.array(eventSchema),
});

const releaseSchema = z.object({ id: z.string().min(1), name: z.string().min(1), date: day });
const meetingSchema = z.object({
  body: z.enum(['Working Group', 'Change Board', 'Change Sub-Committee', 'Panel']),
  date: day,
  ...common,
});

/** The register file: releases and proposals. */
export const registerFileSchema = z.object({
  version: z.string(),
  asOf: day,
  source: z.string(),
  releases: z.array(releaseSchema),
  meetings: z.array(meetingSchema),
  proposals: z.array(proposalSchema),
});

/** A dated event on a proposal. */
export type ProposalEvent = z.infer<typeof eventSchema>;
/** The implementation-date rule of a modification. */
export type ImplementationRule = z.infer<typeof implementationSchema>;
/** One Draft or Modification Proposal. */
export type Proposal = z.infer<typeof proposalSchema>;
/** A SEC Release. */
export type Release = z.infer<typeof releaseSchema>;
/** The Modification Register. */
export type Register = z.infer<typeof registerFileSchema>;
