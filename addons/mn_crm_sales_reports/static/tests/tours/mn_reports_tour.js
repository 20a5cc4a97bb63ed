import {
    mnCheckWidth,
    mnOpenApp,
    mnOpenMenu,
    mnOpenSidebar,
} from "@mn_crm_sales/../tests/tours/mn_phone_steps";
import {registry} from "@web/core/registry";

// A Mongolian sales manager opens every report of the suite and switches it to its graph;
// on win/loss and sales analysis a shared favourite of the suite's dimensions is applied.
// The same tour runs at phone size with touch (tests/test_reports_tour.py,
// TestReportsTourPhone): menus come from the navbar's sidebar, the view switcher and the
// search bar are behind their own buttons, and every report is checked against the phone's
// width (mnCheckWidth).
function openReport(appXmlid, reportingXmlid, menuXmlid, label) {
    return [
        ...mnOpenApp(appXmlid, `open the app of ${label}`),
        ...mnOpenMenu(reportingXmlid, menuXmlid, `open ${label}`),
        {
            isActive: ["desktop"],
            content: `${label} opens as a pivot table`,
            trigger: ".o_pivot_view .o_pivot table",
        },
        {
            isActive: ["desktop"],
            content: "switch to the graph view",
            trigger: "button.o_switch_view.o_graph",
            run: "click",
        },
        // A phone opens the report's graph (the action's mobile_view_mode): its pivot is
        // wider than a phone
        {
            content: `${label} draws its graph`,
            trigger: ".o_graph_view .o_graph_renderer canvas",
        },
        mnCheckWidth(`${label} (graph)`, ".o_graph_view .o_graph_renderer canvas"),
    ];
}

// Apply a favourite shared on the report's action (more than four: behind "More...").
function applySharedFavourite(name) {
    return [
        {
            isActive: ["mobile"],
            content: "phone: show the search bar",
            trigger: ".o_control_panel",
            async run(helpers) {
                if (
                    !document.querySelector(
                        ".o_control_panel_actions .o_searchview_dropdown_toggler"
                    )
                ) {
                    await helpers.click(".o_control_panel button:has(.fa-search)");
                }
            },
        },
        {
            content: "open the search options",
            trigger: ".o_control_panel_actions .o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "show every shared favourite",
            trigger: ".o_favorite_menu .o_expand_shared_favorites",
            run: "click",
        },
        {
            content: `apply the favourite ${name}`,
            trigger: `.o_favorite_menu .o_favorite_item span:contains("${name}")`,
            run: "click",
        },
        {
            content: "close the search options",
            trigger: ".o_control_panel_actions .o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: `the favourite ${name} is the current search`,
            trigger: `.o_searchview_facet:contains("${name}")`,
        },
        {
            content: "the graph is drawn again",
            trigger: ".o_graph_view .o_graph_renderer canvas",
        },
    ];
}

registry.category("web_tour.tours").add("mn_crm_sales_reports_tour", {
    url: "/odoo",
    steps: () => [
        ...mnOpenApp("crm.crm_menu_root", "the web client is in Mongolian: open CRM"),
        {
            isActive: ["desktop"],
            content: "CRM's Reporting menu is called Тайлагнах",
            trigger:
                ".o_main_navbar .dropdown-toggle[data-menu-xmlid='crm.crm_menu_report']:contains('Тайлагнах')",
        },
        mnOpenSidebar,
        {
            isActive: ["mobile"],
            content: "phone: CRM's Reporting menu is called Тайлагнах",
            trigger:
                ".o_app_menu_sidebar [data-menu-xmlid='crm.crm_menu_report']:contains('Тайлагнах')",
        },
        {
            isActive: ["mobile"],
            content: "phone: close the sidebar",
            trigger: ".o_app_menu_sidebar .o_sidebar_close",
            run: "click",
        },
        ...openReport(
            "crm.crm_menu_root",
            "crm.crm_menu_report",
            "mn_crm_sales_reports.menu_mn_crm_winloss",
            "Win/Loss Analysis"
        ),
        ...applySharedFavourite("Lost Deals by Reason Category"),
        ...openReport(
            "crm.crm_menu_root",
            "crm.crm_menu_report",
            "mn_crm_sales_reports.menu_mn_crm_funnel",
            "Conversion Funnel"
        ),
        ...openReport(
            "crm.crm_menu_root",
            "crm.crm_menu_report",
            "mn_crm_sales_reports.menu_mn_crm_forecast",
            "Pipeline Forecast"
        ),
        ...openReport(
            "sale.sale_menu_root",
            "sale.menu_sale_report",
            "mn_crm_sales_reports.menu_mn_sale_analysis",
            "Discounts and Margins"
        ),
        ...applySharedFavourite("Discounts by Tier"),
        ...mnOpenApp("sale.sale_menu_root", "open Борлуулалт (Sales)"),
        ...mnOpenMenu(
            "sale.menu_sale_report",
            "mn_crm_sales_reports.menu_mn_sales_summary",
            "open the monthly sales summary wizard"
        ),
        {
            content: "the wizard asks for a team and a month",
            trigger: ".modal .o_field_widget[name=team_id]",
        },
        mnCheckWidth("monthly sales summary wizard", ".modal .o_field_widget[name=team_id]"),
        {
            content: "close it",
            trigger: ".modal .modal-footer button.btn-secondary",
            run: "click",
        },
        {
            content: "the wizard is closed",
            trigger: "body:not(:has(.modal))",
        },
    ],
});
