"""One user's JSON-2 connection (``POST /json/2/<model>/<method>``, bearer API key).

Each call answers ``(value)`` or raises :class:`Refused` (a translated UserError,
ValidationError or AccessError: HTTP 403/422) or :class:`Failed` (anything else: a 500,
a lost connection, a timeout). The client tells them apart so that the tally can hold a
refusal the seed expects apart from an error nobody should see.
"""

import requests

REFUSALS = {"UserError", "ValidationError", "AccessError", "RedirectWarning"}


class Failed(Exception):
    """The call failed for another reason than a rule (server error, connection, timeout)."""

    def __init__(self, kind, message, status=None):
        super().__init__(f"{kind}: {message[:300]}")
        self.kind, self.message, self.status = kind, message, status


class Refused(Failed):
    """A rule of Odoo or of the suite refused the call (nothing was written)."""


class Api:
    def __init__(self, url, db, key, timeout=120):
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.http = requests.Session()
        self.http.headers.update(
            {
                "Authorization": f"bearer {key}",
                "X-Odoo-Database": db,
                "Content-Type": "application/json",
            }
        )
        self.context = {"lang": "mn_MN", "tz": "Asia/Ulaanbaatar"}

    def call(self, model, method, ids=None, context=None, **kwargs):
        body = dict(kwargs)
        if ids is not None:
            body["ids"] = ids
        body["context"] = {**self.context, **(context or {})}
        try:
            response = self.http.post(
                f"{self.url}/json/2/{model}/{method}", json=body, timeout=self.timeout
            )
        except requests.RequestException as error:
            raise Failed(type(error).__name__, str(error)) from None
        if response.status_code == 200:
            return response.json()
        try:
            error = response.json()
            kind = (error.get("name") or "").rpartition(".")[2] or f"HTTP{response.status_code}"
            message = error.get("message") or response.text
        except ValueError:
            # not Odoo's JSON error: a proxy's or werkzeug's page (a dead worker, a 502)
            kind, message = f"HTTP{response.status_code}", response.text
        if kind in REFUSALS and response.status_code in (403, 422):
            raise Refused(kind, message, response.status_code)
        raise Failed(kind, message, response.status_code)

    def create(self, model, values, context=None):
        return self.call(model, "create", context=context, vals_list=[values])[0]

    def read(self, model, ids, fields, context=None):
        return self.call(model, "read", ids=ids, fields=fields, context=context)

    def search_read(self, model, domain, fields, **kwargs):
        return self.call(model, "search_read", domain=domain, fields=fields, **kwargs)

    def write(self, model, ids, values):
        return self.call(model, "write", ids=ids, vals=values)
