from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import MnEbarimtCommon


@tagged("post_install", "-at_install")
class TestEbarimtSettings(MnEbarimtCommon):
    def test_defaults(self):
        company = self.env["res.company"].create({"name": "MN e-barimt defaults"})
        self.assertFalse(company.mn_ebarimt_enabled)
        self.assertEqual(company.mn_ebarimt_url, "http://127.0.0.1:7080")
        self.assertEqual(company.mn_ebarimt_city_tax_rate, "0.0")
        self.assertEqual(company.mn_ebarimt_issue_on, "post")

    def test_invalid_values_refused(self):
        for field, value, pattern in (
            ("mn_ebarimt_branch_no", "01", "3 digits"),
            # digits of other scripts are not e-barimt digits
            ("mn_ebarimt_branch_no", "٠٠١", "3 digits"),
            ("mn_ebarimt_merchant_tin", "٥٣١٧٨٧٨١٢٣٤", "11 to 14 digits"),
            ("mn_ebarimt_district_code", "25A1", "4 digits"),
            ("mn_ebarimt_merchant_tin", "5317878", "11 to 14 digits"),
            ("mn_ebarimt_url", "127.0.0.1:7080", "http"),
        ):
            with self.subTest(field=field), self.assertRaisesRegex(ValidationError, pattern):
                with self.env.cr.savepoint():
                    self.company.write({field: value})
            self.assertNotEqual(self.company[field], value)

    def test_customer_tin_is_digits(self):
        """Bad input: a customer's e-barimt TIN is 11 to 14 digits, nothing else."""
        partner = self.env["res.partner"].create({"name": "MN TIN customer"})
        for tin in ("ABC-123", "5317878", "1" * 15, "1" * 10_000, "611998877 66", "٦١١٩٩٨٨٧٧٦٦"):
            with self.subTest(tin=tin), self.assertRaisesRegex(ValidationError, "11 to 14 digits"):
                with self.env.cr.savepoint():
                    partner.write({"mn_ebarimt_tin": tin})
            self.assertFalse(partner.mn_ebarimt_tin)
        partner.mn_ebarimt_tin = "61199887766"
        self.assertEqual(partner.mn_ebarimt_tin, "61199887766")

    def test_enabled_needs_every_setting(self):
        with self.assertRaisesRegex(ValidationError, "district code"):
            with self.env.cr.savepoint():
                self.company.write({"mn_ebarimt_district_code": False})
        self.assertEqual(self.company.mn_ebarimt_district_code, "2501")

    def test_settings_write_the_company(self):
        settings = self.env["res.config.settings"].create({})
        self.assertTrue(settings.mn_ebarimt_enabled)
        settings.mn_ebarimt_city_tax_rate = "0.01"
        settings.mn_ebarimt_issue_on = "manual"
        settings.execute()
        self.assertEqual(self.company.mn_ebarimt_city_tax_rate, "0.01")
        self.assertEqual(self.company.mn_ebarimt_issue_on, "manual")

    def test_product_codes_checked(self):
        with self.assertRaisesRegex(ValidationError, "7 digits"):
            with self.env.cr.savepoint():
                self.product_vat.mn_ebarimt_classification_code = "23490"
        with self.assertRaisesRegex(ValidationError, "digits"):
            with self.env.cr.savepoint():
                self.product_free.mn_ebarimt_tax_product_code = "3A0"
