from . import test_mongolian_base
from . import test_ui_mongolian
from . import test_lost_reason_rules
from . import test_pipeline
from . import test_crm_seed_tour
from . import test_sale_flow
from . import test_sale_documents
from . import test_discount_approval
