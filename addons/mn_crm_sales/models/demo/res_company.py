from odoo import api, models

# The demo business: a cashmere and leather goods trader of Ulaanbaatar, the seller of the
# demo products to the demo customers. Its register number is printed on its documents.
MN_DEMO_COMPANY = {
    "name": "Хөх Тэнгэр Ноолуур ХХК",
    "street": "Чингисийн өргөн чөлөө 8",
    "street2": "Сүхбаатар дүүрэг, 1-р хороо",
    "city": "Улаанбаатар",
    "zip": "14200",
    "phone": "+976 7711 8800",
    "email": "info@khukhtenger.mn",
    "website": "https://khukhtenger.mn",
}
MN_DEMO_COMPANY_REGISTER = "6123458"
MN_DEMO_LEADER = {
    "name": "Ганзоригийн Отгонбаяр",
    "phone": "+976 9900 4500",
    "lang": "mn_MN",
    "tz": "Asia/Ulaanbaatar",
}


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model
    def _mn_demo_dress_main_company(self):
        """Give a Mongolian demo database's company and team leader a Mongolian identity.

        Only a company already set in Mongolia and in tugriks is dressed: an integrator who
        installs the suite with demo data into another country's database keeps their
        company and users as they were. Returns whether the company was dressed.
        """
        company = self.env.ref("base.main_company", raise_if_not_found=False)
        if not company or company.country_id.code != "MN" or company.currency_id.name != "MNT":
            return False
        company.write(MN_DEMO_COMPANY)
        company.partner_id.write({"mn_register_number": MN_DEMO_COMPANY_REGISTER})
        leader = self.env.ref("base.user_demo", raise_if_not_found=False)
        if leader:
            leader.write(MN_DEMO_LEADER)
        return True
