"""What one browser session of the console holds: the signed-in client, the user, the language.

Streamlit reruns a page's script on every click; whatever must survive a rerun lives in
`st.session_state`. Reads of the API are cached for a short while per signed-in token (so one user's
answers never serve another), and every change clears the cache so the next screen shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

import streamlit as st

from ui import i18n
from ui.api import ApiClient, ApiError
from ui.settings import ConsoleSettings

T = TypeVar("T")
_CLIENT = "erta_client"
_ME = "erta_me"
_LANG = "erta_lang"
# An API status code → the catalog key of the sentence a user reads; the API's detail follows it.
_ERRORS = {0: "error.unreachable", 401: "error.signed_out", 403: "error.forbidden", 404: "error.not_found"}
_ERRORS |= {409: "error.conflict", 400: "error.invalid", 422: "error.invalid", 429: "error.busy"}


@cache
def settings() -> ConsoleSettings:
    return ConsoleSettings()


def language() -> str:
    """The user's language: chosen in the sidebar, kept in the address (`?lang=ru`), Uzbek by default."""
    if _LANG not in st.session_state:
        asked = st.query_params.get("lang", i18n.DEFAULT_LANGUAGE)
        st.session_state[_LANG] = asked if asked in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
    chosen: str = st.session_state[_LANG]
    return chosen


def set_language(lang: str) -> None:
    st.session_state[_LANG] = lang
    st.query_params["lang"] = lang


def t(key: str, /, **values: Any) -> str:
    """The text of `key` in the user's language."""
    return i18n.text(key, language(), **values)


def signed_in() -> bool:
    return _ME in st.session_state


def sign_in(username: str, password: str) -> None:
    """Sign in against the API and remember who this is; raises ApiError when refused."""
    client = ApiClient(settings().api_url, timeout=settings().timeout_seconds)
    client.sign_in(username, password)
    st.session_state[_CLIENT] = client
    st.session_state[_ME] = client.get("/auth/me")


def sign_out() -> None:
    for key in (_CLIENT, _ME):
        st.session_state.pop(key, None)
    st.cache_data.clear()


def me() -> dict[str, Any]:
    user: dict[str, Any] = st.session_state[_ME]
    return user


def roles() -> list[str]:
    return list(me().get("roles", [])) if signed_in() else []


def client() -> ApiClient:
    api: ApiClient = st.session_state[_CLIENT]
    return api


def get(path: str, params: dict[str, Any] | None = None) -> Any:
    """A cached read of the API as the signed-in user."""
    api = client()
    assert api.tokens is not None
    return _cached_reader()(api.base_url, api.tokens.access, path, tuple(sorted((params or {}).items())))


@cache
def _cached_reader() -> Callable[[str, str, str, tuple[tuple[str, Any], ...]], Any]:
    """The cached GET, made on first use so that its lifetime comes from the settings."""

    def read(base_url: str, token: str, path: str, params: tuple[tuple[str, Any], ...]) -> Any:
        # The token is part of the cache key: an answer is only reused for the same sign-in.
        return client().get(path, dict(params))

    return st.cache_data(ttl=settings().cache_seconds, show_spinner=False, max_entries=500)(read)


def post(path: str, body: dict[str, Any] | None = None, params: dict[str, Any] | None = None) -> Any:
    """A change through the API; the cache is cleared so every screen shows what it changed."""
    answer = client().post(path, body, params)
    st.cache_data.clear()
    return answer


def download(path: str, params: dict[str, Any] | None = None) -> bytes:
    return client().download(path, params)


def show_error(error: ApiError) -> None:
    """The refusal in the user's words, with the API's own detail underneath."""
    st.error(t(_ERRORS.get(error.status, "error.server")))
    if error.detail:
        st.caption(t("error.details", detail=error.detail))
    if error.status == 401:
        sign_out()


def attempt(action: Callable[[], T]) -> T | None:
    """Run `action`; on an API error show it in words and answer None, so the page goes on drawing."""
    try:
        return action()
    except ApiError as error:
        show_error(error)
        return None
