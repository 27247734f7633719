// SPDX-License-Identifier: GPL-3.0-or-later
// page-search.js - one search page for persons (records by name, GET
// /records/search), organised crime groups (GET /ocgs) and intelligence
// (GET /intel), with each API's filters. The query lives in the URL
// (#/search?kind=intel&q=cannabis), so Back and bookmarks work.

import { get, reason } from './api.js';
import { h, fill, field, options, loading, empty, errorBox, table, flagList, labelText } from './dom.js';

const KINDS = [['persons', 'Persons'], ['ocgs', 'Organised crime groups'], ['intel', 'Intelligence']];

function input(name, q, attrs) {
	return h('input', Object.assign({ name, id: `q-${name}`, value: q.get(name) || '' }, attrs || {}));
}

function checks(name, legend, values, q) {
	const chosen = q.get(name) || '';
	return h('fieldset', { class: 'checks' }, h('legend', {}, legend),
		values.map(([v, t]) => h('label', { class: 'check' },
			h('input', { type: 'checkbox', name, value: v, checked: chosen.includes(v) }), ` ${t}`)));
}

function filters(kind, q) {
	if (kind === 'persons')
		return [
			field('Name', input('name', q, { type: 'search', required: true, autocomplete: 'off' }), 'Every word must appear in a name the record holds.'),
			field('Date of birth', input('dob', q, { type: 'date' })),
			field('Agency holding the record', input('agency', q, { type: 'text', placeholder: 'e.g. WMP', size: 8 })),
		];
	if (kind === 'ocgs')
		return [
			field('Name contains', input('name', q, { type: 'search', autocomplete: 'off' })),
			field('Owner agency', input('agency', q, { type: 'text', placeholder: 'e.g. WMP', size: 8 })),
		];
	return [
		field('Words', input('q', q, { type: 'search', autocomplete: 'off' }), 'Full text: every word must appear; a trailing * matches a prefix.'),
		checks('source', 'Source evaluation', [['1', '1 reliable'], ['2', '2 untested'], ['3', '3 not reliable']], q),
		checks('assessment', 'Intelligence assessment', ['A', 'B', 'C', 'D', 'E'].map((x) => [x, x]), q),
		field('Status', h('select', { name: 'status', id: 'q-status' }, options([['', 'any'], ['submitted', 'submitted'], ['approved', 'approved'], ['rejected', 'rejected']], q.get('status')))),
		field('Owner agency', input('agency', q, { type: 'text', placeholder: 'e.g. WMP', size: 8 })),
		field('About', input('subject', q, { type: 'text', placeholder: 'person:12', size: 12 }), 'KIND:ID — person, record, ocg, object or location.'),
		field('Relates to from', input('from', q, { type: 'date' })),
		field('Relates to until', input('to', q, { type: 'date' })),
	];
}

function personResults(d) {
	if (!d.records.length && !(d.flags || []).length) return empty('No record you may see matches. Try fewer words or no date of birth.');
	return h('div', {},
		d.records.length ? table(`${d.records.length} record(s)`, ['Name', 'Date of birth', 'Sex', 'Held by', 'Label', 'Open'],
			d.records.map((r) => [
				`${r.surname}, ${r.forenames}`, r.dob || '—', r.sex || '—',
				`${r.owner_agency} · ${r.source_system} ${r.source_record_id}`,
				labelText(r),
				h('span', { class: 'open-links' },
					r.person ? h('a', { href: `#/person/${r.person}`, class: 'open-person' }, `person ${r.person}`) : null,
					h('a', { href: `#/record/${r.id}`, class: 'open-record' }, `record ${r.id}`)),
			]), { class: 'results', id: 'person-results' }) : null,
		flagList(d.flags));
}

function ocgResults(d, q) {
	const words = (q.get('name') || '').toLowerCase().split(/\s+/).filter(Boolean);
	const list = d.ocgs.filter((o) => words.every((w) => [o.name, ...(o.aliases || [])].join(' ').toLowerCase().includes(w)));
	if (!list.length) return h('div', {}, empty('No group you may see matches.'), flagList(d.flags));
	return h('div', {},
		table(`${list.length} group(s)`, ['Name', 'Activities', 'Status', 'Owner', 'Label'],
			list.map((o) => [h('a', { href: `#/ocg/${o.id}` }, o.name), (o.activities || []).join(', ').replace(/_/g, ' ') || '—', o.status, o.owner_agency, labelText(o)]),
			{ class: 'results', id: 'ocg-results' }),
		flagList(d.flags));
}

export function intelRows(reports) {
	return reports.map((r) => [
		h('a', { href: `#/intel/${r.id}` }, r.reference || `report ${r.id}`),
		h('span', { title: 'source evaluation, intelligence assessment, handling code' }, `${r.source_evaluation}${r.intel_assessment}${r.handling_code}`),
		r.relates_to, r.status, r.owner_agency,
		h('span', { class: 'snippet' }, r.sanitised ? h('span', { class: 'badge' }, 'sanitised') : null, ' ', (r.text || '').slice(0, 160)),
	]);
}

function intelResults(d) {
	if (!d.reports.length) return h('div', {}, empty('No report you may see matches.'), flagList(d.flags));
	return h('div', {},
		table(`${d.reports.length} report(s), newest first`, ['Reference', 'Grading', 'Relates to', 'Status', 'Owner', 'Text'], intelRows(d.reports), { class: 'results', id: 'intel-results' }),
		flagList(d.flags));
}

async function run(kind, q) {
	const p = Object.fromEntries(q.entries());
	delete p.kind;
	if (kind === 'persons') return personResults(await get('/records/search', { name: p.name, dob: p.dob, agency: p.agency, limit: 200 }));
	if (kind === 'ocgs') return ocgResults(await get('/ocgs', { agency: p.agency }), q);
	return intelResults(await get('/intel', { q: p.q, source: p.source, assessment: p.assessment, status: p.status, agency: p.agency, subject: p.subject, from: p.from, to: p.to, limit: 200 }));
}

export async function searchPage({ main, query, go }) {
	const kind = KINDS.some(([k]) => k === query.get('kind')) ? query.get('kind') : 'persons';
	const results = h('div', { id: 'results', 'aria-live': 'polite' });
	const form = h('form', { class: 'card search', role: 'search', onsubmit: (e) => {
		e.preventDefault();
		const q = new URLSearchParams();
		q.set('kind', kind);
		const fd = new FormData(form);
		for (const name of new Set(fd.keys())) {
			if (name === 'kind-choice') continue;
			const v = fd.getAll(name).join('');
			if (v) q.set(name, v);
		}
		go(`#/search?${q}`);
	} },
	h('fieldset', { class: 'tabs' }, h('legend', {}, 'Search for'),
		KINDS.map(([k, t]) => h('label', { class: 'tab' },
			h('input', { type: 'radio', name: 'kind-choice', value: k, checked: k === kind, onchange: () => go(`#/search?kind=${k}`) }), ` ${t}`))),
	h('div', { class: 'filters' }, filters(kind, query)),
	h('button', { type: 'submit' }, 'Search'));
	main.append(h('h1', { tabindex: -1 }, 'Search'), form, results);
	const asked = [...query.keys()].some((k) => k !== 'kind');
	if (!asked && kind !== 'ocgs') return;
	if (kind === 'persons' && !query.get('name')) return fill(results, empty('Give a name to search for.'));
	if (!reason()) return fill(results, h('div', { class: 'state empty' }, 'Searching is a consultation: give a reason for this work in the header bar first.'));
	fill(results, loading('results'));
	try {
		fill(results, await run(kind, query));
	} catch (err) {
		fill(results, errorBox(err, 'the results'));
		if (err.field) {
			const c = form.querySelector(`[name="${CSS.escape(err.field)}"]`);
			if (c) c.setAttribute('aria-invalid', 'true');
		}
	}
}
