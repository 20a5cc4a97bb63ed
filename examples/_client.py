"""A tiny client for the examples: the same calls over XML-RPC or JSON-2.

* XML-RPC (``/xmlrpc/2/common`` + ``/xmlrpc/2/object``), Python's standard library only.
  Deprecated in Odoo 19 (removed in Odoo 20); a password or an API key works as secret.
* JSON-2 (``POST /json/2/<model>/<method>``) with ``requests``: header
  ``Authorization: bearer <API key>`` and ``X-Odoo-Database: <db>``; named arguments only.

Every call is written once, with named arguments (what JSON-2 requires):
``client.call("sale.order", "action_confirm", ids=[7])``,
``client.call("crm.lead", "action_set_lost", ids=[3], lost_reason_id=5)``.
Over XML-RPC the ids become the first positional argument of ``execute_kw`` and the named
arguments its keyword arguments. Errors of both protocols become one :class:`ApiError`.
"""

import argparse
import json
import sys
import xmlrpc.client

# XML-RPC fault codes of /xmlrpc/2 (odoo/addons/rpc/controllers/xmlrpc.py).
XMLRPC_FAULTS = {1: "ServerError", 2: "UserError", 3: "AccessDenied", 4: "AccessError"}


class ApiError(Exception):
    """A refusal of the server: ``kind`` (UserError, ValidationError, AccessError, ...),
    ``message`` (the user-facing text, in the user's language) and, for JSON-2, ``status``."""

    def __init__(self, kind, message, status=None):
        super().__init__(f"{kind}: {message}")
        self.kind = kind
        self.message = message
        self.status = status


class Client:
    """One user's connection; ``protocol`` is ``"xmlrpc"`` or ``"json2"``."""

    def __init__(self, url, db, login, secret, protocol="json2", context=None):
        self.url = url.rstrip("/")
        self.db = db
        self.login = login
        self.protocol = protocol
        self.context = dict(context or {})
        self._secret = secret
        if protocol == "xmlrpc":
            common = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/common", allow_none=True)
            self._object = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/object", allow_none=True)
            try:
                self.uid = common.authenticate(db, login, secret, {})
            except xmlrpc.client.Fault as fault:
                raise _from_fault(fault) from None
            if not self.uid:
                raise ApiError("AccessDenied", f"login failed for {login!r}")
            self.uid = int(self.uid)
        elif protocol == "json2":
            import requests  # noqa: PLC0415 - only JSON-2 needs it

            self._http = requests.Session()
            self._http.headers.update(
                {
                    "Authorization": f"bearer {secret}",
                    "X-Odoo-Database": db,
                    "Content-Type": "application/json",
                }
            )
        else:
            raise ValueError(f"unknown protocol {protocol!r}")
        # The user's language and time zone: server messages come back in Mongolian for a
        # mn_MN user (a call without ``lang`` in its context answers in English).
        user_context = self.call("res.users", "context_get")
        self.uid = user_context["uid"]
        self.context = {"lang": user_context["lang"], "tz": user_context["tz"], **self.context}

    # -- the one generic call ---------------------------------------------------------------

    def call(self, model, method, ids=None, context=None, **kwargs):
        """``model.browse(ids).method(**kwargs)`` (no ids: a model method such as search)."""
        ctx = {**self.context, **(context or {})}
        if self.protocol == "xmlrpc":
            args = [ids] if ids is not None else []
            if ctx:
                kwargs["context"] = ctx
            try:
                return self._object.execute_kw(
                    self.db, self.uid, self._secret, model, method, args, kwargs
                )
            except xmlrpc.client.Fault as fault:
                raise _from_fault(fault) from None
        body = dict(kwargs)
        if ids is not None:
            body["ids"] = ids
        if ctx:
            body["context"] = ctx
        response = self._http.post(f"{self.url}/json/2/{model}/{method}", json=body, timeout=120)
        if response.status_code == 200:
            return response.json()
        try:
            error = response.json()
            kind = error.get("name", "").rpartition(".")[2] or "ServerError"
            message = error.get("message") or response.text
        except ValueError:
            kind, message = "HTTPError", response.text
        raise ApiError(kind, message, status=response.status_code)

    # -- shortcuts ----------------------------------------------------------------------------

    def create(self, model, values, context=None):
        """Create one record; returns its id (XML-RPC gives an id, JSON-2 a list of ids)."""
        if self.protocol == "xmlrpc":
            ctx = {**self.context, **(context or {})}
            kwargs = {"context": ctx} if ctx else {}
            try:
                return self._object.execute_kw(
                    self.db, self.uid, self._secret, model, "create", [values], kwargs
                )
            except xmlrpc.client.Fault as fault:
                raise _from_fault(fault) from None
        return self.call(model, "create", context=context, vals_list=[values])[0]

    def read(self, model, ids, fields, context=None):
        return self.call(model, "read", ids=ids, context=context, fields=fields)

    def read_one(self, model, record_id, fields, context=None):
        return self.read(model, [record_id], fields, context=context)[0]

    def search_read(self, model, domain, fields, context=None, **kwargs):
        return self.call(
            model, "search_read", context=context, domain=domain, fields=fields, **kwargs
        )

    def search(self, model, domain, context=None, **kwargs):
        return self.call(model, "search", context=context, domain=domain, **kwargs)

    def write(self, model, ids, values, context=None):
        return self.call(model, "write", ids=ids, context=context, vals=values)

    def fetch(self, path):
        """GET a path of the server without credentials (portal links carry a token)."""
        import urllib.request  # noqa: PLC0415

        with urllib.request.urlopen(f"{self.url}{path}", timeout=120) as response:
            return response.read()


def _from_fault(fault):
    """XML-RPC faults of /xmlrpc/2: the code tells the kind, the string the message."""
    kind = XMLRPC_FAULTS.get(fault.faultCode, "ServerError")
    message = fault.faultString
    if kind == "ServerError":
        # a traceback: its last "package.Exception: message" line tells what failed
        for line in reversed(message.splitlines()):
            name, _, text = line.partition(": ")
            if text and name and not name[0].isspace() and name.replace(".", "").isidentifier():
                return ApiError(name.rpartition(".")[2], text)
    return ApiError(kind, message)


# -- the command line every example shares ------------------------------------------------------


def add_credentials(parser, prefix="", who="борлуулагч"):
    """``--<prefix>login``, ``--<prefix>password`` and ``--<prefix>api-key`` for one user."""
    dash = f"--{prefix}" if prefix else "--"
    parser.add_argument(f"{dash}login", help=f"{who}: нэвтрэх нэр")
    secret = parser.add_mutually_exclusive_group()
    secret.add_argument(
        f"{dash}password", help=f"{who}: нууц үг (зөвхөн XML-RPC; API түлхүүр ч болно)"
    )
    secret.add_argument(f"{dash}api-key", help=f"{who}: API түлхүүр (JSON-2-т заавал)")


def base_parser(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--url", default="http://127.0.0.1:8069", help="Odoo-гийн хаяг")
    parser.add_argument("--db", default="mn_crm_sales", help="өгөгдлийн сан")
    parser.add_argument(
        "--protocol",
        choices=("xmlrpc", "json2"),
        default="json2",
        help="json2 (Odoo 19-ийн шинэ API) эсвэл xmlrpc (Odoo 19-д хуучирсан)",
    )
    add_credentials(parser)
    return parser


def connect(args, prefix="", who="борлуулагч", required=True):
    """The Client of the user given by ``--<prefix>login/--<prefix>password/--<prefix>api-key``."""
    attr = prefix.replace("-", "_")
    login = getattr(args, f"{attr}login")
    password = getattr(args, f"{attr}password")
    api_key = getattr(args, f"{attr}api_key")
    if not login and not password and not api_key and not required:
        return None
    if args.protocol == "json2" and not api_key:
        fail(f"JSON-2 нь API түлхүүр шаарддаг: --{prefix}api-key өгнө үү ({who}).")
    if args.protocol == "xmlrpc" and not login:
        fail(f"XML-RPC нь нэвтрэх нэр шаарддаг: --{prefix}login өгнө үү ({who}).")
    if not (password or api_key):
        fail(f"--{prefix}password эсвэл --{prefix}api-key өгнө үү ({who}).")
    try:
        return Client(args.url, args.db, login, api_key or password, args.protocol)
    except ApiError as error:
        fail(f"{who} нэвтэрч чадсангүй: {error.message}")


def say(text):
    print(text, flush=True)


def fail(text):
    print(f"АЛДАА: {text}", file=sys.stderr, flush=True)
    sys.exit(2)


def result(values):
    """The last line: what the script did, as JSON (tests and other scripts read it)."""
    print("ҮР ДҮН: " + json.dumps(values, ensure_ascii=False, sort_keys=True), flush=True)


def run(main):
    """Run ``main()``; a refusal of the server ends the script with its message and status 1."""
    try:
        main()
    except ApiError as error:
        print(f"АЛДАА ({error.kind}): {error.message}", file=sys.stderr, flush=True)
        sys.exit(1)
