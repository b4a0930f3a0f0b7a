// Progressive enhancement: drag agenda items to reorder them. Without JavaScript the ↑/↓ buttons do the same.
(function () {
  var list = document.querySelector('ol.agenda[data-reorder]');
  if (!list || !window.fetch) return;
  var dragged = null;
  list.querySelectorAll('li.agenda-item').forEach(function (li) {
    li.draggable = true;
    li.addEventListener('dragstart', function () { dragged = li; li.classList.add('dragging'); });
    li.addEventListener('dragend', function () { li.classList.remove('dragging'); save(); });
    li.addEventListener('dragover', function (e) {
      e.preventDefault();
      if (!dragged || dragged === li) return;
      var r = li.getBoundingClientRect();
      list.insertBefore(dragged, e.clientY < r.top + r.height / 2 ? li : li.nextSibling);
    });
  });
  function save() {
    var body = new URLSearchParams();
    body.append('_csrf', list.dataset.csrf);
    body.append('version', list.dataset.version);
    list.querySelectorAll('li.agenda-item').forEach(function (li) { body.append('order', li.dataset.id); });
    fetch(list.dataset.reorder, { method: 'POST', body: body, headers: { 'x-requested-with': 'fetch', accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
      .then(function (x) { if (!x.ok) alert(x.j.error || 'Không lưu được thứ tự.'); location.reload(); })
      .catch(function () { location.reload(); });
  }
})();
