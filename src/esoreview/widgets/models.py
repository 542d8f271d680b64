"""Markup for the kinetic-model widgets: a placeholder carrying the model's description.

A notebook places a widget with ``display(HTML(widget_html("tumour_immune")))``. The host
element names the model (``data-model``) and carries :func:`esoreview.kinetics.api.describe`
as JSON (``data-spec``): parameters, limits, presets and plot hints. ``docs/js/widgets/models.js``
renders the form from it at once, before Python has started, and sends only ``run`` calls to
the Pyodide worker. So the page can never offer a parameter, limit or preset the model does not
have, and adding a model needs no change to any script.

Readers without JavaScript see the ``<noscript>`` note. The notebook's static figure that follows
the widget (drawn by plotly.js, so it too needs JavaScript) stands in when Python cannot start;
otherwise the script hides it before the reader reaches it.
"""

from __future__ import annotations

import json
from html import escape

from esoreview.kinetics import api

__all__ = ["widget_html"]

_NOSCRIPT = (
    "This interactive model ({title}) runs Python in your browser and needs JavaScript; "
    "the text around it describes what it shows."
)


def widget_html(model: str) -> str:
    """The host element of the widget for ``model`` (a name from ``api.model_names()``)."""
    if model not in api.model_names():
        known = ", ".join(api.model_names())
        raise ValueError(f"widget_html: unknown kinetic model {model!r}; known models: {known}")
    spec = api.describe(model)
    payload = escape(json.dumps(spec, separators=(",", ":"), allow_nan=False), quote=True)
    note = escape(_NOSCRIPT.format(title=spec["title"]))
    return (
        f'<div class="eso-widget" data-widget="model" data-model="{escape(model, quote=True)}" '
        f'data-spec="{payload}">'
        f'<noscript><p class="eso-noscript">{note}</p></noscript>'
        "</div>"
    )
