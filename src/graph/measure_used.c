/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * measure_used.c - what a result rests on (graph layer): the network's
 * description followed by the measure's parameters. See measures.h.
 */
#include <stdarg.h>
#include <stdio.h>

#include "graph/measures.h"
#include "base/banned.h"

void cg_measure_used_init(struct cg_buf *used, const struct cg_network *net)
{
	cg_buf_init(used, 0);
	/* the description is a few lines bounded by the filters; it cannot
	 * pass the buffer's maximum */
	(void)cg_buf_add(used, net->description.data, net->description.len, NULL);
}

void cg_measure_used_add(struct cg_buf *used, const char *name, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	(void)cg_buf_printf(used, NULL, "%s: %s\n", name, line);
}
