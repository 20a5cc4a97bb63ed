import {
    mnCheckWidth,
    mnOpenApp,
    mnOpenMenu,
    mnOpenTopMenu,
    mnPickInDialog,
    mnStatusButton,
} from "@mn_crm_sales/../tests/tours/mn_phone_steps";
import {registry} from "@web/core/registry";

// The seed's CRM path, walked by a Mongolian sales manager (tests/test_tour_crm_seed.py):
// create a customer, register a lead from the same company, convert it with
// "Боломж руу хөрвүүлэх" merging it into the customer's open opportunity, drag that
// opportunity to the next stage in the pipeline (folding, unfolding and reordering
// columns on the way), and mark it lost with a reason and a closing note.
// Selectors go by xmlid, field name and button hotkey, not by label: core labels are
// translated by the language pack, which may not be loaded yet.
// The same tour runs at phone size (tests/test_tour_crm_seed.py, TestCrmSeedTourPhone):
// menus come from the sidebar, lists are kanban cards, status-bar buttons may sit behind
// "More", and as kanban cards cannot be dragged on a phone the opportunity changes stage
// from its form's stage dropdown (the column folding and reordering stay desktop steps).
// Every screen is checked against the phone's width (mnCheckWidth).

const CUSTOMER = "Хангай Тавилга ХХК"; // Not a demo partner name: the test counts it
const EMAIL = "info@tenger-trade.example.com";
const LEAD = "Тэнгэр Трейд - оффисын тавилга";
const OPPORTUNITY = "Тэнгэр Трейд - тавилгын гэрээ"; // Created by the test's setup
const NEGOTIATION = "Гэрээ байгуулах"; // The suite's stage (data in Mongolian)
const NOTE = "Харилцагч өөр нийлүүлэгчийн хямд үнийн саналыг сонгосон.";

const KANBAN = ".o_opportunity_kanban";
// Pipeline columns, as the test's setup checks them: 0 New, 1 Qualified, 2 Proposition,
// 3 Гэрээ байгуулах, 4 Won; the opportunity starts in column 0.
const column = (index) => `${KANBAN} .o_kanban_group:eq(${index})`;
const columnElements = () => [...document.querySelectorAll(`${KANBAN} .o_kanban_group`)];
const cardIn = (index, text) =>
    [...(columnElements()[index]?.querySelectorAll(".o_kanban_record") || [])].find((card) =>
        card.textContent.includes(text)
    );
const titleIn = (index, text) => {
    const title = columnElements()[index]?.querySelector(".o_column_title");
    return title && title.textContent.includes(text) ? title : undefined;
};
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Drag ``find()`` onto ``target`` until ``find()`` no longer matches: on a busy machine a
 * drop made while a just-loaded kanban settles can be lost, so it is tried up to 3 times.
 * The step after it checks the result.
 */
async function dragUntilMoved(helpers, find, target) {
    for (let attempt = 0; attempt < 3 && find(); attempt++) {
        helpers.anchor = find();
        await helpers.drag_and_drop(target);
        await pause(1500);
    }
}

registry.category("web_tour.tours").add("mn_crm_seed_tour", {
    url: "/odoo",
    steps: () => [
        ...mnOpenApp("crm.crm_menu_root", "open CRM"),
        {
            content: "the pipeline is shown",
            trigger: `${KANBAN} .o_kanban_renderer`,
        },
        mnCheckWidth("CRM pipeline (kanban)", `${KANBAN} .o_kanban_record`),

        // 1. CRM > Борлуулалт > Захиалагчид > Үүсгэх: a new company customer
        ...mnOpenMenu("crm.crm_menu_sales", "crm.res_partner_menu_customer"),
        {
            isActive: ["desktop"],
            // Customers open in a list (the pipeline behind has a kanban "New" button)
            content: "Үүсгэх: new customer",
            trigger: ".o_control_panel_main_buttons button.o_list_button_add",
            run: "click",
        },
        {
            isActive: ["mobile"],
            // On a phone they open as cards: not the pipeline's "New" (a quick create)
            content: "phone: Үүсгэх: new customer",
            trigger:
                ".o_kanban_view:not(.o_opportunity_kanban) .o_control_panel_main_buttons button.o-kanban-button-new",
            run: "click",
        },
        {
            content: "the customer is a company",
            trigger: ".o_form_view .o_field_widget[name=company_type] input[data-value=company]",
            run: "click",
        },
        {
            // Typing before the server's answer to the switch arrives loses the name under
            // load: wait until the form is a company's (no job position field any more).
            content: "the form shows a company",
            trigger:
                ".o_form_view:has(.o_field_widget[name=company_type] input[data-value=company]:checked)" +
                ":not(:has(.o_field_widget[name=function]))",
        },
        {
            // A text field, or partner_autocomplete's input when that module is installed
            content: "company name",
            trigger:
                ".o_form_view .o_field_widget[name=name] input, " +
                ".o_form_view .o_field_widget[name=name] textarea",
            run: `edit ${CUSTOMER}`,
        },
        {
            content: "company email",
            trigger: ".o_form_view .o_field_widget[name=email] input",
            run: `edit ${EMAIL}`,
        },
        mnCheckWidth("customer form", ".o_form_view .o_field_widget[name=email] input"),
        {
            content: "company phone",
            trigger: ".o_form_view .o_field_widget[name=phone] input",
            run: "edit +976 7011 2233",
        },
        {
            content: "the name is still there",
            trigger:
                `.o_form_view .o_field_widget[name=name] input:value("${CUSTOMER}"), ` +
                `.o_form_view .o_field_widget[name=name] textarea:value("${CUSTOMER}")`,
        },
        {
            content: "save the customer",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "customer saved",
            trigger: ".o_form_saved",
        },
        {
            // On a desktop the call link shows on hover only
            isActive: ["mobile"],
            content: "phone: the +976 phone number is a tappable tel: link",
            trigger: ".o_form_view .o_field_widget[name=phone] a[href^='tel:+976']",
        },

        // 2. CRM > Сэжим: a lead from the same company
        ...mnOpenTopMenu("crm.crm_menu_leads", "open Сэжим (Leads)"),
        mnCheckWidth("leads", ".o_kanban_view:not(.o_opportunity_kanban) .o_content"),
        {
            isActive: ["desktop"],
            content: "new lead",
            trigger: ".o_control_panel_main_buttons button.o_list_button_add",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "phone: new lead",
            trigger:
                ".o_kanban_view:not(.o_opportunity_kanban) .o_control_panel_main_buttons button.o-kanban-button-new",
            run: "click",
        },
        {
            content: "lead title",
            trigger:
                ".o_form_view .o_field_widget[name=name] input, " +
                ".o_form_view .o_field_widget[name=name] textarea",
            run: `edit ${LEAD}`,
        },
        {
            content: "company name of the lead",
            trigger: ".o_form_view .o_field_widget[name=partner_name] input",
            run: `edit ${CUSTOMER}`,
        },
        {
            content: "contact person",
            trigger: ".o_form_view .o_field_widget[name=contact_name] input",
            run: "edit Батын Тэмүүлэн",
        },
        {
            content: "email of the lead (same company)",
            trigger: ".o_form_view .o_field_widget[name=email_from] input",
            run: `edit ${EMAIL}`,
        },
        {
            content: "save the lead",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "lead saved",
            trigger: ".o_form_saved",
        },

        // 3. Боломж руу хөрвүүлэх, merging with the customer's opportunity
        mnCheckWidth("lead form", ".o_form_view .o_form_saved"),
        ...mnStatusButton("button[data-hotkey=v]", "Боломж руу хөрвүүлэх (Convert to Opportunity)"),
        {
            content: "the customer's open opportunity is proposed for the merge",
            trigger:
                `.modal .o_field_widget[name=duplicated_lead_ids] .o_data_row:contains(${OPPORTUNITY}), ` +
                `.modal .o_field_widget[name=duplicated_lead_ids] .o_kanban_record:contains(${OPPORTUNITY})`,
        },
        mnCheckWidth("convert dialog", ".modal .o_field_widget[name=duplicated_lead_ids]"),
        {
            content: "merge with the existing opportunity",
            trigger: ".modal .o_field_widget[name=name] input[data-value=merge]",
            run: "click",
        },
        {
            content: "apply",
            trigger: ".modal .modal-footer button[name=action_apply]",
            run: "click",
        },
        {
            content: "the merged opportunity opens",
            trigger: `body:not(:has(.modal)) .o_lead_opportunity_form .o_field_widget[name=name] textarea:value(${OPPORTUNITY})`,
        },
        // Merging keeps the customer fields of the records; link the customer record
        {
            isActive: ["desktop"],
            content: "customer of the opportunity",
            trigger: ".o_lead_opportunity_form .o_field_widget[name=partner_id] input",
            run: `edit ${CUSTOMER}`,
        },
        {
            isActive: ["desktop"],
            content: "pick the customer created above",
            trigger: `.o-autocomplete--dropdown-menu .o-autocomplete--dropdown-item a:contains(${CUSTOMER})`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "phone: customer of the opportunity (a phone opens a search dialog)",
            trigger: ".o_lead_opportunity_form .o_field_widget[name=partner_id] input",
            run: "click",
        },
        ...mnPickInDialog(CUSTOMER, "pick the customer created above"),
        {
            content: "save the opportunity",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "opportunity saved",
            trigger: `.o_form_saved .o_field_widget[name=partner_id] input:value(${CUSTOMER})`,
        },

        // 4. CRM > Борлуулалт > Миний суваг: move it one stage on
        mnCheckWidth("opportunity form", ".o_lead_opportunity_form .o_form_saved"),
        ...mnOpenMenu("crm.crm_menu_sales", "crm.menu_crm_opportunities"),
        {
            isActive: ["mobile"],
            content: "phone: the card shows the customer linked above: open it",
            trigger: `${column(0)} .o_kanban_record:contains(${OPPORTUNITY}):contains(${CUSTOMER})`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "phone: open the stage dropdown",
            trigger:
                ".o_lead_opportunity_form .o_field_widget[name=stage_id] .o_statusbar_status button.dropdown-toggle",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "phone: move it to the next stage",
            trigger: ".o-dropdown--menu .dropdown-item:eq(1)",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "phone: the stage changed and was saved",
            trigger: ".o_lead_opportunity_form .o_form_saved",
        },
        {
            isActive: ["desktop"],
            // The card shows the customer linked above: this is the freshly loaded pipeline
            content: "drag the opportunity from the first stage to the next one",
            trigger: `${column(0)} .o_kanban_record:contains(${OPPORTUNITY}):contains(${CUSTOMER})`,
            async run(helpers) {
                await dragUntilMoved(helpers, () => cardIn(0, OPPORTUNITY), column(1));
            },
        },
        {
            isActive: ["desktop"],
            content: "the opportunity is in the next stage",
            trigger: `${column(1)} .o_kanban_record:contains(${OPPORTUNITY})`,
            timeout: 20000,
        },

        // Fold and unfold the column after it
        {
            isActive: ["desktop"],
            content: "fold the third column: open its menu",
            trigger: `${column(2)} .o_kanban_header`,
            run: `hover && click ${column(2)} .o_kanban_header .o_group_config button`,
        },
        {
            isActive: ["desktop"],
            content: "fold the column",
            trigger: ".o-dropdown--group-config-menu .o_kanban_toggle_fold",
            run: "click",
        },
        {
            isActive: ["desktop"],
            content: "unfold it by a click",
            trigger: `${column(2)}.o_column_folded`,
            run: "click",
        },
        {
            isActive: ["desktop"],
            content: "the column is open again",
            trigger: `${column(2)}:not(.o_column_folded) .o_column_title`,
        },

        // Reorder: the negotiation column moves one place to the left
        {
            isActive: ["desktop"],
            content: "drag the Гэрээ байгуулах column one place to the left",
            trigger: `${column(3)} .o_column_title:contains(${NEGOTIATION})`,
            async run(helpers) {
                await dragUntilMoved(helpers, () => titleIn(3, NEGOTIATION), column(2));
            },
        },
        {
            isActive: ["desktop"],
            content: "the column moved",
            trigger: `${column(2)} .o_column_title:contains(${NEGOTIATION})`,
            timeout: 20000,
        },

        // 5. mark it lost with a reason and a closing note
        {
            isActive: ["desktop"],
            content: "open the opportunity",
            trigger: `${KANBAN} .o_kanban_record:contains(${OPPORTUNITY})`,
            run: "click",
        },
        mnCheckWidth("opportunity form (before lost)", ".o_lead_opportunity_form"),
        {
            isActive: ["desktop"],
            content: "Lost",
            trigger: ".o_lead_opportunity_form .o_statusbar_buttons button[data-hotkey=l]",
            run: "click",
        },
        {
            // The phone's own Lost button, on the screen (the status bar's is behind "More")
            isActive: ["mobile"],
            content: "phone: Lost",
            trigger: ".o_lead_opportunity_form .o_mn_phone_actions button.o_mn_phone_lost",
            run: "click",
        },
        mnCheckWidth("lost dialog", ".modal .o_field_widget[name=lost_reason_id]"),
        {
            content: "pick a lost reason",
            trigger: ".modal .o_field_widget[name=lost_reason_id] .o_selection_badge:first",
            run: "click",
        },
        {
            content: "the reason is chosen",
            trigger: ".modal .o_field_widget[name=lost_reason_id] .o_selection_badge.active",
        },
        {
            content: "closing note",
            // The empty editor holds one paragraph (div.o-paragraph, or p)
            trigger:
                ".modal .o_field_widget[name=lost_feedback] .odoo-editor-editable .o-paragraph, " +
                ".modal .o_field_widget[name=lost_feedback] .odoo-editor-editable p",
            run: `editor ${NOTE}`,
        },
        {
            content: "the note is typed",
            trigger: `.modal .o_field_widget[name=lost_feedback] .odoo-editor-editable:contains(${NOTE})`,
        },
        {
            content: "mark as lost",
            trigger: ".modal .modal-footer button[name=action_lost_reason_apply]",
            run: "click",
        },
        {
            content: "the opportunity is lost (Restore is offered)",
            trigger:
                // Core's Restore, or the suite's "Restore with a reason" (restore log on)
                "body:not(:has(.modal)) .o_lead_opportunity_form .o_statusbar_buttons " +
                "button[name=action_restore], body:not(:has(.modal)) " +
                ".o_lead_opportunity_form .o_statusbar_buttons button.o_mn_restore",
        },
    ],
});
