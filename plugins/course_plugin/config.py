"""Options of the ``course`` plugin in ``mkdocs.yml``."""

from mkdocs.config import base
from mkdocs.config import config_options as c


class CourseConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the whole plugin off (the benchmark builds with and without it)."""

    quizzes_dir = c.Type(str, default="quizzes")
    """Folder of quiz YAML files, relative to mkdocs.yml."""

    templates_dir = c.Type(str, default="overrides/course")
    """Folder (relative to mkdocs.yml) whose templates override the plugin's own, if it exists."""

    check_languages = c.Type(bool, default=True)
    """Fail the build when a page exists in one language and not in another."""

    exit_url = c.Type(str, default="https://www.bbc.co.uk/weather")
    """Where "Exit this page" and Shift x3 go: a neutral page that reveals nothing about the course."""

    discreet = c.Type(bool, default=False)
    """Give every page a neutral browser-tab title and icon."""

    discreet_title = c.Type(dict, default={"en": "Notes", "ru": "Заметки"})
    """The neutral tab title per language in discreet mode."""

    present_pages = c.ListOfItems(c.Type(str), default=["module-*/*", "guidebook/*"])
    """Pages (paths inside a language folder, shell patterns) that get a Present button and slides."""

    handout_pages = c.ListOfItems(c.Type(str), default=["module-*/*"])
    """Participants' handouts: pages whose trainer notes are left out when printed."""
