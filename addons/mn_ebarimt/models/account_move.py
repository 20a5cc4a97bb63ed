from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.mn_crm_sales.tools.context_keys import EBARIMT_WRITE


class AccountMove(models.Model):
    _inherit = "account.move"

    mn_ebarimt_receipt_ids = fields.One2many(
        "mn.ebarimt.receipt", "move_id", string="E-barimt Receipts", readonly=True
    )
    mn_ebarimt_state = fields.Selection(
        [
            ("queued", "Queued"),
            ("sent", "Sent"),
            ("error", "Error"),
            ("manual", "Return on Portal"),
            ("voided", "Voided"),
        ],
        string="E-barimt",
        compute="_compute_mn_ebarimt_state",
    )
    mn_ebarimt_id = fields.Char(string="E-barimt Receipt ID", compute="_compute_mn_ebarimt_state")
    mn_ebarimt_available = fields.Boolean(
        string="E-barimt Can Be Issued", compute="_compute_mn_ebarimt_state"
    )

    @api.depends("mn_ebarimt_receipt_ids.state", "state", "move_type", "company_id")
    def _compute_mn_ebarimt_state(self):
        for move in self:
            receipt = move.sudo().mn_ebarimt_receipt_ids[:1]
            move.mn_ebarimt_state = receipt.state
            move.mn_ebarimt_id = receipt.ebarimt_id or receipt.inactive_id
            move.mn_ebarimt_available = bool(
                move.company_id.mn_ebarimt_enabled
                and move.move_type == "out_invoice"
                and move.state == "posted"
                and not receipt
            )

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._mn_ebarimt_queue(on_post=True)
        return posted

    def button_draft(self):
        if self.sudo().mn_ebarimt_receipt_ids.filtered(lambda r: r.state == "sent"):
            raise UserError(
                self.env._(
                    "This invoice has a sent e-barimt receipt: issue a credit note instead of "
                    "resetting it to draft."
                )
            )
        return super().button_draft()

    def _mn_ebarimt_queue(self, on_post=False):
        """Queue a receipt for each customer invoice (and each credit note of an invoice
        that has one). Never calls PosAPI: the cron sends the queue."""
        Receipt = self.env["mn.ebarimt.receipt"].sudo()
        vals_list = []
        for move in self:
            company = move.company_id
            if not company.mn_ebarimt_enabled or move.state != "posted":
                continue
            existing = move.sudo().mn_ebarimt_receipt_ids
            if existing:
                # posted again after a reset to draft: send the unsent receipt again
                existing.filtered(lambda r: r.state == "error").write(
                    {"state": "queued", "attempts": 0}
                )
                continue
            if move.move_type == "out_invoice":
                if on_post and company.mn_ebarimt_issue_on != "post":
                    continue
                vals_list.append({"move_id": move.id, "operation": "issue"})
            elif move.move_type == "out_refund" and move.reversed_entry_id:
                if Receipt.search_count([("move_id", "=", move.reversed_entry_id.id)]):
                    vals_list.append({"move_id": move.id, "operation": "correction"})
        receipts = Receipt.create(vals_list)
        if receipts:
            cron = self.env.ref("mn_ebarimt.ir_cron_mn_ebarimt_send", raise_if_not_found=False)
            if cron:
                cron.sudo()._trigger()
        return receipts

    def action_mn_ebarimt_issue(self):
        """On demand: queue the receipt and send it now."""
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(self.env._("Only accountants can issue e-barimt receipts."))
        if any(not move.company_id.mn_ebarimt_enabled for move in self):
            raise UserError(self.env._("E-barimt receipts are off for this company."))
        receipts = self._mn_ebarimt_queue()
        EBARIMT_WRITE.on(receipts.sudo(False))._mn_send()
        return self.action_mn_ebarimt_open_receipts()

    def action_mn_ebarimt_open_receipts(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mn_ebarimt.mn_ebarimt_receipt_action"
        )
        action["domain"] = [("move_id", "in", self.ids)]
        action["context"] = {"create": False}
        receipts = self.mn_ebarimt_receipt_ids
        if len(receipts) == 1:
            action.update({"view_mode": "form", "views": [(False, "form")], "res_id": receipts.id})
        return action
