# Lost reasons: the lost and restore dialogs.
from . import lost

# Discount approval: the reject dialog.
from . import approval

# Register numbers: lead conversion and contact merge.
from . import register

# No way around the rules: core's wizards that make down-payment and discount lines.
from . import guards
