from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

from ...tools.context_keys import APPROVAL_REFRESH_DEFERRED

# Line fields whose change voids an approval; creating or removing a line does too.
APPROVAL_LINE_FIELDS = frozenset(
    {"product_id", "product_uom_qty", "product_uom_id", "price_unit", "discount"}
)


def _percent(value):
    """12.50 -> "12.5", 10.0 -> "10": short percentages for messages."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    mn_discount_limit = fields.Float(
        string="Discount limit (%)",
        digits="Discount",
        compute="_compute_mn_discount_limit",
        help="Highest discount this line may carry without approval (0: no limit).",
    )
    mn_discount_over_limit = fields.Boolean(
        string="Discount over limit",
        compute="_compute_mn_discount_limit",
    )

    @api.depends(
        "discount",
        "price_unit",
        "product_uom_qty",
        "product_uom_id",
        "product_id.categ_id.mn_max_discount",
        "product_id.categ_id.parent_id.mn_max_discount",
        "order_id.user_id.mn_max_discount",
        "order_id.team_id.mn_max_discount",
        "order_id.company_id.mn_max_discount",
        "order_id.company_id.mn_discount_approval",
    )
    @api.depends_context("uid")
    def _compute_mn_discount_limit(self):
        shares = self._mn_order_discount_shares()
        for line in self:
            limit = None
            if line.order_id.company_id.mn_discount_approval:
                limit, _source = line._mn_discount_limit()
            line.mn_discount_limit = limit or 0.0
            line.mn_discount_over_limit = bool(
                line._mn_discount_limit_reason(shares.get(line.order_id, 0.0))
            )

    @api.constrains("discount", "price_unit")
    def _check_mn_discount_range(self):
        """While discount approval is on, a line's discount is a percentage of 0 to 100.

        Over 100 the customer would be paid; a negative discount on a positive price is a
        surcharge no limit speaks of. Core's own negative discounts (pricelist discounts on
        negative prices) stay allowed.
        """
        for line in self:
            if not line.order_id.company_id.mn_discount_approval:
                continue
            if line.discount > 100.0 or (line.discount < 0.0 and line.price_unit > 0.0):
                raise ValidationError(
                    self.env._(
                        "%(line)s: a discount is a percentage between 0 and 100, not %(discount)s.",
                        line=line.product_id.display_name or line.name,
                        discount=_percent(line.discount),
                    )
                )

    def _mn_discount_limit(self):
        """Return ``(limit, source)`` for this line, or ``(None, "")`` when no limit applies.

        1. The product's category, or the nearest parent category that sets one: a category
           limit is a statement about the goods (clearance stock may bear 15 %, a
           thin-margin category caps everybody at 3 %), set by a manager on the product,
           so it wins in either direction.
        2. Otherwise the strictest of the limits set for the people and the team: the
           order's salesperson, the user making the change, and the order's sales team.
           Each of them can be changed on the order by a salesperson (clear the
           salesperson, move the order to another team), so the strictest is taken: no
           such change can widen the limit.
        3. Otherwise the company default.

        0 means "not set" at that level: to forbid discounts, use a small limit such as 0.01.
        """
        self.ensure_one()
        order = self.order_id
        category = self.product_id.categ_id
        category = category._mn_discount_limit_category() if category else category
        if category:
            return category.mn_max_discount, self.env._(
                "product category %(category)s", category=category.display_name
            )
        candidates = []
        for user in (order.user_id | self.env.user).filtered(lambda user: not user.share):
            if user.mn_max_discount:
                candidates.append(
                    (user.mn_max_discount, self.env._("salesperson %(user)s", user=user.name))
                )
        if order.team_id.mn_max_discount:
            candidates.append(
                (
                    order.team_id.mn_max_discount,
                    self.env._("sales team %(team)s", team=order.team_id.name),
                )
            )
        if candidates:
            return min(candidates, key=lambda candidate: candidate[0])
        if order.company_id.mn_max_discount:
            return order.company_id.mn_max_discount, self.env._(
                "the company default of %(company)s", company=order.company_id.name
            )
        return None, ""

    def _mn_discount_limit_reason(self, order_share=None):
        """Return why this line needs approval (the discount it gives is over its limit), or "".

        The discount judged is the one the customer gets (``_mn_discount_given``): a price
        cut, a line discount, another unit at the same price and the line's share of
        order-level discounts all count, against the price the pricelist gives. What the
        pricelist itself grants is a manager's decision and needs no approval.
        """
        self.ensure_one()
        if not self.order_id.company_id.mn_discount_approval or not self._mn_is_goods_line():
            return ""
        if order_share is None:
            order_share = self.order_id._mn_order_discount_share()
        given = self._mn_discount_given(order_share)
        if given <= 0:
            return ""
        limit, origin = self._mn_discount_limit()
        if limit is None:
            return ""
        digits = self.env["decimal.precision"].precision_get("Discount")
        if float_compare(given, limit, precision_digits=digits) <= 0:
            return ""
        if not order_share:
            return self.env._(
                "%(product)s: discount %(discount)s%% is above the %(limit)s%% limit of "
                "%(origin)s.",
                product=self.product_id.display_name,
                discount=_percent(given),
                limit=_percent(limit),
                origin=origin,
            )
        return self.env._(
            "%(product)s: discount %(discount)s%% (%(line)s%% on the line and %(order)s%% on "
            "the whole order) is above the %(limit)s%% limit of %(origin)s.",
            product=self.product_id.display_name,
            discount=_percent(given),
            line=_percent(self._mn_discount_given(0.0)),
            order=_percent(order_share * 100.0),
            limit=_percent(limit),
            origin=origin,
        )

    # Approval reset: any change of what was approved sends the order back to "to request".

    def _mn_refresh_deferred(self):
        return APPROVAL_REFRESH_DEFERRED.is_on(self)

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not lines._mn_refresh_deferred():
            lines.order_id._mn_note_repriced()
            lines.order_id._mn_refresh_approval_state()
        return lines

    def write(self, vals):
        result = super().write(vals)
        if APPROVAL_LINE_FIELDS.intersection(vals) and not self._mn_refresh_deferred():
            self.order_id._mn_note_repriced()
            self.order_id._mn_refresh_approval_state()
        return result

    def unlink(self):
        orders = self.order_id
        result = super().unlink()
        orders = orders.exists()
        orders._mn_note_repriced()
        orders._mn_refresh_approval_state()
        return result
