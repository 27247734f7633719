# Prison export (docs/exports.md, prison/): prisoners and their contacts,
# custody movements, social visits and phone calls. Imported as a user or
# service account of the prison service.
description = Prison (NOMIS-style) prisoners, contacts, movements, visits and calls
source_system = NOMIS
format = csv
date_format = YYYY-MM-DD
classification = OFFICIAL-SENSITIVE
handling = C
conditions = type:police_force, type:prison, type:probation, type:regional_unit, type:national_unit
flag_contact = Prison intelligence unit
subject_category = convicted
statement_basis = fact

[establishments]
kind = location
match = *establishments*.csv
code = ESTABLISHMENT
name = NAME
wings = WINGS

[prisoners]
kind = person
match = *prisoners*.csv
id = NOMS_ID
surname = LAST_NAME
forenames = FIRST_NAME + MIDDLE_NAMES
dob = BIRTH_DATE
sex = GENDER
sex_values = Male=M; Female=F; Not Known=U
identifier.prison_number = NOMS_ID
identifier.pnc = PNC_NUMBER
identifier.cro = CRO_NUMBER
hard_identifiers = prison_number, pnc, cro

[contacts]
kind = person
match = *contacts*.csv
id = CONTACT_ID
surname = LAST_NAME
forenames = FIRST_NAME
dob = BIRTH_DATE
address = ADDRESS
postcode = POSTCODE

[movements]
kind = event
match = *movements*.csv
id = MOVEMENT_ID
person = NOMS_ID
date = MOVEMENT_DATE
type = MOVEMENT_TYPE
type_values = ADM=reception; TRN=transfer; WNG=wing_move; REL=release; RCL=recall
establishment = ESTABLISHMENT
wing = WING
cell = CELL

[visits]
kind = event
match = *visits*.csv
id = VISIT_ID
event_type = visit
person = NOMS_ID
counterpart = CONTACT_ID
date = VISIT_DATE
establishment = ESTABLISHMENT
details = RELATIONSHIP

[calls]
kind = event
match = *calls*.csv
id = CALL_ID
event_type = call
person = NOMS_ID
phone = DIALLED_NUMBER
date = CALL_DATE
details = DURATION_SECONDS
