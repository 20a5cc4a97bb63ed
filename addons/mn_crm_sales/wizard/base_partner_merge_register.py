from odoo import models


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _update_values(self, src_partners, dst_partner):
        """Let the merged partner take the register number of the partners merged into it.

        Core writes the sources' values on the destination before deleting the sources:
        the uniqueness rule must not count those sources as other holders of the number.
        """
        return super()._update_values(
            src_partners,
            dst_partner.with_context(mn_register_number_merged_ids=src_partners.ids),
        )
