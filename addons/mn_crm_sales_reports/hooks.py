from .models.crm_lead import drop_max_stage_trigger
from .report import mn_crm_funnel_fact, mn_crm_winloss_report, sale_report_fact


def uninstall_hook(env):
    """Remove the database trigger that keeps ``crm_lead.mn_max_stage_id`` up to date.

    Odoo drops the column itself when the field disappears; the trigger and its function
    are plain SQL objects it does not know about, so they are dropped here first, with the
    fact tables and what the win/loss report made on ``crm_lead`` (an index, statistics).
    """
    drop_max_stage_trigger(env.cr)
    sale_report_fact.drop(env.cr)
    mn_crm_funnel_fact.drop(env.cr)
    mn_crm_winloss_report.drop_base_table_objects(env.cr)
