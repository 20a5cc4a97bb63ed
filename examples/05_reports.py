#!/usr/bin/env python3
"""The sales and CRM reports, grouped and filtered (``formatted_read_group``).

Reads, with the user's own rights (a salesperson with "Own Documents Only" sees their own
figures, a leader with "All Documents" and a manager see everyone's):

* sales analysis (``sale.report``) of confirmed orders per sales team: untaxed and total
  amounts, discount given, margin %;
* win/loss (``mn.crm.winloss.report``) per status and lost reason category: count, revenue,
  win rate;
* funnel (``mn.crm.funnel.report``) per sales team: leads, opportunities, orders,
  lead -> order conversion;
* forecast (``mn.crm.forecast.report``) of open opportunities per expected closing month;
* the pipeline (``crm.lead``) per stage.

``read_group`` still answers in Odoo 19 but is deprecated (logged as such): use
``formatted_read_group(domain, groupby, aggregates, having, offset, limit, order)``.

    python examples/05_reports.py --protocol json2 --api-key KEY

See docs/api.md, flow 5.
"""

from _client import base_parser, connect, result, run, say


def grouped(client, model, domain, groupby, aggregates, order=None):
    return client.call(
        model,
        "formatted_read_group",
        domain=domain,
        groupby=groupby,
        aggregates=aggregates,
        order=order,
    )


STATUS = {"won": "амжилттай", "lost": "амжилтгүй", "pending": "хүлээгдэж буй"}


def label(value):
    """A group's value: [id, name] for a relation, (value, label) for dates, else itself."""
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return value[1]
    return "—" if value is False or value is None else value


def main():
    args = base_parser(__doc__.splitlines()[0]).parse_args()
    client = connect(args)
    out = {}

    sales = grouped(
        client,
        "sale.report",
        [("state", "=", "sale")],
        ["team_id"],
        ["price_subtotal:sum", "price_total:sum", "mn_discount_amount:sum", "mn_margin_pct:avg"],
    )
    say("Борлуулалтын шинжилгээ (батлагдсан захиалга, борлуулалтын багаар):")
    for row in sales:
        say(
            f"  {label(row['team_id'])}: татваргүй {row['price_subtotal:sum'] or 0:,.0f}₮, "
            f"нийт {row['price_total:sum'] or 0:,.0f}₮, хөнгөлөлт "
            f"{row['mn_discount_amount:sum'] or 0:,.0f}₮, ашиг {row['mn_margin_pct:avg'] or 0:.1f}%"
        )
    out["sales"] = sales

    winloss = grouped(
        client,
        "mn.crm.winloss.report",
        [],
        ["won_status", "lost_category_id"],
        ["__count", "closed_revenue:sum", "win_rate:avg"],
    )
    say("Ялалт/ялагдал (төлөв ба шалтгааны ангиллаар):")
    for row in winloss:
        say(
            f"  {STATUS.get(row['won_status'], row['won_status'])} / "
            f"{label(row['lost_category_id'])}: "
            f"{row['__count']} боломж, {row['closed_revenue:sum'] or 0:,.0f}₮"
        )
    out["winloss"] = winloss

    funnel = grouped(
        client,
        "mn.crm.funnel.report",
        [],
        ["team_id"],
        ["lead_count:sum", "opportunity_count:sum", "order_count:sum", "conversion_rate:avg"],
    )
    say("Борлуулалтын юүлүүр (багаар):")
    for row in funnel:
        say(
            f"  {label(row['team_id'])}: сэжим {row['lead_count:sum']}, "
            f"боломж {row['opportunity_count:sum']}, захиалга {row['order_count:sum']}, "
            f"хөрвүүлэлт {row['conversion_rate:avg'] or 0:.1f}%"
        )
    out["funnel"] = funnel

    forecast = grouped(
        client,
        "mn.crm.forecast.report",
        [("state", "=", "open")],
        ["date_deadline:month"],
        ["expected_revenue:sum", "weighted_revenue:sum", "__count"],
    )
    say("Таамаг (нээлттэй боломж, хаагдах сараар):")
    for row in forecast:
        say(
            f"  {label(row['date_deadline:month'])}: {row['__count']} боломж, "
            f"төлөвлөсөн {row['expected_revenue:sum'] or 0:,.0f}₮, "
            f"жинлэсэн {row['weighted_revenue:sum'] or 0:,.0f}₮"
        )
    out["forecast"] = forecast

    pipeline = grouped(
        client,
        "crm.lead",
        [("type", "=", "opportunity")],
        ["stage_id"],
        ["__count", "expected_revenue:sum"],
    )
    say("Суваг (боломжууд үе шатаар):")
    for row in pipeline:
        say(
            f"  {label(row['stage_id'])}: {row['__count']} боломж, "
            f"{row['expected_revenue:sum'] or 0:,.0f}₮"
        )
    out["pipeline"] = pipeline

    result({name: len(rows) for name, rows in out.items()} | {"rows": out})


if __name__ == "__main__":
    run(main)
