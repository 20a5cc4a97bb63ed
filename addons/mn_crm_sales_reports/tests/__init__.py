from . import test_sales_analysis
from . import test_winloss_report
from . import test_funnel_report
from . import test_forecast_report
from . import test_report_access
from . import test_monthly_summary
from . import test_reports_tour
from . import test_report_favourites
