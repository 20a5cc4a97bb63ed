import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_utils";

// One price in the product configurator (tests/test_pricing_one_price.py): the gold-tier customer's
// quotation gets a blanket with two colours; the configurator dialog must show the tier's
// rounded price, and the line must keep it. Prices are compared by their digits, so the
// step does not depend on how the user's language groups thousands.

const PRODUCT = "Тэмээний ноосон хөнжил";
const DIALOG = ".o_sale_product_configurator_dialog";

function digits(element) {
    return element.textContent.replace(/\D/g, "");
}

function assertPrice(content, trigger, price) {
    return {
        content,
        trigger,
        run() {
            const shown = digits(this.anchor);
            if (!shown.includes(price)) {
                throw new Error(`${content}: expected ${price} in "${this.anchor.textContent}"`);
            }
        },
    };
}

registry.category("web_tour.tours").add("mn_configurator_price_tour", {
    steps: () => [
        {
            content: "Add a line to the quotation",
            trigger: ".o_form_view div[name=order_line] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Pick the blanket",
            trigger: ".o_form_view div[name=product_template_id] input",
            run: `edit ${PRODUCT}`,
        },
        {
            trigger: `.ui-autocomplete a:contains("${PRODUCT}")`,
            run: "click",
        },
        assertPrice(
            "The configurator shows the tier's rounded price, VAT included",
            `${DIALOG} table.o_sale_product_configurator_table td.o_sale_product_configurator_qty`,
            "11480000"
        ),
        {
            content: "Add the configured blanket",
            trigger: `${DIALOG} footer .btn-primary`,
            run: "click",
        },
        {
            content: "Wait until the configurator is closed",
            trigger: `body:not(:has(${DIALOG}))`,
        },
        ...stepUtils.saveForm(),
        assertPrice(
            "The line keeps the configurator's price",
            ".o_form_view div[name=order_line] .o_data_row td[name=price_unit]",
            "11480000"
        ),
    ],
});
