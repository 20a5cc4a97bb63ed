"""Tokens: reused while valid, refreshed when expired, a new login when refreshing fails."""

from datetime import timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CLIENT_ID, INVOICE_CODE, QPayCommon


@tagged("post_install", "-at_install")
class TestQPayToken(QPayCommon):
    def _tokens(self):
        provider = self.provider.sudo()
        return provider.qpay_access_token, provider.qpay_refresh_token

    def _forbid_login(self):
        """From now on only the refresh token can get a new access token."""
        self.sim.clients = {CLIENT_ID: ("another-secret", INVOICE_CODE)}

    def test_token_is_reused_while_valid(self):
        self._open_invoice(self._transaction())
        first = self._tokens()
        self._forbid_login()
        self._open_invoice(self._transaction())
        self.assertEqual(self._tokens(), first)

    def test_expired_token_is_refreshed(self):
        self._open_invoice(self._transaction())
        access, refresh = self._tokens()
        self._forbid_login()
        # QPay's clock passes the access token's expiry (3600 s), not the refresh token's.
        self.sim.clock.advance(3700)
        tx = self._open_invoice(self._transaction())
        self.assertTrue(tx["reference"])
        new_access, new_refresh = self._tokens()
        self.assertNotEqual(new_access, access)
        self.assertNotEqual(new_refresh, refresh)

    def test_known_expiry_is_refreshed_before_use(self):
        self._open_invoice(self._transaction())
        self.provider.sudo().qpay_access_expiry = fields.Datetime.now() - timedelta(minutes=1)
        access = self._tokens()[0]
        self._forbid_login()
        self._open_invoice(self._transaction())
        self.assertNotEqual(self._tokens()[0], access)

    def test_both_tokens_expired_logs_in_again(self):
        self._open_invoice(self._transaction())
        access = self._tokens()[0]
        self.sim.clock.advance(7300)  # past both lifetimes
        self._open_invoice(self._transaction())
        self.assertNotEqual(self._tokens()[0], access)

    @mute_logger("odoo.addons.payment.models.payment_provider")
    def test_wrong_secret_is_a_clear_error(self):
        self._forbid_login()
        tx = self._transaction()
        values = tx._get_processing_values()
        self.assertEqual(values["state"], "error")
        self.assertIn("QPay refused the client ID or secret.", tx.state_message)
        self.assertFalse(tx.provider_reference)
