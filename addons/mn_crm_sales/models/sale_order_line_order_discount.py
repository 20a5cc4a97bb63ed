from odoo import models


class SaleOrderLine(models.Model):
    """Order-level discounts count against the line rules (discount limits, price floor).

    Core's "Discount" button (wizard ``sale.order.discount``) gives a discount on the whole
    order in two ways that leave every line's own ``discount`` at 0: a percentage or a fixed
    amount, both written as extra lines with a negative price (``_is_global_discount``). A
    salesperson can also type such a line by hand. Judged line by line, those discounts are
    invisible, so a 5 % salesperson could give 30 % through the wizard. The rules therefore
    judge what the customer finally pays: each goods line carries its share of the order's
    negative lines, in proportion to its untaxed amount (which is how core spreads them over
    tax groups too).
    """

    _inherit = "sale.order.line"  # pylint: disable=consider-merging-classes-inherited

    def _mn_is_order_discount_line(self):
        """Whether this line takes money off the order as a whole (no goods of its own).

        Core's global discount lines, and any other line with a negative unit price (a
        hand-made discount line), except down payments, which are settled, not given. A
        negative quantity at a positive price is a return of goods, not a discount. Only
        stored inputs are read, so that asking costs no recomputation of amounts.
        """
        self.ensure_one()
        if self.display_type or self.is_downpayment:
            return False
        return self._is_global_discount() or self.price_unit < 0

    def _mn_order_discount_shares(self):
        """{order: share} for the orders of these lines, each order summed once."""
        return {order: order._mn_order_discount_share() for order in self.order_id}

    def _mn_effective_discount(self, order_share):
        """The line's discount in %, with its share of the order-level discount.

        Discounts compound: 10 % on the line then 5 % on the order is 14.5 %, not 15 %.
        """
        self.ensure_one()
        return 100.0 * (1.0 - (1.0 - self.discount / 100.0) * (1.0 - order_share))

    def _mn_net_subtotal(self, order_share):
        """The line's untaxed amount after its share of the order-level discount."""
        self.ensure_one()
        return self.price_subtotal * (1.0 - order_share)


class SaleOrder(models.Model):
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    def _mn_order_discount_share(self):
        """Share (0 to 1) of the goods' amount the order-level discount lines take off.

        Measured on amounts with taxes, as the customer sees them and as the wizard takes
        its percentage or amount: on untaxed amounts a 6 % discount on VAT-included prices
        reads 5.99 % after rounding to the tögrög cent. It sums the whole order: callers
        looping over lines read it once per order (``_mn_order_discount_shares``).
        """
        self.ensure_one()
        lines = self.order_line
        discount_lines = lines.filtered(lambda line: line._mn_is_order_discount_line())
        if not discount_lines:
            return 0.0  # the usual case, decided without reading any amount
        order_discount = -sum(discount_lines.mapped("price_total"))
        goods = sum(
            (lines - discount_lines)
            .filtered(lambda line: not line.display_type and not line.is_downpayment)
            .mapped("price_total")
        )
        if goods <= 0 or order_discount <= 0:
            return 0.0
        return min(order_discount / goods, 1.0)
