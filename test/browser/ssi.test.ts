// End to end in Debian's Chromium (playwright-core): sign in, search a device, open its history, export CSV.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { B, DEVICE, PASSWORD, SECRET, startWorld, type World } from './ssi-world.ts';

const CHROMIUM = process.env['OPENDSP_CHROMIUM'] ?? '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
const ARTIFACTS = new URL('./artifacts/', import.meta.url);

if (!present) {
  console.warn(`browser test skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
}

let world: World;
let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  if (!present) return;
  world = await startWorld();
  profile = await mkdtemp(path.join(os.tmpdir(), 'opendsp-chromium-'));
  // A fresh profile each run: Playwright takes --user-data-dir as this argument.
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    acceptDownloads: true,
    viewport: { width: 1366, height: 768 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 60_000);

afterAll(async () => {
  if (!present) return;
  await context.close();
  await world.close();
  await rm(profile, { recursive: true, force: true });
});

describe.skipIf(!present)(`the SSI in Chromium (${CHROMIUM})`, () => {
  it('signs in, searches a device, opens its history and exports CSV', async () => {
    const page = await context.newPage();
    await page.goto(`${world.base}/ssi`);
    await expect.poll(() => page.url()).toContain('/login');

    await page.getByLabel('Email address').fill('alice@alpha.example');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/ssi$/);
    expect(await page.locator('h1').textContent()).toBe('Dashboard');

    // Keyboard: the first Tab reaches the skip link.
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Skip to main content');

    await page.getByRole('link', { name: 'Search the audit trail' }).click();
    await page.getByLabel('Device ID').fill(DEVICE);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/ssi\/search\?/);
    expect(await page.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);

    await page.locator('tbody').getByRole('link', { name: DEVICE }).first().click();
    await page.waitForURL(new RegExp(`/ssi/devices/${DEVICE}`));
    const history = (await page.locator('main').textContent()) ?? '';
    expect(history).toContain('Import Supplier');
    expect(history).not.toContain(B);
    expect(history).not.toContain(SECRET);
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({
      path: path.join(ARTIFACTS.pathname, 'device-history.png'),
      fullPage: true,
    });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download as CSV' }).click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    expect(download.suggestedFilename()).toMatch(/^audit-trail-.*\.csv$/);
    expect(csv.split('\r\n')[0]).toContain('key,time,kind');
    expect(csv).toContain(DEVICE);
    expect(csv).not.toContain(B);
    await page.close();
  });
});
