from odoo import api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model
    def _mn_rule_switches(self):
        """Company fields that switch the suite's behaviour-changing rules on or off.

        Each rule family extends this with its own boolean fields (``super()`` plus its
        names). ``make test-core`` turns them all off and Odoo's own tests must then pass
        unchanged: the suite may only change Odoo where a user switched a rule on.
        """
        return []

    def _mn_switch_off_rules(self):
        """Turn every rule of the suite off on these companies, and on companies created
        from now on (their defaults); return the field names."""
        switches = self._mn_rule_switches()
        if switches:
            self.sudo().write(dict.fromkeys(switches, False))
            defaults = self.env["ir.default"].sudo()
            for name in switches:
                defaults.set("res.company", name, False)
        return switches
