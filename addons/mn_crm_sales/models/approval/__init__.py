from . import res_company
from . import res_config_settings
from . import res_users
from . import crm_team
from . import product_category
from . import sale_order_line_discount_given
from . import sale_order_line
from . import sale_order
