import { describe, expect, it } from 'vitest';
import { ERROR_CODES, InvalidValueError, type ErrorCode } from '../core/errors.ts';
import { DUIS_REFUSAL_REASONS, HTTP_REFUSAL_REASONS, loadCatalogue } from './index.ts';

const catalogue = loadCatalogue();

// Every SRV that MP176 Table 1 (seed 004) names for Customer Analytics Reporting.
const MP176_TABLE_1 = [
  '8.11', '6.21', '8.1.1', '8.7.2', '6.20.1', '1.1.1', '6.8', '8.14.1', '8.7.1', '8.14.2',
  '6.23', '3.2', '1.2.1', '1.6', '2.1', '2.2', '2.3', '6.15.2', '6.17', '11.1', '11.3', '8.14.3',
  '8.14.4', '6.15.1', '6.5', '6.22', '4.6.1', '4.6.2', '4.8.1', '4.8.2', '4.8.3', '4.10', '4.17',
  '4.1.1', '4.1.2', '4.1.3', '4.2', '4.12.1', '4.12.2', '4.15', '4.16', '5.1', '5.2', '5.3',
  '6.2.2', '6.2.4', '6.2.7', '6.13', '7.4', '8.2', '11.2', '6.18.1', '6.18.2', '7.7', '7.14',
  '7.15', '4.4.2', '6.27', '8.4', '12.1', '12.2',
]; // prettier-ignore

describe('the bundled catalogue', () => {
  it('holds every SRV, response code and DCC alert code of DUIS 5.4', () => {
    expect(catalogue.allSrvs()).toHaveLength(129);
    expect(catalogue.allResponseCodes()).toHaveLength(194);
    expect(catalogue.allAlerts().filter((a) => a.kind === 'dcc-alert')).toHaveLength(66);
    expect(() => catalogue.alert('N32')).toThrow(InvalidValueError);
  });

  it('is loaded once and frozen', () => {
    expect(loadCatalogue()).toBe(catalogue);
    const srv = catalogue.srv('8.8.1');
    expect(Object.isFrozen(srv)).toBe(true);
    expect(Object.isFrozen(srv.eligibleRoles)).toBe(true);
  });

  it('has every SRV that MP176 Table 1 names', () => {
    const missing = MP176_TABLE_1.filter((ref) => catalogue.findSrv(ref) === undefined);
    expect(missing).toEqual([]);
  });

  it('makes 8.8.1 critical for Import and Gas Suppliers only', () => {
    const srv = catalogue.srv('8.8.1');
    expect(srv).toMatchObject({ critical: true, kind: 'on-demand', serviceReference: '8.8' });
    expect(srv.eligibleRoles).toEqual(['ImportSupplier', 'GasSupplier']);
    expect(srv.commandVariants).toEqual([4, 5, 6, 7]);
    expect(catalogue.isEligible('8.8.1', 'OtherUser')).toBe(false);
  });

  it('makes 8.8.2 non-critical for Import and Gas Suppliers and Other Users', () => {
    const srv = catalogue.srv('8.8.2');
    expect(srv.critical).toBe(false);
    expect(srv.eligibleRoles).toEqual(['ImportSupplier', 'GasSupplier', 'OtherUser']);
    expect(srv.commandVariants).toEqual([1, 2, 3]);
    expect(catalogue.ownership('8.8.2', 'ImportSupplier')).toBe('responsible-supplier');
    expect(catalogue.ownership('8.8.2', 'OtherUser')).toBe('any-eligible');
  });

  it('makes 8.2 Read Inventory a non-device SRV open to all seven User Roles', () => {
    const srv = catalogue.srv('8.2');
    expect(srv).toMatchObject({ kind: 'non-device', commandVariants: [8], targetDeviceTypes: [] });
    expect(srv.eligibleRoles).toHaveLength(7);
    expect(Object.values(srv.ownership)).toEqual(Array(7).fill('any-eligible'));
  });

  it('gives network operators a network-operator ownership check on 4.1.1', () => {
    expect(catalogue.ownership('4.1.1', 'ElectricityDistributor')).toBe('network-operator');
    expect(catalogue.ownership('4.1.1', 'OtherUser')).toBeUndefined();
  });

  it('keeps SRVs with no eligible role in the matrix, with a note', () => {
    for (const ref of ['7.16', '8.5', '8.6']) {
      expect(catalogue.srv(ref).eligibleRoles).toEqual([]);
      expect(catalogue.srv(ref).eligibleRolesNote).toMatch(/no eligible User Role/);
    }
  });

  it('places E080801 under Service Reference 8.8 with the DUIS text from MP178', () => {
    const code = catalogue.responseCode('E080801');
    expect(code).toMatchObject({ serviceReference: '8.8', severity: 'error' });
    expect(code.description).toMatch(/'Other Device' is not joined to the Business TargetID/);
    expect(catalogue.responseCode('W081401').severity).toBe('warning');
    expect(catalogue.responseCode('E1')).toMatchObject({
      serviceReference: null,
      descriptionKnown: true,
    });
    expect(catalogue.responseCode('E1').description).toMatch(
      /^Failed Authorisation – invalid User \/ User Role/,
    );
    expect(catalogue.responseCode('E31')).toMatchObject({ description: null });
  });

  it('answers every DUIS refusal with a response code whose DUIS text is known', () => {
    for (const reason of DUIS_REFUSAL_REASONS) {
      const refusal = catalogue.rejectionCode(reason);
      const code = catalogue.responseCode(refusal.code);
      expect(code.descriptionKnown).toBe(true);
      expect(refusal.meaning).toBe(code.description);
    }
    expect(catalogue.rejectionCode('join-not-found').code).toBe('E080801');
  });

  it('answers every other refusal at the HTTP level with a registry code and an assumption', () => {
    for (const reason of HTTP_REFUSAL_REASONS) {
      const refusal = catalogue.httpRefusal(reason);
      expect(ERROR_CODES[refusal.error as ErrorCode].status).toBe(refusal.status);
      expect(refusal.assumption).toBeTruthy();
    }
  });

  it('knows the alert facts of the sources', () => {
    expect(catalogue.alert('N13').meaning).toBe('Failure to receive Response from Device');
    expect(catalogue.alert('N2')).toMatchObject({ meaning: null, meaningKnown: false });
    expect(catalogue.alert('0x8095').audience).toEqual(['ElectricityDistributor']);
    const codes = catalogue.srv('8.11').raisesAlerts.map((a) => a.code);
    expect(codes).toEqual(expect.arrayContaining(['N24', '8F12']));
    expect(catalogue.srv('1.1.1').raisesAlerts.map((a) => a.code)).toContain('8F67');
    const { powerOutage, powerRestoration } = catalogue.powerEvents;
    expect(powerOutage).toMatchObject({ dccAlertCode: null, opendspChoice: true });
    expect(powerRestoration.deviceAlertCodes).toHaveLength(8);
  });

  it('names near matches when an SRV is not found', () => {
    expect(() => catalogue.srv('8.8.3')).toThrow(/did you mean 8\.8\.1, 8\.8\.2/);
  });

  it('leaves Target Response Times unset unless config gives them', () => {
    expect(catalogue.srv('8.2').targetResponseTime.seconds).toBeNull();
    const configured = loadCatalogue(undefined, { targetResponseTimes: { '8.2': 30 } });
    expect(configured.srv('8.2').targetResponseTime.seconds).toBe(30);
    expect(() => loadCatalogue(undefined, { targetResponseTimes: { '9.9.9': 1 } })).toThrow(
      InvalidValueError,
    );
  });
});
