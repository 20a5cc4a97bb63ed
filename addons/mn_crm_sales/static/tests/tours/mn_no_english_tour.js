import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

/**
 * A Mongolian user walks the seed's screens; every visible label, button, column header,
 * field label and menu must be Mongolian. A step fails listing the strings left in English.
 *
 * Latin text is allowed only where it is not interface language: product and partner
 * names are data (not scanned: only chrome is), codes and references (S00012,
 * WH/OUT/00005), numbers, currency codes and a few acronyms (CRM, ID, VAT, SMS, UTM, MRR).
 */
const SCANNED = [
    ".o_main_navbar",
    ".o_control_panel",
    ".o_list_renderer thead",
    ".o_form_view label",
    ".o_form_view .o_horizontal_separator",
    ".o_setting_container h2",
    ".o_settings_container h2",
    ".o_form_view .o_form_label",
    ".o_kanban_renderer .o_column_title",
    ".o_graph_renderer .o_graph_measures",
    "button",
].join(", ");
const IGNORED =
    ".o_user_menu, .o_switch_company_menu, .o_avatar, .o_debug_manager, .o_tour_pointer";
const ALLOWED_WORDS = new Set([
    "CRM",
    "ID",
    "VAT",
    "SMS",
    "UTM",
    "MRR",
    "PDF",
    "CSV",
    "URL",
    "API",
    "MNT",
    "USD",
    "EUR",
    "Odoo",
    "VOIP",
    "IAP",
    "ZIP",
    "TIN",
    // Product and service names of connectors offered in the settings
    "Ringover",
    "Stripe",
    "FedEx",
    "bpost",
    "Easypost",
    "Sendcloud",
    "Shiprocket",
    "Starshipit",
    "Envia.com",
    "Amazon",
    "Gelato",
    "Shopee",
    "Google",
    "Microsoft",
    "Outlook",
    "Gmail",
]);

function isVisible(el) {
    return (
        Boolean(el) &&
        el.getClientRects().length > 0 &&
        getComputedStyle(el).visibility !== "hidden"
    );
}

function englishWords(text) {
    return (text.match(/[A-Za-z][A-Za-z'’.-]*/g) || []).filter((word) => {
        const bare = word.replace(/[.'’-]+$/, "");
        if (bare.length < 2 || ALLOWED_WORDS.has(bare)) {
            return false;
        }
        // Codes: upper case letters with digits or separators (S00012, WH/OUT/00005)
        return !/^[A-Z0-9/_-]+$/.test(bare);
    });
}

export function collectEnglish(root = document) {
    const found = new Set();
    for (const el of root.querySelectorAll(SCANNED)) {
        if (el.closest(IGNORED) || !isVisible(el)) {
            continue;
        }
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.nodeValue.replace(/\s+/g, " ").trim();
            const parent = node.parentElement;
            if (!text || !parent || parent.closest(IGNORED) || !isVisible(parent)) {
                continue;
            }
            if (parent.closest(".o_data_row, .o_kanban_record, .o_field_widget:not(label)")) {
                continue; // Record data, not interface text
            }
            if (englishWords(text).length) {
                found.add(text);
            }
        }
        const title = el.getAttribute("data-tooltip") || "";
        if (el.matches("button") && !el.textContent.trim() && englishWords(title).length) {
            found.add(`[tooltip] ${title}`);
        }
    }
    return [...found];
}

const leftInEnglish = {};

// Scans one screen; the tour's last step fails listing every screen's English strings, so
// one run reports all that is left to translate.
function noEnglish(screen, trigger) {
    return {
        content: `no English on ${screen}`,
        trigger,
        run() {
            const english = collectEnglish();
            if (english.length) {
                leftInEnglish[screen] = english;
                console.log(`English left on ${screen}: ${JSON.stringify(english)}`);
            }
        },
    };
}

function reportEnglish() {
    return {
        content: "every screen scanned: no English left",
        trigger: "body",
        run() {
            if (Object.keys(leftInEnglish).length) {
                throw new Error(`English left: ${JSON.stringify(leftInEnglish)}`);
            }
        },
    };
}

function openMenu(section, item, loaded) {
    return [
        {
            content: `open menu ${section}`,
            trigger: `.o_menu_sections [data-menu-xmlid='${section}']`,
            run: "click",
        },
        {
            content: `open ${item}`,
            trigger: `.dropdown-item[data-menu-xmlid='${item}']`,
            run: "click",
        },
        {content: `${item} loaded`, trigger: loaded},
    ];
}

const LIST = ".o_action_manager .o_list_view .o_list_renderer thead";

// What the new-customer form showed in English before the pack covered it: labels, tabs,
// placeholders, smart buttons, the x2many "Add ..." button and the chatter's notice.
const CUSTOMER_FORM_ENGLISH = [
    "Address",
    "Street...",
    "Street 2...",
    "City",
    "State",
    "ZIP",
    "Country",
    "Website",
    "Contacts",
    "Sales & Purchase",
    "Notes",
    "Meetings",
    "Lots/Serial Numbers",
    "Add",
    "e.g. Lumber Inc",
    "e.g. https://www.odoo.com",
    "not applicable",
    "Creating a new record",
    "Tax ID",
];
const REGISTER_NUMBER = "Регистрийн дугаар";

function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Visible interface text of the form (text nodes and placeholders), not field values. */
function formInterfaceTexts(form) {
    const texts = [];
    const walker = document.createTreeWalker(form, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        const text = node.nodeValue.replace(/\s+/g, " ").trim();
        if (!text || !isVisible(parent) || parent.closest(IGNORED)) {
            continue;
        }
        if (parent.closest("input, textarea, .o_kanban_record .o_kanban_record_title")) {
            continue;
        }
        texts.push(text);
    }
    for (const el of form.querySelectorAll("[placeholder]")) {
        if (isVisible(el) && el.getAttribute("placeholder").trim()) {
            texts.push(el.getAttribute("placeholder").trim());
        }
    }
    return texts;
}

function customerFormIsMongolian() {
    return {
        content: "new customer form: no English left, one field named Регистрийн дугаар",
        trigger: ".o_form_view .o_field_widget[name=vat] input",
        run() {
            const form = document.querySelector(".o_action_manager .o_form_view");
            const chatter = document.querySelector(".o-mail-Form-chatter, .o-mail-Chatter");
            const texts = [
                ...formInterfaceTexts(form),
                ...(chatter ? formInterfaceTexts(chatter) : []),
            ];
            const english = CUSTOMER_FORM_ENGLISH.filter((word) => {
                const pattern = new RegExp(`(^|[^A-Za-z])${escapeRegExp(word)}($|[^A-Za-z])`);
                return texts.some((text) => pattern.test(text));
            });
            // A label's own words, without the help tooltip's "?" (sup)
            const labelText = (el) =>
                [...el.childNodes]
                    .filter((node) => node.nodeName !== "SUP")
                    .map((node) => node.textContent)
                    .join("")
                    .replace(/\s+/g, " ")
                    .trim();
            const labels = [...form.querySelectorAll("label, .o_form_label")].filter(
                (el) => isVisible(el) && labelText(el) === REGISTER_NUMBER
            );
            const errors = [];
            if (english.length) {
                errors.push(`English on the new customer form: ${JSON.stringify(english)}`);
            }
            if (labels.length !== 1) {
                errors.push(`${labels.length} visible labels read ${REGISTER_NUMBER} (expected 1)`);
            }
            if (errors.length) {
                throw new Error(`${errors.join("; ")} — texts: ${JSON.stringify(texts)}`);
            }
        },
    };
}

registry.category("web_tour.tours").add("mn_crm_sales_no_english", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {content: "open CRM", trigger: ".o_app[data-menu-xmlid='crm.crm_menu_root']", run: "click"},
        {content: "pipeline loaded", trigger: ".o_action_manager .o_kanban_view"},
        noEnglish("CRM > Суваг", ".o_control_panel .o_breadcrumb"),
        ...openMenu(
            "crm.crm_menu_sales",
            "crm.res_partner_menu_customer",
            ".o_breadcrumb:contains('Захиалагчид')"
        ),
        noEnglish("CRM > Борлуулалт > Захиалагчид", ".o_action_manager .o_view_controller"),
        {
            content: "open Сэжим",
            trigger: ".o_menu_sections [data-menu-xmlid='crm.crm_menu_leads']",
            run: "click",
        },
        {content: "leads loaded", trigger: `.o_breadcrumb:contains('Сэжим')`},
        noEnglish("CRM > Сэжим", LIST),
        ...openMenu(
            "crm.crm_menu_config",
            "crm.menu_crm_lost_reason",
            ".o_breadcrumb:contains('Амжилтгүй болсон шалтгаанууд')"
        ),
        noEnglish("CRM > Тохиргоо > Амжилтгүй болсон шалтгаанууд", LIST),
        ...openMenu(
            "crm.crm_menu_config",
            "crm.crm_team_config",
            ".o_breadcrumb:contains('Борлуулалтын багууд')"
        ),
        noEnglish("CRM > Тохиргоо > Борлуулалтын багууд", ".o_action_manager .o_view_controller"),
        stepUtils.showAppsMenuItem(),
        {
            content: "open Sales",
            trigger: ".o_app[data-menu-xmlid='sale.sale_menu_root']",
            run: "click",
        },
        ...openMenu(
            "sale.sale_order_menu",
            "sale.menu_sale_quotations",
            ".o_breadcrumb:contains('Үнийн санал')"
        ),
        noEnglish("Борлуулалт > Захиалга > Үнийн санал", ".o_action_manager .o_view_controller"),
        ...openMenu(
            "sale.menu_sale_config",
            "sale.menu_sale_general_settings",
            ".o_form_view h2:contains('Үнэ тооцоолол')"
        ),
        noEnglish("Борлуулалт > Тохиргоо > Тохиргоо", ".o_form_view h2:contains('Үнэ тооцоолол')"),
        ...openMenu(
            "sale.menu_sale_report",
            "sale.menu_reporting_sales",
            ".o_breadcrumb:contains('Борлуулалт')"
        ),
        noEnglish("Борлуулалт > Тайлагнах > Борлуулалт", ".o_action_manager .o_view_controller"),
        // The new-customer form last: it stays unsaved (a required name is empty)
        stepUtils.showAppsMenuItem(),
        {
            content: "back to CRM",
            trigger: ".o_app[data-menu-xmlid='crm.crm_menu_root']",
            run: "click",
        },
        {content: "pipeline again", trigger: ".o_action_manager .o_kanban_view"},
        ...openMenu(
            "crm.crm_menu_sales",
            "crm.res_partner_menu_customer",
            ".o_breadcrumb:contains('Захиалагчид')"
        ),
        {
            content: "new customer",
            trigger: ".o_control_panel_main_buttons button.btn-primary:contains('Шинэ')",
            run: "click",
        },
        {
            content: "company mode",
            trigger: ".o_form_view .o_field_widget[name=company_type] input[data-value='company']",
            run: "click",
        },
        {
            content: "company form shown",
            trigger: ".o_form_view .o_address_type span:contains('Хаяг')",
        },
        noEnglish(
            "CRM > Борлуулалт > Захиалагчид > Шинэ",
            ".o_form_view .o_field_widget[name=vat]"
        ),
        customerFormIsMongolian(),
        {
            content: "leave the new customer unsaved",
            trigger: ".o_form_view",
            run() {
                document.querySelector(".o_form_button_cancel")?.click();
            },
        },
        reportEnglish(),
    ],
});
