// SPDX-License-Identifier: GPL-3.0-or-later
// page-person.js - one person as the user may see them: the identities
// each agency holds (with provenance and label), the risk tier with its
// explanation, custody, group memberships, intelligence (and which
// agencies hold more), and associates. Each section loads on its own, so
// one refusal or failure does not hide the rest; every request carries
// the reason for this work and is audited by the server.

import { get } from './api.js';
import { h, asyncSection, empty, table, flagList, labelText, tierBadge, loadOrExplain } from './dom.js';
import { intelRows } from './page-search.js';
import { evidenceText, CUSTODY_TYPES } from './graph.js';

function name(r) {
	return `${r.surname}${r.forenames ? `, ${r.forenames}` : ''}`;
}

function identifiers(r) {
	if (!r.identifiers || !r.identifiers.length) return '—';
	return h('ul', { class: 'plain' }, r.identifiers.map((i) => h('li', {},
		`${i.kind.replace(/_/g, ' ')}: ${i.value || i.raw}`, i.hard ? h('span', { class: 'badge' }, 'hard') : null,
		i.value && i.raw !== i.value ? h('span', { class: 'muted' }, ` (held as ${i.raw})`) : null)));
}

/** One card per agency, each record with where it came from. */
function identities(d) {
	const by = new Map();
	for (const r of d.records) {
		if (!by.has(r.owner_agency)) by.set(r.owner_agency, []);
		by.get(r.owner_agency).push(r);
	}
	return h('div', {},
		[...by].map(([agency, recs]) => h('div', { class: 'agency-block' },
			h('h3', {}, `Held by ${agency}`),
			table(null, ['Name', 'Born', 'Sex', 'Provenance', 'Identifiers', 'Category', 'Label'],
				recs.map((r) => [
					h('a', { href: `#/record/${r.id}` }, name(r)),
					r.dob || '—', r.sex || '—',
					h('span', {}, `${r.source_system} ${r.source_record_id}`, h('br'), h('span', { class: 'muted small' }, `record ${r.id}, version ${r.version}`),
						r.restricted ? h('span', { class: 'badge warn' }, 'restricted') : null,
						r.withdrawn ? h('span', { class: 'badge warn' }, 'withdrawn') : null),
					identifiers(r),
					`${r.subject_category} (${r.statement_basis})`,
					labelText(r),
				]), { class: 'identities' }))),
		flagList(d.flags));
}

const EVIDENCE_LINK = { ocg: (id) => `#/ocg/${id}`, intel: (id) => `#/intel/${id}`, intel_report: (id) => `#/intel/${id}`, record: (id) => `#/record/${id}` };

function risk(v) {
	const confirmed = v.confirmed_tier && v.confirmed_tier !== v.computed_tier;
	return h('div', {},
		h('p', { class: 'tier-line' }, tierBadge(v.tier), ` score ${v.score}`,
			confirmed ? ` (computed ${v.computed_tier}; set to ${v.confirmed_tier} by ${v.confirmed_by}: ${v.confirmed_reason})`
				: v.confirmed_by ? ` (confirmed by ${v.confirmed_by})` : ' (computed, not yet confirmed by a supervisor)'),
		h('p', { class: 'muted small' }, `Shared risk protocol version ${v.policy_version}, as of ${v.as_of}; computed ${v.computed_at}.`,
			v.management_level ? ` Management level ${v.management_level}: ${v.management_reason}.` : ''),
		v.factors.length ? table('Why: each factor and the evidence it rests on', ['Factor', 'Points', 'Evidence'],
			v.factors.map((f) => [
				h('span', {}, h('strong', {}, f.factor.replace(/_/g, ' ')), h('br'), h('span', { class: 'small' }, f.description)),
				String(f.points),
				h('div', {},
					h('ul', { class: 'plain' }, f.evidence.map((e) => h('li', {},
						EVIDENCE_LINK[e.kind] ? h('a', { href: EVIDENCE_LINK[e.kind](e.id) }, `${e.kind} ${e.id}`) : `${e.kind} ${e.id}`,
						` · ${e.points} points`))),
					f.restricted_points > 0 ? h('p', { class: 'restricted' },
						`${f.restricted_points} points rest on restricted material held by ${f.restricted_owners || 'another agency'}: ask them.`) : null),
			]), { class: 'risk-factors' }) : empty('No factor of the shared protocol applies to what is recorded.'));
}

function custody(d, id) {
	const rows = [];
	for (const l of d.links) {
		const other = String(l.a) === String(id) ? l.b : l.a;
		const who = d.nodes.find((n) => String(n.key) === String(other));
		for (const e of l.links) if (CUSTODY_TYPES.includes(e.type)) rows.push({ e, who });
	}
	rows.sort((x, y) => String(x.e.from || '').localeCompare(String(y.e.from || '')));
	return h('div', {},
		h('p', { class: 'muted small' }, 'Prison movements themselves (receptions, transfers, releases) are not served by the API yet; this timeline shows the custody the person shared with others: cells, visits and calls, from the network.'),
		rows.length ? h('ol', { class: 'timeline' }, rows.map(({ e, who }) => h('li', {},
			h('span', { class: 'when' }, e.from ? (e.to && e.to !== e.from ? `${e.from} – ${e.to}` : e.from) : 'undated'),
			` ${e.type.replace(/_/g, ' ')} with `,
			who ? h('a', { href: `#/person/${who.key}` }, who.label) : 'someone',
			h('span', { class: 'muted' }, ` · ${e.owner_agency}`)))) : empty('No custody link you may see.'));
}

/** The person's groups: the network gives their ids, each group its role. */
async function memberships(near, id) {
	const d = await near;
	const me = d.nodes.find((n) => String(n.key) === String(id));
	const ids = (me && me.ocgs) || [];
	const groups = await Promise.all(ids.map((o) => get(`/ocgs/${o}`).catch((err) => ({ id: o, error: err }))));
	return { groups, id };
}

function membershipList({ groups, id }) {
	if (!groups.length) return empty('No recorded membership of a group you may see.');
	return h('ul', { class: 'plain' }, groups.map((g) => {
		if (g.error) return h('li', {}, `OCG ${g.id}: ${g.error.message}`);
		const m = (g.members || []).find((x) => String(x.person) === String(id));
		return h('li', {}, h('a', { href: `#/ocg/${g.id}` }, g.name), m ? ` — ${m.role}` : '',
			m && (m.valid_from || m.valid_to) ? ` (${m.valid_from || '…'} to ${m.valid_to || 'now'})` : '',
			` · recorded by ${m ? m.owner_agency : g.owner_agency}`);
	}));
}

function associates(d, id) {
	const rows = d.nodes.filter((n) => String(n.key) !== String(id)).map((n) => {
		const l = d.links.find((x) => (String(x.a) === String(n.key) || String(x.b) === String(n.key)));
		return [h('a', { href: `#/person/${n.key}` }, n.label), tierBadge(n.tier),
			(n.ocgs || []).map((o) => `OCG ${o}`).join(', ') || '—',
			l ? h('ul', { class: 'plain small' }, l.links.slice(0, 4).map((e) => h('li', {}, evidenceText(e))),
				l.links.length > 4 ? h('li', { class: 'muted' }, `and ${l.links.length - 4} more`) : null) : '—'];
	});
	return h('div', {},
		rows.length ? table(`${rows.length} people one link away`, ['Person', 'Risk', 'Groups', 'Evidence'], rows, { id: 'associates' })
			: empty('No associate you may see.'),
		h('p', {}, h('a', { class: 'button', href: `#/network?person=${id}&hops=2` }, 'Explore their network')));
}

export async function personPage({ main, params }) {
	const id = params.id;
	const title = h('h1', { tabindex: -1 }, `Person ${id}`);
	main.append(title);
	const head = await loadOrExplain(main, get(`/persons/${id}`),
		'There is no such person, or nothing about them that you may see.');
	if (!head) return;
	const main_ = head.records[0];
	if (main_) title.textContent = `${name(main_)} · person ${id}`;
	const near = get('/graph/neighbourhood', { person: id, hops: 1 });
	near.catch(() => null);
	const agencies = [...new Set(head.records.map((r) => r.owner_agency))];
	main.append(h('p', { class: 'lead' }, `Records held by ${agencies.join(', ') || 'no agency you may see'}`,
		head.flags.length ? ` · ${head.flags.map((f) => f.agency).join(', ')} hold${head.flags.length === 1 ? 's' : ''} further information` : ''));
	main.append(h('div', { class: 'grid person' },
		asyncSection('Risk', 'the risk assessment', () => get(`/persons/${id}/risk`), risk, { id: 'risk' }),
		asyncSection('Memberships', 'memberships', () => memberships(near, id), membershipList, { id: 'memberships' }),
		asyncSection('Identities held by each agency', 'identities', () => head, identities, { class: 'card wide', id: 'identities' }),
		asyncSection('Intelligence', 'intelligence', () => get('/intel', { subject: `person:${id}`, limit: 100 }), (d) => h('div', {},
			d.reports.length ? table(`${d.reports.length} report(s) you may see`, ['Reference', 'Grading', 'Relates to', 'Status', 'Owner', 'Text'], intelRows(d.reports))
				: empty('No report about them that you may see.'),
			flagList(d.flags)), { class: 'card wide', id: 'intel' }),
		asyncSection('Custody timeline', 'custody', () => get('/graph/neighbourhood', { person: id, hops: 1, setting: 'custody', types: 'same_cell,same_wing,visit,call' }), (d) => custody(d, id), { id: 'custody' }),
		asyncSection('Associates', 'associates', () => near, (d) => associates(d, id), { class: 'card wide', id: 'associates-card' })));
}

export async function recordPage({ main, params }) {
	const id = params.id;
	main.append(h('h1', { tabindex: -1 }, `Record ${id}`));
	const r = await loadOrExplain(main, get(`/records/${id}`), 'There is no such record, or it is not one you may see.');
	if (!r) return;
	main.querySelector('h1').textContent = `${name(r)} · record ${id}`;
	main.append(h('section', { class: 'card' },
		h('dl', { class: 'facts' },
			h('dt', {}, 'Held by'), h('dd', {}, `${r.owner_agency} (${r.source_system} ${r.source_record_id}, version ${r.version})`),
			h('dt', {}, 'Name'), h('dd', {}, name(r)),
			h('dt', {}, 'Born'), h('dd', {}, r.dob || '—'),
			h('dt', {}, 'Sex'), h('dd', {}, r.sex || '—'),
			h('dt', {}, 'Identifiers'), h('dd', {}, identifiers(r)),
			h('dt', {}, 'Category'), h('dd', {}, `${r.subject_category} (${r.statement_basis})`),
			h('dt', {}, 'Label'), h('dd', {}, labelText(r)),
			r.person ? [h('dt', {}, 'Person'), h('dd', {}, h('a', { href: `#/person/${r.person}` }, `person ${r.person}`))] : null)));
}
