from . import crm_lead_lost
from . import mn_lead_restore
