{
    "name": "Payment Provider: QPay",
    "summary": "QPay v2 payments by QR code and bank app links from the portal, confirmed "
    "through payment/check",
    "version": "19.0.1.0.0",
    "development_status": "Alpha",
    "category": "Accounting/Payment Providers",
    "website": "https://github.com/mn-odoo/mn_crm_sales",
    "author": "Mongolian CRM & Sales developers",
    "maintainers": ["mn-crm-sales"],
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": ["payment", "account_payment", "sale"],
    "external_dependencies": {"python": ["requests"]},
    "data": [
        "views/payment_qpay_templates.xml",
        "views/payment_provider_views.xml",
        "views/payment_transaction_views.xml",
        "data/payment_method_data.xml",
        "data/payment_provider_data.xml",
        "data/ir_cron_data.xml",
    ],
    "assets": {
        "web.assets_tests": ["payment_qpay/static/tests/tours/*.js"],
    },
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
}
