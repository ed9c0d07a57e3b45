// Draws the producer's score % over the window from the canvas's data-points (see producer.html).
(function () {
  var canvas = document.getElementById('score-chart');
  if (!canvas || typeof Chart === 'undefined') { return; }
  var data = JSON.parse(canvas.getAttribute('data-points'));
  new Chart(canvas, {
    type: 'line',
    data: { labels: data.labels, datasets: [{ label: 'score % of the max score', data: data.values, borderColor: '#0a7d32', pointRadius: 0, tension: 0 }] },
    options: { animation: false, maintainAspectRatio: false, scales: { y: { min: 0, max: 100 } } }
  });
  canvas.setAttribute('data-drawn', 'true');
})();
