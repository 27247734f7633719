// SPDX-License-Identifier: GPL-3.0-or-later
// page-network.js - the network explorer: a person's or a group's network
// drawn with Cytoscape.js, grown by expanding people, filtered by link
// type, time and grading (the API's network filters, so every number is
// computed on the same network), coloured by OCG, community or risk tier,
// sized by a centrality, with brokers highlighted, the path between two
// people, and PNG and GraphML export.
//
// The drawing is not the only way in: "People in view" lists every node
// with buttons, so everything the canvas does can be done by keyboard.
// The URL holds the start and the filters (#/network?person=12&hops=2&
// types=visit,call), so a view can be bookmarked and reloaded.

import { get } from './api.js';
import { h, fill, field, options, empty, errorBox, table, download, tierBadge } from './dom.js';
import { loadCytoscape, LINK_TYPES, toElements, merge, style, paint, api, evidenceText, paletteColour, pairId } from './graph.js';

const GRADINGS = ['', '1A', '1B', '1C', '2A', '2B', '2C', '3A', '3B', '3C'];

/** Filters from the URL. */
function readFilters(q) {
	return {
		types: (q.get('types') || '').split(',').filter(Boolean),
		from: q.get('from') || '', to: q.get('to') || '',
		min_grading: q.get('min_grading') || '', setting: q.get('setting') || '',
	};
}

function filterForm(f, onApply) {
	const typeBoxes = LINK_TYPES.map((t) => h('label', { class: 'check' },
		h('input', { type: 'checkbox', name: 'types', value: t, checked: f.types.includes(t) }), ` ${t.replace(/_/g, ' ')}`));
	const form = h('form', { class: 'filters-form', id: 'net-filters', onsubmit: (e) => {
		e.preventDefault();
		const fd = new FormData(form);
		onApply({
			types: fd.getAll('types'), from: fd.get('from'), to: fd.get('to'),
			min_grading: fd.get('min_grading'), setting: fd.get('setting'),
		});
	} },
	h('fieldset', { class: 'checks types' }, h('legend', {}, 'Link types (none ticked: the default set)'), typeBoxes),
	h('div', { class: 'row' },
		field('Links from', h('input', { type: 'date', name: 'from', id: 'nf-from', value: f.from })),
		field('Links until', h('input', { type: 'date', name: 'to', id: 'nf-to', value: f.to })),
		field('Minimum grading', h('select', { name: 'min_grading', id: 'nf-grading' },
			options(GRADINGS.map((g) => [g, g || 'none']), f.min_grading)), 'Graded links at least this good; ungraded records of fact pass.'),
		field('Setting', h('select', { name: 'setting', id: 'nf-setting' },
			options([['', 'custody and community'], ['custody', 'custody only'], ['community', 'community only']], f.setting)))),
	h('button', { type: 'submit' }, 'Apply filters'));
	return form;
}

export async function networkPage({ main, query, go, stale }) {
	const f = readFilters(query);
	const person = query.get('person') || '';
	const ocg = query.get('ocg') || '';
	const hops = query.get('hops') || '2';

	const url = (over) => {
		const q = new URLSearchParams();
		const all = Object.assign({ person, ocg, hops }, { types: f.types.join(','), from: f.from, to: f.to, min_grading: f.min_grading, setting: f.setting }, over);
		for (const [k, v] of Object.entries(all)) if (v) q.set(k, v);
		return `#/network?${q}`;
	};

	// ---- the start: a person or a group
	const personIn = h('input', { name: 'person', id: 'ns-person', type: 'text', inputmode: 'numeric', value: person, size: 8, autocomplete: 'off' });
	const ocgSel = h('select', { name: 'ocg', id: 'ns-ocg' }, h('option', { value: '' }, '—'));
	const hopsSel = h('select', { name: 'hops', id: 'ns-hops' }, options([1, 2, 3].map((x) => [x, `${x} link${x > 1 ? 's' : ''}`]), hops));
	const start = h('form', { class: 'start', id: 'net-start', onsubmit: (e) => {
		e.preventDefault();
		const p = personIn.value.trim();
		go(url({ person: p, ocg: p ? '' : ocgSel.value, hops: hopsSel.value }));
	} },
	h('div', { class: 'row tight' },
		field('Person id', personIn),
		field('or group', ocgSel),
		field('Reach', hopsSel)),
	h('button', { type: 'submit', id: 'net-draw' }, 'Draw'));
	get('/ocgs').then((d) => {
		for (const o of d.ocgs) ocgSel.append(h('option', { value: o.id, selected: String(o.id) === ocg }, o.name));
	}).catch(() => ocgSel.append(h('option', { value: '', disabled: true }, 'groups could not be listed')));

	const filtered = Boolean(query.get('types') || f.from || f.to || f.min_grading || f.setting);
	const filters = h('details', { open: filtered },
		h('summary', {}, filtered ? 'Filters (some set)' : 'Filters: link types, time, grading, setting'),
		filterForm(f, (nf) => { Object.assign(f, nf); go(url({})); }));

	const status = h('p', { class: 'net-status', role: 'status', 'aria-live': 'polite' });
	const canvas = h('div', { id: 'cy', class: 'cy', role: 'img', 'aria-label': 'Network drawing; the table People in view below lists the same people' });
	const details = h('div', { id: 'net-details' }, empty('Select a person (click, or the list below) to see their links.'));
	const colourSel = h('select', { id: 'nv-colour', name: 'colour' }, options([['ocg', 'OCG'], ['community', 'community'], ['tier', 'risk tier']], query.get('colour') || 'ocg'));
	const sizeSel = h('select', { id: 'nv-size', name: 'size' }, options([['', 'all the same'], ['degree', 'degree'], ['betweenness', 'betweenness'], ['pagerank', 'PageRank']], query.get('size') || ''));
	const brokerBox = h('input', { type: 'checkbox', id: 'nv-brokers', name: 'brokers', checked: query.get('brokers') === '1' });
	const pathFrom = h('select', { id: 'np-from', name: 'path_from' });
	const pathTo = h('select', { id: 'np-to', name: 'path_to' });
	const brokerList = h('div', { id: 'broker-list' });
	const listBox = h('div', { id: 'people-list' });
	const legend = h('div', { id: 'legend', class: 'legend' });

	const panel = h('aside', { class: 'panel', 'aria-label': 'Explorer controls' },
		h('section', { class: 'card' }, h('h2', {}, 'Draw'), start, filters),
		h('section', { class: 'card' }, h('h2', {}, 'Selected'), details),
		h('section', { class: 'card' }, h('h2', {}, 'View'),
			field('Colour by', colourSel), field('Size by', sizeSel),
			h('div', { class: 'field' }, h('label', { class: 'check', for: 'nv-brokers' }, brokerBox, ' Highlight brokers (diamonds)')),
			legend, brokerList),
		h('section', { class: 'card' }, h('h2', {}, 'Path between two people'),
			field('From', pathFrom), field('To', pathTo),
			h('div', { class: 'buttons' },
				h('button', { type: 'button', id: 'path-show', onclick: () => showPath() }, 'Show path'),
				h('button', { type: 'button', class: 'secondary', id: 'path-clear', onclick: () => clearPath() }, 'Clear'))),
		h('section', { class: 'card' }, h('h2', {}, 'Export'),
			h('div', { class: 'buttons' },
				h('button', { type: 'button', id: 'export-png', onclick: () => exportPng() }, 'PNG image'),
				h('button', { type: 'button', id: 'export-graphml', onclick: () => exportGraphml() }, 'GraphML'))));

	main.append(h('div', { class: 'net-head' }, h('h1', { tabindex: -1 }, 'Network explorer'), status),
		h('div', { class: 'net-layout' }, h('div', { class: 'cy-wrap' }, canvas), panel),
		h('section', { class: 'card', 'aria-labelledby': 'people-h' }, h('h2', { id: 'people-h' }, 'People in view'), listBox));

	if (!person && !ocg) {
		fill(status, 'Choose a person or a group and press Draw.');
		return;
	}

	// ---- drawing
	let cy;
	let first;
	fill(status, 'Loading the network…');
	try {
		const [cytoscape, data] = await Promise.all([loadCytoscape(),
			person ? api.neighbourhood(person, hops, f) : api.ocgNetwork(ocg, hops, f)]);
		if (stale()) return;
		first = data;
		cy = cytoscape({ container: canvas, elements: toElements(data.nodes, data.links), style: style(),
			wheelSensitivity: 0.3, minZoom: 0.1, maxZoom: 4, boxSelectionEnabled: false });
	} catch (err) {
		fill(status, '');
		canvas.replaceWith(errorBox(err, 'the network'));
		return;
	}
	window.cgCy = cy; // for the browser tests and the curious
	if (person) cy.getElementById(String(person)).addClass('centre');
	else cy.nodes().filter((n) => n.data('hops') === 0).addClass('centre');

	const cache = new Map();
	const once = (key, fn) => {
		if (!cache.has(key)) cache.set(key, fn().catch((e) => { cache.delete(key); throw e; }));
		return cache.get(key);
	};

	function layout(fit) {
		cy.layout({ name: 'cose', animate: false, randomize: false, fit, padding: 30, nodeRepulsion: () => 9000, idealEdgeLength: () => 70, numIter: 600 }).run();
	}

	async function repaint() {
		let groups = null;
		let sizes = null;
		const colourBy = colourSel.value;
		const sizeBy = sizeSel.value;
		try {
			if (colourBy === 'community') {
				const d = await once('communities', () => api.communities(f));
				groups = new Map();
				for (const c of d.communities) for (const m of c.members) groups.set(String(m), c.community);
			}
			if (sizeBy) {
				const d = await once(`metrics-${sizeBy}`, () => api.metrics(sizeBy, f));
				sizes = new Map(d.nodes.map((n) => [String(n.key), n[sizeBy] || 0]));
			}
		} catch (err) {
			fill(status, errorBox(err, colourBy === 'community' ? 'communities' : 'centralities'));
		}
		paint(cy, colourBy, groups, sizes);
		drawLegend(colourBy, groups);
	}

	function drawLegend(colourBy, groups) {
		const seen = new Map();
		cy.nodes().forEach((n) => {
			const d = n.data();
			if (colourBy === 'ocg' && d.ocgs.length) seen.set(`OCG ${d.ocgs[0]}`, paletteColour(Number(d.ocgs[0]) - 1));
			if (colourBy === 'community' && groups && groups.has(d.id)) seen.set(`community ${groups.get(d.id)}`, paletteColour(groups.get(d.id) - 1));
			if (colourBy === 'tier') seen.set(d.tier || 'no tier', d.colour);
		});
		fill(legend, seen.size ? h('ul', {}, [...seen].slice(0, 14).map(([t, c]) =>
			h('li', {}, h('span', { class: 'swatch', dataset: { colour: c } }), t))) : h('p', { class: 'muted' }, 'Grey: none of these.'));
		for (const s of legend.querySelectorAll('.swatch')) s.style.backgroundColor = s.dataset.colour;
	}

	async function brokers() {
		cy.nodes().removeClass('broker');
		fill(brokerList);
		if (!brokerBox.checked) return;
		try {
			const d = await once('brokers', () => api.brokers(f));
			const list = d.brokers || [];
			for (const b of list) cy.getElementById(String(b.person.key)).addClass('broker');
			fill(brokerList, list.length ? h('ol', { class: 'brokers' }, list.slice(0, 10).map((b) => h('li', {},
				h('button', { type: 'button', class: 'link', onclick: () => select(String(b.person.key)) }, b.person.label),
				` · joins ${b.brokerage} · ${cy.getElementById(String(b.person.key)).empty() ? 'not in view' : 'in view'}`)))
				: empty('No brokers: nobody in this network joins different groups.'));
		} catch (err) {
			fill(brokerList, errorBox(err, 'brokers'));
		}
	}

	function describe() {
		const n = cy.nodes().length;
		const e = cy.edges().length;
		fill(status, `${n} people and ${e} links in view. `, first.around ? `Drawn around ${first.around}. ` : '',
			first.capped ? h('strong', {}, `Only the nearest ${first.max_nodes} of the ${first.reached} people reached are drawn: narrow the filters or the reach. `) : '',
			'Click a person to select them; double-click or Expand to add their contacts.');
		canvas.setAttribute('aria-label', `Network drawing of ${n} people and ${e} links; the table People in view lists them`);
	}

	function refreshLists() {
		const nodes = cy.nodes().sort((a, b) => a.data('label').localeCompare(b.data('label')));
		const opts = nodes.map((n) => [n.id(), `${n.data('label')} (${n.id()})`]);
		const keep = [pathFrom.value, pathTo.value];
		fill(pathFrom, options([['', '—'], ...opts], keep[0]));
		fill(pathTo, options([['', '—'], ...opts], keep[1]));
		fill(listBox, nodes.length ? table(null, ['Person', 'Risk', 'Groups', 'People linked: in view / in all', ''],
			nodes.map((n) => [
				h('button', { type: 'button', class: 'link', onclick: () => select(n.id()) }, n.data('label')),
				tierBadge(n.data('tier')),
				n.data('ocgs').map((o) => h('a', { href: `#/ocg/${o}` }, `OCG ${o}`)).flatMap((a, i) => (i ? [', ', a] : [a])),
				`${n.degree(false) ? n.neighborhood('node').length : 0} / ${n.data('degree') === undefined ? '?' : n.data('degree')}`,
				h('a', { href: `#/person/${n.id()}` }, 'open'),
			]), { class: 'people' }) : empty('Nobody is in view.'));
	}

	function select(key) {
		const n = cy.getElementById(key);
		if (n.empty()) return;
		cy.nodes().unselect();
		n.select();
		cy.animate({ center: { eles: n } }, { duration: 200 });
		const d = n.data();
		const edges = n.connectedEdges();
		fill(details,
			h('p', {}, h('strong', { id: 'sel-name' }, d.label), ` (person ${d.id}) `, tierBadge(d.tier)),
			d.ocgs.length ? h('p', {}, 'Groups: ', d.ocgs.map((o) => h('a', { href: `#/ocg/${o}` }, `OCG ${o}`)).flatMap((a, i) => (i ? [', ', a] : [a]))) : null,
			h('div', { class: 'buttons' },
				h('button', { type: 'button', id: 'sel-expand', onclick: () => expand(d.id) }, 'Expand'),
				h('a', { class: 'button secondary', href: `#/person/${d.id}` }, 'Open person'),
				h('button', { type: 'button', class: 'secondary', onclick: () => { pathFrom.value = d.id; } }, 'Path from here'),
				h('button', { type: 'button', class: 'secondary', onclick: () => { pathTo.value = d.id; } }, 'Path to here')),
			edges.length ? h('ul', { class: 'evidence' }, edges.map((e) => {
				const other = e.source().id() === d.id ? e.target() : e.source();
				return h('li', {}, h('strong', {}, other.data('label')), ` — ${e.data('types')}`,
					h('ul', {}, e.data('links').slice(0, 6).map((l) => h('li', { class: 'small' }, evidenceText(l)))));
			})) : empty('No links in view.'));
	}

	async function expand(key) {
		fill(status, `Expanding ${cy.getElementById(key).data('label')}…`);
		try {
			const d = await api.neighbourhood(key, 1, f);
			const added = merge(cy, toElements(d.nodes, d.links));
			await repaint();
			if (brokerBox.checked) await brokers();
			layout(false);
			refreshLists();
			describe();
			fill(status, status.textContent, ` Expanded: ${added.nodes().length} people and ${added.edges().length} links added.`);
		} catch (err) {
			fill(status, errorBox(err, 'the contacts'));
		}
	}

	function clearPath() {
		cy.elements().removeClass('path faded');
	}

	async function showPath() {
		clearPath();
		if (!pathFrom.value || !pathTo.value || pathFrom.value === pathTo.value) {
			fill(status, 'Choose two different people for the path.');
			return (pathFrom.value ? pathTo : pathFrom).focus();
		}
		fill(status, 'Finding the path…');
		try {
			const d = await api.path(pathFrom.value, pathTo.value, f);
			const p = (d.paths || [])[0];
			if (!p) return fill(status, 'No path joins them in the network you may see with these filters.');
			merge(cy, toElements(p.nodes, p.steps));
			await repaint();
			refreshLists();
			const ids = new Set(p.nodes.map((n) => String(n.key)));
			cy.elements().addClass('faded');
			const on = cy.nodes().filter((n) => ids.has(n.id()));
			const steps = p.steps.map((s) => cy.getElementById(pairId(s.a, s.b)));
			on.union(cy.collection(steps)).removeClass('faded').addClass('path');
			layout(false);
			cy.fit(cy.elements(), 30);
			fill(status, h('span', { id: 'path-result' }, `Path of ${p.links} link${p.links === 1 ? '' : 's'}: `,
				p.nodes.map((n) => n.label).join(' → ')));
		} catch (err) {
			fill(status, errorBox(err, 'the path'));
		}
	}

	async function exportPng() {
		const blob = cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' });
		download(blob, 'network.png');
		fill(status, 'PNG saved (network.png).');
	}

	async function exportGraphml() {
		fill(status, 'Exporting GraphML…');
		try {
			download(await api.graphml(f), 'network.graphml');
			fill(status, 'GraphML saved (network.graphml): the whole network you may see with these filters.');
		} catch (err) {
			fill(status, errorBox(err, 'the GraphML export'));
		}
	}

	cy.on('tap', 'node', (e) => select(e.target.id()));
	cy.on('dbltap', 'node', (e) => expand(e.target.id()));
	colourSel.addEventListener('change', repaint);
	sizeSel.addEventListener('change', repaint);
	brokerBox.addEventListener('change', brokers);

	await repaint();
	layout(true);
	refreshLists();
	describe();
	if (brokerBox.checked) await brokers();
	if (person && cy.getElementById(String(person)).nonempty()) select(String(person));
	else if (person) fill(status, `Person ${person} is not in the network you may see with these filters.`);
}
