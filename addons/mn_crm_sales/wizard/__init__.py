from . import crm_lead_to_opportunity_register
from . import base_partner_merge_register
