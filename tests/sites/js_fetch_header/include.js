function includeHTML(id, url) {
  fetch(url).then(function (r) { return r.text(); }).then(function (html) {
    document.getElementById(id).innerHTML = html;
  });
}
