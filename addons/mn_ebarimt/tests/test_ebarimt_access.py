from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import MnEbarimtCommon


@tagged("post_install", "-at_install")
class TestEbarimtAccess(MnEbarimtCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, login="mn_ebarimt_salesman", groups="sales_team.group_sale_salesman"
        )
        cls.accountant = new_test_user(
            cls.env,
            login="mn_ebarimt_accountant",
            groups="account.group_account_invoice,sales_team.group_sale_salesman",
        )

    def test_salesperson_reads_but_cannot_send_or_void(self):
        self.sim.set_down(True)
        receipt = self._invoice([(self.product_vat, 1, 1120)]).mn_ebarimt_receipt_ids
        as_salesman = receipt.with_user(self.salesman)
        self.assertEqual(as_salesman.state, "queued")
        for action in (
            "action_mn_send",
            "action_mn_retry",
            "action_mn_void",
            "action_mn_mark_returned",
        ):
            with self.subTest(action=action), self.assertRaises(AccessError):
                getattr(as_salesman, action)()
        with self.assertRaises(AccessError):
            as_salesman.write({"state": "sent", "ebarimt_id": "1" * 33})
        receipt.invalidate_recordset()
        self.assertEqual((receipt.state, receipt.ebarimt_id), ("queued", False))
        with self.assertRaises(AccessError):
            self.Receipt.with_user(self.salesman).create({"move_id": receipt.move_id.id})

    def test_accountant_sends(self):
        receipt = self._invoice([(self.product_vat, 1, 1120)]).mn_ebarimt_receipt_ids
        receipt.with_user(self.accountant).action_mn_send()
        self.assertEqual(receipt.state, "sent")
        receipt.with_user(self.accountant).action_mn_void()
        self.assertEqual(receipt.state, "voided")

    def test_other_company_hidden(self):
        other = self.env["res.company"].create({"name": "MN other company"})
        receipt = self._invoice([(self.product_vat, 1, 1120)]).mn_ebarimt_receipt_ids
        self.accountant.write({"company_ids": [(4, other.id)], "company_id": other.id})
        visible = (
            self.Receipt.with_user(self.accountant)
            .with_context(allowed_company_ids=[other.id])
            .search([("id", "=", receipt.id)])
        )
        self.assertFalse(visible)

    def test_accountant_cannot_forge_a_receipt(self):
        """State, id and amounts are PosAPI's answer: no caller writes them, whatever rights."""
        self.sim.set_down(True)
        receipt = self._invoice([(self.product_vat, 1, 1120)]).mn_ebarimt_receipt_ids
        as_accountant = receipt.with_user(self.accountant)
        with self.assertRaises(AccessError):
            as_accountant.write({"state": "sent", "ebarimt_id": "1" * 33})
        with self.assertRaises(AccessError):
            self.Receipt.with_user(self.accountant).create(
                {"move_id": receipt.move_id.id, "state": "sent"}
            )
        receipt.invalidate_recordset()
        self.assertEqual((receipt.state, receipt.ebarimt_id), ("queued", False))
        self.assertEqual(self.Receipt.search_count([("move_id", "=", receipt.move_id.id)]), 1)

    def test_only_accountants_set_the_tin_and_a_new_register_number_clears_it(self):
        partner = self.env["res.partner"].create({"name": "MN TIN customer", "is_company": True})
        with self.assertRaises(AccessError):
            partner.with_user(self.salesman).write({"mn_ebarimt_tin": "12345678901"})
        partner.invalidate_recordset()
        self.assertFalse(partner.mn_ebarimt_tin)
        partner.with_user(self.accountant).write({"mn_ebarimt_tin": "12345678901"})
        self.assertEqual(partner.mn_ebarimt_tin, "12345678901")
        partner.write({"mn_register_number": "5317436"})
        self.assertFalse(partner.mn_ebarimt_tin, "the TIN of the old number is dropped")
