# language
from . import test_language_base
from . import test_language_documents
from . import test_language_no_english
from . import test_language_pack
from . import test_language_suite_translations
from . import test_language_ui

# lost
from . import test_lost_guards
from . import test_lost_query_count
from . import test_lost_rules

# pipeline
from . import test_pipeline

# documents
from . import test_documents_sale
from . import test_documents_sale_flow

# approval
from . import test_approval

# pricing
from . import test_pricing_one_price
from . import test_pricing_partner_access
from . import test_pricing_query_count
from . import test_pricing_rules

# guards
from . import test_guards_protected_fields
from . import test_guards_sale_order

# register
from . import test_register_number
from . import test_register_number_report
from . import test_register_unique_index

# demo data
from . import test_demo_data

# tours
from . import test_tour_crm_seed
from . import test_tour_sale_seed
from . import test_tour_seed_gaps
