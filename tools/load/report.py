"""Throughput, latency and errors per operation; the suite against stock Odoo.

Latency is the client's wall time of the whole operation (an operation may be several
calls: a conversion is the wizard's create and apply, a delivery reads, writes and
validates). Throughput counts every operation that ended (ok, refused or error) per
second of the run. The ratio compares the operations that exist on both (stock has no
approval): suite throughput / stock throughput, over the same clients and duration.
"""

import collections

from .tally import ERROR, OK, REFUSED

STOCK_ONLY_MISSING = {"request_approval", "read_approvals", "approvals_poll", "approve", "reject"}


def percentile(values, fraction):
    """The nearest-rank percentile of ``values`` (``fraction`` in 0..1); 0.0 when empty."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))  # ceil without floats drifting
    return ordered[int(rank) - 1]


def summarize(entries, duration):
    per_op = collections.defaultdict(list)
    for entry in entries:
        per_op[entry.op].append(entry)
    rows = {}
    for op, items in per_op.items():
        seconds = [e.seconds for e in items]
        outcomes = collections.Counter(e.outcome for e in items)
        rows[op] = {
            "count": len(items),
            "ok": outcomes[OK],
            "refused": outcomes[REFUSED],
            "error": outcomes[ERROR],
            "per_s": len(items) / duration if duration else 0.0,
            "p50_ms": 1000 * percentile(seconds, 0.50),
            "p95_ms": 1000 * percentile(seconds, 0.95),
        }
    return rows


def total(rows, duration, ops=None):
    ops = [op for op in rows if ops is None or op in ops]
    count = sum(rows[op]["count"] for op in ops)
    return count / duration if duration else 0.0


def table(title, rows, duration):
    lines = [
        f"{title}: {sum(r['count'] for r in rows.values())} operations in {duration:.0f} s, "
        f"{total(rows, duration):.2f} op/s",
        f"  {'operation':<17}{'count':>7}{'ok':>6}{'refused':>9}{'error':>7}"
        f"{'op/s':>8}{'p50 ms':>9}{'p95 ms':>9}",
    ]
    for op in sorted(rows):
        r = rows[op]
        lines.append(
            f"  {op:<17}{r['count']:>7}{r['ok']:>6}{r['refused']:>9}{r['error']:>7}"
            f"{r['per_s']:>8.2f}{r['p50_ms']:>9.0f}{r['p95_ms']:>9.0f}"
        )
    return "\n".join(lines)


def comparison(suite_rows, suite_duration, stock_rows, stock_duration):
    common = set(suite_rows) & set(stock_rows) - STOCK_ONLY_MISSING
    suite_rate = total(suite_rows, suite_duration, common)
    stock_rate = total(stock_rows, stock_duration, common)
    ratio = suite_rate / stock_rate if stock_rate else 0.0
    lines = [
        f"throughput on the operations both have ({', '.join(sorted(common))}):",
        f"  suite {suite_rate:.2f} op/s, stock {stock_rate:.2f} op/s, ratio {ratio:.2f}"
        " (the issue aims at >= 0.9; a benchmark, not a test)",
        f"  {'operation':<17}{'suite p50':>10}{'stock p50':>10}{'suite p95':>10}{'stock p95':>10}",
    ]
    for op in sorted(common):
        s, t = suite_rows[op], stock_rows[op]
        lines.append(
            f"  {op:<17}{s['p50_ms']:>10.0f}{t['p50_ms']:>10.0f}{s['p95_ms']:>10.0f}"
            f"{t['p95_ms']:>10.0f}"
        )
    return "\n".join(lines), ratio
