// Near matches for a reference that is not in the catalogue, to suggest in error messages.

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Up to `limit` known keys close to `wanted`, best first: its children (`8.8` -> `8.8.1`),
 * its siblings and parent (`8.8.3` -> `8.8.1`), then keys one edit away.
 */
export function nearMatches(wanted: string, known: readonly string[], limit = 6): string[] {
  const w = wanted.trim().toUpperCase();
  if (w === '') return [];
  const parent = w.split('.').length >= 3 ? w.slice(0, w.lastIndexOf('.')) : undefined;
  const score = (key: string): number => {
    const u = key.toUpperCase();
    if (u.startsWith(`${w}.`) || (w.length >= 4 && u.startsWith(w))) return 0;
    if (w.startsWith(`${u}.`) || (parent !== undefined && u.startsWith(`${parent}.`))) return 1;
    return editDistance(w, u) <= 1 ? 2 : 3;
  };
  return known
    .map((key) => ({ key, rank: score(key) }))
    .filter((k) => k.rank < 3)
    .sort((a, b) => a.rank - b.rank)
    .slice(0, limit)
    .map((k) => k.key);
}

/** The reason text for a miss: "not in the catalogue" plus the near matches, if any. */
export function missReason(wanted: string, known: readonly string[]): string {
  const near = nearMatches(wanted, known);
  return near.length > 0
    ? `not in the catalogue; did you mean ${near.join(', ')}?`
    : 'not in the catalogue';
}
