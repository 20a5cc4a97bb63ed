from odoo import api, fields, models
from odoo.tools import float_compare

# Line fields whose change voids an approval; creating or removing a line does too.
APPROVAL_LINE_FIELDS = frozenset({"product_id", "product_uom_qty", "price_unit", "discount"})
# While an order re-prices all its lines (sale.order._recompute_prices), the approval state
# is refreshed once at the end instead of after each line. The context value must be this
# very object, which an RPC caller cannot send; nothing is bypassed anyway, since sending
# and confirming check the reasons and the approval's fingerprint again.
DEFER_REFRESH_KEY = "mn_approval_refresh_deferred"
DEFER_REFRESH_TOKEN = object()


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
        "product_id.categ_id.mn_max_discount",
        "product_id.categ_id.parent_id.mn_max_discount",
        "order_id.user_id.mn_max_discount",
        "order_id.team_id.mn_max_discount",
        "order_id.company_id.mn_max_discount",
        "order_id.company_id.mn_discount_approval",
    )
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

    def _mn_discount_limit(self):
        """Return ``(limit, source)`` for this line, or ``(None, "")`` when no limit applies.

        Precedence: the most specific limit that is set (a value above 0) wins:

        1. the product's category, or the nearest parent category that sets one;
        2. the order's salesperson (``res.users.mn_max_discount``);
        3. the order's sales team (``crm.team.mn_max_discount``);
        4. the company default (``res.company.mn_max_discount``).

        Why "most specific wins" rather than "the minimum of those set": a category limit is
        a statement about the goods, not the person. Clearance stock may bear 15 % even in
        the hands of a salesperson trusted with 5 % on other goods, and a thin-margin
        category may cap a senior salesperson at 3 %; a minimum could only ever narrow, so
        the first case would be impossible (the demo's 15 % category would never matter).
        Likewise a salesperson's own limit is a deliberate exception to the team's rule, in
        either direction, and the company default is only the catch-all. 0 means "not set"
        at that level: to forbid discounts, use a small limit such as 0.01.
        """
        self.ensure_one()
        order = self.order_id
        category = self.product_id.categ_id
        category = category._mn_discount_limit_category() if category else category
        if category:
            return category.mn_max_discount, self.env._(
                "product category %(category)s", category=category.display_name
            )
        if order.user_id.mn_max_discount:
            return order.user_id.mn_max_discount, self.env._(
                "salesperson %(user)s", user=order.user_id.name
            )
        if order.team_id.mn_max_discount:
            return order.team_id.mn_max_discount, self.env._(
                "sales team %(team)s", team=order.team_id.name
            )
        if order.company_id.mn_max_discount:
            return order.company_id.mn_max_discount, self.env._(
                "the company default of %(company)s", company=order.company_id.name
            )
        return None, ""

    def _mn_pricelist_discount(self):
        """Discount the line's own pricelist rule gives, as core's ``_compute_discount`` shows it.

        A pricelist is configured by a manager, so the discount it grants needs no approval:
        a line may always carry at least that much.
        """
        self.ensure_one()
        item = self.pricelist_item_id
        if not (self.product_id and self.order_id.pricelist_id and item._show_discount()):
            return 0.0
        line = self.with_company(self.company_id)
        base_price = line._get_pricelist_price_before_discount()
        if not base_price:
            return 0.0
        return max((base_price - line._get_pricelist_price()) / base_price * 100, 0.0)

    def _mn_discount_limit_reason(self, order_share=None):
        """Return why this line needs approval (its discount is over its limit), or "".

        The discount judged is the effective one: the line's own discount compounded with
        ``order_share``, its order's ``_mn_order_discount_share`` (read here when not
        given), so core's whole-order "Discount" wizard is held to the same limits.
        """
        self.ensure_one()
        if (
            self.display_type
            or self.is_downpayment
            or not self.product_id
            or not self.order_id.company_id.mn_discount_approval
            or self._mn_is_order_discount_line()
        ):
            return ""
        if order_share is None:
            order_share = self.order_id._mn_order_discount_share()
        discount = self._mn_effective_discount(order_share)
        if discount <= 0:
            return ""
        limit, origin = self._mn_discount_limit()
        if limit is None:
            return ""
        pricelist_discount = self._mn_pricelist_discount()
        allowed = limit
        if pricelist_discount > limit:
            allowed = pricelist_discount
            origin = self.env._(
                "pricelist %(pricelist)s", pricelist=self.order_id.pricelist_id.display_name
            )
        digits = self.env["decimal.precision"].precision_get("Discount")
        if float_compare(discount, allowed, precision_digits=digits) <= 0:
            return ""
        if not order_share:
            return self.env._(
                "%(product)s: discount %(discount)s%% is above the %(limit)s%% limit of "
                "%(origin)s.",
                product=self.product_id.display_name,
                discount=_percent(self.discount),
                limit=_percent(allowed),
                origin=origin,
            )
        return self.env._(
            "%(product)s: discount %(discount)s%% (%(line)s%% on the line and %(order)s%% on "
            "the whole order) is above the %(limit)s%% limit of %(origin)s.",
            product=self.product_id.display_name,
            discount=_percent(discount),
            line=_percent(self.discount),
            order=_percent(order_share * 100.0),
            limit=_percent(allowed),
            origin=origin,
        )

    # Approval reset: any change of what was approved sends the order back to "to request".

    def _mn_refresh_deferred(self):
        return self.env.context.get(DEFER_REFRESH_KEY) is DEFER_REFRESH_TOKEN

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not lines._mn_refresh_deferred():
            lines.order_id._mn_refresh_approval_state()
        return lines

    def write(self, vals):
        result = super().write(vals)
        if APPROVAL_LINE_FIELDS.intersection(vals) and not self._mn_refresh_deferred():
            self.order_id._mn_refresh_approval_state()
        return result

    def unlink(self):
        orders = self.order_id
        result = super().unlink()
        orders.exists()._mn_refresh_approval_state()
        return result
