/*
 * Wegwijzer chatwidget. Embed with one script tag plus a container:
 *
 *   <div id="wegwijzer"></div>
 *   <script src="https://widget.example.nl/wegwijzer.js" data-server="https://bot.example.nl" defer></script>
 *
 * Talks to Rasa's socketio channel (session_request / session_confirm / user_uttered / bot_uttered).
 * Everything the user or the bot writes is put on the page as text nodes, never as HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  // Files that belong to the widget (socket.io client, stylesheet) live next to this script.
  var BASIS = new URL(".", (script && script.src) || location.href).href;

  var STANDAARD = {
    server: location.protocol + "//" + location.hostname + ":5005",
    socketPath: "/socket.io/",
    container: "#wegwijzer",
    exitUrl: "https://www.google.nl",
    titel: "Wegwijzer",
    kop: "h2",
    privacy:
      "Je praat met een computer, niet met een mens. Je hoeft je naam niet te geven. " +
      "Dit gesprek blijft alleen in dit tabblad staan tot je het sluit of wist. " +
      "In gevaar? Bel 112.",
    leeg: "Typ hieronder wat er gebeurt. Of begin met: hoi",
    label: "Jouw bericht",
    placeholder: "Typ hier…",
    verstuur: "Stuur",
    snelWeg: "Snel weg",
    snelWegHint: "of druk 2× op Esc",
    wissen: "Gesprek wissen",
    typt: "Wegwijzer typt…",
    verbindingWeg: "De verbinding is even weg. Ik probeer het opnieuw…",
    fout: "Het lukt nu niet om te verbinden. Probeer het later nog eens. In gevaar? Bel 112.",
    kleurHoofd: "",
    kleurAccent: "",
    kleurAchtergrond: "",
    opslagSleutel: "wegwijzer",
    css: ""
  };

  // data-exit-url -> exitUrl
  function leesDataset(el) {
    var uit = {};
    if (!el) return uit;
    Object.keys(STANDAARD).forEach(function (k) {
      if (el.dataset[k] !== undefined && el.dataset[k] !== "") uit[k] = el.dataset[k];
    });
    return uit;
  }

  function samenvoegen() {
    var uit = {};
    for (var i = 0; i < arguments.length; i++) {
      var o = arguments[i] || {};
      Object.keys(o).forEach(function (k) { uit[k] = o[k]; });
    }
    return uit;
  }

  function el(tag, klasse, tekst) {
    var e = document.createElement(tag);
    if (klasse) e.className = klasse;
    if (tekst !== undefined) e.textContent = tekst;
    return e;
  }

  function laadScript(src) {
    return new Promise(function (ok, mis) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = ok;
      s.onerror = function () { mis(new Error("kon " + src + " niet laden")); };
      document.head.appendChild(s);
    });
  }

  function laadCss(href) {
    if (document.querySelector('link[data-wegwijzer-css]')) return;
    var l = document.createElement("link");
    l.rel = "stylesheet";
    l.href = href;
    l.setAttribute("data-wegwijzer-css", "");
    document.head.appendChild(l);
  }

  // ---- Turning bot text into safe DOM: links only http(s) and tel ----------------------------

  var URL_RE = /\b(?:https?:\/\/[^\s<>"']+|(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:nl|com|org|eu|net)(?:\/[^\s<>"']*)?)/gi;
  // Dutch phone numbers as the knowledge base writes them: 0800-0432, 088 669 60 60, 070 331 52 44;
  // the short emergency numbers 112 and 113 stand alone (not in 113.nl, not in 1120).
  var TEL_RE = /(^|[^\w.\/-])(0\d{2,3}(?:[ -]?\d){4,8}|11[23])(?![\w-]|\.\w)/g;

  function veiligeHref(href) {
    try {
      var u = new URL(href, location.href);
      if (u.protocol === "http:" || u.protocol === "https:" || u.protocol === "tel:") return u.href;
    } catch (e) { /* not a URL: no link */ }
    return null;
  }

  function maakLink(href, tekst) {
    var veilig = veiligeHref(href);
    if (!veilig) return document.createTextNode(tekst);
    var a = el("a", veilig.indexOf("tel:") === 0 ? "ww-tel" : "ww-link", tekst);
    a.href = veilig;
    if (veilig.indexOf("tel:") !== 0) {
      a.target = "_blank";
      // No referrer: the site the pupil visits does not learn they came from here.
      a.rel = "noopener noreferrer";
    }
    return a;
  }

  function telStukken(tekst, ouder) {
    var laatste = 0;
    tekst.replace(TEL_RE, function (heel, voor, nummer, index) {
      var start = index + voor.length;
      // Trailing separators belong to the sentence, not to the number.
      var schoon = nummer.replace(/[ -]+$/, "");
      ouder.appendChild(document.createTextNode(tekst.slice(laatste, start)));
      ouder.appendChild(maakLink("tel:" + schoon.replace(/[ -]/g, ""), schoon));
      laatste = start + schoon.length;
      return heel;
    });
    ouder.appendChild(document.createTextNode(tekst.slice(laatste)));
  }

  function linkStukken(tekst, ouder) {
    var laatste = 0;
    tekst.replace(URL_RE, function (gevonden, index) {
      // A full stop or comma after a link ends the sentence.
      var url = gevonden.replace(/[.,;:!?)]+$/, "");
      telStukken(tekst.slice(laatste, index), ouder);
      var href = /^https?:\/\//i.test(url) ? url : "https://" + url;
      ouder.appendChild(maakLink(href, url));
      laatste = index + url.length;
      return gevonden;
    });
    telStukken(tekst.slice(laatste), ouder);
  }

  // **vet** becomes <strong> built with the DOM; the rest stays plain text.
  function vulTekst(ouder, tekst) {
    String(tekst).split(/\*\*([^*]+)\*\*/).forEach(function (stuk, i) {
      if (i % 2 === 1) {
        var s = el("strong");
        linkStukken(stuk, s);
        ouder.appendChild(s);
      } else {
        linkStukken(stuk, ouder);
      }
    });
  }

  // ---- The widget ----------------------------------------------------------------------------

  function Widget(houder, cfg) {
    this.cfg = cfg;
    this.houder = houder;
    this.sleutel = cfg.opslagSleutel + ":gesprek";
    this.staat = this.lees();
    this.klaar = false;       // session confirmed by the server
    this.wachtrij = [];       // messages typed while (re)connecting
    this.escTijd = 0;
    this.bouw();
    this.toonOpgeslagen();
    this.verbind();
  }

  Widget.prototype.lees = function () {
    try {
      var s = JSON.parse(sessionStorage.getItem(this.sleutel) || "null");
      if (s && Array.isArray(s.berichten)) return s;
    } catch (e) { /* storage blocked or corrupt: start fresh */ }
    return { sessieId: null, berichten: [] };
  };

  Widget.prototype.bewaar = function () {
    try { sessionStorage.setItem(this.sleutel, JSON.stringify(this.staat)); } catch (e) { /* private mode */ }
  };

  Widget.prototype.wisOpslag = function () {
    try {
      var weg = [];
      for (var i = 0; i < sessionStorage.length; i++) {
        var k = sessionStorage.key(i);
        if (k && k.indexOf(this.cfg.opslagSleutel + ":") === 0) weg.push(k);
      }
      weg.forEach(function (k) { sessionStorage.removeItem(k); });
    } catch (e) { /* nothing stored */ }
  };

  Widget.prototype.bouw = function () {
    var c = this.cfg, zelf = this;
    var id = "ww-" + Math.random().toString(36).slice(2, 8);
    var root = el("section", "ww");
    root.setAttribute("lang", "nl");
    root.setAttribute("aria-labelledby", id + "-titel");
    // Colours through CSS custom properties (CSSOM is allowed by a strict CSP, style="" is not).
    if (c.kleurHoofd) root.style.setProperty("--ww-hoofd", c.kleurHoofd);
    if (c.kleurAccent) root.style.setProperty("--ww-accent", c.kleurAccent);
    if (c.kleurAchtergrond) root.style.setProperty("--ww-achtergrond", c.kleurAchtergrond);

    var kop = el("div", "ww-kop");
    var kopTag = /^h[1-6]$/.test(c.kop) ? c.kop : "h2";
    var titel = el(kopTag, "ww-titel", c.titel);
    titel.id = id + "-titel";
    var snel = el("button", "ww-snelweg");
    snel.type = "button";
    snel.appendChild(el("span", "ww-snelweg-tekst", c.snelWeg));
    snel.appendChild(el("span", "ww-snelweg-hint", " " + c.snelWegHint));
    snel.setAttribute("aria-keyshortcuts", "Escape");
    snel.addEventListener("click", function () { zelf.snelWeg(); });
    kop.appendChild(titel);
    kop.appendChild(snel);

    var privacy = el("p", "ww-privacy", c.privacy);
    privacy.id = id + "-privacy";

    var log = el("div", "ww-gesprek");
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-label", "Gesprek");
    // Focusable so keyboard users can scroll a long conversation.
    log.tabIndex = 0;
    var leeg = el("p", "ww-leeg", c.leeg);
    log.appendChild(leeg);

    var typt = el("div", "ww-typt");
    typt.hidden = true;
    typt.appendChild(el("span", "ww-typt-tekst", c.typt));
    var stippen = el("span", "ww-stippen");
    stippen.setAttribute("aria-hidden", "true");
    for (var i = 0; i < 3; i++) stippen.appendChild(el("span", "ww-stip"));
    typt.appendChild(stippen);

    var status = el("p", "ww-status");
    status.setAttribute("role", "status");

    var form = el("form", "ww-invoer");
    form.setAttribute("novalidate", "");
    var label = el("label", "ww-label", c.label);
    label.htmlFor = id + "-invoer";
    var invoer = el("input", "ww-veld");
    invoer.id = id + "-invoer";
    invoer.type = "text";
    invoer.autocomplete = "off";
    invoer.setAttribute("autocapitalize", "sentences");
    invoer.setAttribute("spellcheck", "true");
    invoer.maxLength = 1000;
    invoer.placeholder = c.placeholder;
    invoer.setAttribute("aria-describedby", privacy.id);
    var stuur = el("button", "ww-stuur", c.verstuur);
    stuur.type = "submit";
    form.appendChild(label);
    var rij = el("div", "ww-rij");
    rij.appendChild(invoer);
    rij.appendChild(stuur);
    form.appendChild(rij);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var t = invoer.value.trim();
      if (!t) { invoer.focus(); return; }
      invoer.value = "";
      zelf.stuur(t, t);
    });

    var wis = el("button", "ww-wissen", c.wissen);
    wis.type = "button";
    wis.addEventListener("click", function () { zelf.wis(); });

    root.appendChild(kop);
    root.appendChild(privacy);
    root.appendChild(log);
    root.appendChild(typt);
    root.appendChild(status);
    root.appendChild(form);
    root.appendChild(wis);
    this.houder.textContent = "";
    this.houder.appendChild(root);

    // Escape twice within a second leaves, wherever the focus is on the page.
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") return;
      var nu = Date.now();
      if (nu - zelf.escTijd < 1000) { zelf.snelWeg(); return; }
      zelf.escTijd = nu;
    });

    this.root = root; this.log = log; this.leeg = leeg; this.typtEl = typt;
    this.status = status; this.invoer = invoer;
  };

  // Show the start of the bot's answer (a long route should be read from its top), or the
  // bottom when everything new fits.
  Widget.prototype.scrollOnder = function () {
    var doel = this.nieuwBegin ? this.nieuwBegin.offsetTop - 8 : this.log.scrollHeight;
    this.log.scrollTop = doel;
  };

  Widget.prototype.tekenBericht = function (b) {
    this.leeg.hidden = true;
    var rij = el("div", "ww-bericht ww-" + (b.van === "jij" ? "jij" : "bot"));
    if (b.van === "jij") this.nieuwBegin = rij;
    var bel = el("p", "ww-bel");
    // Screen readers hear who is speaking; sighted users see it from the side and colour.
    bel.appendChild(el("span", "ww-sr", b.van === "jij" ? "Jij: " : this.cfg.titel + ": "));
    vulTekst(bel, b.tekst);
    rij.appendChild(bel);
    this.log.appendChild(rij);
    if (b.knoppen && b.knoppen.length) this.tekenKnoppen(b.knoppen);
    this.scrollOnder();
  };

  Widget.prototype.tekenKnoppen = function (knoppen) {
    var zelf = this;
    var groep = el("div", "ww-knoppen");
    groep.setAttribute("role", "group");
    groep.setAttribute("aria-label", "Kies een antwoord");
    knoppen.forEach(function (k) {
      var b = el("button", "ww-knop", k.titel);
      b.type = "button";
      b.addEventListener("click", function () { zelf.stuur(k.titel, k.payload); });
      groep.appendChild(b);
    });
    this.log.appendChild(groep);
  };

  Widget.prototype.verwijderKnoppen = function () {
    var oud = this.log.querySelectorAll(".ww-knoppen");
    for (var i = 0; i < oud.length; i++) oud[i].parentNode.removeChild(oud[i]);
    this.staat.berichten.forEach(function (b) { delete b.knoppen; });
  };

  Widget.prototype.toonOpgeslagen = function () {
    var zelf = this;
    this.staat.berichten.forEach(function (b) { zelf.tekenBericht(b); });
  };

  Widget.prototype.voegToe = function (b) {
    this.staat.berichten.push(b);
    this.bewaar();
    this.tekenBericht(b);
  };

  Widget.prototype.typt = function (aan) {
    var zelf = this;
    clearTimeout(this.typtTimer);
    this.typtEl.hidden = !aan;
    // Never leave the dots on forever if the bot stays silent.
    if (aan) this.typtTimer = setTimeout(function () { zelf.typtEl.hidden = true; }, 30000);
  };

  Widget.prototype.stuur = function (tonen, bericht) {
    this.verwijderKnoppen();
    this.voegToe({ van: "jij", tekst: tonen });
    this.typt(true);
    if (this.klaar) this.verzend(bericht);
    else this.wachtrij.push(bericht);
    this.invoer.focus();
  };

  Widget.prototype.verzend = function (bericht) {
    this.socket.emit("user_uttered", {
      message: bericht,
      session_id: this.staat.sessieId,
      // Same shape as rasa-webchat, read by Rasa when metadata_key is customData.
      customData: { language: "nl" }
    });
  };

  Widget.prototype.ontvang = function (data) {
    if (!data || typeof data !== "object") return;
    this.typt(false);
    var knoppen = (data.quick_replies || data.buttons || []).map(function (k) {
      return { titel: String(k.title || k.payload || ""), payload: String(k.payload || k.title || "") };
    }).filter(function (k) { return k.titel; });
    var tekst = typeof data.text === "string" ? data.text : "";
    if (!tekst && !knoppen.length) return;   // images, custom payloads: not shown
    if (knoppen.length) this.verwijderKnoppen();
    this.voegToe({ van: "bot", tekst: tekst, knoppen: knoppen.length ? knoppen : undefined });
  };

  Widget.prototype.verbind = function () {
    var zelf = this, c = this.cfg;
    var socket = window.io(c.server, {
      path: c.socketPath,
      reconnection: true,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      withCredentials: false
    });
    this.socket = socket;
    socket.on("connect", function () {
      zelf.status.textContent = "";
      zelf.root.classList.remove("ww-offline");
      // Ask for the stored session (or a new one) on every (re)connect: the server joins this
      // socket to the session's room so replies reach us again.
      socket.emit("session_request", { session_id: zelf.staat.sessieId });
    });
    socket.on("session_confirm", function (id) {
      var sessie = typeof id === "string" ? id : id && id.session_id;
      if (!sessie) return;
      zelf.staat.sessieId = sessie;
      zelf.bewaar();
      zelf.klaar = true;
      zelf.root.setAttribute("data-sessie", "klaar");
      var wacht = zelf.wachtrij; zelf.wachtrij = [];
      wacht.forEach(function (m) { zelf.verzend(m); });
    });
    socket.on("bot_uttered", function (data) { zelf.ontvang(data); });
    socket.on("disconnect", function () {
      zelf.klaar = false;
      zelf.root.removeAttribute("data-sessie");
      zelf.root.classList.add("ww-offline");
      zelf.status.textContent = c.verbindingWeg;
    });
    socket.on("connect_error", function () {
      zelf.klaar = false;
      zelf.root.classList.add("ww-offline");
      zelf.status.textContent = c.verbindingWeg;
    });
  };

  Widget.prototype.stop = function () {
    if (this.socket) { this.socket.off(); this.socket.disconnect(); }
    this.klaar = false;
    this.root.removeAttribute("data-sessie");
  };

  Widget.prototype.snelWeg = function () {
    this.wisOpslag();
    // Hide at once: the next page may take a moment to load.
    document.documentElement.style.display = "none";
    this.stop();
    // replace(): the chat page leaves the history, so Back does not return to it.
    location.replace(veiligeHref(this.cfg.exitUrl) || "https://www.google.nl");
  };

  Widget.prototype.wis = function () {
    this.stop();
    this.wisOpslag();
    this.staat = { sessieId: null, berichten: [] };
    this.klaar = false;
    this.wachtrij = [];
    var oud = this.log.querySelectorAll(".ww-bericht, .ww-knoppen");
    for (var i = 0; i < oud.length; i++) oud[i].parentNode.removeChild(oud[i]);
    this.leeg.hidden = false;
    this.typt(false);
    // A new session id: the old conversation cannot be continued from this device.
    this.verbind();
    this.status.textContent = "Het gesprek is gewist.";
    this.invoer.focus();
  };

  function start(opties) {
    var cfg = samenvoegen(STANDAARD, leesDataset(script), opties);
    var houder = typeof cfg.container === "string" ? document.querySelector(cfg.container) : cfg.container;
    if (!houder) return Promise.reject(new Error("Wegwijzer: container " + cfg.container + " niet gevonden"));
    cfg = samenvoegen(cfg, leesDataset(houder), opties);
    if (cfg.css !== "none") laadCss(cfg.css || BASIS + "wegwijzer.css");
    var io = window.io ? Promise.resolve() : laadScript(BASIS + "vendor/socket.io.min.js");
    return io.then(function () { return new Widget(houder, cfg); }, function (e) {
      houder.textContent = cfg.fout;
      throw e;
    });
  }

  window.Wegwijzer = { start: start };

  // Start by itself unless the page says data-auto="false" and calls Wegwijzer.start() itself.
  if (!script || script.dataset.auto !== "false") {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () { start().catch(function () {}); });
    } else {
      start().catch(function () {});
    }
  }
})();
