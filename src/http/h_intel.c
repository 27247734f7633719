/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * h_intel.c - intelligence reports over HTTP (http layer): search, read,
 * submit, approve and reject, through model/intel.h as `cg intel ...`
 * does. The 3x5x2 grading, the label, the four-eyes approval and who sees
 * what are the library's; its messages name the field, which the reply
 * turns into "field".
 */
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "http/http_internal.h"
#include "model/intel.h"
#include "base/banned.h"

/* {"reports": [...], "flags": [...]}, as `cg intel search --format json`. */
static json_t *set_json(const struct cg_intel_set *set)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < set->nreports; i++)
		json_array_append_new(arr, cg_intel_json(&set->reports[i]));
	return json_pack("{s:o, s:o}", "reports", arr, "flags",
			 http_flags_json(set->flags, set->nflags));
}

/* "KIND:ID" (the subject filter) into *out. */
static enum cg_status parse_subject(struct http_call *c, const char *s,
				    struct cg_intel_subject *out, struct cg_error *err)
{
	struct cg_error bad = CG_ERROR_INIT;
	if (s && cg_intel_subject_parse(s, strlen(s), out, &bad))
		return http_fail_field(c, "subject", bad.code, err, "%s", bad.message);
	return CG_OK;
}

HTTP_HANDLER(h_intel_search)
{
	struct cg_intel_set set = { 0 };
	struct cg_intel_filter f = { 0 };
	uint64_t limit = 0;
	enum cg_status rc = http_query_uint(c, "limit", 1, CG_INTEL_LIST_MAX, &limit, err);

	if (rc == CG_OK)
		rc = parse_subject(c, http_query(c, "subject"), &f.subject, err);
	if (rc)
		return rc;
	f.text = http_query(c, "q");
	f.sources = http_query(c, "source");
	f.assessments = http_query(c, "assessment");
	f.owner_agency = http_query(c, "agency");
	f.from = http_query(c, "from");
	f.to = http_query(c, "to");
	f.status = http_query(c, "status");
	f.limit = (size_t)limit;
	rc = cg_intel_search(&c->ctx, &f, &set, err);
	if (rc == CG_OK)
		http_reply(c, 200, set_json(&set));
	cg_intel_set_release(&set);
	return rc;
}

HTTP_HANDLER(h_intel_show)
{
	struct cg_intel r = { 0 };
	enum cg_status rc = cg_intel_get(&c->ctx, c->id, &r, err);
	if (rc)
		return rc;
	http_reply(c, 200, cg_intel_json(&r));
	cg_intel_release(&r);
	return CG_OK;
}

/* The body's "subjects": [{"kind": "person", "id": 12}, ...]. */
static enum cg_status read_subjects(struct http_call *c, struct cg_intel_subject *out,
				    size_t *n, struct cg_error *err)
{
	json_t *arr = json_object_get(c->body, "subjects"), *v;
	size_t i;

	*n = 0;
	if (!arr || json_is_null(arr))
		return CG_OK;
	if (json_array_size(arr) > CG_INTEL_SUBJECTS_MAX)
		return http_fail_field(c, "subjects", CG_INVALID, err, "subjects: more than %d",
				       CG_INTEL_SUBJECTS_MAX);
	json_array_foreach(arr, i, v) {
		const char *kind = json_string_value(json_object_get(v, "kind"));
		json_t *id = json_object_get(v, "id");
		char field[32];
		snprintf(field, sizeof(field), "subjects[%zu]", i);
		if (!json_is_object(v) || json_object_size(v) != 2 || !kind || !json_is_integer(id))
			return http_fail_field(c, field, CG_INVALID, err,
					       "%s: must be {\"kind\": KIND, \"id\": ID}", field);
		if (strlen(kind) >= sizeof(out->kind) || json_integer_value(id) <= 0)
			return http_fail_field(c, field, CG_INVALID, err,
					       "%s: no such subject kind or id", field);
		memcpy(out[i].kind, kind, strlen(kind) + 1);
		out[i].id = json_integer_value(id);
	}
	*n = json_array_size(arr);
	return CG_OK;
}

HTTP_HANDLER(h_intel_add)
{
	struct cg_intel_subject subs[CG_INTEL_SUBJECTS_MAX];
	json_t *group = json_object_get(c->body, "mopi_group");
	json_int_t g = json_is_integer(group) ? json_integer_value(group) : 0;
	size_t nsubs = 0;
	int64_t id = 0;
	enum cg_status rc = read_subjects(c, subs, &nsubs, err);

	if (rc)
		return rc;
	struct cg_intel_input in = {
		.text = http_body_str(c, "text"),
		.source_evaluation = http_body_str(c, "source_evaluation"),
		.intel_assessment = http_body_str(c, "intel_assessment"),
		.label = { http_body_str(c, "classification"), http_body_str(c, "handling_code"),
			   http_body_str(c, "handling_conditions"), http_body_str(c, "compartments"),
			   http_body_str(c, "flag_contact") },
		.sanitised_text = http_body_str(c, "sanitised_text"),
		.sanitised_classification = http_body_str(c, "sanitised_classification"),
		.relates_to = http_body_str(c, "relates_to"),
		/* out of int's range is no group at all: the library says which are */
		.mopi_group = g >= INT_MIN && g <= INT_MAX ? (int)g : 0,
		.subjects = subs,
		.nsubjects = nsubs,
	};
	rc = cg_intel_add(&c->ctx, &in, &id, err);
	if (rc)
		return rc;
	return http_reply(c, 201, json_pack("{s:I, s:s}", "id", (json_int_t)id, "status",
					    "submitted"));
}

HTTP_HANDLER(h_intel_approve)
{
	enum cg_status rc = cg_intel_approve(&c->ctx, c->id, err);
	if (rc)
		return rc;
	return http_reply(c, 200, json_pack("{s:I, s:s}", "id", (json_int_t)c->id, "status",
					    "approved"));
}

HTTP_HANDLER(h_intel_reject)
{
	enum cg_status rc = cg_intel_reject(&c->ctx, c->id, http_body_str(c, "reason"), err);
	if (rc)
		return rc;
	return http_reply(c, 200, json_pack("{s:I, s:s}", "id", (json_int_t)c->id, "status",
					    "rejected"));
}
