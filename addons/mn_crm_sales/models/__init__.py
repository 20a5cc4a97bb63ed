from . import res_company
from . import res_company_approval
from . import res_config_settings_approval
from . import res_users_discount
from . import crm_team_discount
from . import product_category_discount
from . import sale_order_line_approval
from . import sale_order_approval
