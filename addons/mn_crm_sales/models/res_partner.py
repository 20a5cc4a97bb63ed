from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import format_date

from ..tools import register_number
from ..tools.register_number_search import looks_like_number, search_forms

_LIKE_OPERATORS = ("like", "ilike", "=like", "=ilike")
_NOT_LIKE_OPERATORS = ("not like", "not ilike", "not =like", "not =ilike")


def register_number_domain(fname, operator, value):
    """Rewrite a search on the stored register number ``fname`` into its canonical forms.

    Used as the ``search`` method of the stored register-number fields (a stored field may
    have one: the ORM calls it to sanitise the searched value). What a user types,
    "уб 9903-1512" or "ub99031512", becomes "УБ99031512". The result is a fixed point
    (the forms of a form are itself), which ends the ORM's rewriting.
    """
    if operator in _NOT_LIKE_OPERATORS:
        return NotImplemented  # the ORM negates the positive search
    if operator in _LIKE_OPERATORS and isinstance(value, str):
        return Domain.OR(Domain(fname, operator, form) for form in search_forms(value))
    if operator in ("in", "not in"):
        values = []
        for item in value:
            values.extend(search_forms(item) if isinstance(item, str) else [item])
        return Domain(fname, operator, values)
    return Domain(fname, operator, value)


class ResPartner(models.Model):
    """Mongolian register number (регистрийн дугаар) of contacts.

    Core ``vat`` is deliberately NOT reused: in Mongolia it holds the taxpayer number (TIN)
    that e-barimt receipts and VAT reports use, 11 or 14 digits for a citizen, a number of
    its own. The register number identifies the legal entity (7 digits) or the citizen (2
    Cyrillic letters and 8 digits) in the state register, and its shape carries a citizen's
    birth date and sex. Core ``company_registry`` is not reused either: it exists for
    companies only and other localisations give it their own meaning and format.

    The number belongs to the commercial entity: contacts of a company carry the company's
    number (a commercial field, synchronised by core) and may not be given another one.
    """

    _inherit = "res.partner"

    mn_register_number = fields.Char(
        string="Register Number",
        index="btree_not_null",
        tracking=True,
        copy=False,
        search="_search_mn_register_number",
        help="Mongolian register number (регистрийн дугаар): 7 digits for a legal entity, "
        "2 Cyrillic letters and 8 digits for a citizen. Contacts of a company share the "
        "company's number.",
    )
    mn_register_kind = fields.Selection(
        [
            (register_number.KIND_COMPANY, "Legal Entity"),
            (register_number.KIND_INDIVIDUAL, "Citizen"),
        ],
        string="Register Number Kind",
        compute="_compute_mn_register_details",
        store=True,
        precompute=True,
    )
    mn_birth_date = fields.Date(
        string="Birth Date",
        compute="_compute_mn_register_details",
        store=True,
        precompute=True,
        help="Read from the citizen's register number.",
    )
    mn_sex = fields.Selection(
        [(register_number.SEX_MALE, "Male"), (register_number.SEX_FEMALE, "Female")],
        string="Sex",
        compute="_compute_mn_register_details",
        store=True,
        precompute=True,
        help="Read from the citizen's register number.",
    )

    @api.depends("mn_register_number", "parent_id", "is_company")
    def _compute_mn_register_details(self):
        """Kind from the number; birth date and sex only on the number's owner.

        A contact person of a company shares the company's number but is not the citizen
        it was issued to, so it gets no birth date or sex from it.
        """
        for partner in self:
            details = _parse_stored(partner.mn_register_number)
            owner = details and (partner.is_company or not partner.parent_id)
            partner.mn_register_kind = details.kind if details else False
            partner.mn_birth_date = details.birth_date if owner else False
            partner.mn_sex = details.sex if owner else False

    def _search_mn_register_number(self, operator, value):
        return register_number_domain("mn_register_number", operator, value)

    @api.model
    def _search_display_name(self, operator, value):
        """Name search (many2one fields, the contacts' search box) also finds numbers."""
        domain = super()._search_display_name(operator, value)
        if operator in ("ilike", "like") and looks_like_number(value):
            domain = Domain.OR([domain, Domain("mn_register_number", operator, value)])
        return domain

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + ["mn_register_number"]

    # ------------------------------------------------------------------
    # Normalisation and validation
    # ------------------------------------------------------------------

    @api.model
    def _mn_normalize_register_number(self, raw):
        """Return ``raw`` in canonical form (False when blank) or raise ValidationError.

        Shared with the leads' register number.
        """
        if raw and not isinstance(raw, str):
            raw = str(raw)
        number = register_number.normalize(raw)
        if not number:
            return False
        try:
            register_number.parse(number, today=fields.Date.context_today(self))
        except register_number.RegisterNumberError as error:
            raise ValidationError(self._mn_register_number_message(error)) from None
        return number

    @api.model
    def _mn_register_number_message(self, error):
        """The translated message telling what is wrong with a register number."""
        params = error.params
        if error.code == "shape":
            return self.env._(
                "Register number %(number)s is not valid: a legal entity has 7 digits, "
                "a citizen 2 Cyrillic letters and 8 digits (for example УБ99031512).",
                number=params["number"],
            )
        if error.code == "letters":
            return self.env._(
                "Register number %(number)s: %(letters)s are not the Mongolian Cyrillic "
                "letters of a register number.",
                number=params["number"],
                letters=params["letters"],
            )
        if error.code == "month":
            return self.env._(
                "Register number %(number)s: month %(month)s is not a valid birth month.",
                number=params["number"],
                month=params["month"],
            )
        if error.code == "day":
            return self.env._(
                "Register number %(number)s: day %(day)s does not exist in month "
                "%(month)s of %(year)s.",
                number=params["number"],
                day=params["day"],
                month=params["month"],
                year=params["year"],
            )
        if error.code == "future":
            return self.env._(
                "Register number %(number)s: birth date %(birth_date)s is in the future.",
                number=params["number"],
                birth_date=format_date(self.env, params["birth_date"]),
            )
        return self.env._("The register number is empty.")

    def _mn_normalize_vals(self, vals):
        if "mn_register_number" in vals:
            vals["mn_register_number"] = self._mn_normalize_register_number(
                vals["mn_register_number"]
            )
        return vals

    @api.model
    def _mn_raise_number_owned_by(self, contact_name, owner):
        raise ValidationError(
            self.env._(
                "The register number of %(contact)s is that of %(company)s, the company it "
                "belongs to (%(number)s): change it on %(company)s.",
                contact=contact_name or "",
                company=owner.display_name,
                number=owner.mn_register_number,
            )
        )

    def _mn_check_contacts_follow_owner(self, vals):
        """Refuse, before writing, a number given to a contact that differs from its owner's.

        A contact (not its own commercial entity) shares the number of its commercial
        entity. Giving it another one is refused rather than silently overwritten by core's
        synchronisation. When the commercial entity has no number yet, the contact's number
        becomes the entity's (see :meth:`_fields_sync`).
        """
        if "mn_register_number" not in vals:
            return
        number = vals["mn_register_number"]
        for partner in self:
            parent = self.browse(vals["parent_id"]) if "parent_id" in vals else partner.parent_id
            is_company = vals.get("is_company", partner.is_company)
            if "company_type" in vals:
                is_company = vals["company_type"] == "company"
            if not parent or is_company:
                continue
            owner = parent.commercial_partner_id
            if owner in self or not owner.mn_register_number:
                continue
            if owner.mn_register_number != number:
                self._mn_raise_number_owned_by(partner.display_name, owner)

    def _mn_check_new_contacts_follow_owner(self, vals_list):
        """:meth:`_mn_check_contacts_follow_owner` for records about to be created."""
        context = self.env.context
        for vals in vals_list:
            number = vals.get("mn_register_number")
            parent_id = vals.get("parent_id", context.get("default_parent_id"))
            is_company = vals.get("is_company", context.get("default_is_company"))
            if vals.get("company_type", context.get("default_company_type")) == "company":
                is_company = True
            if not number or not parent_id or is_company:
                continue
            owner = self.browse(parent_id).commercial_partner_id
            if owner.mn_register_number and owner.mn_register_number != number:
                self._mn_raise_number_owned_by(vals.get("name"), owner)

    def _mn_detached_with_inherited_number(self, vals):
        """Contacts leaving their company (or becoming one) that carry the company's number.

        The number was the company's, not theirs: it is cleared rather than kept on a new
        commercial entity where it would duplicate the company's.
        """
        leaving = "parent_id" in vals and not vals["parent_id"]
        becoming_company = vals.get("is_company") or vals.get("company_type") == "company"
        if "mn_register_number" in vals or not (leaving or becoming_company):
            return self.browse()
        return self.filtered(
            lambda p: p.mn_register_number
            and p.commercial_partner_id != p
            and p.mn_register_number == p.commercial_partner_id.mn_register_number
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._mn_normalize_vals(vals)
        self._mn_check_new_contacts_follow_owner(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._mn_normalize_vals(vals)
        self._mn_check_contacts_follow_owner(vals)
        detached = self._mn_detached_with_inherited_number(vals)
        if not detached:
            return super().write(vals)
        super(ResPartner, detached).write(dict(vals, mn_register_number=False))
        if self - detached:
            super(ResPartner, self - detached).write(vals)
        return True

    def _fields_sync(self, values):
        """Give a commercial entity without a number the number of a contact joining it.

        Core only copies an entity's number down to its contacts; a contact that brings a
        number to an entity that has none (``create_company``, a person attached to a new
        company) would otherwise keep a number its entity lacks.
        """
        super()._fields_sync(values)
        if not (values.get("parent_id") or "mn_register_number" in values):
            return
        if not self.mn_register_number:
            return
        owner = self.commercial_partner_id
        if owner != self and not owner.mn_register_number:
            owner.write({"mn_register_number": self.mn_register_number})

    # ------------------------------------------------------------------
    # Uniqueness
    # ------------------------------------------------------------------

    @api.constrains("mn_register_number", "parent_id", "is_company", "company_id")
    def _check_mn_register_number_unique(self):
        """Two commercial entities of one company may not share a register number.

        Shared partners (no company) count for every company. Archived partners count
        too, so that an archived customer is restored rather than created twice. Contacts
        of a company share its number and are not compared. Switched by the company setting
        ``mn_register_number_unique``.
        """
        for partner in self:
            other = partner._mn_register_number_holder()
            if not other:
                continue
            if other.active:
                message = self.env._(
                    "Register number %(number)s is already used by %(partner)s.",
                    number=partner.mn_register_number,
                    partner=other.display_name,
                )
            else:
                message = self.env._(
                    "Register number %(number)s is already used by the archived contact "
                    "%(partner)s: restore it instead of creating a new one.",
                    number=partner.mn_register_number,
                    partner=other.display_name,
                )
            raise ValidationError(message)

    def _mn_register_number_holder(self):
        """Another commercial entity of this partner's company with the same number."""
        self.ensure_one()
        holders = self.browse()
        if not self.mn_register_number or self.commercial_partner_id != self:
            return holders
        if not (self.company_id or self.env.company).mn_register_number_unique:
            return holders
        # Partners being merged into this one are about to be deleted (partner merge wizard).
        merged_ids = self.env.context.get("mn_register_number_merged_ids") or []
        domain = Domain("mn_register_number", "in", [self.mn_register_number]) & Domain(
            "id", "not in", [self.id, *merged_ids]
        )
        if self.company_id:
            domain &= Domain("company_id", "in", [False, self.company_id.id])
        holders = self.sudo().with_context(active_test=False).search(domain)
        return holders.filtered(lambda p: p.commercial_partner_id == p)[:1]


def _parse_stored(number):
    """The parsed stored ``number``, or None (none, or stored before it was validated)."""
    if not number:
        return None
    try:
        return register_number.parse(number)
    except register_number.RegisterNumberError:
        return None
