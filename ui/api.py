"""A thin client of Erta's API for the console: sign-in, refresh, JSON and file calls, errors in words.

Every screen goes through here, so roles, scope and audit are the API's alone; the console never sees a
database. A failed call becomes an `ApiError` that keeps the status code (which the page turns into a
sentence in the user's language) and the API's own detail.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx


class ApiError(Exception):
    """A call the API refused or could not answer; `status` is 0 when the API was not reached at all."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"{status}: {detail}" if status else detail)
        self.status = status
        self.detail = detail


@dataclass
class Tokens:
    access: str
    refresh: str


@dataclass
class ApiClient:
    """One signed-in user's connection to the API; refreshes the access token once when it expires."""

    base_url: str
    timeout: float = 60.0
    tokens: Tokens | None = None
    _http: httpx.Client | None = field(default=None, repr=False)

    @property
    def http(self) -> httpx.Client:
        if self._http is None:
            self._http = httpx.Client(base_url=self.base_url, timeout=self.timeout)
        return self._http

    def sign_in(self, username: str, password: str) -> None:
        response = self._send("POST", "/auth/token", data={"username": username, "password": password})
        body = response.json()
        self.tokens = Tokens(body["access_token"], body["refresh_token"])

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return self._call("GET", path, params=_clean(params)).json()

    def post(
        self, path: str, body: dict[str, Any] | None = None, params: dict[str, Any] | None = None
    ) -> Any:
        return self._call("POST", path, json=body or {}, params=_clean(params)).json()

    def download(self, path: str, params: dict[str, Any] | None = None) -> bytes:
        return self._call("GET", path, params=_clean(params)).content

    def _call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        if self.tokens is None:
            raise ApiError(401, "not signed in")
        try:
            return self._send(method, path, headers=self._auth(), **kwargs)
        except ApiError as error:
            if error.status != 401:
                raise
        self._refresh()
        return self._send(method, path, headers=self._auth(), **kwargs)

    def _refresh(self) -> None:
        assert self.tokens is not None
        response = self._send("POST", "/auth/refresh", json={"refresh_token": self.tokens.refresh})
        body = response.json()
        self.tokens = Tokens(body["access_token"], body["refresh_token"])

    def _auth(self) -> dict[str, str]:
        assert self.tokens is not None
        return {"Authorization": f"Bearer {self.tokens.access}"}

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self.http.request(method, path, **kwargs)
        except httpx.TimeoutException as error:
            raise ApiError(0, f"the API did not answer in {self.timeout:.0f} s") from error
        except httpx.TransportError as error:
            raise ApiError(
                0, f"the API at {self.base_url} cannot be reached ({type(error).__name__})"
            ) from error
        if response.is_success:
            return response
        raise ApiError(response.status_code, _detail(response))


def _detail(response: httpx.Response) -> str:
    """The API's explanation of a refusal: its `{"error": {"message"}}`, FastAPI's own `detail` (a
    validation error's fields), or the start of the body."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:300] or response.reason_phrase
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict) and error.get("message"):
        return str(error["message"])
    detail = body.get("detail") if isinstance(body, dict) else body
    if detail is None:
        return response.reason_phrase
    if isinstance(detail, list):
        parts = []
        for item in detail:
            if isinstance(item, dict):
                where = ".".join(str(p) for p in item.get("loc", ()) if p != "body")
                parts.append(f"{where}: {item.get('msg', '')}" if where else str(item.get("msg", "")))
        return "; ".join(parts) or str(detail)
    return str(detail)


def _clean(params: dict[str, Any] | None) -> dict[str, Any] | None:
    """Query parameters without the ones left empty, so the API applies its own defaults."""
    if params is None:
        return None
    return {key: value for key, value in params.items() if value not in (None, "")}
