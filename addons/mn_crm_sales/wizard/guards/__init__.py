from . import sale_order_line_kinds
