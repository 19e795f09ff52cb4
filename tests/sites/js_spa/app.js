// A tiny single-page app: the server sends an empty shell, this script draws every page.
(function () {
  var root = document.getElementById("root");
  var nav = '<header><nav><a href="/">Home</a> <a href="/contact/">Contact</a></nav></header>';
  if (location.pathname.indexOf("/contact") === 0) {
    root.innerHTML = nav + '<main><h1>Contact the studio</h1><p>Email ' +
      '<a href="mailto:hello@stitchstudio-fixture.co.uk">hello@stitchstudio-fixture.co.uk</a> or call ' +
      '<a href="tel:+442079460123">020 7946 0123</a>.</p></main>';
  } else {
    // Routers rewrite the address: the page is still the one fetched at "/".
    history.replaceState(null, "", "/home");
    root.innerHTML = nav + '<main><h1>Stitch Studio</h1><p>Sewing classes for beginners ' +
      'and improvers, in small groups, every weekday evening.</p></main>';
  }
})();
