from . import code_translations
from . import ir_module_module
