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
        "views/res_partner_views.xml",
        "views/res_company_register_views.xml",
        "views/crm_lead_register_views.xml",
        "views/sale_order_register_views.xml",
        "views/res_config_settings_register_views.xml",
        "report/sale_order_report_templates.xml",
        "report/account_move_report_templates.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["mn_crm_sales/static/tests/tours/*.js"],
    },
}
