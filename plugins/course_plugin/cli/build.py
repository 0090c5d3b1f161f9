"""The one site build the commands share: `course offline`, `course pdf`, `course scorm` (the site
for file://, with Material's offline plugin) and `course bench` (a plain timed build)."""

from __future__ import annotations

import time
from pathlib import Path

from .project import ROOT


def read_config(config_file: Path = ROOT / "mkdocs.yml") -> dict:
    """mkdocs.yml as written (MkDocs' own YAML loader: !ENV and the like)."""
    from mkdocs.utils import yaml_load

    with open(config_file, encoding="utf-8") as f:
        return yaml_load(f) or {}


def site_plugins(config_file: Path = ROOT / "mkdocs.yml") -> list:
    """The ``plugins`` list of mkdocs.yml as written."""
    return list(read_config(config_file).get("plugins") or [])


def _name(plugin) -> str:
    return plugin if isinstance(plugin, str) else next(iter(plugin))


def with_course_options(plugins: list, course_options: dict | None) -> list:
    """The ``plugins`` list with ``course_options`` added to the ``course`` plugin's options."""
    if not course_options:
        return plugins
    return [{"course": {**((p.get("course") if isinstance(p, dict) else None) or {}), **course_options}}
            if _name(p) == "course" else p for p in plugins]


def offline_overrides(config_file: Path, course_options: dict | None = None) -> dict:
    """The configuration changes of a build for file://: Material's offline plugin added,
    ``course_options`` added to the ``course`` plugin's options, .html links."""
    plugins = site_plugins(config_file)
    if not any(_name(p) in ("offline", "material/offline") for p in plugins):
        plugins.append("material/offline")
    return {"plugins": with_course_options(plugins, course_options), "use_directory_urls": False}


def build_site(site_dir: Path, config_file: Path = ROOT / "mkdocs.yml", course_options: dict | None = None,
               *, offline: bool = True, strict: bool = True, **overrides) -> tuple[float, float]:
    """Build the site into ``site_dir``; return the wall-clock and CPU seconds ``build()`` took.

    ``offline`` (the default) builds for file:// (see offline_overrides), ``course_options`` are added
    to the ``course`` plugin's, ``overrides`` to the configuration (scorm builds its packages this
    way: another nav, excluded pages)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    if offline:
        overrides = {**offline_overrides(config_file, course_options), **overrides}
    elif course_options:
        overrides = {"plugins": with_course_options(site_plugins(config_file), course_options), **overrides}
    config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict, **overrides)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        start, cpu = time.perf_counter(), time.process_time()
        build(config)
        return time.perf_counter() - start, time.process_time() - cpu
    finally:
        config.plugins.on_shutdown()
