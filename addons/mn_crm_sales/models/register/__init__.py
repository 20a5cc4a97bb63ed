from . import res_partner
from . import res_company
from . import res_config_settings
from . import crm_lead
from . import account_move
from . import sale_order
