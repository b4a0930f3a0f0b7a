// Progressive enhancement of the projector page: subscribe to the meeting's Server-Sent Events and swap in the
// panel the server rendered (the page refreshes itself every 5 seconds without JavaScript).
(function () {
  var main = document.getElementById('live');
  if (!main || !window.EventSource) return;
  var es = new EventSource(main.getAttribute('data-stream'));
  es.addEventListener('update', function (e) {
    var nl = e.data.indexOf('\n');
    main.innerHTML = nl < 0 ? '' : e.data.slice(nl + 1);
    main.setAttribute('data-last', e.data.slice(0, nl));
  });
})();
