from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "mn_tour")
class TestNoEnglish(HttpCase):
    """The seed's screens in mn_MN show no English label, button, column or menu."""

    def test_seed_screens_have_no_english(self):
        self.env["res.lang"]._activate_lang("mn_MN")
        admin = self.env.ref("base.user_admin")
        admin.write(
            {
                "lang": "mn_MN",
                "group_ids": [
                    (4, self.env.ref("crm.group_use_lead").id),
                    (4, self.env.ref("sales_team.group_sale_manager").id),
                ],
            }
        )
        self.start_tour("/odoo", "mn_crm_sales_no_english", login="admin", timeout=240)
