from . import res_company
from . import res_partner
from . import res_company_register
from . import res_config_settings_register
from . import crm_lead_register
from . import sale_order
from . import account_move
