from odoo import api, models
from odoo.tools import SQL, create_index

# Aggregations for which a ratio measure is recomputed from the sums of its parts.
RATIO_FUNCS = ("sum", "avg")


class MnReportRatioMixin(models.AbstractModel):
    """Ratio measures (rates, percentages) that stay exact in every pivot cell and total.

    A rate cannot be summed or averaged from row values: the rate of a group is the sum of
    its numerators over the sum of its denominators. A report model lists its ratio fields in
    ``_mn_ratios`` as ``{ratio_field: (numerator_field, denominator_field)}``; whenever the web
    client asks for ``ratio_field:sum`` or ``ratio_field:avg`` (pivot cells and totals, graph
    bars), the aggregate is replaced by ``100 * SUM(numerator) / SUM(denominator)``.
    A group whose denominator is zero has no rate (shown empty).
    """

    _name = "mn.report.ratio.mixin"
    _description = "Report ratio measures"

    _mn_ratios = {}

    def _read_group_select(self, aggregate_spec, query):
        fname, __, func = aggregate_spec.partition(":")
        if fname in self._mn_ratios and func in RATIO_FUNCS:
            numerator, denominator = self._mn_ratios[fname]
            return SQL(
                "100.0 * SUM(%s) / NULLIF(SUM(%s), 0)",
                self._field_to_sql(self._table, numerator, query),
                self._field_to_sql(self._table, denominator, query),
            )
        return super()._read_group_select(aggregate_spec, query)

    @api.model
    def _mn_create_base_indexes(self, indexes):
        """Create indexes on base tables when missing: ``(name, table, columns, where)``."""
        for name, table, columns, where in indexes:
            create_index(self.env.cr, name, table, columns, where=where)
