from . import res_company
from . import crm_lost_reason_category
from . import crm_lost_reason
from . import crm_lead_lost_rules
from . import crm_lead_restore_log
from . import sale_order_lost
from . import res_company_lost_rules
from . import res_config_settings_lost_rules
