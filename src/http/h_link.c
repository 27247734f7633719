/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * h_link.c - the link review queue over HTTP (http layer):
 * GET /api/v1/link/review lists the open items the analyst may decide and
 * POST /api/v1/link/review/{id} decides one, through link/link.h's review
 * functions (the same decisions as `cg link confirm|reject|split`).
 */
#include <stdlib.h>
#include <string.h>

#include "http/http_internal.h"
#include "link/link.h"
#include "base/banned.h"

static json_t *item_json(const struct cg_link_review_item *it)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:f, s:s, s:s, s:s}", "id", (json_int_t)it->id,
			 "record_a", (json_int_t)it->record_a, "record_b", (json_int_t)it->record_b,
			 "person_a", (json_int_t)it->person_a, "person_b", (json_int_t)it->person_b,
			 "weight", it->weight, "kind", it->kind, "detail", it->detail, "created_at",
			 it->created_at);
}

HTTP_HANDLER(h_link_review_list)
{
	struct cg_link_review_item *items = NULL;
	uint64_t after = 0, limit = 0;
	size_t n = 0;
	enum cg_status rc = http_query_uint(c, "after", 0, INT64_MAX, &after, err);
	json_t *arr;

	if (rc == CG_OK)
		rc = http_query_uint(c, "limit", 1, CG_LINK_REVIEW_LIST_MAX, &limit, err);
	if (rc == CG_OK)
		rc = cg_link_review_list(&c->ctx, (int64_t)after, (size_t)limit, &items, &n, err);
	if (rc)
		return rc;
	arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, item_json(&items[i]));
	free(items);
	return http_reply(c, 200, json_pack("{s:o}", "items", arr));
}

HTTP_HANDLER(h_link_review_decide)
{
	json_t *record = json_object_get(c->body, "record");
	enum cg_link_decision d;
	enum cg_status rc;

	if (!cg_link_decision_parse(http_body_str(c, "decision"), &d))
		return http_fail_field(c, "decision", CG_INVALID, err,
				       "decision: confirm, reject or split");
	rc = cg_link_review_decide(&c->ctx, c->id, d,
				   json_is_integer(record) ? json_integer_value(record) : 0,
				   http_body_str(c, "reason"), err);
	if (rc)
		return rc;
	return http_reply(c, 200, json_pack("{s:I, s:s, s:s}", "item", (json_int_t)c->id,
					    "decision", cg_link_decision_name(d), "applies",
					    "from the next link run"));
}
