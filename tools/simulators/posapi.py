"""Simulator of e-barimt PosAPI 3.0, the receipt service a Mongolian merchant runs locally.

Endpoints (the daemon's, default port 7080):

==========================  ============================================================
``POST /rest/receipt``      issue a receipt (or a correction, with ``inactiveId``)
``DELETE /rest/receipt``    ``{"id", "date"}``: return a B2C_RECEIPT (B2C only)
``GET /rest/info``          operator, POS, merchants (with ``vatPayer``) and ``paymentTypes``
``GET /rest/sendData``      send the backlog to the tax authority (``/rest/send`` as alias)
``GET /rest/bankAccounts``  ``?tin=``: the merchant's registered bank accounts
==========================  ============================================================

and, for convenience, two public lookups of the tax authority's API (``api.ebarimt.mn`` in
production, not the local daemon): ``GET /api/info/check/getTinInfo?regNo=`` (register number
-> TIN) and ``GET /api/info/check/getInfo?tin=`` (name, ``vatPayer``, ``cityPayer``, ...).

What is validated on ``POST /rest/receipt``, in this order (all violations of a step are
reported together in ``message``, separated by ``"; "``, each starting with its field path):

1. the body is a JSON object, and no key is a wrongly-cased spelling of a documented field
   (``totalVat``, ``inActiveId``: some SDKs send these; the OpenAPI file spells ``totalVAT``,
   ``inactiveId``, and an unknown spelling would silently be ignored);
2. the OpenAPI file itself (``specs/ebarimt-posapi-3.0.openapi.yaml.txt``, :data:`SPEC_PATH`):
   the request schema of ``POST /rest/receipt`` loaded from the YAML, checked by ``jsonschema``
   (Draft 2020-12, as OpenAPI 3.1 says), after the :data:`SCHEMA_ERRATA` below;
3. the business rules of the manual and the field descriptions (:meth:`PosApiSimulator.rules`):

   * ``type`` is one of B2C_RECEIPT, B2B_RECEIPT, B2C_INVOICE, B2B_INVOICE;
   * ``branchNo`` 3 digits; ``districtCode`` present and 4 digits; ``posNo`` not empty;
   * ``merchantTin`` (header and every sub-receipt) 11 to 14 digits and registered in this
     PosAPI (``/rest/info`` ``merchants``);
   * B2B types need ``customerTin`` (11-14 digits); B2C types must not carry one;
   * ``consumerNo`` only on B2C_RECEIPT, 8 digits;
   * ``reportMonth`` only on B2B types, only on days 1-7, and only the previous month;
   * ``billIdSuffix`` not empty and unique per Ulaanbaatar calendar day and merchant;
   * ``receipts`` not empty, ``taxType`` one of VAT_ABLE, VAT_FREE, VAT_ZERO, NO_VAT, and
     **one sub-receipt per tax type** (per merchant); each sub-receipt has items;
   * items: ``classificationCode`` 7 digits; ``taxProductCode`` (digits) on VAT_FREE and
     VAT_ZERO; ``barCodeType`` UNDEFINED, GS1 or ISBN; ``qty``, ``unitPrice``,
     ``totalAmount`` > 0; ``qty * unitPrice`` equals ``totalAmount`` either tax included (the
     field description) or before tax (the official examples: 5000 for 5600);
   * VAT: 10 % on VAT_ABLE items of a VAT-paying merchant, 0 on everything else (manual,
     tables 1 and 2); city tax on an item is 0 or the configured rate (default 2 %); both
     computed from the tax-included total: ``vat = total * 0.10 / (1 + 0.10 + rate)``, within
     0.01;
   * totals add up: items -> sub-receipt and sub-receipts -> receipt, for ``totalAmount``,
     ``totalVAT`` and ``totalCityTax`` (to the cent);
   * payments: ``code`` one of ``/rest/info`` ``paymentTypes``; ``status`` PAID, PAY,
     REVERSED or ERROR; receipts (not invoices) need payments; the PAID amounts sum to
     ``totalAmount`` -- otherwise the answer's ``status`` is ``PAYMENT`` (manual: "payment
     information incomplete");
   * invoice types: every sub-receipt names a ``bankAccountNo`` registered for its merchant;
   * ``inactiveId`` (a correction): 33 digits, an issued receipt of the same merchant that is
     still active -- a chain of corrections always names the latest receipt; the replaced one
     becomes inactive; ``invoiceId``: 33 digits, an issued invoice.

Answers. Success: HTTP 200 with the request echoed plus ``id`` (33 digits), ``posId``,
``version``, ``status`` "SUCCESS", ``message`` "", ``qrData`` (digits), ``lottery``, ``date``
("yyyy-MM-dd HH:mm:ss", Ulaanbaatar), ``easy`` (bool) and each sub-receipt's own 33-digit
``id`` and ``bankAccountId``. ``lottery`` is "SN 12345678" only on a B2C_RECEIPT that is not a
correction and has a sub-receipt other than NO_VAT (manual, table 1; a correction keeps the
first receipt's lottery and gets none), else "". Refusal: HTTP 400 with
``{"status": "ERROR" | "PAYMENT", "message": "...", "date": "..."}`` and nothing stored.
``DELETE``: HTTP 200 with an empty body ("Response: NONE"), or the same 400 shape.

The manual forbids keeping ``lottery`` and ``qrData`` in any form other than the printed
receipt. The simulator keeps them (:meth:`PosApiSimulator.receipts`) only so tests can check
them; a caller must not, and there is no endpoint to fetch them again: a reprint has to
reproduce the document that was printed, not ask PosAPI.

Sources and where they disagree (see also ``tools/simulators/README.md``):

* ``ebarimt-posapi-3.0.openapi.yaml`` (official, 2025-03-31) and the PosAPI 3.0.1 manual,
  from Amraa1/ebarimt-pos-sdk ``spec/vendor``; second readings: techpartners-asia/
  ebarimt-pos3-go (``v2/posapi``, ``v2/receipt``, its fake ``v2/postest``) and
  Amraa1/ebarimt-pos-sdk (``resources/``, ``tests/data`` recorded from a staging daemon).
* The OpenAPI schema rejects its own examples: ``barCode``, ``iBan`` and ``taxProductCode``
  are sent as ``null`` there and ``payments[].data`` is missing from every example
  (:data:`SCHEMA_ERRATA` relaxes exactly these four).
* Response: the schema spells ``qrDate`` and types ``easy`` as a string; the manual, both SDKs
  and the recorded staging answer have ``qrData`` and a boolean ``easy`` (the simulator
  answers the latter). ``date``: schema ``format: date``, manual "yyyy-MM-dd HH:mm:ss".
  ``/rest/info`` ``customers[].vatPayer``: string in the schema, boolean in the recorded
  staging answer and both SDKs (boolean here).
* ``NO_VAT`` (manual, SDK enum; Amraa1 changelog 0.4.0: "the value the live server accepts")
  against ``NOT_VAT`` (OpenAPI example, ebarimt-pos3-go): the simulator accepts NO_VAT only.
* City tax: the OpenAPI description computes 1000 + 100 + 20 = 1120 (2 %), the manual
  1000 + 100 + 10 = 1110 (1 %), the OpenAPI x-example 5550 (1 %), ebarimt-pos3-go 2 %
  (and the daemon's message "НХАТ-г 2%-р тооцоолоогүй байна"): the rate is a setting
  (``city_tax_rate``, default 0.02).
* TIN: manual "11 or 14 digits", OpenAPI "11 for companies, 12-14 (civil id) for persons",
  examples use 12 digits: 11-14 digits accepted.
* ``taxProductCode``: manual "3 digits", but the code list service's example is "43401" and
  the NO_VAT example "0000414": digits of any length are accepted.
* ``/rest/sendData`` (OpenAPI) is ``/rest/send`` in the manual: both are served.
* Payment codes: the OpenAPI file and the manual list CASH and PAYMENT_CARD only and the
  OpenAPI ``/rest/info`` schema has no payment codes at all; the staging daemon's recorded
  ``/rest/info`` answer carries ``paymentTypes`` (CASH, PAYMENT_CARD, BONUS_CARD_TEST, EMD,
  BANK_TRANSFER), and that is what the simulator lists and checks against.
* ``unitPrice``: "all taxes included" (field description, manual) but 5000 for a 5600 total
  in every official example; both readings are accepted (rule above).
* ``reportMonth``: OpenAPI "only B2B_RECEIPT, B2B_INVOICE"; ebarimt-pos3-go also allows
  B2C_INVOICE. The simulator follows the OpenAPI file.
* ``DELETE`` body: the official files have ``{id, date}``; Amraa1's SDK also sends ``type``
  (accepted and ignored).
* Error shape: undocumented in the official files; ebarimt-pos3-go's fake answers HTTP 400
  ``{"status": "ERROR", "message": ...}`` "the way the daemon does" and Amraa1's SDK reads
  ``status``, ``message`` and ``date`` from a non-2xx answer.
"""

import copy
import functools
import hashlib
import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

import jsonschema
import yaml

from . import Response, Simulator

#: The official OpenAPI file, copied byte for byte into the repository (sha256 in the README);
#: the ``.txt`` suffix keeps the repository's YAML formatter (prettier) from rewriting it.
SPEC_PATH = Path(__file__).resolve().parent / "specs" / "ebarimt-posapi-3.0.openapi.yaml.txt"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
RECEIPT_TYPES = ("B2C_RECEIPT", "B2B_RECEIPT", "B2C_INVOICE", "B2B_INVOICE")
B2B_TYPES = ("B2B_RECEIPT", "B2B_INVOICE")
INVOICE_TYPES = ("B2C_INVOICE", "B2B_INVOICE")
TAX_TYPES = ("VAT_ABLE", "VAT_FREE", "VAT_ZERO", "NO_VAT")
BARCODE_TYPES = ("UNDEFINED", "GS1", "ISBN")
PAYMENT_STATUSES = ("PAID", "PAY", "REVERSED", "ERROR")
VAT_RATE = Decimal("0.10")
CENT = Decimal("0.01")

#: Relaxations of the OpenAPI request schema, each forced by the file's own examples
#: (``(path of the property in the schema, change, reason)``).
SCHEMA_ERRATA = (
    (
        ("receipts", "items", "properties", "items", "items", "properties", "barCode"),
        "nullable",
        "examples B2C_INVOICE, VAT_ZERO send barCode: null",
    ),
    (
        ("receipts", "items", "properties", "items", "items", "properties", "taxProductCode"),
        "nullable",
        "example B2C_RECEIPT sends taxProductCode: null",
    ),
    (
        ("receipts", "items", "properties", "iBan"),
        "nullable",
        "example B2B_RECEIPT sends iBan: null",
    ),
    (
        ("payments", "items"),
        "data not required",
        "no example's CASH payment has data",
    ),
)

#: Same for the 200 answer of POST /rest/receipt (used by the tests to check the simulator).
RESPONSE_ERRATA = (
    ("qrDate", "renamed qrData", "manual, both SDKs and the recorded staging answer"),
    ("easy", "boolean", "manual 'Boolean', recorded staging answer true"),
)

#: The documented spellings whose other casings are refused (step 1).
_KNOWN_KEYS = (
    "branchNo totalAmount totalVAT totalCityTax districtCode merchantTin posNo customerTin "
    "consumerNo type inactiveId reportMonth billIdSuffix invoiceId receipts payments taxType "
    "bankAccountNo iBan items barCode barCodeType classificationCode taxProductCode "
    "measureUnit qty unitPrice paidAmount exchangeCode"
).split()
_KNOWN_BY_FOLD = {key.lower(): key for key in _KNOWN_KEYS}


@functools.lru_cache(maxsize=4)
def load_spec(path=SPEC_PATH):
    """The OpenAPI document, as loaded from the YAML file (cached: treat it as read-only)."""
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _nullable(schema):
    types = schema.get("type")
    if isinstance(types, str):
        schema["type"] = [types, "null"]
    elif isinstance(types, list) and "null" not in types:
        types.append("null")


def request_schema(spec):
    """The request schema of ``POST /rest/receipt`` with :data:`SCHEMA_ERRATA` applied."""
    post = spec["paths"]["/rest/receipt"]["post"]
    schema = copy.deepcopy(post["requestBody"]["content"]["application/json"]["schema"])
    for path, change, _reason in SCHEMA_ERRATA:
        node = schema["properties"]
        for key in path[:-1]:
            node = node[key]
        node = node[path[-1]]
        if change == "nullable":
            _nullable(node)
        else:
            node["required"] = [key for key in node["required"] if key != "data"]
    return schema


def response_schema(spec):
    """The 200 schema of ``POST /rest/receipt`` with :data:`RESPONSE_ERRATA` applied."""
    post = spec["paths"]["/rest/receipt"]["post"]
    schema = copy.deepcopy(post["responses"]["200"]["content"]["application/soap+xml"]["schema"])
    props = schema["properties"]
    props["qrData"] = props.pop("qrDate")
    schema["required"] = ["qrData" if key == "qrDate" else key for key in schema["required"]]
    props["easy"]["type"] = "boolean"
    return schema


def info_schema(spec):
    """The 200 schema of ``GET /rest/info``, ``customers[].vatPayer`` made boolean: the schema
    says string ("true"/"false"), the recorded staging answer and both SDKs have a boolean."""
    get = spec["paths"]["/rest/info"]["get"]
    schema = copy.deepcopy(get["responses"]["200"]["content"]["application/json"]["schema"])
    customer = schema["properties"]["merchants"]["items"]["properties"]["customers"]["items"]
    customer["properties"]["vatPayer"]["type"] = "boolean"
    return schema


def delete_schema(spec):
    return spec["paths"]["/rest/receipt"]["delete"]["requestBody"]["content"]["application/json"][
        "schema"
    ]


def _money(value):
    """A JSON number (or None) as Decimal; None counts as 0."""
    if value is None:
        return Decimal(0)
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return Decimal(0)


def _cents(value):
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _digits(value, count=None, low=None, high=None):
    if not isinstance(value, str) or not value.isdigit() or not value.isascii():
        return False
    if count is not None:
        return len(value) == count
    return low <= len(value) <= high


def _empty(value):
    return value is None or value == ""


class Refusal(Exception):
    """A refused request: ``status`` ("ERROR" or "PAYMENT") and the list of violations."""

    def __init__(self, violations, status="ERROR"):
        super().__init__("; ".join(violations))
        self.violations = violations
        self.status = status


DEFAULT_MERCHANTS = (
    {
        "tin": "37900846788",
        "name": "ТЕСТИЙН ХЭРЭГЛЭГЧ 1",
        "vatPayer": True,
        "bankAccounts": [
            {
                "id": 1,
                "bankAccountNo": "5041466217",
                "bankAccountName": "ТЕСТИЙН ХЭРЭГЛЭГЧ 1",
                "bankId": 5,
                "bankName": "Хаан банк",
                "iBan": "MN120005005041466217",
            }
        ],
    },
    {
        "tin": "61200064714",
        "name": "ТТҮГ-тест (НӨАТ төлөгч биш)",
        "vatPayer": False,
        "bankAccounts": [],
    },
)

DEFAULT_PAYMENT_TYPES = (
    {"code": "CASH", "name": "Бэлэнээр"},
    {"code": "PAYMENT_CARD", "name": "Төлбөрийн карт"},
    {"code": "BONUS_CARD_TEST", "name": "Бонус Карт тест"},
    {"code": "EMD", "name": "Эрүүл мэндийн даатгалаар"},
    {"code": "BANK_TRANSFER", "name": "Банкны шилжүүлэг"},
)

#: Taxpayers the public lookups know: register number -> TIN, and TIN -> getInfo data.
DEFAULT_TAXPAYERS = (
    {"regNo": "5317878", "tin": "37900846788", "name": "ТЕСТИЙН ХЭРЭГЛЭГЧ 1", "vatPayer": True},
    {"regNo": "6235972", "tin": "61101326127", "name": "ДАТАКЕЙР", "vatPayer": True},
    {"regNo": "2834421", "tin": "61200064714", "name": "ТТҮГ-тест", "vatPayer": False},
)


class PosApiSimulator(Simulator):
    """PosAPI 3.0 with in-memory state. See the module docstring for the rules.

    Test hooks and settings: ``clock`` (``advance(days=1)`` moves the "day" of
    ``billIdSuffix``), ``set_down``, ``city_tax_rate``, ``merchants``, ``payment_types``,
    :meth:`add_taxpayer`, :meth:`receipts`, :meth:`receipt`.
    """

    name = "posapi"

    def __init__(
        self,
        host="127.0.0.1",
        port=0,
        *,
        city_tax_rate="0.02",
        merchants=DEFAULT_MERCHANTS,
        payment_types=DEFAULT_PAYMENT_TYPES,
        taxpayers=DEFAULT_TAXPAYERS,
        spec_path=SPEC_PATH,
        **kwargs,
    ):
        super().__init__(host, port, **kwargs)
        self.spec = load_spec(spec_path)
        self._validator = jsonschema.Draft202012Validator(request_schema(self.spec))
        self._delete_validator = jsonschema.Draft202012Validator(delete_schema(self.spec))
        self.city_tax_rate = Decimal(str(city_tax_rate))
        self.merchants = copy.deepcopy(list(merchants))
        self.payment_types = copy.deepcopy(list(payment_types))
        self.taxpayers = {}
        for payer in taxpayers:
            self.add_taxpayer(**payer)
        self.operator = {"name": "MN SIMULATOR OPERATOR", "tin": "37900846788"}
        self.pos_id = 101317077
        self.pos_no = "10012619"
        self.left_lotteries = 20000
        self.last_sent = None
        self._receipts = {}  # id -> record
        self._suffixes = set()  # (day, merchantTin, billIdSuffix)
        self._seq = 0

    # --- test hooks -------------------------------------------------------------------
    def add_taxpayer(self, regNo, tin, name, vatPayer=True, cityPayer=True, **extra):  # noqa: N803
        with self.lock:
            self.taxpayers[tin] = {
                "regNo": regNo,
                "tin": tin,
                "name": name,
                "vatPayer": vatPayer,
                "cityPayer": cityPayer,
                **extra,
            }

    def receipts(self):
        """Copies of every stored receipt: ``{"request", "response", "state", ...}``.

        ``state`` is "ACTIVE", "RETURNED" (DELETE) or "REPLACED" (a correction names it);
        ``sent`` tells whether ``/rest/sendData`` has run since.
        """
        with self.lock:
            return copy.deepcopy(list(self._receipts.values()))

    def receipt(self, receipt_id):
        with self.lock:
            record = self._receipts.get(receipt_id)
            return copy.deepcopy(record) if record else None

    # --- HTTP ---------------------------------------------------------------------------
    def dispatch(self, request):
        routes = {
            ("POST", "/rest/receipt"): self.post_receipt,
            ("DELETE", "/rest/receipt"): self.delete_receipt,
            ("GET", "/rest/info"): self.get_info,
            ("GET", "/rest/sendData"): self.send_data,
            ("GET", "/rest/send"): self.send_data,
            ("GET", "/rest/bankAccounts"): self.bank_accounts,
            ("GET", "/api/info/check/getTinInfo"): self.tin_info,
            ("GET", "/api/info/check/getInfo"): self.taxpayer_info,
        }
        handler = routes.get((request.method, request.path))
        if handler is None:
            known = any(path == request.path for _method, path in routes)
            status = 405 if known else 404
            return Response(status, self._error([f"{request.method} {request.path}: no such"]))
        with self.lock:
            try:
                return handler(request)
            except Refusal as refusal:
                return Response(400, self._error(refusal.violations, refusal.status))

    def _error(self, violations, status="ERROR"):
        return {
            "status": status,
            "message": "; ".join(violations),
            "date": self.clock.now().strftime(DATE_FORMAT),
        }

    @staticmethod
    def _body(request):
        try:
            body = request.json()
        except ValueError:
            raise Refusal(["body: not a JSON document"]) from None
        if not isinstance(body, dict):
            raise Refusal(["body: must be a JSON object"])
        return body

    # --- POST /rest/receipt -----------------------------------------------------------
    def post_receipt(self, request):
        body = self._body(request)
        self._check_spellings(body)
        errors = sorted(self._validator.iter_errors(body), key=lambda e: list(e.absolute_path))
        if errors:
            raise Refusal([self._schema_message(error) for error in errors])
        violations, status = self.rules(body)
        if violations:
            raise Refusal(violations, status)
        return Response(200, self._issue(body))

    @staticmethod
    def _schema_message(error):
        path = ".".join(str(part) for part in error.absolute_path) or "body"
        return f"{path}: {error.message} (OpenAPI schema)"

    def _check_spellings(self, body):
        wrong = []

        def walk(node, path):
            if isinstance(node, dict):
                for key, value in node.items():
                    right = _KNOWN_BY_FOLD.get(key.lower())
                    if right and right != key and key != "data":
                        wrong.append(f"{path}{key}: not a PosAPI 3.0 field, spelled {right}")
                    walk(value, f"{path}{key}.")
            elif isinstance(node, list):
                for index, value in enumerate(node):
                    walk(value, f"{path}{index}.")

        walk(body, "")
        if wrong:
            raise Refusal(wrong)

    def _merchant(self, tin):
        return next((m for m in self.merchants if m["tin"] == tin), None)

    def rules(self, body):
        """The business rules: ``(violations, status)`` -- status "PAYMENT" or "ERROR"."""
        v = []
        kind = body.get("type")
        today = self.clock.now().date()
        if kind not in RECEIPT_TYPES:
            v.append(f"type: must be one of {', '.join(RECEIPT_TYPES)}, got {kind!r}")
        if not _digits(body.get("branchNo"), 3):
            v.append("branchNo: must be 3 digits (000, 001, 142, ...)")
        if not _digits(body.get("districtCode"), 4):
            v.append("districtCode: required, 4 digits (getBranchInfo code)")
        if _empty(body.get("posNo")):
            v.append("posNo: required")
        self._check_merchant("merchantTin", body.get("merchantTin"), v)
        self._check_buyer(body, kind, v)
        self._check_report_month(body, kind, today, v)
        suffix = body.get("billIdSuffix")
        if _empty(suffix):
            v.append("billIdSuffix: required")
        elif (today, body.get("merchantTin"), suffix) in self._suffixes:
            v.append(f"billIdSuffix: {suffix!r} already used today ({today.isoformat()})")
        self._check_links(body, v)
        self._check_receipts(body, kind, v)
        self._check_payment_codes(body, v)
        if v:
            return v, "ERROR"
        payment_violations = self._check_payments(body, kind)
        return payment_violations, "PAYMENT" if payment_violations else "ERROR"

    def _check_merchant(self, field, tin, v):
        if not _digits(tin, low=11, high=14):
            v.append(f"{field}: must be a TIN of 11 to 14 digits, got {tin!r}")
        elif self._merchant(tin) is None:
            v.append(f"{field}: merchant {tin} is not registered in this PosAPI (/rest/info)")

    @staticmethod
    def _check_buyer(body, kind, v):
        customer, consumer = body.get("customerTin"), body.get("consumerNo")
        if kind in B2B_TYPES and not _digits(customer, low=11, high=14):
            v.append(f"customerTin: required for {kind}, a TIN of 11 to 14 digits")
        if kind in ("B2C_RECEIPT", "B2C_INVOICE") and not _empty(customer):
            v.append(f"customerTin: only B2B_RECEIPT and B2B_INVOICE carry one, not {kind}")
        if not _empty(consumer):
            if kind != "B2C_RECEIPT":
                v.append(f"consumerNo: only B2C_RECEIPT may carry one, not {kind}")
            elif not _digits(consumer, 8):
                v.append("consumerNo: must be 8 digits")

    @staticmethod
    def _check_report_month(body, kind, today, v):
        month = body.get("reportMonth")
        if _empty(month):
            return
        if kind not in B2B_TYPES:
            v.append(f"reportMonth: only B2B_RECEIPT and B2B_INVOICE, not {kind}")
            return
        match = re.fullmatch(r"(\d{4})-(\d{2})(?:-\d{2})?", month)
        previous = date(today.year, today.month, 1).toordinal() - 1
        previous = date.fromordinal(previous)
        if not match:
            v.append("reportMonth: must be yyyy-MM-dd")
        elif (int(match[1]), int(match[2])) != (previous.year, previous.month):
            v.append("reportMonth: only the previous month can be reported late")
        elif today.day > 7:
            v.append("reportMonth: late receipts only on days 1 to 7 of the month")

    def _check_links(self, body, v):
        inactive = body.get("inactiveId")
        if not _empty(inactive):
            old = self._receipts.get(inactive)
            if not _digits(inactive, 33):
                v.append("inactiveId: must be the 33-digit id of the receipt corrected")
            elif old is None:
                v.append(f"inactiveId: no receipt {inactive}")
            elif old["state"] == "REPLACED":
                v.append(
                    f"inactiveId: {inactive} was already corrected by {old['replacedBy']}; "
                    "a correction names the latest receipt of the chain"
                )
            elif old["state"] != "ACTIVE":
                v.append(f"inactiveId: {inactive} is {old['state'].lower()}")
            elif old["request"]["merchantTin"] != body.get("merchantTin"):
                v.append("inactiveId: the corrected receipt belongs to another merchant")
        invoice = body.get("invoiceId")
        if not _empty(invoice):
            old = self._receipts.get(invoice)
            if not _digits(invoice, 33):
                v.append("invoiceId: must be a 33-digit id")
            elif old is None or old["request"]["type"] not in INVOICE_TYPES:
                v.append(f"invoiceId: no invoice {invoice}")

    def _check_receipts(self, body, kind, v):
        receipts = body.get("receipts") or []
        if not receipts:
            v.append("receipts: at least one sub-receipt is required")
        seen = set()
        sums = [Decimal(0)] * 3
        for index, sub in enumerate(receipts):
            path = f"receipts.{index}"
            tax_type, tin = sub.get("taxType"), sub.get("merchantTin")
            if tax_type not in TAX_TYPES:
                hint = " (NOT_VAT is spelled NO_VAT)" if tax_type == "NOT_VAT" else ""
                v.append(f"{path}.taxType: must be one of {', '.join(TAX_TYPES)}{hint}")
            elif (tin, tax_type) in seen:
                v.append(
                    f"{path}.taxType: a second {tax_type} sub-receipt; one sub-receipt per tax type"
                )
            seen.add((tin, tax_type))
            self._check_merchant(f"{path}.merchantTin", tin, v)
            merchant = self._merchant(tin) or {"vatPayer": True, "bankAccounts": []}
            if kind in INVOICE_TYPES:
                accounts = {a["bankAccountNo"] for a in merchant.get("bankAccounts", [])}
                if _empty(sub.get("bankAccountNo")):
                    v.append(f"{path}.bankAccountNo: required on {kind}")
                elif sub["bankAccountNo"] not in accounts:
                    v.append(f"{path}.bankAccountNo: not an account of merchant {tin}")
            items = sub.get("items") or []
            if not items:
                v.append(f"{path}.items: at least one item is required")
            totals = [Decimal(0)] * 3
            for item_index, item in enumerate(items):
                self._check_item(f"{path}.items.{item_index}", item, tax_type, merchant, v)
                amounts = (item.get("totalAmount"), item.get("totalVAT"), item.get("totalCityTax"))
                totals = [t + _money(a) for t, a in zip(totals, amounts, strict=True)]
            self._check_sums(path, sub, totals, "the sum of its items", v)
            amounts = (sub.get("totalAmount"), sub.get("totalVAT"), sub.get("totalCityTax"))
            sums = [s + _money(a) for s, a in zip(sums, amounts, strict=True)]
        self._check_sums("body", body, sums, "the sum of the sub-receipts", v)

    @staticmethod
    def _check_sums(path, node, totals, what, v):
        for field, total in zip(("totalAmount", "totalVAT", "totalCityTax"), totals, strict=True):
            given = _money(node.get(field))
            if _cents(given) != _cents(total):
                prefix = f"{path}." if path != "body" else ""
                v.append(f"{prefix}{field}: {given} is not {what} ({_cents(total)})")

    def _check_item(self, path, item, tax_type, merchant, v):
        if not _digits(item.get("classificationCode"), 7):
            v.append(f"{path}.classificationCode: required, 7 digits (БҮНА code)")
        code = item.get("taxProductCode")
        if tax_type in ("VAT_FREE", "VAT_ZERO") and _empty(code):
            v.append(f"{path}.taxProductCode: required for {tax_type}")
        elif not _empty(code) and not _digits(code, low=1, high=16):
            v.append(f"{path}.taxProductCode: digits only")
        if item.get("barCodeType") is not None and item["barCodeType"] not in BARCODE_TYPES:
            v.append(f"{path}.barCodeType: one of {', '.join(BARCODE_TYPES)}")
        qty, price = _money(item.get("qty")), _money(item.get("unitPrice"))
        total = _money(item.get("totalAmount"))
        vat, city = _money(item.get("totalVAT")), _money(item.get("totalCityTax"))
        for field, value in (("qty", qty), ("unitPrice", price), ("totalAmount", total)):
            if value <= 0:
                v.append(f"{path}.{field}: must be greater than 0")
        if qty <= 0 or total <= 0:
            return
        tolerance = CENT * max(Decimal(1), qty) + Decimal("0.005")
        gross, net = abs(qty * price - total), abs(qty * price - (total - vat - city))
        if min(gross, net) > tolerance:
            v.append(
                f"{path}.unitPrice: qty x unitPrice = {qty * price} is neither totalAmount "
                f"{total} (tax included) nor totalAmount - VAT - city tax {total - vat - city}"
            )
        vat_due = tax_type == "VAT_ABLE" and merchant.get("vatPayer", True)
        divisor = 1 + (VAT_RATE if vat_due else 0) + (self.city_tax_rate if city else 0)
        if city:
            want = _cents(total * self.city_tax_rate / divisor)
            if abs(want - city) > CENT:
                percent = f"{(self.city_tax_rate * 100).normalize():f}"
                v.append(
                    f"{path}.totalCityTax: НХАТ-г {percent}%-р тооцоолоогүй байна. "
                    f"Шалгуур дүн: {want}"
                )
        if vat_due:
            want = _cents(total * VAT_RATE / divisor)
            if abs(want - vat) > CENT:
                v.append(f"{path}.totalVAT: НӨАТ-г 10%-р тооцоолоогүй байна. Шалгуур дүн: {want}")
        elif vat:
            why = "the merchant is not a VAT payer" if tax_type == "VAT_ABLE" else tax_type
            v.append(f"{path}.totalVAT: must be 0 ({why})")

    def _check_payment_codes(self, body, v):
        codes = [p["code"] for p in self.payment_types]
        for index, payment in enumerate(body.get("payments") or []):
            if payment.get("code") not in codes:
                v.append(f"payments.{index}.code: one of /rest/info paymentTypes {codes}")
            if payment.get("status") not in PAYMENT_STATUSES:
                v.append(f"payments.{index}.status: one of {', '.join(PAYMENT_STATUSES)}")

    @staticmethod
    def _check_payments(body, kind):
        v = []
        payments = body.get("payments") or []
        total = _money(body.get("totalAmount"))
        paid = sum(
            (_money(p.get("paidAmount")) for p in payments if p.get("status") == "PAID"),
            Decimal(0),
        )
        if not payments and kind not in INVOICE_TYPES:
            v.append(f"payments: a {kind} needs its payments")
        elif payments and _cents(paid) != _cents(total):
            v.append(f"payments: PAID amounts {paid} do not make totalAmount {total}")
        return v

    # --- issuing ------------------------------------------------------------------------
    def _new_id(self, tin, branch, now):
        self._seq += 1
        return (
            f"{tin:0>12}"[-12:]
            + f"{branch:0>3}"[-3:]
            + now.strftime("%y%m%d")
            + (f"{self._seq:012d}")
        )

    def _issue(self, body):
        now = self.clock.now()
        stamp = now.strftime(DATE_FORMAT)
        receipt_id = self._new_id(body["merchantTin"], body["branchNo"], now)
        correction = not _empty(body.get("inactiveId"))
        lottery = ""
        if (
            body["type"] == "B2C_RECEIPT"
            and not correction
            and any(sub["taxType"] != "NO_VAT" for sub in body["receipts"])
        ):
            lottery = self._lottery(receipt_id)
        answer = copy.deepcopy(body)
        for sub in answer["receipts"]:
            merchant = self._merchant(sub["merchantTin"])
            account = next(
                (
                    a
                    for a in merchant.get("bankAccounts", [])
                    if a["bankAccountNo"] == sub.get("bankAccountNo")
                ),
                None,
            )
            sub["id"] = self._new_id(sub["merchantTin"], body["branchNo"], now)
            sub["bankAccountId"] = account["id"] if account else 0
        digest = hashlib.sha256(f"{receipt_id}|{stamp}|{lottery}".encode()).hexdigest()
        answer.update(
            {
                "id": receipt_id,
                "version": "3.2.39-sim",
                "posId": self.pos_id,
                "status": "SUCCESS",
                "message": "",
                "qrData": str(int(digest * 3, 16))[:180],
                "lottery": lottery,
                "date": stamp,
                "easy": body["type"] == "B2C_RECEIPT" and not _empty(body.get("consumerNo")),
            }
        )
        self._suffixes.add((now.date(), body["merchantTin"], body["billIdSuffix"]))
        if correction:
            old = self._receipts[body["inactiveId"]]
            old["state"] = "REPLACED"
            old["replacedBy"] = receipt_id
        self._receipts[receipt_id] = {
            "id": receipt_id,
            "date": stamp,
            "type": body["type"],
            "state": "ACTIVE",
            "replacedBy": None,
            "sent": False,
            "request": copy.deepcopy(body),
            "response": copy.deepcopy(answer),
        }
        return answer

    def _lottery(self, receipt_id):
        self.left_lotteries -= 1
        number = int(hashlib.sha256(receipt_id.encode()).hexdigest(), 16)
        letters = chr(65 + number % 26) + chr(65 + number // 26 % 26)
        return f"{letters} {number % 10**8:08d}"

    # --- DELETE /rest/receipt -----------------------------------------------------------
    def delete_receipt(self, request):
        body = self._body(request)
        errors = list(self._delete_validator.iter_errors(body))
        if errors:
            raise Refusal([self._schema_message(error) for error in errors])
        try:
            datetime.strptime(body["date"], DATE_FORMAT)
        except ValueError:
            raise Refusal(["date: must be 'yyyy-MM-dd HH:mm:ss'"]) from None
        record = self._receipts.get(body["id"])
        if record is None:
            raise Refusal([f"id: no receipt {body['id']}"])
        if record["type"] != "B2C_RECEIPT":
            raise Refusal(
                [
                    f"id: a {record['type']} cannot be returned with DELETE (B2C_RECEIPT only); "
                    "correct it with a new receipt naming it in inactiveId"
                ]
            )
        if record["date"] != body["date"]:
            raise Refusal([f"date: the receipt {body['id']} was printed at {record['date']}"])
        if record["state"] != "ACTIVE":
            raise Refusal([f"id: the receipt is already {record['state'].lower()}"])
        record["state"] = "RETURNED"
        return Response(200, None)

    # --- GET endpoints ------------------------------------------------------------------
    def get_info(self, request):
        return Response(
            200,
            {
                "operatorName": self.operator["name"],
                "operatorTIN": self.operator["tin"],
                "posId": self.pos_id,
                "posNo": self.pos_no,
                "version": "3.2.39-sim",
                "lastSentDate": self.last_sent or "",
                "leftLotteries": self.left_lotteries,
                "appInfo": {
                    "applicationDir": "/opt/posapi-simulator",
                    "currentDir": "/opt/posapi-simulator",
                    "database": "QSQLITE",
                    "database-host": "memory",
                    "supported-databases": ["QSQLITE", "QMYSQL", "QSQLSERVER", "QPSQL"],
                    "workDir": "/opt/posapi-simulator",
                },
                "paymentTypes": copy.deepcopy(self.payment_types),
                "merchants": [
                    {
                        "tin": m["tin"],
                        "name": m["name"],
                        "vatPayer": m["vatPayer"],
                        "customers": [
                            {"tin": t["tin"], "name": t["name"], "vatPayer": t["vatPayer"]}
                            for t in self.taxpayers.values()
                        ],
                    }
                    for m in self.merchants
                ],
                "condition": {"isMedicine": False},
            },
        )

    def send_data(self, request):
        self.last_sent = self.clock.now().strftime(DATE_FORMAT)
        for record in self._receipts.values():
            record["sent"] = True
        return Response(200, {})

    def bank_accounts(self, request):
        tin = request.query.get("tin", "")
        if not tin:
            raise Refusal(["tin: required"])
        merchant = self._merchant(tin)
        accounts = merchant.get("bankAccounts", []) if merchant else []
        return Response(200, [{**a, "tin": tin} for a in accounts])

    def tin_info(self, request):
        reg_no = request.query.get("regNo", "").strip().upper()
        tin = next((t for t, p in self.taxpayers.items() if p["regNo"].upper() == reg_no), None)
        if tin is None:
            return Response(200, {"status": 400, "msg": "Бүртгэл олдсонгүй", "data": None})
        return Response(200, {"status": 200, "msg": "Амжилттай", "data": tin})

    def taxpayer_info(self, request):
        payer = self.taxpayers.get(request.query.get("tin", ""))
        if payer is None:
            data = {
                "name": "",
                "freeProject": False,
                "cityPayer": False,
                "vatPayer": False,
                "found": False,
                "vatpayerRegisteredDate": "",
                "isGovernment": False,
            }
        else:
            data = {
                "name": payer["name"],
                "freeProject": payer.get("freeProject", False),
                "cityPayer": payer["cityPayer"],
                "vatPayer": payer["vatPayer"],
                "found": True,
                "vatpayerRegisteredDate": "2019-02-16" if payer["vatPayer"] else "",
                "isGovernment": payer.get("isGovernment", False),
            }
        return Response(200, {"status": 200, "msg": "Амжилттай", "data": data})


def start(port=0, host="127.0.0.1", **settings):
    """Start a :class:`PosApiSimulator` in this process: returns ``(simulator, url)``."""
    simulator = PosApiSimulator(host, port, **settings)
    return simulator, simulator.start()


def stop(simulator):
    simulator.stop()
