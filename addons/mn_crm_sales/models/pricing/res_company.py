from odoo import api, fields, models

PRICING_SWITCHES = [
    "mn_pricelist_tiers",
    "mn_pricelist_time_windows",
    "mn_pricelist_mix_match",
    "mn_pricelist_rounding",
]


class ResCompany(models.Model):
    """Company switches of the extra pricelist rules and of the price floor.

    Every switch is off by default: with all of them off, Odoo prices exactly as it does
    without this suite (``make test-core`` relies on it).
    """

    _name = "res.company"
    _inherit = ["res.company", "mn.min.margin.mixin"]  # pylint: disable=consider-merging-classes-inherited

    mn_pricelist_tiers = fields.Boolean(
        string="Customer Tier Pricing",
        help="A customer's tier chooses the customer's pricelist, and pricelist rules can be "
        "limited to customer tiers and customer tags.",
    )
    mn_pricelist_time_windows = fields.Boolean(
        string="Weekday and Hour Pricing",
        help="Pricelist rules can be limited to weekdays and to hours of the day, in the "
        "company's time zone, judged on the order date.",
    )
    mn_pricelist_mix_match = fields.Boolean(
        string="Order-wide Quantity Breaks",
        help="A pricelist rule's minimum quantity can count the whole order's quantity of "
        "the same product or product category (mix and match).",
    )
    mn_pricelist_rounding = fields.Boolean(
        string="Tögrög Rounding",
        help="Pricelist rules can round their final prices to 1, 10, 50 or 100 ₮.",
    )
    mn_price_floor = fields.Boolean(
        string="Price Floor",
        help="No sales order line may be sold below cost plus a minimum margin.",
    )
    mn_price_floor_policy = fields.Selection(
        selection=[("refuse", "Refuse the price"), ("approval", "Require approval")],
        string="Below the Floor",
        default="refuse",
        required=True,
        help="Refuse: a line priced below its floor cannot be saved or confirmed.\n"
        "Require approval: the quotation cannot be sent or confirmed until the team leader "
        "or a sales manager approves it.",
    )
    mn_min_margin = fields.Float(
        help="Default minimum margin over cost, in percent, when neither the pricelist rule "
        "nor the product category sets one.",
    )

    @api.model
    def _mn_rule_switches(self):
        return [*super()._mn_rule_switches(), *PRICING_SWITCHES, "mn_price_floor"]

    def _mn_pricing_batched(self):
        """Whether sales lines price through the suite's pricelist arguments (ensure_one).

        True as soon as one pricing rule or the price floor is on (the floor reads each
        line's rule, which the order's pre-fetched rules make cheap). With all off, sales
        lines call the pricelist with exactly core's arguments.
        """
        self.ensure_one()
        return any(self[switch] for switch in [*PRICING_SWITCHES, "mn_price_floor"])

    def _mn_pricing_tz(self):
        """Time zone that weekday/hour windows are judged in."""
        self.ensure_one()
        return self.partner_id.tz or "Asia/Ulaanbaatar"
