"""Discount approval on quotations (rule 6 of the Sales issue).

A quotation whose lines carry more discount than their limits (see
``sale.order.line._mn_discount_limit``) can be neither sent nor confirmed until the team
leader or a sales manager approved it, and never by its own salesperson. States:

* ``not_needed``: nothing to approve (or the rule is off);
* ``to_request``: approval needed, not asked for (again) yet;
* ``requested``: an activity waits for the approver;
* ``approved``: approved as it stands; any change of the lines, of the salesperson, the
  team, the customer or the pricelist voids it;
* ``rejected``: refused with a reason; the salesperson changes the lines or asks again.

Nobody approves an order they sell, whose approval they requested, or that they were the
last to re-price (lines, salesperson, team, customer or pricelist). A confirmed order stays
judged: a change that would need approval is refused, unless it is made by someone who may
approve it, and then it counts as their approval (``_mn_judge_confirmed``).

The approval fields change only through ``action_mn_request_approval``,
``action_mn_approve`` and ``action_mn_reject``: ``create``/``write`` refuse them unless the
internal flag ``APPROVAL_WRITE`` is on, which no RPC caller can send.
"""

import hashlib

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ...tools.context_keys import APPROVAL_REFRESH_DEFERRED, APPROVAL_WRITE
from ..rules.protected_fields import drop_context_defaults
from ..rules.sale_order import QUOTATION_STATES

APPROVAL_ACTIVITY_TYPE = "mn_crm_sales.mail_activity_type_mn_discount_approval"
PROTECTED_FIELDS = frozenset(
    {
        "mn_approval_state",
        "mn_approval_user_id",
        "mn_approval_decided_by_id",
        "mn_approval_reject_reason",
        "mn_approval_signature",
        "mn_approval_requested_by_id",
        "mn_last_priced_by_id",
    }
)
PENDING_STATES = ("requested", "approved", "rejected")
# Order fields that change which limits or prices apply (the lines have their own hooks).
LIMIT_ORDER_FIELDS = frozenset(
    {"user_id", "team_id", "company_id", "partner_id", "pricelist_id", "fiscal_position_id"}
)


def _record_id(value):
    """The id a many2one value of ``write`` sets (an id, a string of one, a record, False)."""
    if isinstance(value, models.BaseModel):
        return value.id
    return int(value) if value else False


class SaleOrder(models.Model):
    _inherit = "sale.order"

    mn_approval_state = fields.Selection(
        selection=[
            ("not_needed", "Not needed"),
            ("to_request", "To request"),
            ("requested", "Requested"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        string="Discount approval",
        default="not_needed",
        required=True,
        readonly=True,
        copy=False,
    )
    mn_approval_user_id = fields.Many2one(
        "res.users",
        string="Approver",
        readonly=True,
        copy=False,
        help="Team leader (or sales manager) asked to approve the discounts.",
    )
    mn_approval_decided_by_id = fields.Many2one(
        "res.users", string="Approved/rejected by", readonly=True, copy=False
    )
    mn_approval_reject_reason = fields.Text(string="Rejection reason", readonly=True, copy=False)
    mn_approval_signature = fields.Char(
        string="Approved lines fingerprint",
        readonly=True,
        copy=False,
        help="Fingerprint of the lines when approval was requested or given: a change of "
        "product, quantity, price, discount, salesperson or of the set of lines voids it.",
    )
    mn_approval_requested_by_id = fields.Many2one(
        "res.users", string="Approval requested by", readonly=True, copy=False
    )
    mn_last_priced_by_id = fields.Many2one(
        "res.users",
        string="Last re-priced by",
        readonly=True,
        copy=False,
        help="Last user who changed the lines, the salesperson, the team, the customer or "
        "the pricelist: that user may not approve the discounts.",
    )
    mn_approval_reasons = fields.Text(
        string="Why approval is needed", compute="_compute_mn_approval_reasons"
    )
    mn_can_approve = fields.Boolean(
        string="Current user may approve", compute="_compute_mn_can_approve"
    )

    @api.depends(
        "state",
        "order_line.mn_discount_over_limit",
        "order_line.discount",
        "company_id.mn_discount_approval",
    )
    def _compute_mn_approval_reasons(self):
        for order in self:
            reasons = order._mn_approval_reasons() if order.state in QUOTATION_STATES else []
            order.mn_approval_reasons = "\n".join(reasons)

    @api.depends(
        "state", "user_id", "team_id.user_id", "mn_approval_requested_by_id", "mn_last_priced_by_id"
    )
    @api.depends_context("uid")
    def _compute_mn_can_approve(self):
        for order in self:
            order.mn_can_approve = (
                order.state in QUOTATION_STATES and not order._mn_approver_refusal()
            )

    # ------------------------------------------------------------------
    # Extension points
    # ------------------------------------------------------------------

    def _mn_approval_enabled(self):
        """Whether an approval rule is switched on for this order's company.

        Rules adding reasons to ``_mn_approval_reasons`` extend this with ``or`` on their
        own switch, so that orders of companies with every rule off are not even looked at.
        """
        self.ensure_one()
        return self.company_id.mn_discount_approval

    def _mn_approval_reasons(self):
        """Return the reasons (translated sentences) why this quotation needs approval.

        An empty list means no approval is needed. Here: every line over its discount
        limit, when the company's ``mn_discount_approval`` switch is on. Other rules (a
        price floor, a margin check) extend it, each under its own switch::

            def _mn_approval_reasons(self):
                return super()._mn_approval_reasons() + self._mn_floor_reasons()

        The approval machinery (states, blocking, reset) then applies to them unchanged.
        """
        self.ensure_one()
        if not self.company_id.mn_discount_approval:
            return []
        order_share = self._mn_order_discount_share()
        reasons = (line._mn_discount_limit_reason(order_share) for line in self.order_line)
        return [reason for reason in reasons if reason]

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------

    def _mn_approval_signature(self):
        """Fingerprint of what an approval covers: who sells, to whom, at which prices."""
        self.ensure_one()
        lines = sorted(
            (
                line.id,
                line.product_id.id,
                line.product_uom_id.id,
                round(line.product_uom_qty, 6),
                round(line.price_unit, 6),
                round(line.discount, 6),
            )
            for line in self.order_line
            if not line.display_type and not line.is_downpayment
        )
        header = (
            self.user_id.id,
            self.team_id.id,
            self.partner_id.id,
            self.pricelist_id.id,
            self.fiscal_position_id.id,
        )
        return hashlib.sha256(repr((header, lines)).encode()).hexdigest()

    def _mn_approval_blocking_reasons(self):
        """Reasons that still keep this order from being sent, confirmed or invoiced ([]: free).

        Quotations only: a confirmed order is judged on every change instead
        (``_mn_judge_confirmed``), and a cancelled one is never invoiced.
        """
        self.ensure_one()
        if self.state not in QUOTATION_STATES:
            return []
        reasons = self._mn_approval_reasons()
        if (
            reasons
            and self.mn_approval_state == "approved"
            and self.mn_approval_signature == self._mn_approval_signature()
        ):
            return []
        return reasons

    def _mn_approval_block_message(self, operation):
        """Message refusing ``operation`` ("send" or "confirm"), or "" when it may go on."""
        self.ensure_one()
        reasons = self._mn_approval_blocking_reasons()
        if not reasons:
            return ""
        if operation == "send":
            message = self.env._(
                "Quotation %(order)s needs discount approval before it can be sent:\n"
                "%(reasons)s\nRequest approval from the team leader or a sales manager.",
                order=self.name,
                reasons="\n".join(reasons),
            )
        elif operation == "invoice":
            message = self.env._(
                "Quotation %(order)s needs discount approval before it can be invoiced:\n"
                "%(reasons)s\nRequest approval from the team leader or a sales manager.",
                order=self.name,
                reasons="\n".join(reasons),
            )
        else:
            message = self.env._(
                "Quotation %(order)s needs discount approval before it can be confirmed:\n"
                "%(reasons)s\nRequest approval from the team leader or a sales manager.",
                order=self.name,
                reasons="\n".join(reasons),
            )
        return message

    def _mn_check_approval(self, operation):
        for order in self:
            message = order._mn_approval_block_message(operation)
            if message:
                raise UserError(message)

    def _mn_approver_refusal(self):
        """Why the current user may not approve or reject this order ("" if they may).

        ``env.user`` is the real user even under ``sudo()``, so no path lets a salesperson
        approve their own quotation.
        """
        self.ensure_one()
        user = self.env.user
        if user == self.user_id:
            return self.env._(
                "You cannot approve or reject your own quotation %(order)s: ask your team "
                "leader or a sales manager.",
                order=self.name,
            )
        if user in (self.mn_approval_requested_by_id | self.mn_last_priced_by_id):
            return self.env._(
                "You requested the approval of quotation %(order)s or were the last to change "
                "its prices, salesperson, team or customer: another leader or a sales manager "
                "must approve it.",
                order=self.name,
            )
        if user != self.team_id.user_id and not user.has_group("sales_team.group_sale_manager"):
            return self.env._(
                "Only the leader of the sales team or a sales manager can approve or reject "
                "quotation %(order)s.",
                order=self.name,
            )
        return ""

    def _mn_check_approver(self):
        for order in self:
            refusal = order._mn_approver_refusal()
            if not refusal:
                continue
            if self.env.user in (
                order.user_id | order.mn_approval_requested_by_id | order.mn_last_priced_by_id
            ):
                raise UserError(refusal)
            raise AccessError(refusal)

    def _mn_find_approver(self):
        """The team leader, or else a sales manager of the company; never the salesperson,
        the user asking, or the last user who re-priced the order."""
        self.ensure_one()
        excluded = self.user_id | self.env.user | self.mn_last_priced_by_id
        leader = self.team_id.user_id
        if (
            leader
            and leader not in excluded
            and leader.active
            and not leader.share
            # a leader limited to their own documents could not open the quotation
            and self.with_user(leader).has_access("read")
        ):
            return leader
        managers = self.env.ref("sales_team.group_sale_manager").sudo().all_user_ids
        managers = managers.filtered(
            lambda user: user.active
            and not user.share
            and user not in excluded
            and self.company_id in user.company_ids
        )
        return managers.sorted("id")[:1]

    def _mn_write_approval(self, vals):
        """The only way to write the protected approval fields."""
        return APPROVAL_WRITE.on(self).write(vals)

    def _mn_approval_write_allowed(self):
        return APPROVAL_WRITE.is_on(self)

    def _mn_note_repriced(self):
        """Remember who last re-priced these orders: that user may not approve them."""
        if self.env.su:
            return
        orders = self.filtered(
            lambda order: order.mn_last_priced_by_id != self.env.user
            and order._mn_approval_enabled()
        )
        if orders:
            orders._mn_write_approval({"mn_last_priced_by_id": self.env.uid})

    def _mn_post_approval_note(self, title, lines=()):
        body = Markup("<p>%s</p>") % title
        if lines:
            items = Markup().join(Markup("<li>%s</li>") % line for line in lines)
            body += Markup("<ul>%s</ul>") % items
        self.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _mn_refresh_approval_state(self):
        """Bring the approval state in line with the quotation after it changed.

        No reason left: ``not_needed``. Reasons, and a request or decision whose fingerprint
        still matches: unchanged. Otherwise ``to_request``: a pending request is withdrawn
        (its activity removed) and an approval or rejection is voided, with a chatter note.
        """
        self.filtered(lambda order: order.state == "sale")._mn_judge_confirmed()
        for order in self:
            if order.state not in QUOTATION_STATES:
                continue
            old = order.mn_approval_state
            if old == "not_needed" and not order._mn_approval_enabled():
                continue
            reasons = order._mn_approval_reasons()
            if not reasons:
                new = "not_needed"
            elif old in PENDING_STATES and (
                order.mn_approval_signature == order._mn_approval_signature()
            ):
                new = old
            else:
                new = "to_request"
            if new == old:
                continue
            vals = {"mn_approval_state": new}
            if old in PENDING_STATES:
                vals.update(
                    mn_approval_user_id=False,
                    mn_approval_requested_by_id=False,
                    mn_approval_decided_by_id=False,
                    mn_approval_reject_reason=False,
                    mn_approval_signature=False,
                )
                order.sudo().activity_unlink([APPROVAL_ACTIVITY_TYPE])
                if new == "not_needed":
                    title = self.env._(
                        "Discount approval is no longer needed: every line is within its limit."
                    )
                else:
                    title = self.env._(
                        "Discount approval reset: the order lines changed after approval was "
                        "requested or decided. Request approval again."
                    )
                order._mn_post_approval_note(title)
            order._mn_write_approval(vals)

    def _mn_judge_confirmed(self):
        """A confirmed order stays within its limits, or approved as it stands.

        A change that makes a confirmed order need approval (a larger discount, a lower
        price, a new line, a smaller quantity that keeps a quantity-break price...) is
        refused, unless it is made by a sales manager who does not sell the order: then the
        change counts as their approval, noted in the chatter. Not a team leader: moving a
        confirmed order to one's own team would then approve it. Superuser code
        (deliveries, invoices) and down payments (made by core's wizard only) are not
        judged.
        """
        if self.env.su:
            return
        for order in self:
            if not order._mn_approval_enabled():
                continue
            signature = order._mn_approval_signature()
            if order.mn_approval_state == "approved" and order.mn_approval_signature == signature:
                continue
            reasons = order._mn_approval_reasons()
            if not reasons:
                continue
            if not order._mn_may_approve_own_change():
                raise UserError(
                    self.env._(
                        "Order %(order)s is confirmed: this change needs discount approval "
                        "and cannot be made by you:\n%(reasons)s\nAsk a sales manager to make "
                        "it.",
                        order=order.name,
                        reasons="\n".join(reasons),
                    )
                )
            order._mn_write_approval(
                {
                    "mn_approval_state": "approved",
                    "mn_approval_decided_by_id": self.env.uid,
                    "mn_approval_reject_reason": False,
                    "mn_approval_signature": signature,
                }
            )
            order._mn_post_approval_note(
                self.env._(
                    "Change of the confirmed order approved by %(user)s:", user=self.env.user.name
                ),
                reasons,
            )

    def _mn_may_approve_own_change(self):
        """Whether the current user's change of this confirmed order counts as approved."""
        self.ensure_one()
        user = self.env.user
        return user != self.user_id and user.has_group("sales_team.group_sale_manager")

    def _recompute_prices(self):
        """Re-price every line, then refresh the approval state once (not once per line)."""
        deferred = APPROVAL_REFRESH_DEFERRED.on(self)
        result = super(SaleOrder, deferred)._recompute_prices()
        self._mn_note_repriced()
        self._mn_refresh_approval_state()
        return result

    # ------------------------------------------------------------------
    # Actions (RPC-callable)
    # ------------------------------------------------------------------

    def action_mn_request_approval(self):
        """Ask the team leader (or a sales manager) to approve the discounts.

        Schedules an activity for the approver and notes the request in the chatter.
        """
        self._mn_refresh_approval_state()
        approvers = {}
        for order in self:
            if order.state not in QUOTATION_STATES:
                raise UserError(
                    self.env._(
                        "Approval can only be requested on a quotation, not on %(order)s.",
                        order=order.name,
                    )
                )
            if order.mn_approval_state == "requested":
                raise UserError(
                    self.env._(
                        "Approval of quotation %(order)s is already requested from %(approver)s.",
                        order=order.name,
                        approver=order.mn_approval_user_id.name,
                    )
                )
            if order.mn_approval_state not in ("to_request", "rejected"):
                raise UserError(
                    self.env._("Quotation %(order)s needs no discount approval.", order=order.name)
                )
            approver = order._mn_find_approver()
            if not approver:
                raise UserError(
                    self.env._(
                        "Nobody can approve quotation %(order)s: its sales team has no leader "
                        "and the company no sales manager other than the salesperson.",
                        order=order.name,
                    )
                )
            approvers[order] = approver
        for order, approver in approvers.items():
            reasons = order._mn_approval_reasons()
            order._mn_write_approval(
                {
                    "mn_approval_state": "requested",
                    "mn_approval_user_id": approver.id,
                    "mn_approval_requested_by_id": self.env.uid,
                    "mn_approval_decided_by_id": False,
                    "mn_approval_reject_reason": False,
                    "mn_approval_signature": order._mn_approval_signature(),
                }
            )
            note = Markup("<ul>%s</ul>") % Markup().join(
                Markup("<li>%s</li>") % reason for reason in reasons
            )
            order.with_context(mail_activity_automation_skip=False).activity_schedule(
                APPROVAL_ACTIVITY_TYPE,
                summary=self.env._("Approve the discounts of %(order)s", order=order.name),
                note=note,
                user_id=approver.id,
            )
            order._mn_post_approval_note(
                self.env._(
                    "Discount approval requested from %(approver)s:", approver=approver.name
                ),
                reasons,
            )
        return True

    def _mn_check_decision_allowed(self, open_states):
        """Refuse before anything is written: the user may decide (leader or manager, not
        the seller) and each quotation still has discounts waiting in ``open_states``."""
        self._mn_refresh_approval_state()
        for order in self:
            order._mn_check_approver()
            if order.mn_approval_state not in open_states:
                raise UserError(
                    self.env._(
                        "Quotation %(order)s has no discount waiting for approval.",
                        order=order.name,
                    )
                )

    def action_mn_approve(self):
        """Approve the discounts as they stand (team leader or sales manager, not the seller)."""
        self._mn_check_decision_allowed(("to_request", "requested", "rejected"))
        for order in self:
            order._mn_write_approval(
                {
                    "mn_approval_state": "approved",
                    "mn_approval_decided_by_id": self.env.user.id,
                    "mn_approval_reject_reason": False,
                    "mn_approval_signature": order._mn_approval_signature(),
                }
            )
            order.sudo().activity_feedback(
                [APPROVAL_ACTIVITY_TYPE], feedback=self.env._("Discounts approved.")
            )
            order._mn_post_approval_note(
                self.env._("Discounts approved by %(user)s.", user=self.env.user.name)
            )
        return True

    def action_mn_reject(self, reason=None):
        """Refuse the discounts with a reason; the salesperson changes them or asks again."""
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give a reason for rejecting the discounts."))
        self._mn_check_decision_allowed(("to_request", "requested"))
        for order in self:
            order._mn_write_approval(
                {
                    "mn_approval_state": "rejected",
                    "mn_approval_decided_by_id": self.env.user.id,
                    "mn_approval_reject_reason": reason,
                }
            )
            order.sudo().activity_feedback(
                [APPROVAL_ACTIVITY_TYPE],
                feedback=self.env._("Discounts rejected: %(reason)s", reason=reason),
            )
            order._mn_post_approval_note(
                self.env._("Discounts rejected by %(user)s:", user=self.env.user.name),
                [reason],
            )
        return True

    # ------------------------------------------------------------------
    # Gates and protection of the approval fields
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        orders = self
        if not self._mn_approval_write_allowed():
            for vals in vals_list:
                self._mn_refuse_approval_fields(vals)
            # A default_<field> context key would set them as well: drop it.
            orders = drop_context_defaults(self, PROTECTED_FIELDS)
        return super(SaleOrder, orders).create(vals_list)

    def write(self, vals):
        if not self._mn_approval_write_allowed():
            self._mn_refuse_approval_fields(vals)
        if vals.get("state") in ("sent", "sale"):
            quotations = self.filtered(lambda order: order.state in QUOTATION_STATES)
            quotations._mn_check_approval("send" if vals["state"] == "sent" else "confirm")
        changed = self.browse()
        if LIMIT_ORDER_FIELDS.intersection(vals):
            new_ids = {
                name: _record_id(vals[name]) for name in LIMIT_ORDER_FIELDS.intersection(vals)
            }
            changed = self.filtered(
                lambda order: any(order[name].id != new for name, new in new_ids.items())
            )
        result = super().write(vals)
        if changed:
            changed._mn_note_repriced()
            changed._mn_refresh_approval_state()
        return result

    def _mn_refuse_approval_fields(self, vals):
        protected = PROTECTED_FIELDS.intersection(vals)
        if protected:
            raise UserError(
                self.env._(
                    "The discount approval of a quotation changes only through its Request "
                    "approval, Approve and Reject buttons (fields: %(fields)s).",
                    fields=", ".join(sorted(protected)),
                )
            )

    def action_quotation_send(self):
        """Open the quotation e-mail composer, once the discounts are approved if they must be."""
        self.filtered(lambda order: order.state in QUOTATION_STATES)._mn_check_approval("send")
        return super().action_quotation_send()

    def action_quotation_sent(self):
        """Mark the quotations as sent, once their discounts are approved if they must be.

        Returns True (core returns nothing, which XML-RPC cannot carry).
        """
        self._mn_check_approval("send")
        result = super().action_quotation_sent()
        return True if result is None else result

    def message_post(self, **kwargs):
        """Post on the order; sending the quotation from the composer marks it as sent, so the
        approval is checked before the mail goes."""
        if self.env.context.get("mark_so_as_sent"):
            self.filtered(lambda order: order.state in QUOTATION_STATES)._mn_check_approval("send")
        return super().message_post(**kwargs)

    def _confirmation_error_message(self):
        message = super()._confirmation_error_message()
        return message or self._mn_approval_block_message("confirm")
