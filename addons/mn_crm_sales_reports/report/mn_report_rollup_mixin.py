import math

from odoo import models


def _sum(values):
    values = [v for v in values if v is not None]
    if not values:
        return None  # SQL's SUM of nothing
    if all(isinstance(v, int) for v in values):
        return sum(values)
    return math.fsum(values)


# How the partial figures of the finest cells combine into a coarser group.
COMBINE = {
    "sum": _sum,
    "sum_currency": _sum,
    "array_agg_distinct": lambda values: sorted({v for array in values if array for v in array}),
    "count": sum,
    "min": lambda values: min((v for v in values if v is not None), default=None),
    "max": lambda values: max((v for v in values if v is not None), default=None),
}


class MnReportRollupMixin(models.AbstractModel):
    """The pivot's subtotals and totals summed from its finest cells.

    The pivot asks for every level at once (rows x columns, rows, columns, the grand
    total): Odoo sends one ``GROUPING SETS`` query, which PostgreSQL runs in a single
    process, aggregating each row once per set. On the million-line sales analysis that
    is twice the time of grouping by rows x columns alone, which runs in parallel workers.
    Here the finest grouping is read once and every coarser set is added up from its
    cells: sums, counts, minimums and maximums combine exactly; an average is its sum over
    its count; a ratio measure (``_mn_ratios``) its numerator's sum over its denominator's.

    Anything else (another aggregate, a grouping Python cannot order, a single set) goes
    to Odoo's own query.
    """

    _name = "mn.report.rollup.mixin"
    _inherit = ["mn.report.group.order.mixin"]
    _description = "Report totals rolled up from the finest grouping"

    def _read_grouping_sets(self, domain, grouping_sets, aggregates=(), order=None):
        specs = list(dict.fromkeys(spec for groupby in grouping_sets for spec in groupby))
        parts = self._mn_rollup_parts(aggregates)
        plan = self._mn_group_order_plan(
            specs, order or ",".join(specs), 0, None, only_if_faster=False
        )
        if len(grouping_sets) < 2 or not specs or parts is None or plan is None:
            return super()._read_grouping_sets(domain, grouping_sets, aggregates, order)
        cells = self._read_group(domain, specs, parts)
        if not cells:  # Odoo's query gives the grand total's empty row: let it answer
            return super()._read_grouping_sets(domain, grouping_sets, aggregates, order)
        keys = self._mn_group_sort_keys(cells, specs, plan)  # every value is in the cells
        return [
            self._mn_sort_groups(
                self._mn_roll_up(cells, specs, list(groupby), aggregates, parts),
                list(groupby),
                plan,
                keys,
            )
            for groupby in grouping_sets
        ]

    def _mn_rollup_parts(self, aggregates):
        """The finest cells' aggregates the requested ones are made of, or ``None``."""
        ratios = getattr(self, "_mn_ratios", {})
        parts = []
        for spec in aggregates:
            if spec == "__count":
                parts.append(spec)
                continue
            fname, __, func = spec.partition(":")
            if fname not in self._fields or "." in fname:
                return None
            if fname in ratios and func in ("sum", "avg"):
                numerator, denominator = ratios[fname]
                parts += [f"{numerator}:sum", f"{denominator}:sum"]
            elif func == "avg":
                parts += [f"{fname}:sum", f"{fname}:count"]
            elif func in COMBINE:
                parts.append(spec)
            else:
                return None
        return list(dict.fromkeys(parts))

    def _mn_roll_up(self, cells, specs, groupby, aggregates, parts):
        """Rows ``(groupby values..., aggregates...)`` of ``groupby`` from the cells."""
        indexes = [specs.index(spec) for spec in groupby]
        width = len(specs)
        groups = {}
        for cell in cells:
            key = tuple(cell[i] for i in indexes)
            columns = groups.setdefault(key, [[] for __ in parts])
            for column, value in zip(columns, cell[width:], strict=True):
                column.append(value)
        rows = []
        for key, columns in groups.items():
            combined = {
                part: COMBINE["count" if part == "__count" else part.partition(":")[2]](column)
                for part, column in zip(parts, columns, strict=True)
            }
            rows.append(key + tuple(self._mn_rolled_value(a, combined) for a in aggregates))
        return rows

    def _mn_rolled_value(self, spec, combined):
        if spec == "__count":
            return combined[spec]
        fname, __, func = spec.partition(":")
        ratios = getattr(self, "_mn_ratios", {})
        if fname in ratios and func in ("sum", "avg"):
            numerator, denominator = ratios[fname]
            den = combined[f"{denominator}:sum"]
            num = combined[f"{numerator}:sum"]
            return 100.0 * (num or 0) / den if den else None
        if func == "avg":
            count = combined[f"{fname}:count"]
            return combined[f"{fname}:sum"] / count if count else None
        return combined[spec]
