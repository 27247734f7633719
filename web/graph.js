// SPDX-License-Identifier: GPL-3.0-or-later
// graph.js - drawing networks with Cytoscape.js (from npm, embedded in
// the binary as /cytoscape.min.js and loaded only when a page draws).
//
// The graph routes answer what `cg graph ... --format json` prints
// (docs/network-analysis.md): nodes {key, label, ocgs, tier, hops} and
// links {a, b, weight, links: [{type, from, to, origin, owner_agency,
// grading, ...}]}, one per pair of people with the evidence folded in.
// Here they become Cytoscape elements whose ids are the person keys and
// the sorted pair, so a second answer (expanding a node) merges into the
// first without duplicates.

import { get } from './api.js';

let loading = null;

/** Cytoscape.js, loaded once (a script element: the CSP allows 'self'). */
export function loadCytoscape() {
	if (window.cytoscape) return Promise.resolve(window.cytoscape);
	if (!loading)
		loading = new Promise((resolve, reject) => {
			const s = document.createElement('script');
			s.src = 'cytoscape.min.js';
			s.onload = () => (window.cytoscape ? resolve(window.cytoscape) : reject(new Error('Cytoscape.js did not load')));
			s.onerror = () => {
				loading = null;
				reject(new Error('Cytoscape.js is missing from this build (run make deps, then rebuild)'));
			};
			document.head.append(s);
		});
	return loading;
}

/** Link types of docs/network-analysis.md, in its order. */
export const LINK_TYPES = ['co_defendant', 'family', 'associate', 'cell_mate', 'same_cell', 'same_wing',
	'same_establishment', 'visit', 'call', 'transaction', 'shared_phone', 'shared_handset',
	'shared_bank_account', 'shared_address', 'intel_co_subject'];
export const CUSTODY_TYPES = ['same_cell', 'same_wing', 'same_establishment', 'visit', 'call'];

/** Colour-blind-safe palette (Okabe-Ito, then Tol's muted) for groups. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#882255',
	'#117733', '#999933', '#44AA99', '#AA4499', '#332288'];
export const paletteColour = (i) => PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length];
const TIER = { high: '#B00020', medium: '#C77700', low: '#5B6770' };
export const tierColour = (t) => TIER[t] || '#9AA3AB';

/** Network filters (an object of the explorer's form) as API parameters. */
export function netParams(f) {
	const p = {};
	if (f.types && f.types.length) p.types = f.types.join(',');
	for (const k of ['from', 'to', 'min_grading', 'agency', 'ocg', 'setting']) if (f[k]) p[k] = f[k];
	return p;
}

export const pairId = (a, b) => (String(a) < String(b) ? `${a}~${b}` : `${b}~${a}`);

/** Elements for a neighbourhood (or path) answer. */
export function toElements(nodes, links) {
	const els = [];
	for (const n of nodes || [])
		els.push({ group: 'nodes', data: { id: String(n.key), label: n.label || String(n.key), ocgs: n.ocgs || n.groups || [], tier: n.tier || '', hops: n.hops, degree: n.degree } });
	for (const l of links || []) {
		const ev = l.links || [];
		els.push({ group: 'edges', data: {
			id: pairId(l.a, l.b), source: String(l.a), target: String(l.b), weight: l.weight || 1,
			types: [...new Set(ev.map((x) => x.type))].join(', '), links: ev,
		} });
	}
	return els;
}

/** Adds what is new in `els` to `cy`; answers the added collection. */
export function merge(cy, els) {
	const fresh = els.filter((e) => cy.getElementById(e.data.id).empty());
	const nodes = cy.add(fresh.filter((e) => e.group === 'nodes'));
	const has = (id) => cy.getElementById(id).nonempty();
	const edges = cy.add(fresh.filter((e) => e.group === 'edges' && has(e.data.source) && has(e.data.target)));
	return nodes.union(edges);
}

/** The stylesheet: colour from data(colour), size from data(size),
 *  a tier ring, thicker edges for heavier evidence. */
export function style() {
	return [
		{ selector: 'node', style: {
			'background-color': 'data(colour)', width: 'data(size)', height: 'data(size)',
			label: 'data(label)', 'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3,
			'text-wrap': 'ellipsis', 'text-max-width': 110, color: '#1d252c',
			'border-width': 3, 'border-color': 'data(ring)',
		} },
		{ selector: 'edge', style: {
			width: 'mapData(weight, 0, 8, 1, 7)', 'line-color': '#A7B0B8', 'curve-style': 'haystack', opacity: 0.8,
		} },
		{ selector: 'node.broker', style: { shape: 'diamond', 'border-width': 5, 'border-color': '#000' } },
		{ selector: 'node.centre', style: { 'border-style': 'double', 'border-width': 6 } },
		{ selector: 'node:selected', style: { 'overlay-color': '#FFB000', 'overlay-opacity': 0.35, 'overlay-padding': 6 } },
		{ selector: '.path', style: { 'line-color': '#D00000', 'border-color': '#D00000', width: 6, 'z-index': 10, opacity: 1 } },
		{ selector: 'node.path', style: { width: 'data(size)', 'border-width': 6 } },
		{ selector: '.faded', style: { opacity: 0.25 } },
	];
}

/** Colours and sizes nodes. `colourBy`: 'ocg', 'community' or 'tier';
 *  `groups`: key -> community number (for 'community'); `sizes`: key ->
 *  value of the chosen centrality, scaled here to 18..60 px. */
export function paint(cy, colourBy, groups, sizes) {
	let max = 0;
	if (sizes) for (const v of sizes.values()) max = Math.max(max, v || 0);
	cy.batch(() => {
		cy.nodes().forEach((n) => {
			const d = n.data();
			let colour = '#9AA3AB';
			if (colourBy === 'ocg' && d.ocgs.length) colour = paletteColour(Number(d.ocgs[0]) - 1);
			else if (colourBy === 'community' && groups && groups.has(d.id)) colour = paletteColour(groups.get(d.id) - 1);
			else if (colourBy === 'tier') colour = tierColour(d.tier);
			const v = sizes && max > 0 ? (sizes.get(d.id) || 0) / max : 0;
			n.data({ colour, ring: tierColour(d.tier), size: sizes ? 18 + Math.round(42 * Math.sqrt(v)) : 26 });
		});
	});
}

const METRICS_TOP = 2000;

/** The graph routes, with the network filters as parameters. */
export const api = {
	neighbourhood: (person, hops, f) => get('/graph/neighbourhood', Object.assign({ person, hops }, netParams(f))),
	ocgNetwork: (id, hops, f) => get(`/ocgs/${id}/network`, Object.assign({ hops }, netParams(f))),
	path: (source, target, f) => get('/graph/path', Object.assign({ source, target }, netParams(f))),
	// the most central METRICS_TOP people by one measure; the others are
	// drawn at the smallest size (a whole large network is not fetched)
	metrics: (measure, f) => get('/graph/metrics', Object.assign({ measures: measure, sort: measure, top: METRICS_TOP }, netParams(f))),
	communities: (f) => get('/graph/communities', netParams(f)),
	brokers: (f) => get('/graph/brokers', netParams(f)),
	graphml: (f) => get('/graph/export', Object.assign({ format: 'graphml' }, netParams(f)), { raw: true }),
};

/** One line per piece of evidence of an edge: type, dates, owner, grading. */
export function evidenceText(l) {
	const when = l.from ? (l.to && l.to !== l.from ? `${l.from} – ${l.to}` : l.from) : 'undated';
	return `${l.type || l.origin} · ${when} · ${l.owner_agency || `agency ${l.owner_agency_id}`}${l.grading ? ` · graded ${l.grading}` : ''}`;
}
