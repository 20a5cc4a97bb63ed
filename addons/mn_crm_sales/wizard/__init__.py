from . import crm_lead_lost
from . import crm_lead_restore
from . import mn_sale_approval_reject
from . import crm_lead_to_opportunity_register
from . import base_partner_merge_register
from . import sale_order_line_kind_wizards
