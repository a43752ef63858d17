"""Certificates: exactly the modules each learner completed, and never for a rehearsal.

One workshop on module 01 with ``course demo``'s submissions of every profile, handed in under
real learners' pseudonyms and graded with nbgrader; one learner's hand-in is taken away before
grading, so that learner completed nothing. A demo learner graded gets no certificate.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from course.content import list_modules
from course.printing.certificates import certificates, completed_modules, print_certificates
from grading.autograde import MISSING, grade_module
from grading.create import create_workshop
from grading.demo import PROFILES, fill_demo
from grading.nbgrader_setup import add_learners, gradebook
from tests.helpers import REPO, course, tree_digest
from tests.printed import leftovers, missing, pdf_pages

FIRST = next(m for m in list_modules(REPO) if m.id.startswith("01-"))
TYPED = "Jeanne Martin-Lefèvre"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A French senior workshop on module 01: demo learners graded, one who never handed in."""
    workshop = create_workshop(tmp_path_factory.mktemp("cert") / "atelier", "fr", "senior",
                               [FIRST.id])
    demos = fill_demo(workshop, FIRST, len(PROFILES) + 1)
    learners = [demo.removeprefix("demo-") for demo in demos]  # as if real learners handed in
    for demo, learner in zip(demos, learners, strict=True):
        (workshop.submitted / demo).rename(workshop.submitted / learner)
    with gradebook(workshop) as book:
        for demo in demos:
            book.remove_student(demo)
    add_learners(workshop, learners)
    absent = learners[-1]
    shutil.rmtree(workshop.submitted / absent)
    outcomes = {o.learner: o.status for o in grade_module(workshop, FIRST, show_progress=False)}
    assert outcomes[absent] == MISSING
    return workshop, learners[:-1], absent


@pytest.mark.slow
def test_certificates_list_exactly_the_completed_modules(graded, tmp_path: Path):
    workshop, present, absent = graded
    done = completed_modules(workshop, [FIRST])
    assert {k: [m.id for m in v] for k, v in done.items()} == {
        **{p: [FIRST.id] for p in present}, absent: []}
    found = certificates(workshop, [FIRST])
    assert [c.pseudonym for c in found] == sorted(present)
    assert print_certificates(workshop, found, tmp_path / "a.pdf") == len(present)
    pages = pdf_pages(tmp_path / "a.pdf")
    for certificate, page in zip(found, pages, strict=True):
        assert missing(["Attestation de participation", certificate.pseudonym,
                        f"Module {FIRST.number} · {FIRST.title('fr')}",
                        f"{certificate.minutes} min"], page) == []
        assert missing([absent], page) == [absent]
        assert leftovers(page) == []


@pytest.mark.slow
def test_typed_names_are_printed_but_never_stored(graded, tmp_path: Path, monkeypatch, capsys):
    workshop, present, _ = graded
    present = sorted(present)
    before = tree_digest(workshop.path)
    monkeypatch.setattr("sys.stdin", io.StringIO(TYPED + "\n" + "\n" * len(present)))
    target = tmp_path / "attestations.pdf"
    assert course("certificates", "01", "--workshop", workshop.path, "--names",
                  "--out", target) == 0
    pages = pdf_pages(target)
    assert missing([TYPED], pages[0]) == [] and missing([present[0]], pages[0]) == [present[0]]
    assert all(missing([p], page) == [] for p, page in zip(present[1:], pages[1:], strict=True))
    assert tree_digest(workshop.path) == before
    assert TYPED not in "".join(p.read_text(errors="ignore") for p in
                                workshop.path.rglob("*") if p.is_file())
    assert "supprimez-le" in capsys.readouterr().out


def test_certificates_need_a_graded_module(tmp_path: Path, mini: Path, capsys):
    workshop = create_workshop(tmp_path / "atelier", "en", "youth", content=mini)
    assert course("certificates", "--workshop", workshop.path) == 2
    assert "course grade" in capsys.readouterr().err


@pytest.mark.slow
def test_a_demo_learner_never_gets_a_certificate(graded):
    workshop, present, _ = graded
    rehearsed = fill_demo(workshop, FIRST, 1)  # a rehearsal in the same workshop, graded
    outcomes = {o.learner: o for o in grade_module(workshop, FIRST, show_progress=False)}
    assert outcomes[rehearsed[0]].score is not None
    assert rehearsed[0] not in completed_modules(workshop, [FIRST])
    assert [c.pseudonym for c in certificates(workshop, [FIRST])] == sorted(present)
