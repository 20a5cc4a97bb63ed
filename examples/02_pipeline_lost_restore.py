#!/usr/bin/env python3
"""The pipeline: an opportunity through the stages, lost (reason, note, competitor), restored.

As a salesperson: creates an opportunity, moves it through the pipeline's open stages,
tries to mark it lost without a reason (refused by the suite), marks it lost with a reason
that names a competitor, a closing note and the competitor, reads the loss back, then
restores it with a reason (logged in ``mn.lead.restore.log``).

    python examples/02_pipeline_lost_restore.py --protocol json2 --api-key KEY

See docs/api.md, flow 2.
"""

import random

from _client import ApiError, base_parser, connect, result, run, say


def main():
    args = base_parser(__doc__.splitlines()[0]).parse_args()
    client = connect(args)
    tag = random.randint(1000, 9999)

    user = client.read_one("res.users", client.uid, ["sale_team_id"])
    team_id = user["sale_team_id"] and user["sale_team_id"][0]
    lead_id = client.create(
        "crm.lead",
        {
            "name": f"Сургуулийн компьютер {tag}",
            "type": "opportunity",
            "partner_name": f"Нарантуул Сургууль {tag}",
            "expected_revenue": 45_000_000,
            "team_id": team_id,
        },
    )
    say(f"Боломж үүсгэлээ: #{lead_id}")

    # The open stages of the pipeline (the team's and the shared ones), in order.
    stages = client.search_read(
        "crm.stage",
        [("is_won", "=", False), "|", ("team_ids", "=", False), ("team_ids", "in", [team_id])],
        ["name", "sequence"],
        order="sequence, id",
    )
    for stage in stages:
        client.write("crm.lead", [lead_id], {"stage_id": stage["id"]})
        say(f"Үе шатыг '{stage['name']}' болголоо")

    # Lost without a reason: refused (rule "a lost reason is required").
    try:
        client.call("crm.lead", "action_set_lost", ids=[lead_id])
        say("Анхааруулга: шалтгаангүйгээр амжилтгүй болгохыг сервер зөвшөөрлөө.")
    except ApiError as error:
        say(f"Шалтгаангүйгээр амжилтгүй болгохыг сервер татгалзлаа ({error.kind}): {error.message}")

    # A reason every team may use that asks for the competitor.
    reasons = client.search_read(
        "crm.lost.reason",
        [("mn_requires_competitor", "=", True), ("mn_team_ids", "=", False)],
        ["name"],
        limit=1,
    ) or client.search_read("crm.lost.reason", [("mn_team_ids", "=", False)], ["name"], limit=1)
    reason = reasons[0]
    note = "<p>Үнэ өндөр байсан тул өрсөлдөгчийн саналыг сонгосон.</p>"
    competitor = f"Их Монгол Трейд ХХК {tag}"
    client.call(
        "crm.lead",
        "action_set_lost",
        ids=[lead_id],
        lost_reason_id=reason["id"],
        mn_lost_note=note,
        mn_competitor_name=competitor,
    )
    lost = client.read_one(
        "crm.lead",
        lead_id,
        ["active", "won_status", "lost_reason_id", "mn_lost_category_id", "mn_competitor_name"],
        context={"active_test": False},
    )
    say(
        f"Амжилтгүй болсон гэж тэмдэглэлээ: шалтгаан '{reason['name']}', "
        f"өрсөлдөгч '{lost['mn_competitor_name']}', төлөв {lost['won_status']}"
    )

    # Restore, saying why: the restore log keeps who, when, why and the previous loss.
    restore_reason = "Харилцагч дахин холбогдож, шинэ санал хүссэн."
    client.call("crm.lead", "action_restore", ids=[lead_id], reason=restore_reason)
    restored = client.read_one("crm.lead", lead_id, ["active", "won_status", "probability"])
    logs = client.search_read(
        "mn.lead.restore.log",
        [("lead_id", "=", lead_id)],
        ["reason", "previous_lost_reason_id", "previous_competitor"],
    )
    say(
        f"Боломжийг сэргээлээ: төлөв {restored['won_status']}, "
        f"магадлал {restored['probability']:.0f}%, сэргээлтийн бүртгэл {len(logs)}"
    )

    result(
        {
            "lead_id": lead_id,
            "stage_ids": [stage["id"] for stage in stages],
            "lost_reason_id": reason["id"],
            "competitor": competitor,
            "restore_reason": restore_reason,
            "restore_log_ids": [log["id"] for log in logs],
        }
    )


if __name__ == "__main__":
    run(main)
