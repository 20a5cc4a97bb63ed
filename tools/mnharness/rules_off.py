"""Switch off every behaviour-changing rule of the suite (run inside ``odoo-bin shell``).

Used by ``make test-core``: Odoo's own tests must pass unchanged once a user has
switched the suite's rules off through its settings. The suite lists its switches in
``res.company._mn_rule_switches()``; this script only turns them off.
"""

companies = env["res.company"].search([])  # noqa: F821 - provided by odoo-bin shell
switched = companies._mn_switch_off_rules()
env.cr.commit()  # noqa: F821
print("MN_RULES_OFF", sorted(switched))
