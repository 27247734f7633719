// SPDX-License-Identifier: GPL-3.0-or-later
// page-audit.js - the auditor's pages: who consulted an agency's records
// and intelligence, and why (GET /api/v1/audit/consulted), one user's
// actions (GET /api/v1/audit/users/{name}), and the verification of the
// audit chain (GET /api/v1/audit/verify). Auditors may run every report;
// a supervisor or administrator the consultations of their own agency.

import { get, session } from './api.js';
import { h, fill, field, empty, errorBox, table, loading } from './dom.js';

function entries(d, caption) {
	if (!d.entries.length) return empty('No entry.');
	return h('div', {},
		table(`${caption}: ${d.entries.length} entr${d.entries.length === 1 ? 'y' : 'ies'}${d.truncated ? ' (the first 10,000)' : ''}`,
			['#', 'When', 'Who', 'Agency', 'What', 'Reason given', 'Rows'],
			d.entries.map((e) => [String(e.seq), e.at.replace('T', ' ').replace('Z', ''), e.user, e.agency, `${e.operation}: ${e.detail}`,
				e.justification || '—', String(e.records)]), { class: 'audit', id: 'audit-entries' }));
}

function reportForm(id, label, input, run) {
	const out = h('div', { 'aria-live': 'polite' });
	const form = h('form', { class: 'inline', id, onsubmit: async (e) => {
		e.preventDefault();
		fill(out, loading('the report'));
		try {
			fill(out, await run(input.value.trim()));
		} catch (err) {
			fill(out, errorBox(err, 'the report'));
		}
	} }, field(label, input), h('button', { type: 'submit' }, 'Show'));
	return [form, out];
}

export async function auditPage({ main }) {
	const u = session.user;
	const agency = h('input', { name: 'agency', id: 'audit-agency', type: 'text', value: u.agency, size: 8, required: true });
	const user = h('input', { name: 'user', id: 'audit-user', type: 'text', value: u.user, size: 16, required: true });
	const verifyOut = h('div', { 'aria-live': 'polite', id: 'verify-result' });
	const verify = async () => {
		fill(verifyOut, loading('the verification'));
		try {
			const d = await get('/audit/verify');
			fill(verifyOut, d.intact
				? h('p', { class: 'state ok', role: 'status' }, `The audit chain is intact: ${d.entries} entries, each hashed with the one before; the head is entry ${d.head.seq} (${d.head.hash.slice(0, 16)}…).`)
				: h('p', { class: 'state error', role: 'alert' }, `The audit chain is broken at entry ${d.first_bad} of ${d.entries}: ${d.reason}. Report this to your information security officer.`));
		} catch (err) {
			fill(verifyOut, err.status === 403 ? empty('Only auditors and administrators verify the chain.') : errorBox(err, 'the verification'));
		}
	};
	main.append(h('h1', { tabindex: -1 }, 'Audit'),
		h('section', { class: 'card', 'aria-labelledby': 'a-consulted' }, h('h2', { id: 'a-consulted' }, 'Who consulted an agency\'s information'),
			h('p', { class: 'hint' }, 'Consultations of the agency\'s records and intelligence by users of other agencies, with the reason each gave.'),
			reportForm('consulted-form', 'Agency', agency, async (a) => entries(await get('/audit/consulted', { agency: a }), `Consultations of ${a}`))),
		h('section', { class: 'card', 'aria-labelledby': 'a-user' }, h('h2', { id: 'a-user' }, 'One user\'s actions'),
			reportForm('user-form', 'Username', user, async (n) => entries(await get(`/audit/users/${encodeURIComponent(n)}`), `Actions of ${n}`))),
		h('section', { class: 'card', 'aria-labelledby': 'a-verify' }, h('h2', { id: 'a-verify' }, 'Verify the audit chain'),
			h('p', { class: 'hint' }, 'Recomputes every entry\'s hash from the first: any change, removal or insertion shows.'),
			h('button', { type: 'button', id: 'verify', onclick: verify }, 'Verify now'), verifyOut));
}
