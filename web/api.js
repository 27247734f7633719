// SPDX-License-Identifier: GPL-3.0-or-later
// api.js - the one door to the JSON API (docs/api.md).
//
// The session lives in an HttpOnly cookie the page cannot read; what the
// page keeps is who logged in and the CSRF token, which every request
// that changes something sends as X-CSRF-Token. The justification the
// user gave for the task in hand goes with every request as
// X-Justification, so each consultation's audit entry says why. The
// reason is kept for this browser tab only (sessionStorage), so a new tab
// or a new login asks again.

const BASE = '/api/v1';
const REASON_KEY = 'cg.reason';

/** An error answer of the API: {"error": {"code", "message", "field"}}. */
export class ApiError extends Error {
	constructor(status, body) {
		const e = (body && body.error) || {};
		super(e.message || `the server answered ${status}`);
		this.status = status;
		this.code = e.code || `HTTP_${status}`;
		this.field = e.field || null;
	}
}

export const session = {
	user: null,      // the login answer: user, agency, roles, clearance, ...
	csrf: null,
	onLoggedOut: null, // set by app.js: what to do when a request gets 401
	has(role) {
		return Boolean(this.user && this.user.roles && this.user.roles.includes(role));
	},
};

/** The reason for this work, or '' when none was given in this tab. */
export function reason() {
	return sessionStorage.getItem(REASON_KEY) || '';
}

export function setReason(text) {
	if (text) sessionStorage.setItem(REASON_KEY, text);
	else sessionStorage.removeItem(REASON_KEY);
}

function query(params) {
	const q = new URLSearchParams();
	for (const [k, v] of Object.entries(params || {}))
		if (v !== undefined && v !== null && v !== '') q.append(k, String(v));
	const s = q.toString();
	return s ? `?${s}` : '';
}

/**
 * One request. `path` is under /api/v1; `params` become the query; `body`
 * is sent as JSON. Answers the parsed JSON (or a Blob when `raw`), throws
 * ApiError. A 403 for a stale CSRF token (the server restarted) fetches
 * the token again and retries once.
 */
export async function call(method, path, { params, body, raw } = {}, retried = false) {
	const headers = { Accept: raw ? '*/*' : 'application/json' };
	const why = reason();
	if (why) headers['X-Justification'] = why;
	if (method !== 'GET' && session.csrf) headers['X-CSRF-Token'] = session.csrf;
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	const res = await fetch(BASE + path + query(params), {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
		credentials: 'same-origin',
		cache: 'no-store',
	});
	const type = res.headers.get('Content-Type') || '';
	if (res.ok && raw && !type.startsWith('application/json')) return res.blob();
	let data = null;
	try {
		data = await res.json();
	} catch (e) {
		if (res.ok) throw new ApiError(res.status, { error: { message: 'the answer was not JSON' } });
	}
	if (res.ok) return data;
	const err = new ApiError(res.status, data);
	if (res.status === 403 && err.field === 'X-CSRF-Token' && !retried) {
		await refresh();
		return call(method, path, { params, body, raw }, true);
	}
	if (res.status === 401 && path !== '/session' && session.onLoggedOut) session.onLoggedOut();
	throw err;
}

export const get = (path, params, opts) => call('GET', path, Object.assign({ params }, opts));
export const post = (path, body) => call('POST', path, { body: body || {} });

/** Who is logged in, from the cookie: null when nobody is. */
export async function refresh() {
	try {
		const me = await call('GET', '/session/me', {}, true);
		session.user = me;
		session.csrf = me.csrf_token;
	} catch (e) {
		if (e.status !== 401) throw e;
		session.user = null;
		session.csrf = null;
	}
	return session.user;
}

export async function login(username, password) {
	const me = await call('POST', '/session', { body: { username, password } });
	session.user = me;
	session.csrf = me.csrf_token;
	setReason('');
	return me;
}

export async function logout() {
	try {
		await call('DELETE', '/session');
	} finally {
		session.user = null;
		session.csrf = null;
		setReason('');
	}
}
