// Drawing only: figures arrive as plotly JSON computed by the C# library running in WebAssembly.
window.kzExplorer = {
  draw: function (id, json) {
    var el = document.getElementById(id);
    if (!el) return;
    if (!window.Plotly) { el.textContent = 'plotly.js did not load (plotly-2.28.0.min.js missing beside index.html)'; return; }
    var fig = JSON.parse(json);
    window.Plotly.react(el, fig.data, fig.layout, { displaylogo: false, responsive: true });
  },
  // Timing of the last redraw (control change → heatmap in the DOM), read by bench/explorer.
  marks: [],
  mark: function (name) { window.kzExplorer.marks.push({ name: name, t: performance.now() }); }
};
