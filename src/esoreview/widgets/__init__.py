"""Server-side markup for the interactive widgets.

Each widget has a placeholder that ``docs/js/widgets/<name>.js`` upgrades in the browser, and a
static rendering of the same data for readers without JavaScript (and for search engines).
"""
