"""The output channels against the fake APIs over real HTTP, without Rasa: retries, limits,
splitting, buttons and lists. Fast."""
from __future__ import annotations

import asyncio
import json

import pytest

from channels.gemeenschappelijk import (
    GebondenUitvoer, KnopCodes, TijdelijkGeheugen, kort_af, platte_tekst, pseudoniem, splits_tekst,
)
from channels.telegram import TelegramInput, TelegramOutput
from channels.whatsapp import WhatsAppInput, WhatsAppOutput

NUMMER = "31699999999"


def uitvoer(graph, **kw) -> WhatsAppOutput:
    return WhatsAppOutput("EAAtest", "106540352242922", graph.url, "v21.0", basis_wacht=0.01, max_wacht=0.05, **kw)


def stuur(coro):
    return asyncio.run(coro)


def test_429_dan_200_wordt_opnieuw_geprobeerd(graph):
    graph.script = [429, 200]
    stuur(uitvoer(graph).send_text_message(NUMMER, "Hallo"))
    assert [v["pad"] for v in graph.verzoeken] == ["/v21.0/106540352242922/messages"] * 2
    assert graph.verzoeken[0]["body"] == graph.verzoeken[1]["body"]
    assert graph.verzoeken[1]["headers"]["authorization"] == "Bearer EAAtest"


def test_5xx_begrensd_en_4xx_niet_herhaald(graph):
    graph.script = [500, 503, 502, 500, 500, 500]
    stuur(uitvoer(graph, max_pogingen=3).send_text_message(NUMMER, "Hallo"))
    assert len(graph.verzoeken) == 3
    graph.wis()
    graph.script = [400]
    stuur(uitvoer(graph).send_text_message(NUMMER, "Hallo"))
    assert len(graph.verzoeken) == 1


def test_onbereikbare_api_geeft_geen_fout():
    u = WhatsAppOutput("EAAtest", "1", "http://127.0.0.1:9", "v21.0", basis_wacht=0.01, max_pogingen=2)
    assert stuur(u._verstuur(NUMMER, {"type": "text", "text": {"body": "x"}})) is False


def test_tienduizend_tekens_gesplitst_op_zinsgrenzen(graph):
    zinnen = [f"Dit is zin nummer {i} over wat er op school gebeurde." for i in range(400)]
    tekst = " ".join(zinnen)[:10_000].rsplit(".", 1)[0] + "."
    assert len(tekst) > 9_900
    stuur(uitvoer(graph).send_text_message(NUMMER, tekst))
    delen = [v["body"]["text"]["body"] for v in graph.verzoeken]
    assert len(delen) == 3
    assert all(len(d) <= 4096 for d in delen)
    assert all(d.endswith(".") for d in delen), "every part ends at a sentence boundary"
    assert " ".join(delen) == tekst, "nothing lost or changed"


def test_drie_knoppen_worden_reply_buttons(graph):
    knoppen = [{"title": "Leerling", "payload": '/informeren{"rol":"leerling"}'},
               {"title": "Ouder of verzorger", "payload": '/informeren{"rol":"ouder"}'},
               {"title": "Ik werk op school", "payload": '/informeren{"rol":"onderwijspersoneel"}'}]
    stuur(uitvoer(graph).send_text_with_buttons(NUMMER, "Wie ben jij?", knoppen))
    body = graph.verzoeken[0]["body"]
    assert body["messaging_product"] == "whatsapp" and body["to"] == NUMMER and body["type"] == "interactive"
    assert body["interactive"]["type"] == "button"
    assert body["interactive"]["body"]["text"] == "Wie ben jij?"
    assert body["interactive"]["action"]["buttons"][1] == {
        "type": "reply", "reply": {"id": '/informeren{"rol":"ouder"}', "title": "Ouder of verzorger"}}


def test_meer_dan_tien_keuzes_en_lange_titels_worden_lijsten(graph):
    knoppen = [{"title": f"Keuze nummer {i} met een hele lange titel", "payload": f"/kies{{\"n\":{i}}}"} for i in range(12)]
    stuur(uitvoer(graph).send_text_with_buttons(NUMMER, "Wat past?", knoppen))
    lijsten = [v["body"]["interactive"] for v in graph.verzoeken]
    assert [l["type"] for l in lijsten] == ["list", "list"]
    rijen = [r for l in lijsten for s in l["action"]["sections"] for r in s["rows"]]
    assert len(rijen) == 12 and len(lijsten[0]["action"]["sections"][0]["rows"]) == 10
    assert all(len(r["title"]) <= 24 and len(r.get("description", "")) <= 72 for r in rijen)
    assert rijen[0]["title"].endswith("…") and rijen[0]["description"].startswith("Keuze nummer 0")


def test_knoptitel_boven_20_tekens_wordt_lijst(graph):
    knoppen = [{"title": "Wie kan ik nu bellen?", "payload": "/vraag_wie_nu_bellen"}, {"title": "Stoppen", "payload": "/stoppen"}]
    stuur(uitvoer(graph).send_text_with_buttons(NUMMER, "Wat wil je nu doen?", knoppen))
    interactief = graph.verzoeken[0]["body"]["interactive"]
    assert interactief["type"] == "list"
    assert interactief["action"]["sections"][0]["rows"][0]["title"] == "Wie kan ik nu bellen?"


def test_lange_payload_krijgt_een_code_die_terugvertaalt():
    codes = KnopCodes()
    lang = '/informeren{"situatie":"' + "x" * 300 + '"}'
    code = codes.naar_id(lang, 256)
    assert len(code) < 64 and codes.naar_payload(code) == lang
    assert codes.naar_payload('/informeren{"rol":"ouder"}') == '/informeren{"rol":"ouder"}'


def test_lange_tekst_met_knoppen_eerst_als_tekst(graph):
    tekst = "Een lang verhaal. " * 80
    stuur(uitvoer(graph).send_text_with_buttons(NUMMER, tekst, [{"title": "Ja", "payload": "/ja"}]))
    soorten = [v["body"]["type"] for v in graph.verzoeken]
    assert soorten == ["text", "interactive"]
    assert len(graph.verzoeken[1]["body"]["interactive"]["body"]["text"]) <= 1024


def test_links_en_telefoonnummers_als_platte_tekst():
    assert platte_tekst("Bel [de Kindertelefoon](tel:0800-0432) of kijk op [hun site](https://www.kindertelefoon.nl).") == \
        "Bel de Kindertelefoon (0800-0432) of kijk op hun site (https://www.kindertelefoon.nl)."
    assert platte_tekst("Bel [0800-0432](tel:0800-0432)") == "Bel 0800-0432"
    assert platte_tekst("**Let op**: 112", vet="*") == "*Let op*: 112"


def test_splitsen_zonder_zinsgrens_verliest_niets():
    tekst = "a" * 9000
    delen = splits_tekst(tekst, 4096)
    assert "".join(delen) == tekst and all(len(d) <= 4096 for d in delen)
    assert splits_tekst("kort", 4096) == ["kort"]
    # Cut inside the word rather than leave only "Seksueel…": the row description has the whole title.
    assert kort_af("Seksueel grensoverschrijdend", 24) == "Seksueel grensoverschri…"
    assert kort_af("Keuze nummer 0 met een hele lange titel", 24) == "Keuze nummer 0 met een…"


def test_pseudoniem_stabiel_en_afhankelijk_van_sleutel_en_kanaal():
    a = pseudoniem(b"k1", "whatsapp", NUMMER)
    assert a == pseudoniem(b"k1", "whatsapp", NUMMER) and a.startswith("wh-")
    assert a != pseudoniem(b"k2", "whatsapp", NUMMER)
    assert a != pseudoniem(b"k1", "telegram", NUMMER)
    assert NUMMER not in a


def test_tijdelijk_geheugen_verloopt():
    g: TijdelijkGeheugen[str, str] = TijdelijkGeheugen(ttl_seconden=0.05, max_items=2)
    assert g.voeg_toe_als_nieuw("a", "1") and not g.voeg_toe_als_nieuw("a", "1")
    g.zet("b", "2"), g.zet("c", "3")
    assert g.haal("a") is None and len(g) == 2, "bounded"
    asyncio.run(asyncio.sleep(0.06))
    assert g.haal("c") is None


def test_adres_via_pseudoniem_alleen_uit_het_geheugen(graph):
    u = uitvoer(graph)
    naam = pseudoniem(b"k", "whatsapp", NUMMER)
    stuur(u.send_text_message(naam, "onbekend"))
    assert graph.verzoeken == [], "no address known: nothing sent, no error"
    u.adresboek.zet(naam, NUMMER)
    stuur(u.send_text_message(naam, "bekend"))
    assert graph.verzoeken[0]["body"]["to"] == NUMMER
    gebonden = GebondenUitvoer(u, NUMMER)
    assert NUMMER not in repr(gebonden) and gebonden.name() == "whatsapp"


def test_zonder_omgevingsvariabelen_staan_de_kanalen_uit(monkeypatch):
    for naam in ("WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN", "WHATSAPP_ACCESS_TOKEN", "WHATSAPP_PHONE_NUMBER_ID",
                 "CHANNEL_PSEUDONYM_KEY", "TELEGRAM_BOT_TOKEN", "TELEGRAM_SECRET_TOKEN"):
        monkeypatch.delenv(naam, raising=False)
    assert WhatsAppInput.from_credentials({"app_secret_env": "WHATSAPP_APP_SECRET"}).geconfigureerd is False
    assert TelegramInput.from_credentials(None).geconfigureerd is False
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "geen token")
    assert TelegramInput.from_credentials({}).geconfigureerd is False


def test_telegram_toetsenbord_een_knop_per_rij():
    u = TelegramOutput("123456:abc", "http://127.0.0.1:9")
    markup = u.toetsenbord([{"title": "Pesten", "payload": '/informeren{"situatie":"pesten"}'},
                            {"title": "Lang", "payload": "/" + "x" * 100}])
    rijen = json.loads(markup.as_json())["inline_keyboard"]
    assert [len(r) for r in rijen] == [1, 1]
    assert rijen[0][0]["callback_data"] == '/informeren{"situatie":"pesten"}'
    assert len(rijen[1][0]["callback_data"].encode()) <= 64


@pytest.mark.parametrize("tekst, verwacht", [("/start", "/begroeten"), ("/start@wegwijzer_bot abc", "/begroeten"),
                                            ("/restart", "/opnieuw_beginnen"), ("Goedemiddag", "Goedemiddag")])
def test_telegram_opdrachten(tekst, verwacht):
    assert TelegramInput._tekst_uit({"text": tekst}) == verwacht


def test_registreer_webhook_met_geheim(telegram):
    from channels.telegram import registreer_webhook
    uitkomst = asyncio.run(registreer_webhook(telegram.url, "123456:abc", "https://voorbeeld.nl/webhooks/telegram/webhook", "geheim_1"))
    assert uitkomst["ok"] is True
    body = telegram.aanroepen("setWebhook")[0]
    assert body["secret_token"] == "geheim_1" and body["url"].endswith("/webhooks/telegram/webhook")
    assert body["allowed_updates"] == ["message", "callback_query"]
