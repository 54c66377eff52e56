// Where to send a person after signing in: a path inside the portal, never another site.

/** Characters no target may hold, in any decoding: controls (C0, DEL, C1), whitespace, backslash. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[\u0000-\u0020\u007f-\u009f\s\\]/u;

/** How many rounds of percent-decoding are undone when looking for hidden characters. */
const DECODE_ROUNDS = 4;

/** The text and each percent-decoding of it, or undefined when a decoding is malformed. */
function decodings(text: string): string[] | undefined {
  const found = [text];
  let current = text;
  for (let round = 0; round < DECODE_ROUNDS; round += 1) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (decoded === current) return found;
    found.push(decoded);
    current = decoded;
  }
  // Still changing after several rounds: nothing real is encoded that deep.
  return undefined;
}

/** Whether one spelling of the path part is a clean absolute path under `root`. */
function cleanPath(path: string, root: string): boolean {
  if (FORBIDDEN.test(path) || path.includes('//')) return false;
  // Dot segments could climb out of the prefix, or into `//` once a browser normalises them.
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) return false;
  return root === '/' ? path.startsWith('/') : path === root || path.startsWith(`${root}/`);
}

/**
 * The `next` target after signing in when it is a plain path inside the portal (`prefix`, e.g.
 * `/ssi`, or the whole site when the prefix is ''), else the portal's home.
 *
 * Browsers strip tabs and newlines from a Location, read `\` as `/`, and follow `//host` and
 * `scheme:` off-site; so every spelling of the path (as given and each percent-decoding of it)
 * must start with the prefix and be free of controls, whitespace, backslashes, `//` and dot
 * segments, and the query and fragment free of controls, whitespace and backslashes. A last
 * check resolves the target as a browser would and requires the same origin and the same path.
 */
export function safeNext(next: unknown, prefix: string): string {
  const home = prefix === '' ? '/' : prefix;
  if (typeof next !== 'string' || next.length === 0 || next.length > 2_048) return home;
  const cut = next.search(/[?#]/);
  const path = cut === -1 ? next : next.slice(0, cut);
  const rest = cut === -1 ? '' : next.slice(cut);
  const spellings = decodings(path);
  if (spellings === undefined || !spellings.every((p) => cleanPath(p, home))) return home;
  if (FORBIDDEN.test(rest)) return home;
  const origin = 'https://portal.invalid';
  let resolved: URL;
  try {
    resolved = new URL(next, origin);
  } catch {
    return home;
  }
  if (resolved.origin !== origin || resolved.pathname !== path) return home;
  return next;
}
