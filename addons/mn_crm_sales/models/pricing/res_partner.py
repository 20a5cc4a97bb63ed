from odoo import api, fields, models
from odoo.exceptions import AccessError

MANAGER_GROUP = "sales_team.group_sale_manager"


def _names(records):
    return ", ".join(records.mapped("display_name"))


class ResPartner(models.Model):
    """Customer tier of a partner; its pricelist becomes the partner's pricelist.

    The tier is a commercial field: contacts of a company carry their company's tier.

    While Customer Tier Pricing is on, what selects a customer's prices (its tier, and the
    customer tags that pricelist rules are limited to) is a sales manager's decision: a
    salesperson creating or writing a partner (web client, import, RPC, partner merge...)
    may neither set another tier nor add or remove such a tag. Core's synchronisation of
    commercial fields still gives contacts their company's tier: a contact may always carry
    the current tier of its commercial entity.
    """

    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    mn_tier_id = fields.Many2one(
        comodel_name="mn.partner.tier",
        string="Customer Tier",
        index="btree_not_null",
        ondelete="restrict",
        help="With Customer Tier Pricing on, the tier's pricelist is the customer's pricelist "
        "and pricelist rules limited to this tier apply to the customer.",
    )

    def _synced_commercial_fields(self):
        return [*super()._synced_commercial_fields(), "mn_tier_id"]

    # Same dependencies as core, plus the tier: the pricelist follows a change of tier.
    @api.depends("country_id", "specific_property_product_pricelist", "mn_tier_id.pricelist_id")
    @api.depends_context("company", "country_code")
    def _compute_product_pricelist(self):
        return super()._compute_product_pricelist()

    # ------------------------------------------------------------------
    # Who may change what selects prices
    # ------------------------------------------------------------------

    @api.model
    def _mn_pricing_keys_guarded(self):
        """Whether the current user is held by the rule (not a sales manager, not sudo)."""
        return not self.env.su and not self.env.user.has_group(MANAGER_GROUP)

    def _mn_tier_pricing_on(self, company=None):
        """Partners of ``self`` whose company (else the current one) prices by tier."""
        return self.filtered(
            lambda p: (company or p.company_id or self.env.company).sudo().mn_pricelist_tiers
        )

    @api.model
    def _mn_price_tags(self):
        """Customer tags that select prices: used by a pricelist rule, and their subtags."""
        used = (
            self.env["product.pricelist.item"]
            .sudo()
            .with_context(active_test=False)
            .search([("mn_partner_category_ids", "!=", False)])
            .mn_partner_category_ids
        )
        if not used:
            return used
        return used.search([("id", "child_of", used.ids)]).with_env(self.env)

    def _mn_refuse_tier(self, partners):
        raise AccessError(
            self.env._(
                "Only sales managers can change the customer tier of %(partners)s while "
                "Customer Tier Pricing is on.",
                partners=_names(partners),
            )
        )

    def _mn_refuse_tags(self, partners, tags):
        raise AccessError(
            self.env._(
                "Only sales managers can add or remove the customer tags %(tags)s on "
                "%(partners)s: these tags select prices while Customer Tier Pricing is on.",
                tags=_names(tags),
                partners=_names(partners),
            )
        )

    def _mn_check_pricing_keys_write(self, vals):
        """Refuse, before writing, a salesperson's change of tier or of a price tag."""
        if "mn_tier_id" not in vals and "category_id" not in vals:
            return
        partners = self._mn_tier_pricing_on()
        if not partners or not self._mn_pricing_keys_guarded():
            return
        if "mn_tier_id" in vals:
            new_tier = self.env["mn.partner.tier"].browse(vals["mn_tier_id"] or ())
            refused = self.browse()
            for partner in partners.filtered(lambda p: p.mn_tier_id != new_tier):
                parent = (
                    self.browse(vals["parent_id"] or ())
                    if "parent_id" in vals
                    else partner.parent_id
                )
                is_company = vals.get("is_company", partner.is_company)
                if "company_type" in vals:
                    is_company = vals["company_type"] == "company"
                owner = partner if is_company or not parent else parent.commercial_partner_id
                if owner == partner or owner.mn_tier_id != new_tier:
                    refused |= partner
            if refused:
                self._mn_refuse_tier(refused)
        if "category_id" in vals:
            price_tags = self._mn_price_tags()
            if not price_tags:
                return
            field = self._fields["category_id"]
            changed = self.env["res.partner.category"]
            refused = self.browse()
            for partner in partners:
                after = set(field.convert_to_cache(vals["category_id"], partner))
                moved = price_tags.filtered(
                    lambda tag, after=after, partner=partner: (tag.id in after)
                    != (tag in partner.category_id)
                )
                if moved:
                    changed |= moved
                    refused |= partner
            if refused:
                self._mn_refuse_tags(refused, changed)

    def _mn_check_pricing_keys_create(self, vals_list):
        """Refuse, before creating, new partners given a tier or price tag of their own.

        Judged on the values as create() will store them, context defaults included
        (``default_mn_tier_id``, ``default_category_id``, core's ``category_id`` key): a
        contact may carry its commercial entity's tier (core synchronises it), nothing else.
        """
        Company = self.env["res.company"].sudo()
        companies = Company.browse(
            {vals["company_id"] for vals in vals_list if vals.get("company_id")}
        )
        if not (
            self.env.company.sudo().mn_pricelist_tiers
            or any(companies.mapped("mn_pricelist_tiers"))
        ):
            return
        if not self._mn_pricing_keys_guarded():
            return
        defaults = self.default_get(
            ["mn_tier_id", "category_id", "parent_id", "is_company", "company_id"]
        )
        price_tags = None
        for vals in vals_list:
            values = {**defaults, **vals}
            company = Company.browse(values.get("company_id") or ()) or self.env.company
            if not company.sudo().mn_pricelist_tiers:
                continue
            name = values.get("name") or ""
            new = self.new({"name": name, "category_id": values.get("category_id") or []})
            if values.get("mn_tier_id"):
                tier = self.env["mn.partner.tier"].browse(values["mn_tier_id"])
                parent = self.browse(values.get("parent_id") or ())
                is_company = values.get("is_company") or values.get("company_type") == "company"
                if not parent or is_company or parent.commercial_partner_id.mn_tier_id != tier:
                    self._mn_refuse_tier(new)
            tags = new.category_id._origin
            if tags:
                if price_tags is None:
                    price_tags = self._mn_price_tags()
                if tags & price_tags:
                    self._mn_refuse_tags(new, tags & price_tags)

    @api.model_create_multi
    def create(self, vals_list):
        self._mn_check_pricing_keys_create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._mn_check_pricing_keys_write(vals)
        return super().write(vals)


class ResPartnerCategory(models.Model):
    """Customer tags: which customers carry a price-selecting tag is a manager's decision.

    Salespeople may edit tags (core CRM rights), so writing a tag's customers or moving a
    tag under a price-selecting one would change prices without going through the
    partners' ``write``: refused too while Customer Tier Pricing is on.
    """

    _inherit = "res.partner.category"

    def write(self, vals):
        if {"partner_ids", "parent_id", "child_ids"}.intersection(vals):
            self._mn_check_price_tag_write(vals)
        return super().write(vals)

    def _mn_check_price_tag_write(self, vals):
        """Refuse a salesperson's change of the customers of a price-selecting tag.

        Judged on the tags written, their new parent and their new subtags: a tag under a
        price-selecting tag selects prices too.
        """
        Partner = self.env["res.partner"]
        customers = self.sudo().partner_ids
        if not (self.env.company.sudo().mn_pricelist_tiers or customers._mn_tier_pricing_on()):
            return
        if not Partner._mn_pricing_keys_guarded():
            return
        price_tags = Partner._mn_price_tags()
        if not price_tags:
            return
        tags = self
        if vals.get("parent_id"):
            tags |= self.browse(vals["parent_id"])
        if "child_ids" in vals:
            field = self._fields["child_ids"]
            for tag in self:
                tags |= self.browse(field.convert_to_cache(vals["child_ids"], tag))
        if tags & price_tags:
            raise AccessError(
                self.env._(
                    "Only sales managers can change which customers carry the tags "
                    "%(tags)s: they select prices while Customer Tier Pricing is on.",
                    tags=_names(tags & price_tags),
                )
            )
