"""Telegram end to end: updates with (and without) the secret-token header into the real Rasa
server, replies with inline keyboards at the fake Bot API, and never a getMe."""
from __future__ import annotations

import sqlite3

import pytest

from channels.gemeenschappelijk import pseudoniem
from channels.tests.conftest import GEHEIMEN
from channels.tests.nep_servers import telegram_knop, telegram_update

CHAT = 987654321


def knoppen(bericht):
    return [(k[0]["callback_data"], k[0]["text"]) for k in bericht["reply_markup"]["inline_keyboard"]]


def met_knoppen(telegram, chat_id):
    gevonden = telegram.wacht_op(lambda v: any(
        "reply_markup" in (b["body"] or {}) and str(b["body"].get("chat_id")) == str(chat_id) for b in v))
    assert gevonden
    return [b for b in telegram.berichten(chat_id) if "reply_markup" in b][-1]


@pytest.mark.parametrize("geheim", [None, "fout-geheim"])
def test_zonder_geldig_geheim_geweigerd_en_niets_opgeslagen(servers, telegram, geheim):
    chat_id = 111222333
    r = servers.telegram(telegram_update(900 + len(geheim or ""), chat_id, "mijn zoon wordt gepest"), geheim=geheim)
    assert r.status_code == 403
    afzender = pseudoniem(GEHEIMEN["CHANNEL_PSEUDONYM_KEY"].encode(), "telegram", str(chat_id))
    assert afzender.encode() not in servers.tracker_db.read_bytes()
    assert telegram.verzoeken == []


def test_start_knoppen_en_verwijzing_zonder_getme(servers, telegram):
    assert servers.telegram(telegram_update(1, CHAT, "/start")).status_code == 200
    vraag = met_knoppen(telegram, CHAT)
    assert "geen mens" in " ".join(b["text"] for b in telegram.berichten(CHAT))
    assert knoppen(vraag) == [('/informeren{"rol":"leerling"}', "Leerling"),
                              ('/informeren{"rol":"ouder"}', "Ouder of verzorger"),
                              ('/informeren{"rol":"onderwijspersoneel"}', "Ik werk op school")]
    telegram.wis()
    assert servers.telegram(telegram_knop(2, CHAT, '/informeren{"rol":"ouder"}')).status_code == 200
    telegram.wacht_op(lambda v: any(x["pad"].endswith("/sendMessage") for x in v))
    assert telegram.aanroepen("answerCallbackQuery"), "the button's spinner is stopped"
    telegram.wis()
    servers.telegram(telegram_update(3, CHAT, "mijn dochter wordt gepest"))
    school = met_knoppen(telegram, CHAT)
    assert [t for _, t in knoppen(school)] == ["Basisschool", "Middelbare school"]
    telegram.wis()
    servers.telegram(telegram_knop(4, CHAT, knoppen(school)[0][0]))
    telegram.wacht_op(lambda v: "Ouders & Onderwijs" in " ".join((x["body"] or {}).get("text", "") for x in v))
    assert telegram.aanroepen("getMe") == []
    assert telegram.aanroepen("setWebhook") == []


def test_dubbele_update_een_keer(servers, telegram):
    chat_id = 555666777
    update = telegram_update(50, chat_id, "Hoi")
    servers.telegram(update)
    aantal = len(telegram.wacht_op(lambda v: any("reply_markup" in (x["body"] or {}) for x in v)))
    servers.telegram(update)
    assert len(telegram.verzoeken) == aantal


def test_groepen_en_stickers(servers, telegram):
    groep = telegram_update(60, -100123, "Hoi")
    groep["message"]["chat"] = {"id": -100123, "title": "Klas 3b", "type": "group"}
    assert servers.telegram(groep).status_code == 200
    sticker = telegram_update(61, 444555666, "x")
    del sticker["message"]["text"]
    sticker["message"]["sticker"] = {"file_id": "CAACAgIAAxk", "file_unique_id": "AgAD", "width": 512, "height": 512,
                                     "is_animated": False, "is_video": False, "type": "regular"}
    assert servers.telegram(sticker).status_code == 200
    berichten = telegram.wacht_op(lambda v: len(v) >= 1)
    assert [str(b["body"]["chat_id"]) for b in berichten] == ["444555666"], "groups get nothing"
    assert "typen" in berichten[0]["body"]["text"]


def test_geen_chat_id_in_de_tracker_store(servers):
    con = sqlite3.connect(servers.tracker_db)
    rijen = " ".join(str(r) for r in con.execute("select * from events"))
    con.close()
    assert "telegram" in rijen
    for chat_id in (CHAT, 555666777, 444555666):
        assert str(chat_id) not in rijen
        assert str(chat_id).encode() not in servers.tracker_db.read_bytes()
