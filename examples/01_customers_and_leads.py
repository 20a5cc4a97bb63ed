#!/usr/bin/env python3
"""Customers with register numbers, leads, and their conversion (new, existing, merge).

As a salesperson: creates a customer company with a register number (and shows the refusal
of a malformed one), then three conversions through core's wizard
``crm.lead2opportunity.partner``:

1. a lead carrying the customer's register number -> opportunity of that existing customer;
2. a lead of a company not in the database -> opportunity and a new customer, who gets the
   lead's register number;
3. two leads of the same person (same e-mail and +976 phone) -> merged into one opportunity.

    python examples/01_customers_and_leads.py --protocol json2 --api-key KEY
    python examples/01_customers_and_leads.py --protocol xmlrpc --login demo --password demo

See docs/api.md, flow 1.
"""

import random

from _client import ApiError, base_parser, connect, result, run, say


def company_number():
    """A random company register number (7 digits, not starting with 0)."""
    return str(random.randint(1_000_000, 9_999_999))


def create_customer(client, name, **values):
    """A company customer with a fresh register number (retried if the number is taken)."""
    for _attempt in range(5):
        number = company_number()
        try:
            partner_id = client.create(
                "res.partner",
                {"name": name, "is_company": True, "mn_register_number": number, **values},
            )
            return partner_id, number
        except ApiError as error:
            if error.kind not in ("ValidationError", "UserError"):
                raise
    raise ApiError("ValidationError", "no free register number found")


def convert(client, lead_id, **values):
    """Run the lead -> opportunity wizard on ``lead_id``; returns the opportunity id."""
    context = {"active_model": "crm.lead", "active_id": lead_id, "active_ids": [lead_id]}
    wizard_id = client.create(
        "crm.lead2opportunity.partner", {"lead_id": lead_id, **values}, context=context
    )
    action = client.call(
        "crm.lead2opportunity.partner", "action_apply", ids=[wizard_id], context=context
    )
    return action["res_id"]


def main():
    args = base_parser(__doc__.splitlines()[0]).parse_args()
    client = connect(args)
    tag = random.randint(1000, 9999)

    # 1. A customer with a register number; a malformed number is refused.
    try:
        client.create("res.partner", {"name": "Буруу дугаар ХХК", "mn_register_number": "12345"})
        say("Анхааруулга: буруу регистрийн дугаарыг сервер хүлээн авлаа.")
    except ApiError as error:
        say(f"Буруу регистрийн дугаар '12345'-ыг сервер татгалзлаа ({error.kind}): {error.message}")
    customer_id, number = create_customer(
        client,
        f"Хөх Тэнгэр Трейд ХХК {tag}",
        city="Улаанбаатар",
        phone=f"+976 7011 {tag}",
        email=f"info{tag}@khukh-tenger.mn",
    )
    say(f"Харилцагч үүсгэлээ: #{customer_id}, регистрийн дугаар {number}")
    found = client.search("res.partner", [("mn_register_number", "=", number)])
    say(f"Регистрийн дугаараар хайхад олдсон харилцагч: {found}")

    # 2. A lead of that customer (same register number) -> opportunity of the existing customer.
    lead_exist_id = client.create(
        "crm.lead",
        {
            "name": f"Оффисын тавилга {tag}",
            "type": "lead",
            "partner_name": f"Хөх Тэнгэр Трейд ХХК {tag}",
            "mn_register_number": number,
            "expected_revenue": 12_000_000,
        },
    )
    say(f"Сэжим үүсгэлээ: #{lead_exist_id} (регистрийн дугаар {number})")
    opportunity_exist_id = convert(
        client, lead_exist_id, name="convert", action="exist", partner_id=customer_id
    )
    say(
        f"Сэжмийг боломж руу хөрвүүллээ (байгаа харилцагч #{customer_id}): "
        f"боломж #{opportunity_exist_id}"
    )

    # 3. A lead of a new company -> opportunity and a new customer with the lead's number.
    new_number = company_number()
    lead_new_id = client.create(
        "crm.lead",
        {
            "name": f"Агуулахын програм {tag}",
            "type": "lead",
            "partner_name": f"Шинэ Өргөө ХХК {tag}",
            "mn_register_number": new_number,
            "email_from": f"office{tag}@shine-urguu.mn",
        },
    )
    say(f"Сэжим үүсгэлээ: #{lead_new_id} (шинэ компани, регистрийн дугаар {new_number})")
    opportunity_new_id = convert(client, lead_new_id, name="convert", action="create")
    new_customer = client.read_one("crm.lead", opportunity_new_id, ["partner_id"])["partner_id"]
    new_customer_id = new_customer[0]
    new_customer_number = client.read_one("res.partner", new_customer_id, ["mn_register_number"])[
        "mn_register_number"
    ]
    say(
        f"Боломж руу хөрвүүлж шинэ харилцагч үүсгэлээ: боломж #{opportunity_new_id}, "
        f"харилцагч #{new_customer_id} ({new_customer[1]}), "
        f"регистрийн дугаар {new_customer_number}"
    )

    # 4. Two leads of the same person -> merged into one opportunity.
    phone = f"+976 99{random.randint(100000, 999999)}"
    email = f"bat{tag}@example.mn"
    first_id = client.create(
        "crm.lead",
        {"name": f"Ноолууран цамц {tag}", "type": "lead", "contact_name": "Батаа", "phone": phone},
    )
    second_id = client.create(
        "crm.lead",
        {
            "name": f"Ноолууран цамц (давхардсан) {tag}",
            "type": "lead",
            "contact_name": "Батаа",
            "phone": phone,
            "email_from": email,
        },
    )
    say(f"Ижил утастай ({phone}) хоёр сэжим үүсгэлээ: #{first_id}, #{second_id}")
    merged_id = convert(
        client,
        first_id,
        name="merge",
        action="create",
        duplicated_lead_ids=[(6, 0, [first_id, second_id])],
    )
    merged_away_id = second_id if merged_id == first_id else first_id
    say(f"Давхардсан сэжмүүдийг нэгтгэлээ: боломж #{merged_id} үлдэж, #{merged_away_id} устгагдлаа")

    result(
        {
            "customer_id": customer_id,
            "register_number": number,
            "lead_exist_id": lead_exist_id,
            "opportunity_exist_id": opportunity_exist_id,
            "new_customer_id": new_customer_id,
            "new_register_number": new_number,
            "opportunity_new_id": opportunity_new_id,
            "merged_id": merged_id,
            "merged_away_id": merged_away_id,
        }
    )


if __name__ == "__main__":
    run(main)
