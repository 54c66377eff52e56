import { describe, expect, it } from 'vitest';
import { SMI_STATUSES } from '../core/devices.ts';
import { IllegalTransitionError } from '../core/errors.ts';
import { SMI_TRANSITIONS, assertTransition, canTransition } from './lifecycle.ts';

describe('SMI status lifecycle', () => {
  it('has a row for every status and only names known statuses', () => {
    expect(Object.keys(SMI_TRANSITIONS).sort()).toEqual([...SMI_STATUSES].sort());
    for (const targets of Object.values(SMI_TRANSITIONS)) {
      for (const t of targets) expect(SMI_STATUSES).toContain(t);
    }
  });

  it('walks the install path Pending → Whitelisted → InstalledNotCommissioned → Commissioned', () => {
    expect(canTransition('Pending', 'Whitelisted')).toBe(true);
    expect(canTransition('Whitelisted', 'InstalledNotCommissioned')).toBe(true);
    expect(canTransition('InstalledNotCommissioned', 'Commissioned')).toBe(true);
    expect(canTransition('Commissioned', 'Decommissioned')).toBe(true);
  });

  it('treats Decommissioned and Withdrawn as final', () => {
    for (const status of SMI_STATUSES) {
      expect(canTransition('Decommissioned', status)).toBe(false);
      expect(canTransition('Withdrawn', status)).toBe(false);
    }
  });

  it('refuses a skipped step with a message naming the device, both statuses and the allowed steps', () => {
    expect(() => {
      assertTransition('00-DB-12-34-56-78-90-A0', 'Pending', 'Commissioned');
    }).toThrow(IllegalTransitionError);
    expect(() => {
      assertTransition('00-DB-12-34-56-78-90-A0', 'Pending', 'Commissioned');
    }).toThrow(
      'device 00-DB-12-34-56-78-90-A0: cannot go from Pending to Commissioned; from Pending the allowed steps are Whitelisted, InstalledNotCommissioned, Withdrawn',
    );
    expect(() => {
      assertTransition('X', 'Decommissioned', 'Commissioned');
    }).toThrow('none (it is final)');
  });

  it('does not allow staying in the same status as a transition', () => {
    for (const status of SMI_STATUSES) expect(canTransition(status, status)).toBe(false);
  });
});
