from . import mn_sale_approval_reject
