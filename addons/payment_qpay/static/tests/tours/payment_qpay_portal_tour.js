import {registry} from "@web/core/registry";

// The customer pays a quotation with QPay from the portal, on a phone, in Mongolian: the
// payment form, the QR code with its text and the bank apps, then (once the test has played
// the bank app on the QPay simulator) the confirmed order. The test checks the language.
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
            content: "the check button speaks Mongolian",
            trigger: "button[name='o_qpay_check']:contains('Би төлсөн')",
            // The test's bank app pays now: the page's poll then leaves for the order.
            expectUnloadPage: true,
        },
        {
            content: "paid in the bank app: the page moves on to the confirmed order",
            trigger: ".o_portal_sale_sidebar, #portal_sale_content",
            timeout: 30000,
        },
    ],
});
