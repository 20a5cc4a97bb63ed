from . import sale_order_state
from . import sale_order_line_kinds
from . import sale_order_derived
