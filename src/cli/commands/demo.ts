// `opendsp demo`: the main job on the embedded default: seed an estate, run a month of traffic
// across MP178's implementation date, and show what the estate and the audit trail hold.
import path from 'node:path';
import { createInventory } from '../../inventory/index.ts';
import { generateEstate } from '../../workload/estate.ts';
import { buildMarket } from '../../workload/parties.ts';
import type { Context } from '../context.ts';
import { withStore } from '../context.ts';
import { partyNames, renderLookup, renderStats } from '../format.ts';
import { seedCommand } from './seed.ts';
import { simulateCommand } from './simulate.ts';
import { addPerson, createOrganisationAdmin } from '../../web/ssi/accounts.ts';
import { failureMultiplier, loadIncidents } from '../../analytics/incidents.ts';
import { parseReportMonth } from '../../analytics/month.ts';
import { loadCatalogue } from '../../catalogue/index.ts';
import { writeMonthTrail } from '../../workload/month-trail.ts';
import { analyticsCommand } from './report.ts';
import { loadRules } from '../../rules/index.ts';

const DEMO_DEVICES = 10_000;
const DEMO_SEED = 2026;
/** The estate as it stood in the month before the one its Customer Analytics Reports cover. */
const DEMO_AS_OF = '2023-06-15T00:00:00Z';
/**
 * The demo's month of traffic starts two weeks before MP178 took effect (27 June 2024, the June
 * 2024 SEC Release, in the register), so it straddles the date: unjoins refused with E080801
 * before it, not after.
 */
function mp178MonthFrom(): string {
  const date = loadRules().rule('MP178.unjoin-without-smi-join-check').effectiveFrom;
  if (date === null) return DEMO_AS_OF;
  return new Date(Date.parse(`${date}T00:00:00Z`) - 14 * 86_400_000).toISOString();
}
const DEMO_DAYS = 30;
/** The month the demo's Customer Analytics Reports cover (written by the month-trail generator). */
const DEMO_REPORT_MONTH = '2023-05';
/** A demo SSI account for Brightwater Energy (demo data only; the password is printed). */
const DEMO_ACCOUNT = {
  org: 'BWE',
  orgName: 'Brightwater Energy',
  domain: 'brightwater.example',
  password: 'opendsp-demo-only',
} as const;

/** Picks a device whose supply point has had a Change of Supplier, to show its history. */
function interestingDeviceId(): string | undefined {
  const first = generateEstate({
    devices: 2_000,
    seed: DEMO_SEED,
    market: buildMarket(),
    asOf: new Date(DEMO_AS_OF),
  }).next();
  if (first.done) return undefined;
  const changed = first.value.registrations.find(
    (r) => r.role === 'ImportSupplier' && r.to !== null,
  );
  return first.value.devices.find((d) => d.type === 'ESME' && d.mpxn === changed?.mpxn)?.id;
}

/** Runs `opendsp demo` in `<data-dir>/demo`, replacing any earlier demo data. */
export async function demoCommand(context: Context): Promise<void> {
  const demo: Context = {
    ...context,
    dataDir: path.join(context.dataDir, 'demo'),
    databaseUrl: undefined,
  };
  context.out(
    `opendsp demo: a synthetic estate of ${DEMO_DEVICES.toLocaleString('en-GB')} devices in ${demo.dataDir}\n`,
  );
  await seedCommand(demo, {
    devices: String(DEMO_DEVICES),
    seed: String(DEMO_SEED),
    asOf: DEMO_AS_OF,
    fresh: true,
  });
  await withStore(demo, async (store) => {
    context.out(`\n${renderStats(await store.inventoryStats(), store.location)}`);
    const id = interestingDeviceId();
    if (id) {
      const inventory = createInventory({ store });
      context.out(
        `\nA device whose supply point changed supplier:\n\n${renderLookup(await inventory.lookup(id), new Date(DEMO_AS_OF), await partyNames(store))}`,
      );
    }
  });
  const mp178From = mp178MonthFrom();
  context.out(
    `\nA month of Service Requests from ${mp178From.slice(0, 10)}, across MP178's implementation date, through the DSP pipeline:\n`,
  );
  await simulateCommand(demo, {
    days: String(DEMO_DAYS),
    rate: '0.6',
    seed: String(DEMO_SEED),
    from: mp178From,
  });
  // The Self Service Interface shows the last three months (H8.16(b)): add a recent month too.
  const recent = new Date(Date.now() - DEMO_DAYS * 86_400_000).toISOString().slice(0, 10);
  context.out(`\nThe last ${DEMO_DAYS} days (from ${recent}), for the Self Service Interface:\n`);
  await simulateCommand(demo, {
    days: String(DEMO_DAYS),
    rate: '0.2',
    seed: String(DEMO_SEED + 1),
    from: recent,
  });
  const reportMonth = parseReportMonth(DEMO_REPORT_MONTH);
  context.out(
    `\n${reportMonth.title} for the Customer Analytics Reports (MP176): installs, Changes of Supplier, power outages and network alerts as well as ordinary traffic:`,
  );
  await withStore(demo, async (store) => {
    const trail = await writeMonthTrail({
      store,
      estate: await store.loadEstate(),
      catalogue: loadCatalogue(),
      seed: DEMO_SEED,
      from: reportMonth.from,
      to: reportMonth.to,
      rate: 0.4,
      // The incident register's incidents show in the traffic as they do in the reports.
      incidents: loadIncidents().map((i) => ({ ...i, failureMultiplier: failureMultiplier(i) })),
    });
    context.out(
      `${trail.records.toLocaleString('en-GB')} audit records: ${trail.requests.toLocaleString('en-GB')} Service Requests, ${trail.installs.toLocaleString('en-GB')} installs, ${trail.cosGains.toLocaleString('en-GB')} Changes of Supplier.\n`,
    );
  });
  await analyticsCommand(demo, { month: DEMO_REPORT_MONTH, user: DEMO_ACCOUNT.org });
  await withStore(demo, async (store) => {
    await createOrganisationAdmin({
      store,
      organisation: { id: DEMO_ACCOUNT.org, name: DEMO_ACCOUNT.orgName },
      admin: {
        name: 'Demo Administrator',
        email: `admin@${DEMO_ACCOUNT.domain}`,
        password: DEMO_ACCOUNT.password,
      },
    });
    await addPerson({
      store,
      person: {
        organisationId: DEMO_ACCOUNT.org,
        name: 'Demo Analyst',
        email: `analyst@${DEMO_ACCOUNT.domain}`,
        password: DEMO_ACCOUNT.password,
        roles: ['viewer', 'senior-responsible-officer'],
      },
    });
  });
  context.out(
    [
      '',
      'Next:',
      `  npx opendsp inventory show <device-id|mpxn> --data-dir ${demo.dataDir}`,
      `  npx opendsp serve --data-dir ${demo.dataDir}     (the DSP over HTTP and the Self Service Interface)`,
      `  then sign in at http://127.0.0.1:8400/login as analyst@${DEMO_ACCOUNT.domain} with the demo password "${DEMO_ACCOUNT.password}"`,
      `  (its Downloads page holds ${DEMO_ACCOUNT.orgName}'s Customer Analytics Reports)`,
      `  npx opendsp report analytics --month ${DEMO_REPORT_MONTH} --data-dir ${demo.dataDir}     (every party's reports)`,
    ].join('\n'),
  );
}
