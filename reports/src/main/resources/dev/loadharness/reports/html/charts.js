// Draws every chart of the data island with uPlot. Each chart container's data-drawn attribute
// becomes true (or empty, or error) and data-points its number of points, so tests (and people) can
// tell a drawn chart from an empty one; the body gets data-charts-drawn when all charts are done.
(function () {
  "use strict";
  var COLORS = ["#0969da", "#cf222e", "#1a7f37", "#8250df", "#bc4c00", "#1b7c83", "#6e7781", "#bf3989"];
  var AXIS_FONT = "12px system-ui, -apple-system, sans-serif";
  var LABEL_GAP = 16;
  var measure = document.createElement("canvas").getContext("2d");

  function textWidth(text) {
    measure.font = AXIS_FONT;
    return measure.measureText(text || "").width;
  }

  // The x tick labels as drawn: [text, left, right] in CSS pixels from the plot's left edge. uPlot hands
  // the ticks it chose to the axis' values function, which keeps them in spec.drawnTicks.
  function labelBoxes(u, spec) {
    var boxes = [];
    var ticks = spec.drawnTicks || { splits: [], labels: [] };
    ticks.splits.forEach(function (v, i) {
      var text = ticks.labels[i];
      if (!text) { return; }
      var centre = u.valToPos(v, "x");
      var w = textWidth(text);
      boxes.push([text, Math.round((centre - w / 2) * 10) / 10, Math.round((centre + w / 2) * 10) / 10]);
    });
    return boxes;
  }

  // y limits of the metric (no negative latency, ratios within 0..1) applied to uPlot's padded range.
  function yRange(spec, logY) {
    if (logY || (spec.yMin == null && spec.yMax == null)) { return undefined; }
    return function (u, min, max) {
      var r = uPlot.rangeNum(min, max, 0.1, true);
      if (spec.yMin != null) { r[0] = Math.max(spec.yMin, r[0]); }
      if (spec.yMax != null) { r[1] = Math.min(spec.yMax, r[1]); }
      if (!(r[1] > r[0])) { r = [r[0], r[0] + 1]; }
      return r;
    };
  }

  function percentileLabel(x) {
    var p = 100 * (1 - 1 / x);
    if (p <= 0) { return "0%"; }
    return (Math.round(p * 10000) / 10000) + "%";
  }

  function xAxis(spec) {
    if (spec.xKind === "percentile") {
      // one tick per "nine": 0%, 90%, 99%, 99.9%, ...
      return {
        label: "percentile",
        splits: function (u) {
          var ticks = [];
          for (var x = 1; x <= u.scales.x.max * 1.0001; x *= 10) { ticks.push(x); }
          return ticks;
        },
        values: function (u, splits) { return splits.map(percentileLabel); }
      };
    }
    if (spec.xKind === "index") {
      // Label only as many runs as fit: the tick step (1, 2, 5, 10, ... runs) is the smallest whose spacing
      // exceeds the widest label plus a gap, measured with the axis font. The ticks drawn are kept on the
      // chart (data-x-labels) so tests can check that no two labels overlap.
      var widest = 0;
      spec.xLabels.forEach(function (l) { widest = Math.max(widest, textWidth(l)); });
      return {
        label: spec.xTitle || "run (start time, UTC)",
        font: AXIS_FONT,
        space: widest + LABEL_GAP,
        incrs: [1, 2, 3, 4, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000],
        values: function (u, splits) {
          var labels = splits.map(function (v) {
            var i = Math.round(v);
            return (Math.abs(v - i) < 1e-9 && spec.xLabels[i]) ? spec.xLabels[i] : "";
          });
          spec.drawnTicks = { splits: splits, labels: labels };
          return labels;
        }
      };
    }
    if (spec.xKind === "value") {
      // A measured quantity on x (offered load): a linear axis with the chart's own title.
      return { label: spec.xTitle || "x", font: AXIS_FONT };
    }
    return { label: "elapsed (s)" };
  }

  function draw(spec) {
    var box = document.getElementById(spec.id);
    if (!box) { throw new Error("no container for chart " + spec.id); }
    var target = box.querySelector(".plot");
    var points = 0;
    spec.series.forEach(function (s) {
      s.values.forEach(function (v) { if (v !== null) { points++; } });
    });
    if (points === 0) {
      target.innerHTML = "<p class=\"empty\">no samples recorded for this chart</p>";
      box.setAttribute("data-drawn", "empty");
      box.setAttribute("data-points", "0");
      return;
    }
    var xName = { percentile: "percentile", index: spec.xTitle || "run", value: spec.xTitle || "x" }[spec.xKind] || "t (s)";
    var series = [{ label: xName,
                    value: spec.xKind === "percentile" ? function (u, v) { return v == null ? "" : percentileLabel(v); }
                         : (spec.xKind === "index" ? function (u, v) {
                             return v == null ? "" : ((spec.xDetails || [])[v] || spec.xLabels[v] || v);
                           } : undefined) }];
    spec.series.forEach(function (s, i) {
      series.push({ label: s.label, stroke: COLORS[i % COLORS.length], width: 1.5,
                    dash: s.dashed ? [6, 4] : undefined, spanGaps: spec.xKind === "value",
                    points: { show: spec.xKind === "index" || spec.xKind === "value" } });
    });
    // Latency curves of different metrics span orders of magnitude (ms starts, s end-to-end): log y.
    var logY = spec.xKind === "percentile";
    var data = [spec.x].concat(spec.series.map(function (s) {
      return logY ? s.values.map(function (v) { return v !== null && v > 0 ? v : null; }) : s.values;
    }));
    var opts = {
      width: Math.max(480, Math.min(target.clientWidth || 520, 1040)),
      height: 260,
      scales: {
        x: spec.xKind === "percentile" ? { time: false, distr: 3 } : { time: false },
        y: logY ? { distr: 3 } : (yRange(spec, logY) ? { range: yRange(spec, logY) } : {})
      },
      axes: [xAxis(spec), { label: spec.yLabel, size: 64 }],
      series: series,
      bands: (spec.bands || []).map(function (b) { return { series: b, fill: "rgba(9,105,218,0.10)" }; })
    };
    if (spec.xKind === "index") {
      opts.hooks = { draw: [function (u) { box.setAttribute("data-x-labels", JSON.stringify(labelBoxes(u, spec))); }] };
    }
    new uPlot(opts, data, target);
    box.setAttribute("data-drawn", "true");
    box.setAttribute("data-points", String(points));
  }

  var island = document.getElementById("report-data");
  var specs = JSON.parse(island.textContent).charts;
  var drawn = 0;
  specs.forEach(function (spec) {
    try {
      draw(spec);
      drawn++;
    } catch (e) {
      console.error("chart " + spec.id + " failed: " + e);
      var box = document.getElementById(spec.id);
      if (box) { box.setAttribute("data-drawn", "error"); }
    }
  });
  document.body.setAttribute("data-charts-drawn", String(drawn));
})();
