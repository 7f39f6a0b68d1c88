"""Flask app: login, list, transcript, tags/notes/status, reveal, exports, statistics, audit log."""
from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import secrets
import time
from datetime import date, datetime, timedelta, timezone
from functools import wraps
from typing import Optional
from urllib.parse import urlencode, urlparse

from flask import Flask, Response, abort, g, redirect, render_template, request, url_for
from sqlalchemy import and_, case, exists, func, select, text, true
from sqlalchemy.engine import Engine

from . import accounts, db, export
from .config import Instellingen
from .gesprekken import STATUSSEN, _toon, bouw_gesprek, lees_events, pseudo_teksten, werk_bij

try:
    from zoneinfo import ZoneInfo
    TZ = ZoneInfo("Europe/Amsterdam")
except Exception:  # no tz database: show UTC
    TZ = timezone.utc

WAARDEN = {
    "rol": ("leerling", "ouder", "onderwijspersoneel"),
    "situatie": ("pesten", "discriminatie", "seksueel_misbruik", "intimidatie", "anders"),
    "onderwijstype": ("po", "vo"),
}
LABEL_TEKST = {
    "leerling": "Leerling", "ouder": "Ouder/verzorger", "onderwijspersoneel": "Onderwijspersoneel",
    "pesten": "Pesten", "discriminatie": "Discriminatie", "seksueel_misbruik": "Seksueel grensoverschrijdend",
    "intimidatie": "Intimidatie/geweld", "anders": "Anders", "po": "Primair onderwijs", "vo": "Voortgezet onderwijs",
    "nieuw": "Nieuw", "bekeken": "Bekeken", "opvolgen": "Opvolgen", "afgehandeld": "Afgehandeld",
    None: "Onbekend", "": "Onbekend",
}
MAX_LABEL = 40


def _mediaan_uit_telling(telling: dict) -> float:
    """Median from a histogram {value: count}."""
    n = sum(telling.values())
    if not n:
        return 0.0
    def kde(k):  # k-th smallest value (0-based)
        gezien = 0
        for w in sorted(telling):
            gezien += telling[w]
            if k < gezien:
                return w
    return (kde((n - 1) // 2) + kde(n // 2)) / 2


def maak_app(inst: Instellingen, app_engine: Optional[Engine] = None, tracker_engine: Optional[Engine] = None) -> Flask:
    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=64 * 1024, TEMPLATES_AUTO_RELOAD=False)
    app.jinja_env.autoescape = True  # also for .svg / .txt templates
    appdb = app_engine or db.maak_engine(inst.app_db)
    db.init(appdb)
    tracker = tracker_engine or db.maak_engine(inst.tracker_url)
    app.extensions["helpdesk"] = {"inst": inst, "app": appdb, "tracker": tracker}
    cookie = "__Host-helpdesk" if inst.veilige_cookies else "helpdesk"
    pre_cookie = "__Host-helpdesk-pre" if inst.veilige_cookies else "helpdesk-pre"

    def csrf_token() -> str:
        basis = request.cookies.get(cookie) if g.get("gebruiker") else g.get("pre_waarde")
        return hmac.new(inst.geheim, f"csrf:{basis}".encode(), hashlib.sha256).hexdigest()

    def label_tekst(w):
        return LABEL_TEKST.get(w, w)

    def tijd(ts: float, fmt: str = "%d-%m-%Y %H:%M") -> str:
        return datetime.fromtimestamp(ts, TZ).strftime(fmt)

    app.jinja_env.globals.update(csrf_token=csrf_token, label_tekst=label_tekst, STATUSSEN=STATUSSEN,
                                 WAARDEN=WAARDEN)
    app.jinja_env.filters["tijd"] = tijd
    app.jinja_env.filters["slotwaarde"] = _toon

    def ip() -> str:
        return request.remote_addr or ""

    def audit(actie: str, sleutel: Optional[str] = None, details: str = "") -> None:
        accounts.schrijf_audit(appdb, g.gebruiker["naam"], actie, sleutel, details, ip())

    @app.before_request
    def toegang():
        g.gebruiker = accounts.sessie_gebruiker(appdb, request.cookies.get(cookie))
        g.pre_waarde = request.cookies.get(pre_cookie) or secrets.token_urlsafe(24)
        if request.endpoint in ("static",):
            return None
        # PostgreSQL refuses NUL characters in text (a 500 from the database); no path, filter or
        # form field needs them.
        if "\x00" in request.path or any("\x00" in w for w in request.args.values()) or (
                request.method == "POST" and any("\x00" in w for w in request.form.values())):
            abort(400, "Ongeldige invoer.")
        if request.method == "POST":
            # CSRF: same-origin check when the browser says where it comes from, plus a token
            # bound to the session (or, before login, to a random pre-login cookie).
            herkomst = request.headers.get("Origin") or request.headers.get("Referer")
            if herkomst and urlparse(herkomst).netloc != request.host:
                abort(403, "Verzoek van een andere site geweigerd.")
            # As bytes: compare_digest refuses non-ASCII str (a 500 for a forged token).
            if not hmac.compare_digest(request.form.get("csrf", "").encode(), csrf_token().encode()):
                abort(403, "Ongeldig formulier (CSRF). Laad de pagina opnieuw.")
        if request.endpoint == "inloggen":
            return None
        if not g.gebruiker:
            if request.method == "GET" and request.accept_mimetypes.accept_html:
                return redirect(url_for("inloggen", volgende=request.full_path if request.args else request.path))
            abort(401)
        return None

    @app.after_request
    def koppen(resp: Response) -> Response:
        resp.headers["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; form-action 'self'; "
            "frame-ancestors 'none'; base-uri 'none'")
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["X-Frame-Options"] = "DENY"
        resp.headers["Referrer-Policy"] = "same-origin"  # no-referrer would make browsers send "Origin: null" on our own forms
        resp.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        resp.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        if request.endpoint != "static":
            resp.headers["Cache-Control"] = "no-store"
        # Behind a TLS-terminating reverse proxy the app itself sees http: trust its header for HSTS.
        voor = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
        if request.is_secure or voor == "https":
            resp.headers["Strict-Transport-Security"] = "max-age=31536000"
        if not request.cookies.get(pre_cookie) and not g.get("gebruiker"):
            resp.set_cookie(pre_cookie, g.pre_waarde, secure=inst.veilige_cookies, httponly=True, samesite="Strict",
                            path="/")
        return resp

    @app.errorhandler(400)
    @app.errorhandler(401)
    @app.errorhandler(403)
    @app.errorhandler(404)
    @app.errorhandler(429)
    def fout(e):
        return render_template("fout.html", fout=e), e.code

    def beheerder_nodig(f):
        @wraps(f)
        def binnen(*a, **k):
            if g.gebruiker["rol"] != "beheerder":
                abort(403, "Alleen voor beheerders.")
            return f(*a, **k)
        return binnen

    # ---------- login ----------
    @app.route("/login", methods=["GET", "POST"])
    def inloggen():
        melding = None
        code = 200
        if request.method == "POST":
            naam = request.form.get("naam", "").strip()[:80]
            if accounts.geblokkeerd(appdb, naam, ip()):
                melding, code = "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.", 429
                accounts.schrijf_audit(appdb, naam or "?", "inloggen_geblokkeerd", ip=ip())
            else:
                gebr = accounts.controleer(appdb, naam, request.form.get("wachtwoord", ""), ip())
                if gebr:
                    token = accounts.nieuwe_sessie(appdb, gebr["id"])
                    accounts.schrijf_audit(appdb, gebr["naam"], "ingelogd", ip=ip())
                    volgende = request.args.get("volgende", "/")
                    if not volgende.startswith("/") or volgende.startswith("//") or "\\" in volgende:
                        volgende = "/"  # no open redirect
                    resp = redirect(volgende)
                    resp.set_cookie(cookie, token, secure=inst.veilige_cookies, httponly=True, samesite="Strict",
                                    path="/", max_age=accounts.SESSIE_MAX)
                    return resp
                melding, code = "Naam of wachtwoord klopt niet.", 401
        return render_template("login.html", melding=melding), code

    @app.post("/uitloggen")
    def uitloggen():
        accounts.beeindig_sessie(appdb, request.cookies.get(cookie))
        audit("uitgelogd")
        resp = redirect(url_for("inloggen"))
        resp.delete_cookie(cookie, path="/", secure=inst.veilige_cookies, samesite="Strict")
        return resp

    # ---------- list ----------
    def filters() -> tuple[list, dict]:
        a = request.args
        t = db.gesprek
        waar, actief = [], {}

        def datum(naam):
            try:
                d = date.fromisoformat(a.get(naam, ""))
            except ValueError:
                return None
            # 9999-12-31 plus one day overflows (a 500); no conversation is that old or that new.
            return d if 1970 <= d.year <= 9998 else None

        van, tot = datum("van"), datum("tot")
        if van:
            waar.append(t.c.begin >= datetime(van.year, van.month, van.day, tzinfo=TZ).timestamp())
            actief["van"] = van.isoformat()
        if tot:
            eind = datetime(tot.year, tot.month, tot.day, tzinfo=TZ) + timedelta(days=1)
            waar.append(t.c.begin < eind.timestamp())
            actief["tot"] = tot.isoformat()
        for veld in ("rol", "situatie", "onderwijstype", "kanaal"):
            w = a.get(veld, "")
            if w:
                waar.append(t.c[veld] == w)
                actief[veld] = w
        if a.get("status") in STATUSSEN:
            waar.append(t.c.status == a["status"])
            actief["status"] = a["status"]
        for veld in ("acuut", "fallback", "handoff"):
            if a.get(veld) in ("ja", "nee"):
                waar.append(t.c[veld] == (a[veld] == "ja"))
                actief[veld] = a[veld]
        if a.get("label"):
            lab = a["label"].strip().lower()[:MAX_LABEL]
            waar.append(exists().where(and_(db.label.c.sleutel == t.c.sleutel, db.label.c.naam == lab)))
            actief["label"] = lab
        if a.get("zoek", "").strip():
            term = a["zoek"].strip().lower()[:200]
            if db.heeft_fts(appdb) and len(term) >= 3:
                # trigram index: a quoted FTS5 string matches as a substring, case-insensitive
                waar.append(text("gesprek.rowid IN (SELECT rowid FROM gesprek_zoek WHERE gesprek_zoek MATCH :zoekterm)")
                            .bindparams(zoekterm='"' + term.replace('"', '""') + '"'))
            else:
                esc = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                waar.append(t.c.zoektekst.like(f"%{esc}%", escape="\\"))
            actief["zoek"] = a["zoek"].strip()[:200]
        return waar, actief

    @app.get("/")
    def lijst():
        waar, actief = filters()
        try:
            pagina = max(1, int(request.args.get("pagina", "1")))
        except ValueError:
            pagina = 1
        t = db.gesprek
        with appdb.connect() as c:
            totaal = c.execute(select(func.count()).select_from(t).where(*waar)).scalar()
            rijen = c.execute(
                select(t.c.sleutel, t.c.begin, t.c.kanaal, t.c.rol, t.c.situatie, t.c.onderwijstype, t.c.acuut,
                       t.c.fallback, t.c.handoff, t.c.beurten, t.c.status, t.c.eerste_tekst)
                .where(*waar).order_by(t.c.begin.desc(), t.c.sleutel).limit(inst.per_pagina)
                .offset((pagina - 1) * inst.per_pagina)).mappings().all()
            kanalen = [r[0] for r in c.execute(select(t.c.kanaal).where(t.c.kanaal.is_not(None)).distinct()
                                               .order_by(t.c.kanaal)).all()]
            labels = [r[0] for r in c.execute(select(db.label.c.naam).distinct().order_by(db.label.c.naam)).all()]
            sleutels = [r["sleutel"] for r in rijen]
            per_gesprek: dict = {}
            if sleutels:
                for s, n in c.execute(select(db.label.c.sleutel, db.label.c.naam)
                                      .where(db.label.c.sleutel.in_(sleutels))).all():
                    per_gesprek.setdefault(s, []).append(n)
        paginas = max(1, -(-totaal // inst.per_pagina))
        audit("lijst_bekeken", details=urlencode(actief))

        def pagina_url(p):
            return "?" + urlencode({**actief, "pagina": p})

        return render_template("lijst.html", rijen=rijen, totaal=totaal, pagina=pagina, paginas=paginas,
                               actief=actief, kanalen=kanalen, labels=labels, per_gesprek=per_gesprek,
                               pagina_url=pagina_url, export_url="/export/nlu.yml?" + urlencode(actief))

    # ---------- transcript ----------
    def laad(sleutel: str):
        with appdb.connect() as c:
            rij = c.execute(select(db.gesprek).where(db.gesprek.c.sleutel == sleutel)).mappings().first()
        if not rij:
            abort(404, "Gesprek niet gevonden.")
        evs = lees_events(tracker, rij["sender_id"])
        if not evs:
            abort(404, "Gesprek niet (meer) in de tracker store.")
        gesprek = bouw_gesprek(rij["sender_id"], evs)
        if gesprek.laatste_event_id != rij["laatste_event_id"]:  # grew since the last sync
            werk_bij(appdb, tracker, inst.geheim, rij["sender_id"])
        return rij, gesprek, pseudo_teksten(appdb, sleutel, gesprek)

    def toon_gesprek(sleutel: str, origineel: bool = False, reden: str = ""):
        rij, gesprek, pseudo = laad(sleutel)
        with appdb.begin() as c:
            if rij["status"] == "nieuw":
                c.execute(db.gesprek.update().where(db.gesprek.c.sleutel == sleutel).values(status="bekeken"))
                rij = {**rij, "status": "bekeken"}
            labels = [r[0] for r in c.execute(select(db.label.c.naam).where(db.label.c.sleutel == sleutel)
                                              .order_by(db.label.c.naam)).all()]
            notities = c.execute(select(db.notitie).where(db.notitie.c.sleutel == sleutel)
                                 .order_by(db.notitie.c.tijd)).mappings().all()
        teksten = {b.event_id: (b.tekst if origineel else pseudo.get(b.event_id, "")) for b in gesprek.beurten}
        return render_template("gesprek.html", rij=rij, gesprek=gesprek, teksten=teksten, labels=labels,
                               notities=notities, origineel=origineel, reden=reden,
                               verwijzingen=json.loads(rij["verwijzingen"] or "[]"))

    @app.get("/gesprek/<sleutel>")
    def gesprek(sleutel):
        resp = toon_gesprek(sleutel)
        audit("gesprek_bekeken", sleutel)
        return resp

    @app.post("/gesprek/<sleutel>/onthullen")
    @beheerder_nodig
    def onthullen(sleutel):
        reden = " ".join(request.form.get("reden", "").split())[:500]
        if len(reden) < 10:
            abort(400, "Geef een reden van minstens 10 tekens.")
        resp = toon_gesprek(sleutel, origineel=True, reden=reden)
        audit("origineel_onthuld", sleutel, reden)
        return resp

    def bestaat(sleutel: str) -> None:
        with appdb.connect() as c:
            if not c.execute(select(db.gesprek.c.sleutel).where(db.gesprek.c.sleutel == sleutel)).first():
                abort(404, "Gesprek niet gevonden.")

    @app.post("/gesprek/<sleutel>/status")
    def status(sleutel):
        bestaat(sleutel)
        nieuw = request.form.get("status")
        if nieuw not in STATUSSEN:
            abort(400, "Onbekende status.")
        with appdb.begin() as c:
            c.execute(db.gesprek.update().where(db.gesprek.c.sleutel == sleutel).values(status=nieuw))
        audit("status_gewijzigd", sleutel, nieuw)
        return redirect(url_for("gesprek", sleutel=sleutel) + "#beoordeling")

    @app.post("/gesprek/<sleutel>/label")
    def label_toevoegen(sleutel):
        bestaat(sleutel)
        naam = " ".join(request.form.get("label", "").split()).lower()[:MAX_LABEL]
        if naam:
            with appdb.begin() as c:
                if not c.execute(select(db.label.c.naam).where(db.label.c.sleutel == sleutel,
                                                               db.label.c.naam == naam)).first():
                    c.execute(db.label.insert().values(sleutel=sleutel, naam=naam))
            audit("label_toegevoegd", sleutel, naam)
        return redirect(url_for("gesprek", sleutel=sleutel) + "#beoordeling")

    @app.post("/gesprek/<sleutel>/label/verwijderen")
    def label_verwijderen(sleutel):
        naam = request.form.get("label", "")
        with appdb.begin() as c:
            c.execute(db.label.delete().where(db.label.c.sleutel == sleutel, db.label.c.naam == naam))
        audit("label_verwijderd", sleutel, naam)
        return redirect(url_for("gesprek", sleutel=sleutel) + "#beoordeling")

    @app.post("/gesprek/<sleutel>/notitie")
    def notitie(sleutel):
        bestaat(sleutel)
        tekst = request.form.get("tekst", "").strip()[:4000]
        if tekst:
            with appdb.begin() as c:
                c.execute(db.notitie.insert().values(sleutel=sleutel, gebruiker=g.gebruiker["naam"], tijd=time.time(),
                                                     tekst=tekst))
            audit("notitie_toegevoegd", sleutel)
        return redirect(url_for("gesprek", sleutel=sleutel) + "#notities")

    # ---------- exports ----------
    @app.get("/gesprek/<sleutel>/story.yml")
    def story(sleutel):
        rij, gesprek, pseudo = laad(sleutel)
        tekst = export.test_story(gesprek, pseudo, f"helpdesk {sleutel[:10]}")
        audit("export_story", sleutel)
        return Response(tekst, mimetype="text/plain; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="helpdesk_{sleutel[:10]}.yml"'})

    @app.get("/export/nlu.yml")
    def nlu_export():
        waar, actief = filters()
        t = db.gesprek
        with appdb.connect() as c:
            rijen = c.execute(select(t.c.sleutel, t.c.sender_id).where(*waar, t.c.fallback)
                              .order_by(t.c.begin.desc()).limit(500)).all()
        kandidaten = []
        for sleutel, sender in rijen:
            gespr = bouw_gesprek(sender, lees_events(tracker, sender))
            pseudo = pseudo_teksten(appdb, sleutel, gespr)
            evs = {e["_id"]: e for e in lees_events(tracker, sender)}
            for b in gespr.gebruikersbeurten:
                if b.onzeker and not b.knop:
                    rang = ((evs.get(b.event_id) or {}).get("parse_data") or {}).get("intent_ranking") or []
                    gok = next((r.get("name") for r in rang if r.get("name") != "nlu_fallback"), b.intent)
                    kandidaten.append((pseudo.get(b.event_id, ""), gok, b.zekerheid or 0.0))
        audit("export_nlu", details=f"{len(kandidaten)} zinnen; {urlencode(actief)}")
        return Response(export.nlu_kandidaten(kandidaten), mimetype="text/plain; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="nlu_kandidaten.yml"'})

    # ---------- statistics ----------
    def cijfers() -> dict:
        waar, actief = filters()
        t = db.gesprek
        uit: dict = {"actief": actief}
        velden = ("situatie", "rol", "onderwijstype", "kanaal", "maand")
        tellers: dict = {v: {} for v in velden}
        totaal = acuut = fallback = handoff = 0
        with appdb.connect() as c:
            # One grouped scan gives every breakdown (a few hundred groups), instead of one scan per chart.
            for r in c.execute(select(*[t.c[v] for v in velden], func.count(), func.sum(case((t.c.acuut, 1), else_=0)),
                                      func.sum(case((t.c.fallback, 1), else_=0)),
                                      func.sum(case((t.c.handoff, 1), else_=0)))
                               .where(*waar).group_by(*[t.c[v] for v in velden])).all():
                n = r[5]
                totaal += n
                acuut += r[6] or 0
                fallback += r[7] or 0
                handoff += r[8] or 0
                for i, v in enumerate(velden):
                    tellers[v][r[i]] = tellers[v].get(r[i], 0) + n
            lengtes = dict(c.execute(select(t.c.beurten, func.count()).where(*waar).group_by(t.c.beurten)).all())
            verw: dict = {}
            if appdb.dialect.name == "sqlite":
                j = func.json_each(t.c.verwijzingen).table_valued("value")  # SQLite JSON1, bound parameters
                for w, n in c.execute(select(j.c.value, func.count()).select_from(t.join(j, true())).where(*waar)
                                      .group_by(j.c.value)).all():
                    verw[w] = n
            else:
                for (v,) in c.execute(select(t.c.verwijzingen).where(*waar)).all():
                    for i in json.loads(v or "[]"):
                        verw[i] = verw.get(i, 0) + 1
        for v in velden:
            uit[v] = sorted(tellers[v].items(), key=lambda r: (r[0] is None, r[0] or "") if v == "maand"
                            else (r[0] is None, -r[1], r[0] or ""))
        uit.update(totaal=totaal, acuut=acuut, fallback=fallback, handoff=handoff)
        uit["verwijzingen"] = sorted(verw.items(), key=lambda r: (-r[1], r[0]))
        uit["mediaan"] = _mediaan_uit_telling(lengtes)
        uit["fallback_pct"] = round(100 * fallback / totaal, 1) if totaal else 0.0
        return uit

    @app.get("/statistieken")
    def statistieken():
        c = cijfers()
        audit("statistieken_bekeken", details=urlencode(c["actief"]))
        return render_template("statistieken.html", c=c, csv_url="/statistieken.csv?" + urlencode(c["actief"]),
                               kanalen=[], labels=[])

    @app.get("/statistieken.csv")
    def statistieken_csv():
        c = cijfers()
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=";")
        w.writerow(["onderdeel", "waarde", "aantal"])
        w.writerow(["totaal", "gesprekken", c["totaal"]])
        for veld in ("situatie", "rol", "onderwijstype", "kanaal", "maand", "verwijzingen"):
            for waarde, n in c[veld]:
                w.writerow([veld, waarde if waarde is not None else "onbekend", n])
        w.writerow(["acuut", "gesprekken", c["acuut"]])
        w.writerow(["fallback", "gesprekken", c["fallback"]])
        w.writerow(["fallback", "percentage", str(c["fallback_pct"]).replace(".", ",")])
        w.writerow(["mens_gevraagd", "gesprekken", c["handoff"]])
        w.writerow(["lengte", "mediaan_berichten", str(c["mediaan"]).replace(".", ",")])
        audit("export_statistieken", details=urlencode(c["actief"]))
        return Response("\ufeff" + buf.getvalue(), mimetype="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="statistieken.csv"'})

    # ---------- audit log ----------
    @app.get("/audit")
    @beheerder_nodig
    def auditlog():
        with appdb.connect() as c:
            rijen = c.execute(select(db.audit).order_by(db.audit.c.id.desc()).limit(500)).mappings().all()
        audit("auditlog_bekeken")
        return render_template("audit.html", rijen=rijen)

    return app
