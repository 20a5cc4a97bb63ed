"""Derived values are the server's: a caller writes none of them.

``write()`` does not refuse a ``readonly`` field, and a stored computed field without an
inverse keeps whatever a caller writes until one of its dependencies changes. The suite's
rules and reports trust such values (an opportunity's won status, the register number's
kind, an order line's pricelist rule...), so each model the suite extends names them in
``_mn_protected_fields()`` and calls :func:`refuse_protected_values` from ``create`` and
``write``. Superuser code and the suite's own writes (under ``DERIVED_WRITE``) pass.
"""

from odoo.exceptions import UserError

from ...tools.context_keys import DERIVED_WRITE


def derived_field_names(model, prefix="mn_"):
    """Stored fields of ``model`` named ``prefix*`` that only the server computes.

    Computed without ``readonly=False`` and without inverse, or related (read-only).
    Read once per registry class (a registry reload builds new classes).
    """
    cls = type(model)
    attribute = f"_mn_derived_field_names_{prefix}"
    names = cls.__dict__.get(attribute)
    if names is None:
        names = frozenset(
            name
            for name, field in model._fields.items()
            if name.startswith(prefix)
            and field.store
            and (field.compute or field.related)
            and field.readonly
            and not field.inverse
        )
        setattr(cls, attribute, names)
    return set(names)


def refuse_protected_values(records, vals_list, protected):
    """Raise a translated UserError when ``vals_list`` writes a field of ``protected``.

    Returns ``records`` with ``default_<field>`` context keys of those fields dropped, for
    ``create`` (a context default would set them just as well).
    """
    if not protected or records.env.su or DERIVED_WRITE.is_on(records):
        return records
    written = sorted({name for vals in vals_list for name in vals if name in protected})
    if written:
        labels = ", ".join(
            f"{records._fields[name]._description_string(records.env)} ({name})" for name in written
        )
        raise UserError(
            records.env._(
                "These values are computed by the system and cannot be written: %(fields)s.",
                fields=labels,
            )
        )
    return drop_context_defaults(records, protected)


def drop_context_defaults(records, names):
    """``records`` without the ``default_<name>`` context keys of ``names``."""
    defaults = {f"default_{name}" for name in names}
    if defaults.isdisjoint(records.env.context):
        return records
    # A whole new context: keys can only be removed this way (kwargs would keep them).
    context = {key: value for key, value in records.env.context.items() if key not in defaults}
    return records.with_context(context)  # pylint: disable=context-overridden
