/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * network.h - the network analysts study (graph layer): persons as nodes,
 * and every piece of evidence that joins two of them as a link: an
 * association, a visit, a call, a phone both used, nights on the same wing,
 * two subjects of one intelligence report.
 *
 * Links between the same two people fold into one weighted edge for the
 * mathematics (the sum of their types' weights); the links themselves stay,
 * so a path or a broker can be shown with its provenance.
 *
 * A network from the store is built for one principal (build.h): all that
 * is in it passed the visibility rule, so no analysis over it can use or
 * reveal what that principal may not see. Building is the consultation that
 * is audited; analysis is pure computation over the built network, and the
 * same network and options always give the same result.
 *
 * Construction, for the builder, the edge-list import and tests:
 * cg_net_new, cg_net_type, cg_net_node, cg_net_link..., then cg_net_finish,
 * which sorts the links and folds them into edges. After cg_net_finish the
 * network is read-only.
 */
#ifndef CG_GRAPH_NETWORK_H
#define CG_GRAPH_NETWORK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/error.h"
#include "base/strmap.h"

/* A day as days since 1970-01-01 (base/date.h cg_date_to_days). */
#define CG_NET_NO_DATE INT32_MIN

/* A kind of link, with the weight one link of it adds to its edge. */
struct cg_net_type {
	char *name;   /* "family", "visit", "same_wing", ... */
	double weight;
	bool custody; /* made in custody: co-location, visits, calls from prison */
};

/* Where a link comes from: which table row_id (and row_id2) point into. */
enum cg_net_origin {
	CG_NET_ASSOCIATION, /* association rows; to an object: row_id2 is the other's row */
	CG_NET_EVENT,       /* an event with two people (visit, call, transaction) */
	CG_NET_OBJECT,      /* both used one object (via = object id) through events */
	CG_NET_CUSTODY,     /* co-location: row_id and row_id2 are the two custody events */
	CG_NET_INTEL,       /* two subjects of one intelligence report (row_id) */
	CG_NET_EXTERNAL,    /* a row of an imported edge list */
};

const char *cg_net_origin_name(enum cg_net_origin o);

/* A day (CG_NET_NO_DATE or days since 1970-01-01) as "YYYY-MM-DD" into
 * out; "" for CG_NET_NO_DATE. What every result shows a link's dates with. */
void cg_net_day_text(int32_t day, char out[CG_DATE_ISO_SIZE]);

/* A node's risk tier as "low", "medium" or "high"; NULL for none (-1). */
const char *cg_net_tier_name(int tier);

/* One piece of evidence joining nodes a and b (a < b once finished). */
struct cg_net_link {
	uint32_t a, b;
	uint32_t type;           /* index into the network's types */
	int32_t from, to;        /* the days it held; CG_NET_NO_DATE when unknown */
	enum cg_net_origin origin;
	char grading[3];         /* "2B"; "" for an ungraded record of fact */
	int64_t owner_agency_id; /* 0 for external networks */
	int64_t row_id;
	int64_t row_id2;         /* 0 unless two rows make the link */
	int64_t via;             /* object or location id passed through; 0 if none */
	double weight;           /* this link's contribution to its edge */
};

/* A person (or an external network's node). */
struct cg_net_node {
	int64_t person_id;  /* 0 in an external network */
	char *key;          /* the person id in decimal, or the external key */
	char *label;        /* a name from a record the principal may see */
	int64_t *ocgs;      /* OCG ids of memberships the principal may see */
	size_t nocgs;
	char *group;        /* an external node's group attribute; NULL otherwise */
	int tier;           /* latest risk tier (0 low, 1 medium, 2 high); -1 none */
};

/* Links between a and b folded: links[first .. first+count). */
struct cg_net_edge {
	uint32_t a, b;
	double weight;
	size_t first, count;
};

struct cg_network {
	struct cg_net_node *nodes;
	size_t nnodes, cap_nodes;
	struct cg_net_link *links;
	size_t nlinks, cap_links;
	struct cg_net_type *types;
	size_t ntypes, cap_types;
	/* Filled by cg_net_finish. */
	struct cg_net_edge *edges;
	size_t nedges;
	size_t *adj_start;   /* nnodes + 1 offsets into adj_edge */
	uint32_t *adj_edge;  /* edge indexes around each node, 2 * nedges */
	bool finished;
	/* Names of the places and objects links pass through (via), for
	 * display: "BMI wing F", "phone 07700900123". */
	char **via_names;
	size_t nvia_names, cap_via_names;
	struct cg_strmap via_index; /* "L<id>" or "O<id>" -> index into via_names */
	/* What the network was built from, for every result to name: one
	 * line per setting ("principal: ...", "window: ...", "types: ..."). */
	struct cg_buf description;
};

struct cg_network *cg_net_new(void);
void cg_net_free(struct cg_network *net);

/* The index of type `name`, added with `weight` and `custody` if new. */
uint32_t cg_net_type(struct cg_network *net, const char *name, double weight, bool custody);
/* The index of type `name`, or -1. */
int64_t cg_net_type_find(const struct cg_network *net, const char *name);

/* Adds a node (strings copied; label, group may be NULL) and returns its
 * index. Memberships are added with cg_net_node_ocg. */
uint32_t cg_net_node(struct cg_network *net, int64_t person_id, const char *key,
		     const char *label);
void cg_net_node_ocg(struct cg_network *net, uint32_t node, int64_t ocg_id);
void cg_net_node_group(struct cg_network *net, uint32_t node, const char *group);

/* Adds a link (copied). A link of a node to itself is dropped: it says
 * nothing about the network. weight < 0 means the type's weight. */
void cg_net_link_add(struct cg_network *net, const struct cg_net_link *l);

/* Sorts the links by (a, b), folds them into edges and builds the
 * adjacency. Called once. */
void cg_net_finish(struct cg_network *net);

/* The node at the other end of edge e from node v. */
static inline uint32_t cg_net_other(const struct cg_network *net, size_t e, uint32_t v)
{
	return net->edges[e].a == v ? net->edges[e].b : net->edges[e].a;
}
/* Appends the distinct link types of edge e to `out`, joined by `sep`
 * ("associate;same_wing"): in type order, as cg_net_finish sorts an edge's
 * links by type. */
void cg_net_edge_types(const struct cg_network *net, size_t e, const char *sep,
		       struct cg_buf *out);
/* The index of the node with `key`, or -1 (linear; for command lines). */
int64_t cg_net_node_find(const struct cg_network *net, const char *key);
/* True if node v has a membership of ocg_id. */
bool cg_net_node_in_ocg(const struct cg_network *net, uint32_t v, int64_t ocg_id);

/*
 * The part of a finished network on the nodes where keep[v] is true: those
 * nodes (in their order, with their memberships and tiers), every type, the
 * links between kept nodes and the description. Finished. If `old_index`
 * is not NULL it receives a malloc'd array: new node i was old node
 * (*old_index)[i].
 */
struct cg_network *cg_net_subgraph(const struct cg_network *net, const bool *keep,
				   uint32_t **old_index);

/*
 * Names what a link passes through: a location (place = true: custody
 * links) or an object (shared_* links). cg_net_via_name gives the name for
 * a link's via, or NULL when it has none or none was set.
 */
void cg_net_via_name_set(struct cg_network *net, bool place, int64_t id, const char *name);
const char *cg_net_via_name(const struct cg_network *net, const struct cg_net_link *l);

/* Appends one line "name: value" to the network's description. */
void cg_net_describe(struct cg_network *net, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
