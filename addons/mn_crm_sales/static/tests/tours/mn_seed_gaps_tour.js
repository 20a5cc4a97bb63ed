import {
    mnCheckWidth,
    mnOpenApp,
    mnOpenMenu,
    mnStatusButton,
} from "@mn_crm_sales/../tests/tours/mn_phone_steps";
import {registry} from "@web/core/registry";

// The seed's flows the other tours do not walk (tests/test_tour_seed_gaps.py runs them in
// turn, at desktop and at phone size with touch, each with the login of the user who does
// it; the test opens each tour on its record, the reports tour from the home page):
//
// - mn_seed_gaps_restore (salesperson): a lost opportunity comes back, with the reason the
//   suite asks for (restore log on);
// - mn_seed_gaps_send (salesperson): the quotation is sent by e-mail from its form; the
//   composer opens with the suite's Mongolian template;
// - mn_seed_gaps_invoice (salesperson): the delivered order is invoiced from the
//   opportunity's own button, the invoice is posted, its print menu offers the invoice PDF,
//   and the opportunity's smart button counts it;
// - mn_seed_gaps_reject (team leader): the leader rejects the discounts, with a reason;
// - mn_seed_gaps_reports (team leader): Борлуулалт > Тайлагнах > Борлуулалт as a pivot
//   grouped by team and month, filtered, and CRM > Тайлагнах > Суваг (pipeline analysis).
//
// Controls are found by name; their Mongolian labels are checked with :contains() on the
// same elements, so a step fails when the control is missing and when it is in English.

// Created by the test's setup
const CUSTOMER = "Хөвсгөл Оффис ХХК";
const TEAM = "Хойд бүсийн баг";
const PRODUCT = "Хурлын ширээ";
const RESTORE_REASON = "Харилцагч дахин төсөв баталсан.";
const REJECT_REASON = "12 хувийн хөнгөлөлт багийн хязгаараас хэтэрсэн.";

const MN = {
    restore: "Сэргээх",
    restoreTitle: "Амжилтгүй болсон боломжийг сэргээх",
    lost: "Амжилтгүй",
    send: "Илгээх",
    quotationSent: "Үнийн санал илгээсэн",
    subject: "Үнийн санал",
    amountInWords: "Дүн үсгээр",
    createInvoice: "Нэхэмжлэл үүсгэх",
    confirm: "Батлах",
    posted: "Бүртгэгдсэн",
    print: "Хэвлэх",
    invoices: "Нэхэмжлэлүүд",
    reject: "Татгалзах",
    rejectTitle: "Хөнгөлөлтийг татгалзах",
    rejected: "Татгалзсан",
    requested: "Хүсэлт илгээсэн",
    reporting: "Тайлагнах",
    sales: "Борлуулалт",
    salesAnalysis: "Борлуулалтын шинжилгээ",
    salesOrders: "Борлуулалтын захиалгууд",
    team: "Борлуулалтын баг",
    orderDate: "Захиалгын огноо",
    month: "Сар",
    groupBy: "Бүлэглэх",
    pipeline: "Суваг",
    pipelineAnalysis: "Сувгийн шинжилгээ",
    total: "Нийт дүн",
    pivot: "Пивот",
};

const FORM = ".o_form_view";
const STATUSBAR = `${FORM} .o_statusbar_buttons`;
const noModal = "body:not(:has(.modal))";

function currentState(label, prefix = "") {
    return (
        `${prefix} ${FORM} .o_field_widget[name=state] .o_arrow_button_current:contains(${label}), ` +
        `${prefix} ${FORM} .o_field_widget[name=state] .o_statusbar_status > .dropdown-toggle:not(.o_first.o_last):contains(${label})`
    );
}

registry.category("web_tour.tours").add("mn_seed_gaps_restore", {
    steps: () => [
        {
            content: "the lost opportunity opens, with its ribbon",
            trigger: `.o_lead_opportunity_form .ribbon:contains(${MN.lost})`,
        },
        mnCheckWidth("lost opportunity form", ".o_lead_opportunity_form"),
        ...mnStatusButton(
            `button.o_mn_restore:contains(${MN.restore})`,
            "Сэргээх (Restore, asks why)",
            ".o_lead_opportunity_form"
        ),
        {
            content: "the dialog asks why, in Mongolian",
            trigger: `.modal:has(.modal-title:contains(${MN.restoreTitle})) .o_field_widget[name=reason] textarea`,
            run: `edit ${RESTORE_REASON}`,
        },
        mnCheckWidth("restore dialog", ".modal .o_field_widget[name=reason]"),
        {
            content: "Сэргээх (Restore)",
            trigger: `.modal .modal-footer button[name=action_restore_apply]:contains(${MN.restore})`,
            run: "click",
        },
        {
            content: "restored: no lost ribbon, the restore history shows the reason",
            trigger: `${noModal} .o_lead_opportunity_form:not(:has(.ribbon:contains(${MN.lost}))) .o_notebook_headers a[name=mn_restore_history]`,
            timeout: 20000,
        },
    ],
});

registry.category("web_tour.tours").add("mn_seed_gaps_send", {
    steps: () => [
        {
            content: "the quotation opens",
            trigger: `.o_sale_order .o_field_widget[name=partner_id] input:value(${CUSTOMER})`,
        },
        ...mnStatusButton(
            `button[name=action_quotation_send]:contains(${MN.send})`,
            "Илгээх (Send by e-mail)",
            ".o_sale_order"
        ),
        {
            content: "the composer opens with the Mongolian template's subject",
            trigger: `.modal .o_field_widget[name=subject] input:value(/^${MN.subject} /)`,
            timeout: 20000,
        },
        {
            content: "the body is the Mongolian template (amount in words)",
            trigger: `.modal .o_field_widget[name=body]:contains(${MN.amountInWords})`,
        },
        mnCheckWidth("e-mail composer", ".modal .o_field_widget[name=body]"),
        {
            content: "Илгээх (Send)",
            trigger: `.modal .modal-footer button.o_mail_send[name=action_send_mail]:not([disabled]):contains(${MN.send})`,
            run: "click",
        },
        {
            content: "the quotation is sent",
            trigger: currentState(MN.quotationSent, noModal),
            timeout: 20000,
        },
        {
            content: "the e-mail is in the chatter",
            trigger: `.o-mail-Chatter .o-mail-Message:contains(${MN.amountInWords})`,
        },
    ],
});

registry.category("web_tour.tours").add("mn_seed_gaps_invoice", {
    steps: () => [
        {
            content: "the opportunity opens",
            trigger: ".o_lead_opportunity_form .o_field_widget[name=partner_id]",
        },
        mnCheckWidth("opportunity form (to invoice)", ".o_lead_opportunity_form"),
        ...mnStatusButton(
            `button[name=action_mn_create_invoices]:contains(${MN.createInvoice})`,
            "Нэхэмжлэл үүсгэх (Create Invoice, from the opportunity)",
            ".o_lead_opportunity_form"
        ),
        {
            content: "the draft invoice opens",
            trigger:
                `${FORM} .o_field_widget[name=invoice_line_ids] .o_data_row:contains(${PRODUCT}), ` +
                `${FORM} .o_field_widget[name=invoice_line_ids] .o_kanban_record:contains(${PRODUCT})`,
            timeout: 30000,
        },
        ...mnStatusButton(
            `button[name=action_post]:contains(${MN.confirm})`,
            "Батлах (Confirm the invoice)"
        ),
        {
            content: "the invoice is posted",
            trigger: currentState(MN.posted),
            timeout: 30000,
        },
        mnCheckWidth("posted invoice form", `${FORM} .o_field_widget[name=invoice_line_ids]`),
        {
            isActive: ["mobile"],
            content: 'phone: open "More" when Print is not in the bar',
            trigger: STATUSBAR,
            async run(helpers) {
                if (!document.querySelector(`${STATUSBAR} button[name=action_print_pdf]`)) {
                    await helpers.click(`${STATUSBAR} button[title]:has(.oi-ellipsis-v)`);
                }
            },
        },
        {
            content: "Хэвлэх (Print) is offered on the posted invoice",
            trigger: `${STATUSBAR} button[name=action_print_pdf]:contains(${MN.print}), .o-dropdown--menu button[name=action_print_pdf]:contains(${MN.print})`,
        },
        {
            isActive: ["mobile"],
            content: "phone: close the status bar's More menu if it is open",
            trigger: STATUSBAR,
            async run(helpers) {
                if (document.querySelector(".o-dropdown--menu")) {
                    await helpers.press("Escape");
                }
            },
        },
        {
            content: "back to the opportunity",
            trigger:
                ".o_control_panel .breadcrumb-item.o_back_button, " +
                ".o_main_navbar button.o_back_button, .o_control_panel button.o_back_button",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "phone: open the smart buttons' More when Invoices is not shown",
            trigger: ".o_lead_opportunity_form .o-form-buttonbox",
            async run(helpers) {
                if (
                    !document.querySelector(
                        ".o_lead_opportunity_form .o-form-buttonbox button[name=action_mn_view_invoices]"
                    )
                ) {
                    await helpers.click(
                        ".o_lead_opportunity_form .o-form-buttonbox .o_button_more"
                    );
                }
            },
        },
        {
            content: "the opportunity's Нэхэмжлэлүүд (Invoices) smart button counts it",
            trigger: `button.oe_stat_button[name=action_mn_view_invoices]:contains(${MN.invoices}):contains(1)`,
        },
        {
            content: "nothing left to invoice",
            trigger: `.o_lead_opportunity_form ${".o_statusbar_buttons"}:not(:has(button[name=action_mn_create_invoices]))`,
        },
    ],
});

registry.category("web_tour.tours").add("mn_seed_gaps_reject", {
    steps: () => [
        {
            content: "the quotation opens, approval requested",
            trigger: `${FORM} .o_field_widget[name=mn_approval_state]:contains(${MN.requested})`,
        },
        ...mnStatusButton(
            `button.o_mn_reject:contains(${MN.reject})`,
            "Татгалзах (Reject the discounts)"
        ),
        {
            content: "the dialog asks why, in Mongolian",
            trigger: `.modal:has(.modal-title:contains(${MN.rejectTitle})) .o_field_widget[name=reason] textarea`,
            run: `edit ${REJECT_REASON}`,
        },
        mnCheckWidth("reject dialog", ".modal .o_field_widget[name=reason]"),
        {
            content: "Татгалзах (Reject)",
            trigger: `.modal .modal-footer button[name=action_reject]:contains(${MN.reject})`,
            run: "click",
        },
        {
            content: "rejected, and the reason is shown",
            trigger: `${noModal} ${FORM}:has(.o_field_widget[name=mn_approval_state]:contains(${MN.rejected})) .o_field_widget[name=mn_approval_reject_reason]:contains(${REJECT_REASON})`,
            timeout: 20000,
        },
        mnCheckWidth(
            "rejected quotation",
            `${FORM} .o_field_widget[name=mn_approval_reject_reason]`
        ),
        {
            content: "no reject button left",
            trigger: `${STATUSBAR}:not(:has(button:contains(${MN.reject})))`,
        },
    ],
});

/** Open the search panel's dropdown (filters, group by) of the current view. */
const openSearchDropdown = [
    {
        isActive: ["mobile"],
        content: "phone: show the search bar",
        trigger: ".o_control_panel",
        async run(helpers) {
            if (!document.querySelector(".o_control_panel .o_searchview_dropdown_toggler")) {
                await helpers.click(".o_control_panel button:has(.fa-search)");
            }
        },
    },
    {
        content: "open the filters and groupings",
        trigger: ".o_control_panel .o_searchview_dropdown_toggler",
        run: "click",
    },
];

/**
 * Switch the report to its pivot (the view switcher is a dropdown on a phone). A pivot is a
 * table as wide as its groups: on a phone Odoo lets it scroll sideways inside the view, so
 * the reports' screens are not held to the phone's width (mn_crm_sales_reports' tour checks
 * the graphs, which fit).
 */
const switchToPivot = [
    {
        isActive: ["desktop"],
        content: "pivot view",
        trigger: ".o_control_panel .o_switch_view.o_pivot",
        run: "click",
    },
    {
        isActive: ["mobile"],
        content: "phone: open the view switcher",
        trigger: ".o_control_panel div.o_cp_switch_buttons > button",
        run: "click",
    },
    {
        isActive: ["mobile"],
        content: "phone: pivot view",
        trigger: `.o-dropdown--menu.o_cp_switch_buttons .o-dropdown-item:contains(${MN.pivot})`,
        run: "click",
    },
    {
        content: "the pivot is shown",
        trigger: ".o_pivot_view .o_pivot table",
    },
];

registry.category("web_tour.tours").add("mn_seed_gaps_reports", {
    steps: () => [
        // Борлуулалт > Тайлагнах > Борлуулалт
        ...mnOpenApp("sale.sale_menu_root", "open Борлуулалт (Sales)"),
        {
            isActive: ["desktop"],
            content: "the Тайлагнах (Reporting) menu is in Mongolian",
            trigger: `.o_main_navbar [data-menu-xmlid='sale.menu_sale_report']:contains(${MN.reporting})`,
        },
        ...mnOpenMenu(
            "sale.menu_sale_report",
            "sale.menu_reporting_sales",
            "Тайлагнах > Борлуулалт (Sales analysis)"
        ),
        {
            content: "the sales analysis opens",
            trigger: `.o_control_panel:contains(${MN.salesAnalysis}), .o_main_navbar:contains(${MN.salesAnalysis})`,
        },
        ...switchToPivot,
        ...openSearchDropdown,
        {
            content: "filtered on sales orders",
            trigger: `.o_searchview_facet:contains(${MN.salesOrders})`,
        },
        {
            content: `${MN.groupBy}: ${MN.team}`,
            trigger: `.o_group_by_menu:contains(${MN.groupBy}) .o_menu_item:contains(${MN.team})`,
            run: "click",
        },
        {
            content: `${MN.groupBy}: ${MN.orderDate}, options`,
            trigger: `.o_group_by_menu .o_menu_item:contains(${MN.orderDate})`,
            run: "click",
        },
        {
            content: `${MN.orderDate}: ${MN.month}`,
            trigger: `.o_group_by_menu .o_item_option:contains(${MN.month})`,
            run: "click",
        },
        {
            content: "grouped by team, then month",
            trigger: `.o_control_panel .o_searchview_facet:contains(${MN.team}):contains(${MN.month})`,
        },
        {
            content: "the pivot's row headers show the team and the month",
            trigger: `.o_pivot table:has(.o_pivot_header_cell_opened:contains(${TEAM})) tbody th:contains(${new Date().getFullYear()})`,
        },

        // CRM > Тайлагнах > Суваг
        ...mnOpenApp("crm.crm_menu_root", "open CRM"),
        ...mnOpenMenu(
            "crm.crm_menu_report",
            "crm.crm_opportunity_report_menu",
            "Тайлагнах > Суваг (pipeline analysis)"
        ),
        {
            content: "the pipeline analysis opens",
            trigger: `.o_control_panel:contains(${MN.pipelineAnalysis}), .o_main_navbar:contains(${MN.pipelineAnalysis})`,
        },
        ...switchToPivot,
        ...openSearchDropdown,
        {
            content: `${MN.groupBy}: ${MN.team}`,
            trigger: `.o_group_by_menu .o_menu_item:contains(${MN.team})`,
            run: "click",
        },
        {
            content: "the pivot's row headers show the team",
            trigger: `.o_pivot table tbody th:contains(${TEAM})`,
        },
    ],
});
