from odoo import api, fields, models
from odoo.tools import SQL

from . import sale_report_fact
from .mn_report_dimensions import approval_state_selection, customer_kind_selection


class SaleReport(models.Model):
    """Sales analysis: discount given, margin against cost, delivered amount.

    Definitions (per order line, product lines only, down payments excluded):

    * list amount = product sales price (template price + variant extra) x quantity in the
      product's unit. It is the catalogue price *at report time*: a later price change
      changes past figures;
    * pricelist amount = the unit price the customer's pricelist gave the line when the
      server priced it (``sale.order.line.mn_reference_price_unit``) x quantity; list
      amount - pricelist amount is the pricelist discount, a manager's decision;
    * sold amount = unit price x (1 - line discount %) x (1 - the order-level discount
      share of the order) x quantity: what the customer pays, on the same tax basis as the
      list price (VAT included when the prices include VAT). Order-level discount lines
      (core's "Discount" button, hand-made negative lines) are spread over the goods lines
      in proportion to their amounts (``sale.order.mn_order_discount_share``) and count
      nothing on their own row;
    * discount given = pricelist amount - sold amount: a price cut, a line discount,
      another unit at the same price and the line's share of order-level discounts. It is
      the very figure the discount limits, their approval and the price floor judge
      (``sale.order.line._mn_discount_given``), so the report shows what was approved;
    * cost = product cost (``standard_price`` of the order's company) x quantity in the
      product's unit, also *at report time*; margin = untaxed subtotal - cost;
    * delivered amount = untaxed subtotal x delivered quantity / ordered quantity;
      the invoiced amount is core's ``untaxed_amount_invoiced`` (from posted invoice lines).

    Amounts are converted like core's: order currency -> company currency (order rate) ->
    the current company's currency. Percentages are ratio measures (see
    ``mn.report.ratio.mixin``), exact in every pivot cell and total.

    Dimensions of the suite: the customer's register number kind and tier (commercial
    fields of the order's customer) and the order's discount approval state.
    """

    _inherit = ["sale.report", "mn.report.ratio.mixin", "mn.report.rollup.mixin"]
    _name = "sale.report"

    _mn_ratios = {
        "mn_discount_pct": ("mn_discount_amount", "mn_reference_amount"),
        "mn_margin_pct": ("mn_margin", "price_subtotal"),
    }

    mn_list_amount = fields.Monetary(string="List Price Amount", readonly=True)
    mn_reference_amount = fields.Monetary(string="Pricelist Price Amount", readonly=True)
    mn_pricelist_discount_amount = fields.Monetary(string="Pricelist Discount", readonly=True)
    mn_sold_amount = fields.Monetary(string="Sold Price Amount", readonly=True)
    mn_discount_amount = fields.Monetary(string="Discount Given", readonly=True)
    mn_discount_pct = fields.Float(string="Discount Given (%)", readonly=True, aggregator="avg")
    mn_cost_amount = fields.Monetary(string="Cost", readonly=True)
    mn_margin = fields.Monetary(string="Margin", readonly=True)
    mn_margin_pct = fields.Float(string="Margin (%)", readonly=True, aggregator="avg")
    mn_delivered_amount = fields.Monetary(string="Delivered Amount", readonly=True)
    mn_register_kind = fields.Selection(
        selection=customer_kind_selection, string="Customer Kind", readonly=True
    )
    mn_customer_tier_id = fields.Many2one("mn.partner.tier", string="Customer Tier", readonly=True)
    mn_approval_state = fields.Selection(
        selection=approval_state_selection, string="Discount Approval", readonly=True
    )

    # -- SQL pieces -------------------------------------------------------------------------
    #
    # Core's query already groups the lines by product, unit price, discount and order
    # (``_group_by_sale``). Within such a group the list price, the cost, the unit price, the
    # discount and the order's currency rate are constants, so every figure below is
    # "constant x a sum" reusing core's own aggregates (quantity in the product's unit,
    # untaxed subtotal): PostgreSQL keeps one state for identical aggregates. The product
    # constants are read with MAX() (one value per group) rather than added to the GROUP BY.
    # Only the pricelist amount, the sold amount (both per line: the reference price and
    # the goods-line test vary inside a group) and the delivered amount need sums of their
    # own, which keeps this report close to core's own cost (tests/bench/bench_reports.py).
    #
    # The dimensions cost no aggregate and almost no grouping: the order's approval state
    # is functionally dependent on ``s.id`` (sale_order's primary key, already a key of
    # core's GROUP BY), and grouping also by ``partner.id`` (equal to ``s.partner_id``, so
    # the groups do not change) makes every customer column available the same way.

    def _mn_product_line(self):
        return "l.product_id IS NOT NULL AND NOT COALESCE(l.is_downpayment, FALSE)"

    def _mn_goods_line(self):
        """A line the discount rules judge (``sale.order.line._mn_is_goods_line``)."""
        return (
            f"{self._mn_product_line()} AND l.display_type IS NULL"
            " AND l.price_unit * l.product_uom_qty >= 0 AND t.type <> 'combo'"
        )

    def _mn_rates(self):
        """(order rate divisor, current-company rate factor), as core's ``_select_sale``."""
        return (
            self._case_value_or_one("s.currency_rate"),
            self._case_value_or_one("account_currency_table.rate"),
        )

    def _mn_product_qty(self):
        """Core's quantity in the product's unit (same expression: a shared aggregate)."""
        return "SUM(l.product_uom_qty * u.factor / u2.factor)"

    def _mn_if_product_line(self, expr):
        return f"CASE WHEN {self._mn_product_line()} THEN {expr} ELSE 0 END"

    def _mn_list_sql(self):
        __, to_company = self._mn_rates()
        return self._mn_if_product_line(
            f"MAX(t.list_price + COALESCE(mn_pe.price_extra, 0)) * {self._mn_product_qty()}"
            f" * {to_company}"
        )

    def _mn_cost_sql(self):
        __, to_company = self._mn_rates()
        return self._mn_if_product_line(
            "MAX(COALESCE((p.standard_price ->> s.company_id::text)::numeric, 0))"
            f" * {self._mn_product_qty()} * {to_company}"
        )

    def _mn_goods_sum(self, expr):
        """SUM of ``expr`` (order currency, per row) over goods lines, converted like core's."""
        order_rate, to_company = self._mn_rates()
        return (
            f"SUM(CASE WHEN {self._mn_goods_line()} THEN {expr} ELSE 0 END"
            f" / {order_rate} * {to_company})"
        )

    def _mn_reference_sql(self):
        return self._mn_goods_sum("COALESCE(l.mn_reference_price_unit, 0) * l.product_uom_qty")

    def _mn_sold_sql(self):
        return self._mn_goods_sum(
            "l.price_unit * (1 - COALESCE(l.discount, 0) / 100.0)"
            " * (1 - COALESCE(s.mn_order_discount_share, 0)) * l.product_uom_qty"
        )

    def _mn_subtotal_sql(self):
        order_rate, to_company = self._mn_rates()
        return self._mn_if_product_line(f"SUM(l.price_subtotal / {order_rate} * {to_company})")

    def _mn_delivered_sql(self):
        order_rate, to_company = self._mn_rates()
        return self._mn_if_product_line(
            "SUM(CASE WHEN l.product_uom_qty <> 0"
            " THEN l.price_subtotal * l.qty_delivered / l.product_uom_qty ELSE 0 END"
            f" / {order_rate} * {to_company})"
        )

    def _select_additional_fields(self):
        res = super()._select_additional_fields()
        list_sql, reference_sql = self._mn_list_sql(), self._mn_reference_sql()
        sold_sql = self._mn_sold_sql()
        cost_sql, subtotal_sql = self._mn_cost_sql(), self._mn_subtotal_sql()
        res.update(
            mn_list_amount=list_sql,
            mn_reference_amount=reference_sql,
            mn_pricelist_discount_amount=f"{list_sql} - {reference_sql}",
            mn_sold_amount=sold_sql,
            mn_discount_amount=f"{reference_sql} - {sold_sql}",
            mn_discount_pct=f"100.0 * ({reference_sql} - {sold_sql}) / NULLIF({reference_sql}, 0)",
            mn_cost_amount=cost_sql,
            mn_margin=f"{subtotal_sql} - {cost_sql}",
            mn_margin_pct=f"100.0 * ({subtotal_sql} - {cost_sql}) / NULLIF({subtotal_sql}, 0)",
            mn_delivered_amount=self._mn_delivered_sql(),
            mn_register_kind="partner.mn_register_kind",
            mn_customer_tier_id="partner.mn_tier_id",
            mn_approval_state="s.mn_approval_state",
        )
        return res

    def _group_by_sale(self):
        return super()._group_by_sale() + ",\n            partner.id"

    def _from_sale(self):
        # Variant extra prices, summed once per variant (a small table) and joined by hash.
        return (
            super()._from_sale()
            + """
            LEFT JOIN (
                SELECT pvc.product_product_id, SUM(ptav.price_extra) AS price_extra
                  FROM product_variant_combination pvc
                  JOIN product_template_attribute_value ptav
                    ON ptav.id = pvc.product_template_attribute_value_id
                 GROUP BY pvc.product_product_id
            ) mn_pe ON mn_pe.product_product_id = l.product_id
            """
        )

    # -- the fact table (``sale_report_fact``) ------------------------------------------------
    #
    # ``_query()`` stays the view above (what the figures are defined as; the exactness tests
    # compare against it); the screens read ``_table_query``: one row per line of the fact
    # table with the same columns, so Odoo's own grouping does the only GROUP BY. Every join
    # is a LEFT JOIN on a primary key (or a grouped key): PostgreSQL drops the joins a
    # grouping does not use.

    @property
    def _table_query(self):
        return self._mn_fact_query()

    def _mn_fact_query(self):
        product = "f.product_id IS NOT NULL"
        product_line = f"{product} AND NOT f.is_downpayment"
        goods = "f.goods_base AND pr.type <> 'combo'"
        qty = "f.{} * u.factor / pr.uom_factor"
        Currency = self.env["res.currency"]
        currency_table = Currency._get_simple_currency_table(self.env.companies)
        product_cost, unit_cost = self._mn_fact_cost_sql()
        currency_table = self.env.cr.mogrify(currency_table).decode(self.env.cr.connection.encoding)

        def if_(cond, expr):
            return f"CASE WHEN {cond} THEN {expr} ELSE 0 END"

        # One currency for all the companies read (the rates are all 1): no multiplication
        # per line, a fifth of the read on a million lines in numeric.
        if Currency._check_currency_table_monocurrency(self.env.companies):
            to_company = ""
        else:
            to_company = " * " + self._case_value_or_one("account_currency_table.rate")

        subtotal = if_(product_line, f"f.price_subtotal{to_company}")
        reference = if_(goods, f"f.reference_amount{to_company}")
        sold = if_(goods, f"f.sold_amount{to_company}")
        list_amount = if_(
            product_line,
            f"pr.list_price * {qty.format('product_uom_qty')}{to_company}",
        )
        cost = if_(
            product_line,
            f"{unit_cost} * {qty.format('product_uom_qty')}{to_company}",
        )
        columns = {
            "id": "f.line_id",
            "product_id": "f.product_id",
            "line_invoice_status": "f.line_invoice_status",
            "product_uom_id": "pr.uom_id",
            "product_uom_qty": if_(product, qty.format("product_uom_qty")),
            "qty_delivered": if_(product, qty.format("qty_delivered")),
            "qty_to_deliver": if_(
                product, "(f.product_uom_qty - f.qty_delivered) * u.factor / pr.uom_factor"
            ),
            "qty_invoiced": if_(product, qty.format("qty_invoiced")),
            "qty_to_invoice": if_(product, qty.format("qty_to_invoice")),
            "price_unit": if_(product, f"f.price_unit{to_company}"),
            "price_total": if_(product, f"f.price_total{to_company}"),
            "price_subtotal": if_(product, f"f.price_subtotal{to_company}"),
            "untaxed_amount_to_invoice": if_(
                f"{product} OR f.is_downpayment", f"f.to_invoice{to_company}"
            ),
            "untaxed_amount_invoiced": if_(
                f"{product} OR f.is_downpayment", f"f.invoiced{to_company}"
            ),
            "nbr": "1",
            "name": "f.name",
            "date": "f.date_order",
            "state": "f.state",
            "invoice_status": "f.invoice_status",
            "partner_id": "f.partner_id",
            "user_id": "f.user_id",
            "company_id": "f.company_id",
            "campaign_id": "f.campaign_id",
            "medium_id": "f.medium_id",
            "source_id": "f.source_id",
            "categ_id": "pr.categ_id",
            "pricelist_id": "f.pricelist_id",
            "team_id": "f.team_id",
            "product_tmpl_id": "pr.product_tmpl_id",
            "commercial_partner_id": "partner.commercial_partner_id",
            "country_id": "partner.country_id",
            "industry_id": "partner.industry_id",
            "state_id": "partner.state_id",
            "partner_zip": "partner.zip",
            "weight": if_(product, f"pr.weight * {qty.format('product_uom_qty')}"),
            "volume": if_(product, f"pr.volume * {qty.format('product_uom_qty')}"),
            "discount": "f.discount",
            "discount_amount": if_(product, f"f.discount_amount{to_company}"),
            "currency_id": str(self.env.company.currency_id.id),
            "order_reference": "concat('sale.order', ',', f.order_id)",
            "warehouse_id": "f.warehouse_id",
            "mn_list_amount": list_amount,
            "mn_reference_amount": reference,
            "mn_pricelist_discount_amount": f"{list_amount} - {reference}",
            "mn_sold_amount": sold,
            "mn_discount_amount": f"{reference} - {sold}",
            "mn_discount_pct": f"100.0 * ({reference} - {sold}) / NULLIF({reference}, 0)",
            "mn_cost_amount": cost,
            "mn_margin": f"{subtotal} - {cost}",
            "mn_margin_pct": f"100.0 * ({subtotal} - {cost}) / NULLIF({subtotal}, 0)",
            "mn_delivered_amount": if_(product_line, f"f.delivered{to_company}"),
            "mn_register_kind": "partner.mn_register_kind",
            "mn_customer_tier_id": "partner.mn_tier_id",
            "mn_approval_state": "f.approval_state",
        }
        if any(
            name not in columns
            for name, field in self._fields.items()
            if field.store and name not in models.MAGIC_COLUMNS
        ):
            # A module installed later added a column the facts do not hold: the view
            # answers (slower, never wrong) until this addon learns it.
            return self._query()
        select = ",\n            ".join(f"{expr} AS {name}" for name, expr in columns.items())
        # The products' figures are a subquery PostgreSQL flattens into hash joins with the
        # lines, so the whole read stays one flat query it can run in parallel workers (an
        # OFFSET 0 fence or a CTE would not be: 1.1 s instead of 0.6 s on a million lines,
        # and the month statistics would not apply through a CTE).
        return f"""
            SELECT {select}
              FROM {sale_report_fact.FACT_TABLE} f
              JOIN {currency_table} ON account_currency_table.company_id = f.company_id
              LEFT JOIN res_partner partner ON partner.id = f.partner_id
              LEFT JOIN (
                  SELECT p.id AS product_id, p.product_tmpl_id, p.standard_price,
                         {product_cost} AS cost,
                         t.categ_id, t.uom_id, t.type, u2.factor AS uom_factor,
                         t.list_price + COALESCE(pe.price_extra, 0) AS list_price,
                         p.weight, p.volume
                    FROM product_product p
                    JOIN product_template t ON t.id = p.product_tmpl_id
                    JOIN uom_uom u2 ON u2.id = t.uom_id
                    LEFT JOIN (
                        SELECT pvc.product_product_id, SUM(ptav.price_extra) AS price_extra
                          FROM product_variant_combination pvc
                          JOIN product_template_attribute_value ptav
                            ON ptav.id = pvc.product_template_attribute_value_id
                         GROUP BY pvc.product_product_id
                    ) pe ON pe.product_product_id = p.id
              ) pr ON pr.product_id = f.product_id
              LEFT JOIN uom_uom u ON u.id = f.line_uom_id
        """

    # -- what the web client asks with every monetary measure ------------------------------
    #
    # The graph and the pivot ask, with ``price_subtotal:sum``, for ``currency_id:
    # array_agg_distinct`` and ``price_subtotal:sum_currency`` (to tell amounts of several
    # currencies apart). A DISTINCT aggregate cannot be computed in parallel workers nor
    # hashed: PostgreSQL sorts the million lines on disk for it (1.0 s by month x team for
    # one measure), and the conversion joins the rates to every line. This report has one
    # currency, the current company's (a constant of the query, as in core's): its distinct
    # currencies are that one, and its converted sum is its sum divided once by that
    # currency's rate (equal to the per-line divisions to some 16 digits; the web client
    # shows it only when a group holds several currencies, never here). Neither costs a
    # query of its own.

    def _read_group_select(self, aggregate_spec, query):
        fname, __, func = aggregate_spec.partition(":")
        if aggregate_spec == "currency_id:array_agg_distinct":
            return SQL("ARRAY[%s]", self.env.company.currency_id.id)
        if (
            func == "sum_currency"
            and self._fields.get(fname)
            and self._fields[fname].type == "monetary"
        ):
            # one rate for every line: divided once (a subquery PostgreSQL runs once), not
            # once per line through a join
            return SQL(
                "(%s / %s)",
                super()._read_group_select(f"{fname}:sum", query),
                self._mn_own_currency_rate_sql(),
            )
        return super()._read_group_select(aggregate_spec, query)

    def _mn_own_currency_rate_sql(self):
        """The rate ``sum_currency`` divides this report's amounts by: the company
        currency's rate as Odoo's aggregate picks it (root company, today), 1 when none."""
        return SQL(
            """COALESCE((SELECT rate FROM res_currency_rate
                          WHERE currency_id = %(currency)s
                            AND (company_id IS NULL OR company_id = %(company)s)
                       ORDER BY company_id,
                                CASE WHEN name <= %(today)s THEN name END DESC,
                                CASE WHEN name > %(today)s THEN name END ASC
                          LIMIT 1), 1.0)""",
            currency=self.env.company.currency_id.id,
            company=self.env.company.root_id.id,
            today=fields.Date.context_today(self),
        )

    def _mn_fact_cost_sql(self):
        """(the products' ``cost`` column, the line's unit cost) of the fact query.

        Reading the cost out of ``standard_price`` (a JSON of the cost per company) once per
        line costs a tenth of the read on a million lines. The facts read are those of
        ``self.env.companies`` (the currency table join keeps no other), so with one company
        the cost is a property of the product alone, read once per product.
        """
        if len(self.env.companies) == 1:
            company = self.env.companies.id
            return f"COALESCE((p.standard_price ->> '{company:d}')::numeric, 0)", "pr.cost"
        return "NULL::numeric", "COALESCE((pr.standard_price ->> f.company_id::text)::numeric, 0)"

    def init(self):
        # Install and upgrade (``-u``) both land here: the triggers are (re)created from the
        # current code and the rows recomputed, so a changed definition never meets old rows.
        result = super().init()
        sale_report_fact.install(self.env.cr)
        return result

    def _register_hook(self):
        # A restore can bring order lines without their facts (or without the triggers):
        # checked when the registry loads, rebuilt in place when out of step.
        super()._register_hook()
        cr = self.env.cr
        if sale_report_fact.table_exists(cr) and not sale_report_fact.is_current(cr):
            sale_report_fact.install(cr)

    @api.model
    def _mn_rebuild_facts(self):
        """Recompute the fact table from the order lines (also a server action's target)."""
        sale_report_fact.rebuild(self.env.cr)
