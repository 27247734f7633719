# Probation export (docs/exports.md, probation/): people under supervision
# with their current and previous addresses, and supervision periods.
# Imported as a user or service account of the probation service.
description = Probation (nDelius-style) offenders and supervision periods
source_system = NDELIUS
format = csv
date_format = DD-MON-YYYY
classification = OFFICIAL-SENSITIVE
handling = C
conditions = type:police_force, type:prison, type:probation
flag_contact = Probation intelligence lead
subject_category = convicted
statement_basis = fact

[offenders]
kind = person
match = *offenders*.csv
id = CRN
surname = Surname
forenames = Forename + Second Name
dob = Date of Birth
sex = Gender
sex_values = Male=M; Female=F
identifier.crn = CRN
identifier.pnc = PNC Number
identifier.prison_number = NOMS Number
hard_identifiers = crn, pnc
address = Address Line 1
town = Town
postcode = Postcode
previous_postcode = Previous Postcode

[supervision]
kind = event
match = *supervision*.csv
id = EVENT_ID
event_type = supervision_start
person = CRN
date = Start Date
end_date = End Date
place = Office
details = Type
