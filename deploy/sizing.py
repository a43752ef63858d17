"""Print the sizing table of deploy/README.md from deploy/sizing.yml.

One source for the figures: the README's table, the Helm values' memory and CPU per learner
and the tests all come from ``sizing.yml``, so they cannot drift apart.

    python deploy/sizing.py          # the Markdown table
    python deploy/sizing.py --helm   # singleuser.memory / singleuser.cpu for values.yaml
"""

from __future__ import annotations

import argparse
import math
from dataclasses import dataclass
from pathlib import Path

import yaml

SIZING = Path(__file__).resolve().parent / "sizing.yml"


@dataclass(frozen=True)
class PerLearner:
    """What one active learner's server is given, and what a room is planned on."""

    guarantee_mib: int  # what the learner surely holds: server and idle kernels
    planned_mib: int  # server and kernels with charts loaded: what nodes are sized on
    limit_mib: int  # planned figure with headroom: above it the kernel is killed
    cpu_guarantee: float
    cpu_limit: float


@dataclass(frozen=True)
class Row:
    learners: int
    ram_planned_gib: float
    ram_guaranteed_gib: float
    cpu_cores: float
    disk_gib: int
    nodes: int


def load(path: Path = SIZING) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _round_up(mib: float, step: int) -> int:
    return int(math.ceil(mib / step) * step)


def per_learner(sizing: dict) -> PerLearner:
    """The rule: the larger of the JupyterLab view (youth) and the Voilà view (seniors)."""
    m = {key: entry["value"] for key, entry in sizing["measured"].items()}
    a = sizing["assumed"]
    kernels, step = a["kernels_open"]["value"], a["round_mib"]["value"]
    idle = max(m["lab_server_mib"] + kernels * m["kernel_idle_mib"],
               m["voila_server_mib"] + kernels * m["voila_kernel_mib"])
    planned = max(m["lab_server_mib"], m["voila_server_mib"]) + kernels * m["kernel_charts_mib"]
    return PerLearner(
        guarantee_mib=_round_up(idle, step),
        planned_mib=planned,
        limit_mib=_round_up(planned * a["limit_headroom"]["value"], step),
        cpu_guarantee=a["cpu_guarantee"]["value"],
        cpu_limit=a["cpu_limit"]["value"],
    )


def helm_figures(sizing: dict) -> dict:
    """``singleuser.memory`` and ``singleuser.cpu`` as values.yaml writes them (KubeSpawner
    reads the ``M`` suffix as MiB)."""
    one = per_learner(sizing)
    return {"memory": {"guarantee": f"{one.guarantee_mib}M", "limit": f"{one.limit_mib}M"},
            "cpu": {"guarantee": one.cpu_guarantee, "limit": one.cpu_limit}}


def row(sizing: dict, learners: int) -> Row:
    """One scale: RAM and CPU for ``learners`` active at once, and the nodes to hold them."""
    one, a = per_learner(sizing), sizing["assumed"]
    node = a["node"]
    planned = learners * one.planned_mib / 1024
    cpu = learners * one.cpu_guarantee
    user_nodes = max(math.ceil(planned / node["allocatable_ram_gib"]),
                     math.ceil(cpu / node["allocatable_vcpu"]))
    return Row(learners=learners, ram_planned_gib=planned,
               ram_guaranteed_gib=learners * one.guarantee_mib / 1024, cpu_cores=cpu,
               disk_gib=learners * a["home_gib"]["value"],
               nodes=user_nodes + a["core_nodes"]["value"])


def table(sizing: dict) -> str:
    """The Markdown table, as deploy/README.md shows it."""
    node = sizing["assumed"]["node"]
    lines = [
        "| apprenants actifs / active learners | RAM prévue / planned (GiB) "
        "| RAM garantie / guaranteed (GiB) | cœurs / CPU cores | disque / disk (GiB) "
        f"| nœuds / nodes ({node['vcpu']} vCPU, {node['ram_gib']} GiB) |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for learners in sizing["scales"]:
        r = row(sizing, learners)
        lines.append(f"| {r.learners} | {r.ram_planned_gib:.1f} | {r.ram_guaranteed_gib:.1f} "
                     f"| {r.cpu_cores:g} | {r.disk_gib} | {r.nodes} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--helm", action="store_true",
                         help="print singleuser.memory and singleuser.cpu for values.yaml")
    args = options.parse_args(argv)
    sizing = load()
    if args.helm:
        print(yaml.safe_dump(helm_figures(sizing), sort_keys=True), end="")
    else:
        print(table(sizing))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
