// SPDX-License-Identifier: GPL-3.0-or-later
// page-home.js - what needs the user's attention: the link review queue,
// reports waiting for a supervisor's decision, and the user's own recent
// actions from the audit log.

import { get, session, reason } from './api.js';
import { h, asyncSection, empty, table } from './dom.js';

const REVIEW_MAX = 500; // CG_LINK_REVIEW_LIST_MAX: the API answers at most this many

function needReason(what) {
	return h('div', { class: 'state empty' },
		h('p', {}, `Listing ${what} is a consultation: give a reason for this work first.`),
		h('button', { type: 'button', onclick: () => document.getElementById('reason-input').focus() }, 'Give a reason'));
}

function reportRows(reports) {
	return reports.map((r) => [
		h('a', { href: `#/intel/${r.id}` }, r.reference || `report ${r.id}`),
		`${r.source_evaluation}${r.intel_assessment}${r.handling_code || ''}`,
		r.relates_to,
		r.submitted_by || '—',
		h('span', { class: 'snippet' }, (r.text || '').slice(0, 120)),
	]);
}

export async function homePage({ main }) {
	const u = session.user;
	const cards = [];
	if (session.has('analyst') || session.has('supervisor')) {
		cards.push(asyncSection('Link review queue', 'the link review queue',
			() => get('/link/review', { limit: REVIEW_MAX }),
			(d) => {
				const n = d.items.length;
				if (!n) return empty('Nothing waits for review: every candidate pair has been decided.');
				return h('div', {},
					h('p', { class: 'big-number' }, h('strong', {}, n >= REVIEW_MAX ? `${REVIEW_MAX}+` : String(n)),
						` pair${n === 1 ? '' : 's'} of records wait for a decision`),
					h('a', { class: 'button', href: '#/review' }, 'Open the review queue'));
			}, { id: 'home-review' }));
	}
	const intelTitle = session.has('supervisor') ? 'Reports awaiting approval' : 'Your reports awaiting approval';
	cards.push(asyncSection(intelTitle, 'reports awaiting approval',
		async () => (reason() ? get('/intel', { status: 'submitted', agency: u.agency, limit: 200 }) : null),
		(d) => {
			if (!d) return needReason('reports awaiting approval');
			const mine = d.reports.filter((r) => r.submitted_by === u.user);
			const others = d.reports.filter((r) => r.submitted_by !== u.user);
			const heads = ['Report', 'Grading', 'Relates to', 'Submitted by', 'Text'];
			return h('div', {},
				session.has('supervisor')
					? (others.length ? table(`${others.length} report(s) of ${u.agency} for you to approve or reject (not your own: four eyes)`, heads, reportRows(others))
						: empty('No report of your agency waits for your decision.'))
					: null,
				mine.length ? table('Your own, waiting for a supervisor', heads, reportRows(mine))
					: empty('None of your reports waits for approval.'));
		}, { id: 'home-intel' }));
	cards.push(asyncSection('Your recent actions', 'your recent actions',
		() => get(`/audit/users/${encodeURIComponent(u.user)}`),
		(d) => {
			const rows = d.entries.slice(-12).reverse();
			if (!rows.length) return empty('The audit log holds no action of yours yet.');
			return table('From the audit log, newest first', ['When', 'What', 'Detail', 'Reason given'],
				rows.map((e) => [e.at.replace('T', ' ').replace('Z', ''), e.operation, e.detail, e.justification || '—']));
		}, { id: 'home-audit', class: 'card wide' }));
	main.append(
		h('h1', { tabindex: -1 }, `Welcome, ${u.user}`),
		h('p', { class: 'lead' }, `${u.agency} · ${u.roles.join(', ')} · cleared ${u.clearance}`),
		h('div', { class: 'grid' }, cards),
		h('section', { class: 'card', 'aria-labelledby': 'quick' }, h('h2', { id: 'quick' }, 'Start a task'),
			h('ul', { class: 'actions' },
				h('li', {}, h('a', { href: '#/search' }, 'Search persons, groups and intelligence')),
				h('li', {}, h('a', { href: '#/network' }, 'Explore a network')),
				h('li', {}, h('a', { href: '#/intel/new' }, 'Submit an intelligence report')))));
}
