from odoo import models

from ...tools.context_keys import MERGED_PARTNERS


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _update_values(self, src_partners, dst_partner):
        """Let the merged partner take the register number of the partners merged into it.

        Core writes the sources' values on the destination before deleting the sources:
        the uniqueness rule must not count those sources as other holders of the number
        (``MERGED_PARTNERS``, which a JSON context cannot forge), and the unique index must
        not see the number twice, so the sources' unique keys are cleared first (they are
        deleted right after).
        """
        keyed = src_partners.sudo().filtered("mn_register_number_key")
        if keyed:
            keyed.write({"mn_register_number_key": False})
            keyed.flush_recordset(["mn_register_number_key"])
        return super()._update_values(
            src_partners, MERGED_PARTNERS.on(dst_partner, src_partners.ids)
        )
