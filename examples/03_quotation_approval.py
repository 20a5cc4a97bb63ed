#!/usr/bin/env python3
"""A quotation from an opportunity: taxes, discount, pricelist, approval, send, confirm.

As a salesperson: opens an opportunity for a customer with a tier (and so a tier
pricelist), previews a product's price on that pricelist, creates the quotation from the
opportunity with one line over its discount limit, shows the price the customer would pay
(unit price, discount, VAT, total), is refused confirmation, requests approval; the team
leader rejects it with a reason; the salesperson asks again; the leader approves; the
salesperson sends the quotation by e-mail (Mongolian template) and confirms it.

    python examples/03_quotation_approval.py --protocol json2 \\
        --api-key SALESPERSON_KEY --leader-api-key LEADER_KEY
    python examples/03_quotation_approval.py --protocol xmlrpc \\
        --login mn_sales_ganbaatar --api-key SALESPERSON_KEY \\
        --leader-login demo --leader-password demo

See docs/api.md, flow 3.
"""

import random

from _client import ApiError, add_credentials, base_parser, connect, fail, result, run, say


def find_products(client):
    """A demo product with a pricelist rule, and one whose category limits the discount."""
    sweater = client.search_read(
        "product.product", [("default_code", "=", "MN-NC-01")], ["display_name", "list_price"]
    )
    limited = client.search_read(
        "product.product",
        [("categ_id.mn_max_discount", ">", 0), ("sale_ok", "=", True)],
        ["display_name", "list_price", "categ_id"],
        limit=1,
    )
    if not sweater or not limited:
        fail("Демо бараа олдсонгүй: make run-ы (демо өгөгдөлтэй) сан хэрэгтэй.")
    limit = client.read_one("product.category", limited[0]["categ_id"][0], ["mn_max_discount"])
    return sweater[0], limited[0], limit["mn_max_discount"]


def send_by_email(client, order_id):
    """What the Send button does: core's composer with the quotation template."""
    action = client.call("sale.order", "action_quotation_send", ids=[order_id])
    context = action["context"]
    composer_id = client.create("mail.compose.message", {}, context=context)
    client.call("mail.compose.message", "action_send_mail", ids=[composer_id], context=context)


def main():
    parser = base_parser(__doc__.splitlines()[0])
    add_credentials(parser, "leader-", "багийн ахлагч")
    args = parser.parse_args()
    seller = connect(args)
    leader = connect(args, "leader-", "багийн ахлагч")
    tag = random.randint(1000, 9999)

    customers = seller.search_read(
        "res.partner",
        [("mn_tier_id", "!=", False), ("is_company", "=", True)],
        ["name", "mn_tier_id", "property_product_pricelist"],
        limit=1,
    ) or seller.search_read(
        "res.partner", [("mn_tier_id", "!=", False)], ["name", "mn_tier_id"], limit=1
    )
    if not customers:
        fail("Түвшинтэй харилцагч олдсонгүй: make run-ы (демо өгөгдөлтэй) сан хэрэгтэй.")
    customer = customers[0]
    sweater, limited, limit = find_products(seller)

    lead_id = seller.create(
        "crm.lead",
        {
            "name": f"Өвлийн захиалга {tag}",
            "type": "opportunity",
            "partner_id": customer["id"],
            "expected_revenue": 1_500_000,
        },
    )
    say(f"Боломж үүсгэлээ: #{lead_id}, харилцагч '{customer['name']}'")

    order_id = seller.create(
        "sale.order",
        {
            "partner_id": customer["id"],
            "opportunity_id": lead_id,
            "order_line": [
                (0, 0, {"product_id": sweater["id"], "product_uom_qty": 2}),
                (0, 0, {"product_id": limited["id"], "product_uom_qty": 1, "discount": limit + 5}),
            ],
        },
    )
    order = seller.read_one(
        "sale.order",
        order_id,
        ["name", "pricelist_id", "amount_untaxed", "amount_tax", "amount_total", "order_line"],
    )
    pricelist_id = order["pricelist_id"][0]
    say(
        f"Боломжоос үнийн санал үүсгэлээ: {order['name']} (#{order_id}), "
        f"үнийн хүснэгт '{order['pricelist_id'][1]}'"
    )

    # The price the customer would pay: catalogue price on the pricelist, then the lines.
    catalogue = seller.call(
        "product.product",
        "get_contextual_price",
        ids=[sweater["id"]],
        context={"pricelist": pricelist_id, "quantity": 2},
    )
    say(
        f"'{sweater['display_name']}': жагсаалтын үнэ {sweater['list_price']:,.0f}₮, "
        f"үнийн хүснэгтээр {catalogue:,.0f}₮"
    )
    lines = seller.read(
        "sale.order.line",
        order["order_line"],
        ["name", "price_unit", "discount", "tax_ids", "price_subtotal", "price_total"],
    )
    for line in lines:
        taxes = seller.read("account.tax", line["tax_ids"], ["name"]) if line["tax_ids"] else []
        say(
            f"  мөр '{line['name'].splitlines()[0]}': нэгжийн үнэ {line['price_unit']:,.0f}₮, "
            f"хөнгөлөлт {line['discount']:g}%, татвар {', '.join(t['name'] for t in taxes) or '-'}"
            f", татваргүй {line['price_subtotal']:,.0f}₮, нийт {line['price_total']:,.0f}₮"
        )
    say(
        f"Харилцагчийн төлөх дүн: {order['amount_total']:,.0f}₮ "
        f"(татваргүй {order['amount_untaxed']:,.0f}₮, НӨАТ {order['amount_tax']:,.0f}₮)"
    )

    # Over the discount limit: confirming is refused until the leader approves.
    try:
        seller.call("sale.order", "action_confirm", ids=[order_id])
        fail("Зөвшөөрөлгүй үнийн санал батлагдлаа: хөнгөлөлтийн хязгаар ажиллахгүй байна.")
    except ApiError as error:
        say(f"Батлахыг сервер татгалзлаа ({error.kind}): {error.message}")

    seller.call("sale.order", "action_mn_request_approval", ids=[order_id])
    state = seller.read_one("sale.order", order_id, ["mn_approval_state", "mn_approval_user_id"])
    say(f"Хөнгөлөлтийн зөвшөөрөл хүслээ: {state['mn_approval_user_id'][1]}")

    reject_reason = "Хөнгөлөлт хэт их байна, 15%-аас бууруулна уу."
    leader.call("sale.order", "action_mn_reject", ids=[order_id], reason=reject_reason)
    state = seller.read_one("sale.order", order_id, ["mn_approval_state"])
    say(f"Багийн ахлагч татгалзлаа: '{reject_reason}' (төлөв {state['mn_approval_state']})")

    seller.call("sale.order", "action_mn_request_approval", ids=[order_id])
    say("Борлуулагч зөвшөөрлийг дахин хүслээ")
    leader.call("sale.order", "action_mn_approve", ids=[order_id])
    state = seller.read_one(
        "sale.order", order_id, ["mn_approval_state", "mn_approval_decided_by_id"]
    )
    say(
        f"Багийн ахлагч зөвшөөрлөө: {state['mn_approval_decided_by_id'][1]} "
        f"(төлөв {state['mn_approval_state']})"
    )

    send_by_email(seller, order_id)
    state = seller.read_one("sale.order", order_id, ["state"])
    say(f"Үнийн саналыг и-мэйлээр илгээлээ (төлөв {state['state']})")

    seller.call("sale.order", "action_confirm", ids=[order_id])
    state = seller.read_one("sale.order", order_id, ["state", "amount_total"])
    words = seller.call("sale.order", "get_mn_amount_in_words", ids=[order_id])[0]
    say(f"Захиалгыг баталлаа (төлөв {state['state']}): {words['amount_in_words']}")

    result(
        {
            "lead_id": lead_id,
            "order_id": order_id,
            "partner_id": customer["id"],
            "pricelist_id": pricelist_id,
            "catalogue_price": catalogue,
            "amount_total": state["amount_total"],
            "reject_reason": reject_reason,
            "approver_uid": leader.uid,
            "amount_in_words": words["amount_in_words"],
        }
    )


if __name__ == "__main__":
    run(main)
