/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * q_network.h - external networks: the edge-list import writing networks,
 * nodes and edges, and the graph layer reading one back (store layer). See
 * queries.h for how the catalogue works and 0014_external_network.sql for
 * the tables.
 */
#ifndef CG_STORE_Q_NETWORK_H
#define CG_STORE_Q_NETWORK_H

/* Every read of networks returns these columns (graph/external.c numbers
 * them): id, name, description ("" for none), created at, updated at,
 * owner code, then the label (owner id, classification, handling code,
 * conditions, compartments, flag contact, restricted). */
#define CG_NETWORK_COLUMNS                                                     \
	"SELECT n.id, n.name, coalesce(n.description, ''), n.created_at,"      \
	" n.updated_at, a.code, n.owner_agency_id, n.classification,"          \
	" n.handling_code, n.handling_conditions, n.compartments,"             \
	" n.flag_contact, n.restricted"                                        \
	" FROM external_network n JOIN agency a ON a.id = n.owner_agency_id"

#define CG_QUERIES_NETWORK(X)                                                  \
	/* 1 owner agency, 2 name. -> id, classification, handling code,      \
	 * conditions ("" for none), compartments, flag contact ("" for none) \
	 * of that agency's network of that name */                           \
	X(NETWORK_FIND_OWN,                                                    \
	  "SELECT id, classification, handling_code,"                          \
	  " coalesce(handling_conditions, ''), compartments,"                  \
	  " coalesce(flag_contact, '') FROM external_network"                  \
	  " WHERE owner_agency_id = ? AND name = ?")                           \
	/* 1 name, 2 description, 3 created by, 4 created at (also updated   \
	 * at), 5 owner, 6..10 label (classification, handling, conditions,   \
	 * compartments, flag contact) */                                     \
	X(NETWORK_INSERT,                                                      \
	  "INSERT INTO external_network(name, description, created_by,"        \
	  " created_at, updated_at, owner_agency_id, classification,"          \
	  " handling_code, handling_conditions, compartments, flag_contact)"   \
	  " VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7, ?8, ?9, ?10)")             \
	/* 1 updated at, 2 network */                                         \
	X(NETWORK_TOUCH, "UPDATE external_network SET updated_at = ? WHERE id = ?") \
	/* 1 network, 2 key. -> id, label, group (NULL when none) */          \
	X(NETWORK_NODE_FIND,                                                   \
	  "SELECT id, label, group_name FROM external_node"                    \
	  " WHERE network_id = ? AND key = ?")                                 \
	/* 1 network, 2 key, 3 label, 4 group, 5 batch */                     \
	X(NETWORK_NODE_INSERT,                                                 \
	  "INSERT INTO external_node(network_id, key, label, group_name, batch_id)" \
	  " VALUES (?, ?, ?, ?, ?)")                                           \
	/* 1 label, 2 group, 3 batch, 4 node */                               \
	X(NETWORK_NODE_UPDATE,                                                 \
	  "UPDATE external_node SET label = ?, group_name = ?, batch_id = ?"   \
	  " WHERE id = ?")                                                     \
	/* 1 network, 2 file, 3 line, 4 source node, 5 target node, 6 weight, \
	 * 7 occurred at, 8 batch: changes the edge of that line when it says \
	 * something else (no change when it says the same) */                \
	X(NETWORK_EDGE_UPDATE,                                                 \
	  "UPDATE external_edge SET source_node_id = ?4, target_node_id = ?5," \
	  " weight = ?6, occurred_at = ?7, batch_id = ?8"                      \
	  " WHERE network_id = ?1 AND file = ?2 AND line = ?3"                 \
	  " AND (source_node_id <> ?4 OR target_node_id <> ?5 OR weight <> ?6" \
	  "  OR occurred_at IS NOT ?7)")                                       \
	/* 1 network, 2 file, 3 line, 4 source node, 5 target node, 6 weight, \
	 * 7 occurred at, 8 batch: stores the line's edge unless it exists */ \
	X(NETWORK_EDGE_INSERT,                                                 \
	  "INSERT OR IGNORE INTO external_edge(network_id, file, line,"        \
	  " source_node_id, target_node_id, weight, occurred_at, batch_id)"    \
	  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")                                  \
	/* 1 network, 2 file, 3 first line, 4 last line: removes the edges    \
	 * of lines that no longer hold one (inclusive range) */              \
	X(NETWORK_EDGE_DELETE_LINES,                                           \
	  "DELETE FROM external_edge WHERE network_id = ? AND file = ?"        \
	  " AND line BETWEEN ? AND ?")                                         \
	/* 1 name, 2 the principal's agency. -> CG_NETWORK_COLUMNS of every   \
	 * network of that name, the principal's agency's first */            \
	X(NETWORK_BY_NAME,                                                     \
	  CG_NETWORK_COLUMNS " WHERE n.name = ?1"                              \
	  " ORDER BY n.owner_agency_id <> ?2, n.id")                           \
	/* -> CG_NETWORK_COLUMNS of every network, by owner code and name */  \
	X(NETWORK_LIST, CG_NETWORK_COLUMNS " ORDER BY a.code, n.name")         \
	/* 1 network. -> node count, edge count */                            \
	X(NETWORK_COUNTS,                                                      \
	  "SELECT (SELECT count(*) FROM external_node WHERE network_id = ?1)," \
	  " (SELECT count(*) FROM external_edge WHERE network_id = ?1)")       \
	/* 1 network. -> id, key, label, group (NULL when none), in id order */ \
	X(NETWORK_NODES,                                                       \
	  "SELECT id, key, label, group_name FROM external_node"               \
	  " WHERE network_id = ? ORDER BY id")                                 \
	/* 1 network. -> id, source node, target node, weight, occurred at    \
	 * (NULL when none), in no set order (the network sorts its links) */ \
	X(NETWORK_EDGES,                                                       \
	  "SELECT id, source_node_id, target_node_id, weight, occurred_at"     \
	  " FROM external_edge WHERE network_id = ?")

#endif
