/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * h_person.c - persons, source records and risk (http layer):
 * GET /api/v1/persons/{id}, /persons/{id}/risk, /persons/{id}/risk/history,
 * /records/search and /records/{id}. Each calls the function the command
 * line's `cg person show`, `risk show`, `risk history`, `record search`
 * and `record show` call, and answers the JSON those print.
 */
#include <stdlib.h>

#include "http/http_internal.h"
#include "model/record.h"
#include "risk/assess.h"
#include "base/banned.h"

/* {"records": [...], "flags": [...]}, as `cg person show --format json`. */
static json_t *set_json(const struct cg_record_set *set)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < set->nrecords; i++)
		json_array_append_new(arr, cg_record_json(&set->records[i]));
	return json_pack("{s:o, s:o}", "records", arr, "flags",
			 http_flags_json(set->flags, set->nflags));
}

HTTP_HANDLER(h_person_show)
{
	struct cg_record_set set = { 0 };
	enum cg_status rc = cg_record_person(&c->ctx, c->id, &set, err);
	if (rc == CG_OK)
		http_reply(c, 200, set_json(&set));
	cg_record_set_release(&set);
	return rc;
}

HTTP_HANDLER(h_record_show)
{
	struct cg_record r = { 0 };
	enum cg_status rc = cg_record_get(&c->ctx, c->id, &r, err);
	if (rc == CG_OK)
		http_reply(c, 200, cg_record_json(&r));
	cg_record_release(&r);
	return rc;
}

HTTP_HANDLER(h_record_search)
{
	struct cg_record_set set = { 0 };
	struct cg_record_filter f = { 0 };
	uint64_t limit = 0;
	enum cg_status rc = http_query_uint(c, "limit", 1, CG_RECORD_LIST_MAX, &limit, err);

	f.name = http_query(c, "name");
	f.dob = http_query(c, "dob");
	f.owner_agency = http_query(c, "agency");
	f.limit = (size_t)limit;
	if (rc == CG_OK && !f.name)
		return http_fail_field(c, "name", CG_INVALID, err, "name: required");
	if (rc == CG_OK)
		rc = cg_record_search(&c->ctx, &f, &set, err);
	if (rc == CG_OK)
		http_reply(c, 200, set_json(&set));
	cg_record_set_release(&set);
	return rc;
}

HTTP_HANDLER(h_person_risk)
{
	struct cg_risk_view v;
	enum cg_status rc = cg_risk_show(&c->ctx, c->id, &v, err);
	if (rc)
		return rc;
	http_reply(c, 200, cg_risk_view_json(&v));
	cg_risk_view_release(&v);
	return CG_OK;
}

HTTP_HANDLER(h_person_risk_history)
{
	struct cg_risk_view *views = NULL;
	size_t n = 0;
	enum cg_status rc = cg_risk_history(&c->ctx, c->id, &views, &n, err);
	json_t *arr;

	if (rc)
		return rc;
	arr = json_array();
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(arr, cg_risk_view_json(&views[i]));
		cg_risk_view_release(&views[i]);
	}
	free(views);
	return http_reply(c, 200, arr);
}
