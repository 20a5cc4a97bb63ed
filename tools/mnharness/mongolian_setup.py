"""Mongolian base setup of a development database, run inside ``odoo-bin shell``.

Executed with ``env`` in scope (see databases.py). Idempotent: run before the
accounting install (currency, country, time zone) and again after every install
(language and time zone of users created by demo data, the chart of accounts).
"""

MN_LANG = "mn_MN"
MN_TZ = "Asia/Ulaanbaatar"


def setup_company(env):
    company = env.ref("base.main_company")
    mnt = env.ref("base.MNT")
    if not mnt.active:
        mnt.active = True
    vals = {"country_id": env.ref("base.mn").id}
    if company.currency_id != mnt and "account.move" not in env:
        vals["currency_id"] = mnt.id
    company.write(vals)
    company.partner_id.write({"tz": MN_TZ, "lang": MN_LANG})
    return company


def setup_chart(env, company):
    """Mongolian chart of accounts (l10n_mn) on the main company, once."""
    if "chart_template" not in company._fields or company.chart_template == "mn":
        return
    # Odoo's account demo data forces the generic chart on the main company; loading the
    # Mongolian one with install_demo replaces it (and its demo entries) before any sale exists.
    with_demo = bool(env.ref("base.module_base").demo)
    env["account.chart.template"].try_loading("mn", company, install_demo=with_demo)


def setup_users(env):
    env["res.lang"]._activate_lang(MN_LANG)
    users = env["res.users"].with_context(active_test=False).search([])
    users.write({"lang": MN_LANG, "tz": MN_TZ})
    env["ir.default"].set("res.partner", "lang", MN_LANG)


def main(env):
    company = setup_company(env)
    setup_chart(env, company)
    setup_users(env)
    env.cr.commit()
    print(
        "MN_SETUP company=%s currency=%s chart=%s lang=%s tz=%s"
        % (
            company.name,
            company.currency_id.name,
            company.chart_template if "chart_template" in company._fields else None,
            env.ref("base.user_admin").lang,
            env.ref("base.user_admin").tz,
        )
    )


main(env)  # noqa: F821 - provided by odoo-bin shell
