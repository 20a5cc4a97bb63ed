from odoo import api, fields, models

from ...tools.context_keys import CORE_RULE_DOMAIN, ORDER_QUANTITIES
from ...tools.pricing import in_time_window, local_weekday_hour

WEEKDAY_XMLIDS = [
    f"mn_crm_sales.mn_weekday_{day}" for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
]


class ProductPricelist(models.Model):
    """Customer, time and order-wide conditions of pricelist rules, and tier pricelists.

    Callers that know the sale (``sale.order.line._get_pricelist_kwargs``) pass extra
    keyword arguments through core's pricing methods, which forward ``**kwargs``:

    - ``mn_partner``: the customer; rules limited to tiers or customer tags match only it.
      Without it (catalogue previews, pricelist report) such rules do not apply.
    - ``mn_order_qty``: the order's quantities per product template and per category, for
      rules whose minimum quantity counts the whole order.
    - ``mn_rule_candidates``: ``(pricelist, rules)``, rules pre-fetched for many lines at
      once (``_mn_rule_candidates``): one search per order instead of one per line. They
      are filtered in memory with core's domain and the same extra conditions.

    Weekday/hour windows are judged on the ``date`` core passes; order lines pass the
    moment the server priced them (``sale.order.line._mn_pricing_moment``), not the order
    date a salesperson can write.
    """

    _inherit = "product.pricelist"  # pylint: disable=consider-merging-classes-inherited

    # --- rule selection ----------------------------------------------------------------------

    def _compute_price_rule(self, products, quantity, *, mn_order_qty=None, **kwargs):
        if mn_order_qty and self and self._mn_company().mn_pricelist_mix_match:
            # core calls _is_applicable_for(product, qty) without kwargs: use the context
            self = ORDER_QUANTITIES.on(self, mn_order_qty)
        if mn_order_qty is not None:
            kwargs["mn_order_qty"] = mn_order_qty  # chained pricelists need them too
        return super()._compute_price_rule(products, quantity, **kwargs)

    def _get_applicable_rules(self, products, date, **kwargs):
        candidates = kwargs.get("mn_rule_candidates")
        if not self or not candidates or not self._mn_candidates_cover(*candidates):
            return super()._get_applicable_rules(products, date, **kwargs)
        core_domain = CORE_RULE_DOMAIN.on(self)._get_applicable_rules_domain(
            products=products, date=date, **kwargs
        )
        own = candidates[1].filtered(lambda rule: rule.pricelist_id == self).with_env(self.env)
        # Both filters keep the rules' order, which is core's search order. The extra
        # conditions first, on all the pricelist's candidates: their many2many fields are
        # then read once for all of them, not once per subset that a line's domain keeps.
        return own.filtered(self._mn_rule_matcher(date, kwargs.get("mn_partner"))).filtered_domain(
            core_domain
        )

    def _mn_candidates_cover(self, root, rules):
        """Whether rules pre-fetched from the ``root`` pricelist were searched for this one.

        ``_mn_rule_candidates`` searches a pricelist, then every pricelist its rules are
        based on, and so on: those are the covered ones.
        """
        self.ensure_one()
        if self == root:
            return True
        return self in rules.filtered(lambda rule: rule.base == "pricelist").base_pricelist_id

    def _mn_rule_candidates(self, products):
        """Rules of this pricelist (and of those it is based on) that may apply to products.

        Core's per-line domain without its date terms, for all products at once; each
        line then picks its rules in memory (``_get_applicable_rules``).
        """
        items = self.env["product.pricelist.item"]
        rules, searched, todo = items, self.browse(), self
        while todo:
            found = items.search(
                [
                    ("pricelist_id", "in", todo.ids),
                    "|",
                    ("categ_id", "=", False),
                    ("categ_id", "parent_of", products.categ_id.ids),
                    "|",
                    ("product_tmpl_id", "=", False),
                    ("product_tmpl_id", "in", products.product_tmpl_id.ids),
                    "|",
                    ("product_id", "=", False),
                    ("product_id", "in", products.ids),
                ]
            )
            rules |= found
            searched |= todo
            todo = found.filtered(lambda rule: rule.base == "pricelist").base_pricelist_id
            todo -= searched
        return rules

    def _get_applicable_rules_domain(self, products, date, **kwargs):
        domain = super()._get_applicable_rules_domain(products, date, **kwargs)
        if CORE_RULE_DOMAIN.is_on(self):
            return domain
        company = self._mn_company()
        if company.mn_pricelist_tiers:
            domain = domain + self._mn_partner_domain(kwargs.get("mn_partner"))
        if company.mn_pricelist_time_windows:
            domain = domain + self._mn_time_domain(date, company)
        return domain

    # --- extra conditions, as a search domain and as an in-memory check (same meaning) ---------

    @api.model
    def _mn_partner_keys(self, partner):
        """(tier ids, tag ids) a customer matches; a subtag also matches its parent tags."""
        if not partner:
            return set(), set()
        commercial = partner.commercial_partner_id
        tags = partner.category_id | commercial.category_id
        tag_ids = {int(tid) for tag in tags for tid in tag.parent_path.split("/") if tid}
        return set(commercial.mn_tier_id.ids), tag_ids

    @api.model
    def _mn_partner_domain(self, partner):
        """Rules without customer limits, or limited to this customer's tier or tags."""
        tier_ids, tag_ids = self._mn_partner_keys(partner)
        return [
            "|",
            ("mn_tier_ids", "=", False),
            ("mn_tier_ids", "in", sorted(tier_ids)),
            "|",
            ("mn_partner_category_ids", "=", False),
            ("mn_partner_category_ids", "in", sorted(tag_ids)),
        ]

    @api.model
    def _mn_time_domain(self, date, company):
        """Rules open on the order's weekday and hour, in the company's time zone.

        A plain date (no time of day) only matches rules open all day.
        """
        weekday, hour = local_weekday_hour(self._mn_moment(date), company._mn_pricing_tz())
        # by xmlid (cached by the registry): no query and no access right on mn.weekday
        day_record = self.env.ref(WEEKDAY_XMLIDS[weekday], raise_if_not_found=False)
        day = ["|", ("mn_weekday_ids", "=", False), ("mn_weekday_ids", "in", day_record.ids)]
        if hour is None:
            return [*day, ("mn_hour_from", "<=", 0.0), ("mn_hour_to", ">=", 24.0)]
        return [*day, ("mn_hour_from", "<=", hour), ("mn_hour_to", ">", hour)]

    @api.model
    def _mn_moment(self, date):
        """The pricing date as a date or datetime (callers may pass a string, or nothing)."""
        if not date:
            return fields.Datetime.now()
        if isinstance(date, str):
            return fields.Datetime.to_datetime(date)
        return date

    def _mn_rule_matcher(self, date, partner):
        """In-memory twin of the extra domain terms, for pre-fetched candidate rules."""
        company = self._mn_company()
        checks = []
        if company.mn_pricelist_tiers:
            tier_ids, tag_ids = self._mn_partner_keys(partner)

            def customer_fits(rule):
                return (not rule.mn_tier_ids or not tier_ids.isdisjoint(rule.mn_tier_ids.ids)) and (
                    not rule.mn_partner_category_ids
                    or not tag_ids.isdisjoint(rule.mn_partner_category_ids.ids)
                )

            checks.append(customer_fits)
        if company.mn_pricelist_time_windows:
            weekday, hour = local_weekday_hour(self._mn_moment(date), company._mn_pricing_tz())

            def time_fits(rule):
                return in_time_window(
                    weekday,
                    hour,
                    rule.mn_weekday_ids.mapped("code"),
                    rule.mn_hour_from,
                    rule.mn_hour_to,
                )

            checks.append(time_fits)
        return lambda rule: all(check(rule) for check in checks)

    # --- customer's pricelist ------------------------------------------------------------------

    @api.model
    def _get_partner_pricelist_multi(self, partner_ids):
        """Core's choice, except that a customer tier's pricelist wins while tiers are on."""
        result = super()._get_partner_pricelist_multi(partner_ids)
        company = self.env.company
        if not company.mn_pricelist_tiers or not self.env["res.groups"]._is_feature_enabled(
            "product.group_product_pricelist"
        ):
            return result
        partners = self.env["res.partner"].with_context(active_test=False).browse(partner_ids)
        for partner in partners:
            pricelist = partner.commercial_partner_id.mn_tier_id.pricelist_id
            if pricelist and pricelist._mn_usable_in(company):
                result[partner.id] = pricelist
        return result

    def _mn_usable_in(self, company):
        self.ensure_one()
        return self.active and (not self.company_id or self.company_id == company)
