"""Customer dimensions shared by the report views (fields of ``mn_crm_sales`` on contacts).

The register number kind (legal entity / citizen) and the customer tier are commercial
fields: a contact person carries its company's, so reading them on the document's own
partner needs one join and no detour through ``commercial_partner_id``.
"""

# ``_depends`` entry of every view selecting the customer's kind and tier.
CUSTOMER_DEPENDS = {"res.partner": ["mn_register_kind", "mn_tier_id"]}


def customer_kind_selection(model):
    """The selection of ``res.partner.mn_register_kind`` (labels translated as there)."""
    return model.env["res.partner"]._fields["mn_register_kind"]._description_selection(model.env)


def approval_state_selection(model):
    """The selection of ``sale.order.mn_approval_state`` (labels translated as there)."""
    return model.env["sale.order"]._fields["mn_approval_state"]._description_selection(model.env)
