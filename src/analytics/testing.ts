// A small hand-built month (May 2023) whose report figures are worked out by hand in the tests.
import type { AuditRecord } from '../audit/records.ts';
import type { Eui64 } from '../core/eui64.ts';
import { mpanWithCheckDigit, type Mpxn } from '../core/mpxn.ts';
import type { UserRole } from '../core/roles.ts';
import type { DccUser, Device, Registration } from '../inventory/types.ts';
import type { Store } from '../store/port.ts';

const uid = (n: number): Eui64 =>
  `90-B3-D5-1F-30-00-01-${n.toString(16).toUpperCase().padStart(2, '0')}` as Eui64;
const did = (n: number): Eui64 =>
  `00-0D-6F-00-00-00-00-${n.toString(16).toUpperCase().padStart(2, '0')}` as Eui64;

/** The fixture's Users: party A..D and a network operator N, a gas transporter G. */
export const U = {
  A_IS: uid(0x01),
  B_IS: uid(0x02),
  C_IS: uid(0x03),
  D_IS: uid(0x04),
  A_GS: uid(0x11),
  A_ES: uid(0x21),
  B_ES: uid(0x22),
  N_ED: uid(0x31),
  G_GT: uid(0x41),
} as const;

const USER_ROWS: [Eui64, UserRole, string][] = [
  [U.A_IS, 'ImportSupplier', 'AAA'],
  [U.B_IS, 'ImportSupplier', 'BBB'],
  [U.C_IS, 'ImportSupplier', 'CCC'],
  [U.D_IS, 'ImportSupplier', 'DDD'],
  [U.A_GS, 'GasSupplier', 'AAA'],
  [U.A_ES, 'ExportSupplier', 'AAA'],
  [U.B_ES, 'ExportSupplier', 'BBB'],
  [U.N_ED, 'ElectricityDistributor', 'NNN'],
  [U.G_GT, 'GasTransporter', 'GGG'],
];

/** Supply points m1..m6 and their ESMEs e1..e6. */
export const M = [1, 2, 3, 4, 5, 6].map((i) => mpanWithCheckDigit(`12000000000${i}`)) as Mpxn[];
export const E = [1, 2, 3, 4, 5, 6].map(did);

const LONG_AGO = new Date('2020-01-01T00:00:00Z');
/** When party B gains m5 from party A (Change of Supplier, mid-month). */
export const COS_AT = new Date('2023-05-15T12:00:00Z');

function devices(): Device[] {
  return E.map((id, i) => ({
    id,
    type: 'ESME',
    manufacturer: 'Acme Meters',
    model: 'E-100',
    firmwareVersion: i === 5 ? '2.0' : '1.0',
    smets: i === 4 ? 'SMETS1' : 'SMETS2',
    region: 12,
    mpxn: M[i] ?? null,
    status: 'Commissioned',
    statusSince: LONG_AGO,
  }));
}

function registrations(): Registration[] {
  const r = (
    mpxn: Mpxn | undefined,
    holder: [Registration['role'], Eui64],
    span: [Date, Date | null] = [LONG_AGO, null],
  ): Registration => ({
    mpxn: mpxn as Mpxn,
    role: holder[0],
    userId: holder[1],
    from: span[0],
    to: span[1],
  });
  return [
    r(M[0], ['ImportSupplier', U.A_IS]),
    r(M[1], ['ImportSupplier', U.B_IS]),
    r(M[2], ['ImportSupplier', U.C_IS]),
    r(M[3], ['ImportSupplier', U.D_IS]),
    r(M[4], ['ImportSupplier', U.A_IS], [LONG_AGO, COS_AT]),
    r(M[4], ['ImportSupplier', U.B_IS], [COS_AT, null]),
    r(M[5], ['ImportSupplier', U.A_IS]),
    r(M[0], ['ExportSupplier', U.A_ES]),
    r(M[1], ['ExportSupplier', U.B_ES]),
    ...M.map((m) => r(m, ['ElectricityDistributor', U.N_ED])),
  ];
}

interface Draft {
  kind: AuditRecord['kind'];
  at: Date;
  requestId: string | null;
  deviceId: Eui64;
  mpxn: Mpxn;
  srv: string | null;
  code: string | null;
  outcome: AuditRecord['outcome'];
  originatorRole: UserRole | null;
  roundTripMs: number | null;
  originatorId: Eui64 | null;
  recipientId: Eui64 | null;
}

const ROLE_OF = new Map(USER_ROWS.map(([id, role]) => [id, role]));
let counter = 0;

/** A request, its I99 and its outcome: a response with `code` (I0 by default) or an N13 alert. */
function exchange(
  sender: Eui64,
  device: number,
  step: { srv: string; at: string; rtt: number; code?: string },
): Draft[] {
  const { srv, at } = step;
  const sent = new Date(at);
  const done = new Date(sent.getTime() + step.rtt);
  const code = step.code ?? 'I0';
  const base = {
    requestId: `${sender}:${E[device - 1]}:${++counter}`,
    deviceId: E[device - 1] as Eui64,
    mpxn: M[device - 1] as Mpxn,
    srv,
    originatorRole: ROLE_OF.get(sender) ?? null,
    originatorId: sender,
  };
  return [
    {
      ...base,
      kind: 'request',
      at: sent,
      code: null,
      outcome: 'pending',
      roundTripMs: null,
      recipientId: null,
    },
    {
      ...base,
      kind: 'acknowledgement',
      at: new Date(sent.getTime() + 5),
      code: 'I99',
      outcome: 'pending',
      roundTripMs: null,
      recipientId: sender,
    },
    {
      ...base,
      kind: code === 'N13' ? 'alert' : 'response',
      at: done,
      code,
      outcome: code === 'I0' ? 'success' : 'failure',
      roundTripMs: step.rtt,
      recipientId: sender,
    },
  ];
}

function alertTo(recipient: Eui64, device: number, alert: { code: string; at: string }): Draft {
  const { code } = alert;
  return {
    kind: 'alert',
    at: new Date(alert.at),
    requestId: null,
    deviceId: E[device - 1] as Eui64,
    mpxn: M[device - 1] as Mpxn,
    srv: null,
    code,
    outcome: 'success',
    originatorRole: null,
    roundTripMs: 2000,
    originatorId: null,
    recipientId: recipient,
  };
}

/** The month's traffic; the tests' comments work each figure out from these lines. */
function drafts(): Draft[] {
  counter = 0;
  return [
    // Meter Reads (4.6.1), Import Suppliers. A: RTTs 1000 / 3000 / 8000 and one failure.
    ...exchange(U.A_IS, 1, { srv: '4.6.1', at: '2023-04-30T23:30:00Z', rtt: 1000 }), // 00:30 BST on 1 May
    ...exchange(U.A_IS, 1, { srv: '4.6.1', at: '2023-05-01T10:00:00Z', rtt: 3000 }),
    ...exchange(U.A_IS, 1, { srv: '4.6.1', at: '2023-05-02T10:00:00Z', rtt: 8000 }),
    ...exchange(U.A_IS, 1, { srv: '4.6.1', at: '2023-05-02T11:00:00Z', rtt: 200, code: 'E13' }),
    ...exchange(U.A_IS, 1, { srv: '4.6.1', at: '2023-05-31T23:30:00Z', rtt: 5000 }), // 1 June in the UK
    // B: RTTs 1000 / 2000 / 6000 / 9000 and one N13 (no response).
    ...exchange(U.B_IS, 2, { srv: '4.6.1', at: '2023-05-03T08:00:00Z', rtt: 1000 }),
    ...exchange(U.B_IS, 2, { srv: '4.6.1', at: '2023-05-03T09:00:00Z', rtt: 2000 }),
    ...exchange(U.B_IS, 2, { srv: '4.6.1', at: '2023-05-04T09:00:00Z', rtt: 6000 }),
    ...exchange(U.B_IS, 2, { srv: '4.6.1', at: '2023-05-04T10:00:00Z', rtt: 9000 }),
    ...exchange(U.B_IS, 2, { srv: '4.6.1', at: '2023-05-05T10:00:00Z', rtt: 60000, code: 'N13' }),
    // C: 500 / 1500. D: 2000.
    ...exchange(U.C_IS, 3, { srv: '4.6.1', at: '2023-05-06T10:00:00Z', rtt: 500 }),
    ...exchange(U.C_IS, 3, { srv: '4.6.1', at: '2023-05-07T10:00:00Z', rtt: 1500 }),
    ...exchange(U.D_IS, 4, { srv: '4.6.1', at: '2023-05-09T10:00:00Z', rtt: 2000 }),
    // Read Registers (4.1.1): only A (two successes) and B (one failure).
    ...exchange(U.A_IS, 1, { srv: '4.1.1', at: '2023-05-10T10:00:00Z', rtt: 1000 }),
    ...exchange(U.A_IS, 1, { srv: '4.1.1', at: '2023-05-11T10:00:00Z', rtt: 1000 }),
    ...exchange(U.B_IS, 2, { srv: '4.1.1', at: '2023-05-12T10:00:00Z', rtt: 1000, code: 'E13' }),
    // Installs by A: two before the month (Easter Monday and a Saturday), one on 20 May.
    ...exchange(U.A_IS, 6, { srv: '8.14.1', at: '2023-04-10T09:00:00Z', rtt: 100 }),
    ...exchange(U.A_IS, 6, { srv: '4.6.1', at: '2023-04-20T09:00:00Z', rtt: 1000 }), // read 10 days after
    ...exchange(U.A_IS, 5, { srv: '8.14.1', at: '2023-04-02T09:00:00Z', rtt: 100 }), // a Sunday; no read in 30 days
    ...exchange(U.A_IS, 6, { srv: '8.14.1', at: '2023-05-20T09:00:00Z', rtt: 100 }), // window still open
    // Change of Supplier: B gains m5 at 12:00 on 15 May. N (the DNO) read it on 10 May.
    ...exchange(U.N_ED, 5, { srv: '4.6.1', at: '2023-05-10T09:00:00Z', rtt: 1000 }),
    ...exchange(U.B_IS, 5, { srv: '6.23', at: '2023-05-15T13:00:00Z', rtt: 4000 }),
    ...exchange(U.B_IS, 5, { srv: '1.1.1', at: '2023-05-16T09:00:00Z', rtt: 3000 }), // CoS gain context
    ...exchange(U.B_IS, 2, { srv: '1.1.1', at: '2023-05-20T09:00:00Z', rtt: 3000 }), // routine: Tariff Updates
    // Network-operator alerts to N.
    alertTo(U.N_ED, 1, { code: 'N999', at: '2023-05-05T10:00:00Z' }),
    alertTo(U.N_ED, 1, { code: '8F35', at: '2023-05-05T11:00:00Z' }),
    alertTo(U.N_ED, 3, { code: 'N999', at: '2023-05-20T10:00:00Z' }), // never restored
    alertTo(U.N_ED, 1, { code: 'N16', at: '2023-04-28T10:00:00Z' }),
    alertTo(U.N_ED, 1, { code: 'N42', at: '2023-05-02T10:00:00Z' }), // 4 days after: within 7
    alertTo(U.N_ED, 2, { code: 'N16', at: '2023-05-10T10:00:00Z' }),
    alertTo(U.N_ED, 2, { code: 'N42', at: '2023-05-20T10:00:00Z' }), // 10 days after: late
    alertTo(U.N_ED, 2, { code: 'N16', at: '2023-05-28T10:00:00Z' }), // window still open at the month's end
  ];
}

/** The fixture's audit records, with IDs increasing with time. */
export function fixtureRecords(): AuditRecord[] {
  return drafts()
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((d, i) => ({
      ...d,
      id: BigInt(i + 1),
      serviceReference: d.srv ? d.srv.split('.').slice(0, 2).join('.') : null,
      srvName: null,
      payload: null,
      format: null,
      metadata: {},
    }));
}

/** Fills an empty, migrated store with the fixture. */
export async function seedFixture(store: Store): Promise<void> {
  const users: DccUser[] = USER_ROWS.map(([userId, role, partyId]) => ({
    userId,
    role,
    partyId,
    partyName: `Party ${partyId}`,
  }));
  await store.insertUsers(users);
  await store.insertDevices(devices());
  await store.insertRegistrations(registrations());
  await store.appendAudit(fixtureRecords());
}
