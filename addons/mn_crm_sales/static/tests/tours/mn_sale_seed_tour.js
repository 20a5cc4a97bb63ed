import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

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

const CUSTOMER = "Хөвсгөл Оффис ХХК"; // Created by the test's setup
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
const noModal = "body:not(:has(.modal))";

function openApp(xmlid, content) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content,
            trigger: `.o_app[data-menu-xmlid='${xmlid}']`,
            run: "click",
        },
    ];
}

function currentState(label) {
    return `${FORM} .o_field_widget[name=state] .o_arrow_button_current:contains(${label})`;
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
            trigger: `.o_list_renderer .o_data_row:contains(${CUSTOMER})`,
        },
        {
            content: "open it",
            trigger: `.o_list_renderer .o_data_row:contains(${CUSTOMER}) td[name=partner_id]`,
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
            content: "the salesperson's opportunity is in the pipeline",
            trigger: `.o_opportunity_kanban .o_kanban_record:contains(${OPPORTUNITY})`,
            run: "click",
        },
        {
            content: "Шинэ үнийн санал (New Quotation)",
            trigger: `.o_lead_opportunity_form .o_statusbar_buttons button[name=action_sale_quotations_new]:contains(${MN.newQuotation})`,
            run: "click",
        },
        {
            content: "the quotation opens with the opportunity's customer",
            trigger: `.o_sale_order .o_field_widget[name=partner_id] input:value(${CUSTOMER})`,
        },

        // A line with 12 % discount, above the salesperson's 5 %
        {
            content: "Бараа нэмэх (Add a product)",
            trigger: `${FORM} div[name=order_line] .o_field_x2many_list_row_add a:contains(${MN.addProduct})`,
            run: "click",
        },
        {
            content: "product",
            trigger: `${LINE} .o_field_widget[name=product_template_id] input`,
            run: `edit ${PRODUCT}`,
        },
        {
            content: "pick the product",
            trigger: `.o-autocomplete--dropdown-item:not(.o_m2o_dropdown_option) a:contains(${PRODUCT})`,
            run: "click",
        },
        {
            content: "the product is on the line",
            trigger: `${LINE} .o_field_widget[name=product_template_id] input:value(${PRODUCT})`,
        },
        // Each edit waits for its onchange (the untaxed subtotal), so that a late answer for
        // the quantity cannot reset the discount typed after it
        {
            content: "the product's price and VAT are on the line: 110 000 incl. VAT",
            trigger: `${LINE}:has(.o_field_widget[name=tax_ids]:contains(10%)) td[name=price_subtotal]:contains(100)`,
        },
        {
            content: "quantity",
            trigger: `${LINE} .o_field_widget[name=product_uom_qty] input`,
            run: `edit ${QUANTITY} && press Tab`,
        },
        {
            content: "3 x 110 000 = 300 000 before VAT",
            trigger: `${LINE} td[name=price_subtotal]:contains(300)`,
        },
        {
            content: "discount above the limit",
            trigger: `${LINE} .o_field_widget[name=discount] input`,
            run: `edit ${DISCOUNT} && click body`,
        },
        {
            content: "less 12 %: 264 000 before VAT",
            trigger: `${FORM} div[name=order_line] .o_data_row td[name=price_subtotal]:contains(264)`,
        },
        {
            content: "save the quotation",
            trigger: `${FORM} .o_form_button_save`,
            run: "click",
        },
        {
            content: "saved: the line shows the discount",
            trigger: `${FORM} .o_form_saved div[name=order_line] .o_data_row td[name=discount]:contains(${DISCOUNT})`,
        },
        {
            content: "the quotation needs discount approval",
            trigger: approvalState(MN.toRequest),
        },
        {
            content: "the warning explains it in Mongolian",
            trigger: `${FORM} .alert-warning:contains(${MN.approvalNeeded})`,
        },

        // Confirming is refused, in Mongolian
        {
            content: "Батлах (Confirm)",
            trigger: `${STATUSBAR} button[name=action_confirm]:contains(${MN.confirm})`,
            run: "click",
        },
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
            content: "Зөвшөөрөл хүсэх (Request approval)",
            trigger: `${noModal} ${STATUSBAR} button[name=action_mn_request_approval]:contains(${MN.requestApproval})`,
            run: "click",
        },
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
        {
            content: "the salesperson's quotation waits for the leader",
            trigger: `.o_list_renderer .o_data_row:contains(${CUSTOMER}) td[name=partner_id]`,
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
        {
            content: "Зөвшөөрөх (Approve the discount)",
            trigger: `${STATUSBAR} button[name=action_mn_approve]:contains(${MN.approve})`,
            run: "click",
        },
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
        {
            content: "Батлах (Confirm)",
            trigger: `${STATUSBAR} button[name=action_confirm]:contains(${MN.confirm})`,
            run: "click",
        },
        {
            content: "the quotation is now a sales order",
            trigger: currentState(MN.salesOrder),
            timeout: 30000,
        },

        // Delivery
        {
            content: "Хүргэлт (Delivery) smart button",
            trigger: `button.oe_stat_button[name=action_view_delivery]:contains(${MN.delivery})`,
            run: "click",
        },
        {
            content: "Баталгаажуулах (Validate)",
            trigger: `${STATUSBAR} button[name=button_validate]:contains(${MN.validate})`,
            run: "click",
        },
        {
            content: "the delivery is done",
            trigger: `${noModal} ${currentState(MN.done)}`,
            timeout: 30000,
        },
        {
            content: "back to the order",
            trigger: ".o_control_panel .breadcrumb-item.o_back_button",
            run: "click",
        },

        // Invoice
        {
            content: "Нэхэмжлэл үүсгэх (Create Invoice)",
            trigger: `.o_sale_order .o_statusbar_buttons button#create_invoice:contains(${MN.createInvoice})`,
            run: "click",
        },
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
            trigger: `${noModal} ${FORM} .o_field_widget[name=invoice_line_ids] .o_data_row:contains(${PRODUCT})`,
            timeout: 30000,
        },
        {
            content: "Батлах (Confirm the invoice)",
            trigger: `${STATUSBAR} button[name=action_post]:contains(${MN.confirm})`,
            run: "click",
        },
        {
            content: "the invoice is posted",
            trigger: currentState(MN.posted),
            timeout: 30000,
        },
    ],
});
