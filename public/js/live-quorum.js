// Progressive enhancement: refresh the quorum panel every 10 seconds while the page is open (the
// "Cập nhật số liệu" link does the same by hand without JavaScript).
(function () {
  var panel = document.getElementById('so-nguoi');
  if (!panel || !window.fetch || !window.DOMParser) return;
  setInterval(function () {
    if (document.hidden) return;
    fetch(location.pathname, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('so-nguoi');
        var current = document.getElementById('so-nguoi');
        if (fresh && current && fresh.querySelector('.reload').dataset.live !== current.querySelector('.reload').dataset.live) current.replaceWith(fresh);
      })
      .catch(function () {});
  }, 10000);
})();
