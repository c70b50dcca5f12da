// Drawing only: figures arrive as plotly JSON computed by the C# library running in WebAssembly.
window.kzExplorer = {
  // plotly.js is fetched when the first chart is drawn (the scoring page has none): the workbench's bundle, whose file
  // name kzmig explore writes into <meta name="kz-plotly">.
  plotly: null,
  loadPlotly: function () {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (window.kzExplorer.plotly) return window.kzExplorer.plotly;
    var meta = document.querySelector('meta[name="kz-plotly"]');
    var src = meta && meta.content;
    window.kzExplorer.plotly = new Promise(function (resolve, reject) {
      if (!src) { reject(new Error('no plotly.js beside index.html (the site was not built by kzmig explore)')); return; }
      var s = document.createElement('script');
      s.src = src;
      s.onload = function () { window.Plotly ? resolve(window.Plotly) : reject(new Error(src + ' did not define Plotly')); };
      s.onerror = function () { reject(new Error(src + ' could not be loaded')); };
      document.head.appendChild(s);
    });
    window.kzExplorer.plotly.catch(function () { window.kzExplorer.plotly = null; });
    return window.kzExplorer.plotly;
  },
  draw: async function (id, json) {
    var el = document.getElementById(id);
    if (!el) return;
    var Plotly;
    try { Plotly = await window.kzExplorer.loadPlotly(); }
    catch (e) { el.textContent = 'plotly.js did not load: ' + e.message; return; }
    var fig = JSON.parse(json);
    await Plotly.react(el, fig.data, fig.layout, { displaylogo: false, responsive: true });
  },
  // Timings read by bench/explorer: the app's start (app, data, computed, rendered) and the last redraw.
  marks: [],
  mark: function (name) { window.kzExplorer.marks.push({ name: name, t: performance.now() }); }
};
