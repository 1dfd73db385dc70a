"""The web UI and JSON API served by ``monitor run``: ``server`` (uvicorn on a thread), ``app``
(routes), ``auth`` (login, CSRF, security headers), ``views`` (what each page shows)."""
