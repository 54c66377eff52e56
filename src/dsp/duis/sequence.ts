// Checks that an element's children follow an XSD-like sequence (order, minOccurs, maxOccurs).
import type { Element } from '@xmldom/xmldom';
import { displayName } from './dom.ts';
import type { Problem } from './problems.ts';

/** One entry of a sequence: a namespaced element that may occur `min`…`max` times. */
export interface SequenceItem {
  readonly ns: string;
  readonly name: string;
  readonly min: number;
  readonly max: number;
}

/** The children found for each item, by local name, and what was wrong. */
export interface SequenceMatch {
  readonly found: ReadonlyMap<string, readonly Element[]>;
  readonly problems: readonly Problem[];
}

const matches = (item: SequenceItem, el: Element) =>
  el.namespaceURI === item.ns && el.localName === item.name;

/** Matches children against the sequence; every problem is placed under `path`. */
export function matchSequence(
  children: readonly Element[],
  sequence: readonly SequenceItem[],
  path: string,
): SequenceMatch {
  const found = new Map<string, Element[]>(sequence.map((item) => [item.name, []]));
  const problems: Problem[] = [];
  let position = 0;
  for (const child of children) {
    const at = sequence.findIndex((item, i) => i >= position && matches(item, child));
    const name = displayName(child);
    if (at === -1) {
      const earlier = sequence.findIndex((item) => matches(item, child));
      const message =
        earlier === -1
          ? `unexpected element ${name}; expected ${sequence.map((s) => s.name).join(', ')} in that order`
          : found.get(child.localName ?? '')?.length === sequence[earlier]?.max
            ? `${name} appears more often than allowed`
            : `${name} is out of order; expected ${sequence.map((s) => s.name).join(', ')} in that order`;
      problems.push({ path: `${path}/${name}`, message });
      continue;
    }
    for (let skipped = position; skipped < at; skipped += 1) {
      const item = sequence[skipped];
      if (item !== undefined && (found.get(item.name)?.length ?? 0) < item.min) {
        problems.push({ path: `${path}/sr:${item.name}`, message: `${item.name} is missing` });
      }
    }
    const list = found.get(child.localName ?? '') ?? [];
    list.push(child);
    const item = sequence[at];
    // Stay on a repeatable item until its maximum is reached.
    position = item !== undefined && list.length < item.max ? at : at + 1;
    if (item !== undefined && list.length >= item.max) position = at + 1;
  }
  for (let rest = position; rest < sequence.length; rest += 1) {
    const item = sequence[rest];
    if (item !== undefined && (found.get(item.name)?.length ?? 0) < item.min) {
      problems.push({ path: `${path}/sr:${item.name}`, message: `${item.name} is missing` });
    }
  }
  return { found, problems };
}
