// The floor page's worker: boot Pyodide, load numpy, run one block's code, reply once.
self.addEventListener("message", async ({ data }) => {
  const lines = [];
  try {
    const { loadPyodide } = await import(new URL("pyodide.mjs", data.indexURL).href);
    const pyodide = await loadPyodide({
      indexURL: data.indexURL,
      stdout: (line) => lines.push(line),
      stderr: (line) => lines.push(line),
    });
    await pyodide.loadPackage(["numpy"], { messageCallback: () => {} });
    pyodide.runPython(data.code);
    self.postMessage({ ok: true, stdout: lines.join("\n") });
  } catch (error) {
    self.postMessage({ ok: false, stdout: lines.join("\n"), error: String(error?.message ?? error) });
  }
});
