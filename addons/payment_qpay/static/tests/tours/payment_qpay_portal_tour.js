import {registry} from "@web/core/registry";

// The customer pays a quotation with QPay from the portal, on a phone, in Mongolian: the
// payment form, the QR code with its text and the bank apps, «I have paid» (the test has
// played the bank app on the QPay simulator, without a callback), then the confirmed order.
registry.category("web_tour.tours").add("payment_qpay_portal_tour", {
    steps: () => [
        {
            content: "the quotation asks for payment: open the payment dialog",
            trigger: "#o_sale_portal_paynow",
            run: "click",
        },
        {
            content: "choose QPay",
            trigger: "#modalaccept input[name='o_payment_radio'][data-payment-method-code='qpay']",
            run: "click",
        },
        {
            content: "pay",
            trigger: "#modalaccept button[name='o_payment_submit_button']:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "the QR code, its text and the bank apps, in Mongolian",
            trigger: "div[name='o_qpay_panel'] img[name='o_qpay_qr_image']",
        },
        {
            content: "a bank app link opens the bank on the phone",
            trigger: "div[name='o_qpay_banks'] a[href^='khanbank://']:contains('Хаан банк')",
        },
        {
            content: "the QR text can be copied",
            trigger: "#o_qpay_qr_text[value^='000201']",
        },
        {
            content: "paid in the bank app (the test plays it): «I have paid», in Mongolian",
            trigger: "button[name='o_qpay_check']:contains('Би төлсөн')",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "QPay confirmed it: the status page moves on to the confirmed order",
            trigger: ".o_portal_sale_sidebar, #portal_sale_content",
            timeout: 30000,
        },
    ],
});
