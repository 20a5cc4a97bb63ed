# res.company is extended once per rule family (models/<family>/res_company.py).
# pylint: disable=consider-merging-classes-inherited
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """The company's own register number and the switch of the uniqueness rule."""

    _inherit = "res.company"

    mn_register_number = fields.Char(
        string="Register Number",
        related="partner_id.mn_register_number",
        readonly=False,
        help="The company's own Mongolian register number, printed on its quotations, "
        "orders and invoices.",
    )
    mn_register_number_unique = fields.Boolean(
        string="Unique Register Numbers",
        default=True,
        help="Refuse a second customer with the register number of another customer "
        "of this company.",
    )

    @api.model
    def _mn_rule_switches(self):
        return super()._mn_rule_switches() + ["mn_register_number_unique"]

    @api.model_create_multi
    def create(self, vals_list):
        """A new company allowing duplicates stops the index over shared contacts."""
        Partner = self.env["res.partner"]
        shared_before = Partner._mn_shared_numbers_unique()
        companies = super().create(vals_list)
        if shared_before and not all(companies.mapped("mn_register_number_unique")):
            Partner._mn_recompute_shared_number_keys()
        return companies

    def write(self, vals):
        """Switching Unique Register Numbers on is refused while duplicates exist.

        The switch fills the unique key of the companies' partners (and of shared ones
        once every company has it on), which the database's unique index then holds: it
        could not be filled while two customers share a number.
        """
        if "mn_register_number_unique" not in vals:
            return super().write(vals)
        Partner = self.env["res.partner"]
        shared_before = Partner._mn_shared_numbers_unique()
        if vals["mn_register_number_unique"]:
            turned_on = self.filtered(lambda company: not company.mn_register_number_unique)
            others_off = self.sudo().search_count(
                [("mn_register_number_unique", "=", False), ("id", "not in", self.ids)], limit=1
            )
            shared_after = not others_off
            if turned_on or (shared_after and not shared_before):
                turned_on._mn_check_no_duplicate_numbers(shared=shared_after and not shared_before)
        result = super().write(vals)
        if shared_before != Partner._mn_shared_numbers_unique():
            Partner._mn_recompute_shared_number_keys()
        return result

    def _mn_check_no_duplicate_numbers(self, shared=False):
        """Refuse, listing the numbers, when customers of these companies share a number.

        ``shared``: shared customers (no company) are checked among themselves too.
        """
        numbers = self.env["res.partner"]._mn_duplicate_register_numbers(self, shared=shared)
        if numbers:
            raise ValidationError(
                self.env._(
                    "Unique Register Numbers cannot be switched on: these register numbers "
                    "are used by more than one customer: %(numbers)s. Merge or correct "
                    "those customers first.",
                    numbers=", ".join(numbers),
                )
            )
