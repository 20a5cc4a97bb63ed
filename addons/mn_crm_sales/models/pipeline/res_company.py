from odoo import api, fields, models


class ResCompany(models.Model):
    """Leads by default: the suite's switch over core's "Leads" setting (crm.group_use_lead).

    Core keeps leads off until a user ticks Settings > CRM > Leads; Mongolian sales teams
    qualify requests as leads first, so the suite turns the setting on at install. The
    setting itself is global (a group implied by every internal user): this company field
    mirrors it, so that ``_mn_switch_off_rules`` (``make test-core``) brings back core's
    default. In the UI the setting stays core's own "Leads" checkbox.
    """

    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    mn_use_leads = fields.Boolean(
        string="Leads by Default",
        compute="_compute_mn_use_leads",
        inverse="_inverse_mn_use_leads",
        help="Internal users work with leads (qualification before the pipeline), as when "
        "Settings > CRM > Leads is ticked. The setting applies to all companies.",
    )

    @api.model
    def _mn_rule_switches(self):
        return super()._mn_rule_switches() + ["mn_use_leads"]

    def _compute_mn_use_leads(self):
        user_group = self.env.ref("base.group_user").sudo()
        lead_group = self.env.ref("crm.group_use_lead").sudo()
        self.mn_use_leads = lead_group in user_group.all_implied_ids

    def _inverse_mn_use_leads(self):
        # One global setting: it is on when any of the written companies asks for it.
        self._mn_set_use_leads(any(self.mapped("mn_use_leads")))

    @api.model
    def _mn_set_use_leads(self, enabled):
        """Switch leads on or off for all internal users, as crm's res.config.settings does.

        The group is implied by ``base.group_user`` (``_apply_group``/``_remove_group``, the
        methods Settings uses), and sales teams with a pipeline follow the setting, their mail
        alias creating leads or opportunities accordingly (crm ``ResConfigSettings.set_values``).
        """
        user_group = self.env.ref("base.group_user").sudo()
        lead_group = self.env.ref("crm.group_use_lead").sudo()
        if (lead_group in user_group.all_implied_ids) == bool(enabled):
            return
        if enabled:
            user_group._apply_group(lead_group)
        else:
            user_group._remove_group(lead_group)
        teams = self.env["crm.team"].sudo().search([("use_opportunities", "=", True)])
        teams.use_leads = bool(enabled)
        for team in teams:
            team.alias_id.write(team._alias_get_creation_values())
