from odoo import api, fields, models


class SaleOrderLine(models.Model):
    """The discount a line gives, in one definition that every rule shares.

    What the customer pays per unit, against the price the pricelist gives the customer
    for this line before any manual change (``_mn_reference_unit_price``). A cut in the
    unit price, a line discount, another unit of measure at the same price and the line's
    share of order-level discounts all give money away, and all show in that one figure.
    The discount limits and their approval, and the price floor, read it; so does the
    approval's fingerprint, through the values it is computed from.

    Order-level discounts: core's "Discount" button (wizard ``sale.order.discount``) gives
    a discount on the whole order as extra lines with a negative amount, leaving every
    line's own ``discount`` at 0; a salesperson can also type such a line by hand, or a
    negative quantity at a positive price. Each goods line carries its share of those
    lines, in proportion to its amount (which is how core spreads them over tax groups).
    A line's kind is read from its amounts, which the server computes, never from a flag
    a caller could set: a line that takes money off the order is an order discount,
    whatever its ``extra_tax_data`` says.

    The reference is stored (``mn_reference_price_unit``, with the rule that gave it) when
    the server prices the line, as core stores ``price_unit``: a later change of the
    pricelist or of the customer's tier moves neither until the lines are priced again
    ("Update prices", or a change of product, quantity or unit). The sales analysis reads
    the stored figure, so a report and a limit never disagree on what was given away.
    """

    _inherit = "sale.order.line"  # pylint: disable=consider-merging-classes-inherited

    mn_reference_price_unit = fields.Float(
        string="Pricelist Unit Price",
        digits="Product Price",
        compute="_compute_mn_reference",
        store=True,
        help="The unit price the customer's pricelist gave this line when the server priced "
        "it, before any manual change. The discount limits, the price floor and the sales "
        "analysis measure the discount given against it.",
    )
    mn_reference_rule_id = fields.Many2one(
        comodel_name="product.pricelist.item",
        string="Pricelist Rule Applied",
        compute="_compute_mn_reference",
        store=True,
        help="The pricelist rule that gave the pricelist unit price (empty: the sales price).",
    )

    @api.depends(
        "product_id",
        "product_uom_id",
        "product_uom_qty",
        "combo_item_id",
        "mn_priced_at",
        "order_id.pricelist_id",
        "order_id.partner_id",
        "order_id.fiscal_position_id",
        "order_id.company_id",
        # A sibling's quantity moves this line's reference only under order-wide quantity
        # breaks: ``_mn_mix_match_refresh_references`` (models/pricing/) asks for those
        # lines alone, rather than every line of every order on each quantity change.
    )
    def _compute_mn_reference(self):
        for line in self:
            if not line.product_id or line.display_type:
                line.mn_reference_price_unit = 0.0
                line.mn_reference_rule_id = False
                continue
            price, rule = line._mn_fresh_reference()
            line.mn_reference_price_unit = price
            line.mn_reference_rule_id = rule

    def _mn_is_order_discount_line(self):
        """Whether this line takes money off the order as a whole (a negative amount).

        Core's global discount lines, a hand-made discount line (negative price) and a
        negative quantity at a positive price. Down payments are settled, not given; they
        can only be made by core's down-payment wizard (``models/guards/sale_order_line_kinds.py``).
        Only stored inputs are read, so asking costs no recomputation of amounts.
        """
        self.ensure_one()
        if self.display_type or self.is_downpayment:
            return False
        return self.price_unit * self.product_uom_qty < 0

    def _mn_is_goods_line(self):
        """Whether this line sells goods or services at a price the rules judge."""
        self.ensure_one()
        return bool(
            self.product_id
            and not self.display_type
            and not self.is_downpayment
            and self.product_type != "combo"
            and not self._mn_is_order_discount_line()
        )

    def _mn_order_discount_shares(self):
        """{order: share} for the orders of these lines, each order summed once."""
        return {order: order._mn_order_discount_share() for order in self.order_id}

    def _mn_reference_price_rule(self):
        """(price before taxes, rule) the order's pricelist gives this line, from server facts.

        The order's pricelist and customer, the line's product, quantity and unit, the
        order's quantities (order-wide breaks) and the moment the line was priced
        (``_mn_pricing_moment``). Never from the line's ``pricelist_item_id`` or
        ``technical_price_unit``, which follow a caller's writes.
        """
        self.ensure_one()
        line = self.with_company(self.company_id)
        product = line.product_id.with_context(**line._get_product_price_context())
        kwargs = line._get_pricelist_kwargs()
        kwargs["date"] = line._mn_pricing_moment()
        quantity = kwargs.pop("quantity")
        pricelist = line.order_id.pricelist_id
        price, rule_id = pricelist._compute_price_rule(product, quantity, **kwargs)[product.id]
        return price, self.env["product.pricelist.item"].browse(rule_id)

    def _mn_fresh_reference(self):
        """(unit price in the terms of ``price_unit``, rule) the pricelist gives this line now.

        Taxes included as core includes them in ``price_unit`` (``_reset_price_unit``).
        """
        self.ensure_one()
        line = self.with_company(self.company_id)
        order = line.order_id
        price, rule = line._mn_reference_price_rule()
        if line.combo_item_id:
            price = line._get_combo_item_display_price()
        taxes = line.product_id.taxes_id._filter_taxes_by_company(line.company_id)
        price = line.product_id._get_tax_included_unit_price_from_price(
            price, product_taxes=taxes, fiscal_position=order.fiscal_position_id
        )
        return price, rule

    def _mn_reference_is_stale(self):
        """Whether the stored reference no longer binds (``_mn_pricing_expired``)."""
        self.ensure_one()
        return self._mn_pricing_expired()

    def _mn_reference(self):
        """(unit price, rule) the discount given is measured against (see the class)."""
        self.ensure_one()
        if self._mn_reference_is_stale():
            return self._mn_fresh_reference()
        return self.mn_reference_price_unit, self.mn_reference_rule_id

    def _mn_reference_rule(self):
        """The pricelist rule that prices this line for its customer (may be empty)."""
        return self._mn_reference()[1]

    def _mn_reference_unit_price(self):
        """The unit price the pricelist gives this line, in the terms of ``price_unit``."""
        return self._mn_reference()[0]

    def _mn_discount_given(self, order_share):
        """The discount this line gives, in %, against its reference price.

        Discounts compound: 10 % on the line then 5 % on the order is 14.5 %, not 15 %.
        ``order_share`` is the order's ``_mn_order_discount_share()``.
        """
        self.ensure_one()
        reference = self._mn_reference_unit_price()
        if reference <= 0:
            return 0.0
        paid = self.price_unit * (1.0 - self.discount / 100.0) * (1.0 - order_share)
        return 100.0 * (1.0 - paid / reference)

    def _mn_net_subtotal(self, order_share):
        """The line's untaxed amount after its share of the order-level discount."""
        self.ensure_one()
        return self.price_subtotal * (1.0 - order_share)


class SaleOrder(models.Model):
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    mn_order_discount_share = fields.Float(
        string="Order Discount Share",
        digits=(16, 8),
        compute="_compute_mn_order_discount_share",
        store=True,
        help="Share (0 to 1) of the goods' amount that the order-level discount lines take "
        "off; every goods line gives its part of it.",
    )

    @api.depends(
        "order_line.price_total",
        "order_line.price_unit",
        "order_line.product_uom_qty",
        "order_line.product_id",
        "order_line.display_type",
        "order_line.is_downpayment",
    )
    def _compute_mn_order_discount_share(self):
        for order in self:
            order.mn_order_discount_share = order._mn_compute_order_discount_share()

    def action_confirm(self):
        """An expired quotation is judged, and so recorded, at today's pricelist prices."""
        self._mn_store_stale_references()
        return super().action_confirm()

    def _mn_store_stale_references(self):
        """Store the reference the rules judge on lines whose stored one no longer binds."""
        fnames = ["mn_reference_price_unit", "mn_reference_rule_id"]
        lines = self.order_line.filtered(
            lambda line: line.product_id and not line.display_type and line._mn_reference_is_stale()
        )
        if lines:
            for fname in fnames:
                self.env.add_to_compute(lines._fields[fname], lines)
            lines._recompute_recordset(fnames)

    def _mn_order_discount_share(self):
        """Share (0 to 1) of the goods' amount the order-level discount lines take off."""
        self.ensure_one()
        return self.mn_order_discount_share

    def _mn_compute_order_discount_share(self):
        """See ``mn_order_discount_share``.

        Measured on amounts with taxes, as the customer sees them and as the wizard takes
        its percentage or amount: on untaxed amounts a 6 % discount on VAT-included prices
        reads 5.99 % after rounding to the tögrög cent.
        """
        self.ensure_one()
        lines = self.order_line
        discount_lines = lines.filtered(lambda line: line._mn_is_order_discount_line())
        if not discount_lines:
            return 0.0  # the usual case, decided without reading any amount
        order_discount = -sum(discount_lines.mapped("price_total"))
        goods = sum(lines.filtered(lambda line: line._mn_is_goods_line()).mapped("price_total"))
        if goods <= 0 or order_discount <= 0:
            return 0.0
        return min(order_discount / goods, 1.0)
