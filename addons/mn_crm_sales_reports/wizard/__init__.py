from . import mn_sales_summary_wizard
