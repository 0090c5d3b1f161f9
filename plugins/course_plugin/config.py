"""Options of the ``course`` plugin in ``mkdocs.yml``."""

from mkdocs.config import base
from mkdocs.config import config_options as c


class CourseConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the whole plugin off (the benchmark builds with and without it)."""

    quizzes_dir = c.Type(str, default="quizzes")
    """Folder of quiz YAML files, relative to mkdocs.yml."""

    help_contacts_file = c.Type(str, default="data/help-contacts.yml")
    """The help contacts (README "Help contacts"), relative to mkdocs.yml; needed only by pages with
    the marker ``<!-- course: help-contacts -->``."""

    require_reviewed = c.Type(bool, default=False)
    """Fail the build when a page has no ``reviewed: YYYY-MM`` front matter (the course sets it)."""

    templates_dir = c.Type(str, default="overrides/course")
    """Folder (relative to mkdocs.yml) whose templates override the plugin's own, if it exists."""

    check_languages = c.Type(bool, default=True)
    """Fail the build when a page exists in one language and not in another."""

    exit_url = c.Optional(c.Type((str, dict)))
    """Where "Exit this page" and Shift x3 go: a neutral page that reveals nothing about the course.
    One absolute https URL for every language, or a mapping language -> URL; unset, the defaults
    of ``safety.DEFAULT_EXIT_URLS`` (checked by ``safety.exit_urls``; see README "Quick exit")."""

    discreet = c.Type(bool, default=False)
    """Give every page a neutral browser-tab title and icon."""

    discreet_title = c.Type(dict, default={})
    """The neutral tab title per language in discreet mode ({code: title}); a language not listed
    takes ``discreet_title`` of its strings/<lang>.yml ("Notes", "Заметки")."""

    strings_dir = c.Optional(c.Type(str))
    """A folder (relative to mkdocs.yml) of the site's own strings/<lang>.yml files, used instead of
    the packaged ones: a site can add a language without changing the package."""

    certificate_keys = c.Type(list, default=[])
    """Ed25519 public keys (base64url of the 32 raw bytes) whose trainer certificates the Verify
    page accepts; several for key rotation. ``scripts/certificates.py keygen`` prints the line."""

    certificate_revoked = c.Type(list, default=[])
    """Ids (``XXXX-XXXX-XXXX``) of withdrawn trainer certificates: the Verify page shows them as revoked."""

    record_form = c.Type(str, default="forms/record.yml")
    """The Module II record form's data file (relative to mkdocs.yml; format in forms/README.md),
    placed on a page by ``<!-- course: record-form -->``."""

    record_recipients = c.Type(list, default=[])
    """Organisations a record can be sealed for: ``{name: TEXT or {lang: TEXT}, key: X25519_PUBLIC_KEY}``
    (base64url of the 32 raw bytes); ``scripts/records.py keygen`` prints the line."""

    classic_scripts = c.Type(bool, default=False)
    """Load the course's scripts as classic deferred scripts instead of ES modules. Needed when the
    site is opened from disk (file://), where browsers refuse module scripts; on by itself when
    Material's offline plugin is enabled (as in the offline copy made by scripts/offline.py)."""

    scorm = c.Type(bool, default=False)
    """The SCORM 1.2 learner package (set by scripts/scorm.py, never in mkdocs.yml): every page
    loads assets/course/scorm.js, links to the guidebook become text, no language switcher."""

    present_pages = c.ListOfItems(c.Type(str), default=["module-*/*", "guidebook/*"])
    """Pages (paths inside a language folder, shell patterns) that get a Present button and slides."""

    handout_pages = c.ListOfItems(c.Type(str), default=["module-*/*"])
    """Participants' handouts: pages whose trainer notes are left out when printed."""

    listen_pages = c.ListOfItems(c.Type(str), default=["module-*/*", "guidebook/*"])
    """Pages (paths inside a language folder, shell patterns) that get the Listen control (README "Listen")."""

    # Results from the room (README "Session results"): the two exam quizzes the Session results page compares
    session_pre_test = c.Type(str, default="pretest")
    session_post_test = c.Type(str, default="posttest")
