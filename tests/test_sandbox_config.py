"""The sandbox's limits come from the workshop's ``nbgrader_config.py``, whose comments show
the defaults truthfully."""

from __future__ import annotations

from pathlib import Path

from grading.nbgrader_setup import CONFIG_NAME, load_config, write_config
from grading.sandbox import MIB, Limits, configured_limits


def limits_with(folder: Path, extra: str = "", uncomment: bool = False) -> Limits:
    write_config(folder)
    (folder / "source").mkdir(exist_ok=True)
    config = folder / CONFIG_NAME
    text = config.read_text()
    if uncomment:
        text = text.replace("# c.", "c.")
    config.write_text(text + extra)
    return configured_limits(load_config(folder), config)


def test_a_new_workshop_uses_the_defaults_its_comments_show(tmp_path):
    assert limits_with(tmp_path) == Limits()
    assert limits_with(tmp_path, uncomment=True) == Limits()
    assert "c.SandboxLimits.memory_mb = 2048" in (tmp_path / CONFIG_NAME).read_text()


def test_a_small_machine_can_lower_the_limits(tmp_path):
    limits = limits_with(tmp_path, "c.SandboxLimits.memory_mb = 512\n"
                                   "c.SandboxLimits.cpu_seconds = 20\n")
    assert limits == Limits(cpu_seconds=20, memory_bytes=512 * MIB)
    assert limits.rlimits(own_user=False)["RLIMIT_AS"] == (512 * MIB, 512 * MIB)
