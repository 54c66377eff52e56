// The look of the report PDF: page geometry, type sizes and the series colour scheme.

/** A4 in PDF points, with the margins every page uses. */
export const PAGE = {
  width: 595.28,
  height: 841.89,
  marginTop: 56,
  marginBottom: 64,
  marginX: 50,
} as const;

/** Width of the text column; charts and tables are laid out to exactly this width. */
export const TEXT_WIDTH = PAGE.width - 2 * PAGE.marginX;

/** Lowest y a block may reach; the footer lives below it. */
export const CONTENT_BOTTOM = PAGE.height - PAGE.marginBottom;

/** Height available to content on one page. */
export const CONTENT_HEIGHT = CONTENT_BOTTOM - PAGE.marginTop;

/** Type sizes in points. */
export const SIZE = {
  coverTitle: 28,
  coverSubtitle: 15,
  coverLine: 10.5,
  h1: 16,
  h2: 12.5,
  body: 10,
  small: 8,
  table: 8.5,
  figureLabel: 8,
  figureValue: 15,
  chartTitle: 10.5,
  chartLabel: 8,
  chartAxisTitle: 8.5,
} as const;

/** The colours used outside the charts. */
export const COLOUR = {
  text: '#1a1a1a',
  muted: '#666666',
  rule: '#c8c8c8',
  ruleStrong: '#404040',
  accent: '#1f4e96',
  panel: '#f2f4f7',
  highlight: '#fdefd6',
  warningFill: '#fff3e0',
  warningEdge: '#d9822b',
  warningText: '#5a3200',
  band: '#e4572e',
} as const;

/** The recipient's own series ("You"): a strong colour so it stands out. */
const YOU = '#1f4e96';
/** "Industry": neutral grey, the reference line everything is compared with. */
const INDUSTRY = '#8a8a8a';
/** Peers and any other series: muted, distinct hues, none close to the recipient's blue. */
const MUTED = [
  '#e3a36f',
  '#8cc08f',
  '#b49fd4',
  '#d98f9f',
  '#86c3c6',
  '#cdbb6f',
  '#a7a7c9',
  '#c99b7a',
];

/**
 * Orders series names as the legend shows them: "You", "Industry", the peers by letter, then any
 * other series in the order given.
 */
export function orderSeries(names: Iterable<string>): string[] {
  const unique = [...new Set(names)];
  const rank = (name: string): number =>
    name === 'You' ? 0 : name === 'Industry' ? 1 : /^Peer [A-Z]+$/.test(name) ? 2 : 3;
  return unique
    .map((name, index) => ({ name, index }))
    .sort(
      (a, b) =>
        rank(a.name) - rank(b.name) ||
        (rank(a.name) === 2 ? a.name.localeCompare(b.name) : a.index - b.index),
    )
    .map((entry) => entry.name);
}

/**
 * The colour of each series, in the order given. Peers ("Peer A", "Peer B", …) keep their colour
 * by letter, so Peer C has the same colour in every chart even when Peer B has no data.
 */
export function seriesColours(names: readonly string[]): string[] {
  let other = 0;
  return names.map((name) => {
    if (name === 'You') return YOU;
    if (name === 'Industry') return INDUSTRY;
    const peer = /^Peer ([A-Z])$/.exec(name);
    const slot = peer?.[1] === undefined ? other++ : peer[1].charCodeAt(0) - 65;
    return MUTED[slot % MUTED.length] ?? INDUSTRY;
  });
}
