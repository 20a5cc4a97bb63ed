from odoo import fields, models


class MnWeekday(models.Model):
    """A day of the week, for pricelist rules limited to some weekdays (weekend promotions).

    Seven fixed records (data/pricing/mn_weekday_data.xml) rather than seven booleans per rule: a
    rule holds one Many2many, edited with checkboxes and shown as "Бямба, Ням" in lists,
    and is matched by a single domain term (``mn_weekday_ids.code = 5``). ``code`` follows
    Python's ``datetime.weekday()`` (Monday = 0); ``name`` is the translatable day name.
    """

    _name = "mn.weekday"
    _description = "Weekday"
    _order = "code"

    name = fields.Char(required=True, translate=True)
    code = fields.Integer(required=True, help="Monday = 0 ... Sunday = 6")

    _code_unique = models.Constraint("UNIQUE(code)", "Each weekday exists once.")
    _code_range = models.Constraint("CHECK(code >= 0 AND code <= 6)", "A weekday is 0 to 6.")
