import {mnStatusButton} from "@mn_crm_sales/../tests/tours/mn_phone_steps";
import {registry} from "@web/core/registry";

/**
 * A Mongolian team leader walks every screen of the seed's flows
 * (tests/test_language_no_english.py runs it at desktop size and at phone size with touch).
 * First the approval: the systray's activity menu leads to the salesperson's quotation,
 * whose "Зөвшөөрөх" (Approve) is the first button of the status bar, visible on a phone.
 * Then each screen is scanned: every visible text node of the web client (menus, control
 * panel, search options and facets, views, kanban cards, dialogs, dropdowns, the date
 * picker, the chatter's messages and activities), placeholders and the tooltips of
 * buttons without text, apart from the values of data fields (DATA). Each screen is logged
 * with its count of text nodes; the last step fails listing every screen's English.
 *
 * Latin text is allowed only where it is not interface language: codes and references
 * (S00012, WH/OUT/00005), numbers, currency codes and a few acronyms (CRM, ID, VAT...).
 */

// The test's records (tests/test_language_no_english.py)
const CUSTOMER = "Сэлэнгэ Мод ХХК";
const LEAD = "Сэлэнгэ Мод - агуулахын тавиур";
const OPPORTUNITY = "Сэлэнгэ Мод - оффисын тавилга";
const CONFIGURABLE = "Ширээний гэрэл";

// Mongolian month names (CLDR "mn", standalone and in dates)
const MONTHS = [
    "нэгдүгээр сар",
    "хоёрдугаар сар",
    "гуравдугаар сар",
    "дөрөвдүгээр сар",
    "тавдугаар сар",
    "зургаадугаар сар",
    "долоодугаар сар",
    "наймдугаар сар",
    "есдүгээр сар",
    "аравдугаар сар",
    "арван нэгдүгээр сар",
    "арван хоёрдугаар сар",
];
// The mn_MN date format (res.lang date_format %Y.%m.%d): 2026.12.06
const MN_DATE = /^\d{4}\.\d{2}\.\d{2}$/;

const IGNORED = ".o_debug_manager, .o_tour_pointer, .o_notification_manager";
// Values of data fields: names, descriptions, amounts, people, message bodies. Selection,
// state, stage and date widgets are not here: their words are interface terms.
const DATA = [
    ".o_field_char",
    ".o_field_text",
    ".o_field_html",
    ".o_field_many2one",
    ".o_field_many2one_avatar",
    ".o_field_many2one_avatar_user",
    ".o_field_many2many_tags",
    ".o_field_many2many_tags_avatar",
    ".o_field_many2one_avatar_user",
    ".o_field_email",
    ".o_field_phone",
    ".o_field_url",
    ".o_field_monetary",
    ".o_field_float",
    ".o_field_integer",
    ".o_field_image",
    ".o_field_product_label_section_and_note_cell",
    ".o_field_sol_product_many2one",
    ".o_field_section_and_note_text",
    "td.o_list_char",
    "td.o_list_text",
    "td.o_list_many2one",
    "td.o_many2many_tags_cell",
    "td.o_list_number",
    "td.o_product_label_section_and_note_cell",
    // Group values of a pivot (teams, people, products, months from the server)
    ".o_pivot_header_cell_closed",
    ".o_pivot_header_cell_opened",
    ".o_user_menu",
    ".o_switch_company_menu",
    ".o_avatar",
    ".o_m2o_avatar",
    ".o-mail-Message-author",
    ".o-mail-Message-body",
    ".o-mail-Message-textContent",
    ".o-mail-Activity-note",
    // A list's activity cell: the next activity's summary or type of the record
    "td.o_list_activity_cell",
    ".o-mail-Activity-info .text-break",
    ".o-mail-Activity-user",
    ".o-mail-Activity-details td:nth-child(2)",
    ".o-mail-Followers",
    ".o-mail-ActivityGroup [name=activityTitle]",
    // Names of conversations and people in Discuss, the messaging menu and chat windows
    ".o-mail-ChatWindow-threadName",
    ".o-mail-DiscussSidebarChannel-itemName",
    ".o-mail-NotificationItem-name",
    ".o-mail-NotificationItem-text",
    ".o_sale_product_configurator_dialog .o_sale_product_configurator_name",
    ".o_sale_product_configurator_dialog .o_sale_product_configurator_ptav",
].join(", ");

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
    "OdooBot",
    // File formats
    "xlsx",
    "XLSX",
]);

function isVisible(el) {
    return (
        Boolean(el) &&
        el.getClientRects().length > 0 &&
        getComputedStyle(el).visibility !== "hidden"
    );
}

function englishWords(text) {
    // Web and e-mail addresses are not words (placeholder "ж.нь. https://www.odoo.com")
    const words = text
        .replace(/\b(https?:\/\/)?[\w.-]+\.(com|mn|org|net)\b\S*/g, "")
        .replace(/\S+@\S+/g, "");
    return (words.match(/[A-Za-z][A-Za-z'’.-]*/g) || []).filter((word) => {
        const bare = word.replace(/[.'’-]+$/, "");
        if (bare.length < 2 || ALLOWED_WORDS.has(bare)) {
            return false;
        }
        // Codes: upper case letters with digits or separators (S00012, WH/OUT/00005)
        return !/^[A-Z0-9/_-]+$/.test(bare);
    });
}

/** Where a text is: the nearest element with an Odoo class, to tell what to translate. */
function where(el) {
    const owner = el.closest("[class*='o_'], [class*='o-']");
    if (!owner) {
        return el.tagName.toLowerCase();
    }
    const name = owner.getAttribute("name");
    const classes = [...owner.classList].filter((c) => /^o[_-]/.test(c)).slice(0, 2);
    return `${classes.join(".")}${name ? `[name=${name}]` : ""}`;
}

/**
 * Whether ``el`` shows a data value: DATA, or the plain text of a view's own kanban card
 * (a card writes its record's values as text; its interface words are widgets: badges,
 * selections, stages). Cards of a form's lines (a phone's order lines, moves) are scanned.
 */
function isData(el) {
    if (el.closest(DATA)) {
        return true;
    }
    const card = el.closest(".o_kanban_record");
    return Boolean(card) && !card.closest(".o_field_x2many") && !el.closest(".o_field_widget");
}

/** Visible text nodes of ``root`` that are interface text, as [text, element]. */
function textNodes(root) {
    const texts = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.nodeValue.replace(/\s+/g, " ").trim();
        const parent = node.parentElement;
        const skipped =
            !text ||
            !parent ||
            parent.closest("script, style, template, textarea") ||
            parent.closest(IGNORED) ||
            isData(parent);
        if (!skipped && isVisible(parent)) {
            texts.push([text, parent]);
        }
    }
    return texts;
}

/** Placeholders, and the tooltips of buttons without text, as [text, element]. */
function attributeTexts(root) {
    const texts = [];
    for (const el of root.querySelectorAll("[placeholder]")) {
        const placeholder = el.getAttribute("placeholder").trim();
        if (placeholder && isVisible(el) && !el.closest(IGNORED)) {
            texts.push([placeholder, el]);
        }
    }
    for (const el of root.querySelectorAll("button[title], button[data-tooltip], a[title]")) {
        const tip = (el.getAttribute("data-tooltip") || el.getAttribute("title") || "").trim();
        const shown = isVisible(el) && !el.closest(IGNORED) && !isData(el);
        if (tip && !el.textContent.trim() && shown) {
            texts.push([tip, el]);
        }
    }
    return texts;
}

/**
 * Every interface text of the page as [text, element]: text nodes, placeholders and the
 * tooltips of buttons without text.
 */
export function interfaceTexts(root = document.body) {
    return [...textNodes(root), ...attributeTexts(root)];
}

/** The English interface texts of the page, each with where it is. */
export function collectEnglish(root = document.body) {
    const found = interfaceTexts(root)
        .filter(([text]) => englishWords(text).length)
        .map(([text, el]) => `${text} @${where(el)}`);
    return [...new Set(found)];
}

const leftInEnglish = {};
const scanned = {};

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Scans the page once ``trigger`` is there; the tour's last step fails listing every
// screen's English strings, so one run reports all that is left to translate.
function scan(screen, trigger) {
    return {
        content: `scan: ${screen}`,
        trigger,
        async run() {
            // Lazy parts of the screen (chatter, counters) settle
            await pause(150);
            const texts = interfaceTexts();
            const english = collectEnglish();
            scanned[screen] = texts.length;
            console.log(`mn_no_english scanned "${screen}": ${texts.length} text nodes`);
            if (english.length) {
                leftInEnglish[screen] = english;
                console.log(`English left on ${screen}: ${JSON.stringify(english)}`);
            }
        },
    };
}

function report() {
    return {
        content: "every screen scanned: no English left",
        trigger: "body",
        run() {
            const size = `${window.innerWidth}x${window.innerHeight}`;
            console.log(`mn_no_english ${size}: ${JSON.stringify(scanned)}`);
            const empty = Object.entries(scanned).filter(([, count]) => count < 5);
            if (empty.length) {
                throw new Error(`Screens scanned without text: ${JSON.stringify(empty)}`);
            }
            if (Object.keys(leftInEnglish).length) {
                throw new Error(`English left: ${JSON.stringify(leftInEnglish)}`);
            }
        },
    };
}

function services() {
    return odoo.__WOWL_DEBUG__.root.env.services;
}

/**
 * Open an action (an xml id), in ``viewType``, on the record of ``model`` found by
 * ``domain`` when one is given; ``loaded`` is the screen's selector once it is shown.
 */
function open(content, action, loaded, {viewType, model, domain} = {}) {
    return [
        {
            content: `open ${content}`,
            trigger: "body:not(:has(.modal))",
            async run() {
                const options = {clearBreadcrumbs: true};
                if (viewType) {
                    options.viewType = viewType;
                }
                if (model) {
                    const [resId] = await services().orm.search(model, domain, {limit: 1});
                    options.viewType = "form";
                    options.props = {resId};
                }
                await services().action.doAction(action, options);
            },
        },
        {content: `${content} shown`, trigger: loaded},
    ];
}

/** Phone: an action opens in kanban; switch to its list with the view switcher. */
function phoneListView() {
    return [
        {
            isActive: ["mobile"],
            content: "phone: open the view switcher",
            trigger: ".o_control_panel .o_cp_switch_buttons",
            run() {
                if (!document.querySelector(".o_action_manager .o_list_view")) {
                    document.querySelector(".o_cp_switch_buttons .dropdown-toggle").click();
                }
            },
        },
        {
            isActive: ["mobile"],
            content: "phone: show the list",
            // The switcher opens as a bottom sheet on a phone
            trigger:
                ".o_cp_switch_buttons .dropdown-item:has(.oi-view-list), .o_action_manager .o_list_view",
            run() {
                if (!document.querySelector(".o_action_manager .o_list_view")) {
                    document
                        .querySelector(".o_cp_switch_buttons .dropdown-item:has(.oi-view-list)")
                        .click();
                }
            },
        },
    ];
}

function closeDialog(content) {
    return [
        {
            content: `close ${content}`,
            trigger:
                ".modal .btn-close, .modal .o_form_button_cancel, .modal footer .btn-secondary",
            run() {
                document
                    .querySelector(
                        ".modal header .btn-close, .modal .modal-header .btn-close, .modal footer .btn-secondary"
                    )
                    .click();
            },
        },
        {content: `${content} closed`, trigger: "body:not(:has(.modal))"},
    ];
}

function discardForm() {
    return {
        content: "leave the form unchanged",
        trigger: ".o_form_view",
        run() {
            document.querySelector(".o_form_button_cancel")?.click();
        },
    };
}

/** The search options (filters, group by, favourites) of the control panel. */
function searchOptions(screen) {
    return [
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
            content: `${screen}: open the search options`,
            trigger: ".o_control_panel .o_searchview_dropdown_toggler",
            run: "click",
        },
        scan(`${screen}: search options`, ".o_search_bar_menu .o_filter_menu"),
        {
            content: `${screen}: close the search options`,
            trigger: ".o_search_bar_menu",
            run: "press Escape",
        },
        {content: "search options closed", trigger: "body:not(:has(.o_search_bar_menu))"},
    ];
}

function datePickerIsMongolian() {
    return {
        content: "the date picker shows a Mongolian month and weekdays",
        trigger: ".o_datetime_picker .o_datetime_picker_header .o_header_part",
        run() {
            const header = document
                .querySelector(".o_datetime_picker_header")
                .textContent.toLowerCase();
            if (!MONTHS.some((month) => header.includes(month))) {
                throw new Error(`The date picker's month is not Mongolian: "${header}"`);
            }
        },
    };
}

/** A date field shows its value in the mn_MN date format (2027.01.05). */
function dateFieldIsMnFormat(field) {
    const widget = `.o_form_view .o_field_widget[name=${field}]`;
    return {
        content: `${field} reads in the mn_MN date format`,
        trigger: `${widget} input, ${widget} button.o_input, ${widget} span`,
        run() {
            const value = (this.anchor.value || this.anchor.textContent).trim();
            if (!MN_DATE.test(value)) {
                throw new Error(`${field} reads "${value}", not YYYY.MM.DD`);
            }
        },
    };
}

const FORM = ".o_action_manager .o_form_view";
const LIST = ".o_action_manager .o_list_view .o_data_row";
const KANBAN = ".o_action_manager .o_kanban_view .o_kanban_record";
const MULTI = `${LIST}, ${KANBAN}`;

function approvalFromActivity() {
    return [
        {
            content: "open the activity menu of the systray",
            trigger: ".o_menu_systray button:has(.fa-clock-o)",
            run: "click",
        },
        scan(
            "systray: activities",
            ".o-mail-ActivityMenu .o-mail-ActivityGroup[data-model_name='sale.order']"
        ),
        {
            content: "the quotations waiting for the leader",
            trigger: ".o-mail-ActivityMenu .o-mail-ActivityGroup[data-model_name='sale.order']",
            run: "click",
        },
        scan(
            "quotations with my activities",
            `${LIST}:contains(${CUSTOMER}), ${KANBAN}:contains(${CUSTOMER})`
        ),
        {
            content: "open the quotation to approve",
            trigger: `.o_action_manager .o_data_row:contains(${CUSTOMER}) td[name=partner_id], .o_action_manager .o_kanban_record:contains(${CUSTOMER})`,
            run: "click",
        },
        {
            content: "the approval activity in the chatter: show its details",
            trigger: ".o-mail-Activity .fa-info-circle",
            run: "click",
        },
        dateFieldIsMnFormat("validity_date"),
        scan(
            "quotation to approve: form with lines, chatter with messages and activities",
            ".o-mail-Activity-details"
        ),
        {
            content: "Зөвшөөрөх is the first button of the status bar, shown on a phone too",
            trigger: `${FORM} .o_statusbar_buttons > button[name=action_mn_approve]:contains(Зөвшөөрөх):first-child`,
            run: "click",
        },
        {
            content: "the discount is approved",
            trigger: `${FORM} .o_field_widget[name=mn_approval_state]:contains(Зөвшөөрсөн)`,
        },
        {
            content: "open the date picker of the expiration date",
            trigger: `${FORM} .o_field_widget[name=validity_date] :is(input, button)`,
            run: "click",
        },
        datePickerIsMongolian(),
        scan("date picker", ".o_datetime_picker .o_date_item_cell"),
        {
            content: "close the date picker",
            trigger: ".o_datetime_picker",
            run: "press Escape",
        },
        {content: "date picker closed", trigger: "body:not(:has(.o_datetime_picker))"},
    ];
}

function crmScreens() {
    return [
        ...open(
            "the pipeline",
            "crm.crm_lead_action_pipeline",
            ".o_action_manager .o_kanban_view .o_column_title"
        ),
        scan("CRM pipeline: kanban", `.o_kanban_record:contains(${OPPORTUNITY})`),
        ...searchOptions("CRM pipeline"),
        ...open(
            "the pipeline as a list",
            "crm.crm_lead_action_pipeline",
            ".o_action_manager .o_view_controller",
            {viewType: "list"}
        ),
        ...phoneListView(),
        scan("CRM pipeline: list", LIST),
        ...open(
            "the opportunity",
            "crm.crm_lead_action_pipeline",
            `${FORM} .o_field_widget[name=stage_id]`,
            {
                model: "crm.lead",
                domain: [["name", "=", OPPORTUNITY]],
            }
        ),
        scan("opportunity form with chatter", `.o-mail-Activity, .o-mail-Message`),
        ...mnStatusButton("button[data-hotkey=l]", "Амжилтгүй (Lost)"),
        scan("lost dialog", ".modal .o_form_view"),
        ...closeDialog("the lost dialog"),
        ...open("the leads", "crm.crm_lead_all_leads", MULTI, {viewType: "list"}),
        ...phoneListView(),
        scan("leads: list", `${LIST}:contains(${LEAD})`),
        ...open("the lead", "crm.crm_lead_all_leads", `${FORM} .o_field_widget[name=name]`, {
            model: "crm.lead",
            domain: [["name", "=", LEAD]],
        }),
        scan("lead form", `${FORM} .o_statusbar_buttons`),
        ...mnStatusButton("button[data-hotkey=v]", "Боломж руу хөрвүүлэх (Convert)"),
        scan("convert dialog", ".modal .o_form_view"),
        ...closeDialog("the convert dialog"),
        ...open("the lost reasons", "crm.crm_lost_reason_action", MULTI),
        scan("lost reasons", MULTI),
        ...open("the sales teams", "sales_team.crm_team_action_config", MULTI),
        scan("sales teams", MULTI),
        ...open("the customers", "base.action_partner_form", MULTI),
        scan("customers", MULTI),
        ...open(
            "the CRM analysis",
            "crm.crm_opportunity_report_action",
            ".o_action_manager .o_graph_view"
        ),
        scan("CRM report: graph", ".o_graph_renderer canvas"),
        ...open("the CRM analysis as a pivot", "crm.crm_opportunity_report_action", ".o_pivot", {
            viewType: "pivot",
        }),
        scan("CRM report: pivot", ".o_pivot table"),
        ...open(
            "the CRM settings",
            "crm.crm_config_settings_action",
            ".o_setting_container, .o_settings_container"
        ),
        scan("CRM settings", ".o_form_view .o_setting_box, .o_form_view .o_setting_container"),
    ];
}

function saleScreens() {
    return [
        ...open("the quotations", "sale.action_quotations_with_onboarding", MULTI),
        scan("quotations: list", MULTI),
        ...searchOptions("quotations"),
        ...open("a new quotation", "sale.action_quotations_with_onboarding", FORM, {
            viewType: "form",
        }),
        scan("new quotation", `${FORM} .o_field_widget[name=partner_id]`),
        {
            isActive: ["desktop"],
            content: "add a line",
            trigger: `${FORM} div[name=order_line] .o_field_x2many_list_row_add a`,
            run: "click",
        },
        {
            isActive: ["desktop"],
            content: "pick the lamp with a colour",
            trigger: `${FORM} div[name=product_template_id] input`,
            run: `edit ${CONFIGURABLE}`,
        },
        {
            isActive: ["desktop"],
            content: "the lamp proposed",
            trigger: `.ui-autocomplete a:contains("${CONFIGURABLE}")`,
            run: "click",
        },
        {
            isActive: ["desktop"],
            ...scan(
                "product configurator with its price",
                ".o_sale_product_configurator_dialog td.o_sale_product_configurator_qty"
            ),
        },
        {
            isActive: ["desktop"],
            content: "close the configurator",
            trigger: ".o_sale_product_configurator_dialog",
            run() {
                document.querySelector(".modal header .btn-close").click();
            },
        },
        {isActive: ["desktop"], content: "configurator closed", trigger: "body:not(:has(.modal))"},
        discardForm(),
        ...open(
            "the delivery",
            "stock.action_picking_tree_all",
            `${FORM} .o_field_widget[name=move_ids]`,
            {
                model: "stock.picking",
                domain: [["partner_id.name", "=", CUSTOMER]],
            }
        ),
        scan("delivery form", `${FORM} .o_field_widget[name=move_ids]`),
        ...open(
            "the invoice",
            "account.action_move_out_invoice_type",
            `${FORM} .o_field_widget[name=invoice_line_ids]`,
            {
                model: "account.move",
                domain: [["partner_id.name", "=", CUSTOMER]],
            }
        ),
        dateFieldIsMnFormat("invoice_date_due"),
        scan("invoice form", `${FORM} .o_field_widget[name=invoice_line_ids]`),
        ...open(
            "the sales analysis",
            "sale.action_order_report_all",
            ".o_action_manager .o_graph_view"
        ),
        scan("sales report: graph", ".o_graph_renderer canvas"),
        ...open("the sales analysis as a pivot", "sale.action_order_report_all", ".o_pivot", {
            viewType: "pivot",
        }),
        scan("sales report: pivot", ".o_pivot table"),
        ...open(
            "the sales settings",
            "sale.action_sale_config_settings",
            ".o_setting_container, .o_settings_container"
        ),
        scan("sales settings", ".o_form_view .o_setting_box, .o_form_view .o_setting_container"),
    ];
}

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
        ...approvalFromActivity(),
        ...crmScreens(),
        ...saleScreens(),
        // The new-customer form last: it stays unsaved (a required name is empty)
        ...open("a new customer", "base.action_partner_form", FORM, {viewType: "form"}),
        {
            content: "company mode",
            trigger: `${FORM} .o_field_widget[name=company_type] input[data-value='company']`,
            run: "click",
        },
        {
            content: "company form shown",
            trigger: ".o_form_view .o_address_type span:contains('Хаяг')",
        },
        scan("new customer form", ".o_form_view .o_field_widget[name=vat]"),
        customerFormIsMongolian(),
        discardForm(),
        report(),
    ],
});
