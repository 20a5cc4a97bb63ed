from . import mn_lost_reason_category
from . import crm_lost_reason
from . import crm_lead
from . import mn_lead_restore_log
from . import sale_order
from . import res_company
from . import res_config_settings
