// Conformance with Smart DCC's own tools: real DUIS templates signed by their signing tool with
// DCC Boxed's ZAZ1 User key, answered by opendsp, parsed by duis-parser and verified by the tool.
import { spawnSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { BoxedKeyStore, KeyUsage } from '@smartdcc/dccboxed-keystore';
import {
  isSimplifiedDuisOutputResponse,
  isSimplifiedDuisResponseBody_DCCAlertMessage,
  isSimplifiedDuisResponseBody_DeviceAlertMessage,
  isSimplifiedDuisResponseBody_ResponseMessage,
  parseDuis,
} from '@smartdcc/duis-parser';
import { signDuis, validateDuis } from '@smartdcc/duis-sign-wrap';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Eui64 } from '../src/core/eui64.ts';
import { mpanWithCheckDigit } from '../src/core/mpxn.ts';
import { createKeyPair, type KeyPair } from '../src/dsp/identity.ts';
import type { DccAlertMessage, DeviceAlertMessage } from '../src/dsp/messages.ts';
import { createRenderer } from '../src/dsp/render.ts';
import { openDspRuntime, type DspRuntime } from '../src/dsp/runtime.ts';
import { signXml } from '../src/dsp/signing/index.ts';
import type { Device } from '../src/inventory/types.ts';
import { openStore } from '../src/store/index.ts';
import type { Store } from '../src/store/port.ts';
import { createServer } from '../src/web/server.ts';
import { seedEstate } from '../src/workload/seed.ts';

const require = createRequire(import.meta.url);
const ADMIN = 'smartdcc-tools-admin';
/** DCC Boxed's test User (ZAZ1 PKI), the originator of the RTDS templates. */
const ZAZ1_USER = '90-B3-D5-1F-30-01-00-00' as Eui64;
/** The DCC's own ID in the RTDS templates, which opendsp also uses for its responses. */
const DSP_ID = '90-B3-D5-1F-30-00-00-02' as Eui64;
/** The templates' ESME and a device on its premises; the test adds both to the SMI. */
const TEMPLATE_ESME = '00-DB-12-34-56-78-90-A0' as Eui64;
const TEMPLATE_IHD = '00-DB-12-34-56-78-90-A2' as Eui64;
/**
 * Names the signing tool's certificate library loads from its class path (CertificateLibrary in
 * SmartDCCInnovation/dccboxed-signing-tool): a directory ahead of its jar overrides them, which
 * is how the test gives it the keystore's ZAZ1 User key and opendsp's DSP certificate.
 */
const USER_ENTRY = 'xml-sign-90B3D51F30010000-ds';
const DSP_ENTRY = 'dsp-xml-sign-90B3D51F30000002-ds';
/** Real DUIS templates from @smartdcc/duis-templates (DCC's Reference Test Data Set). */
const TEMPLATES = {
  readRegisters: 'ECS17b_4.1.1_SINGLE_SUCCESS_REQUEST_DUIS.XML',
  readFirmware: 'ECS52_11.2_SUCCESS_REQUEST_DUIS.XML',
  readMpxn: 'ECS40_6.2.7_SINGLE_SUCCESS_REQUEST_DUIS.XML',
  readInventory: '8.2_READ_INVENTORY_REQUEST_DUIS.XML',
  // Targets 00-DB-12-34-56-78-90-A4, which is not in the SMI: DUIS refuses it.
  joinUnknown: 'CS03A2NonCritical_8.7.2_SUCCESS_REQUEST_DUIS.XML',
} as const;

/** Why a tool cannot run here, from a real probe; undefined when it can. */
function javaProblem(): string | undefined {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error) return `java not found (${java.error.message}): the signing tool is a jar`;
  if (java.status !== 0) return `java -version failed: ${java.stderr}`;
  return undefined;
}
const signWrapDir = path.dirname(require.resolve('@smartdcc/duis-sign-wrap'));
const toolJar = path.join(signWrapDir, 'tool.jar');
const toolProblem =
  javaProblem() ??
  (existsSync(toolJar) ? undefined : `the package has no ${toolJar}: it would need a build`);
const templatesDir = path.join(
  path.dirname(require.resolve('@smartdcc/duis-templates/package.json')),
  'templates',
);

let dir: string;
let store: Store;
let dsp: DspRuntime;
let app: FastifyInstance;
let base: string;
let receiver: Server;
let dspKeys: KeyPair;
let classPath: string;
/** The keystore's ZAZ1 User signing key, for opendsp's own signer when the tool cannot run. */
let userKeys: KeyPair;
let lastCounter = 0;
/** Every DUIS message opendsp sent in the test, by kind, as sent (signed XML). */
const sent: { kind: string; xml: string; source: string }[] = [];

/** The route a request goes to: DCC Boxed's URLs once the server has them, else POST /duis. */
function routeFor(xml: string): string {
  const cv = /<sr:CommandVariant>(\d)<\/sr:CommandVariant>/.exec(xml)?.[1];
  const boxed =
    cv === '4'
      ? '/api/v1/serviceT'
      : ['2', '6', '8'].includes(cv ?? '')
        ? '/api/v1/serviceD'
        : '/api/v1/serviceS';
  // DCC Boxed serves serviceS / serviceT / serviceD; opendsp's single POST /duis stands in for
  // them until they exist (the probe is the server's own route table).
  return app.hasRoute({ method: 'POST', url: boxed }) ? boxed : '/duis';
}

/** The kind of a DUIS answer, read from its XML. */
function kindOf(xml: string): string {
  if (xml.includes('DCCAlertMessage')) return 'dcc-alert';
  if (xml.includes('DeviceAlertMessage')) return 'device-alert';
  const code = /<sr:ResponseCode>([^<]+)<\/sr:ResponseCode>/.exec(xml)?.[1] ?? '';
  if (code === 'I99') return 'acknowledgement';
  if (code.startsWith('E')) return 'refusal';
  return /<sr:(GBCSPayload|DSPInventory)\b/.test(xml) ? 'response-with-payload' : 'response';
}

/**
 * Signs a template with the Smart DCC signing tool (a fresh counter: its clock in ms); where the
 * tool cannot run, with opendsp's own XML signer and the same keystore key, so the rest runs.
 */
async function signTemplate(name: string): Promise<string> {
  const xml = await readFile(path.join(templatesDir, name), 'utf8');
  if (toolProblem === undefined) return signDuis({ xml, jarFile: classPath });
  lastCounter = Math.max(lastCounter + 1, Date.now());
  const unsigned = xml
    .replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '')
    .replace(/(<sr:RequestID>[^<]*:)\d+(<\/sr:RequestID>)/, `$1${lastCounter}$2`);
  return signXml(unsigned, userKeys);
}

async function send(signed: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${base}${routeFor(signed)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/xml' },
    body: signed,
  });
  return { status: response.status, text: await response.text() };
}

/** A certificate and key entry for the tool's class path (the key as DER PKCS#8, as it reads). */
async function writeEntry(name: string, certificatePem: string, keyPem: string): Promise<void> {
  const der = createPrivateKey(keyPem).export({ type: 'pkcs8', format: 'der' });
  await writeFile(path.join(dir, 'classpath', `${name}.pem`), certificatePem);
  await writeFile(path.join(dir, 'classpath', `${name}.key`), der);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-smartdcc-'));
  await mkdir(path.join(dir, 'classpath'));
  const seeding = await openStore({ dataDir: dir });
  await seedEstate({
    store: seeding,
    devices: 60,
    seed: 11,
    asOf: new Date('2026-01-01T00:00:00Z'),
  });
  const estate = await seeding.loadEstate();
  const model = estate.devices.find(
    (d) => d.type === 'ESME' && d.status === 'Commissioned' && d.smets === 'SMETS2',
  )!;
  const ihdModel = estate.devices.find((d) => d.type === 'IHD') ?? model;
  const mpan = mpanWithCheckDigit('109999999901');
  const since = new Date('2024-01-01T00:00:00Z');
  await seeding.insertUsers([
    { userId: ZAZ1_USER, role: 'ImportSupplier', partyId: 'ZAZ1', partyName: 'DCC Boxed ZAZ1' },
  ]);
  const added: Device[] = [
    { ...model, id: TEMPLATE_ESME, mpxn: mpan, statusSince: since },
    { ...ihdModel, id: TEMPLATE_IHD, mpxn: mpan, statusSince: since },
  ];
  await seeding.insertDevices(added);
  await seeding.insertRegistrations([
    { mpxn: mpan, role: 'ImportSupplier', userId: ZAZ1_USER, from: since, to: null },
  ]);
  await seeding.close();

  // opendsp's own DSP key; its certificate names the DSP's ID as SMKI XML-signing certificates
  // do (OU=89, x500UniqueIdentifier), which is what the tool's library keys certificates on.
  dspKeys = await createKeyPair({
    subject: `OU=89, 2.5.4.45=#030900${DSP_ID.replaceAll('-', '')}`,
  });
  store = await openStore({ dataDir: dir });
  dsp = await openDspRuntime({ store, identity: dspKeys, seed: 7 });
  app = createServer({ dsp, store, adminToken: ADMIN });
  base = await app.listen({ port: 0, host: '127.0.0.1' });

  // The keystore's ZAZ1 User XML-signing credentials (role 135), from its bundled database only:
  // a role-specific query never asks a DCC Boxed instance, so nothing leaves this machine.
  const keyStore = await BoxedKeyStore.new('127.0.0.1');
  try {
    const query = {
      eui: ZAZ1_USER.replaceAll('-', ''),
      keyUsage: KeyUsage.digitalSignature,
      role: 135,
    };
    const [cert] = (await keyStore.query({ ...query, lookup: 'certificate' })) ?? [];
    const [key] = (await keyStore.query({ ...query, lookup: 'privateKey' })) ?? [];
    if (!cert || !key) throw new Error('the keystore holds no ZAZ1 User XML-signing key');
    userKeys = {
      certificatePem: cert.certificate.toString(),
      privateKeyPem: key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
    await writeEntry(USER_ENTRY, userKeys.certificatePem, userKeys.privateKeyPem);
    const registered = await fetch(`${base}/admin/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
      body: JSON.stringify({
        userId: ZAZ1_USER,
        role: 'IS',
        certificatePem: cert.certificate.toString(),
      }),
    });
    expect(registered.status).toBe(201);
  } finally {
    await keyStore.cleanup();
  }
  // The tool's library wants a key beside each certificate; validation uses only the
  // certificate, so opendsp's entry gets a throwaway key, never the DSP's own.
  const throwaway = await createKeyPair({ subject: 'CN=unused' });
  await writeEntry(DSP_ENTRY, dspKeys.certificatePem, throwaway.privateKeyPem);
  classPath = [path.join(dir, 'classpath'), toolJar].join(path.delimiter);

  // The User's endpoint: Service Responses and Alerts are pushed here.
  receiver = createHttpServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      sent.push({ kind: kindOf(text), xml: text, source: 'push' });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  await dsp.setEndpoint(
    ZAZ1_USER,
    `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/rrs`,
  );
  dsp.startDelivery(20);
}, 30_000);

afterAll(async () => {
  receiver.close();
  await app.close();
  await dsp.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('real DUIS templates → opendsp', () => {
  const signer =
    toolProblem === undefined
      ? 'the Smart DCC signing tool'
      : `opendsp's signer (the Smart DCC signing tool cannot run here: ${toolProblem})`;
  it(`answers templates signed by ${signer} with the ZAZ1 User key, in DUIS`, async () => {
    for (const name of Object.values(TEMPLATES)) {
      const signed = await signTemplate(name);
      expect(signed).toContain('<ds:SignatureValue>');
      const reply = await send(signed);
      sent.push({ kind: kindOf(reply.text), xml: reply.text, source: `answer to ${name}` });
      expect(reply.text, `${name}: ${reply.text.slice(0, 300)}`).toMatch(/<sr:ResponseCode>/);
      if (name === TEMPLATES.joinUnknown) {
        expect(kindOf(reply.text), `${name} targets a device not in the SMI`).toBe('refusal');
      } else {
        expect(kindOf(reply.text), `${name}: ${reply.text.slice(0, 400)}`).not.toBe('refusal');
      }
    }
    // Device Service Responses follow asynchronously, pushed to the User's endpoint.
    const deadline = Date.now() + 8_000;
    while (sent.filter((m) => m.source === 'push').length < 3 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(sent.filter((m) => m.source === 'push').length).toBeGreaterThan(0);
  }, 25_000);
});

describe('opendsp messages in Smart DCC tools', () => {
  /**
   * Alerts the short run may not produce (N13 comes 60 s after an unanswered command; a device
   * alert needs a device that raises one) are rendered and signed by the server's own renderer
   * and DSP key, as the delivery worker sends them.
   */
  beforeAll(() => {
    const renderer = createRenderer({ signXml: (xml) => signXml(xml, dspKeys) });
    const at = new Date();
    const requestId = {
      originator: ZAZ1_USER,
      target: TEMPLATE_ESME,
      counter: BigInt(at.getTime()),
    };
    if (!sent.some((m) => m.kind === 'dcc-alert')) {
      const alert: DccAlertMessage = {
        kind: 'dcc-alert',
        code: 'N13',
        at,
        recipient: ZAZ1_USER,
        deviceId: TEMPLATE_ESME,
        requestId,
        payload: {
          element: 'CommandFailure',
          fields: {
            CommandRequestID: `${ZAZ1_USER}:${TEMPLATE_ESME}:${requestId.counter}`,
            DeviceID: TEMPLATE_ESME,
          },
        },
      };
      sent.push({ kind: 'dcc-alert', xml: renderer.render(alert, 'xml').body, source: 'renderer' });
    }
    if (!sent.some((m) => m.kind === 'device-alert')) {
      const alert: DeviceAlertMessage = {
        kind: 'device-alert',
        code: '8F12',
        at,
        recipient: ZAZ1_USER,
        deviceId: TEMPLATE_ESME,
        requestId,
      };
      sent.push({
        kind: 'device-alert',
        xml: renderer.render(alert, 'xml').body,
        source: 'renderer',
      });
    }
  });

  it('sends every kind of DUIS message: acknowledgement, response with payload, refusal, alerts', () => {
    const kinds = new Set(sent.map((m) => m.kind));
    for (const kind of [
      'acknowledgement',
      'response-with-payload',
      'refusal',
      'dcc-alert',
      'device-alert',
    ])
      expect([...kinds], `no ${kind} among ${sent.length} messages`).toContain(kind);
  });

  it('duis-parser parses every message opendsp sent', () => {
    const problems: string[] = [];
    for (const m of sent) {
      try {
        const parsed = parseDuis('simplified', m.xml);
        if (!isSimplifiedDuisOutputResponse(parsed)) {
          problems.push(`${m.kind} (${m.source}): not a DUIS response to duis-parser`);
          continue;
        }
        const body = parsed.body;
        const fits =
          m.kind === 'dcc-alert'
            ? isSimplifiedDuisResponseBody_DCCAlertMessage(body)
            : m.kind === 'device-alert'
              ? isSimplifiedDuisResponseBody_DeviceAlertMessage(body)
              : isSimplifiedDuisResponseBody_ResponseMessage(body);
        if (!fits) problems.push(`${m.kind} (${m.source}): body ${JSON.stringify(body)}`);
      } catch (e) {
        problems.push(`${m.kind} (${m.source}): ${(e as Error).message}`);
      }
    }
    expect(
      problems,
      'messages @smartdcc/duis-parser does not read as DUIS responses (issue 13: XSD-valid output)',
    ).toEqual([]);
  });

  // Without Java or the tool's jar this cannot run; the title says why (a real probe).
  it.skipIf(toolProblem !== undefined)(
    toolProblem === undefined
      ? "the signing tool validates opendsp's signature (and its XSD) on every message"
      : `the signing tool cannot validate opendsp's messages here: ${toolProblem}`,
    async () => {
      const problems: string[] = [];
      // Three JVMs at a time keeps the test well under 30 s on two cores.
      const check = async (m: (typeof sent)[number]): Promise<void> => {
        try {
          await validateDuis({ xml: m.xml, jarFile: classPath });
        } catch (e) {
          const message = (e as Error).message.trim().split('\n').slice(0, 4).join(' | ');
          problems.push(`${m.kind} (${m.source}): ${message}`);
        }
      };
      for (let i = 0; i < sent.length; i += 3) await Promise.all(sent.slice(i, i + 3).map(check));
      expect(
        problems,
        "messages the Smart DCC signing tool refuses: its DUIS XSD (MMC Schema V5.1 in the jar), then opendsp's signature",
      ).toEqual([]);
    },
    30_000,
  );
});
