from odoo import api, models


class CrmLead2opportunityPartner(models.TransientModel):
    _inherit = "crm.lead2opportunity.partner"

    @api.depends("lead_id", "partner_id")
    def _compute_duplicated_lead_ids(self):
        """Add the leads sharing the converted lead's register number or Mongolian phone.

        Core asks ``crm.lead._get_lead_duplicates`` on the empty model, with the customer
        and the email only: the lead's own number and phone are looked up here.
        """
        result = super()._compute_duplicated_lead_ids()
        for convert in self.filtered("lead_id"):
            duplicates = convert.lead_id._mn_get_identity_duplicates(
                convert.partner_id, include_lost=True
            )
            if duplicates - convert.duplicated_lead_ids:
                convert.duplicated_lead_ids |= duplicates
        return result
