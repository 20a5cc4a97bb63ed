from odoo import models

from ...tools.amount_words import amount_to_words

MNT_UNIT = "төгрөг"
MNT_SUBUNIT = "мөнгө"


def mn_amount_in_words(currency, amount):
    """Spell ``amount`` of ``currency`` for a printed document.

    Tögrög amounts are spelled in Mongolian by the suite's own grammar (num2words has no
    Mongolian, so ``amount_to_text`` would print English for MNT); any other currency keeps
    its own ``amount_to_text`` (num2words in the language of the context).
    """
    currency.ensure_one()
    if currency.name == "MNT":
        return amount_to_words(
            amount, unit=MNT_UNIT, subunit=MNT_SUBUNIT, subunit_digits=currency.decimal_places
        )
    return currency.amount_to_text(amount)


class AccountMove(models.Model):
    _inherit = "account.move"

    def _mn_amount_in_words(self):
        """Total of this invoice in words (Mongolian for MNT), printed on the invoice."""
        self.ensure_one()
        return mn_amount_in_words(self.currency_id, self.amount_total)

    def get_mn_amount_in_words(self):
        """External API: the total of each move in words.

        Returns plain values usable over XML-RPC and JSON-2:
        ``[{"id": 7, "name": "INV/2025/00001", "amount_total": 297000.0,
        "currency": "MNT", "amount_in_words": "Хоёр зуун ..."}]``.
        """
        self.check_access("read")
        return [
            {
                "id": move.id,
                "name": move.name,
                "amount_total": move.amount_total,
                "currency": move.currency_id.name,
                "amount_in_words": move._mn_amount_in_words(),
            }
            for move in self
        ]
