"""The one rule for learner paths (course.untrusted): no link followed, regular files only, a
size cap, writes into a learner's home as the learner or after checking the entry."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from course import untrusted
from course.untrusted import LearnerPathError

LEARNER_UID = 64123  # a user id nobody on this machine has
as_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                             reason="writing as another user needs root")


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    (folder / "01").mkdir()
    (folder / "01" / "exercice.ipynb").write_text("{}")
    return folder


def test_a_regular_file_is_read(home):
    assert untrusted.read_text(home, "01/exercice.ipynb") == "{}"


def test_a_link_to_a_file_is_not_read(home, tmp_path):
    secret = tmp_path / "shadow"
    secret.write_text("root:$6$secret")
    (home / "01" / "answers.json").symlink_to(secret)
    with pytest.raises(LearnerPathError, match="answers.json"):
        untrusted.read_bytes(home, "01/answers.json")


def test_a_link_on_the_way_is_not_crossed(home, tmp_path):
    other = tmp_path / "other-learner"
    other.mkdir()
    (other / "exercice.ipynb").write_text("someone else's")
    (home / "02").symlink_to(other)
    with pytest.raises(LearnerPathError, match="02"):
        untrusted.read_bytes(home, "02/exercice.ipynb")


def test_a_fifo_is_refused_at_once_instead_of_blocking(home):
    os.mkfifo(home / "01" / "exercice.answers.json")
    done = []
    reader = threading.Thread(target=lambda: done.append(
        pytest.raises(LearnerPathError, untrusted.read_bytes, home, "01/exercice.answers.json")))
    reader.start()
    reader.join(5)
    assert done, "reading a FIFO blocked"


@as_root
def test_a_hard_link_to_a_file_of_someone_else_is_refused(home, tmp_path):
    secret = tmp_path / "gradebook.db"
    secret.write_text("keys")
    untrusted.give_to(home, LEARNER_UID)
    os.link(secret, home / "01" / "exercice.answers.json")
    with pytest.raises(LearnerPathError, match="exercice.answers.json"):
        untrusted.read_bytes(home, "01/exercice.answers.json")
    os.link(home / "01" / "exercice.ipynb", home / "01" / "copie.ipynb")  # their own: fine
    assert untrusted.read_text(home, "01/copie.ipynb") == "{}"


def test_a_file_over_the_cap_is_refused(home):
    (home / "01" / "big.bin").write_bytes(b"x" * 2000)
    with pytest.raises(LearnerPathError, match="big.bin"):
        untrusted.read_bytes(home, "01/big.bin", limit=1000)


def test_the_refusal_is_said_in_the_workshop_language(home, tmp_path):
    from course.i18n import speaking

    (home / "01" / "lien").symlink_to(tmp_path)
    with speaking("fr"), pytest.raises(LearnerPathError, match="lien, il n'est pas suivi"):
        untrusted.read_bytes(home, "01/lien")
    with speaking("en"), pytest.raises(LearnerPathError, match="link, which is not followed"):
        untrusted.read_bytes(home, "01/lien")


def test_a_tree_is_copied_without_links_specials_or_oversize(home, tmp_path):
    secret = tmp_path / "shadow"
    secret.write_text("root:$6$secret")
    (home / "01" / "data").mkdir()
    (home / "01" / "data" / "posts.csv").write_text("a,b")
    (home / "01" / "shadow").symlink_to(secret)
    (home / "01" / "etc").symlink_to("/etc")
    os.mkfifo(home / "01" / "pipe")
    (home / "01" / "big.bin").write_bytes(b"x" * 2000)
    copy = tmp_path / "copy"
    result = untrusted.copy_tree(home, "01", copy, limit=1000)
    assert sorted(result.files) == ["data/posts.csv", "exercice.ipynb"]
    assert sorted(e.path.name for e in result.skipped) == ["big.bin", "etc", "pipe", "shadow"]
    assert sorted(str(p.relative_to(copy)) for p in copy.rglob("*")) == [
        "data", "data/posts.csv", "exercice.ipynb"]
    assert not any(p.is_symlink() for p in copy.rglob("*"))


def test_a_folder_nested_without_end_is_cut_short(home, tmp_path):
    deep = home / "01"
    for _ in range(untrusted.MAX_DEPTH + 3):
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "x.txt").write_text("x")
    result = untrusted.copy_tree(home, "01", tmp_path / "copy")
    assert result.files == ["exercice.ipynb"] and len(result.skipped) == 1


def test_a_linked_top_folder_is_not_copied(home, tmp_path):
    (home / "03").symlink_to(home / "01")
    with pytest.raises(LearnerPathError):
        untrusted.copy_tree(home, "03", tmp_path / "copy")


def test_a_write_replaces_a_regular_file_whole(home):
    untrusted.write_bytes(home, "retours/01.html", b"<p>v1</p>")
    untrusted.write_bytes(home, "retours/01.html", b"<p>v2</p>")
    assert (home / "retours" / "01.html").read_bytes() == b"<p>v2</p>"
    assert [p.name for p in (home / "retours").iterdir()] == ["01.html"]


def test_a_write_never_goes_through_a_link(home, tmp_path):
    target = tmp_path / "evil.pth"
    target.write_text("# root's file\n")
    (home / "retours").mkdir()
    (home / "retours" / "01.html").symlink_to(target)
    with pytest.raises(LearnerPathError, match="01.html"):
        untrusted.write_bytes(home, "retours/01.html", b"import os")
    assert target.read_text() == "# root's file\n"


def test_a_linked_folder_on_the_way_is_not_written_into(home, tmp_path):
    elsewhere = tmp_path / "site-packages"
    elsewhere.mkdir()
    (home / "retours").symlink_to(elsewhere)
    with pytest.raises(LearnerPathError, match="retours"):
        untrusted.write_bytes(home, "retours/01.html", b"import os")
    assert list(elsewhere.iterdir()) == []


def test_keep_existing_leaves_the_learners_entry_alone(home, tmp_path):
    (home / "01" / "lecon.ipynb").symlink_to(tmp_path / "dangling.pth")
    result = untrusted.write_files(home, {"01/exercice.ipynb": b"new", "01/lecon.ipynb": b"new",
                                          "01/data/posts.csv": b"a,b"}, keep_existing=True)
    assert result.files == ["01/data/posts.csv"] and not result.refused
    assert (home / "01" / "exercice.ipynb").read_text() == "{}"
    assert not (tmp_path / "dangling.pth").exists()


@as_root
def test_as_root_the_write_is_done_as_the_homes_owner(home, tmp_path):
    untrusted.give_to(home, LEARNER_UID)
    untrusted.write_bytes(home, "retours/01.html", b"page")
    assert (home / "retours").stat().st_uid == LEARNER_UID
    assert (home / "retours" / "01.html").stat().st_uid == LEARNER_UID
    # a root folder the learner links to is not writable by the learner: refused by the system
    closed = tmp_path / "closed"
    closed.mkdir(mode=0o755)
    (home / "retours" / "02.html").unlink(missing_ok=True)
    os.symlink(closed, home / "elsewhere")
    result = untrusted.write_files(home, {"elsewhere/x.pth": b"import os"})
    assert result.refused and list(closed.iterdir()) == []


@as_root
def test_give_to_changes_links_not_their_targets(home, tmp_path):
    rootfile = tmp_path / "root-owned"
    rootfile.write_text("x")
    (home / "01" / "lien").symlink_to(rootfile)
    untrusted.give_to(home, LEARNER_UID)
    assert rootfile.stat().st_uid == 0
    assert (home / "01" / "lien").lstat().st_uid == LEARNER_UID
    assert (home / "01" / "exercice.ipynb").stat().st_uid == LEARNER_UID


@as_root
def test_give_to_never_hands_over_a_hard_linked_file(home, tmp_path):
    rootfile = tmp_path / "shadow"
    rootfile.write_text("root:$6$secret")
    os.link(rootfile, home / "01" / "shadow")
    untrusted.give_to(home, LEARNER_UID)
    assert rootfile.stat().st_uid == 0
