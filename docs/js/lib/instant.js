// Keeps inline data blocks (<script type="application/json">: figure data, anchor aliases)
// intact across Material's instant navigation.
//
// After swapping in a new page, Material re-creates every <script> of the content so that it
// runs; for an inline script it copies only the text, not the attributes. A JSON data block
// would lose its type and class: it would become an inline script that the Content-Security-
// Policy refuses (a console error on every page change) and that page scripts can no longer
// find. The theme does the swap with Element.replaceWith, so a script being replaced by a bare
// copy of itself gets its attributes back; executable scripts are left exactly as the theme
// handles them.

const EXECUTABLE = new Set(["", "text/javascript", "application/javascript", "module"]);

function isInertScript(node) {
  const type = (node.getAttribute("type") ?? "").trim().toLowerCase();
  return node.localName === "script" && !node.hasAttribute("src") && !EXECUTABLE.has(type);
}

if (!Element.prototype.replaceWith.esoreviewKeepsData) {
  const replaceWith = Element.prototype.replaceWith;
  const keepData = function (...nodes) {
    const [copy] = nodes;
    if (
      nodes.length === 1 &&
      copy instanceof Element &&
      copy.localName === "script" &&
      copy.attributes.length === 0 &&
      isInertScript(this) &&
      copy.textContent === this.textContent
    ) {
      for (const name of this.getAttributeNames()) {
        copy.setAttribute(name, this.getAttribute(name));
      }
    }
    return replaceWith.apply(this, nodes);
  };
  keepData.esoreviewKeepsData = true;
  Element.prototype.replaceWith = keepData;
}
