// The floor page's worker: boot Pyodide, load numpy, run one block's code, reply once.
// `steps` are in this worker's clock plus its time origin, so the page can put them in its own.
self.addEventListener("message", async ({ data }) => {
  const lines = [];
  const steps = {};
  const step = (name) => {
    steps[name] = performance.timeOrigin + performance.now();
  };
  try {
    const { loadPyodide } = await import(new URL("pyodide.mjs", data.indexURL).href);
    step("imported");
    const pyodide = await loadPyodide({
      indexURL: data.indexURL,
      stdout: (line) => lines.push(line),
      stderr: (line) => lines.push(line),
    });
    step("booted");
    await pyodide.loadPackage(["numpy"], { messageCallback: () => {} });
    step("pythonReady");
    pyodide.runPython(data.code);
    step("ran");
    self.postMessage({ ok: true, stdout: lines.join("\n"), steps });
  } catch (error) {
    const message = String(error?.message ?? error);
    self.postMessage({ ok: false, stdout: lines.join("\n"), error: message, steps });
  }
});
