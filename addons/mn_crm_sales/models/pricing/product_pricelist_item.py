from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ...tools.context_keys import ORDER_QUANTITIES
from ...tools.pricing import round_to_step


class ProductPricelistItem(models.Model):
    """Extra conditions and results of a pricelist rule.

    Conditions (who, when, how much) are turned into search domains by
    ``product.pricelist._get_applicable_rules_domain``; the order-wide quantity break is
    checked in ``_is_applicable_for``; rounding is applied in ``_compute_price``. Every
    part acts only while its company switch is on, so core prices are unchanged otherwise.
    """

    _name = "product.pricelist.item"
    _inherit = ["product.pricelist.item", "mn.min.margin.mixin"]  # pylint: disable=consider-merging-classes-inherited

    # --- who -----------------------------------------------------------------------------
    mn_tier_ids = fields.Many2many(
        comodel_name="mn.partner.tier",
        relation="mn_pricelist_item_partner_tier_rel",
        column1="item_id",
        column2="tier_id",
        string="Customer Tiers",
        help="Apply only to customers of these tiers (empty: any customer).",
    )
    mn_partner_category_ids = fields.Many2many(
        comodel_name="res.partner.category",
        relation="mn_pricelist_item_partner_category_rel",
        column1="item_id",
        column2="category_id",
        string="Customer Tags",
        help="Apply only to customers with one of these tags or one of their subtags "
        "(empty: any customer).",
    )
    # --- when ----------------------------------------------------------------------------
    mn_weekday_ids = fields.Many2many(
        comodel_name="mn.weekday",
        relation="mn_pricelist_item_weekday_rel",
        column1="item_id",
        column2="weekday_id",
        string="Weekdays",
        help="Apply only on these days of the week, in the company's time zone (empty: every day).",
    )
    mn_hour_from = fields.Float(
        string="From Hour",
        default=0.0,
        help="Apply from this hour of the day (company's time zone), included.",
    )
    mn_hour_to = fields.Float(
        string="To Hour",
        default=24.0,
        help="Apply until this hour of the day (company's time zone), excluded.",
    )
    # --- how much ------------------------------------------------------------------------
    mn_min_qty_scope = fields.Selection(
        selection=[
            ("line", "Order line"),
            ("template", "Whole order, same product"),
            ("category", "Whole order, same category"),
        ],
        string="Count Quantity On",
        default="line",
        required=True,
        help="What the minimum quantity is compared with: the quantity of the order line, "
        "or the order's total quantity of the same product (all variants), or of the same "
        "product category (the rule's category and its subcategories for a category rule, "
        "else the product's own category).",
    )
    # --- result --------------------------------------------------------------------------
    mn_rounding_step = fields.Selection(
        selection=[("1", "1 ₮"), ("10", "10 ₮"), ("50", "50 ₮"), ("100", "100 ₮")],
        string="Round Final Price To",
        help="Round the price this rule gives to a multiple of this amount.",
    )
    mn_rounding_method = fields.Selection(
        selection=[("half", "Nearest (half up)"), ("up", "Up"), ("down", "Down")],
        string="Rounding Method",
        default="half",
        required=True,
    )
    mn_min_margin = fields.Float(
        help="Minimum margin over cost, in percent, for lines priced by this rule. 0 means: "
        "use the product category's, else the company's.",
    )

    @api.constrains("mn_hour_from", "mn_hour_to")
    def _check_mn_hours(self):
        for item in self:
            if not 0 <= item.mn_hour_from < item.mn_hour_to <= 24:
                raise ValidationError(
                    self.env._(
                        "%(rule)s: the hours must satisfy 0 <= From Hour < To Hour <= 24.",
                        rule=item.display_name,
                    )
                )

    # --- CRUD: keep the orders' cached rule candidates in step -----------------------------

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        self._mn_invalidate_order_candidates()
        return items

    def write(self, vals):
        result = super().write(vals)
        self._mn_invalidate_order_candidates()
        return result

    def unlink(self):
        result = super().unlink()
        self._mn_invalidate_order_candidates()
        return result

    def _mn_invalidate_order_candidates(self):
        """Drop the rules that sales orders pre-fetched (sale.order.mn_pricing_rule_ids)."""
        self.env["sale.order"].invalidate_model(["mn_pricing_rule_ids"])

    # --- business --------------------------------------------------------------------------

    def _mn_company(self):
        self.ensure_one()
        return self.company_id or self.pricelist_id._mn_company()

    def _is_applicable_for(self, product, qty_in_product_uom):
        """Core check, with the order's quantity for rules counting the whole order."""
        scope_qty = self._mn_scope_quantity(product)
        if scope_qty is not None:
            qty_in_product_uom = max(qty_in_product_uom, scope_qty)
        return super()._is_applicable_for(product, qty_in_product_uom)

    def _mn_scope_quantity(self, product):
        """Order-wide quantity this rule's minimum is compared with, or None (line quantity).

        The quantities come from the sales order (see ``sale.order._mn_pricing_quantities``),
        handed over in the context by ``product.pricelist._compute_price_rule`` only while
        the company's order-wide quantity break switch is on.
        """
        self.ensure_one()
        quantities = ORDER_QUANTITIES.get(self)
        if not quantities or self.mn_min_qty_scope == "line":
            return None
        if self.mn_min_qty_scope == "template":
            template = product if product._name == "product.template" else product.product_tmpl_id
            return quantities["template"].get(template.id, 0.0)
        by_category = quantities["category"]
        if self.applied_on == "2_product_category" and self.categ_id:
            prefix = self.categ_id.parent_path
            categories = self.env["product.category"].browse(by_category)
            return sum(
                by_category[categ.id]
                for categ in categories
                if categ.parent_path.startswith(prefix)
            )
        return by_category.get(product.categ_id.id, 0.0)

    def _compute_price(self, product, quantity, uom, date, currency=None, **kwargs):
        price = super()._compute_price(product, quantity, uom, date, currency=currency, **kwargs)
        if self._mn_rounds():
            price = round_to_step(price, int(self.mn_rounding_step), self.mn_rounding_method)
        return price

    def _mn_rounds(self):
        """Whether this rule rounds its prices (its company's rounding switch on)."""
        return bool(self and self.mn_rounding_step and self._mn_company().mn_pricelist_rounding)

    def _show_discount(self):
        """A rounded price is shown as the unit price, not as list price and discount.

        The line discount is stored with 2 decimals: 119 900 less 10.01 % is not the
        rounded 107 900 ₮ any more. Showing the final price keeps the amounts exact.
        """
        if self._mn_rounds():
            return False
        return super()._show_discount()
