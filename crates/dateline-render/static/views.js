// Counts this reading when the page came from a cache (a CDN, the browser)
// without the server seeing it. The server folds this and its own count
// into one view per reader, article and day; no cookie is read or set.
(function () {
  "use strict";
  var me = document.currentScript;
  var target = me && me.getAttribute("data-view");
  if (target && navigator.sendBeacon) {
    navigator.sendBeacon(target);
  }
})();
