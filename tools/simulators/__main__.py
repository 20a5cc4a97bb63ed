"""Command line: ``PYTHONPATH=tools python -m simulators {posapi,qpay} [--port N] ...``.

Serves one simulator in the foreground until Ctrl-C and prints its URL first (one line,
``<name> simulator listening on http://HOST:PORT``), so a script can wait for it.
"""

import argparse
import sys

from . import posapi, qpay


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m simulators", description=__doc__)
    commands = parser.add_subparsers(dest="service", required=True)

    pos = commands.add_parser("posapi", help="e-barimt PosAPI 3.0 (default port 7080)")
    pos.add_argument("--host", default="127.0.0.1")
    pos.add_argument("--port", type=int, default=7080)
    pos.add_argument(
        "--city-tax-rate", default="0.02", help="city tax (НХАТ) rate checked on items"
    )

    qp = commands.add_parser("qpay", help="QPay merchant API v2 (default port 7081)")
    qp.add_argument("--host", default="127.0.0.1")
    qp.add_argument("--port", type=int, default=7081)
    qp.add_argument("--client-id", default="TEST_MERCHANT")
    qp.add_argument("--client-secret", default="123456")
    qp.add_argument("--invoice-code", default="TEST_INVOICE")
    qp.add_argument("--access-ttl", type=int, default=86400, help="access token lifetime (s)")
    qp.add_argument("--refresh-ttl", type=int, default=86400, help="refresh token lifetime (s)")

    for sub in (pos, qp):
        sub.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)

    if args.service == "posapi":
        simulator = posapi.PosApiSimulator(
            args.host, args.port, city_tax_rate=args.city_tax_rate, verbose=args.verbose
        )
    else:
        simulator = qpay.QPaySimulator(
            args.host,
            args.port,
            clients={args.client_id: (args.client_secret, args.invoice_code)},
            access_ttl=args.access_ttl,
            refresh_ttl=args.refresh_ttl,
            verbose=args.verbose,
        )
    simulator.start()
    print(f"{args.service} simulator listening on {simulator.url}", flush=True)
    simulator.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
