"""Register numbers (регистрийн дугаар) on contacts, leads and quotations."""

from datetime import date

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

# Numbers used here only (the demo data uses others).
COMPANY_NUMBER = "2012345"
OTHER_COMPANY_NUMBER = "2098765"
CITIZEN_NUMBER = "УБ99031512"  # 15 March 1999, male
CITIZEN_NUMBER_FEMALE = "АА99031502"  # 15 March 1999, female


class RegisterNumberCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]
        cls.Lead = cls.env["crm.lead"]
        cls.company = cls.env.company
        cls.company.mn_register_number_unique = True

    def create_company(self, name, number=False, **values):
        return self.Partner.create(
            {"name": name, "is_company": True, "mn_register_number": number, **values}
        )

    def create_person(self, name, number=False, **values):
        return self.Partner.create({"name": name, "mn_register_number": number, **values})


@tagged("post_install", "-at_install")
class TestRegisterNumber(RegisterNumberCase):
    """Normalisation, validation and the fields read from the number."""

    def test_company_number_is_normalised(self):
        partner = self.create_company("Монос ХХК", " 201-23 45 ")
        self.assertEqual(partner.mn_register_number, COMPANY_NUMBER)
        self.assertEqual(partner.mn_register_kind, "company")
        self.assertFalse(partner.mn_birth_date)
        self.assertFalse(partner.mn_sex)

    def test_citizen_number_gives_birth_date_and_sex(self):
        male = self.create_person("Бат", "уб 9903-1512")
        self.assertEqual(male.mn_register_number, CITIZEN_NUMBER)
        self.assertEqual(male.mn_register_kind, "individual")
        self.assertEqual(male.mn_birth_date, date(1999, 3, 15))
        self.assertEqual(male.mn_sex, "male")
        # Latin look-alike letters typed on a Latin keyboard layout
        female = self.create_person("Сарнай", "aa 99031502")
        self.assertEqual(female.mn_register_number, CITIZEN_NUMBER_FEMALE)
        self.assertEqual(female.mn_sex, "female")
        # births from 2000: month + 20
        child = self.create_person("Тэмүүлэн", "ЧД05231204")
        self.assertEqual(child.mn_birth_date, date(2005, 3, 12))
        self.assertEqual(child.mn_sex, "female")

    def test_write_normalises_and_recomputes(self):
        partner = self.create_person("Бат", CITIZEN_NUMBER)
        partner.write({"mn_register_number": "мт-99-03-15-22"})
        self.assertEqual(partner.mn_register_number, "МТ99031522")
        self.assertEqual(partner.mn_sex, "female")
        partner.write({"mn_register_number": "  "})
        self.assertFalse(partner.mn_register_number)
        self.assertFalse(partner.mn_register_kind)
        self.assertFalse(partner.mn_birth_date)

    def test_impossible_numbers_are_refused_with_the_reason(self):
        next_year = fields.Date.context_today(self.Partner).year + 1
        future = f"АА{next_year % 100:02d}210112"  # 1 January of next year
        cases = [
            ("201234", "Register number 201234 is not valid: a legal entity has 7 digits"),
            ("12-34-5678", "Register number 12345678 is not valid"),
            ("UB99031512", "UВ are not the Mongolian Cyrillic letters"),
            ("ЫА99031512", "ЫА are not the Mongolian Cyrillic letters"),
            ("АА85131512", "Register number АА85131512: month 13 is not a valid birth month."),
            ("АА99022912", "day 29 does not exist in month 2 of 1999"),
            (future, f"Register number {future}: birth date"),
        ]
        partner = self.create_person("Бат", CITIZEN_NUMBER)
        for number, message in cases:
            with self.subTest(number=number):
                with self.assertRaises(ValidationError) as caught:
                    self.create_person("Дорж", number)
                self.assertIn(message, str(caught.exception))
                with self.assertRaises(ValidationError):
                    partner.write({"mn_register_number": number})
                self.assertEqual(partner.mn_register_number, CITIZEN_NUMBER)
        with self.assertRaises(ValidationError) as caught:
            self.create_person("Дорж", future)
        self.assertIn("is in the future", str(caught.exception))

    def test_company_register_number_is_its_partners(self):
        company = self.env["res.company"].create({"name": "Монгол Компани"})
        company.mn_register_number = "3 123 456"
        self.assertEqual(company.partner_id.mn_register_number, "3123456")
        with self.assertRaises(ValidationError):
            company.mn_register_number = "31234"

    def test_uniqueness_is_a_rule_switch(self):
        self.assertIn("mn_register_number_unique", self.env["res.company"]._mn_rule_switches())
        self.assertTrue(self.env["res.company"].create({"name": "New"}).mn_register_number_unique)


@tagged("post_install", "-at_install")
class TestRegisterNumberContacts(RegisterNumberCase):
    """Contacts share the number of their commercial entity and cannot diverge from it."""

    def test_contacts_get_and_follow_the_company_number(self):
        company = self.create_company("Монос ХХК", COMPANY_NUMBER)
        contact = self.create_person("Бат", parent_id=company.id)
        self.assertEqual(contact.mn_register_number, COMPANY_NUMBER)
        self.assertEqual(contact.mn_register_kind, "company")
        company.mn_register_number = OTHER_COMPANY_NUMBER
        self.assertEqual(contact.mn_register_number, OTHER_COMPANY_NUMBER)
        company.mn_register_number = False
        self.assertFalse(contact.mn_register_number)

    def test_contact_of_a_citizen_gets_no_birth_date(self):
        owner = self.create_company("Бат ХХК", CITIZEN_NUMBER)
        contact = self.create_person("Дорж", parent_id=owner.id)
        self.assertEqual(contact.mn_register_number, CITIZEN_NUMBER)
        self.assertEqual(owner.mn_birth_date, date(1999, 3, 15))
        self.assertFalse(contact.mn_birth_date)
        self.assertFalse(contact.mn_sex)

    def test_contact_cannot_get_another_number(self):
        company = self.create_company("Монос ХХК", COMPANY_NUMBER)
        contact = self.create_person("Бат", parent_id=company.id)
        expected = (
            "The register number of Монос ХХК, Бат is that of Монос ХХК, the company it "
            f"belongs to ({COMPANY_NUMBER}): change it on Монос ХХК."
        )
        with self.assertRaises(ValidationError) as caught:
            contact.write({"mn_register_number": CITIZEN_NUMBER})
        self.assertEqual(str(caught.exception), expected)
        with self.assertRaises(ValidationError):
            contact.write({"mn_register_number": False})
        with self.assertRaises(ValidationError):
            self.create_person("Дорж", CITIZEN_NUMBER, parent_id=company.id)
        # the same number (in any form) is accepted
        contact.write({"mn_register_number": "201 2345"})
        self.assertEqual(contact.mn_register_number, COMPANY_NUMBER)

    def test_contact_brings_its_number_to_a_company_without_one(self):
        person = self.create_person("Бат", COMPANY_NUMBER, company_name="Монос ХХК")
        person.create_company()
        self.assertEqual(person.parent_id.name, "Монос ХХК")
        self.assertEqual(person.parent_id.mn_register_number, COMPANY_NUMBER)
        self.assertEqual(person.mn_register_number, COMPANY_NUMBER)
        # a person given a number under a company without one
        company = self.create_company("Шинэ ХХК")
        self.create_person("Дорж", OTHER_COMPANY_NUMBER, parent_id=company.id)
        self.assertEqual(company.mn_register_number, OTHER_COMPANY_NUMBER)

    def test_contact_leaving_its_company_drops_the_company_number(self):
        company = self.create_company("Монос ХХК", COMPANY_NUMBER)
        contact = self.create_person("Бат", parent_id=company.id)
        contact.parent_id = False
        self.assertFalse(contact.mn_register_number)
        self.assertEqual(company.mn_register_number, COMPANY_NUMBER)


@tagged("post_install", "-at_install")
class TestRegisterNumberUnique(RegisterNumberCase):
    """Two commercial entities of one company may not share a register number."""

    def test_second_customer_with_the_number_is_refused(self):
        first = self.create_company("Монос ХХК", COMPANY_NUMBER, company_id=self.company.id)
        with self.assertRaises(ValidationError) as caught:
            self.create_company("Монос Фарм ХХК", "201 2345", company_id=self.company.id)
        self.assertEqual(
            str(caught.exception),
            f"Register number {COMPANY_NUMBER} is already used by {first.display_name}.",
        )
        other = self.create_company("Монос Фарм ХХК", OTHER_COMPANY_NUMBER)
        with self.assertRaises(ValidationError):
            other.write({"mn_register_number": COMPANY_NUMBER})

    def test_shared_partner_counts_for_every_company(self):
        self.create_company("Монос ХХК", COMPANY_NUMBER, company_id=False)
        with self.assertRaises(ValidationError):
            self.create_company("Монос ХХК", COMPANY_NUMBER, company_id=self.company.id)

    def test_other_company_may_have_its_own_customer_with_the_number(self):
        other_company = self.env["res.company"].create({"name": "Өөр компани"})
        self.create_company("Монос ХХК", COMPANY_NUMBER, company_id=self.company.id)
        partner = self.create_company("Монос ХХК", COMPANY_NUMBER, company_id=other_company.id)
        self.assertEqual(partner.mn_register_number, COMPANY_NUMBER)

    def test_contacts_share_the_number_of_their_company(self):
        company = self.create_company("Монос ХХК", COMPANY_NUMBER)
        contacts = self.Partner.create(
            [{"name": name, "parent_id": company.id} for name in ("Бат", "Дорж")]
        )
        self.assertEqual(contacts.mapped("mn_register_number"), [COMPANY_NUMBER] * 2)

    def test_archived_customer_is_named(self):
        archived = self.create_person("Бат", CITIZEN_NUMBER)
        archived.action_archive()
        with self.assertRaises(ValidationError) as caught:
            self.create_person("Бат Дорж", CITIZEN_NUMBER)
        self.assertIn("already used by the archived contact Бат", str(caught.exception))

    def test_merged_partner_takes_the_number_of_the_partner_merged_into_it(self):
        source = self.create_company("Монос ХХК", COMPANY_NUMBER)
        destination = self.create_company("Монос")
        wizard = self.env["base.partner.merge.automatic.wizard"].create({})
        wizard._merge((source | destination).ids, destination)
        self.assertFalse(source.exists())
        self.assertEqual(destination.mn_register_number, COMPANY_NUMBER)

    def test_switched_off_allows_the_same_number(self):
        self.company.mn_register_number_unique = False
        self.create_company("Монос ХХК", COMPANY_NUMBER)
        twin = self.create_company("Монос ХХК (давхар)", COMPANY_NUMBER)
        self.assertEqual(twin.mn_register_number, COMPANY_NUMBER)
        # the shape of the number is still checked
        with self.assertRaises(ValidationError):
            self.create_company("Монос", "201234")


@tagged("post_install", "-at_install")
class TestRegisterNumberSearch(RegisterNumberCase):
    """The number finds its partner, typed in any usual form."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.citizen = cls.Partner.create({"name": "Бат", "mn_register_number": CITIZEN_NUMBER})
        cls.company_partner = cls.Partner.create(
            {"name": "Монос ХХК", "is_company": True, "mn_register_number": COMPANY_NUMBER}
        )
        cls.contact = cls.Partner.create({"name": "Дорж", "parent_id": cls.company_partner.id})

    def name_search_ids(self, text):
        return [partner_id for partner_id, _name in self.Partner.name_search(text, limit=100)]

    def test_name_search_finds_the_number(self):
        for text in ("УБ99031512", "уб 9903-1512", "ub 99031512", "UB99031512", "99031512"):
            with self.subTest(text=text):
                self.assertIn(self.citizen.id, self.name_search_ids(text))
        for text in ("2012345", "201 23 45"):
            with self.subTest(text=text):
                found = self.name_search_ids(text)
                self.assertIn(self.company_partner.id, found)
                self.assertIn(self.contact.id, found)

    def test_name_search_still_finds_names(self):
        self.assertIn(self.citizen.id, self.name_search_ids("Бат"))
        self.assertNotIn(self.citizen.id, self.name_search_ids("99031599"))

    def test_search_view_name_filter_uses_the_name_search(self):
        found = self.Partner.search([("display_name", "ilike", "ub 9903 1512")])
        self.assertIn(self.citizen, found)

    def test_search_on_the_field_normalises(self):
        self.assertEqual(
            self.Partner.search([("mn_register_number", "=", "ub 99031512")]), self.citizen
        )
        self.assertEqual(
            self.Partner.search([("mn_register_number", "in", ["уб99031512", "x"])]),
            self.citizen,
        )
        self.assertIn(self.citizen, self.Partner.search([("mn_register_number", "ilike", "уб99")]))
        self.assertNotIn(
            self.citizen, self.Partner.search([("mn_register_number", "not ilike", "уб99")])
        )
        self.assertFalse(self.Partner.search([("mn_register_number", "=", "qq99031512")]))

    def test_lead_and_order_searches(self):
        lead = self.Lead.create({"name": "Сэжим", "mn_register_number": CITIZEN_NUMBER})
        self.assertEqual(self.Lead.search([("mn_register_number", "=", "ub99031512")]), lead)
        order = self.env["sale.order"].create({"partner_id": self.contact.id})
        self.assertEqual(
            self.env["sale.order"].search(
                [("partner_id.commercial_partner_id.mn_register_number", "ilike", "201 2345")]
            ),
            order,
        )


@tagged("post_install", "-at_install")
class TestRegisterNumberLead(RegisterNumberCase):
    """The number travels: lead -> customer, customer -> opportunities -> quotations."""

    def convert_wizard(self, lead):
        return (
            self.env["crm.lead2opportunity.partner"]
            .with_context(active_model="crm.lead", active_id=lead.id, active_ids=lead.ids)
            .create({})
        )

    def test_lead_number_is_validated(self):
        lead = self.Lead.create({"name": "Сэжим", "mn_register_number": "уб 99031512"})
        self.assertEqual(lead.mn_register_number, CITIZEN_NUMBER)
        with self.assertRaises(ValidationError) as caught:
            lead.write({"mn_register_number": "АА85131512"})
        self.assertIn("month 13 is not a valid birth month", str(caught.exception))
        with self.assertRaises(ValidationError):
            self.Lead.create({"name": "Сэжим", "mn_register_number": "123"})

    def test_converted_lead_gives_its_number_to_the_new_company(self):
        lead = self.Lead.create(
            {
                "name": "Монос ХХК-ийн захиалга",
                "type": "lead",
                "partner_name": "Монос ХХК",
                "contact_name": "Бат",
                "mn_register_number": COMPANY_NUMBER,
            }
        )
        wizard = self.convert_wizard(lead)
        self.assertEqual(wizard.action, "create")
        wizard.action_apply()
        contact = lead.partner_id
        self.assertEqual(contact.name, "Бат")
        self.assertEqual(contact.parent_id.name, "Монос ХХК")
        self.assertEqual(contact.parent_id.mn_register_number, COMPANY_NUMBER)
        self.assertEqual(contact.mn_register_number, COMPANY_NUMBER)
        self.assertEqual(lead.mn_register_number, COMPANY_NUMBER)

    def test_lead_of_a_person_gives_its_number_to_the_new_customer(self):
        lead = self.Lead.create(
            {"name": "Бат", "contact_name": "Бат", "mn_register_number": CITIZEN_NUMBER}
        )
        lead._handle_partner_assignment(create_missing=True)
        self.assertEqual(lead.partner_id.mn_register_number, CITIZEN_NUMBER)
        self.assertEqual(lead.partner_id.mn_birth_date, date(1999, 3, 15))

    def test_lead_number_finds_the_existing_customer(self):
        customer = self.create_company("Монос ХХК", COMPANY_NUMBER)
        self.create_person("Бат", parent_id=customer.id)
        lead = self.Lead.create(
            {"name": "Сэжим", "type": "lead", "mn_register_number": COMPANY_NUMBER}
        )
        wizard = self.convert_wizard(lead)
        self.assertEqual(wizard.action, "exist")
        self.assertEqual(wizard.partner_id, customer)

    def test_customer_number_fills_its_opportunities_and_quotations(self):
        company = self.create_company("Монос ХХК", COMPANY_NUMBER)
        contact = self.create_person("Бат", parent_id=company.id)
        opportunity = self.Lead.create(
            {"name": "Боломж", "type": "opportunity", "partner_id": contact.id}
        )
        self.assertEqual(opportunity.mn_register_number, COMPANY_NUMBER)
        order = self.env["sale.order"].create(
            {"partner_id": contact.id, "opportunity_id": opportunity.id}
        )
        self.assertEqual(order.mn_partner_register_number, COMPANY_NUMBER)
        company.mn_register_number = OTHER_COMPANY_NUMBER
        self.assertEqual(opportunity.mn_register_number, OTHER_COMPANY_NUMBER)
        self.assertEqual(order.mn_partner_register_number, OTHER_COMPANY_NUMBER)
        # a customer without a number leaves the lead's own number alone
        lead = self.Lead.create({"name": "Сэжим", "mn_register_number": CITIZEN_NUMBER})
        lead.partner_id = self.create_person("Дорж")
        self.assertEqual(lead.mn_register_number, CITIZEN_NUMBER)

    def test_quotation_from_opportunity_action(self):
        company = self.create_company("Монос ХХК", COMPANY_NUMBER)
        opportunity = self.Lead.create(
            {"name": "Боломж", "type": "opportunity", "partner_id": company.id}
        )
        action = opportunity.action_sale_quotations_new()
        order = (
            self.env["sale.order"]
            .with_context(**action["context"])
            .create({"order_line": [Command.create({"product_id": self.product().id})]})
        )
        self.assertEqual(order.partner_id, company)
        self.assertEqual(order.mn_partner_register_number, COMPANY_NUMBER)

    def product(self):
        return self.env["product.product"].create({"name": "Цемент", "list_price": 100.0})


@tagged("post_install", "-at_install")
class TestRegisterNumberDuplicates(RegisterNumberCase):
    """Converting a lead also finds leads with its register number or Mongolian phone."""

    def convert_wizard(self, lead):
        return (
            self.env["crm.lead2opportunity.partner"]
            .with_context(active_model="crm.lead", active_id=lead.id, active_ids=lead.ids)
            .create({})
        )

    def test_same_register_number_is_a_duplicate(self):
        lead = self.Lead.create(
            {"name": "Шинэ сэжим", "type": "lead", "mn_register_number": "201 2345"}
        )
        twin = self.Lead.create(
            {"name": "Хуучин боломж", "type": "opportunity", "mn_register_number": COMPANY_NUMBER}
        )
        other = self.Lead.create(
            {"name": "Өөр", "type": "opportunity", "mn_register_number": OTHER_COMPANY_NUMBER}
        )
        wizard = self.convert_wizard(lead)
        self.assertEqual(wizard.duplicated_lead_ids, lead | twin)
        self.assertNotIn(other, wizard.duplicated_lead_ids)
        self.assertEqual(wizard.name, "merge")

    def test_same_mongolian_phone_is_a_duplicate(self):
        lead = self.Lead.create({"name": "Шинэ сэжим", "type": "lead", "phone": "9911 2233"})
        twin = self.Lead.create(
            {"name": "Хуучин боломж", "type": "opportunity", "phone": "+976 9911-2233"}
        )
        other = self.Lead.create({"name": "Өөр", "type": "opportunity", "phone": "+976 9911 2234"})
        wizard = self.convert_wizard(lead)
        self.assertIn(twin, wizard.duplicated_lead_ids)
        self.assertNotIn(other, wizard.duplicated_lead_ids)

    def test_won_leads_are_not_duplicates(self):
        lead = self.Lead.create(
            {"name": "Шинэ сэжим", "type": "lead", "mn_register_number": COMPANY_NUMBER}
        )
        won = self.Lead.create(
            {"name": "Ялсан", "type": "opportunity", "mn_register_number": COMPANY_NUMBER}
        )
        won.action_set_won()
        self.assertNotIn(won, self.convert_wizard(lead).duplicated_lead_ids)

    def test_core_behaviour_without_number_or_mongolian_phone(self):
        lead = self.Lead.create(
            {
                "name": "Lead",
                "type": "lead",
                "email_from": "a@example.com",
                "phone": "+1 202 555 0122",
            }
        )
        same_email = self.Lead.create(
            {"name": "Same email", "type": "opportunity", "email_from": "a@example.com"}
        )
        same_foreign_phone = self.Lead.create(
            {"name": "Same phone", "type": "opportunity", "phone": "+1 202 555 0122"}
        )
        wizard = self.convert_wizard(lead)
        self.assertEqual(wizard.duplicated_lead_ids, lead | same_email)
        self.assertNotIn(same_foreign_phone, wizard.duplicated_lead_ids)
        self.assertEqual(
            self.Lead._get_lead_duplicates(email="a@example.com", include_lost=True),
            lead | same_email,
        )

    def test_get_lead_duplicates_on_a_lead_uses_its_number_and_phone(self):
        lead = self.Lead.create(
            {"name": "Сэжим", "mn_register_number": COMPANY_NUMBER, "phone": "88112233"}
        )
        by_number = self.Lead.create({"name": "Дугаар", "mn_register_number": COMPANY_NUMBER})
        by_phone = self.Lead.create({"name": "Утас", "phone": "+97688112233"})
        self.assertEqual(lead._get_lead_duplicates(), lead | by_number | by_phone)
        # on the empty model, the customer's number is used
        customer = self.create_company("Монос ХХК", COMPANY_NUMBER)
        duplicates = self.Lead._get_lead_duplicates(partner=customer)
        self.assertIn(by_number, duplicates)
        self.assertNotIn(by_phone, duplicates)
