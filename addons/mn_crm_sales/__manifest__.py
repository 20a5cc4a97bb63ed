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
        "data/sale_settings_data.xml",
        "data/mail_template_data.xml",
        "views/crm_lead_invoices_views.xml",
        "views/res_config_settings_sale_documents_views.xml",
        "report/sale_order_amount_words_templates.xml",
        "report/account_move_amount_words_templates.xml",
    ],
    "demo": [],
    "assets": {
        "web.assets_tests": ["mn_crm_sales/static/tests/tours/*.js"],
    },
}
