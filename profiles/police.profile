# Police nominal, association, OCG and intelligence export (docs/exports.md,
# police/). Imported as a user or service account of the police force.
description = Police nominals (PNC IDs), associations, OCG mapping and intelligence reports
source_system = PNC
format = csv
date_format = DD/MM/YYYY
classification = OFFICIAL-SENSITIVE
handling = P
flag_contact = Force intelligence bureau
subject_category = suspect
statement_basis = fact

[nominals]
kind = person
match = *nominals*.csv
id = nominal_ref
surname = surname
forenames = forenames
dob = date_of_birth
sex = sex
sex_values = M=M; F=F; U=U
aliases = aliases
identifier.pnc = pnc_id
identifier.cro = cro_number
hard_identifiers = pnc, cro
address = address
postcode = postcode
classification = classification
handling = handling_code
conditions = handling_conditions

[associations]
kind = association
match = *associations*.csv
id = association_ref
from = nominal_ref_a
to = nominal_ref_b
type = association_type
date = first_seen

[ocg_members]
kind = membership
match = *ocg_members*.csv
ocg = ocg_ref
ocg_name = ocg_name
activities = activities
person = nominal_ref
role = role

[intelligence]
kind = intel
match = *intelligence*.csv
id = report_ref
date = report_date
text = text
source_evaluation = source_evaluation
intel_assessment = intelligence_assessment
subjects = subjects
classification = classification
handling = handling_code
conditions = handling_conditions
