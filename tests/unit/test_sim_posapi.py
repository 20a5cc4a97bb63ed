"""The e-barimt PosAPI 3.0 simulator (tools/simulators/posapi.py), over real HTTP.

Every refusal test starts from a receipt the simulator accepts (``test_baseline_accepted``)
and breaks exactly one rule, so each fails if the rule it names were removed.
"""

import copy
import re
import sys
import urllib.error
import urllib.request
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from urllib.parse import quote

import jsonschema
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

from sim_http import request_json  # noqa: E402
from simulators import posapi  # noqa: E402

MERCHANT = "37900846788"  # VAT payer, bank account 5041466217
NON_VAT_MERCHANT = "61200064714"
CUSTOMER = "61101326127"
ERROR_KEYS = {"status", "message", "date"}


@pytest.fixture
def sim():
    simulator, _url = posapi.start(port=0)
    yield simulator
    posapi.stop(simulator)


def call(sim, method, path, body=None, raw=None):
    return request_json(sim.url + path, method, body=body, raw=raw)


def cents(value):
    return float(Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def item(name, qty, unit_price, tax_type="VAT_ABLE", city=True, rate="0.02", vat_payer=True):
    """An item whose unit price includes every tax; VAT and city tax split out of the total."""
    total = Decimal(str(qty)) * Decimal(str(unit_price))
    vat_due = tax_type == "VAT_ABLE" and vat_payer
    divisor = 1 + (Decimal("0.10") if vat_due else 0) + (Decimal(rate) if city else 0)
    line = {
        "name": name,
        "barCode": "8654000102657",
        "barCodeType": "GS1",
        "classificationCode": "2349010",
        "taxProductCode": {"VAT_FREE": "320", "VAT_ZERO": "502"}.get(tax_type),
        "measureUnit": "ш",
        "qty": qty,
        "unitPrice": unit_price,
        "totalAmount": float(total),
        "totalVAT": cents(total * Decimal("0.10") / divisor) if vat_due else 0,
        "totalCityTax": cents(total * Decimal(rate) / divisor) if city else 0,
    }
    return line


def sub(tax_type, items, tin=MERCHANT, **extra):
    return {
        "taxType": tax_type,
        "merchantTin": tin,
        "totalAmount": round(sum(i["totalAmount"] for i in items), 2),
        "totalVAT": round(sum(i["totalVAT"] for i in items), 2),
        "totalCityTax": round(sum(i["totalCityTax"] for i in items), 2),
        "items": items,
        **extra,
    }


def receipt(kind, subs, suffix="01", tin=MERCHANT, **extra):
    total = round(sum(s["totalAmount"] for s in subs), 2)
    body = {
        "branchNo": "001",
        "totalAmount": total,
        "totalVAT": round(sum(s["totalVAT"] for s in subs), 2),
        "totalCityTax": round(sum(s["totalCityTax"] for s in subs), 2),
        "districtCode": "2501",
        "merchantTin": tin,
        "posNo": "001",
        "customerTin": CUSTOMER if kind.startswith("B2B") else None,
        "consumerNo": None,
        "type": kind,
        "inactiveId": None,
        "reportMonth": None,
        "billIdSuffix": suffix,
        "receipts": subs,
        "payments": [{"code": "CASH", "status": "PAID", "paidAmount": total}],
    }
    body.update(extra)
    return body


def mixed(kind="B2C_RECEIPT", city=True, **extra):
    """A receipt with the four tax types, one sub-receipt each."""
    return receipt(
        kind,
        [
            sub("VAT_ABLE", [item("Талх", 2, 1120, city=city), item("Сүү", 1, 3360, city=city)]),
            sub("VAT_FREE", [item("Гурил", 3, 2500, "VAT_FREE", city=city)]),
            sub("VAT_ZERO", [item("Экспорт", 1, 50000, "VAT_ZERO", city=False)]),
            sub("NO_VAT", [item("Гадаад үйлчилгээ", 1, 7000, "NO_VAT", city=False)]),
        ],
        **extra,
    )


def assert_refused(sim, body, fragment, status="ERROR"):
    before = len(sim.receipts())
    code, answer = call(sim, "POST", "/rest/receipt", body)
    assert code == 400, answer
    assert set(answer) == ERROR_KEYS
    assert answer["status"] == status
    assert fragment in answer["message"], answer["message"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", answer["date"])
    assert len(sim.receipts()) == before, "a refused receipt must not be stored"
    return answer


def assert_success(answer, lottery):
    assert answer["status"] == "SUCCESS", answer
    assert re.fullmatch(r"\d{33}", answer["id"])
    assert re.fullmatch(r"\d+", answer["qrData"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", answer["date"])
    ids = [s["id"] for s in answer["receipts"]]
    assert all(re.fullmatch(r"\d{33}", i) for i in ids) and len(set(ids + [answer["id"]])) > len(
        ids
    )
    if lottery:
        assert re.fullmatch(r"[A-Z]{2} \d{8}", answer["lottery"])
    else:
        assert answer["lottery"] == ""
    jsonschema.validate(answer, posapi.response_schema(posapi.load_spec()))


# --- accepted receipts ------------------------------------------------------------------
def test_baseline_accepted(sim):
    code, answer = call(sim, "POST", "/rest/receipt", mixed())
    assert code == 200, answer
    assert_success(answer, lottery=True)
    assert [s["taxType"] for s in answer["receipts"]] == list(posapi.TAX_TYPES)
    assert answer["easy"] is False
    assert sim.receipt(answer["id"])["state"] == "ACTIVE"


def test_b2c_with_consumer_number_is_easy(sim):
    code, answer = call(sim, "POST", "/rest/receipt", mixed(consumerNo="10038071"))
    assert code == 200, answer
    assert answer["easy"] is True


def test_b2b_mixed_tax_types_no_lottery(sim):
    code, answer = call(sim, "POST", "/rest/receipt", mixed("B2B_RECEIPT"))
    assert code == 200, answer
    assert_success(answer, lottery=False)
    assert answer["customerTin"] == CUSTOMER


def test_city_tax_off(sim):
    body = mixed(city=False)
    assert body["totalCityTax"] == 0
    code, answer = call(sim, "POST", "/rest/receipt", body)
    assert code == 200, answer
    vat_able = answer["receipts"][0]["items"][0]
    assert vat_able["totalVAT"] == round(2240 / 11, 2)  # 10 % inside a tax-included 2240


def test_city_tax_rate_is_a_setting():
    one_percent = receipt("B2C_RECEIPT", [sub("VAT_ABLE", [item("Талх", 1, 1110, rate="0.01")])])
    assert one_percent["totalCityTax"] == 10  # the manual's 1000 + 100 + 10
    two_percent = receipt("B2C_RECEIPT", [sub("VAT_ABLE", [item("Талх", 1, 1120)])])
    assert two_percent["totalCityTax"] == 20  # the OpenAPI file's 1000 + 100 + 20
    sim_1, _ = posapi.start(port=0, city_tax_rate="0.01")
    try:
        assert call(sim_1, "POST", "/rest/receipt", one_percent)[0] == 200
        assert_refused(sim_1, dict(two_percent, billIdSuffix="02"), "НХАТ-г 1%-р")
    finally:
        sim_1.stop()


def test_official_example_accepted(sim):
    spec = posapi.load_spec()
    examples = spec["paths"]["/rest/receipt"]["post"]["requestBody"]["content"]["application/json"][
        "examples"
    ]
    body = copy.deepcopy(examples["Төлбөрийн баримт B2C_RECEIPT"]["value"])
    body["merchantTin"] = body["receipts"][0]["merchantTin"] = MERCHANT
    code, answer = call(sim, "POST", "/rest/receipt", body)
    assert code == 200, answer  # unitPrice 5000 for 5600: the pre-tax reading
    assert_success(answer, lottery=True)


def test_schema_errata_are_exactly_the_examples_needs():
    spec = posapi.load_spec()
    content = spec["paths"]["/rest/receipt"]["post"]["requestBody"]["content"]["application/json"]
    raw = jsonschema.Draft202012Validator(content["schema"])
    patched = jsonschema.Draft202012Validator(posapi.request_schema(spec))
    for name in ("B2C_RECEIPT", "B2B_RECEIPT", "B2C_INVOICE"):
        value = next(v["value"] for k, v in content["examples"].items() if k.endswith(name))
        assert list(raw.iter_errors(value)), f"the raw schema accepts the {name} example"
        assert not list(patched.iter_errors(value)), name


def test_lottery_only_on_b2c_receipts_with_vat_scope(sim):
    only_no_vat = receipt("B2C_RECEIPT", [sub("NO_VAT", [item("Аялал", 1, 900, "NO_VAT", False)])])
    code, answer = call(sim, "POST", "/rest/receipt", only_no_vat)
    assert code == 200, answer
    assert answer["lottery"] == ""
    invoice = mixed("B2C_INVOICE", suffix="02")
    for part in invoice["receipts"]:
        part["bankAccountNo"] = "5041466217"
    code, answer = call(sim, "POST", "/rest/receipt", invoice)
    assert code == 200, answer
    assert answer["lottery"] == ""
    assert answer["receipts"][0]["bankAccountId"] == 1


def test_non_vat_payer_sends_no_vat(sim):
    items = [item("Талх", 1, 1020, vat_payer=False)]
    assert items[0]["totalVAT"] == 0 and items[0]["totalCityTax"] == 20
    body = receipt("B2C_RECEIPT", [sub("VAT_ABLE", items, tin=NON_VAT_MERCHANT)])
    body["merchantTin"] = NON_VAT_MERCHANT
    assert call(sim, "POST", "/rest/receipt", body)[0] == 200
    vat_charged = receipt(
        "B2C_RECEIPT", [sub("VAT_ABLE", [item("Талх", 1, 1120)], tin=NON_VAT_MERCHANT)]
    )
    vat_charged.update(merchantTin=NON_VAT_MERCHANT, billIdSuffix="02")
    assert_refused(sim, vat_charged, "not a VAT payer")


# --- refusals, one rule each ------------------------------------------------------------
def _set(path, value):
    def mutate(body):
        node = body
        for key in path[:-1]:
            node = node[key]
        if value is _DELETE:
            del node[path[-1]]
        else:
            node[path[-1]] = value

    return mutate


_DELETE = object()


def _two_vat_able(body):
    first = body["receipts"][0]
    body["receipts"][0:1] = [
        sub("VAT_ABLE", first["items"][:1]),
        sub("VAT_ABLE", first["items"][1:]),
    ]


def _bump(*path):
    def mutate(body):
        node = body
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] += 1

    return mutate


def _short_payment(body):
    body["payments"] = [
        {"code": "CASH", "status": "PAID", "paidAmount": body["totalAmount"] - 1000},
        {"code": "PAYMENT_CARD", "status": "ERROR", "paidAmount": 1000, "data": None},
    ]


REFUSALS = {
    "branchNo 3 digits": (_set(["branchNo"], "01"), "branchNo"),
    "districtCode 4 digits": (_set(["districtCode"], "25"), "districtCode"),
    "districtCode required": (_set(["districtCode"], _DELETE), "districtCode"),
    "type known": (_set(["type"], "B2C_"), "type: must be one of"),
    "schema: posNo required": (_set(["posNo"], _DELETE), "'posNo' is a required property"),
    "schema: qty is a number": (_set(["receipts", 0, "items", 0, "qty"], "2"), "OpenAPI schema"),
    "documented spelling": (_set(["totalVat"], 0), "totalVat: not a PosAPI 3.0 field"),
    "merchant registered": (_set(["merchantTin"], "12345678901"), "not registered"),
    "TIN digits": (_set(["merchantTin"], "3790084"), "11 to 14 digits"),
    "B2C carries no customerTin": (_set(["customerTin"], CUSTOMER), "customerTin: only B2B"),
    "consumerNo 8 digits": (_set(["consumerNo"], "1003807"), "consumerNo: must be 8 digits"),
    "billIdSuffix required": (_set(["billIdSuffix"], ""), "billIdSuffix: required"),
    "reportMonth B2B only": (_set(["reportMonth"], "2026-01-01"), "reportMonth: only B2B"),
    "inactiveId exists": (_set(["inactiveId"], "1" * 33), "inactiveId: no receipt"),
    "inactiveId 33 digits": (_set(["inactiveId"], "123"), "inactiveId: must be the 33-digit"),
    "one sub-receipt per tax type": (_two_vat_able, "one sub-receipt per tax type"),
    "NO_VAT spelling": (_set(["receipts", 3, "taxType"], "NOT_VAT"), "spelled NO_VAT"),
    "items required": (_set(["receipts", 0, "items"], []), "items: at least one item"),
    "classificationCode 7 digits": (
        _set(["receipts", 0, "items", 0, "classificationCode"], "234901"),
        "classificationCode",
    ),
    "taxProductCode on VAT_FREE": (
        _set(["receipts", 1, "items", 0, "taxProductCode"], None),
        "taxProductCode: required for VAT_FREE",
    ),
    "barCodeType known": (_set(["receipts", 0, "items", 0, "barCodeType"], "EAN"), "barCodeType"),
    "unitPrice matches total": (_set(["receipts", 0, "items", 0, "unitPrice"], 999), "unitPrice"),
    "item VAT 10 %": (_bump("receipts", 0, "items", 0, "totalVAT"), "НӨАТ-г 10%-р"),
    "item city tax rate": (_bump("receipts", 0, "items", 0, "totalCityTax"), "НХАТ-г 2%-р"),
    "no VAT on VAT_FREE": (_bump("receipts", 1, "items", 0, "totalVAT"), "must be 0 (VAT_FREE)"),
    "sub-receipt amount = items": (
        _bump("receipts", 0, "totalAmount"),
        "receipts.0.totalAmount",
    ),
    "sub-receipt VAT = items": (_bump("receipts", 0, "totalVAT"), "receipts.0.totalVAT"),
    "sub-receipt city tax = items": (
        _bump("receipts", 0, "totalCityTax"),
        "receipts.0.totalCityTax",
    ),
    "receipt amount = sub-receipts": (_bump("totalAmount"), "totalAmount: "),
    "receipt VAT = sub-receipts": (_bump("totalVAT"), "totalVAT: "),
    "receipt city tax = sub-receipts": (_bump("totalCityTax"), "totalCityTax: "),
    "payment code from /rest/info": (_set(["payments", 0, "code"], "QPAY"), "paymentTypes"),
    "payment status known": (_set(["payments", 0, "status"], "DONE"), "payments.0.status"),
}


@pytest.mark.parametrize("rule", sorted(REFUSALS))
def test_refused(sim, rule):
    mutate, fragment = REFUSALS[rule]
    body = mixed()
    mutate(body)
    assert_refused(sim, body, fragment)


def test_b2b_needs_customer_tin(sim):
    assert_refused(sim, mixed("B2B_RECEIPT", customerTin=None), "customerTin: required")


def test_consumer_number_only_on_b2c_receipt(sim):
    assert_refused(sim, mixed("B2B_RECEIPT", consumerNo="10038071"), "consumerNo: only B2C")


def test_invoice_needs_registered_bank_account(sim):
    assert_refused(sim, mixed("B2C_INVOICE"), "bankAccountNo: required")
    body = mixed("B2C_INVOICE")
    for part in body["receipts"]:
        part["bankAccountNo"] = "999"
    assert_refused(sim, body, "not an account of merchant")


def test_payments_short_answer_payment_status(sim):
    body = mixed()
    _short_payment(body)
    assert_refused(sim, body, "do not make totalAmount", status="PAYMENT")
    assert_refused(sim, dict(mixed(), payments=[]), "needs its payments", status="PAYMENT")


def test_not_json_refused(sim):
    code, answer = call(sim, "POST", "/rest/receipt", raw=b"{not json")
    assert code == 400 and answer["status"] == "ERROR" and "JSON" in answer["message"]


# --- state: billIdSuffix, delete, corrections -------------------------------------------
def test_bill_id_suffix_unique_per_day(sim):
    assert call(sim, "POST", "/rest/receipt", mixed(suffix="07"))[0] == 200
    assert_refused(sim, mixed(suffix="07"), "billIdSuffix: '07' already used today")
    assert call(sim, "POST", "/rest/receipt", mixed(suffix="08"))[0] == 200
    sim.clock.advance(days=1)
    code, answer = call(sim, "POST", "/rest/receipt", mixed(suffix="07"))
    assert code == 200, answer


def test_delete_b2c_receipt(sim):
    _code, issued = call(sim, "POST", "/rest/receipt", mixed())
    wrong_date = {"id": issued["id"], "date": "2001-01-01 00:00:00"}
    code, answer = call(sim, "DELETE", "/rest/receipt", wrong_date)
    assert code == 400 and "date" in answer["message"]
    code, answer = call(
        sim, "DELETE", "/rest/receipt", {"id": issued["id"], "date": issued["date"]}
    )
    assert (code, answer) == (200, None)
    assert sim.receipt(issued["id"])["state"] == "RETURNED"
    code, answer = call(
        sim, "DELETE", "/rest/receipt", {"id": issued["id"], "date": issued["date"]}
    )
    assert code == 400 and "already returned" in answer["message"]


def test_delete_refused_for_b2b(sim):
    _code, issued = call(sim, "POST", "/rest/receipt", mixed("B2B_RECEIPT"))
    code, answer = call(
        sim, "DELETE", "/rest/receipt", {"id": issued["id"], "date": issued["date"]}
    )
    assert code == 400 and set(answer) == ERROR_KEYS
    assert "B2C_RECEIPT only" in answer["message"]
    assert sim.receipt(issued["id"])["state"] == "ACTIVE"


def test_delete_request_validated(sim):
    code, answer = call(sim, "DELETE", "/rest/receipt", {"id": "1" * 33})
    assert code == 400 and "'date' is a required property" in answer["message"]
    code, answer = call(sim, "DELETE", "/rest/receipt", {"id": "1" * 33, "date": "2026-01-01"})
    assert code == 400 and "yyyy-MM-dd HH:mm:ss" in answer["message"]


def test_correction_chain_with_inactive_id(sim):
    _code, first = call(sim, "POST", "/rest/receipt", mixed("B2B_RECEIPT", suffix="01"))
    smaller = receipt("B2B_RECEIPT", [sub("VAT_ABLE", [item("Талх", 1, 1120)])], suffix="02")
    code, second = call(sim, "POST", "/rest/receipt", dict(smaller, inactiveId=first["id"]))
    assert code == 200, second
    assert sim.receipt(first["id"])["state"] == "REPLACED"
    assert sim.receipt(first["id"])["replacedBy"] == second["id"]
    again = dict(smaller, billIdSuffix="03", inactiveId=first["id"])
    assert_refused(sim, again, "names the latest receipt of the chain")
    code, third = call(sim, "POST", "/rest/receipt", dict(again, inactiveId=second["id"]))
    assert code == 200, third


def test_correction_of_b2c_gets_no_new_lottery(sim):
    _code, first = call(sim, "POST", "/rest/receipt", mixed())
    assert first["lottery"]
    code, second = call(sim, "POST", "/rest/receipt", mixed(suffix="02", inactiveId=first["id"]))
    assert code == 200, second
    assert second["lottery"] == ""


def test_deleted_receipt_cannot_be_corrected(sim):
    _code, issued = call(sim, "POST", "/rest/receipt", mixed())
    call(sim, "DELETE", "/rest/receipt", {"id": issued["id"], "date": issued["date"]})
    assert_refused(sim, mixed(suffix="02", inactiveId=issued["id"]), "is returned")


# --- info, sendData, lookups, down mode -------------------------------------------------
def test_info_matches_the_spec_and_lists_payment_codes(sim):
    code, info = call(sim, "GET", "/rest/info")
    assert code == 200
    jsonschema.validate(info, posapi.info_schema(posapi.load_spec()))
    assert [p["code"] for p in info["paymentTypes"]][:2] == ["CASH", "PAYMENT_CARD"]
    assert {m["tin"]: m["vatPayer"] for m in info["merchants"]} == {
        MERCHANT: True,
        NON_VAT_MERCHANT: False,
    }


def test_send_data(sim):
    call(sim, "POST", "/rest/receipt", mixed())
    assert call(sim, "GET", "/rest/sendData") == (200, {})
    assert all(r["sent"] for r in sim.receipts())
    assert call(sim, "GET", "/rest/info")[1]["lastSentDate"]
    assert call(sim, "GET", "/rest/send")[0] == 200  # the manual's spelling


def test_register_number_to_tin_lookups(sim):
    code, answer = call(sim, "GET", "/api/info/check/getTinInfo?regNo=6235972")
    assert (code, answer["status"], answer["data"]) == (200, 200, CUSTOMER)
    code, answer = call(sim, "GET", f"/api/info/check/getInfo?tin={CUSTOMER}")
    assert answer["data"]["found"] is True and answer["data"]["vatPayer"] is True
    code, answer = call(sim, "GET", "/api/info/check/getInfo?tin=99999999999")
    assert answer["data"]["found"] is False
    sim.add_taxpayer("АБ99112233", "12345678901234", "Бат", vatPayer=False)
    code, answer = call(sim, "GET", "/api/info/check/getTinInfo?regNo=" + quote("АБ99112233"))
    assert answer["data"] == "12345678901234"


def test_bank_accounts(sim):
    code, accounts = call(sim, "GET", f"/rest/bankAccounts?tin={MERCHANT}")
    assert code == 200 and accounts[0]["bankAccountNo"] == "5041466217"


def test_unknown_route(sim):
    assert call(sim, "GET", "/rest/nothing")[0] == 404
    assert call(sim, "PUT", "/rest/receipt", {})[0] == 405


def test_down_refuses_connections_then_recovers(sim):
    _code, issued = call(sim, "POST", "/rest/receipt", mixed())
    sim.set_down(True)
    with pytest.raises(urllib.error.URLError):
        call(sim, "GET", "/rest/info")
    sim.set_down(False)
    assert call(sim, "GET", "/rest/info")[0] == 200
    assert sim.receipt(issued["id"])["state"] == "ACTIVE"  # state kept
    assert_refused(sim, mixed(), "already used today")


def test_down_503(sim):
    sim.set_down(True, mode="503")
    code, answer = call(sim, "POST", "/rest/receipt", mixed())
    assert code == 503 and answer["status"] == "ERROR"
    assert sim.receipts() == []
    sim.set_down(False)
    assert call(sim, "POST", "/rest/receipt", mixed())[0] == 200
