from . import crm_lead_lost
from . import crm_lead_restore
from . import mn_sale_approval_reject
