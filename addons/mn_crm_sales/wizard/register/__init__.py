from . import crm_lead_to_opportunity
from . import base_partner_merge
