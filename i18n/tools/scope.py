"""Which core translation entries the Mongolian pack covers: the seed's screens.

A core ``.pot`` entry is *in scope* when one of its ``#:`` references matches an
``include`` pattern of its module and no ``exclude`` pattern (``fnmatch`` on the whole
reference, e.g. ``model_terms:ir.ui.view,arch_db:crm.crm_lead_view_form``). Model and
view terms go to ``addons/mn_crm_sales/i18n_extra/mn.po``; code terms (``code:``
references, Python ``_()`` and JS ``_t``) of the modules in ``CODE_SCOPE`` go to
``addons/mn_crm_sales/i18n_extra/code/<module>.mn.po``.
"""

import fnmatch
import os
from pathlib import Path

# Everything a CRM/Sales user meets in the bridge modules, except mail templates,
# digest tips, onboarding tours, portal pages and technical server actions.
_WHOLE_MODULE = {
    "include": ["model:*", "model_terms:*"],
    "exclude": [
        "model:mail.template,*",
        "model:digest.tip,*",
        "model_terms:digest.tip,*",
        "model_terms:web_tour.tour,*",
        "model:ir.actions.server,*",
        "model:ir.model,website_form_label:*",
        "model:res.groups*",
        "model:ir.module.*",
        "model_terms:ir.ui.view,arch_db:*portal*",
        # printed reports (module.report_*), not the views of the reports' screens
        # (crm_opportunity_report_view_search: its filters are the analysis' facets)
        "model_terms:ir.ui.view,arch_db:*.report_*",
        "model:ir.actions.report,*",
        "model:product.template,*",
        "model:crm.tag,*",
        "model:crm.team,*",
        "model:sale.order.template*",
        "model:ir.model.fields,*message_*",
        "model:ir.model.fields,*website_message*",
        "model:ir.model.fields,*alias_*",
        "model:ir.model.fields,*rating_*",
        "model:ir.model.fields,*__id",
        "model:ir.model.fields,*__display_name",
        "model:ir.model.fields,*__create_uid",
        "model:ir.model.fields,*__create_date",
        "model:ir.model.fields,*__write_uid",
        "model:ir.model.fields,*__write_date",
        "model:ir.model.fields,*digest_digest*",
        "model:ir.model.fields,*kpi_*",
    ],
}


def _views(module, *names):
    return [f"model_terms:ir.ui.view,arch_db:{module}.{n}" for n in names]


def _fields(module, *models):
    out = []
    for m in models:
        out += [
            f"model:ir.model.fields,field_description:{module}.field_{m}__*",
            f"model:ir.model.fields,help:{module}.field_{m}__*",
            f"model:ir.model.fields.selection,name:{module}.selection__{m}__*",
        ]
    return out


SCOPE = {
    "crm": _WHOLE_MODULE,
    "sales_team": _WHOLE_MODULE,
    "sale_crm": _WHOLE_MODULE,
    "sale_management": _WHOLE_MODULE,
    # with the delivery orders of the confirmed order's portal page
    "sale_stock": {
        "include": _WHOLE_MODULE["include"],
        "exclude": [p for p in _WHOLE_MODULE["exclude"] if "portal" not in p],
    },
    "sale": {
        "include": [
            "model:ir.ui.menu,*",
            "model:ir.actions.act_window,*",
            "model_terms:ir.actions.act_window,help:sale.action_quotations*",
            "model_terms:ir.actions.act_window,help:sale.action_orders*",
            "model:ir.model,name:*",
            "model:ir.model.constraint,*",
            *_fields(
                "sale",
                "sale_order",
                "sale_order_line",
                "sale_report",
                "res_config_settings",
                "res_partner",
                "crm_team",
                "sale_order_discount",
                "sale_advance_payment_inv",
            ),
            *_views(
                "sale",
                "view_order_form",
                "view_quotation_tree*",
                "view_order_tree",
                # the invoice form's "Sale Orders" smart button
                "account_invoice_form",
                # the quotations the systray's activity menu lists
                "sale_order_tree",
                "sale_order_view_search_inherit*",
                "view_sales_order_filter",
                "res_config_settings_view_form",
                "view_order_product_*",
                "sale_order_view_activity",
                "view_sale_order_kanban",
                "sale_order_discount_form",
                "view_sale_advance_payment_inv",
                "res_partner_view_buttons",
                "crm_team_view_kanban_dashboard",
                # the customer's quotation page (/my/orders/<id>) and its lists
                "sale_order_portal_*",
                "portal_my_*",
                # the customer form (CRM > Борлуулалт > Захиалагчид > New)
                "res_partner_view_form_*",
                # the quotation and order PDF a customer receives
                "report_saleorder_document",
            ),
            # the Print menu's names and the file names of the quotation and order PDF
            # (attached to the e-mails a customer receives)
            "model:ir.actions.report,*",
            # the e-mail confirming the order to the customer
            "model:mail.template,subject:sale.mail_template_sale_confirmation",
            "model:mail.template,body_html:sale.mail_template_sale_confirmation",
        ],
        # the includes above name the portal, report and mail template entries they take
        "exclude": [
            p
            for p in _WHOLE_MODULE["exclude"]
            if "portal" not in p and "report" not in p and "mail.template" not in p
        ],
    },
    "product": {
        "include": [
            *_fields("product", "product_pricelist", "product_pricelist_item"),
            "model:ir.model.fields,field_description:product.field_product_template__name",
            "model:ir.model.fields,field_description:product.field_product_template__list_price",
            "model:ir.model.fields,field_description:product.field_product_template__default_code",
            "model:ir.model.fields,field_description:product.field_product_product__*code*",
            "model:ir.model.fields,field_description:product.field_res_config_settings__*",
            "model:ir.model.fields,field_description:product.field_res_partner__property_product*",
            *_views("product", "product_pricelist_view*", "product_pricelist_item_*"),
            # the product cards a phone's product dialog shows
            *_views("product", "product_kanban_view", "product_template_kanban_view"),
            "model:ir.actions.act_window,name:product.product_pricelist_action2",
        ],
        "exclude": _WHOLE_MODULE["exclude"],
    },
    "account": {
        "include": [
            "model:ir.ui.menu,name:account.menu_finance",
            "model:ir.ui.menu,name:account.menu_finance_receivables",
            "model:ir.ui.menu,name:account.menu_action_move_out_invoice_type",
            "model:ir.actions.act_window,name:account.action_move_out_invoice_type",
            "model:ir.model.fields.selection,name:account.selection__account_move__state__*",
            "model:ir.model.fields.selection,name:account.selection__account_move__payment_state__*",
            "model:ir.model.fields.selection,name:account.selection__account_move__move_type__*",
            *[
                f"model:ir.model.fields,field_description:account.field_account_move__{f}"
                for f in (
                    "name",
                    "partner_id",
                    "invoice_date",
                    "invoice_date_due",
                    "state",
                    "payment_state",
                    "amount_untaxed*",
                    "amount_tax*",
                    "amount_total*",
                    "amount_residual*",
                    "invoice_user_id",
                    "team_id",
                    "ref",
                    "invoice_payment_term_id",
                    "invoice_origin",
                    "currency_id",
                    "journal_id",
                    "date",
                    "invoice_line_ids",
                    "move_type",
                    "company_id",
                    "activity_ids",
                    "narration",
                    "fiscal_position_id",
                )
            ],
            *[
                f"model:ir.model.fields,field_description:account.field_account_move_line__{f}"
                for f in (
                    "product_id",
                    "name",
                    "quantity",
                    "price_unit",
                    "discount",
                    "tax_ids",
                    "price_subtotal",
                    "price_total",
                    "account_id",
                    "product_uom_id",
                )
            ],
            "model:account.payment.term,name:*",
            *_views(
                "account",
                "view_move_form",
                "view_out_invoice_tree",
                "view_invoice_tree",
                "view_account_invoice_filter",
                # customer form: invoicing tab and smart buttons
                "view_partner_property_form",
                "partner_view_buttons",
                # totals of the quotation form's and the portal page's tax totals
                "document_tax_totals_template",
                # the invoice a customer receives: PDF, portal page and list
                "report_invoice_document",
                "document_tax_totals_company_currency_template",
                "portal_invoice_page",
                "portal_my_invoices",
                "portal_my_home_invoice",
                "portal_my_home_menu_invoice",
            ),
            # the posted invoice's actions menu (gear): its print reports and bound actions
            "model:ir.actions.report,name:account.account_invoices",
            "model:ir.actions.report,name:account.account_invoices_without_payment",
            "model:ir.actions.server,name:account.action_move_block_payment",
            "model:ir.actions.server,name:account.model_account_move_action_share",
            "model:ir.actions.server,name:account.action_move_switch_move_type",
            "model:ir.actions.server,name:account.action_move_force_register_payment",
            "model:ir.model.fields,field_description:account.field_account_move__delivery_date",
            # the invoice e-mail a customer receives
            "model:mail.template,subject:account.email_template_edi_invoice",
            "model:mail.template,body_html:account.email_template_edi_invoice",
        ],
        "exclude": [],
    },
    "stock": {
        "include": [
            "model:ir.ui.menu,name:stock.menu_stock_root",
            "model:ir.ui.menu,name:stock.menu_stock_transfers",
            "model:ir.ui.menu,name:stock.menu_delivery",
            "model:ir.ui.menu,name:stock.all_picking",
            "model:ir.actions.act_window,name:stock.action_picking_tree_all",
            "model:ir.actions.act_window,name:stock.action_picking_tree_outgoing",
            "model:ir.model.fields.selection,name:stock.selection__stock_picking__state__*",
            "model:ir.model.fields.selection,name:stock.selection__stock_picking__priority__*",
            *_views("stock", "view_picking_form", "vpicktree", "view_picking_internal_search"),
            # the delivery slip a customer receives
            *_views("stock", "report_delivery_document", "stock_report_delivery_*"),
            # the delivery's moves as cards on a phone
            *_views("stock", "view_move_kandan"),
            # customer form: inventory section and the lots smart button
            *_views("stock", "view_partner_stock_form", "view_partner_stock_warnings_form"),
            *[
                f"model:ir.model.fields,field_description:stock.field_stock_picking__{f}"
                for f in (
                    "name",
                    "partner_id",
                    "scheduled_date",
                    "date_deadline",
                    "date_done",
                    "origin",
                    "state",
                    "picking_type_id",
                    "location_id",
                    "location_dest_id",
                    "move_ids",
                    "user_id",
                    "priority",
                    # the delivery form's "Product Availability" (a label of sale_stock's view)
                    "products_availability",
                    "backorder_id",
                    "company_id",
                )
            ],
            *[
                f"model:ir.model.fields,field_description:stock.field_stock_move__{f}"
                for f in ("product_id", "product_uom_qty", "quantity", "product_uom", "state")
            ],
        ],
        "exclude": [],
    },
    "base": {
        "include": [
            "model:ir.ui.menu,name:base.menu_administration",
            "model:ir.ui.menu,name:base.menu_management",
            "model:ir.actions.act_window,name:base.action_partner_form",
            # an app offered in the Sales settings (its module's name)
            "model:ir.module.module,shortdesc:base.module_website_sale_stock",
            "model:ir.actions.act_window,name:base.action_partner_customer_form",
            # view switcher tooltips: ir.ui.view.get_view_info() reads these labels
            "model:ir.model.fields.selection,name:base.selection__ir_ui_view__type__*",
            "model:ir.model.fields.selection,name:base.selection__res_partner__company_type__*",
            "model:ir.model.fields.selection,name:base.selection__res_partner__type__*",
            # the customer form itself (address, tabs, placeholders)
            *_views("base", "view_partner_form"),
            # country names in addresses (documents, portal, customer form)
            "model:res.country,name:*",
            # the customers list (CRM > Борлуулалт > Захиалагчид)
            *_views("base", "view_partner_tree"),
            *[
                f"model:ir.model.fields,field_description:base.field_res_partner__{f}"
                for f in (
                    "name",
                    "email",
                    "phone",
                    "mobile",
                    "vat",
                    "street",
                    "street2",
                    "city",
                    "zip",
                    "state_id",
                    "country_id",
                    "website",
                    "function",
                    "title",
                    "category_id",
                    "company_type",
                    "is_company",
                    "parent_id",
                    "child_ids",
                    "lang",
                    "tz",
                    "user_id",
                    "ref",
                    "comment",
                    "company_id",
                    "type",
                    "company_name",
                    "industry_id",
                    "active",
                    "complete_name",
                    "bank_ids",
                )
            ],
        ],
        "exclude": [],
    },
    "mail": {
        "include": [
            "model:ir.ui.menu,name:mail.menu_root_discuss",
            "model:ir.ui.menu,name:mail.main_menu_discuss",
            # the customers list's activity column
            "model:ir.model.fields,field_description:mail.field_res_partner__activity_ids",
            # the Discuss app's menus: the app a new user lands on
            "model:ir.ui.menu,name:mail.menu_channel",
            "model:ir.ui.menu,name:mail.menu_configuration",
            "model:ir.model.fields.selection,name:mail.selection__ir_ui_view__type__*",
            "model:ir.model.fields.selection,name:mail.selection__ir_actions_act_window_view__*",
            *_views("mail", "res_partner_view_form_inherit_mail"),
            # the composer a quotation or an invoice is sent with ("Илгээх" on the form)
            *_views("mail", "email_compose_message_wizard_form"),
        ],
        "exclude": [],
    },
    "calendar": {
        "include": [
            "model:ir.ui.menu,name:calendar.mail_menu_calendar",
            "model:ir.model.fields.selection,name:calendar.selection__ir_ui_view__type__*",
            "model:ir.model.fields.selection,name:calendar.selection__ir_actions_act_window_view__*",
            # the customer form's Meetings smart button
            *_views("calendar", "view_partners_form"),
            # the Calendar app of the settings' sidebar
            *_views("calendar", "res_config_settings_view_form"),
        ],
        "exclude": [],
    },
    "auth_signup": {
        "include": [
            "model:ir.model.fields,field_description:auth_signup.field_res_config_settings__*",
            "model:ir.model.fields.selection,name:auth_signup.selection__res_config_settings__*",
        ],
        "exclude": [],
    },
    "sale_pdf_quote_builder": {
        "include": [
            "model:ir.ui.menu,*",
            "model:ir.actions.act_window,name:*",
            "model_terms:ir.ui.view,arch_db:sale_pdf_quote_builder.res_config_settings_view_form",
            # the quotation form's "Quote Builder" tab
            *_views("sale_pdf_quote_builder", "sale_order_form_inherit_sale_pdf_quote_builder"),
            *_fields("sale_pdf_quote_builder", "sale_order", "res_config_settings"),
        ],
        "exclude": [],
    },
    # the apps of the settings' sidebar next to CRM and Sales
    "base_setup": {
        "include": ["model_terms:ir.ui.view,arch_db:base_setup.res_config_settings_view_form"],
        "exclude": [],
    },
    "crm_iap_enrich": {
        "include": ["model_terms:ir.ui.view,arch_db:crm_iap_enrich.crm_lead_view_form"],
        "exclude": [],
    },
    "crm_iap_mine": {
        "include": [
            "model_terms:ir.ui.view,arch_db:crm_iap_mine.crm_lead_view_*",
            "model_terms:ir.ui.view,arch_db:crm_iap_mine.view_crm_lead_kanban",
            "model_terms:ir.ui.view,arch_db:crm_iap_mine.crm_case_kanban_view_leads",
        ],
        "exclude": [],
    },
    # the customer form's smart buttons and warnings of payment, sms and e-invoicing
    # and the payment form of the invoice's portal page
    "payment": {
        "include": _views(
            "payment",
            "view_partners_form_payment_defaultcreditcard",
            "form",
            "method_form",
            "token_form",
            "no_pms_available_warning",
            "company_mismatch_warning",
            "state_header",
            "portal_breadcrumb",
            # shown to an administrator previewing the portal when no provider is enabled
            "availability_report",
            "availability_report_records",
        ),
        "exclude": [],
    },
    # the invoice's portal page: pay button, payment dialog, paid and error notices
    "account_payment": {
        "include": [
            *_views("account_payment", "portal_invoice_*", "portal_my_invoices_payment"),
            # the posted invoice's actions menu (gear)
            "model:ir.actions.act_window,name:account_payment.action_invoice_order_generate_link",
        ],
        "exclude": [],
    },
    "sms": {"include": _views("sms", "res_partner_view_form"), "exclude": []},
    "account_edi_ubl_cii": {
        "include": _views("account_edi_ubl_cii", "view_partner_property_form"),
        "exclude": [],
    },
    # the customer portal around the quotation page: layout, breadcrumbs, sidebar, contact
    "portal": {
        "include": _views(
            "portal",
            "frontend_layout",
            "portal_layout",
            "portal_breadcrumbs",
            "portal_back_in_edit_mode",
            "portal_record_sidebar",
            "portal_contact",
            "portal_my_contact",
            "record_pager",
            "side_content",
            "user_dropdown",
            "my_account_link",
            "portal_my_home",
            # the customer who opens the e-mail's link is not signed in
            "user_sign_in",
        ),
        "exclude": [],
    },
    # the frame of every printed document: header, address blocks, footer
    # and the footer of the portal pages
    "web": {
        "include": _views(
            "web",
            "external_layout_*",
            "address_layout",
            "frontend_layout",
            "brand_promotion_message",
        ),
        "exclude": [],
    },
    # units of measure printed on the order lines of the documents ("Units")
    "uom": {"include": ["model:uom.uom,name:*"], "exclude": []},
    "contacts": {"include": ["model:ir.ui.menu,name:contacts.menu_contacts"], "exclude": []},
    "utm": {"include": ["model:ir.ui.menu,name:utm.menu_link_tracker_root"], "exclude": []},
    "spreadsheet_dashboard": {
        "include": ["model:ir.ui.menu,name:spreadsheet_dashboard.spreadsheet_dashboard_menu_root"],
        "exclude": [],
    },
}

# Code terms (Python ``_()``/``env._()``, JS ``_t``) supplied per core module. Only the
# entries with an msgstr in the overrides/upstream end up in the code pack.
CODE_SCOPE = (
    "web",
    "crm",
    "sale",
    "sales_team",
    "sale_crm",
    "sale_management",
    "mail",
    "html_editor",
    "iap",
    "base",
    "product",
    "account",
    "stock",
    "sale_stock",
    "payment",
)


def odoo_path():
    return Path(os.environ.get("ODOO_PATH") or "/opt/odoo")


def pot_path(module):
    root = odoo_path()
    if module == "base":
        return root / "odoo" / "addons" / "base" / "i18n" / "base.pot"
    return root / "addons" / module / "i18n" / f"{module}.pot"


def ref_in_scope(module, ref):
    spec = SCOPE.get(module)
    if not spec or ref.startswith("code:"):
        return False
    if not any(fnmatch.fnmatchcase(ref, p) for p in spec["include"]):
        return False
    return not any(fnmatch.fnmatchcase(ref, p) for p in spec["exclude"])


def entry_refs(entry):
    """The entry's ``#:`` references exactly as written in the .pot."""
    return [f"{path}:{line}" if line else path for path, line in entry.occurrences]


def scoped_refs(module, entry):
    return [r for r in entry_refs(entry) if ref_in_scope(module, r)]


def code_refs(entry):
    return [r for r in entry_refs(entry) if r.startswith("code:")]
