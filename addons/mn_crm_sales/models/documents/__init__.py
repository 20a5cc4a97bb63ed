from . import res_company
from . import account_move
from . import sale_order
from . import crm_lead
