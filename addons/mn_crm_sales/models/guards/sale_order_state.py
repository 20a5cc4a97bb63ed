"""The state of a judged order changes only through its action methods.

``sale.order.state`` is an ordinary field: a caller could create an order already
confirmed, or write ``state`` on a draft or cancelled one, and skip the approval gate, the
price floor and core's own confirmation (no delivery, yet invoiceable). On an order whose
company has a rule that judges quotations (discount approval, price floor), ``create`` and
``write`` therefore refuse ``state`` unless the write comes from one of core's action
methods (confirm, mark as sent, send by e-mail, cancel, set to quotation), which this file
wraps with the internal flag ``ORDER_STATE_WRITE``. Every entry into ``sent`` and ``sale``
goes through ``write``, where the approval gate and the floor run
(``models/approval/sale_order.py``); so does every invoice (``_mn_check_invoicing``).

With every rule of the company off the order behaves exactly as core's.
"""

from odoo import api, models
from odoo.exceptions import UserError

from ...tools.context_keys import ORDER_STATE_WRITE

# Core's action methods that write ``state`` (the wrapped ones below).
STATE_ACTIONS = (
    "action_confirm",
    "action_draft",
    "action_quotation_sent",
    "_action_cancel",
)


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    def _mn_judges_quotations(self):
        """Whether a rule of this company judges quotations before they are sent, confirmed
        or invoiced (discount approval, price floor): their state is then guarded."""
        self.ensure_one()
        return bool(self.mn_discount_approval or self.mn_price_floor)


class SaleOrder(models.Model):
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    def _mn_state_guarded(self):
        """Whether a rule of this order's company judges its quotations (ensure_one)."""
        self.ensure_one()
        return self._mn_company()._mn_judges_quotations()

    def _mn_raise_state_write(self, orders):
        raise UserError(
            self.env._(
                "The status of %(orders)s changes only through its buttons (Confirm, Send, "
                "Mark as Sent, Cancel, Set to Quotation), never by writing it.",
                orders=", ".join(order.display_name for order in orders),
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        judged = not self.env.su and not ORDER_STATE_WRITE.is_on(self)
        if judged:
            companies = self.env["res.company"]
            for vals in vals_list:
                if vals.get("state", "draft") != "draft":
                    companies |= companies.browse(vals.get("company_id")) or self.env.company
            if any(company._mn_judges_quotations() for company in companies):
                self._mn_raise_created_past_quotation()
        orders = super().create(vals_list)
        if judged:
            # A context default (``default_state``) or another company than guessed above.
            if orders.filtered(lambda order: order.state != "draft" and order._mn_state_guarded()):
                self._mn_raise_created_past_quotation()
        return orders

    def _mn_raise_created_past_quotation(self):
        raise UserError(
            self.env._(
                "A sales order is created as a quotation; its status then changes only "
                "through its buttons (Confirm, Send, Cancel)."
            )
        )

    def write(self, vals):
        if "state" in vals and not self.env.su and not ORDER_STATE_WRITE.is_on(self):
            guarded = self.filtered(
                lambda order: order.state != vals["state"] and order._mn_state_guarded()
            )
            if guarded:
                self._mn_raise_state_write(guarded)
        return super().write(vals)

    # --- core's action methods, the only writers of the state ------------------------------

    def action_confirm(self):
        """Confirm the quotations (core's action: one of the few writers of the state)."""
        return super(SaleOrder, ORDER_STATE_WRITE.on(self)).action_confirm()

    def action_draft(self):
        """Set cancelled or sent orders back to quotation (core's action)."""
        return super(SaleOrder, ORDER_STATE_WRITE.on(self)).action_draft()

    def action_quotation_sent(self):
        """Mark the quotations as sent (core's action)."""
        return super(SaleOrder, ORDER_STATE_WRITE.on(self)).action_quotation_sent()

    def _action_cancel(self):
        return super(SaleOrder, ORDER_STATE_WRITE.on(self))._action_cancel()

    def message_post(self, **kwargs):
        """Post on the order; core's composer marks the quotation sent from here
        (context ``mark_so_as_sent``), so the state may change."""
        orders = ORDER_STATE_WRITE.on(self) if self.env.context.get("mark_so_as_sent") else self
        return super(SaleOrder, orders).message_post(**kwargs)

    # --- invoices: an order that needs approval is invoiced only once approved -------------

    def _mn_check_invoicing(self):
        """Refuse to invoice (down payments included) an order that still needs approval."""
        for order in self:
            message = order._mn_approval_block_message("invoice")
            if message:
                raise UserError(message)

    def _create_invoices(self, grouped=False, final=False, date=None):
        self._mn_check_invoicing()
        return super()._create_invoices(grouped=grouped, final=final, date=date)


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"  # pylint: disable=consider-merging-classes-inherited

    # ``state`` on a line is core's stored copy of its order's state; core never writes it,
    # yet a caller could, and the invoicing wizard trusts it ("delivered" invoices a line
    # whose copy says ``sale``).

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if any("state" in vals for vals in vals_list):
            # Judged on the lines made, whichever way they got their order (values, a
            # ``default_order_id``, the order's own create).
            stated = [
                line.order_id.id
                for line, vals in zip(lines, vals_list, strict=True)
                if "state" in vals and vals["state"] != line.order_id.state
            ]
            lines._mn_refuse_line_state(lines.order_id.browse(stated))
        return lines

    def write(self, vals):
        if "state" in vals:
            self._mn_refuse_line_state(self.order_id)
        return super().write(vals)

    def _mn_refuse_line_state(self, orders):
        if self.env.su or ORDER_STATE_WRITE.is_on(self):
            return
        guarded = orders.filtered(lambda order: order._mn_state_guarded())
        if guarded:
            guarded._mn_raise_state_write(guarded)
