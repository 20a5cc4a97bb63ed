#!/usr/bin/env python3
"""Confirmed orders to invoices: delivery, invoice from Sales and from the opportunity, PDF.

The salesperson confirms a quotation made in Sales; a user with Inventory rights validates
its delivery; the salesperson invoices what was delivered ("Create Invoice", regular
invoice); a user with Invoicing rights posts the invoice; both download the quotation and
invoice PDFs (portal links with an access token) and read the amount in Mongolian words.
Then the same from an opportunity: its quotation, delivery, and the opportunity's own
"Create Invoices" button (``crm.lead.action_mn_create_invoices``).

    python examples/04_delivery_invoice.py --protocol json2 \\
        --api-key SALESPERSON_KEY --manager-api-key ADMIN_KEY

Without ``--manager-*`` the salesperson's credentials are used for everything (then that
user needs Inventory and Invoicing rights). See docs/api.md, flow 4.
"""

import random
import tempfile
from pathlib import Path

from _client import add_credentials, base_parser, connect, fail, result, run, say


def validate_delivery(manager, order_id):
    """Deliver everything ordered: set each move's quantity, mark it picked, validate."""
    picking_ids = manager.read_one("sale.order", order_id, ["picking_ids"])["picking_ids"]
    moves = manager.search_read(
        "stock.move", [("picking_id", "in", picking_ids)], ["product_uom_qty"]
    )
    for move in moves:
        manager.write(
            "stock.move", [move["id"]], {"quantity": move["product_uom_qty"], "picked": True}
        )
    # skip_sms: no "send an SMS to the customer?" dialog (stock_sms), no SMS sent
    manager.call("stock.picking", "button_validate", ids=picking_ids, context={"skip_sms": True})
    pickings = manager.read("stock.picking", picking_ids, ["name", "state"])
    if any(picking["state"] != "done" for picking in pickings):
        fail(f"Хүргэлт дуусаагүй: {pickings}")
    say("Хүргэлтийг баталгаажууллаа: " + ", ".join(f"{p['name']} ({p['state']})" for p in pickings))
    return picking_ids


def download_pdf(client, model, record_id, folder):
    """The record's PDF through its portal link (``get_portal_url`` adds an access token)."""
    path = client.call(model, "get_portal_url", ids=[record_id], report_type="pdf", download=True)
    pdf = client.fetch(path)
    if not pdf.startswith(b"%PDF"):
        fail(f"{model} #{record_id}: PDF биш хариу ирлээ ({pdf[:60]!r})")
    target = Path(folder) / f"{model.replace('.', '_')}_{record_id}.pdf"
    target.write_bytes(pdf)
    return target, len(pdf)


def main():
    parser = base_parser(__doc__.splitlines()[0])
    add_credentials(parser, "manager-", "менежер (агуулах, нэхэмжлэл)")
    parser.add_argument(
        "--pdf-dir", default=tempfile.gettempdir(), help="PDF хадгалах хавтас (анхдагч: /tmp)"
    )
    args = parser.parse_args()
    seller = connect(args)
    manager = connect(args, "manager-", "менежер", required=False) or seller
    tag = random.randint(1000, 9999)

    customers = seller.search_read(
        "res.partner",
        [
            ("mn_register_number", "!=", False),
            ("is_company", "=", True),
            ("mn_tier_id", "=", False),
            ("ref_company_ids", "=", False),  # not a company of the database itself
        ],
        ["name", "mn_register_number"],
        limit=1,
    )
    products = seller.search_read(
        "product.product", [("default_code", "=", "MN-NC-01")], ["display_name"]
    )
    if not customers or not products:
        fail("Демо харилцагч/бараа олдсонгүй: make run-ы (демо өгөгдөлтэй) сан хэрэгтэй.")
    customer, product = customers[0], products[0]

    # A. From Sales: quotation -> confirm -> delivery -> invoice -> post -> PDF.
    order_id = seller.create(
        "sale.order",
        {
            "partner_id": customer["id"],
            "order_line": [(0, 0, {"product_id": product["id"], "product_uom_qty": 3})],
        },
    )
    seller.call("sale.order", "action_confirm", ids=[order_id])
    order = seller.read_one("sale.order", order_id, ["name", "state", "amount_total"])
    say(
        f"Борлуулалтаас үнийн санал үүсгэж баталлаа: {order['name']} "
        f"(харилцагч '{customer['name']}', регистр {customer['mn_register_number']}, "
        f"{order['amount_total']:,.0f}₮)"
    )
    picking_ids = validate_delivery(manager, order_id)

    wizard_id = seller.create(
        "sale.advance.payment.inv",
        {"advance_payment_method": "delivered", "sale_order_ids": [(6, 0, [order_id])]},
    )
    seller.call("sale.advance.payment.inv", "create_invoices", ids=[wizard_id])
    invoice_ids = seller.read_one("sale.order", order_id, ["invoice_ids"])["invoice_ids"]
    say(f"Борлуулалтын захиалгаас нэхэмжлэл үүсгэлээ: {invoice_ids}")
    manager.call("account.move", "action_post", ids=invoice_ids)
    invoice = seller.read_one("account.move", invoice_ids[0], ["name", "state", "amount_total"])
    words = seller.call("account.move", "get_mn_amount_in_words", ids=invoice_ids)[0]
    say(
        f"Нэхэмжлэлийг баталлаа: {invoice['name']} ({invoice['state']}), "
        f"{invoice['amount_total']:,.0f}₮ — {words['amount_in_words']}"
    )
    # "Send & Print" (download only) stores the invoice's legal PDF; before it the portal
    # serves a "Proforma Invoice".
    send_id = manager.create(
        "account.move.send.wizard", {"move_id": invoice_ids[0], "sending_methods": ["manual"]}
    )
    manager.call("account.move.send.wizard", "action_send_and_print", ids=[send_id])
    quotation_pdf, quotation_size = download_pdf(seller, "sale.order", order_id, args.pdf_dir)
    invoice_pdf, invoice_size = download_pdf(seller, "account.move", invoice_ids[0], args.pdf_dir)
    say(f"PDF татлаа: {quotation_pdf} ({quotation_size} байт), {invoice_pdf} ({invoice_size} байт)")

    # B. From the opportunity: its quotation, delivery, then the opportunity invoices it.
    lead_id = seller.create(
        "crm.lead",
        {
            "name": f"Ноолууран бэлэг {tag}",
            "type": "opportunity",
            "partner_id": customer["id"],
            "expected_revenue": 750_000,
        },
    )
    lead_order_id = seller.create(
        "sale.order",
        {
            "partner_id": customer["id"],
            "opportunity_id": lead_id,
            "order_line": [(0, 0, {"product_id": product["id"], "product_uom_qty": 2})],
        },
    )
    seller.call("sale.order", "action_confirm", ids=[lead_order_id])
    say(f"Боломж #{lead_id}-оос үнийн санал үүсгэж баталлаа: #{lead_order_id}")
    lead_picking_ids = validate_delivery(manager, lead_order_id)
    seller.call("crm.lead", "action_mn_create_invoices", ids=[lead_id])
    lead_invoice_ids = seller.read_one("crm.lead", lead_id, ["mn_invoice_ids"])["mn_invoice_ids"]
    say(f"Боломжоос нэхэмжлэл үүсгэлээ: {lead_invoice_ids}")
    manager.call("account.move", "action_post", ids=lead_invoice_ids)
    lead_invoice = seller.read_one("account.move", lead_invoice_ids[0], ["name", "state"])
    say(f"Боломжийн нэхэмжлэлийг баталлаа: {lead_invoice['name']} ({lead_invoice['state']})")

    result(
        {
            "order_id": order_id,
            "picking_ids": picking_ids,
            "invoice_ids": invoice_ids,
            "amount_in_words": words["amount_in_words"],
            "quotation_pdf": str(quotation_pdf),
            "invoice_pdf": str(invoice_pdf),
            "lead_id": lead_id,
            "lead_order_id": lead_order_id,
            "lead_picking_ids": lead_picking_ids,
            "lead_invoice_ids": lead_invoice_ids,
        }
    )


if __name__ == "__main__":
    run(main)
