"""Help contacts: one data file (``data/help-contacts.yml``), validated at build, shown by a marker."""
