{
    "name": "Mongolian CRM & Sales",
    "summary": "CRM and Sales for Mongolian businesses: register numbers, lost-reason "
    "rules, pricelist rules, discount approval and Mongolian documents",
    "version": "19.0.1.0.0",
    "development_status": "Alpha",
    "category": "Sales/CRM",
    "website": "https://github.com/mn-odoo/mn_crm_sales",
    "author": "Mongolian CRM & Sales developers",
    "maintainers": ["mn-crm-sales"],
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": ["crm", "sale_crm", "sale_management", "sale_stock"],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        "data/crm_lead_settings_data.xml",
        "data/crm_stage_data.xml",
        "data/ir_cron_data.xml",
    ],
    "demo": [
        "demo/crm_team_demo.xml",
        "demo/crm_lead_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["mn_crm_sales/static/tests/tours/*.js"],
    },
}
