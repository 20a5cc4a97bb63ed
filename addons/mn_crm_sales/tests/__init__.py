from . import test_mongolian_base
from . import test_ui_mongolian
from . import test_ui_no_english
from . import test_language_pack
