// The one stylesheet of the Self Service Interface pages: readable on a laptop, visible focus.

/** Where the stylesheet is served. */
export const STYLESHEET_PATH = '/ssi/style.css';

/** The stylesheet text. */
export const STYLESHEET = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #505a5f; --line: #b1b4b6;
  --accent: #1d4f91; --bad: #b10e1e; --good: #00703c; --focus: #ffdd00; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus {
  outline: 3px solid var(--focus); outline-offset: 0; box-shadow: 0 0 0 5px var(--ink); }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--focus); padding: .5rem; z-index: 2; }
header { background: var(--accent); color: #fff; padding: .75rem 1.5rem; display: flex;
  gap: 1.5rem; align-items: center; flex-wrap: wrap; }
header a { color: #fff; }
header nav ul { list-style: none; display: flex; gap: 1rem; margin: 0; padding: 0; flex-wrap: wrap; }
header form { margin-left: auto; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.75rem; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: .95rem; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f3f2f1; }
form.search { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .75rem 1rem; }
label { display: block; font-weight: 600; margin-bottom: .2rem; }
input, select, textarea { font: inherit; padding: .35rem .5rem; border: 2px solid var(--ink); width: 100%; }
button { font: inherit; padding: .45rem 1rem; background: var(--good); color: #fff; border: 0; cursor: pointer; }
header button { background: #fff; color: var(--accent); }
.actions { display: flex; gap: 1rem; align-items: end; }
.error { border-left: 5px solid var(--bad); padding: .5rem 1rem; color: var(--bad); }
.notice { border-left: 5px solid var(--accent); padding: .5rem 1rem; }
.muted { color: var(--muted); }
.counts { display: flex; gap: 1rem; list-style: none; padding: 0; }
.counts li { border: 1px solid var(--line); padding: .75rem 1rem; min-width: 9rem; }
.counts strong { display: block; font-size: 1.5rem; }
form.signin { max-width: 28rem; }
pre { white-space: pre-wrap; word-break: break-all; background: #f3f2f1; padding: 1rem; max-height: 30rem; overflow: auto; }
`;
