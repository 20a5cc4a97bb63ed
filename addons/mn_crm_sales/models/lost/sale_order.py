"""Rule 8 of the lost reasons, sales side: a dead quotation suggests a lost opportunity.

Cancelling the last open order of an ongoing opportunity posts a note on it, and
``action_cancel`` returns the lost wizard for it. The web client opens that dialog; a
script ignores the returned action (as it ignores core's ``action_set_won_rainbowman``
effect) and finds the note. Nothing here depends on who calls.
"""

from markupsafe import Markup

from odoo import models

OPEN_ORDER_STATES = ("draft", "sent", "sale")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _mn_open_with_opportunity(self):
        """Open orders (quotation or confirmed) linked to an opportunity."""
        return self.filtered(
            lambda order: order.state in OPEN_ORDER_STATES and order.opportunity_id
        )

    def _mn_opportunities_left_without_order(self):
        """Opportunities of these (just cancelled) orders that have no open order left.

        Only ongoing opportunities of companies with ``mn_offer_lost_on_cancel`` on.
        """
        leads = self.env["crm.lead"]
        for order in self.filtered(lambda order: order.company_id.mn_offer_lost_on_cancel):
            lead = order.opportunity_id.sudo()
            if not lead.active or lead._mn_status() != "pending":
                continue
            if not lead.order_ids.filtered(lambda o: o.state in OPEN_ORDER_STATES):
                leads |= order.opportunity_id
        return leads

    def _mn_suggest_lost(self, leads):
        """Post a note on ``leads`` suggesting to mark them lost.

        As superuser: whoever may cancel the quotation may leave this hint, even on an
        opportunity they cannot edit; the note is still authored by the current user.
        """
        author = self.env.user.partner_id
        for lead in leads:
            orders = self.filtered(lambda order, lead=lead: order.opportunity_id == lead)
            lead.sudo().message_post(
                author_id=author.id,
                body=Markup("<p>%s</p>")
                % self.env._(
                    "The last open quotation of this opportunity (%(orders)s) was cancelled. "
                    "If the deal is off, mark the opportunity as lost.",
                    orders=", ".join(orders.mapped("name")),
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )

    def _action_cancel(self):
        """Rule 8: suggest marking lost an opportunity whose last open order is cancelled."""
        open_orders = self._mn_open_with_opportunity()
        result = super()._action_cancel()
        if open_orders:
            leads = open_orders._mn_opportunities_left_without_order()
            if leads:
                open_orders._mn_suggest_lost(leads)
        return result

    def action_cancel(self):
        """Rule 8: return the lost wizard for the opportunities left without an open order.

        Only when core returns no action of its own (a cancellation dialog comes first).
        """
        open_orders = self._mn_open_with_opportunity()
        result = super().action_cancel()
        if not open_orders or isinstance(result, dict):
            return result
        leads = open_orders._mn_opportunities_left_without_order()
        if not leads:
            return result
        return leads._mn_lost_wizard_action()
