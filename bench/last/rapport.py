"""Results of make bench as markdown (the block between the bench-last markers in
docs/benchmarks.md) and the latency-vs-users plot. Pure functions of the results dict."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

BEGIN, EINDE = "<!-- bench-last:begin -->", "<!-- bench-last:end -->"
NAMEN = {"a": "(a) project", "b": "(b) Rasa-standaard", "c": "(c) vloer GET /"}


def vervang_blok(tekst: str, blok: str) -> str:
    """Replaces what is between the markers (markers kept); appends a section with markers when
    they are not there yet. Everything outside the markers stays as it was."""
    nieuw = f"{BEGIN}\n{blok.strip()}\n{EINDE}"
    if BEGIN in tekst and EINDE in tekst and tekst.index(BEGIN) < tekst.index(EINDE):
        voor, rest = tekst.split(BEGIN, 1)
        return voor + nieuw + rest.split(EINDE, 1)[1]
    return tekst.rstrip("\n") + "\n\n## Load: conversations per second, latency, memory (make bench)\n\n" + nieuw + "\n"


def _g(x, fmt="{:.0f}") -> str:
    return "–" if x is None else fmt.format(x)


def ronde_van(res: dict, model: str, kanaal: str, gebruikers: int) -> Optional[dict]:
    bron = res.get("vloer", {}) if model == "c" else res.get("modellen", {}).get(model, {})
    for r in bron.get("rondes", []):
        if r["kanaal"] == kanaal and r["gebruikers"] == gebruikers:
            return r
    return None


def verhouding(x: Optional[float], y: Optional[float]) -> str:
    return "–" if not x or not y else f"{x / y:.1f}×"


def doelen(res: dict) -> list[tuple[str, str, str, str, bool]]:
    """Issue #8's targets: (target, (a), (b), verdict text, met)."""
    a, b = res["modellen"].get("a", {}), res["modellen"].get("b", {})
    uit = []

    def p95(m, k):
        r = ronde_van(res, m, k, 20)
        return r and r.get("p95_ms")

    for k in ("rest", "socketio"):
        pa, pb = p95("a", k), p95("b", k)
        if pa is not None:
            ok = pa <= 150 and (pb is None or pa < pb)
            uit.append((f"p95 ≤ 150 ms bij 20 gesprekken ({k})", _g(pa, "{:.0f} ms"), _g(pb, "{:.0f} ms"), "", ok))
    da, db = (m.get("doorvoer", {}).get("berichten_per_s") for m in (a, b))
    if da is not None:
        uit.append(("≥ 40 berichten/s aanhoudend", _g(da, "{:.1f}/s"), _g(db, "{:.1f}/s"), "", da >= 40 and (db is None or da > db)))
    ra, rb = (m.get("rss_max_mb") for m in (a, b))
    if ra is not None:
        uit.append(("Rasa RSS ≤ 1,2 GB", _g(ra, "{:.0f} MB"), _g(rb, "{:.0f} MB"), "", ra <= 1229 and (rb is None or ra < rb)))
    ka, kb = (m.get("koude_start", {}).get("eerste_antwoord_s") for m in (a, b))
    if ka is not None:
        uit.append(("koude start ≤ 30 s (tot eerste antwoord)", _g(ka, "{:.1f} s"), _g(kb, "{:.1f} s"), "", ka <= 30 and (kb is None or ka < kb)))
    return uit


def markdown(res: dict) -> str:
    inst = res["instellingen"]
    m = []
    m.append(f"Datum: {res['datum']}  ")
    m.append(f"Machine: `{res['machine']['uname']}`, nproc {res['machine']['nproc']}, load average bij start "
             f"{res['machine']['load_begin']}  ")
    m.append(f"Commando: `{res['commando']}` (duur {res.get('duur_min', '…')} min)  ")
    m.append(f"Gesprekken: {res['gesprekken']['aantal']} ({res['gesprekken']['uit_tests']} hele gesprekken uit "
             f"tests/test_*.yml, {res['gesprekken']['uit_heldout']} openingsberichten uit tests/nlu/heldout.yml), "
             f"denktijd {inst['denktijd'][0]}–{inst['denktijd'][1]} s (zaad {inst['zaad']}), {inst['seconden']} s per ronde, "
             f"rate limits uit (`WEGWIJZER_LIMIET_UIT=1`)")
    if inst.get("snel"):
        m.append("\n**Rooktest (`--snel`): korte rondes, weinig gebruikers — geen representatieve cijfers.**")
    m.append("")

    doel = doelen(res)
    if doel:
        m.append("#### Doelen issue #8 (en beter dan (b))\n")
        m.append("| doel | (a) project | (b) Rasa-standaard | gehaald |")
        m.append("|---|---|---|---|")
        for naam, va, vb, _, ok in doel:
            m.append(f"| {naam} | {va} | {vb} | {'ja' if ok else '**nee**'} |")
        m.append("")

    niveaus = inst["gebruikers"]
    for kanaal in inst["kanalen"]:
        m.append(f"#### Latentie per gebruikersbericht, {kanaal} (p50 / p95 ms; berichten/s; fouten)\n")
        kolommen = ["a", "b"] + (["c"] if kanaal == "rest" else [])
        m.append("| gebruikers | " + " | ".join(NAMEN[k] for k in kolommen) + " | p95 (a)/(c) | p95 (b)/(c) | p95 (a)/(b) | berichten/s (a)/(b) |")
        m.append("|---" * (len(kolommen) + 5) + "|")
        for n in niveaus:
            cellen, r = [], {}
            for k in kolommen:
                r[k] = ronde_van(res, k, "vloer" if k == "c" else kanaal, n)
                x = r[k]
                cellen.append("–" if not x else f"{_g(x['p50_ms'])} / {_g(x['p95_ms'])}; {_g(x['berichten_per_s'], '{:.1f}')}/s; "
                              f"{x['fouten']}" + (f" (laat {x['laat']})" if x.get("laat") else ""))
            if kanaal != "rest":
                r["c"] = ronde_van(res, "c", "vloer", n)
            p = {k: (r.get(k) or {}).get("p95_ms") for k in "abc"}
            t = {k: (r.get(k) or {}).get("berichten_per_s") for k in "ab"}
            m.append(f"| {n} | " + " | ".join(cellen) + f" | {verhouding(p['a'], p['c'])} | {verhouding(p['b'], p['c'])} | "
                     f"{verhouding(p['a'], p['b'])} | {verhouding(t['a'], t['b'])} |")
        m.append("")

    m.append("#### Per model\n")
    m.append("| | (a) project | (b) Rasa-standaard |")
    m.append("|---|---|---|")
    a, b = res["modellen"].get("a", {}), res["modellen"].get("b", {})

    def rij(naam, f):
        m.append(f"| {naam} | {f(a) if a else '–'} | {f(b) if b else '–'} |")

    def training(x):
        t = x.get("training")
        if isinstance(t, str):
            return t
        return (f"{t['wand_s']:.0f} s wandklok, {t['cpu_s']:.0f} s CPU" + (" (uit cache)" if x.get("uit_cache") else "")
                + (" **verouderd: getraind op oudere data**" if x.get("verouderd") else ""))

    rij("koude start: actieserver / Rasa luistert / eerste antwoord",
        lambda x: " / ".join(_g(x["koude_start"].get(k), "{:.1f} s") for k in ("actieserver_s", "rasa_luistert_s", "eerste_antwoord_s")))
    rij("trainingstijd", training)
    rij("modelgrootte", lambda x: f"{x['bytes'] / 1e6:.1f} MB")
    rij("RSS Rasa na start / max tijdens rondes", lambda x: f"{_g(x.get('rss_na_start_mb'))} / {_g(x.get('rss_max_mb'))} MB")
    rij("RSS actieserver max", lambda x: f"{_g(x.get('rss_acties_max_mb'))} MB")
    rij("CPU per bericht, Rasa / actieserver (alle rondes)",
        lambda x: f"{_g(x.get('cpu_ms_per_bericht_rasa'))} / {_g(x.get('cpu_ms_per_bericht_acties'))} ms")
    rij(f"doorvoer: {inst['doorvoer_gebruikers']} gebruikers zonder denktijd, REST",
        lambda x: (lambda d: f"{_g(d.get('berichten_per_s'), '{:.1f}')} berichten/s, p95 {_g(d.get('p95_ms'))} ms, {d.get('fouten')} fouten")(x.get("doorvoer", {})) if x.get("doorvoer") else "–")
    m.append("")

    p = res.get("productie")
    if p:
        m.append(f"#### Productieprofiel (PostgreSQL + Redis + RabbitMQ): 1 tegen 2 instanties, {p['gebruikers']} gebruikers REST\n")
        m.append("| | p50 / p95 ms | berichten/s | fouten | RSS per Rasa-instantie max | CPU Rasa per bericht |")
        m.append("|---|---|---|---|---|---|")
        for sleutel in ("1", "2"):
            x = p.get(sleutel)
            if not x:
                continue
            rss = ", ".join(f"{_g(v.get('rss_max_mb'))} MB" for n, v in x["processen"].items() if n.startswith("rasa") and v.get("rss_max_mb") is not None and (sleutel == "2" or n == "rasa0"))
            cpu = sum(v.get("cpu_s", 0) for n, v in x["processen"].items() if n.startswith("rasa"))
            m.append(f"| {sleutel} instantie{'s' if sleutel == '2' else ''} | {_g(x['p50_ms'])} / {_g(x['p95_ms'])} | "
                     f"{_g(x['berichten_per_s'], '{:.1f}')} | {x['fouten']} | {rss} | {_g(1000 * cpu / max(1, x['goed']))} ms |")
        m.append(f"\nStart van de instanties (parallel, met actieserver): {_g(p.get('start_s'), '{:.0f} s')}. "
                 "Op 2 kernen kan een tweede instantie weinig winnen: beide delen dezelfde CPU.\n")

    s = res.get("soak")
    if s:
        m.append(f"#### Duurtest: {s['gebruikers']} gesprekken tegelijk, {s['minuten']} min, REST en socketio, denktijd "
                 f"{s['denktijd_s'][0]}–{s['denktijd_s'][1]} s\n")
        m.append("| berichten verzonden | opgeslagen (tracker store) | fouten | p50 / p95 ms | berichten/s | RSS Rasa begin / na opwarmen / eind / max | vlak (eind ≤ 10% boven na opwarmen) |")
        m.append("|---|---|---|---|---|---|---|")
        r = s["rss_rasa_mb"]
        m.append(f"| {s['verzonden']} | {s['opgeslagen']} | {s['fouten']} | {_g(s['p50_ms'])} / {_g(s['p95_ms'])} | "
                 f"{_g(s['berichten_per_s'], '{:.1f}')} | {r['begin']} / {r['na_opwarmen']} / {r['eind']} / {r['max']} MB | "
                 f"{'ja' if s['vlak'] else '**nee**'} |")
        m.append(f"\nGeslaagd (opgeslagen = verzonden, 0 fouten, RSS vlak): **{'ja' if s['geslaagd'] else 'nee'}**.\n")

    m.append("Definities: latentie REST = POST verstuurd → volledig antwoord; socketio = `user_uttered` → laatste "
             "`bot_uttered` vóór het volgende bericht van de gebruiker (reeks klaar na 1 s stilte, die stilte telt niet "
             "mee; `laat` = berichten die pas tijdens de denktijd kwamen, hun tijd telt wel mee). Fouten: HTTP-fout, time-out, verbroken verbinding of geen enkel antwoord. (c) is "
             "een kale GET / op dezelfde Rasa-server bij dezelfde gelijktijdigheid en denktijd: de vloer van HTTP + "
             "Sanic op deze machine. CPU uit /proc/<pid>/stat, RSS uit /proc/<pid>/status. De lastgenerator draait "
             "op dezelfde 2 kernen (zijn CPU-tijd staat in de JSON). Ruwe cijfers: `bench/last/out/resultaten.json`.")
    m.append("\n![Latentie tegen aantal gelijktijdige gebruikers](bench_latentie.png)")
    return "\n".join(m)


def grafiek(res: dict, pad: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, assen = plt.subplots(1, 2, figsize=(11, 4.2), sharey=True)
    niveaus = res["instellingen"]["gebruikers"]
    reeksen = [(mod, k) for mod in ("a", "b") for k in res["instellingen"]["kanalen"]] + [("c", "vloer")]
    for as_, maat in zip(assen, ("p50_ms", "p95_ms")):
        for mod, k in reeksen:
            xs, ys = [], []
            for n in niveaus:
                r = ronde_van(res, mod, k, n)
                if r and r.get(maat):
                    xs.append(n)
                    ys.append(r[maat])
            if xs:
                as_.plot(xs, ys, marker="o", linestyle="-" if k != "socketio" else "--",
                         label=NAMEN[mod] + ("" if mod == "c" else f", {k}"))
        as_.set_yscale("log")
        as_.set_xticks(niveaus)
        as_.set_xlabel("gelijktijdige gebruikers")
        as_.set_title(maat.replace("_ms", "") + " latentie per bericht")
        as_.grid(True, which="both", alpha=0.3)
    assen[0].set_ylabel("ms (log)")
    assen[1].axhline(150, color="grey", linewidth=0.8, linestyle=":")
    assen[0].legend(fontsize=8)
    fig.suptitle(f"make bench, {res['datum']}" + (" (rooktest --snel)" if res["instellingen"].get("snel") else ""))
    fig.tight_layout()
    fig.savefig(pad, dpi=110)
    plt.close(fig)
