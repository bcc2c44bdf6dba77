// Analytics: draws each chart from the figures the page carries in its canvas's data-chart
// attribute (the Content-Security-Policy forbids inline script). The table beside each chart
// holds the same figures for anyone who cannot see the chart.
(function () {
  "use strict";

  var COLOURS = ["#0b5d6b", "#c0631a", "#5b4a9e", "#2f7d32"];

  function draw(canvas) {
    var chart = JSON.parse(canvas.dataset.chart);
    var line = chart.type === "line";
    var many = chart.datasets.length > 1;
    chart.datasets.forEach(function (set, i) {
      set.backgroundColor = COLOURS[i % COLOURS.length];
      set.borderColor = COLOURS[i % COLOURS.length];
      if (line) {
        // Straight segments: a smoothed curve would dip between months that had the same count.
        set.tension = 0;
        set.pointRadius = 4;
      }
    });
    new window.Chart(canvas, {
      type: chart.type,
      data: { labels: chart.labels, datasets: chart.datasets },
      options: {
        // Drawn at once: a front desk reads the figures, and a screenshot shows them.
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        // Partners' names read better down the side than slanted under the bars.
        indexAxis: line ? "x" : "y",
        plugins: { legend: { display: many } },
        // Counts, days and dollars: whole numbers on the value axis.
        scales: line ? { y: { beginAtZero: true, ticks: { precision: 0 } } } : { x: { beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.Chart) {
      return;
    }
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  });
})();
