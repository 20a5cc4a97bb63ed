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
        "data/mn_weekday_data.xml",
        "views/res_partner_tier_views.xml",
        "views/res_partner_pricing_views.xml",
        "views/product_pricelist_item_views.xml",
        "views/product_category_views.xml",
        "views/res_config_settings_pricing_views.xml",
    ],
    "demo": [
        "demo/product_demo.xml",
        "demo/product_pricelist_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["mn_crm_sales/static/tests/tours/*.js"],
    },
}
