/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * h_ocg.c - GET /api/v1/ocgs and /api/v1/ocgs/{id} (http layer): the
 * organised crime groups the principal may see, through model/ocg.h as
 * `cg ocg list` and `cg ocg show` do, in the JSON they print.
 */
#include "http/http_internal.h"
#include "model/ocg.h"
#include "base/banned.h"

HTTP_HANDLER(h_ocg_list)
{
	struct cg_ocg_set set = { 0 };
	enum cg_status rc = cg_ocg_list(&c->ctx, http_query(c, "agency"), &set, err);

	if (rc == CG_OK) {
		json_t *arr = json_array();
		for (size_t i = 0; i < set.nocgs; i++)
			json_array_append_new(arr, cg_ocg_json(&set.ocgs[i]));
		http_reply(c, 200, json_pack("{s:o, s:o}", "ocgs", arr, "flags",
					     http_flags_json(set.flags, set.nflags)));
	}
	cg_ocg_set_release(&set);
	return rc;
}

HTTP_HANDLER(h_ocg_show)
{
	struct cg_ocg o = { 0 };
	enum cg_status rc = cg_ocg_get(&c->ctx, c->id, &o, err);

	if (rc)
		return rc;
	http_reply(c, 200, cg_ocg_json(&o));
	cg_ocg_release(&o);
	return CG_OK;
}
