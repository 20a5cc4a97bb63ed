from . import test_ebarimt_settings
from . import test_ebarimt_receipt
from . import test_ebarimt_queue
from . import test_ebarimt_credit
from . import test_ebarimt_access
from . import test_ebarimt_report
from . import test_ebarimt_payload
from . import test_ebarimt_docs
