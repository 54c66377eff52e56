import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../core/errors.ts';
import { loadRegister } from './load-register.ts';
import { renderChangeStatusReport } from './render-report.ts';

const register = loadRegister();
const md = renderChangeStatusReport(register, '2020-02-07', 'md');

describe('the Change Status Report for January 2020', () => {
  it('has the seed report’s sections in order', () => {
    const titles = [...md.matchAll(/^## \d+\. (.+)$/gm)].map((m) => m[1]);
    expect(titles).toEqual([
      'Summary',
      'Define',
      'Refine',
      'Opine',
      'Release',
      'Appendix A: DCC Preliminary Assessments and Impact Assessments',
    ]);
    expect(md).toMatch(/^# Change Status Report — January 2020/);
  });

  it('counts only proposals raised by the report date (not MP141, MP176, MP178)', () => {
    expect(md).toContain('| 15 | 14 | 1 | 1 | 5 |');
    expect(md).not.toContain('MP141');
  });

  it('lists the Draft Proposals for conversion and the Change Board approval of MP097', () => {
    for (const dp of ['DP101', 'DP104', 'DP106']) expect(md).toContain(`- ${dp} ‘`);
    expect(md).toContain(
      '- MP097 ‘Improving SMETS2 Meter Installs for New Connections’ (Self-Governance)',
    );
  });

  it('reports new DPs, the Working Group of 5 February 2020, votes, and the coming releases', () => {
    expect(md).toContain(
      'DP107 ‘SMETS1 Validation of SRV 6.15.1’ was raised by Gemma Slaney of Western Power Distribution on 13 January 2020.',
    );
    expect(md).toContain('The last monthly Working Group meeting was held on 5 February 2020');
    expect(md).toContain('The next monthly Working Group meeting will be held on 4 March 2020');
    expect(md).toContain(
      'MP079 ‘Provisions for withdrawing modifications’: recommended approval on 22 January 2020',
    );
    expect(md).toContain(
      'Approved for implementation in the February 2020 SEC Release (27 February 2020):',
    );
    expect(md).toContain('- MP081 ‘Alignment of DUIS and CHISM to reflect current DCC Processing’');
  });

  it('prints Appendix A with computed durations and averages', () => {
    expect(md).toContain('| SECMP0007 | IA | 30 July 2019 | 40 WD | 134 WD |');
    expect(md).toContain('| Impact Assessments open | 3 | 163 WD |');
    expect(md).toContain('| Preliminary Assessments completed during 2019/20 | 9 | – |');
  });

  it('renders HTML with escaped text and the same sections', () => {
    const html = renderChangeStatusReport(register, '2020-02-07', 'html');
    expect(html).toContain(
      '<h2>6. Appendix A: DCC Preliminary Assessments and Impact Assessments</h2>',
    );
    expect(html).toContain(
      '<td>SECMP0015</td><td>IA</td><td>25 April 2019</td><td>40 WD</td><td>200 WD</td>',
    );
    expect(html).not.toMatch(
      /<(?!\/?(html|head|meta|title|body|h1|h2|h3|p|ul|li|table|thead|tbody|tr|th|td|section)\b|!doctype)/,
    );
  });

  it('refuses a report date before any data, or not a date', () => {
    expect(() => renderChangeStatusReport(register, '2000-01-01', 'md')).toThrow(InvalidValueError);
    expect(() => renderChangeStatusReport(register, '7 Feb 2020', 'md')).toThrow(InvalidValueError);
  });
});
