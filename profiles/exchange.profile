# The Common Ground exchange format (docs/exchange.md): JSON Lines, one
# object per line, whose "type" says what it is. Fields are named after the
# data model, so any system can write it without a profile of its own.
description = Common Ground JSON Lines exchange format
source_system = EXCHANGE
format = jsonl
date_format = YYYY-MM-DD
classification = OFFICIAL
handling = P
subject_category = other
statement_basis = fact

[people]
kind = person
match = *
when = type=person
id = id
surname = surname
forenames = forenames
dob = dob
sex = sex
sex_values = M=M; F=F; X=X; U=U
aliases = aliases
identifier.pnc = pnc
identifier.cro = cro
identifier.prison_number = prison_number
identifier.crn = crn
hard_identifiers = pnc, cro, prison_number, crn
address = address
town = town
postcode = postcode
classification = classification
handling = handling_code
conditions = handling_conditions

[events]
kind = event
match = *
when = type=event
id = id
person = person
counterpart = counterpart
phone = phone
type = event_type
date = date
end_date = end_date
establishment = establishment
wing = wing
cell = cell
place = place
classification = classification
handling = handling_code
conditions = handling_conditions

[associations]
kind = association
match = *
when = type=association
id = id
from = from
to = to
type = association_type
date = date
classification = classification
handling = handling_code
conditions = handling_conditions

[intelligence]
kind = intel
match = *
when = type=intel
id = id
date = date
text = text
source_evaluation = source_evaluation
intel_assessment = intel_assessment
subjects = subjects
classification = classification
handling = handling_code
conditions = handling_conditions

[memberships]
kind = membership
match = *
when = type=membership
ocg = ocg
ocg_name = ocg_name
activities = activities
person = person
role = role
