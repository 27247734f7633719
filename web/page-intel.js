// SPDX-License-Identifier: GPL-3.0-or-later
// page-intel.js - submitting an intelligence report with its 3x5x2
// grading and handling (POST /api/v1/intel), reading one, and a
// supervisor's approval or rejection.
//
// Nothing of the grading is filled in for the user: a default grading
// would look like a judgement nobody made (docs/intelligence.md). The
// API validates every field and names the one at fault; its message is
// shown under that field and the field takes the focus.

import { get, post, session, reason } from './api.js';
import { h, append, fill, field, options, errorBox, fieldError, clearErrors, flagList, labelText, loadOrExplain } from './dom.js';

const SOURCES = [['1', '1 — reliable'], ['2', '2 — untested'], ['3', '3 — not reliable']];
const ASSESSMENTS = [
	['A', 'A — known directly to the source'], ['B', 'B — known indirectly, corroborated'],
	['C', 'C — known indirectly'], ['D', 'D — not known'], ['E', 'E — suspected false or malicious'],
];
const HANDLING = [['P', 'P — lawful sharing permitted'], ['C', 'C — sharing with conditions (give them)']];
const CLASSIFICATIONS = ['OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET', 'TOP SECRET'];
const MOPI = [['1', '1 — certain public protection matters (10 years)'], ['2', '2 — other sexual, violent or serious (10 years)'],
	['3', '3 — all other offences (6 years)'], ['4', '4 — undetected crime (6 years)']];

function radios(name, legend, pairs, hint) {
	return h('fieldset', { class: 'radios', id: `f-${name}`, dataset: { field: name }, 'aria-describedby': `f-${name}-error` },
		h('legend', {}, legend), hint ? h('p', { class: 'hint' }, hint) : null,
		pairs.map(([v, t]) => h('label', { class: 'check' }, h('input', { type: 'radio', name, value: v, required: true }), ` ${t}`)),
		h('p', { class: 'field-error', id: `f-${name}-error`, hidden: true }));
}

/** "person:12, record:4" as the API's subjects. */
function parseSubjects(text) {
	return text.split(/[\s,]+/).filter(Boolean).map((s) => {
		const [kind, id] = s.split(':');
		return { kind, id: Number(id) };
	});
}

export async function intelNewPage({ main, query, go }) {
	const status = h('div', { class: 'form-status', 'aria-live': 'assertive' });
	const conditions = h('input', { name: 'handling_conditions', type: 'text', placeholder: 'agency:HMPPS,type:prison' });
	const form = h('form', { class: 'card intel-form', novalidate: true, onsubmit: submit },
		field('What is known', h('textarea', { name: 'text', rows: 6, required: true }), 'The report itself, as you would write it in your own system.'),
		h('div', { class: 'row' },
			radios('source_evaluation', 'Source evaluation', SOURCES),
			radios('intel_assessment', 'Intelligence assessment', ASSESSMENTS),
			radios('handling_code', 'Handling code', HANDLING)),
		field('Handling conditions', conditions, 'Required with C: who may receive it, e.g. agency:HMPPS,type:prison.'),
		h('div', { class: 'row' },
			field('Classification', h('select', { name: 'classification', required: true }, options([['', 'choose…'], ...CLASSIFICATIONS.map((c) => [c, c])], ''))),
			field('Relates to (date)', h('input', { name: 'relates_to', type: 'date', required: true })),
			field('MoPI group', h('select', { name: 'mopi_group', required: true }, options([['', 'choose…'], ...MOPI], '')))),
		field('Subjects', h('input', { name: 'subjects', type: 'text', value: query.get('subjects') || '', placeholder: 'person:12, ocg:3' }), 'KIND:ID, separated by commas: person, record, ocg, object or location.'),
		h('details', {}, h('summary', {}, 'Optional: compartments, flag contact, sanitised version'),
			field('Compartments', h('input', { name: 'compartments', type: 'text' })),
			field('Flag contact', h('input', { name: 'flag_contact', type: 'text' }), 'What readers who may not see the report are told: "agency X holds further information, contact …".'),
			field('Sanitised text', h('textarea', { name: 'sanitised_text', rows: 3 })),
			field('Sanitised classification', h('select', { name: 'sanitised_classification' }, options([['', '—'], ...CLASSIFICATIONS.map((c) => [c, c])], '')))),
		h('button', { type: 'submit' }, 'Submit for approval'), status);

	async function submit(e) {
		e.preventDefault();
		clearErrors(form);
		fill(status);
		const fd = new FormData(form);
		const body = {};
		for (const [k, v] of fd.entries()) if (v !== '') body[k] = String(v);
		if (body.mopi_group) body.mopi_group = Number(body.mopi_group);
		if (body.subjects) body.subjects = parseSubjects(body.subjects);
		// The API's message names the first missing part; saying so here
		// for every required part at once spares round trips.
		const missing = ['text', 'source_evaluation', 'intel_assessment', 'handling_code', 'classification', 'relates_to', 'mopi_group'].filter((k) => body[k] === undefined);
		if (missing.length) {
			for (const k of missing.reverse()) fieldError(form, k, 'Required: nothing is filled in for you.');
			fill(status, h('p', { class: 'state error', role: 'alert' }, `${missing.length} required part(s) missing.`));
			return;
		}
		if (!reason()) {
			fill(status, h('p', { class: 'state error', role: 'alert' }, 'Give a reason for this work in the header bar first: the submission is audited with it.'));
			return;
		}
		try {
			const r = await post('/intel', body);
			go(`#/intel/${r.id}?submitted=1`);
		} catch (err) {
			const f = err.field && err.field.replace(/\[\d+\]$/, '');
			if (!f || !fieldError(form, f, err.message))
				fill(status, errorBox(err));
			else
				fill(status, h('p', { class: 'state error', role: 'alert' }, `Not submitted: ${err.message}`));
		}
	}
	main.append(h('h1', { tabindex: -1 }, 'Submit an intelligence report'),
		h('p', { class: 'lead' }, `It is held by ${session.user.agency} and seen only there until a supervisor of ${session.user.agency} other than you approves it.`),
		form);
}

function decision(r, refresh) {
	if (r.status !== 'submitted') return null;
	if (!session.has('supervisor')) return h('p', { class: 'muted' }, 'Waiting for a supervisor of the agency to approve or reject it.');
	if (r.submitted_by === session.user.user) return h('p', { class: 'muted' }, 'Your own report: another supervisor must decide (four eyes).');
	const why = h('textarea', { name: 'reason', id: 'reject-reason', rows: 2 });
	const status = h('div', { 'aria-live': 'assertive' });
	const act = async (what) => {
		fill(status);
		try {
			if (what === 'approve') await post(`/intel/${r.id}/approve`);
			else await post(`/intel/${r.id}/reject`, { reason: why.value.trim() });
			refresh();
		} catch (err) {
			fill(status, errorBox(err));
			if (err.field === 'reason') why.focus();
		}
	};
	return h('section', { class: 'card decide', 'aria-labelledby': 'decide-h' }, h('h2', { id: 'decide-h' }, 'Your decision'),
		h('div', { class: 'buttons' }, h('button', { type: 'button', id: 'approve', onclick: () => act('approve') }, 'Approve')),
		field('Reason for rejecting', why),
		h('div', { class: 'buttons' }, h('button', { type: 'button', class: 'danger', id: 'reject', onclick: () => act('reject') }, 'Reject')),
		status);
}

export async function intelPage({ main, params, query, render }) {
	main.append(h('h1', { tabindex: -1 }, `Report ${params.id}`));
	const r = await loadOrExplain(main, get(`/intel/${params.id}`), 'There is no such report, or it is not one you may see.');
	if (!r) return;
	main.querySelector('h1').textContent = `Report ${r.reference}`;
	const subj = (s) => (s.kind === 'person' ? `#/person/${s.id}` : s.kind === 'ocg' ? `#/ocg/${s.id}` : s.kind === 'record' ? `#/record/${s.id}` : null);
	append(main, [
		query.get('submitted') ? h('p', { class: 'state ok', role: 'status' }, 'Submitted: it waits for a supervisor\'s approval.') : null,
		h('section', { class: 'card' },
			h('p', { class: 'report-status' }, h('span', { class: `badge status-${r.status}`, id: 'intel-status' }, r.status),
				r.sanitised ? h('span', { class: 'badge' }, 'sanitised version') : null),
			h('blockquote', { class: 'report-text' }, r.text),
			h('dl', { class: 'facts' },
				h('dt', {}, 'Grading'), h('dd', {}, `${r.source_evaluation}${r.intel_assessment}${r.handling_code} — source ${r.source_evaluation}, assessment ${r.intel_assessment}`),
				h('dt', {}, 'Label'), h('dd', {}, labelText(r)),
				h('dt', {}, 'Relates to'), h('dd', {}, r.relates_to),
				h('dt', {}, 'Held by'), h('dd', {}, r.owner_agency),
				h('dt', {}, 'Submitted by'), h('dd', {}, r.submitted_by || '— (imported)'),
				r.approved_by ? [h('dt', {}, r.status === 'rejected' ? 'Rejected by' : 'Approved by'), h('dd', {}, `${r.approved_by} ${r.approved_at}`)] : null,
				r.decision_reason ? [h('dt', {}, 'Reason'), h('dd', {}, r.decision_reason)] : null,
				h('dt', {}, 'MoPI'), h('dd', {}, `group ${r.mopi_group}, review by ${r.review_date}`),
				h('dt', {}, 'About'), h('dd', {}, (r.subjects || []).length ? h('ul', { class: 'plain' }, r.subjects.map((s) =>
					h('li', {}, subj(s) ? h('a', { href: subj(s) }, `${s.kind} ${s.id}`) : `${s.kind} ${s.id}`))) : '—')),
			flagList(r.flags)),
		decision(r, () => render())]);
}
