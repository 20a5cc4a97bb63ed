"""The provider's setup: method, currency, refund support, credentials and their tokens."""

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.payment_qpay import const

from .common import QPayCommon


@tagged("post_install", "-at_install")
class TestQPayProvider(QPayCommon):
    def test_default_method_and_currency(self):
        self.assertEqual(self.provider._get_default_payment_method_codes(), {"qpay"})
        self.assertIn(self.method, self.provider.payment_method_ids)
        self.assertEqual(self.provider._get_supported_currencies().mapped("name"), ["MNT"])
        self.assertEqual(self.provider.support_refund, "full_only")
        other = self.env["payment.provider"].new({"name": "Other", "code": "none"})
        self.assertEqual(other._get_default_payment_method_codes(), set())
        self.assertEqual(other.support_refund, "none")

    def test_offered_for_tögrög_only(self):
        Provider = self.env["payment.provider"]
        mnt = Provider._get_compatible_providers(
            self.env.company.id, self.customer.id, 1500.0, currency_id=self.currency.id
        )
        self.assertIn(self.provider, mnt)
        usd = self.env.ref("base.USD")
        self.assertNotIn(
            self.provider,
            Provider._get_compatible_providers(
                self.env.company.id, self.customer.id, 10.0, currency_id=usd.id
            ),
        )

    def test_enabling_needs_credentials(self):
        with self.assertRaises(ValidationError):
            self.provider.write({"qpay_client_secret": False})
        self.provider.invalidate_recordset()
        self.assertTrue(self.provider.sudo().qpay_client_secret)

    def test_new_credentials_forget_the_tokens(self):
        self._open_invoice(self._transaction())
        provider = self.provider.sudo()
        self.assertTrue(provider.qpay_access_token)
        provider.qpay_client_id = provider.qpay_client_id
        self.assertFalse(provider.qpay_access_token)
        self.assertFalse(provider.qpay_refresh_token)

    def test_reset_credentials(self):
        self._open_invoice(self._transaction())
        self.provider.action_reset_credentials()
        provider = self.provider.sudo()
        self.assertEqual(provider.state, "disabled")
        self.assertFalse(provider.qpay_client_secret)
        self.assertFalse(provider.qpay_access_token)

    def test_api_url_follows_the_mode(self):
        provider = self.provider
        self.assertEqual(provider._qpay_get_api_url(), self.sim_url)
        provider.qpay_api_url = False
        self.assertEqual(provider._qpay_get_api_url(), const.API_URL_SANDBOX)
        provider.state = "enabled"
        self.assertEqual(provider._qpay_get_api_url(), const.API_URL_PRODUCTION)
