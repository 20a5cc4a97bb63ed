from odoo.tools import SQL

# Records of core models that the suite's data files create and that the business then
# uses: leads are lost for these reasons, sit in these stages, carry these activities.
# Core refuses to delete a lost reason a lead still points to, and deleting a stage or an
# activity type would take history with it.
KEPT_ON_UNINSTALL = ("crm.lost.reason", "crm.stage", "mail.activity.type")


def uninstall_hook(env):
    """Leave core's records to core before the suite's data and tables go.

    * The suite's lost reasons, stages and activity types lose their external ids: Odoo
      deletes every record of a module's data on uninstall, and these are the business's
      now (leads point to them), so they stay as ordinary records.
    * Core rows stop pointing to the suite's own records (a lost reason's category, a
      customer's tier...): Odoo deletes those records before it drops the columns that
      point to them, and the database would refuse.

    The suite's e-mail templates go (they render the suite's fields).
    """
    data = (
        env["ir.model.data"]
        .sudo()
        .search([("module", "=", "mn_crm_sales"), ("model", "in", KEPT_ON_UNINSTALL)])
    )
    data.unlink()
    for model in env.registry.values():
        if model._abstract or not model._auto or model._name.startswith("mn."):
            continue
        for field in model._fields.values():
            if (
                field.type == "many2one"
                and field.store
                and field.column_type
                and field.name.startswith("mn_")
                and field.comodel_name.startswith("mn.")
            ):
                env.cr.execute(
                    SQL(
                        "UPDATE %s SET %s = NULL WHERE %s IS NOT NULL",
                        SQL.identifier(model._table),
                        SQL.identifier(field.name),
                        SQL.identifier(field.name),
                    )
                )
