import re
from contextlib import contextmanager

from psycopg2.errors import UniqueViolation

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import format_date

from ...tools import register_number
from ...tools.context_keys import MERGED_PARTNERS
from ...tools.register_number_search import looks_like_number, search_forms
from ..rules.protected_fields import derived_field_names, refuse_protected_values

# "Key (COALESCE(company_id, 0), mn_register_number_key)=(1, 2012345) already exists."
_UNIQUE_DETAIL = re.compile(r"\)=\(\d+, (?P<number>[^)]+)\)")
UNIQUE_INDEX_NAME = "res_partner_mn_register_number_unique"

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


def _unique_number_message(env, diagnostics=None):
    """Message of the register-number unique index (a concurrent save lost the race).

    Names the number (read from the database's detail) but no partner: the other holder
    may be one the caller is not allowed to read.
    """
    detail = getattr(diagnostics, "message_detail", None) or ""
    match = _UNIQUE_DETAIL.search(detail)
    return _number_used_by_another(env, match and match["number"])


def _number_used_by_another(env, number):
    if number:
        return env._(
            "Register number %(number)s is already used by another contact.", number=number
        )
    return env._("This register number is already used by another contact.")


# Fields whose change can change a partner's unique key (see mn_register_number_key).
UNIQUE_KEY_DEPENDS = {"mn_register_number", "parent_id", "is_company", "company_type", "company_id"}


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

    mn_register_number_key = fields.Char(
        string="Unique Register Number",
        compute="_compute_mn_register_number_key",
        store=True,
        precompute=True,
        copy=False,
        help="The register number while it must be unique: set on commercial entities of "
        "companies whose Unique Register Numbers setting is on (shared contacts: while "
        "every company has it on). A unique database index holds over it.",
    )

    # The uniqueness rule in the database: a Python check alone lets two concurrent
    # transactions both pass. A unique index cannot read the company switch, so it holds
    # over ``mn_register_number_key``, which the ORM fills only while the switch is on
    # (res.company refuses to switch it on while duplicates exist). Shared contacts
    # (no company) are compared among themselves (COALESCE(company_id, 0)); a shared
    # contact against a company's contact is judged by the Python check only.
    _mn_register_number_unique = models.UniqueIndex(
        "(COALESCE(company_id, 0), mn_register_number_key) "
        "WHERE mn_register_number_key IS NOT NULL",
        _unique_number_message,
    )

    @api.depends(
        "mn_register_number",
        "parent_id",
        "is_company",
        "company_id",
        "company_id.mn_register_number_unique",
    )
    def _compute_mn_register_number_key(self):
        """The number of a commercial entity whose uniqueness rule is on, else empty.

        Commercial entity as core computes ``commercial_partner_id``: a company, or a
        contact without parent. Archived partners keep their key (they count too).
        """
        shared = []  # read once, and only when a shared partner has a number
        for partner in self:
            partner.mn_register_number_key = self._mn_unique_key(
                partner.mn_register_number,
                partner.parent_id,
                partner.is_company,
                partner.company_id,
                shared,
            )

    @api.model
    def _mn_unique_key(self, number, parent, is_company, company, shared=None):
        """The unique key of a partner with these values (see ``mn_register_number_key``).

        ``shared``: a list caching whether shared partners' numbers are unique.
        """
        if not number or (parent and not is_company):
            return False
        if company:
            unique = company.sudo().mn_register_number_unique
        else:
            if shared is None:
                shared = []
            if not shared:
                shared.append(self._mn_shared_numbers_unique())
            unique = shared[0]
        return number if unique else False

    @api.model
    def _mn_shared_numbers_unique(self):
        """Whether the index holds over shared contacts: while every company has the rule on.

        A shared contact is every company's: the database refuses a second shared contact
        with its number only while no company allows duplicates (the Python check still
        judges shared contacts by the current company's switch).
        """
        return not (
            self.env["res.company"]
            .sudo()
            .search_count([("mn_register_number_unique", "=", False)], limit=1)
        )

    @api.model
    def _mn_recompute_shared_number_keys(self):
        """Recompute the keys of shared contacts (the companies' switches changed)."""
        shared = (
            self.sudo()
            .with_context(active_test=False)
            .search([("company_id", "=", False), ("mn_register_number", "!=", False)])
        )
        if shared:
            self.env.add_to_compute(self._fields["mn_register_number_key"], shared)

    @api.model
    def _mn_duplicate_register_numbers(self, companies, shared=False):
        """Numbers held by several commercial entities of ``companies`` (or shared ones)."""
        domain = Domain("mn_register_number", "!=", False) & (
            Domain("is_company", "=", True) | Domain("parent_id", "=", False)
        )
        owners = Domain("company_id", "in", companies.ids)
        if shared:
            owners |= Domain("company_id", "=", False)
        groups = (
            self.sudo()
            .with_context(active_test=False)
            ._read_group(
                domain & owners,
                ["company_id", "mn_register_number"],
                ["__count"],
                having=[("__count", ">", 1)],
            )
        )
        return sorted({number for _company, number, _count in groups})

    def _mn_protected_fields(self):
        """Values the server derives from the register number (kind, birth date, sex, key)."""
        return derived_field_names(self)

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
        partners = refuse_protected_values(self, vals_list, self._mn_protected_fields())
        for vals in vals_list:
            partners._mn_normalize_vals(vals)
        partners._mn_check_new_contacts_follow_owner(vals_list)
        partners._mn_check_numbers_free(vals_list, creating=True)
        numbered = any(vals.get("mn_register_number") for vals in vals_list)
        with partners._mn_unique_number_checked(numbered):
            return super(ResPartner, partners).create(vals_list)

    def write(self, vals):
        refuse_protected_values(self, [vals], self._mn_protected_fields())
        self._mn_normalize_vals(vals)
        self._mn_check_contacts_follow_owner(vals)
        detached = self._mn_detached_with_inherited_number(vals)
        (self - detached)._mn_check_numbers_free([vals])
        numbered = bool(vals.get("mn_register_number")) or (
            bool(UNIQUE_KEY_DEPENDS.intersection(vals))
            and any(self.sudo().mapped("mn_register_number"))
        )
        with self._mn_unique_number_checked(numbered):
            if not detached:
                return super().write(vals)
            super(ResPartner, detached).write(dict(vals, mn_register_number=False))
            if self - detached:
                super(ResPartner, self - detached).write(vals)
            return True

    @contextmanager
    def _mn_unique_number_checked(self, active):
        """Turn a violation of the unique index into the uniqueness rule's message.

        The row is inserted (or updated) before the Python check can run, so a duplicate in
        this transaction reaches the database first: the create/write runs in a savepoint
        flushed on exit, and the violation becomes the same ValidationError as the check's.
        Only for writes that can set a number (no savepoint otherwise).
        """
        if not active:
            yield
            return
        try:
            with self.env.cr.savepoint():
                yield
        except UniqueViolation as error:
            if error.diag.constraint_name != UNIQUE_INDEX_NAME:
                raise
            match = _UNIQUE_DETAIL.search(error.diag.message_detail or "")
            number = match and match["number"]
            holder = self.browse()
            if number:
                domain = Domain("mn_register_number_key", "=", number)
                if self.ids:
                    domain &= Domain("id", "not in", self.ids)
                holder = self.sudo().with_context(active_test=False).search(domain, limit=1)
            raise ValidationError(
                self._mn_number_used_message(number, holder)
                if holder
                else _unique_number_message(self.env, error.diag)
            ) from None

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
        ``mn_register_number_unique``. The friendly check; the unique index on
        ``mn_register_number_key`` holds against concurrent transactions. The other holder
        is named only when the current user may read it.
        """
        for partner in self:
            other = partner._mn_register_number_holder()
            if other:
                raise ValidationError(
                    self._mn_number_used_message(partner.mn_register_number, other)
                )

    def _mn_number_used_message(self, number, other):
        """The refusal naming ``other`` (the holder of ``number``) only if the user may read it."""
        if not other.with_env(self.env(su=False))._filtered_access("read"):
            return self.env._(
                "Register number %(number)s is already used by another contact that you "
                "cannot see.",
                number=number,
            )
        if other.active:
            return self.env._(
                "Register number %(number)s is already used by %(partner)s.",
                number=number,
                partner=other.display_name,
            )
        return self.env._(
            "Register number %(number)s is already used by the archived contact "
            "%(partner)s: restore it instead of creating a new one.",
            number=number,
            partner=other.display_name,
        )

    def _mn_register_number_holder(self):
        """Another commercial entity of this partner's company with the same number."""
        self.ensure_one()
        if self.commercial_partner_id != self:
            return self.browse()
        return self._mn_find_number_holder(
            self.mn_register_number, self.company_id, self._origin.ids
        )

    @api.model
    def _mn_find_number_holder(self, number, company, exclude_ids=()):
        """Another commercial entity (as superuser) holding ``number`` for ``company``.

        ``company`` empty: a shared partner, compared with every company's partners.
        Nothing while the rule is off for ``company`` (else the current company). Partners
        being merged away (``MERGED_PARTNERS``) do not count; archived partners do.
        """
        holders = self.browse().sudo()
        if not number or not (company or self.env.company).sudo().mn_register_number_unique:
            return holders
        # Partners being merged into this one are about to be deleted (partner merge wizard).
        merged_ids = [pid for pid in MERGED_PARTNERS.get(self, []) if isinstance(pid, int)]
        domain = Domain("mn_register_number", "in", [number]) & (
            Domain("is_company", "=", True) | Domain("parent_id", "=", False)
        )
        excluded = [*exclude_ids, *merged_ids]
        if excluded:
            domain &= Domain("id", "not in", excluded)
        if company:
            domain &= Domain("company_id", "in", [False, company.id])
        return holders.with_context(active_test=False).search(domain, limit=1)

    def _mn_check_numbers_free(self, vals_list, creating=False):
        """Refuse, before anything reaches the database, a number another entity holds.

        ``creating``: partners about to be created from ``vals_list`` (with their
        defaults, as create() will store them); else ``self`` about to be written with
        ``vals_list[0]``. The uniqueness check of ``_check_mn_register_number_unique``, run
        on the values about to be stored, so that the unique index only ever refuses a
        concurrent transaction; two new entities of one call with one number are refused.
        """
        if not creating:
            if not UNIQUE_KEY_DEPENDS.intersection(vals_list[0]):
                return
            candidates = [(partner, vals_list[0]) for partner in self]
        else:
            if not any(vals.get("mn_register_number") for vals in vals_list):
                return
            defaults = self.default_get(["parent_id", "is_company", "company_id"])
            candidates = [(self.browse(), {**defaults, **vals}) for vals in vals_list]
        claimed = {}
        for partner, vals in candidates:

            def after(name, partner=partner, vals=vals):
                return vals[name] if name in vals else partner[name]

            number = after("mn_register_number")
            if not number:
                continue
            is_company = after("is_company")
            if "company_type" in vals:
                is_company = vals["company_type"] == "company"
            parent = (
                self.browse(vals["parent_id"] or ()) if "parent_id" in vals else partner.parent_id
            )
            if parent and not is_company:
                continue  # a contact shares its company's number
            company = (
                self.env["res.company"].browse(vals["company_id"] or ())
                if "company_id" in vals
                else partner.company_id
            )
            if not (company or self.env.company).sudo().mn_register_number_unique:
                continue
            holder = self._mn_find_number_holder(number, company, self.ids)
            if holder:
                raise ValidationError(self._mn_number_used_message(number, holder))
            for other_company in claimed.get(number, ()):
                if not other_company or not company or other_company == company:
                    raise ValidationError(_number_used_by_another(self.env, number))
            claimed.setdefault(number, []).append(company)


def _parse_stored(number):
    """The parsed stored ``number``, or None (none, or stored before it was validated)."""
    if not number:
        return None
    try:
        return register_number.parse(number)
    except register_number.RegisterNumberError:
        return None
