// The one registry of opendsp error codes, and the typed errors that carry them.

/** Every error code opendsp raises, with its HTTP status and a one-line meaning. */
export const ERROR_CODES = {
  INVALID_VALUE: { status: 400, meaning: 'A field holds a value that is not allowed.' },
  NOT_FOUND: { status: 404, meaning: 'The thing asked for does not exist (or is not visible).' },
  ILLEGAL_TRANSITION: {
    status: 409,
    meaning: 'A lifecycle step that the transition table does not allow.',
  },
  CONFLICT: { status: 409, meaning: 'The change clashes with what is already stored.' },
  DATA_FILE: {
    status: 500,
    meaning: 'A bundled data file (catalogue, register, definitions) is missing or invalid.',
  },
  STORAGE: { status: 503, meaning: 'The database could not be reached or refused the operation.' },
  BAD_REQUEST: { status: 400, meaning: 'The HTTP request could not be read.' },
  TOO_LARGE: { status: 413, meaning: 'The HTTP body is over the size limit.' },
  REQUEST_TIMEOUT: {
    status: 408,
    meaning: 'The request did not arrive in full within the time allowed.',
  },
  HEADERS_TOO_LARGE: { status: 431, meaning: 'The HTTP headers are over the size limit.' },
  INTERNAL: { status: 500, meaning: 'An unexpected failure; the server log has the detail.' },
  // DUIS refusals DUIS handles before response codes (schema, signature, replay: fact sheet (b));
  // the statuses are opendsp's assumption, since DCC Boxed's own answer is not public.
  DUIS_INVALID: {
    status: 400,
    meaning: 'A DUIS message that is not readable or breaks the DUIS schema; names the element.',
  },
  DUIS_SIGNATURE: {
    status: 401,
    meaning: 'A DUIS message whose signature is missing or does not verify.',
  },
  DUIS_SIGNER: {
    status: 401,
    meaning: "A DUIS message signed by a certificate not registered to the RequestID's originator.",
  },
  DUIS_REPLAY: {
    status: 409,
    meaning: "A DUIS RequestID whose counter is not above the originator's last one.",
  },
  UNAUTHENTICATED: { status: 401, meaning: 'No valid session (SSI) or signature (DUIS pull).' },
  LOGIN_FAILED: { status: 401, meaning: 'The email or password is not right (never says which).' },
  LOGIN_INCOMPLETE: { status: 400, meaning: 'A sign-in without an email or a password.' },
  CSRF_REFUSED: { status: 403, meaning: "A form without this session's CSRF token." },
  FORBIDDEN: { status: 403, meaning: "The person's SSI roles do not allow this." },
  LOCKED: { status: 423, meaning: 'Signing in is paused after too many failures.' },
  RATE_LIMITED: { status: 429, meaning: 'Too many sign-in attempts from one address.' },
} as const;

/** A stable error code from {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Base of every error opendsp raises on purpose; `code` is stable, `message` is for people. */
export class OpendspError extends Error {
  readonly code: ErrorCode;
  readonly status: number;

  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.status = ERROR_CODES[code].status;
  }
}

/** Shows a value in a message: strings quoted, long values cut, nothing multi-line. */
export function showValue(value: unknown): string {
  let text: string;
  if (value === undefined) text = 'nothing';
  // JSON would write NaN and Infinity as null, throw on bigints and skip symbols and functions.
  else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'symbol') {
    text = value.toString();
  } else if (typeof value === 'function') text = `function ${value.name || '(anonymous)'}`;
  else {
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch {
      json = undefined; // a circular structure
    }
    text = json ?? Object.prototype.toString.call(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** A field holds a value that is not allowed; the message names the field, the value and why. */
export class InvalidValueError extends OpendspError {
  readonly field: string;
  readonly value: unknown;
  readonly reason: string;

  constructor(field: string, value: unknown, reason: string) {
    super('INVALID_VALUE', `${field}: ${showValue(value)} is not valid: ${reason}`);
    this.field = field;
    this.value = value;
    this.reason = reason;
  }
}

/** The thing asked for does not exist. */
export class NotFoundError extends OpendspError {
  readonly entity: string;
  readonly key: string;

  constructor(entity: string, key: string) {
    super('NOT_FOUND', `${entity} ${showValue(key)} was not found`);
    this.entity = entity;
    this.key = key;
  }
}

/** A lifecycle step that the transition table refuses. */
export class IllegalTransitionError extends OpendspError {
  readonly subject: string;
  readonly from: string;
  readonly to: string;

  // eslint-disable-next-line max-params -- kept for its callers; each argument is named in the message
  constructor(subject: string, from: string, to: string, allowed: readonly string[]) {
    const next = allowed.length > 0 ? allowed.join(', ') : 'none (it is final)';
    super(
      'ILLEGAL_TRANSITION',
      `${subject}: cannot go from ${from} to ${to}; from ${from} the allowed steps are ${next}`,
    );
    this.subject = subject;
    this.from = from;
    this.to = to;
  }
}

/** The change clashes with stored data (a duplicate key, an overlapping period). */
export class ConflictError extends OpendspError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

/** A bundled or user-supplied data file is missing or invalid; names the file and the place. */
export class DataFileError extends OpendspError {
  readonly file: string;
  readonly problems: readonly string[];

  constructor(file: string, problems: readonly string[], options?: ErrorOptions) {
    const shown = problems.slice(0, 20).map((p) => `  - ${p}`);
    if (problems.length > 20) shown.push(`  ... and ${problems.length - 20} more`);
    super('DATA_FILE', `${file} is invalid:\n${shown.join('\n')}`, options);
    this.file = file;
    this.problems = problems;
  }
}

/** The database could not be reached or refused the operation; names the target. */
export class StorageError extends OpendspError {
  readonly target: string;

  constructor(target: string, message: string, options?: ErrorOptions) {
    super('STORAGE', `${target}: ${message}`, options);
    this.target = target;
  }
}
