// JSON Schemas of the SSI API (OpenAPI 3): query parameters, title and record shapes, errors.
import { AUDIT_KINDS, AUDIT_OUTCOMES } from '../../audit/records.ts';
import { SEARCH_PAGE } from './search-query.ts';

const text = (description: string, example?: string) =>
  ({ type: 'string', description, ...(example ? { examples: [example] } : {}) }) as const;
const nullable = (description: string) => ({ type: ['string', 'null'], description }) as const;

/** Query parameters of a search (all text; checked by the same parser as the pages). */
export const searchQuerySchema = {
  type: 'object',
  properties: {
    deviceId: text('Business Target device (EUI-64)', '00-DB-12-34-56-78-90-A0'),
    mpxn: text('MPAN core (13 digits) or MPRN'),
    requestId: text('DUIS RequestID'),
    srv: text('Service Reference Variant', '8.8.1'),
    from: text('Start (YYYY-MM-DD or ISO 8601 time), inclusive', '2026-01-01'),
    to: text('End (YYYY-MM-DD inclusive, or an ISO 8601 time, exclusive)', '2026-01-31'),
    outcome: { type: 'string', enum: [...AUDIT_OUTCOMES], description: 'Outcome' },
    limit: text(`Records per page, 1 to ${SEARCH_PAGE.max} (default ${SEARCH_PAGE.default})`),
    after: text('The `next` cursor of the previous page'),
  },
} as const;

/** Query parameters of a device history page. */
export const pageQuerySchema = {
  type: 'object',
  properties: {
    limit: searchQuerySchema.properties.limit,
    after: searchQuerySchema.properties.after,
  },
} as const;

/** One record's title: what MP141 allows; the originator shown by User Role only. */
export const titleSchema = {
  type: 'object',
  required: ['key', 'id', 'kind', 'at', 'outcome', 'visibility'],
  properties: {
    key: text('Record key for /api/v1/records/{key}'),
    id: text('Audit record ID'),
    kind: { type: 'string', enum: [...AUDIT_KINDS] },
    at: { type: 'string', format: 'date-time' },
    requestId: nullable("DUIS RequestID (another User's ID in it is masked)"),
    deviceId: nullable('Business Target device'),
    mpxn: nullable('Supply point at the time of the record'),
    serviceReference: nullable('Service Reference'),
    srv: nullable('Service Reference Variant'),
    srvName: nullable('SRV name'),
    code: nullable('Response or alert code'),
    outcome: { type: 'string', enum: [...AUDIT_OUTCOMES] },
    originatorRole: nullable("User Role of the request's originator"),
    roundTripMs: { type: ['number', 'null'] },
    visibility: {
      type: 'string',
      enum: ['full', 'title'],
      description: '`full`: one of your own records',
    },
  },
} as const;

/** One of the organisation's own records in full (H8.16(b)). */
export const recordSchema = {
  type: 'object',
  required: titleSchema.required,
  properties: {
    ...titleSchema.properties,
    originatorId: nullable('Originator User ID when it is yours'),
    recipientId: nullable('Recipient User ID when it is yours'),
    format: { type: ['string', 'null'], enum: ['xml', 'json', null] },
    payload: nullable('The message exactly as sent or received'),
    metadata: { type: 'object', additionalProperties: true },
  },
} as const;

/** A page of titles. */
export const pageSchema = {
  type: 'object',
  required: ['records', 'next'],
  properties: {
    records: { type: 'array', items: titleSchema },
    next: { type: ['string', 'null'], description: 'Cursor of the next page; null at the end' },
  },
} as const;

/** Every error reply. */
export const errorSchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { type: 'string' }, message: { type: 'string' } },
} as const;

/** Error replies every API route may give. */
export const errorResponses = {
  400: { description: 'Malformed parameters', ...errorSchema },
  401: { description: 'Not signed in, or the session is unknown or expired', ...errorSchema },
  403: { description: 'Your SSI role does not allow this', ...errorSchema },
} as const;
