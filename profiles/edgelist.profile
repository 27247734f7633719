# A plain edge list (docs/network-exchange.md): who is linked to whom,
# how strongly and when, e.g. a network from a seized phone or a published
# case study, with an optional node list giving each key a group and a
# display name. Imported as an external network under a name:
#     cg import --profile edgelist --network NAME edges.csv nodes.csv
# The network is seen by the police forces and regional and national units
# (and always by the importing agency); copy this file and change the
# label for another audience.
description = External network: edge list (source,target,weight,date) and node list (key,group,label)
source_system = EDGELIST
format = csv
date_format = YYYY-MM-DD
classification = OFFICIAL-SENSITIVE
handling = C
conditions = type:police_force, type:regional_unit, type:national_unit
subject_category = other
statement_basis = assessment

[nodes]
kind = node
match = *nodes*.csv
key = key
group = group
label = label

[edges]
kind = edge
match = *edges*.csv
source = source
target = target
weight = weight
date = date
