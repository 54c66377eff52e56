// The SMI status lifecycle as an explicit transition table.
import type { SmiStatus } from '../core/devices.ts';
import { IllegalTransitionError } from '../core/errors.ts';

/**
 * Allowed SMI status steps. DUIS names the statuses but publishes no transition table; this
 * one follows the operations that move a device (12.2 pre-notification → Pending; 8.11 adds it
 * to a CHF's device log → Whitelisted; 8.14.x / install → InstalledNotCommissioned; 8.1.1 →
 * Commissioned; 8.3 → Decommissioned; 8.4 withdraws; DCC suspends and restores; Recovery after
 * a security event). Decommissioned and Withdrawn are final.
 */
export const SMI_TRANSITIONS: Readonly<Record<SmiStatus, readonly SmiStatus[]>> = {
  Pending: ['Whitelisted', 'InstalledNotCommissioned', 'Withdrawn'],
  Whitelisted: ['Pending', 'InstalledNotCommissioned', 'Withdrawn', 'Decommissioned'],
  InstalledNotCommissioned: ['Commissioned', 'Decommissioned', 'Withdrawn', 'Suspended'],
  Commissioned: ['Decommissioned', 'Suspended', 'Recovery'],
  Suspended: ['Commissioned', 'InstalledNotCommissioned', 'Decommissioned'],
  Recovery: ['Recovered', 'Decommissioned'],
  Recovered: ['Commissioned', 'Decommissioned'],
  Decommissioned: [],
  Withdrawn: [],
};

/** True when the lifecycle allows going from `from` to `to`. */
export function canTransition(from: SmiStatus, to: SmiStatus): boolean {
  return SMI_TRANSITIONS[from].includes(to);
}

/** Throws IllegalTransitionError naming the device and the allowed steps unless allowed. */
export function assertTransition(deviceId: string, from: SmiStatus, to: SmiStatus): void {
  if (!canTransition(from, to)) {
    throw new IllegalTransitionError(`device ${deviceId}`, from, to, SMI_TRANSITIONS[from]);
  }
}

/** Statuses in which a device takes part in the HAN and can receive device Service Requests. */
export const ACTIVE_STATUSES: readonly SmiStatus[] = [
  'InstalledNotCommissioned',
  'Commissioned',
  'Recovered',
];
