"""widget/serve.py without Rasa: the headers every page carries and what it refuses to serve."""
import importlib.util
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

SERVE = Path(__file__).resolve().parents[1] / "serve.py"
spec = importlib.util.spec_from_file_location("widget_serve", SERVE)
serve = importlib.util.module_from_spec(spec)
spec.loader.exec_module(serve)


@pytest.fixture(scope="module")
def web():
    server = ThreadingHTTPServer(("127.0.0.1", 0), serve.maak_handler(
        'https://bot.school.example:5005/"><script>', "https://www.google.nl"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_strikte_csp_en_kopjes(web):
    r = requests.get(web + "/", timeout=5)
    assert r.status_code == 200
    csp = r.headers["Content-Security-Policy"]
    for deel in ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
                 "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'",
                 "connect-src 'self' https://bot.school.example:5005 wss://bot.school.example:5005"]:
        assert deel in csp
    assert "unsafe" not in csp and "*" not in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"] == "no-referrer"
    assert r.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in r.headers


def test_configuratie_wordt_ge_escaped(web):
    html = requests.get(web + "/", timeout=5).text
    assert "<script>" not in html.split('data-server="')[1].split('"')[0]
    assert '&quot;&gt;&lt;script&gt;' in html
    assert 'lang="nl"' in html
    assert "<script>" not in html.replace("<script src=", "")  # no inline script anywhere


@pytest.mark.parametrize("pad", ["/wegwijzer.js", "/wegwijzer.css", "/vendor/socket.io.min.js"])
def test_widgetbestanden(web, pad):
    r = requests.get(web + pad, timeout=5)
    assert r.status_code == 200 and r.content
    assert r.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("pad", ["/../serve.py", "/serve.py", "/node_modules/axe-core/axe.js", "/public/", "/%2e%2e/setup.sh"])
def test_niets_anders(web, pad):
    assert requests.get(web + pad, timeout=5).status_code == 404


def test_alleen_http_urls():
    with pytest.raises(ValueError):
        serve.csp("javascript:alert(1)")
    with pytest.raises(ValueError):
        serve.maak_handler("http://localhost:5005", "javascript:alert(1)")


@pytest.mark.parametrize("pad", ["/", "/wegwijzer.js", "/wegwijzer.css", "/vendor/socket.io.min.js", "/bestaat-niet"])
def test_elke_pagina_csp_nosniff_en_hsts_achter_tls(web, pad):
    r = requests.get(web + pad, headers={"X-Forwarded-Proto": "https"}, timeout=5)
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Strict-Transport-Security"].startswith("max-age=")
    # Plain http (no proxy in front): no HSTS.
    assert "Strict-Transport-Security" not in requests.get(web + pad, timeout=5).headers


def test_foutpaginas_ook_met_kopjes(web):
    for r in [requests.post(web + "/", data=b"x", timeout=5), requests.request("BREW", web + "/", timeout=5),
              requests.get(web + "/" + "a" * 70_000, timeout=5)]:
        assert r.status_code >= 400
        assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
        assert r.headers["X-Content-Type-Options"] == "nosniff"
