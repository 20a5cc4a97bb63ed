"""Pure-Python helpers of mn_crm_sales: no Odoo imports, unit-tested without Odoo."""
