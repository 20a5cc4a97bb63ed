from . import test_mongolian_base
from . import test_ui_mongolian
from . import test_pricelist_rules
from . import test_pricing_query_count
