/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * commands.c - the command table (cli layer).
 *
 * Adding a command: write cmd_<name>.c with its handler, declare it below,
 * add a row, and declare the handler in cli.h. tests/cli checks that every row answers --help.
 */
#include <string.h>

#include "cli/cli.h"
#include "cli/net_args.h"
#include "base/banned.h"

const struct cli_command cg_commands[] = {
	{ "init", "create a store, or migrate one to this version's schema",
	  "usage: cg init [--db PATH]\n"
	  "Creates the store at --db (default ./commonground.db or $CG_DB) or\n"
	  "migrates an existing one. Refuses files that are not Common Ground\n"
	  "stores and stores written by a newer version, leaving them unchanged.\n"
	  "Creates no users and no default password: add the first administrator\n"
	  "with 'cg user add'.\n",
	  cmd_init },
	{ "stats", "row counts per table",
	  "usage: cg stats [--format text|csv|json]\n", cmd_stats },
	{ "agency add", "add an agency (the first one before any user exists)",
	  "usage: cg agency add CODE --name NAME --type TYPE --level LEVEL\n"
	  "                     [--parent CODE] [--contact TEXT]\n"
	  "CODE: 1-32 of A-Z, 0-9, _ and -. TYPE: police_force, prison, probation,\n"
	  "regional_unit or national_unit. LEVEL: local, regional or national.\n"
	  "Needs an administrator (--as), or no --as while the store has none yet.\n",
	  cmd_agency_add },
	{ "agency list", "list agencies",
	  "usage: cg agency list [--format text|csv|json]   (any user, --as)\n",
	  cmd_agency_list },
	{ "user add", "add a user (the first administrator before any user exists)",
	  "usage: cg user add USERNAME --agency CODE --roles R1,R2 --clearance C\n"
	  "                   [--name DISPLAY] [--service] [--password-stdin]\n"
	  "USERNAME: 1-64 of a-z, 0-9, ., _ and -. Roles: analyst, pio, officer,\n"
	  "supervisor, admin, auditor. Clearance: OFFICIAL, SECRET or TOP SECRET.\n"
	  "--password-stdin reads the password (at least 12 bytes) as one line of\n"
	  "standard input; without it the user cannot log in over HTTP. --service:\n"
	  "a batch job's account, which never logs in. Needs an administrator (--as),\n"
	  "or no --as while the store has none yet (then the user must be an admin).\n",
	  cmd_user_add },
	{ "user list", "list users, their roles, clearance and compartments",
	  "usage: cg user list [--format text|csv|json]   (an admin or auditor, --as)\n",
	  cmd_user_list },
	{ "user passwd", "set a user's password from standard input",
	  "usage: cg user passwd USERNAME   (the user themselves or an admin, --as)\n"
	  "Reads the new password as one line of standard input. Clears a lockout\n"
	  "and ends the user's open sessions.\n",
	  cmd_user_passwd },
	{ "compartment add", "add a compartment owned by your agency",
	  "usage: cg compartment add CODE --name NAME   (an admin, --as)\n",
	  cmd_compartment_add },
	{ "compartment grant", "let a user into one of your agency's compartments",
	  "usage: cg compartment grant CODE USERNAME   (an admin of the owning agency, --as)\n",
	  cmd_compartment_grant },
	{ "session login", "check a password and print a new session token",
	  "usage: cg session login USERNAME [--ttl SECONDS]\n"
	  "Reads the password as one line of standard input and prints a session\n"
	  "token (default lifetime 8 hours, at most 30 days). Five wrong passwords\n"
	  "in a row lock the account for 15 minutes.\n",
	  cmd_session_login },
	{ "session check", "print the user, agency and roles of a session token",
	  "usage: cg session check TOKEN   (- reads the token from standard input)\n"
	  "Prints 'USERNAME AGENCY ROLES'; exits 1 when the token is unknown,\n"
	  "expired or revoked.\n",
	  cmd_session_check },
	{ "session logout", "revoke a session token",
	  "usage: cg session logout TOKEN   (- reads the token from standard input)\n",
	  cmd_session_logout },
	{ "audit verify", "check the audit chain; exit 1 naming the first bad entry",
	  "usage: cg audit verify [--head SEQ:HASH]\n"
	  "Recomputes every entry's hash and checks the links, the numbering and\n"
	  "the audit_record rows. Prints 'audit chain intact: N entries, head SEQ\n"
	  "HASH', or names the first entry that was altered, removed, inserted or\n"
	  "reordered and exits 1. --head SEQ:HASH (from 'cg audit head', kept\n"
	  "elsewhere) also checks that entry SEQ still has that hash, which catches\n"
	  "the newest entries being cut off. Needs no user.\n",
	  cmd_audit_verify },
	{ "audit head", "print the audit chain's head for export and countersigning",
	  "usage: cg audit head [--format text|json]\n"
	  "Prints the newest entry's sequence number and hash ('SEQ HASH', or\n"
	  "{\"seq\":SEQ,\"hash\":\"HASH\"}); 0 and 64 zeros for an empty log.\n"
	  "Keep it outside the store; 'cg audit verify --head SEQ:HASH' checks it.\n",
	  cmd_audit_head },
	{ "audit consulted", "who outside an agency consulted its records, when and why",
	  "usage: cg audit consulted --agency CODE [--format text|csv|json]\n"
	  "An auditor, or a supervisor or admin of the agency.\n",
	  cmd_audit_consulted },
	{ "audit subject", "every operation on one person's records",
	  "usage: cg audit subject PERSON_ID [--format text|csv|json]   (an auditor)\n",
	  cmd_audit_subject },
	{ "audit record", "every operation on one source record",
	  "usage: cg audit record RECORD_ID [--format text|csv|json]   (an auditor)\n",
	  cmd_audit_record },
	{ "audit user", "everything one user did",
	  "usage: cg audit user USERNAME [--format text|csv|json]   (an auditor, or that user)\n",
	  cmd_audit_user },
	{ "demo", "the quick start: generate a synthetic region and load it",
	  "usage: cg demo [--out DIR] [--people N] [--seed S] [--no-serve]\n"
	  "Generates a synthetic region (default 2000 people, into ./demo-data),\n"
	  "creates the store at --db, sets up its police, prison and probation\n"
	  "agencies with an administrator, service accounts and users to try,\n"
	  "imports every export and links the records into persons. The store must\n"
	  "be new.\n",
	  cmd_demo },
	{ "demo generate", "write a synthetic region's agency exports and their truth",
	  "usage: cg demo generate --out DIR [--people N] [--seed S] [--noise FACTOR]\n"
	  "                        [--noise-KIND RATE]...\n"
	  "Simulates one region (people, OCGs, custody, visits, calls, intelligence)\n"
	  "and writes DIR/police, DIR/prison and DIR/probation as each agency's system\n"
	  "would export them, with realistic noise, plus DIR/truth (docs/exports.md).\n"
	  "The same options always give the same files. Needs no store.\n"
	  "  --people N      1 to 5000000 (default 1000)\n"
	  "  --seed S        0 to 18446744073709551615 (default 1)\n"
	  "  --noise FACTOR  multiply every default noise rate (0 = clean, default 1)\n"
	  "  --noise-KIND RATE  set one rate (0 to 1); KIND and default:\n"
	  "    nickname 0.05, typo 0.03, transposition 0.02, hyphenation 0.02,\n"
	  "    name-swap 0.01, alias 0.10, dob-swap 0.02, missing-id 0.20,\n"
	  "    old-address 0.10, duplicate 0.02\n",
	  cmd_demo_generate },
	{ "import", "load an agency export through a mapping profile",
	  "usage: cg import --profile NAME|FILE [--rejects DIR] [--network NAME] FILE...\n"
	  "Built-in profiles: police, prison, probation, exchange, edgelist\n"
	  "(docs/profiles.md).\n"
	  "Rows are owned by the agency of the --as user (or service account). Each\n"
	  "file is imported whole or not at all; rejected rows go to\n"
	  "DIR/FILE.rejects.csv (default: the current directory) with their line,\n"
	  "field and reason. Importing a file again changes nothing; changed rows\n"
	  "become new versions.\n"
	  "  --network NAME  edge and node tables (an edge list): import into the\n"
	  "                  external network NAME, all files in one transaction\n"
	  "                  (docs/network-exchange.md); `cg graph ... --network NAME`\n"
	  "                  analyses it\n",
	  cmd_import },
	{ "profile check", "validate a mapping profile (errors name the line)",
	  "usage: cg profile check NAME|FILE\n", cmd_profile_check },
	{ "profile keys", "every key a mapping profile may use, as a table",
	  "usage: cg profile keys\n", cmd_profile_keys },
	{ "record add", "add a source record owned by your agency",
	  "usage: cg record add --system SYS --id ID (--surname S | --forenames F) [--dob YYYY-MM-DD]\n"
	  "       [--sex M|F|X|U] [--pnc ID] [--cro ID] [--prison-number ID] [--crn ID]\n"
	  "       --classification C --handling P|C [--conditions agency:CODE,type:TYPE]\n"
	  "       [--compartments A,B] [--flag-contact TEXT]\n"
	  "       --category suspect|convicted|victim|witness|other --basis fact|assessment\n",
	  cmd_record_add },
	{ "record show", "one record you may see, with its identifiers",
	  "usage: cg record show ID [--format text|json]   (needs --reason)\n", cmd_record_show },
	{ "record list", "records you may see",
	  "usage: cg record list [--agency CODE] [--limit N] [--offset N] [--format text|csv|json]"
	  "   (needs --reason)\n",
	  cmd_record_list },
	{ "record count", "how many records you may see",
	  "usage: cg record count [--agency CODE]\n", cmd_record_count },
	{ "record search", "search names; flags where another agency holds more",
	  "usage: cg record search NAME [--agency CODE] [--limit N] [--format text|csv|json]"
	  "   (needs --reason)\n",
	  cmd_record_search },
	{ "record restrict", "keep a record but show it to nobody outside your agency",
	  "usage: cg record restrict ID   (a supervisor of the owning agency)\n",
	  cmd_record_restrict },
	{ "record release", "lift a restriction",
	  "usage: cg record release ID   (a supervisor of the owning agency)\n",
	  cmd_record_release },
	{ "record withdraw", "erase a record's content and notify who consulted it",
	  "usage: cg record withdraw ID --why TEXT   (a supervisor of the owning agency)\n",
	  cmd_record_withdraw },
	{ "person show", "one person: the records of each agency you may see, and who holds more",
	  "usage: cg person show PERSON_ID [--format text|json]   (needs --reason)\n"
	  "Records come from every agency whose records were linked to the person\n"
	  "(cg link); records you may not see appear only as \"agency X holds further\n"
	  "information\" where their owner allows it.\n",
	  cmd_person_show },
	{ "export records", "disclose the records you may see as JSON Lines",
	  "usage: cg export records --recipients WHO [--agency CODE]   (needs --reason)\n",
	  cmd_export_records },
	{ "link", "resolve source records into persons (entity resolution)",
	  "usage: cg link [--threshold W] [--review W] [--incremental] [--keep-model]\n"
	  "Compares candidate pairs found by blocking rules, trains the model (EM)\n"
	  "and links pairs whose match weight is at least --threshold (default 6);\n"
	  "pairs from --review (default 0) up to the threshold go to the review\n"
	  "queue. --incremental compares only records not linked yet, with the last\n"
	  "run's model; --keep-model reuses that model in a full run. Needs the\n"
	  "analyst role (--as). Analyst decisions always win. See docs/linking.md.\n",
	  cmd_link },
	{ "link explain", "why two records are or are not one person",
	  "usage: cg link explain RECORD_A RECORD_B   (an analyst; both records visible)\n",
	  cmd_link_explain },
	{ "link confirm", "decide that two records are one person",
	  "usage: cg link confirm RECORD_A RECORD_B --why TEXT\n", cmd_link_confirm },
	{ "link reject", "decide that two records are never one person",
	  "usage: cg link reject RECORD_A RECORD_B --why TEXT\n", cmd_link_reject },
	{ "link split", "take a record out of its person",
	  "usage: cg link split RECORD --why TEXT\n", cmd_link_split },
	{ "link merge", "decide that two persons are one",
	  "usage: cg link merge PERSON_A PERSON_B --why TEXT\n", cmd_link_merge },
	{ "export links", "which person each record you may see belongs to, as CSV",
	  "usage: cg export links [--format csv] [--recipients WHO]\n"
	  "Writes source_agency,source_record_id,person_id for every record you may\n"
	  "see in full, header first; flags on standard error where another agency\n"
	  "holds further records of the same person. Logged as a disclosure.\n",
	  cmd_export_links },
	{ "policy check", "validate a risk protocol file (errors name the line)",
	  "usage: cg policy check FILE\n"
	  "Parses the shared risk protocol in FILE (docs/risk-protocol.md) and\n"
	  "prints 'FILE: valid: N factors, hash H', or the first error as\n"
	  "FILE:LINE: reason and exits 1. Needs no store and no user.\n",
	  cmd_policy_check },
	{ "policy publish", "publish a risk protocol file as the next version",
	  "usage: cg policy publish FILE   (an admin, --as)\n"
	  "Checks FILE as 'cg policy check' does and stores it as the next version\n"
	  "with its content hash; prints 'policy version N published, hash H'.\n"
	  "A published version is never edited: publish a new one. Text already\n"
	  "published is refused, naming its version.\n",
	  cmd_policy_publish },
	{ "policy list", "the published versions of the risk protocol",
	  "usage: cg policy list [--format text|csv|json]   (any user, --as)\n"
	  "Prints version, published_at, published_by and hash, oldest first.\n",
	  cmd_policy_list },
	{ "policy show", "print a published risk protocol exactly as it was published",
	  "usage: cg policy show [VERSION]   (any user, --as)\n"
	  "Prints the text of VERSION (default: the newest) byte for byte.\n",
	  cmd_policy_show },
	{ "risk score", "score persons with the newest published risk protocol",
	  "usage: cg risk score (PERSON | --all) [--as-of YYYY-MM-DD] [--format text|json]\n"
	  "Scores every person and group (--all), or one person, from all evidence\n"
	  "not restricted by its owner, with the newest published policy, as of a\n"
	  "date (default today). A new assessment is stored only where the result\n"
	  "changed. For one person, prints the assessment as 'risk show' does\n"
	  "(needs --reason).\n",
	  cmd_risk_score },
	{ "risk show", "a person's risk tier, score and the evidence behind each factor",
	  "usage: cg risk show PERSON [--format text|json]   (needs --reason)\n"
	  "Factors list the evidence you may see; the points that rest on material\n"
	  "you may not see are shown as restricted, naming the owner where it\n"
	  "chose to be contactable. A computed tier is a proposal until a\n"
	  "supervisor confirms or overrides it.\n",
	  cmd_risk_show },
	{ "risk history", "a person's assessments over time",
	  "usage: cg risk history PERSON [--format text|csv|json]   (needs --reason)\n",
	  cmd_risk_history },
	{ "risk confirm", "confirm or override a computed tier; set the management level",
	  "usage: cg risk confirm PERSON [--tier high|medium|low] [--level 1|2|3] --why TEXT\n"
	  "   (a supervisor). The tier given equal to the computed one confirms it,\n"
	  "another overrides it; both stay on record beside the computed tier.\n"
	  "Levels (high risk only): 1 one agency manages, 2 regular multi-agency\n"
	  "meeting, 3 senior multi-agency oversight.\n",
	  cmd_risk_confirm },
	{ "intel add", "submit an intelligence report (3x5x2 graded) for approval",
	  "usage: cg intel add --text TEXT --source 1|2|3 --assessment A-E --handling P|C\n"
	  "         [--conditions agency:CODE,type:TYPE] --classification C --relates-to YYYY-MM-DD\n"
	  "         --mopi-group 1-4 [--subjects KIND:ID,...] [--compartments LIST]\n"
	  "         [--flag-contact TEXT] [--sanitised TEXT --sanitised-classification C]\n"
	  "Subjects are person, record, ocg, object or location ids. Nothing is\n"
	  "defaulted: source evaluation 1 reliable, 2 untested, 3 not reliable;\n"
	  "assessment A known directly, B indirectly and corroborated, C indirectly,\n"
	  "D not known, E suspected false; handling C needs its conditions. The\n"
	  "report stays within your agency until a supervisor approves it.\n",
	  cmd_intel_add },
	{ "intel show", "one intelligence report you may see",
	  "usage: cg intel show ID [--format text|json]   (needs --reason)\n", cmd_intel_show },
	{ "intel search", "full-text search of the reports you may see, with filters",
	  "usage: cg intel search [WORDS] [--source 12] [--assessment AB] [--subject KIND:ID]\n"
	  "         [--agency CODE] [--from DATE] [--to DATE] [--status submitted|approved|rejected]\n"
	  "         [--limit N] [--format text|csv|json]   (needs --reason)\n"
	  "Every word must appear (a trailing * matches a prefix); newest first.\n"
	  "Dates filter the date the information relates to. Where another agency\n"
	  "holds matching reports you may not see, and lets it be known, a line says\n"
	  "whom to contact.\n",
	  cmd_intel_search },
	{ "intel due", "your agency's reports due for MoPI review",
	  "usage: cg intel due [--by YYYY-MM-DD] [--format text|csv|json]   (needs --reason)\n",
	  cmd_intel_due },
	{ "intel approve", "approve a submitted report so other agencies may see it",
	  "usage: cg intel approve ID   (a supervisor of the owning agency, not the author)\n",
	  cmd_intel_approve },
	{ "intel reject", "reject a submitted report",
	  "usage: cg intel reject ID --why TEXT   (a supervisor of the owning agency)\n",
	  cmd_intel_reject },
	{ "intel review", "MoPI review: retain a report to its next review, or erase it",
	  "usage: cg intel review ID (--retain | --erase) --why TEXT   (a supervisor of the owning agency)\n"
	  "Erasure removes the text, sanitised text and subjects; the report's\n"
	  "reference, its review decisions and the audit trail stay.\n",
	  cmd_intel_review },
	{ "ocg add", "add an organised crime group owned by your agency",
	  "usage: cg ocg add --name NAME [--aliases A,B] [--activities drug_supply,firearms]\n"
	  "         [--geography TEXT] [--status active|dormant|disrupted|archived]\n"
	  "         --classification C --handling P|C [--conditions agency:CODE,type:TYPE]\n"
	  "         [--compartments LIST] [--flag-contact TEXT]\n"
	  "Activities are lower-case words joined by _ (the risk policy scores them).\n"
	  "An analyst, PIO, officer or supervisor.\n",
	  cmd_ocg_add },
	{ "ocg list", "the organised crime groups you may see",
	  "usage: cg ocg list [--agency CODE] [--format text|csv|json]   (needs --reason)\n"
	  "Where another agency holds groups you may not see, and lets it be known,\n"
	  "a line says whom to contact.\n",
	  cmd_ocg_list },
	{ "ocg show", "one group with the members you may see and its risk",
	  "usage: cg ocg show ID [--format text|json]   (needs --reason)\n"
	  "Members: person (or the record's linked person), role, dates, owner and\n"
	  "the supporting reports you may see; memberships you may not see are a\n"
	  "contact line where their owner chose to be contactable.\n",
	  cmd_ocg_show },
	{ "ocg member add", "record that a person (or a record) belongs to a group",
	  "usage: cg ocg member add OCG (--person ID | --record ID)\n"
	  "         --role principal|significant|peripheral [--from DATE] [--to DATE]\n"
	  "         [--evidence REPORT,...] --classification C --handling P|C\n"
	  "         [--conditions ..] [--compartments LIST] [--flag-contact TEXT]\n"
	  "You must see the group, the record and every supporting report.\n",
	  cmd_ocg_member_add },
	{ "ocg merge", "merge a group into another that turns out to be the same",
	  "usage: cg ocg merge FROM INTO --why TEXT\n"
	  "A supervisor of FROM's owning agency who sees INTO. FROM's memberships\n"
	  "(with their own labels) and the reports about it move to INTO; FROM\n"
	  "stays as 'merged into INTO'. A membership INTO already has (same record,\n"
	  "same role) is removed from FROM and its evidence moves to INTO's.\n",
	  cmd_ocg_merge },
	{ "notices", "retraction notices sent to your agency",
	  "usage: cg notices\n", cmd_notices },
	{ "version", "print the version of cg and its schema",
	  "usage: cg version\n", cmd_version },
	{ "help", "list commands, or show one command's usage",
	  "usage: cg help [COMMAND]\n", cmd_help },
	{ "serve", "serve the JSON API over HTTP (docs/api.md)",
	  "usage: cg serve [--listen HOST:PORT] [--threads N] [--tls-cert FILE --tls-key FILE]\n"
	  "                [--routes]\n"
	  "Serves the store at --db as the JSON API under /api/v1 until SIGTERM or\n"
	  "SIGINT, then finishes the requests in flight and exits 0. --listen takes a\n"
	  "numeric address (default 127.0.0.1:8080; port 0 picks a free one) and prints\n"
	  "'listening on URL' when ready. --threads: worker threads (default 4, at\n"
	  "most 64). --tls-cert and --tls-key: PEM files; the server then speaks only\n"
	  "HTTPS. --routes prints every route as 'METHOD PATH' and exits. Users log in\n"
	  "with the passwords 'cg user add --password-stdin' set.\n",
	  cmd_serve },
	/* graph: building and summary (rows below) */
	{ "graph summary", "build the network you may see and count what is in it",
	  "usage: cg graph summary [network options] [--format text|json] [--links]\n"
	  "   (needs --reason: building a network is a consultation, audited once)\n"
	  "Builds the network of persons and links you may see (docs/network-analysis.md)\n"
	  "and prints what it was built from, then its nodes, edges, links, isolates\n"
	  "(persons without a link), persons by risk tier, and links per type with\n"
	  "their weight and setting (custody or community).\n"
	  "--links lists every link: persons, type, dates, origin, rows, grading, via.\n"
	  CLI_NET_USAGE,
	  cmd_graph_summary },
	/* graph: export and external networks (rows below) */
	{ "graph export", "write the network you may see as GraphML, GEXF, CSV or JSON",
	  "usage: cg graph export [--format graphml|gexf|csv|json] [--out FILE]\n"
	  "       [--recipients TEXT] [network options]\n"
	  "Writes the network (docs/network-exchange.md): GraphML (default) and\n"
	  "GEXF 1.2 for Gephi, yEd and NetworkX, a CSV edge list\n"
	  "(source,target,weight,types,links,first,last; no isolates), or the web\n"
	  "UI's JSON with every link's provenance. --out writes FILE whole or not at\n"
	  "all (default: standard output). The export is logged as a disclosure to\n"
	  "--recipients (default: yourself, for your own analysis).\n"
	  CLI_NET_USAGE,
	  cmd_graph_export },
	{ "graph networks", "external networks (imported edge lists) you may analyse",
	  "usage: cg graph networks [--format text|csv|json]\n"
	  "Lists the external networks whose label lets you see them, as\n"
	  "OWNER/NAME with their size; analyse one with --network NAME (or\n"
	  "OWNER/NAME). Import one with cg import --profile edgelist --network NAME.\n",
	  cmd_graph_networks },
	/* graph: measures, communities, paths and neighbourhoods (rows below) */
	{ "graph metrics", "centrality per person: degree, betweenness, PageRank, k-core...",
	  "usage: cg graph metrics [network options] [--measures M,...]\n"
	  "         [--betweenness exact|sample:N] [--hops] [--seed S] [--sort MEASURE]\n"
	  "         [--top N] [--format text|csv|json]   (needs --reason)\n"
	  "One row per person: key, label, OCGs (or group), risk tier and each measure\n"
	  "(docs/network-analysis.md): degree, strength (weighted degree), betweenness\n"
	  "(raw, and normalised by (n-1)(n-2)/2), closeness (Wasserman-Faust),\n"
	  "harmonic, pagerank (damping 0.85, weighted), eigenvector (largest 1),\n"
	  "coreness (k-core), articulation (removal splits the network), community\n"
	  "(Louvain). Path measures use distance 1/weight, or hops with --hops.\n"
	  "--seed S (default 20261125) seeds the betweenness sample and the communities.\n"
	  "On more than 5000 people closeness and harmonic are left out unless asked\n"
	  "for, and betweenness is sampled from 100 sources unless --betweenness says\n"
	  "otherwise; the output says so. Text shows the top 50 (by betweenness unless\n"
	  "--sort); CSV and JSON every person in network order unless --sort/--top.\n"
	  "Lines starting '# ' name the network, the parameters and a summary.\n"
	  CLI_NET_USAGE,
	  cmd_graph_metrics },
	{ "graph links", "betweenness and bridges per pair of linked people",
	  "usage: cg graph links [network options] [--hops] [--betweenness exact|sample:N]\n"
	  "         [--seed S] [--sort betweenness|weight] [--top N]\n"
	  "         [--format text|csv|json]   (needs --reason)\n"
	  "One row per linked pair: weight, links, edge betweenness (shortest paths\n"
	  "through it, distance 1/weight or --hops; sampled from 100 sources on more\n"
	  "than 5000 people unless --betweenness says otherwise) and whether it is a\n"
	  "bridge (its removal splits the network).\n"
	  CLI_NET_USAGE,
	  cmd_graph_links },
	{ "graph communities", "communities (Leiden/Louvain) against recorded OCGs",
	  "usage: cg graph communities [network options] [--method leiden|louvain]\n"
	  "         [--seed S] [--resolution R] [--top N] [--members]\n"
	  "         [--format text|csv|json]   (needs --reason)\n"
	  "Finds communities by modularity (weights as strengths; seeded, so the same\n"
	  "network and seed give the same result), names the OCG most of each one's\n"
	  "recorded members belong to, and lists who looks like a member but is not\n"
	  "recorded as one: people in a community where at least half of those with\n"
	  "a recorded membership (and at least 3) are in one OCG, without a recorded\n"
	  "membership of it, ranked by the share of their link weight into its members.\n"
	  "An external network compares with its nodes' group. Text shows the first\n"
	  "--top N (default 20) communities and lookalikes; CSV has one row per person.\n"
	  CLI_NET_USAGE,
	  cmd_graph_communities },
	{ "graph path", "how two people are joined, with every link's provenance",
	  "usage: cg graph path A B [network options] [--all-shortest | --max-length K]\n"
	  "         [--hops] [--max-paths N] [--format text|json]   (needs --reason)\n"
	  "A and B are node keys (person ids). Default: one shortest path by distance\n"
	  "1/weight (strong ties are short; --hops counts links). --all-shortest: every\n"
	  "shortest path; --max-length K (1-8): every path of up to K links without a\n"
	  "repeated person, shortest first. At most --max-paths (default 100) shown,\n"
	  "saying when there are more. Each step lists its links: type, dates, origin,\n"
	  "rows, owner agency, grading and what it passed through.\n"
	  CLI_NET_USAGE,
	  cmd_graph_path },
	{ "graph neighbours", "everyone within k links of a person or of a group",
	  "usage: cg graph neighbours (KEY | --ocg-members ID | --group NAME) [--hops K]\n"
	  "         [network options] [--format text|csv|json]   (needs --reason)\n"
	  "The people within K links (1-6, default 2) of a person, of an OCG's members\n"
	  "or of an external network's group, with their distance; JSON adds the links\n"
	  "among them with their provenance.\n"
	  CLI_NET_USAGE,
	  cmd_graph_neighbours },
	{ "graph connect", "who joins a chosen set of people (connecting network)",
	  "usage: cg graph connect KEY KEY [KEY...] [network options] [--hops]\n"
	  "         [--format text|json]   (needs --reason)\n"
	  "The union of every shortest path between each pair of the chosen people\n"
	  "(2 to 32), with the links among them, and the pairs that are not connected.\n"
	  CLI_NET_USAGE,
	  cmd_graph_connect },
	/* graph: brokers, crossovers, recruitment, disruption (rows below) */
	{ "graph brokers", "people whose links join different OCGs, ranked",
	  "usage: cg graph brokers [network options] [--top N] [--max-length L] [--sample N]\n"
	  "         [--format text|csv|json]   (needs --reason)\n"
	  "Ranks people by inter-group betweenness: the share of the shortest paths\n"
	  "(at most L links, default 3) between members of different groups that\n"
	  "run through them, each pair counted once; lists the groups each joins\n"
	  "directly with the links into each. --top N (default 20, 0 all);\n"
	  "--sample N uses N members as path sources (a stated, seeded estimate)\n"
	  "instead of all. Without --types, --custody or --community only community\n"
	  "links are used: co-location in custody joins prisoners to members of many\n"
	  "groups by where they are held (see graph crossovers). See\n"
	  "docs/network-analysis.md.\n"
	  CLI_NET_USAGE,
	  cmd_graph_brokers },
	{ "graph crossovers", "members of different OCGs held together in custody",
	  "usage: cg graph crossovers [network options] [--establishment CODE|ID]\n"
	  "         [--level cell|wing|establishment] [--top N] [--format text|csv|json]\n"
	  "   (needs --reason)\n"
	  "Lists pairs of members of different groups who shared a cell, wing or\n"
	  "establishment, with the place and the days together, ranked by the\n"
	  "higher risk tier of the two, then the other's, then the most recent.\n"
	  "--level: the coarsest level listed (default wing: cells and wings;\n"
	  "establishment adds the same_establishment links to the network).\n"
	  "--establishment: places whose name starts with CODE (\"BMI\" matches\n"
	  "\"BMI wing F\"), or the location with id ID. Combine with --ocg,\n"
	  "--from and --to to narrow it.\n"
	  CLI_NET_USAGE,
	  cmd_graph_crossovers },
	{ "graph recruitment", "people with no recorded OCG who gain custody links to members",
	  "usage: cg graph recruitment [network options] [--as-of YYYY-MM-DD] [--top N]\n"
	  "         [--half-life DAYS] [--format text|csv|json]   (needs --reason)\n"
	  "Ranks people with no recorded group membership by their custody-setting\n"
	  "links (co-location, visits, calls) with members: each link scores its\n"
	  "weight x 0.5^(days since its last day / half-life, default 180), as of\n"
	  "--as-of (default today). --top N (default 50, 0 all). Without --types\n"
	  "the network is built from links made in custody (--custody) of the types\n"
	  "same_cell, same_wing, visit, call and shared_phone.\n"
	  CLI_NET_USAGE,
	  cmd_graph_recruitment },
	{ "graph disrupt", "whose removal fragments a group or the network most",
	  "usage: cg graph disrupt [network options] [--ocg-group ID [--neighbours]]\n"
	  "         [--measure largest|components|efficiency] [--k K] [--top N]\n"
	  "         [--format text|csv|json]   (needs --reason)\n"
	  "Ranks people and links by how much removing them fragments the group's\n"
	  "members (--neighbours: and everyone linked to them) or the whole network:\n"
	  "largest (size of the largest component, the default), components (how\n"
	  "many), or efficiency (global efficiency; group-sized networks only).\n"
	  "--k K adds the greedy best K removals (remove the best, measure again).\n"
	  "--top N (default 20, 0 all) people and links.\n"
	  CLI_NET_USAGE,
	  cmd_graph_disrupt },
	{ NULL, NULL, NULL, NULL },
};

/* How many of argv's entries the words of `name` match (0 unless all). */
static int name_words(const char *name, int argc, char **argv)
{
	int i = 0;
	for (const char *p = name; *p; i++) {
		size_t n = strcspn(p, " ");
		if (i >= argc || strlen(argv[i]) != n || memcmp(p, argv[i], n) != 0)
			return 0;
		p += n + (p[n] == ' ');
	}
	return i;
}

const struct cli_command *cli_find_command(int argc, char **argv, int *words)
{
	const struct cli_command *best = NULL;
	int most = 0;

	/* The longest name wins: "ocg member add" over "ocg member". */
	for (const struct cli_command *c = cg_commands; c->name; c++) {
		int n = name_words(c->name, argc, argv);
		if (n > most) {
			best = c;
			most = n;
		}
	}
	*words = best ? most : 1;
	return best;
}

void cli_print_command_list(FILE *f)
{
	fprintf(f, "usage: cg [--db PATH] [--as USER] [--reason TEXT] COMMAND [OPTIONS]\n\n"
		   "Commands:\n");
	for (const struct cli_command *c = cg_commands; c->name; c++)
		fprintf(f, "  %-18s %s\n", c->name, c->summary);
	fprintf(f, "\nRun 'cg help COMMAND' or 'cg COMMAND --help' for a command's options.\n");
}

void cli_print_usage(FILE *f, const struct cli_command *cmd)
{
	fprintf(f, "%s", cmd->usage);
	fprintf(f, "Global options: --db PATH (or $CG_DB), --as USER (or $CG_USER), "
		   "--reason TEXT\n");
}
