// SPDX-License-Identifier: GPL-3.0-or-later
// page-review.js - the link review queue: candidate pairs of records that
// entity resolution could not decide (GET /api/v1/link/review), shown
// side by side with what agrees and what differs, and the analyst's
// decision (POST /api/v1/link/review/{id}): confirm the pair, reject it,
// or split one record off its person. A decision needs a reason and
// applies from the next link run.

import { get, post } from './api.js';
import { h, fill, field, empty, errorBox, table, labelText, loading } from './dom.js';

const PAGE = 100;

export async function reviewPage({ main, query, go }) {
	const after = Number(query.get('after') || 0);
	main.append(h('h1', { tabindex: -1 }, 'Link review queue'),
		h('p', { class: 'lead' }, 'Pairs of records that may be the same person. Open one to compare them and decide.'));
	const box = h('div', { 'aria-live': 'polite' }, loading('the queue'));
	main.append(box);
	let d;
	try {
		d = await get('/link/review', { after: after || undefined, limit: PAGE });
	} catch (err) {
		fill(box, err.status === 403 ? empty('Your role has no link review queue: analysts and supervisors decide links.') : errorBox(err, 'the queue'));
		return;
	}
	if (!d.items.length) return fill(box, empty(after ? 'No more items.' : 'Nothing waits for review.'));
	const last = d.items[d.items.length - 1].id;
	fill(box,
		table(`${d.items.length} item(s)${after ? ` after item ${after}` : ''}`, ['Item', 'Records', 'Persons now', 'Match weight', 'Kind', 'Queued'],
			d.items.map((it) => [
				h('a', { href: `#/review/${it.id}`, class: 'review-open' }, `Review item ${it.id}`),
				`${it.record_a} and ${it.record_b}`,
				h('span', {}, h('a', { href: `#/person/${it.person_a}` }, `person ${it.person_a}`), ', ', h('a', { href: `#/person/${it.person_b}` }, `person ${it.person_b}`)),
				it.weight.toFixed(2), it.kind + (it.detail ? ` (${it.detail})` : ''), it.created_at.replace('T', ' ').replace('Z', ''),
			]), { id: 'review-items' }),
		d.items.length === PAGE ? h('p', {}, h('button', { type: 'button', onclick: () => go(`#/review?after=${last}`) }, 'Next page')) : null);
}

const norm = (s) => String(s || '').trim().toUpperCase();

/** One row of the comparison: the two values and whether they agree. */
function compareRow(what, a, b) {
	let verdict = 'missing';
	if (a && b) verdict = norm(a) === norm(b) ? 'agrees' : 'differs';
	return [what, a || '—', b || '—', h('span', { class: `badge cmp-${verdict}` }, verdict)];
}

function comparison(a, b) {
	const ids = (r) => new Map((r.identifiers || []).map((i) => [i.kind, i.value || i.raw]));
	const ia = ids(a);
	const ib = ids(b);
	const rows = [
		['Held by', `${a.owner_agency} · ${a.source_system} ${a.source_record_id}`, `${b.owner_agency} · ${b.source_system} ${b.source_record_id}`, ''],
		compareRow('Surname', a.surname, b.surname),
		compareRow('Forenames', a.forenames, b.forenames),
		compareRow('Date of birth', a.dob, b.dob),
		compareRow('Sex', a.sex, b.sex),
		...[...new Set([...ia.keys(), ...ib.keys()])].map((k) => compareRow(k.replace(/_/g, ' '), ia.get(k), ib.get(k))),
		['Category', `${a.subject_category} (${a.statement_basis})`, `${b.subject_category} (${b.statement_basis})`, ''],
		['Label', labelText(a), labelText(b), ''],
	];
	return table('Side by side', ['', `Record ${a.id}`, `Record ${b.id}`, 'Match'], rows, { class: 'compare', id: 'compare' });
}

export async function reviewItemPage({ main, params }) {
	const id = Number(params.id);
	main.append(h('h1', { tabindex: -1 }, `Review item ${id}`));
	let it;
	try {
		const d = await get('/link/review', { after: id - 1, limit: 1 });
		it = d.items.find((x) => x.id === id);
	} catch (err) {
		main.append(errorBox(err, 'the item'));
		return;
	}
	if (!it) {
		main.append(empty('This item is not in the queue: it was decided already, or it is not one you may see.'), h('a', { href: '#/review' }, 'Back to the queue'));
		return;
	}
	const [a, b] = await Promise.all([get(`/records/${it.record_a}`), get(`/records/${it.record_b}`)].map((p) => p.catch((e) => e)));
	if (a instanceof Error || b instanceof Error) {
		main.append(errorBox(a instanceof Error ? a : b, 'the records'));
		return;
	}
	const why = h('textarea', { name: 'reason', rows: 2, required: true });
	const status = h('div', { 'aria-live': 'assertive' });
	const form = h('form', { class: 'card decide', id: 'decide', onsubmit: async (e) => {
		e.preventDefault();
		const fd = new FormData(form);
		const body = { decision: fd.get('decision'), reason: why.value.trim() };
		if (body.decision === 'split') body.record = Number(fd.get('record'));
		fill(status);
		if (!body.decision) return fill(status, h('p', { class: 'state error', role: 'alert' }, 'Choose confirm, reject or split.'));
		if (!body.reason) {
			why.focus();
			return fill(status, h('p', { class: 'state error', role: 'alert' }, 'Say why: the decision is audited with its reason.'));
		}
		try {
			await post(`/link/review/${id}`, body);
			main.replaceChildren(h('h1', { tabindex: -1 }, `Review item ${id}`),
				h('p', { class: 'state ok', role: 'status', id: 'decided' }, `Decided: ${body.decision}. It applies from the next link run.`),
				h('p', {}, h('a', { class: 'button', href: '#/review' }, 'Back to the queue')));
			main.querySelector('h1').focus();
		} catch (err) {
			fill(status, errorBox(err));
		}
	} },
	h('fieldset', { class: 'radios' }, h('legend', {}, 'Decision'),
		h('label', { class: 'check' }, h('input', { type: 'radio', name: 'decision', value: 'confirm' }), ' Confirm: the same person'),
		h('label', { class: 'check' }, h('input', { type: 'radio', name: 'decision', value: 'reject' }), ' Reject: different people'),
		h('label', { class: 'check' }, h('input', { type: 'radio', name: 'decision', value: 'split' }), ' Split one record off its person:'),
		h('div', { class: 'indent' },
			h('label', { class: 'check' }, h('input', { type: 'radio', name: 'record', value: a.id, checked: true }), ` record ${a.id}`),
			h('label', { class: 'check' }, h('input', { type: 'radio', name: 'record', value: b.id }), ` record ${b.id}`))),
	field('Reason', why, 'Goes to the audit log with the decision.'),
	h('button', { type: 'submit' }, 'Decide'), status);
	main.append(
		h('section', { class: 'card' },
			h('p', {}, `Entity resolution scored this pair ${it.weight.toFixed(2)} (${it.kind}${it.detail ? `: ${it.detail}` : ''}) and left the decision to a person. `,
				`The records now belong to `, h('a', { href: `#/person/${it.person_a}` }, `person ${it.person_a}`), ' and ', h('a', { href: `#/person/${it.person_b}` }, `person ${it.person_b}`), '.'),
			comparison(a, b)),
		form);
}
