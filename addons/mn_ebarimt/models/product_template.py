import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    _inherit = "product.template"

    mn_ebarimt_classification_code = fields.Char(
        string="Classification Code",
        size=7,
        help="Classification of goods and services (БҮНА, 7 digits) printed on e-barimt receipts.",
    )
    mn_ebarimt_tax_product_code = fields.Char(
        string="Tax Product Code",
        help="Code of the VAT exemption or zero rate, required for exempt and zero-rated goods.",
    )

    @api.constrains("mn_ebarimt_classification_code", "mn_ebarimt_tax_product_code")
    def _check_mn_ebarimt_codes(self):
        for product in self:
            code = product.mn_ebarimt_classification_code
            if code and not re.fullmatch(r"[0-9]{7}", code):
                raise ValidationError(
                    self.env._("The classification code must be 7 digits, not %s.", code)
                )
            tax_code = product.mn_ebarimt_tax_product_code
            if tax_code and not re.fullmatch(r"[0-9]{1,16}", tax_code):
                raise ValidationError(
                    self.env._("The tax product code must be digits, not %s.", tax_code)
                )
