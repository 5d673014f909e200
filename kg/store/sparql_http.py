"""HTTP to one SPARQL 1.1 endpoint (the protocol, https://www.w3.org/TR/sparql11-protocol/):
queries to the query URL, updates to the update URL, over one kept-alive httpx client.

httpx rather than rdflib's connector: rdflib opens a connection per request and speaks Basic
auth only, while Virtuoso's authenticated endpoint (``/sparql-auth``) asks for Digest.
"""
from __future__ import annotations

from collections.abc import Generator
from io import BytesIO

import httpx
from rdflib.query import Result

#: What rdflib can parse: SELECT/ASK results, and graphs for CONSTRUCT/DESCRIBE.
ACCEPT = ("application/sparql-results+xml, application/sparql-results+json;q=0.9, "
          "application/rdf+xml;q=0.8, text/turtle;q=0.7, application/n-triples;q=0.6")


class SparqlEndpointError(RuntimeError):
    """The endpoint could not be reached or refused a request; the message says which and why."""


class ChallengeAuth(httpx.Auth):
    """Basic or Digest, whichever the server's ``WWW-Authenticate`` challenge names; the Digest
    state is kept, so later requests answer the challenge without a second round trip."""

    def __init__(self, user: str, password: str) -> None:
        self._basic = httpx.BasicAuth(user, password)
        self._digest = httpx.DigestAuth(user, password)
        self._scheme: str | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._scheme == "digest":
            yield from self._digest.auth_flow(request)
            return
        if self._scheme == "basic":
            yield from self._basic.auth_flow(request)
            return
        response = yield request
        if response.status_code != 401:
            return
        challenge = response.headers.get("www-authenticate", "").lower()
        self._scheme = "digest" if challenge.startswith("digest") else "basic"
        yield from self.auth_flow(request)


class SparqlHttp:
    """One endpoint's query and update URLs, credentials and connection pool."""

    def __init__(self, query_url: str, update_url: str = "", user: str = "",
                 password: str = "", timeout: float = 120.0) -> None:
        self.query_url = query_url
        self.update_url = update_url or query_url
        self._client = httpx.Client(auth=ChallengeAuth(user, password) if user else None,
                                    timeout=timeout)

    def query(self, text: str, default_graph: str | None = None) -> Result:
        """A SELECT, ASK or CONSTRUCT, parsed by rdflib (``default-graph-uri`` when given)."""
        data = {"query": text}
        if default_graph is not None:
            data["default-graph-uri"] = default_graph
        response = self._post(self.query_url, data, "query")
        content_type = response.headers.get("content-type", "").split(";")[0].strip()
        return Result.parse(BytesIO(response.content), content_type=content_type)

    def update(self, text: str) -> None:
        """One update request: the endpoint runs it as one transaction."""
        self._post(self.update_url, {"update": text}, "update")

    def _post(self, url: str, data: dict[str, str], what: str) -> httpx.Response:
        try:
            response = self._client.post(url, data=data, headers={"Accept": ACCEPT})
        except httpx.HTTPError as exc:
            raise SparqlEndpointError(f"SPARQL endpoint {url} unreachable for a {what}: "
                                      f"{type(exc).__name__}: {exc}") from exc
        if response.status_code >= 400:
            raise SparqlEndpointError(f"SPARQL endpoint {url} refused a {what}: HTTP "
                                      f"{response.status_code}: {response.text[:500].strip()}")
        return response

    def close(self) -> None:
        self._client.close()
