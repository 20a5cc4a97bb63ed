from . import res_company
from . import res_config_settings
from . import res_partner
from . import product_template
from . import account_tax
from . import mn_ebarimt_receipt
from . import account_move
