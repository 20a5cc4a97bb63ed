import {
    mnCheckWidth,
    mnOpenApp,
    mnPickInDialog,
    mnStatusButton,
} from "@mn_crm_sales/../tests/tours/mn_phone_steps";
import {registry} from "@web/core/registry";

// The seed's sales path in Mongolian, with the suite's discount approval on
// (tests/test_tour_sale_seed.py runs the three tours in turn, each with its own login):
//
// 1. mn_sale_seed_request (salesperson): opportunity > "Шинэ үнийн санал", a line with a
//    discount above the salesperson's limit, "Батлах" refused in Mongolian, "Зөвшөөрөл хүсэх";
// 2. mn_sale_seed_approve (team leader): Борлуулалт > Үнийн санал, filter "Миний зөвшөөрлийг
//    хүлээж буй", open the quotation, "Зөвшөөрөх" (approve the discount);
// 3. mn_sale_seed_fulfil (salesperson): confirm the order, validate its delivery, create the
//    regular invoice and post it.
//
// Buttons and fields are found by name (button[name=...], .o_field_widget[name=...]); the
// Mongolian labels are checked with :contains() on the same elements, so a step fails both
// when the control is missing and when it is not shown in Mongolian.
//
// The same tours run at phone size with touch (tests/test_tour_sale_seed.py,
// TestSaleSeedTourPhone): the apps come from the navbar's sidebar, lists are kanban cards,
// status-bar buttons may sit behind "More", the status bar is one dropdown, and order lines
// are kanban cards edited in a dialog: the phone steps add a line, edit it, add a second
// one and remove it again, all by touch. Every screen is checked against the phone's width.

const CUSTOMER = "Хөвсгөл Оффис ХХК"; // Created by the test's setup
// The customer's register number (test's setup), shown on the kanban cards
const REGISTER = "6054471";
const OPPORTUNITY = "Хөвсгөл Оффис - хурлын танхимын тавилга";
const PRODUCT = "Хурлын ширээ";
const QUANTITY = "3";
const DISCOUNT = "12"; // The salesperson may give 5 %, the team 10 %

// Mongolian labels of the seed (addon's i18n/mn.po and the language pack i18n_extra/mn.po)
const MN = {
    newQuotation: "Шинэ үнийн санал",
    addProduct: "Бараа нэмэх",
    confirm: "Батлах",
    requestApproval: "Зөвшөөрөл хүсэх",
    approve: "Зөвшөөрөх", // Not "Батлах": that is Confirm, on the same form
    approvalNeeded: "хөнгөлөлтийн зөвшөөрөл",
    refusal: "батлахын өмнө хөнгөлөлтийн зөвшөөрөл авах шаардлагатай",
    toRequest: "Хүсэх шаардлагатай",
    requested: "Хүсэлт илгээсэн",
    approved: "Зөвшөөрсөн",
    awaitingMyApproval: "Миний зөвшөөрлийг хүлээж буй",
    salesOrder: "Борлуулалтын захиалга",
    delivery: "Хүргэлт",
    validate: "Баталгаажуулах",
    done: "Дууссан",
    createInvoice: "Нэхэмжлэл үүсгэх",
    regularInvoice: "Энгийн нэхэмжлэл",
    createDraft: "Ноорог үүсгэх",
    posted: "Бүртгэгдсэн",
};

const FORM = ".o_form_view";
const STATUSBAR = `${FORM} .o_statusbar_buttons`;
const LINE = `${FORM} div[name=order_line] .o_selected_row`;
const LINE_DIALOG = ".modal .o_form_view";
const noModal = "body:not(:has(.modal))";

const openApp = mnOpenApp;

// The current state: the highlighted arrow on a desktop, the status dropdown on a phone
function currentState(label, prefix = "") {
    return (
        `${prefix} ${FORM} .o_field_widget[name=state] .o_arrow_button_current:contains(${label}), ` +
        `${prefix} ${FORM} .o_field_widget[name=state] .o_statusbar_status > .dropdown-toggle:not(.o_first.o_last):contains(${label})`
    );
}

function approvalState(label) {
    return `${FORM} .o_field_widget[name=mn_approval_state]:contains(${label})`;
}

/** Sales app: the quotation of the customer, from the list the app opens with. */
function openQuotationFromSales() {
    return [
        ...openApp("sale.sale_menu_root", "open Борлуулалт (Sales)"),
        {
            content: "the quotation of the customer is listed",
            trigger:
                `.o_list_renderer .o_data_row:contains(${CUSTOMER}), ` +
                `.o_kanban_renderer .o_kanban_record:contains(${CUSTOMER})`,
        },
        mnCheckWidth("quotations (Sales app)", ".o_kanban_renderer .o_kanban_record"),
        {
            content: "open it",
            trigger:
                `.o_list_renderer .o_data_row:contains(${CUSTOMER}) td[name=partner_id], ` +
                `.o_kanban_renderer .o_kanban_record:contains(${CUSTOMER})`,
            run: "click",
        },
        {
            content: "the quotation opens",
            trigger: `.o_sale_order .o_field_widget[name=partner_id] input:value(${CUSTOMER})`,
        },
    ];
}

registry.category("web_tour.tours").add("mn_sale_seed_request", {
    url: "/odoo",
    steps: () => [
        ...openApp("crm.crm_menu_root", "open CRM"),
        {
            content: "its card shows the customer, the register number and the expected revenue",
            trigger: `.o_opportunity_kanban .o_kanban_record:contains(${OPPORTUNITY}):contains(${CUSTOMER}):contains(${REGISTER}):has(.o_field_widget[name=expected_revenue]:contains(330))`,
        },
        {
            content: "the salesperson's opportunity is in the pipeline",
            trigger: `.o_opportunity_kanban .o_kanban_record:contains(${OPPORTUNITY})`,
            run: "click",
        },
        mnCheckWidth("opportunity form", ".o_lead_opportunity_form"),
        // The opportunity's key buttons are on the screen: on a phone New Quotation stays
        // in the status bar (its first button) and Won and Lost are repeated in the sheet
        // (the status bar hides them behind "More")
        {
            content: "New Quotation is on the screen",
            trigger: `.o_lead_opportunity_form .o_statusbar_buttons button[name=action_sale_quotations_new]`,
        },
        {
            isActive: ["desktop"],
            content: "Won is on the screen",
            trigger: ".o_lead_opportunity_form .o_statusbar_buttons button[data-hotkey=w]",
        },
        {
            isActive: ["desktop"],
            content: "Lost is on the screen",
            trigger: ".o_lead_opportunity_form .o_statusbar_buttons button[data-hotkey=l]",
        },
        {
            isActive: ["mobile"],
            content: "phone: Won is on the screen",
            trigger: ".o_lead_opportunity_form .o_mn_phone_actions button.o_mn_phone_won",
        },
        {
            isActive: ["mobile"],
            content: "phone: Lost is on the screen",
            trigger: ".o_lead_opportunity_form .o_mn_phone_actions button.o_mn_phone_lost",
        },
        ...mnStatusButton(
            `button[name=action_sale_quotations_new]:contains(${MN.newQuotation})`,
            "Шинэ үнийн санал (New Quotation)",
            ".o_lead_opportunity_form"
        ),
        {
            content: "the quotation opens with the opportunity's customer",
            trigger: `.o_sale_order .o_field_widget[name=partner_id] input:value(${CUSTOMER})`,
        },
        mnCheckWidth("new quotation form", ".o_sale_order"),

        // A line with 12 % discount, above the salesperson's 5 %
        {
            isActive: ["desktop"],
            content: "Бараа нэмэх (Add a product)",
            trigger: `${FORM} div[name=order_line] .o_field_x2many_list_row_add a:contains(${MN.addProduct})`,
            run: "click",
        },
        {
            isActive: ["desktop"],
            content: "product",
            trigger: `${LINE} .o_field_widget[name=product_template_id] input`,
            run: `edit ${PRODUCT}`,
        },
        {
            isActive: ["desktop"],
            content: "pick the product",
            trigger: `.o-autocomplete--dropdown-item:not(.o_m2o_dropdown_option) a:contains(${PRODUCT})`,
            run: "click",
        },
        {
            isActive: ["desktop"],
            content: "the product is on the line",
            trigger: `${LINE} .o_field_widget[name=product_template_id] input:value(${PRODUCT})`,
        },
        // Each edit waits for its onchange (the untaxed subtotal), so that a late answer for
        // the quantity cannot reset the discount typed after it
        {
            isActive: ["desktop"],
            content: "the product's price and VAT are on the line: 110 000 incl. VAT",
            trigger: `${LINE}:has(.o_field_widget[name=tax_ids]:contains(10%)) td[name=price_subtotal]:contains(100)`,
        },
        {
            isActive: ["desktop"],
            content: "quantity",
            trigger: `${LINE} .o_field_widget[name=product_uom_qty] input`,
            run: `edit ${QUANTITY} && press Tab`,
        },
        {
            isActive: ["desktop"],
            content: "3 x 110 000 = 300 000 before VAT",
            trigger: `${LINE} td[name=price_subtotal]:contains(300)`,
        },
        {
            isActive: ["desktop"],
            content: "discount above the limit",
            trigger: `${LINE} .o_field_widget[name=discount] input`,
            run: `edit ${DISCOUNT} && click body`,
        },
        {
            isActive: ["desktop"],
            content: "less 12 %: 264 000 before VAT",
            trigger: `${FORM} div[name=order_line] .o_data_row td[name=price_subtotal]:contains(264)`,
        },
        // Phone: order lines are kanban cards, each edited in a dialog, by touch
        {
            isActive: ["mobile"],
            content: `phone: ${MN.addProduct} (Add a product)`,
            trigger: `${FORM} div[name=order_line] .o_x2m_control_panel button:contains(${MN.addProduct})`,
            run: "click",
        },
        mnCheckWidth("order line dialog", `${LINE_DIALOG} .o_field_widget[name=product_id]`),
        {
            isActive: ["mobile"],
            content: "phone: product (a phone opens a search dialog)",
            trigger: `${LINE_DIALOG} .o_field_widget[name=product_id] input`,
            run: "click",
        },
        ...mnPickInDialog(PRODUCT, "pick the product"),
        {
            isActive: ["mobile"],
            content: "phone: the product's price is on the line",
            trigger: `${LINE_DIALOG} .o_field_widget[name=price_unit] input:value(/110.?000/)`,
        },
        {
            isActive: ["mobile"],
            content: "phone: Хадгалах & Хаах (Save & Close) the line",
            trigger: ".modal .modal-footer .o_form_button_save",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "phone: the line is a card; tap it to edit",
            trigger: `${noModal} ${FORM} div[name=order_line] .o_kanban_record:contains(${PRODUCT})`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "phone: quantity",
            trigger: `${LINE_DIALOG} .o_field_widget[name=product_uom_qty] input`,
            run: `edit ${QUANTITY} && press Tab`,
        },
        {
            isActive: ["mobile"],
            content: "phone: discount above the limit",
            trigger: `${LINE_DIALOG} .o_field_widget[name=discount] input`,
            run: `edit ${DISCOUNT} && press Tab`,
        },
        {
            isActive: ["mobile"],
            content: "phone: save the edited line",
            trigger: ".modal .modal-footer .o_form_button_save",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "phone: the card shows 3 units, 12 % and 264 000 before VAT",
            trigger: `${noModal} ${FORM} div[name=order_line] .o_kanban_record:contains(${PRODUCT}):contains(${DISCOUNT}):contains(264)`,
        },
        {
            isActive: ["mobile"],
            content: "phone: add a second line",
            trigger: `${FORM} div[name=order_line] .o_x2m_control_panel button:contains(${MN.addProduct})`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "phone: product of the second line",
            trigger: `${LINE_DIALOG} .o_field_widget[name=product_id] input`,
            run: "click",
        },
        ...mnPickInDialog(PRODUCT, "pick the product of the second line"),
        {
            isActive: ["mobile"],
            content: "phone: the product's price is on the second line",
            trigger: `${LINE_DIALOG} .o_field_widget[name=price_unit] input:value(/110.?000/)`,
        },
        {
            isActive: ["mobile"],
            content: "phone: save the second line",
            trigger: ".modal .modal-footer .o_form_button_save",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "phone: two cards; tap the second (no discount) to remove it",
            trigger: `${noModal} ${FORM} div[name=order_line] .o_kanban_record:contains(${PRODUCT}):not(:contains(${DISCOUNT}%)):not(:contains(264))`,
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "phone: Устгах (Remove) the line",
            trigger: ".modal .modal-footer .o_btn_remove",
            run: "click",
        },
        {
            isActive: ["mobile"],
            content: "phone: one line is left, with the discount",
            trigger: `${noModal} ${FORM} div[name=order_line]:not(:has(.o_kanban_record:contains(${PRODUCT}):not(:contains(264)))) .o_kanban_record:contains(264)`,
        },
        {
            content: "save the quotation",
            trigger: `${FORM} .o_form_button_save`,
            run: "click",
        },
        {
            content: "saved: the line shows the discount",
            trigger:
                `${FORM} .o_form_saved div[name=order_line] .o_data_row td[name=discount]:contains(${DISCOUNT}), ` +
                `${FORM} .o_form_saved div[name=order_line] .o_kanban_record:contains(${DISCOUNT})`,
        },
        mnCheckWidth("saved quotation form", `${FORM} div[name=order_line]`),
        {
            content: "the quotation needs discount approval",
            trigger: approvalState(MN.toRequest),
        },
        {
            content: "the warning explains it in Mongolian",
            trigger: `${FORM} .alert-warning:contains(${MN.approvalNeeded})`,
        },

        // Confirming is refused, in Mongolian
        ...mnStatusButton(
            `button[name=action_confirm]:contains(${MN.confirm})`,
            "Батлах (Confirm)"
        ),
        {
            content: "the refusal is shown in Mongolian",
            trigger: `.modal .modal-body:contains(${MN.refusal})`,
        },
        {
            content: "close the message",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "the message is closed",
            trigger: noModal,
        },
        ...mnStatusButton(
            `button[name=action_mn_request_approval]:contains(${MN.requestApproval})`,
            "Зөвшөөрөл хүсэх (Request approval)"
        ),
        {
            content: "approval requested from the team leader",
            trigger: `${approvalState(MN.requested)}`,
        },
        {
            content: "the quotation is still a quotation",
            trigger: `${STATUSBAR}:not(:has(button[name=action_mn_request_approval]))`,
        },
    ],
});

registry.category("web_tour.tours").add("mn_sale_seed_approve", {
    url: "/odoo",
    steps: () => [
        ...openApp("sale.sale_menu_root", "open Борлуулалт (Sales)"),
        mnCheckWidth("quotations (leader)", ".o_action_manager .o_content"),
        {
            isActive: ["mobile"],
            content: "phone: show the search bar",
            trigger: ".o_control_panel button:has(.fa-search)",
            run: "click",
        },
        {
            content: "the list opens filtered on the leader's own quotations: drop that filter",
            trigger: ".o_control_panel .o_searchview_facet",
            run: "hover && click .o_control_panel .o_searchview_facet .o_facet_remove",
        },
        {
            content: "no filter left",
            trigger: ".o_control_panel .o_searchview:not(:has(.o_searchview_facet))",
        },
        {
            content: "open the filters",
            trigger: ".o_control_panel .o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: "filter: Миний зөвшөөрлийг хүлээж буй (Awaiting my approval)",
            trigger: `.o_filter_menu .o_menu_item:contains(${MN.awaitingMyApproval})`,
            run: "click",
        },
        {
            content: "the filter is applied",
            trigger: `.o_control_panel .o_searchview_facet:contains(${MN.awaitingMyApproval})`,
        },
        mnCheckWidth(
            "quotations awaiting my approval",
            `.o_control_panel .o_searchview_facet:contains(${MN.awaitingMyApproval})`
        ),
        {
            isActive: ["mobile"],
            content:
                "phone: the card shows the customer, register number, total and approval state",
            trigger: `.o_kanban_renderer .o_kanban_record:contains(${CUSTOMER}):contains(${REGISTER}):contains(${MN.requested}):has(.o_field_widget[name=amount_total]:contains(290))`,
        },
        {
            content: "the salesperson's quotation waits for the leader",
            trigger:
                `.o_list_renderer .o_data_row:contains(${CUSTOMER}) td[name=partner_id], ` +
                `.o_kanban_renderer .o_kanban_record:contains(${CUSTOMER})`,
            run: "click",
        },
        {
            content: "the quotation opens, approval requested",
            trigger: approvalState(MN.requested),
        },
        {
            content: "the reasons are shown in Mongolian",
            trigger: `${FORM} .alert-warning:contains(${MN.approvalNeeded}):contains(${PRODUCT})`,
        },
        mnCheckWidth("quotation to approve", `${FORM} .alert-warning`),
        ...mnStatusButton(
            `button[name=action_mn_approve]:contains(${MN.approve})`,
            "Зөвшөөрөх (Approve the discount)"
        ),
        {
            content: "approved",
            trigger: approvalState(MN.approved),
        },
        {
            content: "no approval button left",
            trigger: `${STATUSBAR}:not(:has(button[name=action_mn_approve]))`,
        },
    ],
});

registry.category("web_tour.tours").add("mn_sale_seed_fulfil", {
    url: "/odoo",
    steps: () => [
        ...openQuotationFromSales(),
        {
            content: "the discount is approved",
            trigger: approvalState(MN.approved),
        },
        ...mnStatusButton(
            `button[name=action_confirm]:contains(${MN.confirm})`,
            "Батлах (Confirm)"
        ),
        {
            content: "the quotation is now a sales order",
            trigger: currentState(MN.salesOrder),
            timeout: 30000,
        },

        // Delivery
        mnCheckWidth("sales order form", `${FORM} .o-form-buttonbox`),
        {
            isActive: ["mobile"],
            content: "phone: open the smart buttons' More when Delivery is not shown",
            trigger: `${FORM} .o-form-buttonbox`,
            async run(helpers) {
                if (
                    !document.querySelector(
                        `${FORM} .o-form-buttonbox button[name=action_view_delivery]`
                    )
                ) {
                    await helpers.click(`${FORM} .o-form-buttonbox .o_button_more`);
                }
            },
        },
        {
            content: "Хүргэлт (Delivery) smart button",
            trigger: `button.oe_stat_button[name=action_view_delivery]:contains(${MN.delivery})`,
            run: "click",
        },
        mnCheckWidth("delivery form", `${STATUSBAR}`),
        ...mnStatusButton(
            `button[name=button_validate]:contains(${MN.validate})`,
            "Баталгаажуулах (Validate)"
        ),
        {
            content: "the delivery is done",
            trigger: currentState(MN.done, noModal),
            timeout: 30000,
        },
        {
            content: "back to the order",
            trigger:
                ".o_control_panel .breadcrumb-item.o_back_button, " +
                ".o_main_navbar button.o_back_button, .o_control_panel button.o_back_button",
            run: "click",
        },

        // Invoice
        ...mnStatusButton(
            `button#create_invoice:contains(${MN.createInvoice})`,
            "Нэхэмжлэл үүсгэх (Create Invoice)",
            ".o_sale_order"
        ),
        mnCheckWidth("invoicing dialog", ".modal .o_field_widget[name=advance_payment_method]"),
        {
            content: "Энгийн нэхэмжлэл (regular invoice) is chosen",
            trigger: `.modal .o_field_widget[name=advance_payment_method]:contains(${MN.regularInvoice}) input[data-value=delivered]:checked`,
        },
        {
            content: "Ноорог үүсгэх (Create Draft)",
            trigger: `.modal .modal-footer button[name=create_invoices]:contains(${MN.createDraft})`,
            run: "click",
        },
        {
            content: "the draft invoice opens",
            trigger:
                `${noModal} ${FORM} .o_field_widget[name=invoice_line_ids] .o_data_row:contains(${PRODUCT}), ` +
                `${noModal} ${FORM} .o_field_widget[name=invoice_line_ids] .o_kanban_record:contains(${PRODUCT})`,
            timeout: 30000,
        },
        mnCheckWidth("draft invoice form", `${FORM} .o_field_widget[name=invoice_line_ids]`),
        ...mnStatusButton(
            `button[name=action_post]:contains(${MN.confirm})`,
            "Батлах (Confirm the invoice)"
        ),
        {
            content: "the invoice is posted",
            trigger: currentState(MN.posted),
            timeout: 30000,
        },
    ],
});
