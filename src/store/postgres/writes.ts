// Bulk writes with COPY FROM STDIN, one stream per batch inside the caller's transaction.
//
// Measured on 1M devices against a local server, COPY and a multi-row INSERT over unnest()
// arrays ran at the same speed (~145k rows/s); COPY is kept for its flat memory use and no
// limit on batch size.
import type { DccUser, Device, HanJoin, Registration } from '../../inventory/types.ts';
import { copyText, copyTextOrNull, copyTime, toPgId } from './codec.ts';
import type { Transaction } from './session.ts';

/** Copies DCC Users. */
export async function copyUsers(tx: Transaction, users: readonly DccUser[]): Promise<void> {
  if (users.length === 0) return;
  const lines = users.map(
    (u) => `${toPgId(u.userId)}\t${u.role}\t${copyText(u.partyId)}\t${copyText(u.partyName)}\n`,
  );
  await tx.copy('users', 'user_id, role, party_id, party_name', lines);
}

/** Copies devices. */
export async function copyDevices(tx: Transaction, devices: readonly Device[]): Promise<void> {
  if (devices.length === 0) return;
  const lines = devices.map(
    (d) =>
      `${toPgId(d.id)}\t${d.statusSince.toISOString()}\t${d.type}\t${d.smets}\t${d.status}\t` +
      `${d.region}\t${copyTextOrNull(d.mpxn)}\t${copyText(d.manufacturer)}\t` +
      `${copyText(d.model)}\t${copyText(d.firmwareVersion)}\n`,
  );
  await tx.copy(
    'devices',
    'device_id, status_since, type, smets, status, region, mpxn, manufacturer, model, firmware_version',
    lines,
  );
}

/** Copies HAN joins. */
export async function copyJoins(tx: Transaction, joins: readonly HanJoin[]): Promise<void> {
  if (joins.length === 0) return;
  const lines = joins.map(
    (j) =>
      `${toPgId(j.deviceId)}\t${toPgId(j.targetId)}\t${copyTime(j.joinedAt)}\t${copyTime(j.unjoinedAt)}\n`,
  );
  await tx.copy('han_joins', 'device_id, target_id, joined_at, unjoined_at', lines);
}

/** Copies registrations. */
export async function copyRegistrations(
  tx: Transaction,
  registrations: readonly Registration[],
): Promise<void> {
  if (registrations.length === 0) return;
  const lines = registrations.map(
    (r) =>
      `${toPgId(r.userId)}\t${copyTime(r.from)}\t${copyTime(r.to)}\t${r.role}\t${copyText(r.mpxn)}\n`,
  );
  await tx.copy('registrations', 'user_id, valid_from, valid_to, role, mpxn', lines);
}
