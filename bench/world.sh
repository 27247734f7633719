# SPDX-License-Identifier: GPL-3.0-or-later
# Helpers the benchmarks share; sourced by bench/*.sh, which set $cg (the
# binary) and $tmp (a scratch directory) first.

# setup_store DB: the synthetic world's three agencies, an administrator and
# one service account each (svc.wmp, svc.hmpps, svc.prob); exports CG_DB.
setup_store() {
	export CG_DB=$1
	"$cg" init >/dev/null
	"$cg" agency add WMP --name "West Midlands Police" --type police_force --level local >/dev/null
	"$cg" user add admin --agency WMP --roles admin --clearance SECRET >/dev/null
	"$cg" --as admin agency add HMPPS --name "HMPPS prisons" --type prison --level regional >/dev/null
	"$cg" --as admin agency add PROB --name "Probation" --type probation --level regional >/dev/null
	for a in WMP HMPPS PROB; do
		"$cg" --as admin user add "svc.${a,,}" --agency "$a" --roles analyst --clearance SECRET --service >/dev/null
	done
}

# import_world DIR: every export through its profile, as its agency's
# service account; prints the import summaries.
import_world() {
	"$cg" --as svc.wmp import --profile police --rejects "$tmp" "$1"/police/*.csv
	"$cg" --as svc.hmpps import --profile prison --rejects "$tmp" "$1"/prison/*.csv
	"$cg" --as svc.prob import --profile probation --rejects "$tmp" "$1"/probation/*.csv
}

now() { date +%s.%N; }
