// SPDX-License-Identifier: GPL-3.0-or-later
// page-ocg.js - one organised crime group: what it does, its members by
// role (named from its network, which carries the labels), the network
// of its members, and members of other groups they were held with in
// custody (crossovers).

import { get } from './api.js';
import { h, asyncSection, empty, table, flagList, labelText, tierBadge, errorBox, fill, loadOrExplain } from './dom.js';
import { loadCytoscape, toElements, style, paint } from './graph.js';

const ROLES = ['principal', 'significant', 'peripheral'];

function members(o, net) {
	const names = new Map(((net && net.nodes) || []).map((n) => [String(n.key), n]));
	const roles = [...ROLES, ...new Set(o.members.map((m) => m.role).filter((r) => !ROLES.includes(r)))];
	const blocks = roles.map((role) => {
		const list = o.members.filter((m) => m.role === role);
		if (!list.length) return null;
		return h('div', { class: 'role-block' }, h('h3', {}, `${role[0].toUpperCase()}${role.slice(1)} (${list.length})`),
			h('ul', { class: 'plain members' }, list.map((m) => {
				const n = names.get(String(m.person));
				return h('li', {}, h('a', { href: `#/person/${m.person}` }, n ? n.label : `person ${m.person}`), ' ',
					n ? tierBadge(n.tier) : null,
					m.valid_from || m.valid_to ? h('span', { class: 'muted small' }, ` ${m.valid_from || '…'} to ${m.valid_to || 'now'}`) : null,
					m.evidence && m.evidence.length ? h('span', { class: 'muted small' }, ` · ${m.evidence.length} supporting report(s)`) : null);
			})));
	});
	return o.members.length ? h('div', { class: 'roles' }, blocks) : empty('No member you may see.');
}

function crossovers(d) {
	const list = d.crossovers || [];
	if (!list.length) return empty('No member of this group shared a cell or wing with a member of another group, in what you may see.');
	return table(`${list.length} pair(s), highest risk first`, ['Member', 'Other group\'s member', 'Where', 'When', 'Level'],
		list.map((c) => [
			h('a', { href: `#/person/${c.person_a.key}` }, c.person_a.label),
			h('span', {}, h('a', { href: `#/person/${c.person_b.key}` }, c.person_b.label), ' ', (c.person_b.groups || []).map((g) => h('a', { href: `#/ocg/${g}` }, `OCG ${g}`))),
			c.link.place || '—',
			c.link.from ? `${c.link.from} – ${c.link.to || 'now'}` : 'undated',
			c.level,
		]), { id: 'crossovers' });
}

async function drawNetwork(box, net) {
	const canvas = h('div', { class: 'cy small', role: 'img', 'aria-label': `Network of the group: ${net.nodes.length} people, ${net.links.length} links; the members list names them` });
	fill(box, canvas);
	try {
		const cytoscape = await loadCytoscape();
		const cy = cytoscape({ container: canvas, elements: toElements(net.nodes, net.links), style: style(), minZoom: 0.2, maxZoom: 3 });
		paint(cy, 'ocg', null, null);
		cy.nodes().filter((n) => n.data('hops') === 0).addClass('centre');
		cy.layout({ name: 'cose', animate: false, padding: 20 }).run();
		cy.on('tap', 'node', (e) => { location.hash = `#/person/${e.target.id()}`; });
	} catch (err) {
		fill(box, errorBox(err, 'the drawing'));
	}
}

export async function ocgPage({ main, params }) {
	const id = params.id;
	main.append(h('h1', { tabindex: -1 }, `Group ${id}`));
	const o = await loadOrExplain(main, get(`/ocgs/${id}`), 'There is no such group, or it is not one you may see.');
	if (!o) return;
	main.querySelector('h1').textContent = o.name;
	const net = get(`/ocgs/${id}/network`);
	net.catch(() => null);
	const netBox = h('div', {});
	main.append(
		h('section', { class: 'card' },
			h('dl', { class: 'facts' },
				o.aliases && o.aliases.length ? [h('dt', {}, 'Also known as'), h('dd', {}, o.aliases.join(', '))] : null,
				h('dt', {}, 'Activities'), h('dd', {}, (o.activities || []).join(', ').replace(/_/g, ' ') || '—'),
				h('dt', {}, 'Status'), h('dd', {}, o.status, o.merged_into ? h('span', {}, ' — merged into ', h('a', { href: `#/ocg/${o.merged_into}` }, `group ${o.merged_into}`)) : null),
				o.geography ? [h('dt', {}, 'Where'), h('dd', {}, o.geography)] : null,
				h('dt', {}, 'Recorded by'), h('dd', {}, `${o.owner_agency} · ${labelText(o)}`),
				o.risk ? [h('dt', {}, 'Risk'), h('dd', {}, tierBadge(o.risk.tier || o.risk))] : null),
			flagList(o.flags)),
		h('div', { class: 'grid' },
			asyncSection('Members by role', 'members', () => net.catch(() => null), (n) => members(o, n), { id: 'members' }),
			asyncSection('Network', 'the network', () => net, (n) => {
				drawNetwork(netBox, n);
				return h('div', {}, netBox, h('p', {}, h('a', { class: 'button', href: `#/network?ocg=${id}&hops=1` }, 'Open in the network explorer')));
			}, { id: 'ocg-network' }),
			asyncSection('Crossovers in custody', 'crossovers', () => get(`/ocgs/${id}/crossovers`), crossovers, { class: 'card wide', id: 'ocg-crossovers' })));
}
