"""E-barimt receipts (PosAPI 3.0) of customer invoices and credit notes.

The manual forbids keeping ``lottery`` and ``qrData`` in any form other than the printed
receipt. This model is that receipt: it keeps them exactly as PosAPI answered, in
``lottery`` and ``qr_data``, and nothing copies them anywhere else (no other field, no
chatter message, no log line); the invoice PDF prints them from here, so a reprint shows
the same receipt (readme/USAGE.md).
"""

import base64
import logging
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO

import qrcode
import requests

from odoo import api, fields, models, modules
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.mn_crm_sales.tools.context_keys import EBARIMT_WRITE

_logger = logging.getLogger(__name__)

CENT = Decimal("0.01")
VAT_RATE = Decimal("0.10")
TAX_TYPES = ("VAT_ABLE", "VAT_FREE", "VAT_ZERO", "NO_VAT")
#: Tax types whose items carry the city tax when the company charges it.
CITY_TAX_TYPES = ("VAT_ABLE", "VAT_FREE")
#: Seconds to wait for PosAPI (a scalar: Odoo's test runner compares it with a number);
#: posting never calls PosAPI, the cron never hangs on it.
TIMEOUT = 10
#: Refused receipts are retried this many times (a service that is down: always).
MAX_ATTEMPTS = 5
CRON_BATCH = 100


def _cents(value):
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def qr_code(data):
    """The QR code of a receipt's qrData (error correction M, a 2-module margin)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=4, border=2)
    code.add_data(data)
    code.make(fit=True)
    return code


def qr_image(data):
    """The QR code as a black and white PIL image, 4 pixels a module."""
    return qr_code(data).make_image().get_image()


class MnEbarimtUnavailable(Exception):
    """PosAPI did not answer: the receipt stays queued."""


class MnEbarimtRefused(Exception):
    """PosAPI (or the payload builder) refused the receipt: the receipt is in error."""


class MnEbarimtReceipt(models.Model):
    _name = "mn.ebarimt.receipt"
    _description = "E-barimt Receipt"
    _order = "id desc"

    move_id = fields.Many2one(
        "account.move",
        string="Invoice",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    name = fields.Char(related="move_id.name", string="Number")
    company_id = fields.Many2one(related="move_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="move_id.partner_id", string="Customer")
    operation = fields.Selection(
        [("issue", "Receipt"), ("correction", "Correction"), ("return", "Return")],
        default="issue",
        required=True,
        readonly=True,
    )
    state = fields.Selection(
        [
            ("queued", "Queued"),
            ("sent", "Sent"),
            ("error", "Error"),
            ("manual", "Return on Portal"),
            ("voided", "Voided"),
        ],
        default="queued",
        required=True,
        readonly=True,
        index=True,
    )
    receipt_type = fields.Selection(
        [("B2C_RECEIPT", "B2C receipt"), ("B2B_RECEIPT", "B2B receipt")],
        string="Type",
        readonly=True,
    )
    ebarimt_id = fields.Char(string="Receipt ID", readonly=True, copy=False, index=True)
    ebarimt_date = fields.Char(string="Receipt Date", readonly=True, copy=False)
    # Printed on the receipt and kept nowhere else (manual, section 5): no tracking, no
    # copy, never logged; only _mn_post writes them, from PosAPI's answer.
    lottery = fields.Char(string="Lottery Number", readonly=True, copy=False)
    qr_data = fields.Char(string="QR Data", readonly=True, copy=False)
    bill_id_suffix = fields.Char(string="Bill ID Suffix", readonly=True, copy=False)
    customer_tin = fields.Char(string="Customer TIN", readonly=True)
    inactive_id = fields.Char(
        string="Replaces Receipt",
        readonly=True,
        help="Receipt ID this correction replaces, or the receipt returned.",
    )
    replaced_by_id = fields.Many2one("mn.ebarimt.receipt", readonly=True, copy=False)
    amount_total = fields.Float(string="Total", digits=(16, 2), readonly=True)
    amount_vat = fields.Float(string="VAT", digits=(16, 2), readonly=True)
    amount_city_tax = fields.Float(string="City Tax", digits=(16, 2), readonly=True)
    attempts = fields.Integer(readonly=True)
    error_message = fields.Text(readonly=True)

    _move_unique = models.UniqueIndex("(move_id)", "An invoice has one e-barimt receipt.")

    # --- creation --------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._mn_check_server_write()
        receipts = super().create(vals_list)
        for receipt in receipts:
            if not receipt.bill_id_suffix:
                # Fixed once: a retry after a lost answer is refused by PosAPI as a duplicate
                # of the day instead of issuing a second receipt.
                receipt.bill_id_suffix = f"{receipt.id:06d}"
        return receipts

    def write(self, vals):
        self._mn_check_server_write()
        return super().write(vals)

    def _mn_check_server_write(self):
        """Receipts are PosAPI's answers: only posting invoices, the queue's cron and the
        buttons write them (``EBARIMT_WRITE``), whatever a caller's access rights."""
        if not (self.env.su or EBARIMT_WRITE.is_on(self)):
            raise AccessError(
                self.env._(
                    "E-barimt receipts are made by posting invoices and change only through "
                    "their buttons (send, retry, void)."
                )
            )

    def _compute_display_name(self):
        for receipt in self:
            receipt.display_name = receipt.ebarimt_id or receipt.move_id.display_name

    # --- rights ------------------------------------------------------------------------------
    def _mn_check_accountant(self):
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(
                self.env._("Only accountants can send, retry or void e-barimt receipts.")
            )

    # --- buttons -----------------------------------------------------------------------------
    def action_mn_send(self):
        """Send the queued or refused receipts to PosAPI now (accountants)."""
        self._mn_check_accountant()
        EBARIMT_WRITE.on(self).filtered(lambda r: r.state in ("queued", "error"))._mn_send()
        return True

    def action_mn_retry(self):
        """Queue the refused receipts again and send them (accountants)."""
        self._mn_check_accountant()
        to_retry = EBARIMT_WRITE.on(self).filtered(lambda r: r.state == "error")
        to_retry.write({"attempts": 0, "state": "queued"})
        to_retry._mn_send()
        return True

    def action_mn_void(self):
        """Return sent B2C receipts to PosAPI (accountants)."""
        self._mn_check_accountant()
        for receipt in EBARIMT_WRITE.on(self):
            if receipt.state != "sent" or receipt.operation == "return":
                raise UserError(self.env._("Only a sent receipt can be voided."))
            if receipt.replaced_by_id:
                raise UserError(
                    self.env._("This receipt was replaced by a correction: void the latest one.")
                )
            if receipt.receipt_type != "B2C_RECEIPT":
                raise UserError(
                    self.env._(
                        "PosAPI returns B2C receipts only: correct a B2B receipt with a "
                        "credit note."
                    )
                )
            try:
                receipt._mn_request(
                    "DELETE",
                    "/rest/receipt",
                    payload={"id": receipt.ebarimt_id, "date": receipt.ebarimt_date},
                )
            except (MnEbarimtUnavailable, MnEbarimtRefused) as error:
                raise UserError(
                    self.env._("PosAPI did not void the receipt: %s", str(error))
                ) from error
            receipt.write({"state": "voided", "error_message": False})
        return True

    def action_mn_mark_returned(self):
        """The accountant returned a B2B receipt on the e-barimt portal (PosAPI has no call
        for it): the credit note's receipt is done and the chain it returns is voided."""
        self._mn_check_accountant()
        for receipt in EBARIMT_WRITE.on(self):
            if receipt.state != "manual":
                raise UserError(
                    self.env._("Only a receipt waiting for a return on the portal can be marked.")
                )
            origin = receipt._mn_origin_receipt()
            (origin | origin._mn_latest_correction()).write({"state": "voided"})
            receipt.write({"state": "sent", "error_message": False})
        return True

    def _mn_latest_correction(self):
        """The receipt that now stands for this one: the last of its chain of corrections."""
        self.ensure_one()
        latest = self
        while latest.replaced_by_id:
            latest = latest.replaced_by_id
        return latest

    # --- sending -----------------------------------------------------------------------------
    @api.model
    def _mn_cron_send_queued(self):
        domain = [
            "|",
            ("state", "=", "queued"),
            "&",
            ("state", "=", "error"),
            ("attempts", "<", MAX_ATTEMPTS),
        ]
        receipts = EBARIMT_WRITE.on(self).search(domain, order="id", limit=CRON_BATCH)
        remaining = len(receipts)
        for receipt in receipts:
            remaining -= 1
            waiting = receipt._mn_send()
            if not modules.module.current_test and not self.env["ir.cron"]._commit_progress(
                1, remaining=remaining
            ):
                break  # the cron's time is up: it is rescheduled for the rest
            if waiting:
                break  # PosAPI is not answering: the next run tries again
        return True

    def _mn_lock(self):
        """Lock the row (skip it when another transaction sends it right now)."""
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id = %s FOR UPDATE SKIP LOCKED",
                SQL.identifier(self._table),
                self.id,
            )
        )
        locked = bool(self.env.cr.fetchone())
        if locked:
            self.invalidate_recordset()
        return locked

    def _mn_send(self):
        """Send these receipts; return those that were tried and stay queued.

        A receipt another process is sending right now (its row locked) is skipped and
        not returned: the cron goes on with the next one instead of taking it for a
        PosAPI that does not answer.
        """
        waiting = self.browse()
        for receipt in self:
            if not receipt._mn_lock() or receipt.state not in ("queued", "error"):
                continue
            receipt.attempts += 1
            try:
                if receipt.operation == "issue":
                    receipt._mn_send_issue()
                else:
                    receipt._mn_send_credit()
            except MnEbarimtUnavailable as error:
                _logger.info("e-barimt %s stays queued: %s", receipt.id, error)
                receipt.write({"state": "queued", "error_message": str(error)})
                waiting |= receipt
            except MnEbarimtRefused as error:
                _logger.info("e-barimt %s refused: %s", receipt.id, error)
                receipt.write({"state": "error", "error_message": str(error)})
        return waiting

    def _mn_send_issue(self):
        if self.move_id.state != "posted":
            raise MnEbarimtRefused(self.env._("The invoice is not posted."))
        tin = self._mn_customer_tin()
        self.write({"receipt_type": "B2B_RECEIPT" if tin else "B2C_RECEIPT", "customer_tin": tin})
        payload = self._mn_prepare_payload()
        self._mn_post(payload)

    def _mn_send_credit(self):
        """A credit note: return (DELETE) the latest receipt of the invoice when nothing of
        it is left and it is B2C, else a correction naming it in ``inactiveId``."""
        origin = self._mn_origin_receipt()
        if origin.state in ("queued", "error"):
            raise MnEbarimtUnavailable(
                self.env._("The receipt of the original invoice is not sent yet.")
            )
        if origin.state != "sent":
            raise MnEbarimtRefused(self.env._("The receipt of the original invoice is voided."))
        latest = origin._mn_latest_correction()
        self.write({"receipt_type": origin.receipt_type, "customer_tin": origin.customer_tin})
        if not self._mn_line_values():
            if latest.receipt_type != "B2C_RECEIPT":
                # DELETE is for B2C receipts only, and a correction (inactiveId) must carry
                # what is left of the sale, here nothing: PosAPI 3.0 has no call for it. The
                # accountant returns the receipt on the e-barimt portal, then marks it.
                self.write(
                    {
                        "operation": "return",
                        "state": "manual",
                        "inactive_id": latest.ebarimt_id,
                        "error_message": False,
                    }
                )
                return
            self._mn_request(
                "DELETE",
                "/rest/receipt",
                payload={"id": latest.ebarimt_id, "date": latest.ebarimt_date},
            )
            self.write(
                {
                    "operation": "return",
                    "state": "sent",
                    "inactive_id": latest.ebarimt_id,
                    "error_message": False,
                }
            )
            (origin | latest).write({"state": "voided"})
            return
        self.write({"operation": "correction", "inactive_id": latest.ebarimt_id})
        self._mn_post(self._mn_prepare_payload())
        latest.replaced_by_id = self

    def _mn_post(self, payload):
        answer = self._mn_request("POST", "/rest/receipt", payload=payload) or {}
        # lottery and qrData: kept as answered, for printing only (see the module docstring)
        self.write(
            {
                "state": "sent",
                "ebarimt_id": answer.get("id"),
                "ebarimt_date": answer.get("date"),
                "lottery": answer.get("lottery") or False,
                "qr_data": answer.get("qrData") or False,
                "amount_total": payload["totalAmount"],
                "amount_vat": payload["totalVAT"],
                "amount_city_tax": payload["totalCityTax"],
                "error_message": False,
            }
        )

    # --- printing ----------------------------------------------------------------------------
    def _mn_printed_receipt(self):
        """The receipt the move's PDF prints: issued by PosAPI (it has an id)."""
        return self.filtered("ebarimt_id")[:1]

    def _mn_qr_image_src(self):
        """The QR code of ``qr_data`` as an inline PNG for the PDF: drawn at print time,
        so the data never leaves this record in any other form."""
        self.ensure_one()
        if not self.qr_data:
            return False
        png = BytesIO()
        qr_image(self.qr_data).save(png, format="PNG")
        return "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()

    def _mn_origin_receipt(self):
        origin_move = self.move_id.reversed_entry_id
        return self.search([("move_id", "=", origin_move.id)], limit=1)

    # --- PosAPI ------------------------------------------------------------------------------
    def _mn_request(self, method, path, payload=None, params=None):
        url = (self.company_id.mn_ebarimt_url or "").rstrip("/") + path
        try:
            answer = requests.request(method, url, json=payload, params=params, timeout=TIMEOUT)
        except requests.exceptions.RequestException as error:
            raise MnEbarimtUnavailable(
                self.env._("PosAPI is not answering (%s).", type(error).__name__)
            ) from error
        if answer.status_code >= 500:
            raise MnEbarimtUnavailable(self.env._("PosAPI answered HTTP %s.", answer.status_code))
        try:
            body = answer.json() if answer.content else None
        except ValueError:
            body = None
        if answer.status_code != 200:
            message = body.get("message") if isinstance(body, dict) else answer.text
            raise MnEbarimtRefused(message or f"HTTP {answer.status_code}")
        return body

    def _mn_customer_tin(self):
        """The buyer's TIN (B2B), looked up from the register number once and kept on the
        customer; False for a B2C receipt."""
        partner = self.move_id.partner_id.commercial_partner_id
        if partner.mn_ebarimt_tin:
            return partner.mn_ebarimt_tin
        register = partner.mn_register_number
        if not register:
            return False
        answer = self._mn_request("GET", "/api/info/check/getTinInfo", params={"regNo": register})
        tin = (
            answer.get("data") if isinstance(answer, dict) and answer.get("status") == 200 else None
        )
        if not tin:
            return False
        partner.sudo().mn_ebarimt_tin = tin
        return tin

    # --- payload -----------------------------------------------------------------------------
    def _mn_line_values(self):
        """Lines to put on the receipt: ``[{product, name, qty, total, tax_type, uom}]``,
        totals tax included in the invoice's currency. A correction lists what is left of
        the original invoice after every posted credit note."""
        move = self.move_id
        if self.operation == "issue" and move.move_type == "out_invoice":
            return [self._mn_line_value(line, 1) for line in self._mn_product_lines(move)]
        origin = move.reversed_entry_id
        refunds = self.env["account.move"].search(
            [("reversed_entry_id", "=", origin.id), ("state", "=", "posted")]
        )
        net = defaultdict(lambda: {"qty": Decimal(0), "total": Decimal(0)})
        for lines, sign in (
            (self._mn_product_lines(origin), 1),
            (self._mn_product_lines(refunds), -1),
        ):
            for line in lines:
                value = self._mn_line_value(line, sign)
                key = (value["product"], value["tax_type"], value["name"])
                net[key].update({k: v for k, v in value.items() if k not in ("qty", "total")})
                net[key]["qty"] += value["qty"]
                net[key]["total"] += value["total"]
        return [v for v in net.values() if v["total"] > 0 and v["qty"] > 0]

    @staticmethod
    def _mn_product_lines(moves):
        return moves.invoice_line_ids.filtered(lambda line: line.display_type == "product")

    @staticmethod
    def _mn_line_value(line, sign):
        return {
            "product": line.product_id,
            "name": line.name or line.product_id.display_name,
            "uom": line.product_uom_id.name or "",
            "qty": Decimal(str(line.quantity)) * sign,
            "total": Decimal(str(line.price_total)) * sign,
            "tax_type": line.tax_ids._mn_ebarimt_tax_type(),
        }

    def _mn_item(self, value, rate):
        total, qty = _cents(value["total"]), value["qty"]
        tax_type, product = value["tax_type"], value["product"]
        vat_due = tax_type == "VAT_ABLE"
        city_due = bool(rate) and tax_type in CITY_TAX_TYPES
        divisor = 1 + (VAT_RATE if vat_due else 0) + (rate if city_due else 0)
        barcode = product.barcode or None
        code = product.mn_ebarimt_classification_code
        if not code:
            raise MnEbarimtRefused(
                self.env._(
                    "Set the e-barimt classification code of %s.",
                    product.display_name or value["name"],
                )
            )
        tax_code = product.mn_ebarimt_tax_product_code or None
        if tax_type in ("VAT_FREE", "VAT_ZERO") and not tax_code:
            raise MnEbarimtRefused(
                self.env._("Set the e-barimt tax product code of %s.", product.display_name)
            )
        return {
            "name": value["name"][:255],
            "barCode": barcode,
            "barCodeType": "GS1" if barcode and barcode.isdigit() else "UNDEFINED",
            "classificationCode": code,
            "taxProductCode": tax_code,
            "measureUnit": value["uom"],
            "qty": float(qty),
            "unitPrice": float(_cents(total / qty)),
            "totalAmount": float(total),
            "totalVAT": float(_cents(total * VAT_RATE / divisor)) if vat_due else 0.0,
            "totalCityTax": float(_cents(total * rate / divisor)) if city_due else 0.0,
        }

    def _mn_prepare_payload(self):
        """The PosAPI 3.0 ``POST /rest/receipt`` body: one sub-receipt per tax type, amounts
        tax included, VAT and city tax split out of each item's total, totals that add up."""
        self.ensure_one()
        company = self.company_id
        rate = Decimal(company.mn_ebarimt_city_tax_rate or "0")
        values = self._mn_line_values()
        if not values:
            raise MnEbarimtRefused(self.env._("The invoice has no line to put on a receipt."))
        if any(v["qty"] <= 0 or v["total"] <= 0 for v in values):
            raise MnEbarimtRefused(
                self.env._("E-barimt items need a positive quantity and amount.")
            )
        if self.operation == "issue":
            # The invoice total is the receipt's: put a rounding difference on the last line.
            difference = Decimal(str(self.move_id.amount_total)) - sum(
                _cents(v["total"]) for v in values
            )
            if difference and abs(difference) < 1:
                values[-1] = dict(values[-1], total=_cents(values[-1]["total"]) + difference)
        groups = defaultdict(list)
        for value in values:
            groups[value["tax_type"]].append(self._mn_item(value, rate))
        receipts = []
        for tax_type in TAX_TYPES:
            items = groups.get(tax_type)
            if items:
                receipts.append(
                    {
                        "taxType": tax_type,
                        "merchantTin": company.mn_ebarimt_merchant_tin,
                        **self._mn_totals(items),
                        "items": items,
                    }
                )
        totals = self._mn_totals(receipts)
        return {
            "branchNo": company.mn_ebarimt_branch_no,
            **totals,
            "districtCode": company.mn_ebarimt_district_code,
            "merchantTin": company.mn_ebarimt_merchant_tin,
            "posNo": company.mn_ebarimt_pos_no,
            "customerTin": self.customer_tin or None,
            "consumerNo": self._mn_consumer_no(),
            "type": self.receipt_type or "B2C_RECEIPT",
            "inactiveId": self.inactive_id or None,
            "reportMonth": None,
            "billIdSuffix": self.bill_id_suffix,
            "receipts": receipts,
            "payments": [
                {
                    "code": company.mn_ebarimt_payment_code or "CASH",
                    "status": "PAID",
                    "paidAmount": totals["totalAmount"],
                }
            ],
        }

    def _mn_consumer_no(self):
        """The citizen's e-barimt number: only a B2C_RECEIPT may carry one (OpenAPI)."""
        if (self.receipt_type or "B2C_RECEIPT") != "B2C_RECEIPT":
            return None
        return self.move_id.partner_id.commercial_partner_id.mn_ebarimt_consumer_no or None

    @staticmethod
    def _mn_totals(nodes):
        return {
            field: float(sum((Decimal(str(node[field])) for node in nodes), Decimal(0)))
            for field in ("totalAmount", "totalVAT", "totalCityTax")
        }
