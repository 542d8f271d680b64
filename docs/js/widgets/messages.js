// Plain-language wording for what a widget shows when a call fails. The bridge's messages are
// written for developers (module names, milliseconds, Pyodide internals); readers get what
// happened and what to do, and the technical text goes to the console for bug reports.

export function plainMessage(error) {
  const text = String(error?.message ?? error ?? "");
  if (error?.name === "RuntimeFailure") {
    console.warn(text);
    if (text.includes("could not start")) {
      if (navigator.onLine === false) {
        return (
          "You are offline and Python has not been saved on this device yet. " +
          "Connect once and reload this page; after that it works offline."
        );
      }
      return (
        "Python could not start in your browser. Reload the page to try again; if it keeps " +
        "failing, your browser may be blocking WebAssembly."
      );
    }
    if (text.includes("ran longer than")) {
      return "This calculation took too long and was stopped. Try less extreme values.";
    }
    return "Python in your browser stopped unexpectedly and is restarting. Try again in a moment.";
  }
  if (error?.field) {
    // "t: 'T9' is not valid; allowed values: ..." -> "'T9' is not valid. Allowed values: ..."
    const withoutField = text.startsWith(`${error.field}: `) ? text.slice(error.field.length + 2) : text;
    return withoutField.replace(/; allowed values: /, ". Allowed values: ");
  }
  return text;
}
