import phonenumbers

from odoo import api, fields, models
from odoo.fields import Domain

from .res_partner import register_number_domain

MN_REGION = "MN"
MN_CALLING_CODE = 976
# Mongolian subscriber numbers (mobile and Ulaanbaatar lines) have 8 digits.
MN_NATIONAL_LENGTH = 8


def mn_phone_e164(raw):
    """E.164 form of a Mongolian phone number ("9911 2233", "+976 9911-2233"), else False.

    Numbers of other countries, and numbers that are not 8-digit Mongolian subscriber
    numbers, give False: only those take part in the suite's duplicate detection.
    """
    if not raw:
        return False
    try:
        number = phonenumbers.parse(raw, MN_REGION)
    except phonenumbers.NumberParseException:
        return False
    if (
        number.country_code != MN_CALLING_CODE
        or len(str(number.national_number)) != MN_NATIONAL_LENGTH
        or not phonenumbers.is_valid_number(number)
    ):
        return False
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class CrmLead(models.Model):
    """Register number of leads: filled from the customer, given to the customer created
    from the lead, and used to find duplicates together with the Mongolian phone number."""

    _inherit = "crm.lead"

    mn_register_number = fields.Char(
        string="Register Number",
        compute="_compute_mn_register_number",
        store=True,
        precompute=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        search="_search_mn_register_number",
        help="Mongolian register number of the customer: 7 digits for a legal entity, "
        "2 Cyrillic letters and 8 digits for a citizen. Filled from the customer; given "
        "to the customer created from the lead.",
    )

    @api.depends("partner_id.mn_register_number")
    def _compute_mn_register_number(self):
        """Like core's email and phone: the customer's number, when it has one."""
        for lead in self:
            if lead.partner_id.mn_register_number:
                lead.mn_register_number = lead.partner_id.mn_register_number

    def _search_mn_register_number(self, operator, value):
        return register_number_domain("mn_register_number", operator, value)

    def _mn_normalize_vals(self, vals):
        # A lead's number is a customer's number to be: the same normalisation.
        return self.env["res.partner"]._mn_normalize_vals(vals)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._mn_normalize_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._mn_normalize_vals(vals)
        return super().write(vals)

    # ------------------------------------------------------------------
    # Lead -> customer
    # ------------------------------------------------------------------

    def _prepare_customer_values(self, partner_name, is_company=False, parent_id=False):
        """The customer created from the lead gets its number.

        Only a commercial entity receives it: a contact created under a company takes the
        company's number through core's commercial-field synchronisation.
        """
        values = super()._prepare_customer_values(
            partner_name, is_company=is_company, parent_id=parent_id
        )
        if self.mn_register_number and not parent_id:
            values["mn_register_number"] = self.mn_register_number
        return values

    def _get_customer_information(self):
        """Suggested recipients attached to the lead's company keep the company's number."""
        information = super()._get_customer_information()
        for values in information.values():
            if values.get("parent_id"):
                values.pop("mn_register_number", None)
        return information

    def _find_matching_partner(self):
        """After core's email match, the customer holding the lead's register number."""
        partner = super()._find_matching_partner()
        if partner or not self.mn_register_number:
            return partner
        domain = Domain("mn_register_number", "in", [self.mn_register_number])
        if self.company_id:
            domain &= Domain("company_id", "in", [False, self.company_id.id])
        partners = self.env["res.partner"].search(domain)
        owners = partners.filtered(lambda p: p.commercial_partner_id == p)
        return owners[:1] or partners[:1]

    # ------------------------------------------------------------------
    # Duplicates
    # ------------------------------------------------------------------

    def _get_lead_duplicates(self, partner=None, email=None, include_lost=False):
        """Core's duplicates (email, partner) plus those sharing a register number or a
        Mongolian phone number.

        Core calls this on the empty model (conversion wizards: only ``partner`` tells
        something, its register number is used) or on one lead (lead assignment: the lead's
        number and phone are used too). The convert wizard passes its lead, see
        ``crm.lead2opportunity.partner``. Without register number or Mongolian phone, the
        result is core's.
        """
        duplicates = super()._get_lead_duplicates(
            partner=partner, email=email, include_lost=include_lost
        )
        lead = self if len(self) == 1 else self.browse()
        return duplicates | lead._mn_get_identity_duplicates(partner, include_lost)

    def _mn_get_identity_duplicates(self, partner=None, include_lost=False):
        """Leads with this lead's (or ``partner``'s) register number or Mongolian phone.

        The phone is compared on core's ``phone_sanitized`` (E.164, stored and indexed):
        it is computed with the lead's country or else the company's, so in a Mongolian
        company national numbers ("9911 2233") are already +976. For this lead the number
        is also read as Mongolian when its ``phone_sanitized`` is not.
        """
        numbers = {partner.commercial_partner_id.mn_register_number if partner else False}
        phone = False
        if self:
            self.ensure_one()
            numbers.add(self.mn_register_number)
            phone = self._mn_phone_e164()
        numbers.discard(False)
        conditions = []
        if numbers:
            conditions.append(Domain("mn_register_number", "in", sorted(numbers)))
        if phone:
            conditions.append(Domain("phone_sanitized", "=", phone))
        if not conditions:
            return self.env["crm.lead"]
        domain = Domain.OR(conditions) & self._mn_duplicate_status_domain(include_lost)
        return self.env["crm.lead"].with_context(active_test=False).search(domain)

    @api.model
    def _mn_duplicate_status_domain(self, include_lost):
        """The leads core's ``_get_lead_duplicates`` considers (same rules, same flag)."""
        if include_lost:
            return Domain("won_status", "!=", "won") & (
                Domain("type", "=", "opportunity") | Domain("active", "=", True)
            )
        return Domain("won_status", "=", "pending") & Domain("active", "=", True)

    def _mn_phone_e164(self):
        """This lead's phone as a Mongolian E.164 number, or False."""
        self.ensure_one()
        return mn_phone_e164(self.phone_sanitized) or mn_phone_e164(self.phone)
