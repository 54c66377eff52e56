// Governance: the SEC Modification Register, its lifecycle, DCC assessments and the Change Status Report.
export {
  averageDuration,
  computeAppendixA,
  type AppendixA,
  type AssessmentRow,
} from './appendix-a.ts';
export {
  governanceAdvance,
  governanceList,
  governanceReport,
  governanceShow,
  timelineOf,
  type AdvanceStep,
  type ListFilter,
} from './cli.ts';
export {
  decisionDate,
  findProposal,
  implementationDate,
  type ImplementationDate,
} from './implementation-date.ts';
export {
  PATHS,
  STAGES,
  allowedSteps,
  checkTransition,
  needsAuthority,
  phaseOf,
  type ModificationPath,
  type Phase,
  type Stage,
} from './lifecycle.ts';
export {
  DEFAULT_REGISTER_PATH,
  checkRegister,
  loadRegister,
  parseRegister,
} from './load-register.ts';
export {
  buildChangeStatusReport,
  renderChangeStatusReport,
  type ReportFormat,
} from './render-report.ts';
export {
  loadRegisterFor,
  registerFileOf,
  rulesInForceFor,
  saveRegisterFor,
} from './register-file.ts';
export { renderChangeStatusReportPdf } from './render-pdf.ts';
export { rulesFromRegister } from './rules-from-register.ts';
export { PARTY_CATEGORIES } from './schema.ts';
export type { ImplementationRule, Proposal, ProposalEvent, Register, Release } from './schema.ts';
