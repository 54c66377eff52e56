// The public API of src/audit: Service Audit Trail records, their writer and the outbox worker.
export { AUDIT_ID_EPOCH_MS, auditIdTime, createAuditIdSource } from './ids.ts';
export type { AuditIdSource, AuditIdSourceOptions } from './ids.ts';
export type { NewOutboxMessage, OutboxFailure, OutboxMessage } from './outbox-message.ts';
export { createDeliveryWorker, DEFAULT_BACKOFF, retryDelay } from './outbox.ts';
export type {
  BackoffPolicy,
  DeliveryRound,
  DeliveryWorker,
  DeliveryWorkerOptions,
  SendResult,
} from './outbox.ts';
export {
  AUDIT_KINDS,
  AUDIT_OUTCOMES,
  auditRecordProblems,
  headerOf,
  malformedRecord,
  titleOf,
} from './records.ts';
export type {
  AuditFormat,
  AuditHeader,
  AuditKind,
  AuditOutcome,
  AuditRecord,
  AuditTitle,
  JsonValue,
} from './records.ts';
export { createAuditWriter } from './writer.ts';
export type { AuditWriter, AuditWriterOptions } from './writer.ts';
