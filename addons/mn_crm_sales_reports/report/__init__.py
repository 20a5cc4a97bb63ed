from . import mn_report_group_order_mixin
from . import mn_report_ratio_mixin
from . import mn_report_rollup_mixin
from . import sale_report
from . import mn_crm_winloss_report
from . import mn_crm_funnel_report
from . import mn_crm_forecast_report
from . import report_monthly_sales_summary
