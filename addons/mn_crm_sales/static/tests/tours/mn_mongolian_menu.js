import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

// A Mongolian user opens the web client and finds the seed's apps by their Mongolian names.
registry.category("web_tour.tours").add("mn_crm_sales_mongolian_menu", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "the Sales app is called Борлуулалт",
            trigger: ".o_app[data-menu-xmlid='sale.sale_menu_root']:contains('Борлуулалт')",
        },
        {
            content: "the Inventory app is called Агуулах",
            trigger: ".o_app[data-menu-xmlid='stock.menu_stock_root']:contains('Агуулах')",
        },
        {
            content: "open CRM",
            trigger: ".o_app[data-menu-xmlid='crm.crm_menu_root']",
            run: "click",
        },
        {
            content: "the CRM menu shows Борлуулалт (Sales)",
            trigger: ".o_main_navbar .o_menu_sections:contains('Борлуулалт')",
        },
        {
            content: "the CRM menu shows Тохиргоо (Configuration)",
            trigger: ".o_main_navbar .o_menu_sections:contains('Тохиргоо')",
        },
    ],
});
