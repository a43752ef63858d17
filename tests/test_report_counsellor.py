"""``course report`` read as a counsellor who is not a statistician would read it: a three-line
summary and what to do next first, questions by their text (the id only in a tooltip), every
figure said in words and in a glossary, skills in French, and every learner of the roster
listed, with "rien rendu" for the one who handed nothing in."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from course.workshop import open_workshop
from grading.nbgrader_setup import gradebook
from tests.helpers import course

pytestmark = pytest.mark.slow
ROSTER = ["camille", "dominique", "eden"]
HANDED_IN = ROSTER[:2]  # demo-loutre-02 ("wrong"), demo-renard-01 ("right"); eden: nothing
NBSP = "\u00a0"
MODULE = "01-premiers-pas — Premiers pas"
GLOSSARY = "Lexique : les chiffres de ce rapport en clair"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> SimpleNamespace:
    base = tmp_path_factory.mktemp("rapport")
    roster = base / "liste.csv"
    roster.write_text("pseudonyme\n" + "\n".join(ROSTER) + "\n", "utf-8")
    folder = base / "atelier"
    assert course("new", folder, "--lang", "fr", "--audience", "senior", "--modules", "01",
                  "--roster", roster) == 0
    assert course("demo", "01", "-w", folder, "--learners", 2, "--profiles", "right,wrong",
                  "--dans-l-atelier") == 0
    workshop = open_workshop(folder)
    demos = sorted(workshop.submitted.iterdir())
    for demo, learner in zip(demos, HANDED_IN, strict=True):
        demo.rename(workshop.submitted / learner)  # handed in under the roster's names
    with gradebook(workshop) as book:
        for demo in demos:
            book.remove_student(demo.name)
    assert course("grade", "01", "-w", folder, "--workers", 2) == 0
    assert course("report", "-w", folder) == 0
    page = (workshop.exports / "rapport.html").read_text("utf-8").replace(NBSP, " ")
    return SimpleNamespace(workshop=workshop, page=page.replace("\u202f", " "))


def section(page: str, heading: str) -> str:
    return page.split(f">{heading}</h2>", 1)[1].split("<h2", 1)[0]


def test_the_page_opens_with_a_three_line_summary_and_what_to_do_next(report):
    headings = re.findall(r"<h2[^>]*>([^<]*)</h2>", report.page)
    assert headings[:2] == ["En bref", "Et maintenant ?"]
    summary = re.findall(r'<p class="summary">([^<]*)</p>', section(report.page, "En bref"))
    assert len(summary) == 3
    assert summary[0] == ("3 apprenant(s) inscrit(s) : 2 ont rendu au moins un module, "
                          "1 rien du tout.")
    assert summary[1].startswith("Moyenne des points autocorrigés, module par module : 01 : ")
    assert summary[2].startswith("Avant / après : pas encore mesuré")
    steps = re.findall(r'<li class="step">([^<]*)</li>', section(report.page, "Et maintenant ?"))
    assert "Module 01 : relancer eden (rien rendu)." in steps
    assert ("Module 01 : reprendre le module avec camille (moins de la moitié des points)."
            in steps)
    assert any(s.startswith("Module 01 : corriger à la main les réponses écrites de ")
               for s in steps), steps
    assert any("questionnaire de fin (module 11)" in s for s in steps), steps


def test_every_learner_of_the_roster_is_listed_with_rien_rendu_where_so(report):
    rows = re.findall(r'<tr><td>([a-z]+)</td><td class="n">([^<]*)</td><td>([^<]*)</td></tr>',
                      section(report.page, MODULE))
    assert rows == [("camille", "0%", "rendu"), ("dominique", "100%", "rendu"),
                    ("eden", "—", "rien rendu")]


def test_questions_go_by_their_text_with_the_id_in_a_tooltip(report):
    questions = section(report.page, MODULE).split("<h3>Questions</h3>")[1]
    first = re.search(r'<tr><td title="ex-first-step">([^<]*)</td>', questions)
    assert first and first.group(1).startswith("Un message fait très peur")
    # the rating items all ask "Lisez ce message…": each goes by its post instead
    texts = re.findall(r'<td title="ex-rate-[a-z-]+">([^<]*)</td>', questions)
    assert len(texts) == 4 and len(set(texts)) == 4
    assert "<td>ex-first-step</td>" not in report.page
    assert not re.search(r"<td>ex-[a-z-]+</td>", report.page)


def test_every_figure_is_explained_and_discrimination_is_renamed(report):
    assert "Discrimination" not in report.page and "discrimination" not in report.page.lower()
    header = re.search(r"<h3>Questions</h3>\s*<table>\s*<thead><tr>(.*?)</tr>",
                       report.page).group(1)
    assert re.findall(r'<th scope="col">([^<]*)</th>', header) == [
        "Question", "Réussite (0 à 1)", "En clair", "Pouvoir de distinction de la question",
        "En clair"]
    # the "right" learner got ex-first-step, the "wrong" one did not: 0.50, "moyenne"
    assert re.search(r'<td title="ex-first-step">[^<]*</td><td class="n">0.50</td>'
                     r"<td>moyenne</td>", report.page)
    glossary = dict(re.findall(r"<dt>([^<]*)</dt>\s*<dd>([^<]*)</dd>",
                               section(report.page, GLOSSARY)))
    for term in ("Réussite (0 à 1)", "Pouvoir de distinction de la question", "d′",
                 "c (penchant)", "IC 95 %", "Points autocorrigés"):
        assert len(glossary.get(term, "")) > 40, term


def test_skills_are_named_in_french(report):
    skills = section(report.page, MODULE).split(
        "<h3>Maîtrise par compétence</h3>")[1].split("</table>")[0]
    names = re.findall(r"<tr><td>([^<]*)</td>", skills)
    assert "faire une pause avant de partager" in names
    assert not {"pause", "emotion", "warning-signs", "discernment"} & set(names)


def test_every_skill_of_the_course_has_a_name_in_both_languages():
    import yaml

    from course.content import list_modules
    from course.items import load_bank
    from grading.report_text import SKILLS_FILE
    from tests.helpers import REPO

    named = yaml.safe_load(Path(SKILLS_FILE).read_text("utf-8"))
    tags = {tag for module in list_modules(REPO) if (module.exercise_dir / "items.yml").is_file()
            for item in load_bank(module.exercise_dir / "items.yml", graded=True)
            for tag in item.get("skills", [])}
    assert tags - set(named) == set()
    assert all(set(names) == {"fr", "en"} and all(names.values()) for names in named.values())
