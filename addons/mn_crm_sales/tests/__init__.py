from . import test_mongolian_base
from . import test_ui_mongolian
from . import test_register_number
from . import test_register_number_report
