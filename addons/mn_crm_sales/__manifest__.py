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
        "security/ir.model.access.csv",
        "data/crm_lost_reason_category_data.xml",
        "data/crm_lost_reason_data.xml",
        "wizard/crm_lead_lost_views.xml",
        "wizard/crm_lead_restore_views.xml",
        "views/crm_lost_reason_views.xml",
        "views/crm_lead_lost_views.xml",
        "views/res_config_settings_lost_views.xml",
    ],
    "demo": [
        "demo/crm_lost_reason_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["mn_crm_sales/static/tests/tours/*.js"],
    },
}
