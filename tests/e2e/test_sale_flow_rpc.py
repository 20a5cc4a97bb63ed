"""An external script runs the sales flow over XML-RPC and reads documents over JSON-2."""

import pytest

ADMIN = ("admin", "admin")
# 3 x 110 000 MNT, VAT 10 % included, 10 % discount.
TOTAL = 297_000.0
TOTAL_WORDS = "Хоёр зуун ерэн долоон мянган төгрөг"


def call(server, model, method, *args, **kwargs):
    return server.execute(*ADMIN, model, method, *args, **kwargs)


@pytest.fixture(scope="module")
def flow(odoo_server):
    """Quotation -> confirm -> delivery validated -> invoice posted, all over XML-RPC."""
    company_id = call(
        odoo_server, "res.users", "read", [odoo_server.login(*ADMIN)], ["company_id"]
    )[0]["company_id"][0]
    vat_id = call(odoo_server, "res.company", "read", [company_id], ["account_sale_tax_id"])[0][
        "account_sale_tax_id"
    ][0]
    partner_id = call(
        odoo_server, "res.partner", "create", {"name": "E2E Номин ХХК", "lang": "mn_MN"}
    )
    product_id = call(
        odoo_server,
        "product.product",
        "create",
        {
            "name": "E2E ширээ",
            "type": "consu",
            "list_price": 110_000,
            "invoice_policy": "delivery",
            "taxes_id": [(6, 0, [vat_id])],
        },
    )
    order_id = call(
        odoo_server,
        "sale.order",
        "create",
        {
            "partner_id": partner_id,
            "order_line": [
                (0, 0, {"product_id": product_id, "product_uom_qty": 3, "discount": 10}),
            ],
        },
    )
    quotation = call(odoo_server, "sale.order", "read", [order_id], ["state", "amount_total"])[0]
    call(odoo_server, "sale.order", "action_confirm", [order_id])
    order = call(odoo_server, "sale.order", "read", [order_id], ["state", "picking_ids"])[0]
    pickings = order["picking_ids"]
    moves = call(
        odoo_server,
        "stock.move",
        "search_read",
        [("picking_id", "in", pickings)],
        fields=["product_uom_qty"],
    )
    for move in moves:
        call(
            odoo_server,
            "stock.move",
            "write",
            [move["id"]],
            {"quantity": move["product_uom_qty"], "picked": True},
        )
    call(odoo_server, "stock.picking", "button_validate", pickings)
    wizard_id = call(
        odoo_server,
        "sale.advance.payment.inv",
        "create",
        {"advance_payment_method": "delivered", "sale_order_ids": [(6, 0, [order_id])]},
    )
    call(odoo_server, "sale.advance.payment.inv", "create_invoices", [wizard_id])
    invoice_ids = call(odoo_server, "sale.order", "read", [order_id], ["invoice_ids"])[0][
        "invoice_ids"
    ]
    call(odoo_server, "account.move", "action_post", invoice_ids)
    return {
        "quotation": quotation,
        "order": order,
        "order_id": order_id,
        "pickings": pickings,
        "invoice_ids": invoice_ids,
    }


def test_xmlrpc_quotation_confirm_delivery_invoice(odoo_server, flow):
    assert flow["quotation"]["state"] == "draft"
    assert flow["quotation"]["amount_total"] == pytest.approx(TOTAL)
    assert flow["order"]["state"] == "sale"
    assert len(flow["pickings"]) == 1
    picking = call(odoo_server, "stock.picking", "read", flow["pickings"], ["state"])[0]
    assert picking["state"] == "done"
    assert len(flow["invoice_ids"]) == 1
    invoice = call(
        odoo_server,
        "account.move",
        "read",
        flow["invoice_ids"],
        ["state", "move_type", "amount_total", "amount_untaxed", "amount_tax"],
    )[0]
    assert invoice["state"] == "posted"
    assert invoice["move_type"] == "out_invoice"
    assert invoice["amount_total"] == pytest.approx(TOTAL)
    assert invoice["amount_untaxed"] == pytest.approx(270_000.0)
    assert invoice["amount_tax"] == pytest.approx(27_000.0)
    order = call(odoo_server, "sale.order", "read", [flow["order_id"]], ["invoice_status"])[0]
    assert order["invoice_status"] == "invoiced"


def test_xmlrpc_amount_in_words(odoo_server, flow):
    rows = call(odoo_server, "sale.order", "get_mn_amount_in_words", [flow["order_id"]])
    assert rows[0]["amount_in_words"] == TOTAL_WORDS


def test_json2_amount_in_words_of_order_and_invoice(odoo_server, flow):
    key = odoo_server.api_keys["admin"]
    status, rows = odoo_server.json2(
        "sale.order", "get_mn_amount_in_words", key=key, ids=[flow["order_id"]]
    )
    assert status == 200, rows
    assert rows == [
        {
            "id": flow["order_id"],
            "name": rows[0]["name"],
            "amount_total": TOTAL,
            "currency": "MNT",
            "amount_in_words": TOTAL_WORDS,
        }
    ]
    status, rows = odoo_server.json2(
        "account.move", "get_mn_amount_in_words", key=key, ids=flow["invoice_ids"]
    )
    assert status == 200, rows
    assert rows[0]["amount_in_words"] == TOTAL_WORDS


def test_json2_private_helper_is_not_callable(odoo_server, flow):
    status, _body = odoo_server.json2(
        "sale.order",
        "_mn_amount_in_words",
        key=odoo_server.api_keys["admin"],
        ids=[flow["order_id"]],
    )
    assert status != 200
