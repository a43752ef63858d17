"""The link inspector on a table of real-looking, hostile and malformed input.

Each row: what a learner might paste, the registered domain the inspector must find ("" when
there is no link), and tricks it must name. All scam addresses are made up for the course.
"""

from __future__ import annotations

import random
import socket

import pytest

from course.activities.link_inspector import LinkInspector, explain, highlight, inspect_link

TABLE = [
    # genuine addresses
    ("https://www.ameli.fr/assure", "ameli.fr", set()),
    ("https://www.impots.gouv.fr/accueil", "impots.gouv.fr", set()),
    ("http://service-public.fr", "service-public.fr", set()),
    ("https://www.bbc.co.uk/news", "bbc.co.uk", set()),
    ("www.laposte.fr/suivi", "laposte.fr", set()),
    ("laposte.fr", "laposte.fr", set()),
    ("HTTPS://WWW.CAF.FR/", "caf.fr", set()),
    ("https://mairie-exemple.fr:8443/agenda?jour=lundi#haut", "mairie-exemple.fr", set()),
    ("https://exemple.github.io/projet", "exemple.github.io", set()),
    ("Voici le lien : https://www.service-public.fr/particuliers. Bonne journée !",
     "service-public.fr", set()),
    # sub-domain tricks
    ("https://impots.gouv.fr.remboursement-dossier.com/login", "remboursement-dossier.com",
     {"subdomain"}),
    ("http://ameli.fr.secure-compte.info/", "secure-compte.info", {"subdomain"}),
    ("https://www.paypal.com.verification-client.net", "verification-client.net", {"subdomain"}),
    ("https://login.microsoft.com-session.top/auth", "com-session.top", {"subdomain"}),
    ("https://banque.fr.connexion-rapide.xyz", "connexion-rapide.xyz", {"subdomain"}),
    ("https://a.b.c.d.e.f.g.h.exemple-tres-long-pour-cacher-la-fin.com",
     "exemple-tres-long-pour-cacher-la-fin.com", {"long-host"}),
    # user information before @
    ("https://www.ameli.fr@remboursement-rapide.ru/", "remboursement-rapide.ru", {"userinfo"}),
    ("http://impots.gouv.fr:motdepasse@192.0.2.44/form", "192.0.2.44",
     {"userinfo", "ip-address"}),
    ("https://laposte.fr%40colis-suivi.top@colis-suivi.top/x", "colis-suivi.top", {"userinfo"}),
    ("https://a@b@c-exemple.com/", "c-exemple.com", {"userinfo"}),
    # look-alikes and brand names
    ("https://www.arneli.fr/", "arneli.fr", {"lookalike"}),
    ("https://paypa1.com/connexion", "paypa1.com", {"lookalike"}),
    ("https://www.amazonn.fr", "amazonn.fr", {"lookalike"}),
    ("https://netfilx.com/compte", "netfilx.com", {"lookalike"}),
    ("https://ameli-remboursement.fr/carte-vitale", "ameli-remboursement.fr",
     {"brand-in-name"}),
    ("https://suivi-chronopost-colis.com", "suivi-chronopost-colis.com", {"brand-in-name"}),
    ("https://laposte-livraison.net/frais", "laposte-livraison.net", {"brand-in-name"}),
    # other alphabets and punycode
    ("https://аmeli.fr/", "аmeli.fr", {"punycode", "lookalike"}),
    ("https://xn--meli-43d.fr/", "аmeli.fr", {"punycode", "lookalike"}),
    ("https://www.аррlе.com", "аррlе.com", {"punycode", "lookalike"}),
    ("https://xn--pypal-4ve.com", "pаypal.com", {"punycode", "mixed-scripts", "lookalike"}),
    ("https://café-du-coin.fr", "café-du-coin.fr", {"punycode"}),
    ("https://xn--zzzzzzzz.fr", "xn--zzzzzzzz.fr", {"punycode"}),
    ("https://impots。gouv。fr/", "impots.gouv.fr", set()),
    # IP addresses
    ("http://192.0.2.10/colis", "192.0.2.10", {"ip-address"}),
    ("http://[2001:db8::1]:8080/", "2001:db8::1", {"ip-address"}),
    ("http://3232235777/", "3232235777", {"ip-address"}),
    ("http://0x7f.0x0.0x0.0x1/", "0x7f.0x0.0x0.0x1", {"ip-address"}),
    # shorteners
    ("https://bit.ly/3xYzAbC", "bit.ly", {"shortener"}),
    ("Votre colis est bloqué : tinyurl.com/colis-fr", "tinyurl.com", {"shortener"}),
    # odd and malformed input
    ("", "", {"empty"}),
    ("    \n\t  ", "", {"empty"}),
    ("Bonjour, on se voit demain à 10 h ?", "", {"no-link"}),
    ("Fin de phrase.Ensuite une autre", "", {"no-link"}),
    ("écrivez-nous à contact@exemple.fr", "", {"no-link"}),
    ("https://", "", {"no-link"}),
    ("http://[::1", "::1", {"ip-address"}),
    ("https:\\\\evil-exemple.com\\login", "evil-exemple.com", set()),
    ("hxxps://colis-retenu.top/paiement", "colis-retenu.top", set()),
    ("https://" + "a" * 5000 + ".com", "", {"too-long", "no-link"}),
    ("https://" + "b" * 70 + ".com/", "", {"no-link"}),
    ("😀" * 300, "", {"no-link"}),
    ("https://exemple.inconnu-tld-zz/", "exemple.inconnu-tld-zz", set()),
]


@pytest.mark.parametrize(("text", "domain", "tricks"), TABLE,
                         ids=[f"{i:02d}" for i in range(len(TABLE))])
def test_finds_the_real_domain_and_the_trick(text, domain, tricks):
    result = inspect_link(text)
    assert result.domain == domain
    assert tricks <= set(result.tricks)
    if not tricks:
        assert not set(result.tricks) & {"subdomain", "userinfo", "lookalike", "brand-in-name",
                                         "ip-address", "punycode"}


def test_the_table_is_large_and_varied():
    assert len(TABLE) >= 40
    named = set().union(*(t for _, _, t in TABLE))
    assert {"subdomain", "userinfo", "lookalike", "brand-in-name", "punycode", "ip-address",
            "shortener", "empty", "no-link", "too-long", "mixed-scripts"} <= named


def test_names_what_a_lookalike_imitates():
    assert inspect_link("https://www.arneli.fr").imitates == "ameli.fr"
    assert inspect_link("https://ameli.fr.secure-compte.info").imitates == "ameli.fr"
    assert inspect_link("https://www.ameli.fr").imitates == ""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_result_is_explained_in_both_languages(lang):
    for text, _, _ in TABLE:
        result = inspect_link(text)
        sentences = explain(result, lang)
        assert sentences and all(s.strip() and "{" not in s for s in sentences)
        if result.found:
            assert result.domain in sentences[0]


def test_explanations_differ_by_language():
    result = inspect_link("https://www.ameli.fr@remboursement-rapide.ru/")
    assert explain(result, "fr") != explain(result, "en")
    assert "@" in explain(result, "fr")[1]


def test_highlight_marks_the_domain_and_escapes_html():
    result = inspect_link("https://impots.gouv.fr.remboursement-dossier.com/login")
    marked = highlight(result)
    assert "<mark class='course-link-domain'>remboursement-dossier.com</mark>" in marked
    assert "impots.gouv.fr." in marked
    hostile = highlight(inspect_link("https://<script>.exemple.com"))
    assert "<script>" not in hostile
    userinfo = highlight(inspect_link("https://www.ameli.fr@remboursement-rapide.ru/"))
    assert userinfo.startswith("<del class='course-link-ignored'>www.ameli.fr@</del>")


def test_any_value_never_crashes():
    rng = random.Random(6)
    alphabet = "abc.-@:/\\[]%?#xn-- 0123456789аеорсé😀\x00\u3002\ud800"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        result = inspect_link(text)
        explain(result, "fr")
        highlight(result)
    for odd in (None, 42, b"https://bytes.fr", ["liste"], 3.5):
        assert inspect_link(odd).text is not None


def test_no_network_is_touched(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("the inspector must work offline")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    for text, _, _ in TABLE:
        inspect_link(text)


def test_widget_inspects_what_is_typed():
    widget = LinkInspector("en")
    assert widget.labels["button"] == "Inspect"
    assert widget.result == {}
    widget._on_front_end_message(widget, {"event": "inspect",
                                          "query": "https://paypa1.com/connexion"}, [])
    assert widget.query == "https://paypa1.com/connexion"
    assert "lookalike" in widget.result["tricks"]
    assert any("paypal.com" in s for s in widget.result["sentences"])
