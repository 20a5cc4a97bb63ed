from odoo import models


class Base(models.AbstractModel):
    _inherit = "base"

    def _mn_company(self):
        """The company whose rule switches govern this record (ensure_one).

        Its own ``company_id``, else the current company: a record shared between
        companies follows the company the user works in. Models whose company comes from
        elsewhere (a pricelist rule from its pricelist) override this.
        """
        self.ensure_one()
        company = self["company_id"] if "company_id" in self._fields else None
        return company or self.env.company
