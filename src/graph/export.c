/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * export.c - choosing a network export format, and what the writers share:
 * edge summaries, dates, numbers, XML text (graph layer). See export.h.
 */
#include "graph/export.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "access/audit.h"
#include "base/utf8.h"
#include "graph/export_internal.h"
#include "base/banned.h"

static const char *const format_names[] = { "graphml", "gexf", "csv", "json" };

const char *cg_net_format_name(enum cg_net_format f)
{
	return (unsigned)f < sizeof(format_names) / sizeof(format_names[0]) ? format_names[f] : "?";
}

enum cg_status cg_net_format_parse(const char *name, enum cg_net_format *out,
				   struct cg_error *err)
{
	for (size_t i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (name && strcmp(name, format_names[i]) == 0) {
			*out = (enum cg_net_format)i;
			return CG_OK;
		}
	return cg_fail(err, CG_INVALID, "format '%.40s' is not one of graphml, gexf, csv, json",
		       name ? name : "");
}

enum cg_status cg_net_export(const struct cg_network *net, enum cg_net_format fmt,
			     const struct cg_net_attr *attrs, size_t nattrs, FILE *out,
			     struct cg_error *err)
{
	switch (fmt) {
	case CG_NET_FORMAT_GRAPHML:
		return cg_net_write_graphml(net, attrs, nattrs, out, err);
	case CG_NET_FORMAT_GEXF:
		return cg_net_write_gexf(net, attrs, nattrs, out, err);
	case CG_NET_FORMAT_CSV:
		return cg_net_write_csv(net, out, err);
	case CG_NET_FORMAT_JSON:
		return cg_net_write_json(net, attrs, nattrs, out, err);
	}
	return cg_fail(err, CG_INVALID, "unknown export format");
}

enum cg_status cg_net_export_disclosed(struct cg_ctx *ctx, const struct cg_network *net,
				       enum cg_net_format fmt, const char *recipients, FILE *out,
				       struct cg_error *err)
{
	const char *d = net->description.data;
	size_t first_line = strcspn(d, "\n");
	char detail[600], self[200];
	enum cg_status rc = cg_ctx_require_justification(ctx, "graph export", err);

	if (rc)
		return rc;
	if (recipients && !*recipients)
		return cg_fail(err, CG_INVALID, "recipients: empty; say who receives the export");
	/* Without recipients the file is for the analyst's own tools. */
	if (!recipients) {
		snprintf(self, sizeof(self), "%s (%s), own analysis", ctx->who.username,
			 ctx->who.agency_code);
		recipients = self;
	}
	/* The network was built (and its consultation logged) for this
	 * principal; the entry says what left the system and in what form. */
	snprintf(detail, sizeof(detail), "graph export %s: %zu nodes, %zu links; %.*s",
		 cg_net_format_name(fmt), net->nnodes, net->nlinks,
		 (int)(first_line < 400 ? first_line : 400), d);
	struct cg_audit_event ev = { CG_AUDIT_DISCLOSURE, NULL, 0, detail, recipients };
	rc = cg_audit_append(ctx, &ev, NULL, err);
	if (rc == CG_OK)
		rc = cg_net_export(net, fmt, NULL, 0, out, err);
	return rc;
}

void export_edge_summary(const struct cg_network *net, size_t e, struct edge_summary *s)
{
	const struct cg_net_edge *ed = &net->edges[e];
	int64_t first = INT64_MAX, last = INT64_MIN;
	cg_buf_reset(&s->types);
	cg_net_edge_types(net, e, ";", &s->types);
	for (size_t i = ed->first; i < ed->first + ed->count; i++) {
		const struct cg_net_link *l = &net->links[i];
		int32_t lo = l->from != CG_NET_NO_DATE ? l->from : l->to;
		int32_t hi = l->to != CG_NET_NO_DATE ? l->to : l->from;
		if (lo != CG_NET_NO_DATE && lo < first)
			first = lo;
		if (hi != CG_NET_NO_DATE && hi > last)
			last = hi;
	}
	cg_net_day_text(first == INT64_MAX ? CG_NET_NO_DATE : (int32_t)first, s->first);
	cg_net_day_text(last == INT64_MIN ? CG_NET_NO_DATE : (int32_t)last, s->last);
}

void export_ocgs(const struct cg_net_node *n, struct cg_buf *b)
{
	cg_buf_reset(b);
	for (size_t i = 0; i < n->nocgs; i++)
		(void)cg_buf_printf(b, NULL, "%s%" PRId64, i ? ";" : "", n->ocgs[i]);
}

void export_number(double v, char out[32])
{
	snprintf(out, 32, "%.15g", v);
	if (strtod(out, NULL) != v)
		snprintf(out, 32, "%.17g", v);
}

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

void export_xml_text(FILE *out, const char *s)
{
	if (!s)
		return;
	size_t len = strlen(s);
	/* Stored text is UTF-8 already; a string that is not (it should never
	 * happen) still yields well-formed XML. */
	bool utf8 = cg_utf8_valid(s, len, NULL);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '&': fputs("&amp;", out); continue;
		case '<': fputs("&lt;", out); continue;
		case '>': fputs("&gt;", out); continue;
		case '"': fputs("&quot;", out); continue;
		case '\'': fputs("&apos;", out); continue;
		/* as references, so attribute values keep them too */
		case '\t': fputs("&#9;", out); continue;
		case '\n': fputs("&#10;", out); continue;
		case '\r': fputs("&#13;", out); continue;
		default: break;
		}
		if (c < 0x20 || (c >= 0x80 && !utf8)) {
			fputs(REPLACEMENT, out);
			continue;
		}
		/* U+FFFE and U+FFFF are not XML characters either */
		if (c == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBF &&
		    ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF)) {
			fputs(REPLACEMENT, out);
			i += 2;
			continue;
		}
		fputc(c, out);
	}
}

enum cg_status export_check_attrs(const struct cg_net_attr *attrs, size_t nattrs,
				  struct cg_error *err)
{
	static const char *const builtin[] = { "id", "key", "label", "ocgs", "tier", "group",
					       "weight", "types", "links", "first", "last" };
	for (size_t i = 0; i < nattrs; i++) {
		const char *n = attrs[i].name;
		size_t len = n ? strlen(n) : 0;
		if (len == 0 || len > 64 || strspn(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
						     "0123456789_") != len)
			return cg_fail(err, CG_INVALID,
				       "node attribute '%.64s': a name is 1 to 64 of A-Z a-z 0-9 _",
				       n ? n : "");
		for (size_t b = 0; b < sizeof(builtin) / sizeof(builtin[0]); b++)
			if (strcmp(n, builtin[b]) == 0)
				return cg_fail(err, CG_INVALID,
					       "node attribute '%s': the export has one of that name",
					       n);
		for (size_t j = 0; j < i; j++)
			if (strcmp(n, attrs[j].name) == 0)
				return cg_fail(err, CG_INVALID, "node attribute '%s' given twice", n);
	}
	return CG_OK;
}

enum cg_status export_done(FILE *out, const char *format, struct cg_error *err)
{
	if (fflush(out) != 0 || ferror(out))
		return cg_fail(err, CG_IO, "could not write the %s export", format);
	return CG_OK;
}
