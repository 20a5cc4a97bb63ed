from . import base
from . import res_company
from . import sale_order
