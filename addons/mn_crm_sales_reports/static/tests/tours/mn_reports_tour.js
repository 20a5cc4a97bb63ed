import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

// A Mongolian sales manager opens every report of the suite and switches it to its graph;
// on win/loss and sales analysis a shared favourite of the suite's dimensions is applied.
function openReport(appXmlid, reportingXmlid, menuXmlid, label) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: `open the app of ${label}`,
            trigger: `.o_app[data-menu-xmlid='${appXmlid}']`,
            run: "click",
        },
        {
            content: "open Тайлагнах (Reporting)",
            trigger: `.o_main_navbar .dropdown-toggle[data-menu-xmlid='${reportingXmlid}']`,
            run: "click",
        },
        {
            content: `open ${label}`,
            trigger: `.dropdown-item[data-menu-xmlid='${menuXmlid}']`,
            run: "click",
        },
        {
            content: `${label} opens as a pivot table`,
            trigger: ".o_pivot_view .o_pivot table",
        },
        {
            content: "switch to the graph view",
            trigger: "button.o_switch_view.o_graph",
            run: "click",
        },
        {
            content: `${label} draws its graph`,
            trigger: ".o_graph_view .o_graph_renderer canvas",
        },
    ];
}

// Apply a favourite shared on the report's action (more than four: behind "More...").
function applySharedFavourite(name) {
    return [
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
        stepUtils.showAppsMenuItem(),
        {
            content: "the web client is in Mongolian: CRM shows Тайлагнах (Reporting)",
            trigger: ".o_app[data-menu-xmlid='crm.crm_menu_root']",
            run: "click",
        },
        {
            content: "CRM's Reporting menu is called Тайлагнах",
            trigger:
                ".o_main_navbar .dropdown-toggle[data-menu-xmlid='crm.crm_menu_report']:contains('Тайлагнах')",
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
        stepUtils.showAppsMenuItem(),
        {
            content: "open Борлуулалт (Sales)",
            trigger: ".o_app[data-menu-xmlid='sale.sale_menu_root']",
            run: "click",
        },
        {
            content: "open Тайлагнах (Reporting)",
            trigger: ".o_main_navbar .dropdown-toggle[data-menu-xmlid='sale.menu_sale_report']",
            run: "click",
        },
        {
            content: "open the monthly sales summary wizard",
            trigger: ".dropdown-item[data-menu-xmlid='mn_crm_sales_reports.menu_mn_sales_summary']",
            run: "click",
        },
        {
            content: "the wizard asks for a team and a month",
            trigger: ".modal .o_field_widget[name=team_id]",
        },
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
