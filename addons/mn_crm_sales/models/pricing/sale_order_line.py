from odoo import api, fields, models

# Line fields whose change moves the order-wide quantities (mix-and-match breaks).
QUANTITY_FIELDS = {"product_id", "product_uom_qty", "product_uom_id", "display_type"}


class SaleOrderLine(models.Model):
    """Hands the sale's context to the pricelist layer, so that every price is computed there.

    The order line, the PDF, the portal and the invoice all use the line's ``price_unit``
    and ``discount``, which core computes through ``_get_pricelist_kwargs``: adding the
    customer, the order's quantities and the order's pre-fetched rules here makes them
    all agree, and RPC callers get the same prices as the web client.
    """

    _inherit = "sale.order.line"  # pylint: disable=consider-merging-classes-inherited

    mn_priced_at = fields.Datetime(
        string="Priced On",
        compute="_compute_mn_priced_at",
        store=True,
        precompute=True,
        copy=False,
        help="When the server last priced this line (new line, or its product, quantity or "
        "unit changed, or the prices were updated). Weekday and hour pricelist rules are "
        "judged at this moment, on the server's clock.",
    )

    @api.depends("product_id", "product_uom_id", "product_uom_qty")
    def _compute_mn_priced_at(self):
        now = fields.Datetime.now()
        for line in self:
            line.mn_priced_at = now

    def _mn_pricing_moment(self):
        """The moment the discount a line gives is judged at: when the server priced it.

        A quotation keeps the price of its moment (a weekend price, say) until its
        validity date, as its customer expects; past that date, and for lines not priced
        yet, it is judged now. The order date is a salesperson's to write, so it is not
        used.
        """
        self.ensure_one()
        if self._mn_pricing_expired():
            return fields.Datetime.now()
        return self.mn_priced_at or fields.Datetime.now()

    def _mn_pricing_expired(self):
        """Whether the moment this line was priced no longer binds: not priced yet, or a
        quotation past its validity date."""
        self.ensure_one()
        order = self.order_id
        return not self.mn_priced_at or bool(
            order
            and order._mn_is_quotation()
            and order.validity_date
            and fields.Date.context_today(self) > order.validity_date
        )

    def _get_pricelist_kwargs(self):
        kwargs = super()._get_pricelist_kwargs()
        order = self.order_id
        company = order._mn_company()
        if not company._mn_pricing_batched():
            return kwargs  # every rule off: exactly core's arguments
        if company.mn_pricelist_time_windows:
            kwargs["date"] = self.mn_priced_at or fields.Datetime.now()
        kwargs.update(self._mn_pricelist_kwargs())
        # The order's candidates cover the products of its lines: not those of lines
        # still being created (core prices them before they belong to the order).
        if order.pricelist_id and self.id in order.order_line._ids:
            kwargs["mn_rule_candidates"] = (order.pricelist_id, order.mn_pricing_rule_ids)
        return kwargs

    def _mn_pricelist_kwargs(self):
        """The sale's context for the pricelist layer: customer and order quantities."""
        order = self.order_id
        company = order._mn_company()
        kwargs = {}
        if company.mn_pricelist_tiers:
            kwargs["mn_partner"] = order.partner_id
        if company.mn_pricelist_mix_match:
            kwargs["mn_order_qty"] = order._mn_pricing_quantities()
        return kwargs

    def _compute_pricelist_item_id(self):
        """Pick each line's rule among rules searched once for all lines of a pricelist.

        Core searches the rules line by line; this gives the same rule (same domain, same
        order, same first match) at one search per pricelist, whatever the number of lines.
        """
        batched = self.filtered(
            lambda line: line.product_id
            and not line.display_type
            and line.order_id.pricelist_id
            and line.order_id._mn_company()._mn_pricing_batched()
        )
        result = super(SaleOrderLine, self - batched)._compute_pricelist_item_id()
        for pricelist, lines in batched.grouped(lambda line: line.order_id.pricelist_id).items():
            batch = None
            for line in lines:
                kwargs = line._get_pricelist_kwargs()
                if "mn_rule_candidates" not in kwargs:  # lines being created
                    if batch is None:
                        batch = (pricelist, pricelist._mn_rule_candidates(lines.product_id))
                    kwargs["mn_rule_candidates"] = batch
                line.pricelist_item_id = pricelist._get_product_rule(
                    product=line.product_id, **kwargs
                )
        return result

    # --- order-wide quantity breaks: a line's change can re-price its siblings --------------

    @api.model_create_multi
    def create(self, vals_list):
        orders = self.env["sale.order"].browse(
            {vals["order_id"] for vals in vals_list if vals.get("order_id")}
        )
        watched = self._mn_mix_match_watch(orders)
        lines = super().create(vals_list)
        self._mn_mix_match_reprice(watched)
        lines._mn_mix_match_reprice_new(vals_list)
        lines._mn_mix_match_refresh_references(lines.order_id)
        return lines

    def write(self, vals):
        if not QUANTITY_FIELDS & vals.keys():
            return super().write(vals)
        watched = self._mn_mix_match_watch(self.order_id, exclude=self)
        orders = self.order_id
        result = super().write(vals)
        self._mn_mix_match_reprice(watched)
        self._mn_mix_match_refresh_references(orders | self.order_id)
        return result

    def unlink(self):
        watched = self._mn_mix_match_watch(self.order_id, exclude=self)
        orders = self.order_id
        result = super().unlink()
        self._mn_mix_match_reprice(watched)
        self._mn_mix_match_refresh_references(orders.exists())
        return result

    @api.model
    def _mn_mix_match_refresh_references(self, orders):
        """Recompute the pricelist reference of every line of ``orders`` that counts
        order-wide quantities: a sibling's quantity moves it (manually priced lines too)."""
        orders = orders.filtered(
            lambda order: order.company_id.mn_pricelist_mix_match
            and order._mn_has_order_wide_rules()
        )
        lines = orders.order_line
        if lines:
            for fname in ("mn_reference_price_unit", "mn_reference_rule_id"):
                self.env.add_to_compute(lines._fields[fname], lines)

    @api.model
    def _mn_mix_match_watch(self, orders, exclude=None):
        """{line id: rule id} of the orders' lines, before their quantities change.

        Only orders whose company has order-wide quantity breaks on, still in quotation,
        with an order-wide rule among their candidates; only lines that the pricelist
        prices (not typed by hand, nothing invoiced), other than ``exclude``.
        """
        orders = orders.filtered(
            lambda order: order.company_id.mn_pricelist_mix_match and order._mn_is_quotation()
        )
        watched = {}
        for order in orders:
            if not order._mn_has_order_wide_rules():
                continue
            for line in order.order_line - (exclude or self.browse()):
                if line._mn_follows_pricelist():
                    watched[line.id] = line.pricelist_item_id.id
        return watched

    def _mn_follows_pricelist(self):
        self.ensure_one()
        if not self.product_id or self.display_type or self.is_downpayment:
            return False
        currency = self.currency_id or self.company_id.currency_id
        manual_price = currency.compare_amounts(self.technical_price_unit, self.price_unit)
        return not manual_price and not self.qty_invoiced

    def _mn_mix_match_reprice_new(self, vals_list):
        """Re-price new lines once all of them exist.

        Core prices a new line before it belongs to its order (precomputed fields), and
        the web client prices each new line before the next one is added: order-wide
        breaks must be checked again once all lines exist. Values that the web client
        computed (it echoes ``technical_price_unit``) are recomputed; a price or a
        discount given explicitly (e.g. by an RPC script) is kept.
        """
        orders = self.order_id.filtered(
            lambda order: order.company_id.mn_pricelist_mix_match
            and order._mn_is_quotation()
            and order._mn_has_order_wide_rules()
        )
        if not orders:
            return
        keep_discount = set()
        for line, vals in zip(self, vals_list, strict=True):
            if "discount" in vals and "technical_price_unit" not in vals:
                keep_discount.add(line.id)
        lines = self.filtered(lambda line: line.order_id in orders and line._mn_follows_pricelist())
        lines.invalidate_recordset(["pricelist_item_id"])
        lines._compute_price_unit()
        lines.filtered(lambda line: line.id not in keep_discount)._compute_discount()

    @api.model
    def _mn_mix_match_reprice(self, watched):
        """Re-price the watched lines whose applicable rule changed, as core would."""
        if not watched:
            return
        lines = self.browse(list(watched)).exists()
        lines.invalidate_recordset(["pricelist_item_id"])
        changed = lines.filtered(lambda line: line.pricelist_item_id.id != watched[line.id])
        if changed:
            changed._compute_price_unit()
            changed._compute_discount()
