import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    mn_ebarimt_tin = fields.Char(
        string="E-barimt TIN",
        copy=False,
        help="Taxpayer identification number the e-barimt service gave for the register "
        "number; B2B receipts carry it. Looked up again when the register number changes.",
    )

    mn_ebarimt_consumer_no = fields.Char(
        string="E-barimt Consumer Number",
        copy=False,
        help="The citizen's e-barimt registration number (8 digits). Their B2C receipts "
        "carry it, so PosAPI registers the receipt for them.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("mn_ebarimt_tin") for vals in vals_list):
            self._mn_check_ebarimt_tin_write()
        return super().create(vals_list)

    def write(self, vals):
        if "mn_ebarimt_tin" in vals:
            self._mn_check_ebarimt_tin_write()
        elif "mn_register_number" in vals:
            # the TIN belongs to the old number: the next receipt looks the new one up
            vals = {**vals, "mn_ebarimt_tin": False}
        return super().write(vals)

    def _mn_check_ebarimt_tin_write(self):
        """The TIN decides a B2B receipt's buyer: accountants set it, or the lookup does."""
        if not (self.env.su or self.env.user.has_group("account.group_account_invoice")):
            raise AccessError(self.env._("Only accountants can set a customer's e-barimt TIN."))

    @api.constrains("mn_ebarimt_consumer_no")
    def _check_mn_ebarimt_consumer_no(self):
        for partner in self:
            number = partner.mn_ebarimt_consumer_no
            if number and not re.fullmatch(r"[0-9]{8}", number):
                raise ValidationError(
                    self.env._(
                        "%(partner)s: an e-barimt consumer number is 8 digits.",
                        partner=partner.display_name,
                    )
                )

    @api.constrains("mn_ebarimt_tin")
    def _check_mn_ebarimt_tin(self):
        for partner in self:
            tin = partner.mn_ebarimt_tin
            if tin and not re.fullmatch(r"[0-9]{11,14}", tin):
                raise ValidationError(
                    self.env._(
                        "%(partner)s: an E-barimt TIN is 11 to 14 digits.",
                        partner=partner.display_name,
                    )
                )
