import { describe, expect, it } from 'vitest';
import { parseServiceRequestXml } from './parse-request-xml.ts';
import { xmlRequest } from './test-requests.ts';
import { parseDom } from './xml-document.ts';

const LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<sr:Request xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" schemaVersion="5.4">&lol3;</sr:Request>`;
const XXE = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>`;

describe('hostile and broken XML', () => {
  it('refuses billion laughs and XXE before parsing', () => {
    for (const text of [LAUGHS, XXE]) {
      const result = parseServiceRequestXml(text);
      expect(result).toMatchObject({
        ok: false,
        problems: [
          {
            path: '(document)',
            message: expect.stringMatching(/DOCTYPE declaration at line \d+/) as string,
          },
        ],
      });
    }
  });

  it('never expands DTD entities even when the pre-check is bypassed', () => {
    const started = performance.now();
    const result = parseDom(LAUGHS);
    expect(performance.now() - started).toBeLessThan(1000);
    if (result.ok) expect(result.value.documentElement?.textContent ?? '').not.toContain('lol');
    const xxe = parseDom(XXE);
    if (xxe.ok) expect(xxe.value.documentElement?.textContent ?? '').not.toContain('root:');
  });

  it('refuses processing instructions other than the XML declaration', () => {
    const pi = xmlRequest().replace('<sr:Body>', '<?evil data?><sr:Body>');
    expect(parseServiceRequestXml(pi)).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringMatching(/processing instruction/) as string }],
    });
  });

  it('reports malformed XML with line and column', () => {
    const broken = xmlRequest().replace('</sr:Body>', '</sr:Bodyy>');
    expect(parseServiceRequestXml(broken)).toMatchObject({
      ok: false,
      problems: [
        { message: expect.stringMatching(/not well-formed XML at line \d+, column \d+/) as string },
      ],
    });
    const truncated = xmlRequest().slice(0, 200);
    expect(parseServiceRequestXml(truncated).ok).toBe(false);
    expect(parseServiceRequestXml('').ok).toBe(false);
  });

  it('refuses oversized messages, with a configurable limit', () => {
    const big = xmlRequest().replace(
      '</sr:Request>',
      `<!--${'x'.repeat(300 * 1024)}--></sr:Request>`,
    );
    expect(parseServiceRequestXml(big)).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringMatching(/limit is 262144 bytes/) as string }],
    });
    expect(parseServiceRequestXml(xmlRequest(), { maxBytes: 100 }).ok).toBe(false);
  });
});
