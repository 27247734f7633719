// SPDX-License-Identifier: GPL-3.0-or-later
// page-login.js - logging in (POST /api/v1/session). The answer sets the
// HttpOnly session cookie and gives the CSRF token (api.js keeps it).

import { login, session } from './api.js';
import { h, fill, field } from './dom.js';

export async function loginPage({ main, go }) {
	if (session.user) return go('#/');
	const user = h('input', { name: 'username', type: 'text', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
	const pass = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
	const status = h('div', { class: 'form-status', 'aria-live': 'assertive' });
	const button = h('button', { type: 'submit', id: 'login-submit' }, 'Log in');
	const form = h('form', { class: 'card login', onsubmit: async (e) => {
		e.preventDefault();
		button.disabled = true;
		fill(status, h('p', { class: 'state loading', role: 'status' }, 'Checking…'));
		try {
			await login(user.value.trim(), pass.value);
			const next = sessionStorage.getItem('cg.after-login') || '#/';
			sessionStorage.removeItem('cg.after-login');
			go(next === '#/login' ? '#/' : next);
		} catch (err) {
			pass.value = '';
			fill(status, h('p', { class: 'state error', role: 'alert' },
				err.status === 401 ? 'Wrong username or password, or the account is locked for a while after five wrong passwords.' : err.message));
			button.disabled = false;
			(err.field === 'username' ? user : pass).focus();
		}
	} },
	field('Username', user),
	field('Password', pass),
	button, status);
	fill(main,
		h('div', { class: 'login-wrap' },
			h('h1', { tabindex: -1 }, 'Common Ground'),
			h('p', { class: 'lead' }, 'Shared intelligence on organised crime groups for the police, prisons and probation. Log in with the account your agency gave you.'),
			form,
			h('p', { class: 'muted small' }, 'Every consultation is recorded with your name, the time and your reason.')));
	user.focus();
}
