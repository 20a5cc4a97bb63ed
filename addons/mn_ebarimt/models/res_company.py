import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    mn_ebarimt_enabled = fields.Boolean(
        string="E-barimt Receipts",
        help="Issue an e-barimt receipt through PosAPI 3.0 for every customer invoice and "
        "credit note of this company.",
    )
    mn_ebarimt_url = fields.Char(
        string="PosAPI URL",
        default="http://127.0.0.1:7080",
        help="Address of the PosAPI 3.0 service the company runs.",
    )
    mn_ebarimt_merchant_tin = fields.Char(
        string="Merchant TIN",
        help="The company's taxpayer identification number (11 to 14 digits).",
    )
    mn_ebarimt_branch_no = fields.Char(string="Branch Number", default="001", size=3)
    mn_ebarimt_pos_no = fields.Char(string="POS Number", default="001")
    mn_ebarimt_district_code = fields.Char(
        string="District Code",
        size=4,
        help="Code of the district (4 digits) where the branch sells.",
    )
    mn_ebarimt_city_tax_rate = fields.Selection(
        [("0.0", "No city tax"), ("0.01", "1 %"), ("0.02", "2 %")],
        string="City Tax",
        default="0.0",
        required=True,
        help="Ulaanbaatar city tax included in the prices of the branch; it is split out of "
        "each line's total on the receipt.",
    )
    mn_ebarimt_issue_on = fields.Selection(
        [("post", "When the invoice is posted"), ("manual", "On demand")],
        string="Issue Receipts",
        default="post",
        required=True,
    )
    mn_ebarimt_payment_code = fields.Char(
        string="Payment Code",
        default="CASH",
        help="Payment type sent with the receipts, as PosAPI lists them (CASH, "
        "PAYMENT_CARD, BANK_TRANSFER, ...).",
    )

    @api.constrains(
        "mn_ebarimt_enabled",
        "mn_ebarimt_url",
        "mn_ebarimt_merchant_tin",
        "mn_ebarimt_branch_no",
        "mn_ebarimt_pos_no",
        "mn_ebarimt_district_code",
    )
    def _check_mn_ebarimt_settings(self):
        for company in self:
            tin = company.mn_ebarimt_merchant_tin
            branch = company.mn_ebarimt_branch_no
            district = company.mn_ebarimt_district_code
            for value, pattern, message in (
                (
                    tin,
                    r"[0-9]{11,14}",
                    self.env._("The merchant TIN must be 11 to 14 digits, not %s.", tin),
                ),
                (
                    branch,
                    r"[0-9]{3}",
                    self.env._("The e-barimt branch number must be 3 digits, not %s.", branch),
                ),
                (
                    district,
                    r"[0-9]{4}",
                    self.env._("The district code must be 4 digits, not %s.", district),
                ),
            ):
                if value and not re.fullmatch(pattern, value):
                    raise ValidationError(message)
            url = company.mn_ebarimt_url
            if url and not re.match(r"https?://", url):
                raise ValidationError(
                    self.env._("The PosAPI URL must start with http:// or https://.")
                )
            if company.mn_ebarimt_enabled and not (
                tin and branch and district and url and company.mn_ebarimt_pos_no
            ):
                raise ValidationError(
                    self.env._(
                        "To issue e-barimt receipts, fill in the PosAPI URL, merchant TIN, "
                        "branch number, POS number and district code."
                    )
                )
