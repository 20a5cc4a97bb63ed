from . import test_qpay_payment
from . import test_qpay_portal
from . import test_qpay_provider
from . import test_qpay_refund
from . import test_qpay_token
from . import test_qpay_tour
