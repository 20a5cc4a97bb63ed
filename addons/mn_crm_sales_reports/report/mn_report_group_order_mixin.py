from odoo import models
from odoo.orm.models import parse_read_group_spec, regex_order_part_read_group

# Group values Python orders as PostgreSQL does: records by their comodel's order, dates,
# and selection keys (ASCII, so no collation is involved). Not numbers nor booleans: Odoo
# gives 0 and False for their NULL groups, which PostgreSQL orders last.
PYTHON_ORDERED_TYPES = frozenset({"many2one", "date", "datetime", "selection"})


class MnReportGroupOrderMixin(models.AbstractModel):
    """Groups of a large report ordered by their many2one's own order after the grouping.

    The web client orders the groups it asks for by the groupby itself, and Odoo orders a
    many2one group by its comodel's order (a salesperson by name then login, a customer by
    its full name): it joins the comodel to every row and adds those columns to the
    ``GROUP BY``. PostgreSQL cannot know that a salesperson has one name, guesses one group
    per row, and sorts the million rows of the sales analysis on disk (1.7 s instead of
    0.6 s by month and salesperson). Here the rows are grouped by the ids alone, and the
    few groups are put in the comodel's order afterwards, with one search on their ids:
    the same order, the same groups.

    Only orders made of groupby terms with a direction are taken this way (the web
    client's); an order on an aggregate, an explicit NULLS, a limit or an offset (the list
    view's paged groups) go through Odoo's SQL unchanged.
    """

    _name = "mn.report.group.order.mixin"
    _description = "Report groups ordered after grouping"

    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        plan = self._mn_group_order_plan(groupby, order, offset, limit)
        if plan is None:
            return super()._read_group(domain, groupby, aggregates, having, offset, limit, order)
        rows = super()._read_group(domain, groupby, aggregates, having, offset, limit, None)
        return self._mn_sort_groups(rows, list(groupby), plan)

    def _read_grouping_sets(self, domain, grouping_sets, aggregates=(), order=None):
        specs = list(dict.fromkeys(spec for groupby in grouping_sets for spec in groupby))
        plan = self._mn_group_order_plan(specs, order, 0, None)
        if plan is None:
            return super()._read_grouping_sets(domain, grouping_sets, aggregates, order)
        results = super()._read_grouping_sets(domain, grouping_sets, aggregates, None)
        return [
            self._mn_sort_groups(rows, list(groupby), plan)
            for groupby, rows in zip(grouping_sets, results, strict=True)
        ]

    def _mn_group_order_plan(self, specs, order, offset, limit, *, only_if_faster=True):
        """``[(spec, descending)]`` when Python can order the groups, else ``None``.

        ``only_if_faster``: ``None`` too when Odoo's SQL orders by the grouped columns
        themselves (no many2one with an order of its own), as cheap as Python.
        """
        if not order or offset or limit:
            return None
        plan = []
        for part in order.split(","):
            match = regex_order_part_read_group.fullmatch(part)
            if not match or match["nulls"] or match["term"] not in specs:
                return None
            fname, path, granularity = parse_read_group_spec(match["term"])
            field = self._fields.get(fname)
            if (
                not field
                or field.type not in PYTHON_ORDERED_TYPES
                or path  # a field of the comodel, not the record
                or granularity == "day_of_week"  # ordered from the language's first day
            ):
                return None
            plan.append((match["term"], (match["direction"] or "ASC").upper() == "DESC"))
        many2ones = [self._fields[parse_read_group_spec(spec)[0]] for spec, __ in plan]
        if only_if_faster and not any(
            f.type == "many2one" and self.env[f.comodel_name]._order != "id" for f in many2ones
        ):
            return None
        return plan

    def _mn_sort_groups(self, rows, groupby, plan, keys=None):
        """``rows`` sorted by ``plan`` as PostgreSQL would (NULLS LAST ascending, FIRST
        descending), many2one values by their comodel's order. ``keys``: the sort keys
        per spec already made (``_mn_group_sort_keys``), shared by several sets of rows."""
        rows = list(rows)
        keys = keys if keys is not None else self._mn_group_sort_keys(rows, groupby, plan)
        for spec, descending in reversed(plan):
            if spec not in groupby:
                continue  # a grouping set without this term: one value for all its rows
            index, key = groupby.index(spec), keys[spec]
            rows.sort(key=lambda row, index=index, key=key: key(row[index]), reverse=descending)
        return rows

    def _mn_group_sort_keys(self, rows, groupby, plan):
        """``{spec: sort key of its values}`` for the specs of ``plan`` in ``groupby``."""
        return {
            spec: self._mn_group_sort_key(spec, [row[groupby.index(spec)] for row in rows])
            for spec, __ in plan
            if spec in groupby
        }

    def _mn_group_sort_key(self, spec, values):
        field = self._fields[parse_read_group_spec(spec)[0]]
        if field.type != "many2one":
            return lambda value: (value is None or value is False, value)
        ids = list({value.id for value in values if value})
        comodel = self.env[field.comodel_name].sudo().with_context(active_test=False)
        # The comodel's order over these records only; sudo: Odoo's SQL orders by the
        # comodel's columns whatever the user may read of it. The records' name comes with
        # it: the web client's labels are then read from the cache, not by another query.
        rec_name = comodel._fields.get(comodel._rec_name or "")
        names = [rec_name.name] if rec_name and rec_name.store else []
        rank = {
            record.id: pos
            for pos, record in enumerate(comodel.search_fetch([("id", "in", ids)], names))
        }
        return lambda value: (not value, rank.get(value.id, 0) if value else 0)
