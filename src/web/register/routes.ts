// Public pages of the SEC Modification Register: a filterable list and one page per proposal.
import type { FastifyInstance } from 'fastify';
import {
  PARTY_CATEGORIES,
  STAGES,
  PATHS,
  findProposal,
  loadRegisterFor,
  phaseOf,
  timelineOf,
} from '../../governance/index.ts';
import type { Proposal } from '../../governance/index.ts';
import { html } from '../pages/html.ts';
import { page } from '../pages/layout.ts';
import { queryTexts } from '../query.ts';

/** Filters of the register list, from the query string. */
interface ListQuery {
  readonly stage?: string;
  readonly path?: string;
  readonly party?: string;
  readonly q?: string;
}

function matches(p: Proposal, query: ListQuery): boolean {
  const text = query.q?.trim().toLowerCase();
  return (
    (!query.stage || p.stage === query.stage) &&
    (!query.path || p.path === query.path) &&
    (!query.party || (p.partiesImpacted ?? []).some((c) => c === query.party)) &&
    (!text ||
      [p.id, p.title, p.proposer, p.organisation].some((v) => v?.toLowerCase().includes(text)))
  );
}

function select(
  name: string,
  options: readonly string[],
  chosen: string | undefined,
): ReturnType<typeof html> {
  const label = name === 'stage' ? 'Stage' : name === 'path' ? 'Path' : 'Party impacted';
  return html`<label for="${name}">${label}</label>
    <select id="${name}" name="${name}">
      <option value="">Any</option>
      ${options.map((o) => html`<option value="${o}" ${o === chosen ? html`selected` : null}>${o}</option>`)}
    </select>`;
}

/** Registers GET /register and GET /register/:id (no sign-in: the register is public). */
export function registerRegisterPages(
  app: FastifyInstance,
  options: { readonly dataDir: string },
): void {
  app.get('/register', (request, reply) => {
    const query: ListQuery = queryTexts(request.query, ['stage', 'path', 'party', 'q']);
    const register = loadRegisterFor(options.dataDir);
    const rows = register.proposals.filter((p) => matches(p, query));
    const body = html`<form method="get" action="/register" class="filters">
        ${select('stage', STAGES, query.stage)} ${select('path', PATHS, query.path)}
        ${select('party', PARTY_CATEGORIES, query.party)}
        <label for="q">Text</label>
        <input id="q" name="q" type="search" value="${query.q ?? ''}" />
        <button type="submit">Filter</button>
      </form>
      <p>${rows.length} of ${register.proposals.length} proposals</p>
      <table>
        <caption>
          The SEC Modification Register
        </caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Title</th>
            <th scope="col">Path</th>
            <th scope="col">Stage</th>
            <th scope="col">Raised</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (p) =>
              html`<tr>
                <td><a href="/register/${p.id}">${p.id}</a></td>
                <td>${p.title ?? '(title not recorded)'}</td>
                <td>${p.path ?? '–'}</td>
                <td>${p.stage} (${phaseOf(p.stage)})</td>
                <td>${p.raised ?? '–'}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
    return reply
      .type('text/html; charset=utf-8')
      .send(page({ title: 'Modification Register' }, body));
  });

  app.get('/register/:id', (request, reply) => {
    const { id } = request.params as { id: string };
    const register = loadRegisterFor(options.dataDir);
    let proposal: Proposal;
    try {
      proposal = findProposal(register, id.toUpperCase());
    } catch {
      const body = html`<p>
        There is no proposal ${id} in the register. <a href="/register">All proposals</a>
      </p>`;
      return reply
        .status(404)
        .type('text/html; charset=utf-8')
        .send(page({ title: 'Not found' }, body));
    }
    const body = html`<dl>
        <dt>Title</dt>
        <dd>${proposal.title ?? '(title not recorded)'}</dd>
        <dt>Proposer</dt>
        <dd>
          ${proposal.proposer ?? '–'}${proposal.organisation ? ` (${proposal.organisation})` : ''}
        </dd>
        <dt>Raised</dt>
        <dd>${proposal.raised ?? '–'}</dd>
        <dt>Path</dt>
        <dd>${proposal.path ?? '–'}</dd>
        <dt>Stage</dt>
        <dd>${proposal.stage} (${phaseOf(proposal.stage)})</dd>
      </dl>
      <h2>Timeline</h2>
      <ol class="timeline">
        ${timelineOf(proposal).map((t) => html`<li><time datetime="${t.date}">${t.date}</time> ${t.text}</li>`)}
      </ol>
      <p><a href="/register">All proposals</a></p>`;
    return reply.type('text/html; charset=utf-8').send(page({ title: proposal.id }, body));
  });
}
