// SPDX-License-Identifier: GPL-3.0-or-later
// app.js - the web UI's entry point: the header bar, the reason for this
// work, and the router that draws one page per #/route.
//
// Routing uses the URL's fragment (#/person/12), which the browser never
// sends to the server: reloading or bookmarking a page works, and the
// server only ever serves index.html for the application itself
// (src/http/static.c). Each page is a function that fills <main>; after a
// route change the page's heading takes the focus, so keyboard and screen
// reader users land on the new content.

import { session, refresh, logout, reason, setReason } from './api.js';
import { h, fill, errorBox } from './dom.js';
import { loginPage } from './page-login.js';
import { homePage } from './page-home.js';
import { searchPage } from './page-search.js';
import { personPage, recordPage } from './page-person.js';
import { networkPage } from './page-network.js';
import { ocgPage } from './page-ocg.js';
import { intelNewPage, intelPage } from './page-intel.js';
import { reviewPage, reviewItemPage } from './page-review.js';
import { auditPage } from './page-audit.js';

// path pattern, page, options: public (no login), consults (needs the
// reason for this work before it asks the API for anything).
const routes = [
	['/login', loginPage, { public: true, title: 'Log in' }],
	['/', homePage, { title: 'Home' }],
	['/search', searchPage, { title: 'Search' }],
	['/person/:id', personPage, { consults: true, title: 'Person' }],
	['/record/:id', recordPage, { consults: true, title: 'Record' }],
	['/network', networkPage, { consults: true, title: 'Network explorer' }],
	['/ocg/:id', ocgPage, { consults: true, title: 'Organised crime group' }],
	['/intel/new', intelNewPage, { title: 'Submit intelligence' }],
	['/intel/:id', intelPage, { consults: true, title: 'Intelligence report' }],
	['/review', reviewPage, { title: 'Link review queue' }],
	['/review/:id', reviewItemPage, { consults: true, title: 'Review a link' }],
	['/audit', auditPage, { title: 'Audit' }],
];

const nav = [
	['#/', 'Home', () => true],
	['#/search', 'Search', () => true],
	['#/network', 'Network', () => true],
	['#/intel/new', 'Submit intelligence', () => true],
	['#/review', 'Link review', () => session.has('analyst') || session.has('supervisor')],
	['#/audit', 'Audit', () => session.has('auditor') || session.has('supervisor') || session.has('admin')],
];

/** The current route: {path, params, query}. */
export function current() {
	const raw = location.hash.startsWith('#/') ? location.hash.slice(1) : '/';
	const [path, qs] = raw.split('?');
	return { path: path || '/', query: new URLSearchParams(qs || '') };
}

function match(path) {
	const segs = path.split('/').filter(Boolean);
	for (const [pattern, page, opts] of routes) {
		const ps = pattern.split('/').filter(Boolean);
		if (ps.length !== segs.length) continue;
		const params = {};
		if (ps.every((p, i) => (p.startsWith(':') ? (params[p.slice(1)] = decodeURIComponent(segs[i])) : p === segs[i])))
			return { page, opts, params };
	}
	return null;
}

/** Goes to a route ('#/person/12'); re-renders when it is the same one. */
export function go(hash) {
	if (location.hash === hash) render();
	else location.hash = hash;
}

function drawHeader() {
	const bar = document.getElementById('topbar');
	bar.hidden = !session.user;
	if (!session.user) return;
	const here = `#${current().path}`;
	fill(document.getElementById('nav'), h('ul', {}, nav.filter(([, , show]) => show()).map(([href, text]) =>
		h('li', {}, h('a', { href, 'aria-current': here === href.split('?')[0] ? 'page' : null }, text)))));
	const u = session.user;
	fill(document.getElementById('who'),
		h('span', { class: 'user' }, h('strong', {}, u.user), ` · ${u.agency} · ${u.roles.join(', ')}`),
		h('button', { type: 'button', class: 'link', id: 'logout', onclick: onLogout }, 'Log out'));
	const input = document.getElementById('reason-input');
	if (document.activeElement !== input) input.value = reason();
	document.getElementById('reason-form').classList.toggle('missing', !reason());
}

async function onLogout() {
	try {
		await logout();
	} finally {
		location.hash = '#/login';
	}
}

/** The page that asks for the reason before a consultation. */
function reasonGate(main, title) {
	const input = h('input', { id: 'gate-reason', name: 'reason', type: 'text', maxlength: 1000, required: true, autocomplete: 'off' });
	const form = h('form', { class: 'card gate', onsubmit: (e) => {
		e.preventDefault();
		if (!input.value.trim()) return input.focus();
		setReason(input.value.trim());
		render();
	} },
	h('p', {}, 'Consulting intelligence needs a reason: it goes to the audit log with your name and the time (Data Protection Act 2018 s.62). It is asked once for this task and used until you change it in the header bar.'),
	h('div', { class: 'field' }, h('label', { for: 'gate-reason' }, 'Reason for this work'), input),
	h('button', { type: 'submit' }, 'Continue'));
	fill(main, h('h1', { tabindex: -1 }, title), form);
	input.focus();
}

let rendering = 0;

/** Draws the page of the current route. */
export async function render() {
	const main = document.getElementById('main');
	const { path, query } = current();
	const m = match(path);
	const ticket = ++rendering;
	drawHeader();
	if (!m) {
		fill(main, h('h1', { tabindex: -1 }, 'Not found'), h('p', { class: 'state empty' }, 'There is no such page. ', h('a', { href: '#/' }, 'Go home')));
		main.querySelector('h1').focus();
		return;
	}
	if (!m.opts.public && !session.user) {
		sessionStorage.setItem('cg.after-login', location.hash || '#/');
		location.hash = '#/login';
		return;
	}
	document.title = `${m.opts.title} · Common Ground`;
	if (m.opts.consults && !reason()) {
		reasonGate(main, m.opts.title);
		return;
	}
	// Each render draws into a view of its own: a page still loading when
	// the user moves on writes into a view no longer on screen.
	const view = h('div', { class: 'view' });
	fill(main, view);
	try {
		await m.page({ main: view, params: m.params, query, render, go, stale: () => ticket !== rendering });
	} catch (err) {
		fill(view, h('h1', { tabindex: -1 }, m.opts.title), errorBox(err));
	}
	if (ticket !== rendering) return;
	const h1 = view.querySelector('h1');
	if (h1 && !view.contains(document.activeElement)) {
		h1.setAttribute('tabindex', '-1');
		h1.focus({ preventScroll: true });
	}
}

function setUp() {
	session.onLoggedOut = () => {
		session.user = null;
		if (current().path !== '/login') {
			sessionStorage.setItem('cg.after-login', location.hash || '#/');
			location.hash = '#/login';
		}
	};
	document.getElementById('reason-form').addEventListener('submit', (e) => {
		e.preventDefault();
		setReason(document.getElementById('reason-input').value.trim());
		render();
	});
	// The skip link moves the focus without touching the route.
	document.getElementById('skip').addEventListener('click', (e) => {
		e.preventDefault();
		document.getElementById('main').focus();
	});
	window.addEventListener('hashchange', render);
}

setUp();
refresh().catch(() => null).then(render);
