"""``course check`` refuses a code answer that would reach seniors, who see no code."""

from __future__ import annotations

import shutil
from pathlib import Path

from course.check import module_problems
from course.content import Module
from tests.helpers import REPO

MODULE = "06-arnaques-faux-comptes"


def copy_module(root: Path) -> Module:
    for kind in ("modules", "exercises"):
        shutil.copytree(REPO / kind / MODULE, root / kind / MODULE)
    return Module(MODULE, root)


def test_youth_code_answers_pass(tmp_path: Path):
    assert module_problems(copy_module(tmp_path)) == []


def test_untagged_code_answer_is_named(tmp_path: Path):
    module = copy_module(tmp_path)
    source = module.source("exercise")
    text = source.read_text(encoding="utf-8")
    tagged = "course: {answer: code-copies}\ntags: [youth]\n"
    assert tagged in text
    source.write_text(text.replace(tagged, "course: {answer: code-copies}\n"), encoding="utf-8")
    problems = [str(p) for p in module_problems(module)]
    assert problems and all("code answer in a senior build" in p for p in problems)
    assert {p.split(":")[1].strip().split(",")[0] for p in problems} == {
        "exercise fr/senior", "exercise en/senior"}
