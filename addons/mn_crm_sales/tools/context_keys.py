"""Every context key the suite reads, and why a caller who sends it gains nothing.

An external caller (XML-RPC, JSON-2, the web client's RPC) sends the whole ``context`` as
JSON: strings, numbers, booleans, lists and objects. A key the suite reads with a plain
``context.get("x")`` is therefore the caller's to set. So the suite reads its own keys only
through the objects below:

* :class:`Flag`: the value under the key must be the flag object itself. JSON cannot carry
  a Python object, so a caller can send the key but never switch the flag on.
* :class:`CarriedValue`: a value handed down the call stack (order quantities, a restore
  reason) travels wrapped in a private class; a JSON value under the same key is ignored.

``CORE_KEYS`` lists the keys of Odoo itself that the suite reads, each with the reason a
caller who sets it gains nothing. ``tests/static/test_context_keys.py`` fails on any other
context read in the addons' code.
"""


class Flag:
    """An internal switch passed through the context; only this object turns it on."""

    __slots__ = ("key", "why")

    def __init__(self, key, why):
        self.key = key
        self.why = why

    def __repr__(self):
        return f"<internal flag {self.key}>"

    def on(self, records):
        """``records`` with the flag switched on."""
        return records.with_context(**{self.key: self})

    def is_on(self, records):
        """Whether ``records`` (or an environment) carries this very flag object."""
        env = getattr(records, "env", records)
        return env.context.get(self.key) is self


class _Carried:
    __slots__ = ("owner", "value")

    def __init__(self, owner, value):
        self.owner = owner
        self.value = value


class CarriedValue:
    """A value handed down the call stack in the context, unforgeable by a JSON caller."""

    __slots__ = ("key", "why")

    def __init__(self, key, why):
        self.key = key
        self.why = why

    def __repr__(self):
        return f"<internal value {self.key}>"

    def on(self, records, value):
        """``records`` carrying ``value`` under this key."""
        return records.with_context(**{self.key: _Carried(self, value)})

    def get(self, records, default=None):
        """The carried value, or ``default`` (also when a caller sent the key as JSON)."""
        env = getattr(records, "env", records)
        carried = env.context.get(self.key)
        if isinstance(carried, _Carried) and carried.owner is self:
            return carried.value
        return default


APPROVAL_WRITE = Flag(
    "mn_approval_write",
    "Lets the approval actions write the protected approval fields of an order.",
)
APPROVAL_REFRESH_DEFERRED = Flag(
    "mn_approval_refresh_deferred",
    "Re-pricing a whole order refreshes its approval once at the end, not per line.",
)
ORDER_STATE_WRITE = Flag(
    "mn_order_state_write",
    "Set by the order's action methods: only they change the state of a judged order.",
)
LINE_KIND_WRITE = Flag(
    "mn_line_kind_write",
    "Set by core's down-payment and discount wizards: only they make down-payment or "
    "global-discount lines on a judged order.",
)
DERIVED_WRITE = Flag(
    "mn_derived_write",
    "Lets the suite's own code write a field that callers may not (a derived value).",
)
EBARIMT_WRITE = Flag(
    "mn_ebarimt_write",
    "Lets the e-barimt queue, its cron and its buttons write receipts (mn_ebarimt): a "
    "receipt's state, id and amounts are PosAPI's answer, never a caller's value.",
)
FLOOR_CHECK_RUNNING = Flag(
    "mn_checking_price_floor",
    "Marks a price-floor check in progress, so that the nested run it triggers is skipped; "
    "the outer run judges the final amounts.",
)
CORE_RULE_DOMAIN = Flag(
    "mn_core_rule_domain",
    "Asks product.pricelist for core's rule domain only; the caller then applies the "
    "suite's conditions itself, in memory.",
)
ORDER_QUANTITIES = CarriedValue(
    "mn_order_qty",
    "The order's quantities per product and category, handed by the pricelist to its "
    "rules (core calls _is_applicable_for without keyword arguments).",
)
RESTORE_REASON = CarriedValue(
    "mn_restore_reason",
    "Why a lost opportunity is restored, handed from action_restore/action_unarchive to "
    "the restore log written by write().",
)
MERGED_PARTNERS = CarriedValue(
    "mn_register_number_merged_ids",
    "Partners the partner-merge wizard is about to delete: they do not count as other "
    "holders of the register number taken over by the merged partner.",
)

SUITE_KEYS = {
    item.key: item
    for item in (
        APPROVAL_WRITE,
        APPROVAL_REFRESH_DEFERRED,
        ORDER_STATE_WRITE,
        LINE_KIND_WRITE,
        DERIVED_WRITE,
        FLOOR_CHECK_RUNNING,
        CORE_RULE_DOMAIN,
        ORDER_QUANTITIES,
        RESTORE_REASON,
        MERGED_PARTNERS,
    )
}

# Odoo's own keys the suite reads, and why setting them gains a caller nothing.
CORE_KEYS = {
    "mark_so_as_sent": "Core's composer marks a quotation sent with it; the suite only adds "
    "the approval check there, so sending the key can only add a refusal.",
    "proforma": "Core's pro-forma printing; the suite only leaves the amount in words off "
    "a pro-forma, a display choice.",
    "tz": "The user's own time zone, used to label the monthly summary's period.",
    "default_parent_id": "Read with default_is_company and default_company_type to judge a "
    "new contact's register number exactly as create() will store it.",
    "default_is_company": "See default_parent_id.",
    "default_company_type": "See default_parent_id.",
}
