"""Down-payment and global-discount lines are made by core's wizards only.

``is_downpayment`` and ``extra_tax_data`` (core's global-discount marker) are ordinary
fields: a caller could mark a goods line as a down payment and take it out of the discount
limits and the price floor. On an order whose company judges quotations, a line of those
kinds is therefore made only by core's down-payment wizard and whole-order discount wizard
(``wizard/guards/sale_order_line_kinds.py``, internal flag ``LINE_KIND_WRITE``), and a
down-payment line's product, quantity and price are not changed afterwards by hand. The
rules also read a line's kind from its amounts (``_mn_is_order_discount_line``), so a
marker alone never exempts a line.
"""

from odoo import api, models
from odoo.exceptions import UserError

from ...tools.context_keys import LINE_KIND_WRITE
from ..rules.protected_fields import drop_context_defaults

KIND_FIELDS = ("is_downpayment", "extra_tax_data")
# What a down payment is: changed by hand, it would be a goods line exempt from the rules.
DOWN_PAYMENT_FIELDS = frozenset(
    {"product_id", "product_uom_id", "product_uom_qty", "price_unit", "discount", *KIND_FIELDS}
)


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"  # pylint: disable=consider-merging-classes-inherited

    def _mn_raise_line_kind(self, orders):
        raise UserError(
            self.env._(
                "Down-payment and whole-order discount lines of %(orders)s are made only by "
                "the Create Invoice (down payment) and Discount buttons, and a down-payment "
                "line cannot be changed by hand.",
                orders=", ".join(orders.mapped("display_name")),
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.su or LINE_KIND_WRITE.is_on(self):
            return super().create(vals_list)
        # Core sends no such default; a caller's would mark every new line.
        lines = super(SaleOrderLine, drop_context_defaults(self, KIND_FIELDS)).create(vals_list)
        # Judged on the lines made, whichever way they got their order (values, a
        # ``default_order_id``, the order's own create).
        marked = lines.filtered(lambda line: any(line[name] for name in KIND_FIELDS))
        guarded = marked.order_id.filtered(lambda order: order._mn_state_guarded())
        if guarded:
            self._mn_raise_line_kind(guarded)
        return lines

    def write(self, vals):
        if (
            not self.env.su
            and not LINE_KIND_WRITE.is_on(self)
            and DOWN_PAYMENT_FIELDS.intersection(vals)
        ):
            touched = self.filtered(
                lambda line: line.is_downpayment
                or any(name in vals and vals[name] != (line[name] or False) for name in KIND_FIELDS)
            )
            guarded = touched.order_id.filtered(lambda order: order._mn_state_guarded())
            if guarded:
                self._mn_raise_line_kind(guarded)
        return super().write(vals)


class SaleOrder(models.Model):
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    def _create_down_payment_lines_from_base_lines(self, down_payment_base_lines):
        # Core's only maker of down-payment lines (its invoicing wizard and others call it).
        return super(
            SaleOrder, LINE_KIND_WRITE.on(self)
        )._create_down_payment_lines_from_base_lines(down_payment_base_lines)


class AccountMove(models.Model):
    _inherit = "account.move"

    def action_post(self):
        """Post the entries; core then updates the price of the orders' down-payment lines,
        a line kind only core's makers may write."""
        return super(AccountMove, LINE_KIND_WRITE.on(self)).action_post()
