from . import res_company
from . import res_company_sale_settings
from . import account_move_documents
from . import sale_order_documents
from . import crm_lead_invoices
