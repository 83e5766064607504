(function () {
  'use strict';
  // Progressive enhancement only: the page is complete without this script.
  var bar = document.getElementById('tl-filter');
  var table = document.getElementById('tl-rows');
  if (bar && table && table.tBodies[0]) {
    var rows = table.tBodies[0].rows;
    var host = document.getElementById('tl-host');
    var tier = document.getElementById('tl-tier');
    var boxes = bar.querySelectorAll('input[type=checkbox]');
    var count = document.getElementById('tl-count');
    var apply = function () {
      var sev = Object.create(null);
      for (var i = 0; i < boxes.length; i++) sev[boxes[i].value] = boxes[i].checked;
      var h = host ? host.value : '';
      var t = tier ? tier.value : '';
      var shown = 0;
      for (var j = 0; j < rows.length; j++) {
        var r = rows[j];
        var ok = (h === '' || r.getAttribute('data-host') === h) && (t === '' || r.getAttribute('data-tier') === t) && sev[r.getAttribute('data-sev')] === true;
        r.hidden = !ok;
        if (ok) shown++;
      }
      if (count) count.textContent = shown + ' of ' + rows.length + ' rows shown';
    };
    if (host) host.addEventListener('change', apply);
    if (tier) tier.addEventListener('change', apply);
    for (var k = 0; k < boxes.length; k++) boxes[k].addEventListener('change', apply);
    bar.hidden = false;
    apply();
  }
})();
