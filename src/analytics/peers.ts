// Anonymised peers: stable labels within a report, and the threshold that merges or withholds them.
import { createHash } from 'node:crypto';
import type { DefinitionsFile } from './schema.ts';

/** A ratio's parts for one party: e.g. successes over requests, or RTT total over count. */
export interface Ratio {
  readonly num: number;
  readonly den: number;
}

/** One figure as the recipient sees it against its peers and the industry. */
export interface Comparison {
  /** The recipient's own value; null when it had no data. */
  readonly you: number | null;
  /** Every party in the role, the recipient included; null when withheld. */
  readonly industry: number | null;
  /** Each other party, labelled; empty when merged or withheld. */
  readonly peers: readonly { readonly label: string; readonly value: number }[];
  /** The other parties as one figure, when too few to show one by one. */
  readonly merged: {
    readonly label: string;
    readonly value: number;
    readonly parties: number;
  } | null;
  /** What the anonymity rule did, for the report to say; null when peers are shown in full. */
  readonly note: string | null;
}

/** Labels peers "Peer A", "Peer B", … in an order that hides size and name. */
export interface PeerLabels {
  labelOf(partyId: string): string;
}

function letters(i: number): string {
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return i < 26 ? (a[i] ?? '?') : `${letters(Math.floor(i / 26) - 1)}${a[i % 26] ?? '?'}`;
}

/**
 * One labelling per report: the same party has the same label in every chart and table of the
 * report, but the order comes from a hash of the report's month and recipient, so labels do not
 * follow market share or name and differ between recipients and months.
 */
export function createPeerLabels(
  report: { readonly month: string; readonly recipient: string; readonly role: string },
  parties: readonly string[],
): PeerLabels {
  const key = (party: string): string =>
    createHash('sha256')
      .update(`${report.month}|${report.role}|${report.recipient}|${party}`)
      .digest('hex');
  const others = [...new Set(parties)].filter((p) => p !== report.recipient);
  const ordered = others.map((p) => ({ p, k: key(p) })).sort((x, y) => (x.k < y.k ? -1 : 1));
  const labels = new Map(ordered.map(({ p }, i) => [p, `Peer ${letters(i)}`]));
  return {
    labelOf: (party) => labels.get(party) ?? 'Peer ?',
  };
}

const ratio = (r: Ratio): number | null => (r.den > 0 ? r.num / r.den : null);

/** One shown figure of a comparison: who, its value, and which group of series it belongs to. */
export interface ComparisonEntry {
  /** "You", "Industry", a peer label or "Other Users". */
  readonly label: string;
  readonly group: 'You' | 'Industry' | 'Peers';
  readonly value: number;
  /** How many parties a merged figure covers. */
  readonly parties?: number;
}

/** The figures a comparison shows, in report order: you, the industry, peers or Other Users. */
export function comparisonEntries(c: Comparison): ComparisonEntry[] {
  const entries: ComparisonEntry[] = [];
  if (c.you !== null) entries.push({ label: 'You', group: 'You', value: c.you });
  if (c.industry !== null)
    entries.push({ label: 'Industry', group: 'Industry', value: c.industry });
  for (const p of c.peers) entries.push({ label: p.label, group: 'Peers', value: p.value });
  if (c.merged) {
    const { label, value, parties } = c.merged;
    entries.push({ label, group: 'Peers', value, parties });
  }
  return entries;
}

/** Compares the recipient's ratio with each other party's, under the anonymity rule. */
export function compare(options: {
  readonly recipient: string;
  readonly values: ReadonlyMap<string, Ratio>;
  readonly labels: PeerLabels;
  readonly anonymity: DefinitionsFile['anonymity'];
}): Comparison {
  const { recipient, values, labels, anonymity } = options;
  const own = values.get(recipient);
  const others = [...values].filter(([party, r]) => party !== recipient && r.den > 0);
  const sum = (rs: readonly Ratio[]): Ratio => ({
    num: rs.reduce((a, r) => a + r.num, 0),
    den: rs.reduce((a, r) => a + r.den, 0),
  });
  const all = sum([...(own ? [own] : []), ...others.map(([, r]) => r)]);
  const you = own ? ratio(own) : null;
  if (others.length >= anonymity.minimumPeers) {
    const peers = others
      .map(([party, r]) => ({ label: labels.labelOf(party), value: ratio(r) ?? 0 }))
      .sort((a, b) => (a.label < b.label ? -1 : 1));
    return { you, industry: ratio(all), peers, merged: null, note: null };
  }
  if (others.length >= anonymity.minimumGroup) {
    return {
      you,
      industry: ratio(all),
      peers: [],
      merged: {
        label: 'Other Users',
        value: ratio(sum(others.map(([, r]) => r))) ?? 0,
        parties: others.length,
      },
      note: `Only ${others.length} other parties had data (fewer than ${anonymity.minimumPeers}): they are shown merged as "Other Users".`,
    };
  }
  return {
    you,
    industry: null,
    peers: [],
    merged: null,
    note:
      others.length === 0
        ? 'No other party in this role had data: there is no peer or industry comparison.'
        : `Only ${others.length} other party had data (fewer than ${anonymity.minimumGroup}): peer and industry figures are withheld, as they would reveal it.`,
  };
}
