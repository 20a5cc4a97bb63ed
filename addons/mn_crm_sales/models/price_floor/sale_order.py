from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_amount

from ...tools.context_keys import FLOOR_CHECK_RUNNING
from ...tools.pricing import floor_unit_price


class SaleOrderLine(models.Model):
    """Price floor: a line may not be sold below cost × (1 + minimum margin).

    The margin is the most specific one set: the pricelist rule that prices the line for
    its customer now (found afresh, never the line's stored rule, which a caller can
    write), else the product's category (or its nearest ancestor that sets one), else the company.
    The floor is compared with the line's untaxed amount, so prices that include VAT
    are judged without it, like the cost, and after the line's share of the order-level
    discount lines (``_mn_net_subtotal``), so the whole-order "Discount" wizard cannot
    sell below the floor either.
    """

    _inherit = "sale.order.line"  # pylint: disable=consider-merging-classes-inherited

    mn_floor_price = fields.Monetary(
        string="Floor Price",
        compute="_compute_mn_price_floor",
        help="Lowest untaxed unit price allowed for this line (cost plus minimum margin), "
        "when the company's price floor is on.",
    )
    mn_below_floor = fields.Boolean(
        string="Below Price Floor",
        compute="_compute_mn_price_floor",
        help="The line's untaxed price is below its floor price.",
    )

    @api.depends(
        "product_id",
        "product_uom_id",
        "product_uom_qty",
        "price_subtotal",
        "mn_reference_rule_id",
        "order_id.company_id",
        "order_id.currency_rate",
    )
    def _compute_mn_price_floor(self):
        floors = self._mn_floor_prices()
        below = self._mn_lines_below_floor(floors)
        for line in self:
            line.mn_floor_price = floors.get(line.id, 0.0)
            line.mn_below_floor = line in below

    def _mn_floor_prices(self):
        """{line id: floor unit price in the order's currency and the line's unit}.

        Only lines of companies with the price floor on, that sell a product with a cost
        (sections, notes, down payments, combos and cost-less products have no floor).
        Category margins are read in one batch for all lines.
        """
        lines = self.filtered(lambda line: line._mn_has_floor())
        if not lines:
            return {}
        category_margins = lines.product_id.categ_id._mn_effective_min_margins()
        floors = {}
        for line in lines:
            company = line.order_id.company_id
            product = line.product_id.with_company(company)
            margin = (
                line._mn_reference_rule().mn_min_margin
                or category_margins.get(product.categ_id.id)
                or company.mn_min_margin
            )
            floor = floor_unit_price(product.standard_price, margin)
            if line.product_uom_id and line.product_uom_id != product.uom_id:
                floor = product.uom_id._compute_price(floor, line.product_uom_id)
            if line.order_id.currency_id != company.currency_id:
                floor *= line.order_id.currency_rate
            floors[line.id] = floor
        return floors

    def _mn_has_floor(self):
        self.ensure_one()
        company = self.order_id.company_id
        return bool(
            self.order_id._mn_floor_policy()
            and self._mn_is_goods_line()
            and self.product_uom_qty > 0
            and self.product_id.with_company(company).standard_price > 0
        )

    def _mn_lines_below_floor(self, floors=None):
        """The lines of ``self`` sold below their floor (empty when the floor is off).

        The untaxed amount is judged after the line's share of the order-level discount.
        """
        if floors is None:
            floors = self._mn_floor_prices()
        lines = self.filtered(lambda line: line.id in floors)
        lines.mapped("price_subtotal")  # pending amounts computed in one batch
        shares = lines._mn_order_discount_shares()

        def is_below(line):
            net_subtotal = line._mn_net_subtotal(shares[line.order_id])
            floor_subtotal = floors[line.id] * line.product_uom_qty
            return line.order_id.currency_id.compare_amounts(net_subtotal, floor_subtotal) < 0

        return lines.filtered(is_below)

    def _mn_below_floor_amounts(self):
        """[(line, formatted net unit price, formatted floor)] of the lines below floor."""
        below = self._mn_lines_below_floor()
        floors = below._mn_floor_prices()
        shares = below._mn_order_discount_shares()
        return [
            (
                line,
                format_amount(
                    self.env,
                    line._mn_net_subtotal(shares[line.order_id]) / line.product_uom_qty,
                    line.currency_id,
                ),
                format_amount(self.env, floors[line.id], line.currency_id),
            )
            for line in below
        ]

    @api.constrains("price_unit", "discount", "product_uom_id", "product_uom_qty")
    def _check_mn_price_floor(self):
        """Refuse prices and discounts that go below the floor (policy "refuse").

        Reading the untaxed amount may recompute a pending discount or price, which runs
        this constraint again half-way: the nested run is skipped, this one judges the
        final amounts.
        """
        if FLOOR_CHECK_RUNNING.is_on(self):
            return
        refusing = self.filtered(lambda line: line.order_id._mn_floor_policy() == "refuse")
        refusing = FLOOR_CHECK_RUNNING.on(refusing)
        # an order-level discount line lowers the price of every goods line of its order
        discounting = refusing.filtered(lambda line: line._mn_is_order_discount_line())
        refusing |= discounting.order_id.order_line
        refusing._mn_raise_below_floor()

    def _mn_raise_below_floor(self):
        below = self._mn_below_floor_amounts()
        if not below:
            return
        details = "\n".join(
            self.env._(
                "%(order)s – %(product)s: %(price)s per unit before tax, floor %(floor)s",
                order=line.order_id.name,
                product=line.product_id.display_name,
                price=price,
                floor=floor,
            )
            for line, price, floor in below
        )
        raise ValidationError(
            self.env._(
                "These lines are priced below cost plus the minimum margin:\n%(details)s",
                details=details,
            )
        )


class SaleOrder(models.Model):
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    mn_needs_floor_approval = fields.Boolean(
        string="Needs Price Floor Approval",
        compute="_compute_mn_needs_floor_approval",
        help="Some lines are priced below cost plus the minimum margin and the company "
        "requires an approval for them.",
    )

    @api.depends("order_line.mn_below_floor")
    def _compute_mn_needs_floor_approval(self):
        for order in self:
            order.mn_needs_floor_approval = order._mn_floor_policy() == "approval" and any(
                order.order_line.mapped("mn_below_floor")
            )

    def _mn_floor_policy(self):
        """The company's price-floor policy ("refuse" or "approval"), False when it is off."""
        self.ensure_one()
        company = self._mn_company()
        return company.mn_price_floor and company.mn_price_floor_policy

    def _mn_floor_violations(self):
        """Lines of these orders sold below their floor, whatever the policy."""
        return self.order_line._mn_lines_below_floor()

    # Policy "approval": a line below its floor is one more reason of the discount-approval
    # workflow (models/approval/sale_order.py), so it blocks sending and confirming until the team
    # leader or a sales manager approves, exactly like a discount over its limit.

    def _mn_approval_enabled(self):
        return super()._mn_approval_enabled() or self._mn_floor_policy() == "approval"

    def _mn_approval_reasons(self):
        reasons = super()._mn_approval_reasons()
        if self._mn_floor_policy() == "approval":
            reasons += self._mn_floor_reasons()
        return reasons

    def _mn_floor_reasons(self):
        """One translated sentence per line of this order priced below its floor."""
        return [
            self.env._(
                "%(product)s: %(price)s per unit before tax is below the floor price "
                "%(floor)s (cost plus minimum margin).",
                product=line.product_id.display_name,
                price=price,
                floor=floor,
            )
            for line, price, floor in self.order_line._mn_below_floor_amounts()
        ]

    def write(self, vals):
        # Every entry into "sale" is a write of the state (models/guards/sale_order_state.py).
        if vals.get("state") == "sale":
            refusing = self.filtered(
                lambda order: order.state != "sale" and order._mn_floor_policy() == "refuse"
            )
            FLOOR_CHECK_RUNNING.on(refusing.order_line)._mn_raise_below_floor()
        return super().write(vals)
