from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import frozendict

from ...tools.context_keys import DERIVED_WRITE


class SaleOrder(models.Model):
    """What the pricelist layer needs to know about a whole order, computed once per order.

    Both fields are computed on demand and never stored: they only exist so that pricing
    N lines costs a bounded number of queries (one rule search per order, not per line)
    and that order-wide quantities are summed once, not once per line.
    """

    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    mn_pricing_rule_ids = fields.Many2many(
        comodel_name="product.pricelist.item",
        compute="_compute_mn_pricing_rule_ids",
        string="Candidate Pricelist Rules",
        help="Technical: the rules of the order's pricelist (and of the pricelists they are "
        "based on) that may apply to the order's products, searched once per order.",
    )
    mn_pricing_quantities = fields.Json(
        compute="_compute_mn_pricing_quantities",
        exportable=False,
        help="Technical: the order's quantities per product template and per product "
        "category, in product units, for order-wide quantity breaks.",
    )

    @api.depends("pricelist_id", "order_line.product_id", "order_line.product_id.categ_id")
    def _compute_mn_pricing_rule_ids(self):
        for order in self:
            order.mn_pricing_rule_ids = order.pricelist_id._mn_rule_candidates(
                order.order_line.product_id
            )

    @api.depends("order_line.product_id", "order_line.product_uom_qty", "order_line.product_uom_id")
    def _compute_mn_pricing_quantities(self):
        for order in self:
            per_template, per_category = defaultdict(float), defaultdict(float)
            for line in order.order_line:
                if line.display_type or line.is_downpayment or not line.product_id:
                    continue
                product = line.product_id
                qty = line.product_uom_qty
                if line.product_uom_id and line.product_uom_id != product.uom_id:
                    qty = line.product_uom_id._compute_quantity(
                        qty, product.uom_id, raise_if_failure=False
                    )
                # ids are falsy for a category-less product or a record not yet saved
                if product.product_tmpl_id.id:
                    per_template[str(product.product_tmpl_id.id)] += qty
                if product.categ_id.id:
                    per_category[str(product.categ_id.id)] += qty
            order.mn_pricing_quantities = {"template": per_template, "category": per_category}

    def _mn_pricing_quantities(self):
        """The order's quantities, keyed by record id, immutable (they travel in a context).

        Asked once per line priced: reading the Json field copies it whole each time, which
        made pricing an N-line order cost N copies of N quantities. The cached value is read
        as it is and frozen once per computation of the field (the frozen copy is kept
        against the identity of the cached value, which a recomputation replaces).
        """
        self.ensure_one()
        field = self._fields["mn_pricing_quantities"]
        computed = None
        if self.id not in field._get_cache(self.env):
            computed = self.mn_pricing_quantities  # computes it into the cache
        raw = field._get_cache(self.env).get(self.id, computed)
        memo = self.env.cr.cache.setdefault("mn_pricing_quantities", {})
        hit = memo.get(self.id)
        if hit is not None and hit[0] is raw:
            return hit[1]
        quantities = raw or {}
        frozen = frozendict(
            {
                scope: frozendict({int(key): qty for key, qty in quantities.get(scope, {}).items()})
                for scope in ("template", "category")
            }
        )
        memo[self.id] = (raw, frozen)
        return frozen

    def _mn_has_order_wide_rules(self):
        """Whether a rule that may apply to this order counts order-wide quantities."""
        self.ensure_one()
        return any(rule.mn_min_qty_scope != "line" for rule in self.mn_pricing_rule_ids)

    def _recompute_prices(self):
        """ "Update prices" prices the lines now: weekday and hour rules judge this moment."""
        lines = self._get_update_prices_lines()
        if lines:
            DERIVED_WRITE.on(lines).write({"mn_priced_at": fields.Datetime.now()})
        return super()._recompute_prices()

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders._check_mn_pricelist_allowed()
        return orders

    def write(self, vals):
        result = super().write(vals)
        if "pricelist_id" in vals or "partner_id" in vals:
            self._check_mn_pricelist_allowed()
        return result

    def _check_mn_pricelist_allowed(self):
        """With customer tiers on, a salesperson gives a customer only the customer's pricelist.

        The pricelist decides the price the customer is owed, and a discount is measured
        against it: choosing a cheaper pricelist is a discount without approval. Sales
        managers (and the system) may set any pricelist. Called from create and write, not
        as an ``api.constrains``: Odoo runs those as superuser, and this depends on the user.
        """
        if self.env.su or self.env.user.has_group("sales_team.group_sale_manager"):
            return
        for order in self:
            company = order._mn_company()
            if not company.mn_pricelist_tiers or not order.pricelist_id:
                continue
            allowed = order.partner_id.with_company(company).property_product_pricelist
            if order.pricelist_id != allowed:
                raise AccessError(
                    self.env._(
                        "%(order)s: the pricelist of customer %(customer)s is %(allowed)s; "
                        "only a sales manager can give %(pricelist)s instead.",
                        order=order.display_name,
                        customer=order.partner_id.display_name,
                        allowed=allowed.display_name or "-",
                        pricelist=order.pricelist_id.display_name,
                    )
                )

    def _get_product_catalog_order_data(self, products, **kwargs):
        """Catalogue prices for this order's customer (rules limited to tiers or tags)."""
        if self._mn_company().mn_pricelist_tiers:
            kwargs.setdefault("mn_partner", self.partner_id)
        return super()._get_product_catalog_order_data(products, **kwargs)
