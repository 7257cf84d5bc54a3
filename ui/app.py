"""Erta's console: `streamlit run ui/app.py` (or `erta console`), talking to `erta serve`.

Sign-in first; then a menu of the pages the user's role opens, a language switcher and sign-out in the
sidebar. Every number and name on a page comes from the API, so the console holds no data of its own.
"""

from __future__ import annotations

import streamlit as st

from ui import i18n
from ui.api import ApiError
from ui.navigation import st_pages
from ui.session import language, me, roles, set_language, sign_in, sign_out, signed_in, t


def main() -> None:
    st.set_page_config(page_title="Erta", page_icon=":material/school:", layout="wide")
    _language_switcher()
    if not signed_in():
        st.navigation([st.Page(_sign_in_page, title=t("login.title"), url_path="login")]).run()
        return
    pages = st_pages(roles())
    if not pages:
        st.warning(t("nav.no_pages"))
        _sign_out_button()
        return
    navigation = st.navigation(pages)
    user = me()
    role_names = ", ".join(t(f"role.{role}") for role in user.get("roles", []))
    st.sidebar.caption(t("login.signed_in_as", username=user["username"], role=role_names))
    _sign_out_button()
    navigation.run()


def _language_switcher() -> None:
    current = language()
    chosen = st.sidebar.selectbox(
        t("app.language"),
        i18n.LANGUAGES,
        index=i18n.LANGUAGES.index(current),
        format_func=lambda code: i18n.LANGUAGE_NAMES[code],
        key="language_switcher",
    )
    if chosen != current:
        set_language(chosen)
        st.rerun()


def _sign_out_button() -> None:
    if st.sidebar.button(t("login.sign_out"), icon=":material/logout:"):
        sign_out()
        st.rerun()


def _sign_in_page() -> None:
    st.title(t("app.title"))
    st.write(t("login.intro"))
    with st.form("sign_in"):
        username = st.text_input(t("login.username"), autocomplete="username")
        password = st.text_input(t("login.password"), type="password", autocomplete="current-password")
        submitted = st.form_submit_button(t("login.submit"), type="primary")
    if not submitted:
        return
    if not username or not password:
        st.warning(t("login.missing"))
        return
    try:
        sign_in(username.strip(), password)
    except ApiError as error:
        if error.status in (400, 401):
            st.error(t("login.failed"))
        else:
            st.error(t("error.unreachable" if error.status == 0 else "error.server"))
            st.caption(t("error.details", detail=error.detail))
        return
    st.rerun()


if __name__ == "__main__":
    main()
